"""The envoys' admin for negotiations and meetings.

A meeting is logged from its negotiation's page ("Log a meeting"), with the commitments made in it
as inlines. Logging, editing, deleting and the release workflow (submit, publish, return to draft)
all go through ``services``, which hold the rules; the admin only decides what to offer.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ambassador.core.admin import CityScopedAdmin, CityScopedInline, ScopedRelatedFieldListFilter, adopt_saved
from ambassador.core.admin_review import ReturnToDraftForm, ReviewWorkflowMixin, WorkflowButtonsMixin
from ambassador.core.admin_timezones import CityTimeZoneAdminMixin, local_time_label
from ambassador.core.membership import city_of, sees_every_city
from ambassador.core.querysets import visible_queryset
from ambassador.stakeholders.models import City, Organisation

from . import services
from .choices import ReviewState
from .models import (
    CITY_OF_NEGOTIATION,
    STANDALONE_NEEDS_ORGANISATION,
    Meeting,
    Negotiation,
    Topic,
    vague_minutes_reasons,
)
from .revision_admin import MeetingRevisionAdminMixin, NegotiationRevisionAdminMixin


@admin.register(Topic)
class TopicAdmin(CityScopedAdmin):
    list_display = ("name", "slug")

    def save_model(self, request, obj, form, change):
        fields = {name: form.cleaned_data[name] for name in form.changed_data}
        if change:
            saved = services.topic_update(topic=obj, user=request.user, **fields)
        else:
            saved = services.topic_create(user=request.user, **form.cleaned_data)
        adopt_saved(obj, saved)

    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}

    def delete_model(self, request, obj):
        services.topic_delete(topic=obj, user=request.user)


class MeetingInline(CityScopedInline):
    """The negotiation's meetings, to open one; new meetings are logged with "Log a meeting"."""

    model = Meeting
    fields = ("starts_at", "subject", "review_state", "confidentiality", "logged_by")
    readonly_fields = fields
    show_change_link = True
    can_delete = False
    verbose_name_plural = _("meetings (log a new one with “Log a meeting”)")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("logged_by")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class NegotiatingCompanyFilter(admin.RelatedFieldListFilter):
    """The companies in the negotiations the user may see, for lists of what hangs from a negotiation.

    Read from the negotiations (a few per company), not from the listed meetings or commitments.
    """

    def field_choices(self, field, request, model_admin):
        negotiations = visible_queryset(Negotiation, request.user).order_by().values("company_id")
        companies = Organisation.objects.filter(pk__in=negotiations).order_by("name", "pk")
        return [(company.pk, str(company)) for company in companies]


