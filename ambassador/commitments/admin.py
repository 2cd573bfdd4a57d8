import datetime

from django import forms
from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.db.models import Count
from django.forms.models import BaseInlineFormSet
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from ambassador.core.admin import CityScopedAdmin, CityScopedInline, ScopedRelatedFieldListFilter, adopt_saved
from ambassador.core.admin_review import ReviewWorkflowMixin
from ambassador.core.membership import city_of
from ambassador.core.timezones import city_today
from ambassador.negotiations.admin import MeetingAdmin, NegotiatingCompanyFilter
from ambassador.negotiations.choices import ReviewState
from ambassador.negotiations.models import Meeting

from . import notifications, services
from .choices import OPEN_LEVELS, NotificationKind
from .models import COMMITMENTS_NEED_NEGOTIATION, Commitment, CommitmentUpdate, Notification, OverdueFlag
from .revision_admin import CommitmentRevisionAdminMixin


class OverdueFilter(admin.SimpleListFilter):
    title = _("overdue")
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("yes", _("Overdue")), ("soon", _("Due within 14 days")), ("no", _("Not overdue"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.overdue()
        if self.value() == "soon":
            return queryset.due_soon(within_days=14)
        if self.value() == "no":
            return queryset.exclude(pk__in=queryset.overdue().values("pk"))
        return queryset


class SlippedFilter(admin.SimpleListFilter):
    title = _("due date moved")
    parameter_name = "slipped"

    def lookups(self, request, model_admin):
        return [("yes", _("Moved at least once")), ("no", _("Never moved"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.slipped()
        if self.value() == "no":
            return queryset.filter(slippage_count=0)
        return queryset


class CommitmentUpdateInline(CityScopedInline):
    model = CommitmentUpdate
    fields = ("reported_on", "summary", "completion", "previous_due_on", "new_due_on", "due_date_reason",
              "evidence", "evidence_url", "logged_by", "review_state", "applied_at")
    readonly_fields = fields
    can_delete = False
    verbose_name_plural = _("progress updates (add one with “Log progress”)")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Commitment)
class CommitmentAdmin(CommitmentRevisionAdminMixin, ReviewWorkflowMixin, CityScopedAdmin):
    """Commitments, released by a second person like meetings; a released one is read-only until it
    is back to draft, and its due date and completion move only through progress updates."""

    list_display = ("__str__", "negotiation", "city", "promiser", "area", "principle", "due_on", "completion",
                    "overdue_since", "slippage_count", "review_state")
    list_filter = (OverdueFilter, SlippedFilter, ("negotiation__city", ScopedRelatedFieldListFilter),
                   ("negotiation__company", NegotiatingCompanyFilter), "negotiation__stage",
                   "area", "principle", "completion", "promiser", "review_state", ("due_on", admin.DateFieldListFilter))
    search_fields = ("text", "evidence", "negotiation__title")
    list_select_related = ("negotiation__city",)
    autocomplete_fields = ("negotiation", "source_meeting")
    readonly_fields = ("original_due_on", "slippage_count", "overdue_since", "created_at", "log_progress_link")
    # No date hierarchy: by due date, read from the index on (due_on, id).
    ordering = ("due_on", "pk")
    inlines = [CommitmentUpdateInline]
    review_editable_fields = services.EDITABLE_COMMITMENT_FIELDS

    @admin.display(description=_("progress"))
    def log_progress_link(self, obj):
        if obj.pk is None:
            return "—"
        url = reverse("admin:commitments_commitmentupdate_add") + "?" + urlencode({"commitment": obj.pk})
        return format_html('<a class="addlink" href="{}">{}</a>', url, _("Log progress"))

    @admin.display(description=_("city"), ordering="negotiation__city__name")
    def city(self, obj):
        return obj.negotiation.city

    @admin.display(description=_("overdue since"))
    def overdue_since(self, obj):
        if obj.due_on is None or obj.completion not in OPEN_LEVELS:
            return "—"
        if obj.due_on >= city_today(obj.negotiation.city):
            return "—"
        return obj.due_on + datetime.timedelta(days=1)

    def save_model(self, request, obj, form, change):
        if change and obj.review_state == ReviewState.PUBLISHED:
            self.propose_revision(request, obj, form)
            return
        if change:
            saved = services.commitment_edit(
                commitment=obj, user=request.user, **{name: form.cleaned_data[name] for name in form.changed_data}
            )
        else:
            fields = {name: value for name, value in form.cleaned_data.items() if name != "negotiation"}
            saved = services.commitment_create(
                negotiation=form.cleaned_data["negotiation"], user=request.user, **fields
            )
        adopt_saved(obj, saved)

    def get_readonly_fields(self, request, obj=None):
        # Once recorded, the due date and completion level change only through a progress update,
        # so that every move is dated, explained and counted.
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None:
            fields += ["negotiation", "due_on", "completion", "completed_on"]
        return fields

    def delete_model(self, request, obj):
        services.commitment_delete(commitment=obj, user=request.user,
                                   reason=getattr(request, "withdrawal_reason", ""))

    def review_submit(self, request, obj) -> None:
        services.commitment_submit(commitment=obj, user=request.user)

    def review_publish(self, request, obj) -> None:
        services.commitment_publish(commitment=obj, user=request.user)

    def review_return_to_draft(self, request, obj, reason: str) -> None:
        services.commitment_return_to_draft(commitment=obj, user=request.user, reason=reason)

    def may_publish(self, request, obj) -> bool:
        return services.can_publish(commitment=obj, user=request.user)



class CommitmentUpdateForm(forms.ModelForm):
    evidence_url = forms.URLField(label=_("evidence link"), max_length=500, required=False, assume_scheme="https")

    class Meta:
        model = CommitmentUpdate
        # Completion needs evidence and a moved due date a reason: the model's clean() says so, for
        # the admin as for the API and the services.
        fields = ("commitment", "reported_on", "summary", "completion", "new_due_on", "due_date_reason", "evidence",
                  "evidence_url")


@admin.register(CommitmentUpdate)
class CommitmentUpdateAdmin(ReviewWorkflowMixin, CityScopedAdmin):
    """Progress on commitments. On a released commitment it changes nothing the public sees until a
    second person publishes it; then its completion, evidence and due date reach the commitment."""

    form = CommitmentUpdateForm
    list_display = ("commitment", "city", "reported_on", "completion", "previous_due_on", "new_due_on", "logged_by",
                    "review_state", "applied_at")
    list_filter = (("commitment__negotiation__city", ScopedRelatedFieldListFilter), "completion", "review_state",
                   ("reported_on", admin.DateFieldListFilter))
    search_fields = ("summary", "evidence", "commitment__text")
    list_select_related = ("commitment__negotiation__city", "logged_by")
    autocomplete_fields = ("commitment",)
    # No date hierarchy: the latest first, read from the index on (reported_on, id).
    ordering = ("-reported_on", "-pk")

    @admin.display(description=_("city"), ordering="commitment__negotiation__city__name")
    def city(self, obj):
        return obj.commitment.negotiation.city

    def has_change_permission(self, request, obj=None):
        # Updates are a dated record: corrections are new updates, not edits.
        return False if obj is not None else super().has_change_permission(request, obj)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        return [*fields, "previous_due_on", "applied_at"] if obj is not None else fields

    def may_return_to_draft(self, request, obj) -> bool:
        # Published progress stays on the record; a new update corrects it.
        return obj.review_state == ReviewState.SUBMITTED and self.may(request, "return", obj)

    def review_submit(self, request, obj) -> None:
        services.commitment_update_submit(update=obj, user=request.user)

    def review_publish(self, request, obj) -> None:
        services.commitment_update_publish(update=obj, user=request.user)

    def review_return_to_draft(self, request, obj, reason: str) -> None:
        services.commitment_update_return_to_draft(update=obj, user=request.user, reason=reason)

    def may_publish(self, request, obj) -> bool:
        return services.can_publish_update(update=obj, user=request.user)


    def save_model(self, request, obj, form, change):
        saved = services.commitment_update_log(
            commitment=obj.commitment,
            user=request.user,
            summary=obj.summary,
            evidence=obj.evidence,
            evidence_url=obj.evidence_url,
            completion=obj.completion,
            new_due_on=obj.new_due_on,
            due_date_reason=obj.due_date_reason,
            reported_on=obj.reported_on,
        )
        obj.pk = saved.pk
        obj._state.adding = False

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        initial.setdefault("reported_on", city_today(city_of(request.user)))
        return initial


class AlertFilter(admin.SimpleListFilter):
    """The flags one alert listed (``?alert=<id>``): where an alert too long to list in full links to."""

    title = _("alert")
    parameter_name = notifications.ALERT_QUERY_PARAMETER

    def lookups(self, request, model_admin):
        # Only the alert asked for is offered: listing every alert here would not scale.
        value = self.value()
        return [(value, _("Alert #%(id)s") % {"id": value})] if value and value.isdigit() else []

    def queryset(self, request, queryset):
        value = self.value()
        if not value:
            return queryset
        if not value.isdigit() or len(value) > 18:
            raise IncorrectLookupParameters(_("An alert is named by its number."))
        return queryset.filter(alert_entries__notification_id=int(value))


@admin.register(OverdueFlag)
class OverdueFlagAdmin(CityScopedAdmin):
    list_display = ("commitment", "city", "kind", "due_on", "raised_at", "cleared_at", "notified_at")
    list_filter = ("kind", ("commitment__negotiation__city", ScopedRelatedFieldListFilter), AlertFilter,
                   ("raised_at", admin.DateFieldListFilter))
    search_fields = ("commitment__text",)
    list_select_related = ("commitment__negotiation__city",)
    readonly_fields = ("commitment", "kind", "due_on", "raised_at", "cleared_at", "notified_at")
    # No date hierarchy: the latest first, read from the index on (raised_at, id).
    ordering = ("-raised_at", "-pk")

    @admin.display(description=_("city"), ordering="commitment__negotiation__city__name")
    def city(self, obj):
        return obj.commitment.negotiation.city

    # Flags are raised and cleared by the overdue job only; a deleted flag would be raised again.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def alert_flags_url(notification) -> str:
    """The flag list filtered to the flags one alert listed."""
    query = urlencode({AlertFilter.parameter_name: notification.pk})
    return f"{reverse('admin:commitments_overdueflag_changelist')}?{query}"


@admin.register(Notification)
class NotificationAdmin(CityScopedAdmin):
    """The email outbox: what each alert and digest was, to whom, and whether it went out."""

    list_display = ("kind", "recipient", "email", "city", "flags_listed", "week_of", "queued_at", "sent_at")
    list_filter = ("kind", "city", ("sent_at", admin.EmptyFieldListFilter))
    search_fields = ("email", "recipient__username")
    list_select_related = ("recipient", "city")
    readonly_fields = ("kind", "flags_listed", "city", "week_of", "recipient", "email", "queued_at", "sent_at")
    date_hierarchy = "queued_at"

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(flag_count=Count("flag_entries"))

    @admin.display(description=_("flags"), ordering="flag_count")
    def flags_listed(self, obj):
        """How many flags an alert covers, linked to their list; a digest covers none."""
        if obj.kind != NotificationKind.FLAG_RAISED:
            return "—"
        count = getattr(obj, "flag_count", None)
        if count is None:
            count = obj.flag_entries.count()
        return format_html('<a href="{}">{}</a>', alert_flags_url(obj), count)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def history_view(self, request, object_id, extra_context=None):
        # The outbox keeps no audit history of its own (its rows are never edited): Django's log.
        return admin.ModelAdmin.history_view(self, request, object_id, extra_context)


# The commitment fields an envoy fills in on the meeting page; the rest follow from the meeting.
COMMITMENT_INLINE_FIELDS = ("promiser", "area", "principle", "text", "due_on", "completion", "evidence")


class CommitmentInlineForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            # A recorded commitment's due date and completion move only through a progress
            # update, so that every move is dated, explained and counted.
            for name in ("due_on", "completion"):
                if name in self.fields:
                    self.fields[name].disabled = True

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is not None and self.has_changed() and self.instance.review_state != ReviewState.DRAFT:
            raise forms.ValidationError(services.NOT_DRAFT, code="not_draft")
        return cleaned


class CommitmentInlineFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        meeting = self.instance
        new_or_kept = [form for form in self.forms if form.has_changed() and not self._should_delete_form(form)]
        if meeting is not None and meeting.negotiation_id is None and new_or_kept:
            raise forms.ValidationError(COMMITMENTS_NEED_NEGOTIATION, code="no_negotiation")


class CommitmentInline(CityScopedInline):
    """Commitments made in the meeting; each gets the meeting's negotiation and the meeting as its source.
    A meeting outside any negotiation records none."""

    model = Commitment
    form = CommitmentInlineForm
    formset = CommitmentInlineFormSet
    fk_name = "source_meeting"
    fields = COMMITMENT_INLINE_FIELDS
    show_change_link = True
    verbose_name = _("commitment made in this meeting")
    verbose_name_plural = _("commitments made in this meeting")

    @staticmethod
    def _is_draft(meeting) -> bool:
        return meeting is None or meeting.review_state == ReviewState.DRAFT

    # A submitted or published record is what the reviewer saw: its commitments stay as they are.
    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and self._is_draft(obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._is_draft(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._is_draft(obj)


class MeetingWithCommitmentsAdmin(MeetingAdmin):
    """The meeting page, with the commitments made in the meeting as inlines."""

    inlines = [*MeetingAdmin.inlines, CommitmentInline]

    def save_formset(self, request, form, formset, change):
        if formset.model is not Commitment:
            return super().save_formset(request, form, formset, change)
        meeting = form.instance
        formset.save(commit=False)
        for commitment in formset.deleted_objects:
            services.commitment_delete(commitment=commitment, user=request.user)
        for commitment, changed in formset.changed_objects:
            editable = [name for name in changed if name in services.EDITABLE_COMMITMENT_FIELDS]
            services.commitment_edit(
                commitment=commitment, user=request.user, **{name: getattr(commitment, name) for name in editable}
            )
        for commitment in formset.new_objects:
            created = services.commitment_create(
                negotiation=meeting.negotiation,
                source_meeting=meeting,
                user=request.user,
                **{name: getattr(commitment, name) for name in COMMITMENT_INLINE_FIELDS},
            )
            adopt_saved(commitment, created)


admin.site.unregister(Meeting)
admin.site.register(Meeting, MeetingWithCommitmentsAdmin)
