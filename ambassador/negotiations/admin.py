"""The envoys' admin for negotiations and meetings.

A meeting is logged from its negotiation's page ("Log a meeting"), with the commitments made in it
as inlines. Logging, editing, deleting and the release workflow (submit, publish, return to draft)
all go through ``services``, which hold the rules; the admin only decides what to offer.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ambassador.core.admin import CityScopedAdmin, CityScopedInline, adopt_saved
from ambassador.core.membership import city_of, sees_every_city

from . import services
from .choices import ReviewState
from .models import Meeting, Negotiation, Topic, vague_minutes_reasons
from .revision_admin import MeetingRevisionAdminMixin


@admin.register(Topic)
class TopicAdmin(CityScopedAdmin):
    list_display = ("name", "slug")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}


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


@admin.register(Negotiation)
class NegotiationAdmin(CityScopedAdmin):
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
    readonly_fields = ("log_meeting_link",)
    inlines = [MeetingInline]

    @admin.display(description=_("log a meeting"))
    def log_meeting_link(self, obj):
        if obj.pk is None:
            return "—"
        url = reverse("admin:negotiations_meeting_add") + "?" + urlencode({"negotiation": obj.pk})
        return format_html('<a class="addlink" href="{}">{}</a>', url, _("Log a meeting"))

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

    def clean(self):
        cleaned = super().clean()
        self.vague_reasons = vague_minutes_reasons(
            main_points=cleaned.get("minutes_main_points") or "",
            positions=cleaned.get("minutes_positions") or "",
            conclusions=cleaned.get("minutes_conclusions") or "",
        )
        return cleaned


class ReturnToDraftForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=1000)


def _error_text(error) -> str:
    return " ".join(error.messages) if isinstance(error, ValidationError) else str(error)


@admin.register(Meeting)
class MeetingAdmin(MeetingRevisionAdminMixin, CityScopedAdmin):
    form = MeetingAdminForm
    list_display = ("subject", "negotiation", "city", "starts_at", "confidentiality", "review_state",
                    "minutes_quality", "logged_by", "disclosure_lag_display")
    list_filter = ("negotiation__city", "negotiation__company", "negotiation__stage", "confidentiality",
                   "review_state", "format", "topic")
    search_fields = ("subject", "location", "minutes_main_points", "minutes_positions", "minutes_conclusions",
                     "negotiation__title")
    list_select_related = ("negotiation__city", "logged_by")
    autocomplete_fields = ("negotiation", "attendees", "organisations")
    date_hierarchy = "starts_at"
    readonly_fields = ("review_state", "logged_by", "logged_at", "submitted_at", "published_at", "published_by",
                       "disclosure_lag_display", "minutes_warnings")
    fieldsets = (
        (None, {"fields": ("negotiation", "subject", "topic", "starts_at", "format", "location")}),
        (_("Who was there"), {"fields": ("attendees", "organisations")}),
        (_("Minutes"), {"fields": ("minutes_main_points", "minutes_positions", "minutes_conclusions",
                                   "minutes_warnings")}),
        (_("Confidentiality"), {"fields": ("confidentiality", "withholding_ground", "release_on")}),
        (_("Review"), {"fields": ("review_state", "logged_by", "logged_at", "submitted_at", "published_by",
                                  "published_at", "disclosure_lag_display")}),
    )
    # The commitments made in a meeting are added by the commitments app (see its admin).
    inlines = []
    actions = ["submit_for_review", "publish", "return_to_draft"]

    # --- display -------------------------------------------------------------------------------------------------

    @admin.display(description=_("city"), ordering="negotiation__city__name")
    def city(self, obj):
        return obj.negotiation.city

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

    @admin.display(description=_("disclosure lag"), ordering="published_at")
    def disclosure_lag_display(self, obj):
        lag = obj.disclosure_lag
        if lag is None:
            return "—"
        return ngettext("%(days)d day", "%(days)d days", lag.days) % {"days": lag.days}

    # --- form ----------------------------------------------------------------------------------------------------

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None:
            fields += ["negotiation", *self.revision_readonly_fields()]
            if obj.review_state != ReviewState.DRAFT and not self.may_propose_revision(request, obj):
                fields += [name for name in services.EDITABLE_MEETING_FIELDS if name not in fields]
        return fields

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        if change and obj.review_state == ReviewState.PUBLISHED:
            self.propose_revision(request, obj, form, services.meeting_update)
            return
        if change:
            saved = services.meeting_update(
                meeting=obj, user=request.user, **{name: data[name] for name in form.changed_data}
            )
        else:
            fields = {name: value for name, value in data.items() if name != "negotiation"}
            saved = services.meeting_create(negotiation=data["negotiation"], user=request.user, **fields)
        adopt_saved(obj, saved)
        for reason in getattr(form, "vague_reasons", []):
            messages.warning(request, _("Saved, but the minutes are vague: %(reason)s.") % {"reason": reason})

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        initial.setdefault("review_state", ReviewState.DRAFT)
        return initial

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or services.can_delete(meeting=obj, user=request.user))

    def delete_model(self, request, obj):
        services.meeting_delete(meeting=obj, user=request.user, reason=getattr(request, "withdrawal_reason", ""))

    def delete_queryset(self, request, queryset):
        for meeting in queryset:
            try:
                services.meeting_delete(meeting=meeting, user=request.user)
            except ValidationError as error:  # a published record is deleted from its own page, with a reason
                self.message_user(request, f"{meeting}: {_error_text(error)}", messages.ERROR)

    # --- release workflow: changelist actions --------------------------------------------------------------------

    def _run_step(self, request, queryset, step, done_message, **kwargs):
        done = 0
        for meeting in queryset:
            try:
                step(meeting=meeting, user=request.user, **kwargs)
                done += 1
            except (ValidationError, PermissionDenied) as error:
                self.message_user(request, f"{meeting}: {_error_text(error)}", messages.ERROR)
        if done:
            self.message_user(request, done_message % {"count": done}, messages.SUCCESS)

    @admin.action(description=_("Submit selected records for review"), permissions=["change"])
    def submit_for_review(self, request, queryset):
        self._run_step(request, queryset, services.meeting_submit, _("%(count)d record(s) submitted for review."))

    @admin.action(description=_("Publish selected records"), permissions=["publish"])
    def publish(self, request, queryset):
        self._run_step(request, queryset, services.meeting_publish, _("%(count)d record(s) published."))

    @admin.action(description=_("Return selected records to draft…"), permissions=["change"])
    def return_to_draft(self, request, queryset):
        if "apply" in request.POST:
            form = ReturnToDraftForm(request.POST)
            if form.is_valid():
                self._run_step(request, queryset, services.meeting_return_to_draft,
                               _("%(count)d record(s) returned to draft."), reason=form.cleaned_data["reason"])
                return HttpResponseRedirect(request.get_full_path())
        else:
            form = ReturnToDraftForm()
        context = {
            **self.admin_site.each_context(request),
            "title": _("Return to draft"),
            "opts": self.opts,
            "form": form,
            "queryset": queryset,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/negotiations/meeting/return_to_draft.html", context)

    def has_publish_permission(self, request):
        return request.user.has_perm(services.PUBLISH_PERMISSION)

    # --- release workflow: buttons on the meeting's page ---------------------------------------------------------

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        workflow = [
            path("<path:object_id>/submit/", self.admin_site.admin_view(self.submit_view),
                 name=f"{prefix}_submit"),
            path("<path:object_id>/publish/", self.admin_site.admin_view(self.publish_view),
                 name=f"{prefix}_publish"),
            path("<path:object_id>/return-to-draft/", self.admin_site.admin_view(self.return_to_draft_view),
                 name=f"{prefix}_return_to_draft"),
            *self.revision_urls(prefix),
        ]
        # Before the admin's own URLs, whose catch-all "<object_id>/" would take these.
        return workflow + super().get_urls()

    def _workflow_url(self, step, meeting):
        return reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_{step}", args=[meeting.pk],
                       current_app=self.admin_site.name)

    def _change_url(self, meeting):
        return reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[meeting.pk],
                       current_app=self.admin_site.name)

    def workflow_steps(self, request, meeting) -> list[dict]:
        """The workflow buttons the user may press on this record's page, in its current state."""
        steps = []
        may_change = self.has_change_permission(request, meeting)
        if meeting.review_state == ReviewState.DRAFT and may_change:
            steps.append({"label": _("Submit for review"), "url": self._workflow_url("submit", meeting),
                          "method": "post"})
        if meeting.review_state == ReviewState.SUBMITTED and services.can_publish(meeting=meeting,
                                                                                  user=request.user):
            steps.append({"label": _("Publish"), "url": self._workflow_url("publish", meeting), "method": "post"})
        if may_change and (
            meeting.review_state == ReviewState.SUBMITTED
            or (meeting.review_state == ReviewState.PUBLISHED and self.has_publish_permission(request))
        ):
            steps.append({"label": _("Return to draft…"), "url": self._workflow_url("return_to_draft", meeting),
                          "method": "get"})
        return steps + self.revision_steps(request, meeting)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        meeting = self.get_object(request, unquote(object_id))
        extra_context = {**(extra_context or {}),
                         "workflow_steps": self.workflow_steps(request, meeting) if meeting is not None else []}
        if meeting is not None and meeting.review_state != ReviewState.DRAFT and not self.may_propose_revision(
            request, meeting
        ):
            # Nothing on the page is editable until the record is back to draft (a published one: as a revision).
            extra_context.update(show_save=False, show_save_and_continue=False, show_save_and_add_another=False)
        return super().change_view(request, object_id, form_url, extra_context)

    def _workflow_object(self, request, object_id) -> Meeting:
        meeting = self.get_object(request, unquote(object_id))
        if meeting is None:
            raise Http404
        return meeting

    def _run_one(self, request, meeting, step, done_message, **kwargs):
        try:
            step(meeting=meeting, user=request.user, **kwargs)
        except ValidationError as error:
            self.message_user(request, _error_text(error), messages.ERROR)
        else:
            self.message_user(request, done_message, messages.SUCCESS)
        return HttpResponseRedirect(self._change_url(meeting))

    def submit_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        meeting = self._workflow_object(request, object_id)
        if not self.has_change_permission(request, meeting):
            raise PermissionDenied
        return self._run_one(request, meeting, services.meeting_submit, _("The record is submitted for review."))

    def publish_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        meeting = self._workflow_object(request, object_id)
        if not self.has_publish_permission(request):
            raise PermissionDenied
        # The service refuses the person who logged the record (PermissionDenied: a 403).
        return self._run_one(request, meeting, services.meeting_publish, _("The record is published."))

    def return_to_draft_view(self, request, object_id):
        meeting = self._workflow_object(request, object_id)
        if not self.has_change_permission(request, meeting):
            raise PermissionDenied
        form = ReturnToDraftForm(request.POST if request.method == "POST" else None)
        if form.is_valid():
            return self._run_one(request, meeting, services.meeting_return_to_draft,
                                 _("The record is back to draft."), reason=form.cleaned_data["reason"])
        context = {
            **self.admin_site.each_context(request),
            "title": _("Return to draft"),
            "opts": self.opts,
            "original": meeting,
            "form": form,
            "change_url": self._change_url(meeting),
        }
        return TemplateResponse(request, "admin/negotiations/meeting/return_one_to_draft.html", context)
