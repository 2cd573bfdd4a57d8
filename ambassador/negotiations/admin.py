from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import OuterRef, Subquery
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ambassador.commitments.models import Commitment
from ambassador.stakeholders.admin_base import CityScopedAdmin, CityScopedInline
from ambassador.stakeholders.models import RiskAssessment

from . import services
from .choices import ReviewState
from .models import Meeting, Negotiation, Topic, vague_minutes_reasons


@admin.register(Topic)
class TopicAdmin(CityScopedAdmin):
    list_display = ("name", "slug")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Negotiation)
class NegotiationAdmin(CityScopedAdmin):
    list_display = ("title", "city", "company", "stage", "opened_on", "closed_on", "is_public", "latest_risk_score",
                    "log_meeting_link")
    list_filter = ("city", "company", "stage", "is_public", "topics")
    search_fields = ("title", "slug", "company__name", "public_summary")
    list_select_related = ("city", "company")
    autocomplete_fields = ("company", "lead_envoy")
    filter_horizontal = ("topics",)
    date_hierarchy = "opened_on"
    prepopulated_fields = {"slug": ("title",)}
    readonly_fields = ("latest_risk_score", "log_meeting_link")

    def get_queryset(self, request):
        latest = RiskAssessment.objects.filter(
            organisation=OuterRef("company"), city=OuterRef("city")
        ).order_by("-assessed_on", "-pk")
        return super().get_queryset(request).annotate(latest_risk=Subquery(latest.values("score")[:1]))

    @admin.display(description=_("latest risk score"), ordering="latest_risk")
    def latest_risk_score(self, obj):
        score = getattr(obj, "latest_risk", None)
        return "—" if score is None else f"{score:.0f}"

    @admin.display(description=_("log a meeting"))
    def log_meeting_link(self, obj):
        if obj.pk is None:
            return "—"
        url = reverse("admin:negotiations_meeting_add") + "?" + urlencode({"negotiation": obj.pk})
        return format_html('<a class="addlink" href="{}">{}</a>', url, _("Log a meeting"))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "lead_envoy":
            from django.contrib.auth import get_user_model

            users = get_user_model().objects.filter(is_active=True, is_staff=True)
            if not request.user.is_superuser:
                city = getattr(getattr(request.user, "city_membership", None), "city", None)
                users = users.filter(city_membership__city=city)
            kwargs["queryset"] = users
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class CommitmentInline(CityScopedInline):
    model = Commitment
    fk_name = "source_meeting"
    fields = ("promiser", "area", "principle", "text", "due_on", "completion")
    verbose_name = _("commitment made in this meeting")
    verbose_name_plural = _("commitments made in this meeting")


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


@admin.register(Meeting)
class MeetingAdmin(CityScopedAdmin):
    form = MeetingAdminForm
    list_display = ("subject", "negotiation", "city", "starts_at", "confidentiality", "review_state",
                    "minutes_quality", "disclosure_lag_display")
    list_filter = ("negotiation__city", "negotiation__company", "negotiation__stage", "confidentiality",
                   "review_state", "format", "topic")
    search_fields = ("subject", "location", "minutes_main_points", "minutes_positions", "minutes_conclusions",
                     "negotiation__title")
    list_select_related = ("negotiation__city",)
    autocomplete_fields = ("negotiation", "attendees", "organisations")
    date_hierarchy = "starts_at"
    readonly_fields = ("review_state", "logged_by", "logged_at", "submitted_at", "published_at", "published_by",
                       "disclosure_lag_display", "minutes_quality")
    fieldsets = (
        (None, {"fields": ("negotiation", "subject", "topic", "starts_at", "format", "location")}),
        (_("Who was there"), {"fields": ("attendees", "organisations")}),
        (_("Minutes"), {"fields": ("minutes_main_points", "minutes_positions", "minutes_conclusions",
                                   "minutes_quality")}),
        (_("Confidentiality"), {"fields": ("confidentiality", "withholding_ground", "release_on")}),
        (_("Review"), {"fields": ("review_state", "logged_by", "logged_at", "submitted_at", "published_by",
                                  "published_at", "disclosure_lag_display")}),
    )
    inlines = [CommitmentInline]
    actions = ["submit_for_review", "publish", "return_to_draft"]

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

    @admin.display(description=_("disclosure lag"), ordering="published_at")
    def disclosure_lag_display(self, obj):
        lag = obj.disclosure_lag
        if lag is None:
            return "—"
        return ngettext("%(days)d day", "%(days)d days", lag.days) % {"days": lag.days}

    def save_model(self, request, obj, form, change):
        if not change:
            obj.logged_by = request.user
        super().save_model(request, obj, form, change)
        for reason in getattr(form, "vague_reasons", []):
            messages.warning(request, _("Saved, but the minutes are vague: %(reason)s.") % {"reason": reason})

    def save_formset(self, request, form, formset, change):
        instances = formset.save(commit=False)
        for instance in instances:
            if isinstance(instance, Commitment):
                instance.negotiation = form.instance.negotiation
            instance.save()
        for obj in formset.deleted_objects:
            obj.delete()
        formset.save_m2m()

    def _run_step(self, request, queryset, step, done_message, **kwargs):
        done = 0
        for meeting in queryset:
            try:
                step(meeting=meeting, user=request.user, **kwargs)
                done += 1
            except (ValidationError, PermissionDenied) as error:
                text = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
                self.message_user(request, f"{meeting}: {text}", messages.ERROR)
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

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        initial.setdefault("review_state", ReviewState.DRAFT)
        return initial