@admin.register(Negotiation)
class NegotiationAdmin(CityTimeZoneAdminMixin, NegotiationRevisionAdminMixin, WorkflowButtonsMixin, CityScopedAdmin):
    """Negotiations; ``is_public`` is set only by the announcement steps (proposed, then announced by a
    second person), never by editing the negotiation."""

    list_display = ("title", "city", "company", "stage", "opened_on", "closed_on", "is_public", "log_meeting_link")
    list_filter = ("city", "company", "stage", "is_public", "topics")
    search_fields = ("title", "slug", "company__name", "public_summary")
    list_select_related = ("city", "company")
    # The lead envoy is a plain select of the city's staff: envoys hold no permission on user
    # accounts, so an autocomplete (served by the user admin) would refuse them.
    autocomplete_fields = ("company",)
    filter_horizontal = ("topics",)
    date_hierarchy = "opened_on"
    prepopulated_fields = {"slug": ("title",)}
    readonly_fields = ("log_meeting_link", "is_public", "announcement_proposed_by", "announcement_proposed_at",
                       "announced_by", "announced_at")
    inlines = [MeetingInline]
    actions = ["propose_announcement", "announce", "withdraw_announcement"]

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        if change and obj.is_public:
            self.propose_revision(request, obj, form)
            return
        if change:
            saved = services.negotiation_update(
                negotiation=obj, user=request.user, **{name: data[name] for name in form.changed_data}
            )
        else:
            saved = services.negotiation_create(user=request.user, **data)
        adopt_saved(obj, saved)

    def save_related(self, request, form, formsets, change):
        # The topics were set by the service; the meetings inline is read-only.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def delete_model(self, request, obj):
        services.negotiation_delete(negotiation=obj, user=request.user,
                                    reason=getattr(request, "withdrawal_reason", ""))

    def time_zone_city(self, request, object_id):
        """Its meetings are listed on the clock of the negotiation's city."""
        negotiation = self.get_object(request, unquote(object_id)) if object_id is not None else None
        return negotiation.city if negotiation is not None else city_of(request.user)

    @admin.display(description=_("log a meeting"))
    def log_meeting_link(self, obj):
        if obj.pk is None:
            return "—"
        url = reverse("admin:negotiations_meeting_add") + "?" + urlencode({"negotiation": obj.pk})
        return format_html('<a class="addlink" href="{}">{}</a>', url, _("Log a meeting"))

    # --- the announcement: proposed by one person, released by another ------------------------------------------

    def has_announce_permission(self, request):
        return self.may(request, "announce")

    def has_submit_permission(self, request):
        return self.may(request, "submit")

    def has_return_permission(self, request):
        return self.may(request, "return")

    @admin.action(description=_("Propose announcing the selected negotiations"), permissions=["submit"])
    def propose_announcement(self, request, queryset):
        self.run_each(
            request, queryset,
            lambda obj: services.negotiation_propose_announcement(negotiation=obj, user=request.user),
            _("%(count)d announcement(s) proposed."),
        )

    @admin.action(description=_("Announce the selected negotiations"), permissions=["announce"])
    def announce(self, request, queryset):
        self.run_each(
            request, queryset, lambda obj: services.negotiation_announce(negotiation=obj, user=request.user),
            _("%(count)d negotiation(s) announced."),
        )

    @admin.action(description=_("Withdraw the announcement of the selected negotiations…"), permissions=["return"])
    def withdraw_announcement(self, request, queryset):
        if "apply" in request.POST:
            form = ReturnToDraftForm(request.POST)
            if form.is_valid():
                reason = form.cleaned_data["reason"]
                self.run_each(
                    request, queryset,
                    lambda obj: services.negotiation_withdraw_announcement(
                        negotiation=obj, user=request.user, reason=reason
                    ),
                    _("%(count)d announcement(s) withdrawn."),
                )
                return HttpResponseRedirect(request.get_full_path())
        else:
            form = ReturnToDraftForm()
        context = {
            **self.admin_site.each_context(request),
            "title": _("Withdraw the announcement"),
            "intro": _("These negotiations leave the public site, with their records, until announced again:"),
            "opts": self.opts,
            "form": form,
            "queryset": queryset,
            "action_name": "withdraw_announcement",
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/review/return_to_draft.html", context)

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        steps = [
            path("<path:object_id>/propose-announcement/", self.admin_site.admin_view(self.propose_view),
                 name=f"{prefix}_propose_announcement"),
            path("<path:object_id>/announce/", self.admin_site.admin_view(self.announce_view),
                 name=f"{prefix}_announce"),
            path("<path:object_id>/withdraw-announcement/", self.admin_site.admin_view(self.withdraw_view),
                 name=f"{prefix}_withdraw_announcement"),
        ]
        return steps + super().get_urls()

    def workflow_steps(self, request, obj) -> list[dict]:
        steps = []
        proposed = obj.announcement_proposed_at is not None
        if not obj.is_public and not proposed and self.may(request, "submit", obj):
            steps.append({"label": _("Propose the announcement"),
                          "url": self.workflow_url("propose_announcement", obj), "method": "post"})
        if not obj.is_public and proposed and services.can_announce(negotiation=obj, user=request.user):
            steps.append({"label": _("Announce"), "url": self.workflow_url("announce", obj), "method": "post"})
        if (obj.is_public or proposed) and self.may(request, "return", obj):
            steps.append({"label": _("Withdraw the announcement…"),
                          "url": self.workflow_url("withdraw_announcement", obj), "method": "get"})
        return steps + self.revision_steps(request, obj)

    def propose_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        obj = self.workflow_object(request, object_id)
        if not self.may(request, "submit", obj):
            raise PermissionDenied
        return self.run_one(
            request, obj, lambda: services.negotiation_propose_announcement(negotiation=obj, user=request.user),
            _("The announcement is proposed; someone else on the council staff releases it."),
        )

    def announce_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        obj = self.workflow_object(request, object_id)
        # The service refuses those who may not announce, and the person who proposed it (a 403).
        return self.run_one(
            request, obj, lambda: services.negotiation_announce(negotiation=obj, user=request.user),
            _("The negotiation is announced."),
        )

    def withdraw_view(self, request, object_id):
        obj = self.workflow_object(request, object_id)
        if not self.may(request, "return", obj):
            raise PermissionDenied
        form = ReturnToDraftForm(request.POST if request.method == "POST" else None)
        if form.is_valid():
            reason = form.cleaned_data["reason"]
            return self.run_one(
                request, obj,
                lambda: services.negotiation_withdraw_announcement(negotiation=obj, user=request.user, reason=reason),
                _("The announcement is withdrawn."),
            )
        return self.reason_page(
            request, obj, form=form, title=_("Withdraw the announcement"),
            intro=_("“%(record)s” leaves the public site, with its records, until it is announced again.")
            % {"record": obj},
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "lead_envoy":
            users = get_user_model().objects.filter(is_active=True, is_staff=True)
            if not sees_every_city(request.user):
                users = users.filter(city_membership__city=city_of(request.user))
            kwargs["queryset"] = users
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class MeetingAdminForm(forms.ModelForm):
    class Meta:
        model = Meeting
        # The admin narrows this to the fields in MeetingAdmin.fieldsets.
        fields = "__all__"  # noqa: DJ007

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "city" in self.fields:
            # A meeting in a negotiation takes the negotiation's city.
            self.fields["city"].required = False
            self.fields["city"].help_text = _("For a meeting outside any negotiation; one in a negotiation is "
                                              "of the negotiation's city.")

    def clean(self):
        cleaned = super().clean()
        negotiation = cleaned.get("negotiation") if "negotiation" in self.fields else self.instance.negotiation
        if "city" in self.fields:
            if negotiation is not None:
                if cleaned.get("city") is not None and cleaned["city"] != negotiation.city:
                    self.add_error("city", CITY_OF_NEGOTIATION)
                else:
                    cleaned["city"] = negotiation.city
                    self.instance.city = negotiation.city
            elif cleaned.get("city") is None and "negotiation" not in self.errors:
                self.add_error("city", _("Name the city that held the meeting, or choose the negotiation."))
        standalone = negotiation is None and "organisations" in self.fields
        if standalone and "organisations" not in self.errors and not cleaned.get("organisations"):
            self.add_error("organisations", STANDALONE_NEEDS_ORGANISATION)
        self.vague_reasons = vague_minutes_reasons(
            main_points=cleaned.get("minutes_main_points") or "",
            positions=cleaned.get("minutes_positions") or "",
            conclusions=cleaned.get("minutes_conclusions") or "",
        )
        return cleaned


@admin.register(Meeting)
class MeetingAdmin(CityTimeZoneAdminMixin, MeetingRevisionAdminMixin, ReviewWorkflowMixin, CityScopedAdmin):
    """Meetings, their dates and times typed and shown on the clock of the meeting's city.

    A meeting is logged in a negotiation ("Log a meeting" on its page) or, with unions, civil
    society or academics on a topic, outside any: then it names its city (the envoy's own) and the
    organisations present."""

    form = MeetingAdminForm
    city_time_fields = ("starts_at",)
    list_display = ("subject", "negotiation", "city", "local_starts_at", "confidentiality", "review_state",
                    "minutes_quality", "logged_by", "disclosure_lag_display")
    list_filter = (("city", ScopedRelatedFieldListFilter), ("negotiation", admin.EmptyFieldListFilter),
                   ("negotiation__company", NegotiatingCompanyFilter), "negotiation__stage",
                   "confidentiality", "review_state", "format", "topic", ("starts_at", admin.DateFieldListFilter))
    search_fields = ("subject", "location", "minutes_main_points", "minutes_positions", "minutes_conclusions",
                     "negotiation__title")
    list_select_related = ("city", "negotiation", "logged_by")
    autocomplete_fields = ("negotiation", "attendees", "organisations")
    # No date hierarchy: the newest first, read from the index on (starts_at, id).
    ordering = ("-starts_at", "-pk")
    readonly_fields = ("disclosure_lag_display", "minutes_warnings")
    review_editable_fields = services.EDITABLE_MEETING_FIELDS
    fieldsets = (
        (None, {"fields": ("negotiation", "city", "subject", "topic", "starts_at", "format", "location")}),
        (_("Who was there"), {"fields": ("attendees", "organisations")}),
        (_("Minutes"), {"fields": ("minutes_main_points", "minutes_positions", "minutes_conclusions",
                                   "minutes_warnings")}),
        (_("Confidentiality"), {"fields": ("confidentiality", "withholding_ground", "release_on")}),
        (_("Review"), {"fields": ("review_state", "logged_by", "logged_at", "submitted_at", "published_by",
                                  "published_at", "first_published_at", "disclosure_lag_display")}),
    )
    # The commitments made in a meeting are added by the commitments app (see its admin).
    inlines = []

    # --- display -------------------------------------------------------------------------------------------------

    @admin.display(description=_("date and time (city's time zone)"), ordering="starts_at")
    def local_starts_at(self, obj):
        return local_time_label(obj.starts_at, obj.city)

    @admin.display(description=_("minutes"))
    def minutes_quality(self, obj):
        reasons = obj.vague_minutes_reasons if obj.pk else []
        if not reasons:
            return "✓"
        return format_html('<span class="minutes-warning" title="{}">⚠ {}</span>', "; ".join(reasons),
                           _("vague"))

    @admin.display(description=_("quality of the minutes"))
    def minutes_warnings(self, obj):
        reasons = obj.vague_minutes_reasons if obj.pk else []
        if not reasons:
            return "✓"
        return format_html(
            '<div class="minutes-warning"><strong>⚠ {}</strong><ul>{}</ul></div>',
            _("Vague minutes lower the record's quality:"),
            format_html_join("", "<li>{}</li>", ((reason,) for reason in reasons)),
        )

    @admin.display(description=_("disclosure lag"), ordering="first_published_at")
    def disclosure_lag_display(self, obj):
        lag = obj.disclosure_lag
        if lag is None:
            return "—"
        return ngettext("%(days)d day", "%(days)d days", lag.days) % {"days": lag.days}

    # --- form ----------------------------------------------------------------------------------------------------

    def time_zone_city(self, request, object_id):
        """The city whose clock the page's times are on: the meeting's, else the negotiation or city chosen,
        else the user's."""
        if object_id is not None:
            meeting = self.get_object(request, unquote(object_id))
            if meeting is not None:
                return meeting.city
        chosen = request.POST.get("negotiation") or request.GET.get("negotiation")
        if chosen and str(chosen).isdigit():
            negotiation = (
                Negotiation.objects.visible_to(request.user).select_related("city").filter(pk=chosen).first()
            )
            if negotiation is not None:
                return negotiation.city
        chosen = request.POST.get("city") or request.GET.get("city")
        if chosen and str(chosen).isdigit():
            city = visible_queryset(City, request.user).filter(pk=chosen).first()
            if city is not None:
                return city
        return city_of(request.user)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None:
            fields += ["negotiation", "city"]
        return fields

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        if change and obj.review_state == ReviewState.PUBLISHED:
            self.propose_revision(request, obj, form)
            return
        if change:
            saved = services.meeting_update(
                meeting=obj, user=request.user, **{name: data[name] for name in form.changed_data}
            )
        else:
            fields = {name: value for name, value in data.items() if name not in ("negotiation", "city")}
            saved = services.meeting_create(
                negotiation=data.get("negotiation"), city=data.get("city"), user=request.user, **fields
            )
        adopt_saved(obj, saved)
        for reason in getattr(form, "vague_reasons", []):
            messages.warning(request, _("Saved, but the minutes are vague: %(reason)s.") % {"reason": reason})

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        initial.setdefault("review_state", ReviewState.DRAFT)
        if "negotiation" not in initial and not sees_every_city(request.user):
            # A meeting outside a negotiation is of the envoy's own city.
            city = city_of(request.user)
            if city is not None:
                initial.setdefault("city", city.pk)
        return initial

    def delete_model(self, request, obj):
        services.meeting_delete(meeting=obj, user=request.user, reason=getattr(request, "withdrawal_reason", ""))

    # --- release workflow: the services' steps (the actions and buttons are ReviewWorkflowMixin's) -----------------

    def review_submit(self, request, obj) -> None:
        services.meeting_submit(meeting=obj, user=request.user)

    def review_publish(self, request, obj) -> None:
        services.meeting_publish(meeting=obj, user=request.user)

    def review_return_to_draft(self, request, obj, reason: str) -> None:
        services.meeting_return_to_draft(meeting=obj, user=request.user, reason=reason)

    def may_publish(self, request, obj) -> bool:
        return services.can_publish(meeting=obj, user=request.user)

    def has_submit_permission(self, request):
        return self.may(request, "submit")

