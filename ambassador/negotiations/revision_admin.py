"""The meeting page's part in corrections: editing a published record proposes a revision.

On a published meeting's page the person who may change it edits the fields as usual and says
why; saving opens (or updates) the record's revision and leaves the published row as it is. The
page shows the pending revision as a list of differences, and council staff other than the
proposer release or reject it there. Deleting a published record asks for the public reason.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.urls import path
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from ambassador.core import revisions
from ambassador.stakeholders.models import Organisation, Person

from . import corrections, negotiation_corrections, services
from .choices import ReviewState
from .models import Topic

User = get_user_model()

REASON_FIELD = "revision_reason"


def _revision_form(base, revision, proposed_values):
    class RevisionForm(base):
        revision_reason = forms.CharField(
            label=_("Reason for the change"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000,
            help_text=_("Published with the correction once council staff release it."),
        )

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            if revision is not None:
                # The form starts from the pending proposal, so its proposer edits it.
                self.initial.update(proposed_values(revision))
                self.fields[REASON_FIELD].initial = revision.reason

    return RevisionForm


def _shown(name: str, value) -> str:
    if value in (None, "", []):
        return "—"
    if name == "attendees":
        return ", ".join(str(p) for p in Person.objects.filter(pk__in=value).order_by("full_name"))
    if name == "organisations":
        return ", ".join(str(o) for o in Organisation.objects.filter(pk__in=value).order_by("name"))
    if name == "topic":
        return str(Topic.objects.filter(pk=value).first() or value)
    return str(value)


class RevisionAdminMixin:
    """Added to a reviewed record's admin before ``core.admin_review.ReviewWorkflowMixin``, whose
    read-only published page it opens for the proposer, and whose buttons and URLs it extends.

    The record's own app says what is edited and how (the ``revision_*`` hooks below).
    """

    # One delete page for every released record: it asks the public reason of the withdrawal.
    delete_confirmation_template = "admin/review/delete_confirmation.html"
    released_as_announcement = False

    revision_editable_fields: tuple[str, ...] = ()

    def revision_proposed_values(self, revision) -> dict:
        raise NotImplementedError

    def revision_differences(self, obj, revision) -> list[tuple[str, object, object]]:
        raise NotImplementedError

    def revision_shown(self, name: str, value) -> str:
        return "—" if value in (None, "", []) else str(value)

    def may_review_revision(self, request, obj, revision) -> bool:
        raise NotImplementedError

    def revision_update(self, request, obj, *, reason: str, fields: dict) -> None:
        """Hands the edit of a published record to its service, which opens or updates the revision."""
        raise NotImplementedError

    def revision_release(self, request, obj) -> None:
        raise NotImplementedError

    def revision_reject(self, request, obj) -> None:
        raise NotImplementedError

    def is_released(self, obj) -> bool:
        """Whether the record is the released version the public sees (so an edit is a revision)."""
        return obj is not None and obj.pk is not None and obj.review_state == ReviewState.PUBLISHED

    def has_revision_review_permission(self, request) -> bool:
        return self.has_publish_permission(request)

    def may_propose_revision(self, request, meeting) -> bool:
        if not self.is_released(meeting):
            return False
        if not self.has_change_permission(request, meeting):
            return False
        revision = revisions.open_revision(meeting)
        return revision is None or revision.proposed_by_id in (None, request.user.pk)

    # --- the form ----------------------------------------------------------------------------------------------

    def get_form(self, request, obj=None, change=False, **kwargs):
        if self.may_propose_revision(request, obj):
            kwargs["form"] = _revision_form(self.form, revisions.open_revision(obj), self.revision_proposed_values)
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if self.is_released(obj):
            # An admin without declared fieldsets lists every field once already: they move to the top.
            own = ("pending_revision", REASON_FIELD)
            fieldsets = [(title, {**options, "fields": [f for f in options["fields"] if f not in own]})
                         for title, options in fieldsets]
            fields = ("pending_revision", REASON_FIELD) if self.may_propose_revision(request, obj) else (
                "pending_revision",)
            fieldsets.insert(0, (_("Correction of the published record"), {
                "fields": fields,
                "description": _("Changes to a published record are a revision: the public keeps the released "
                                 "version until council staff other than the proposer release it."),
            }))
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is None:
            return fields
        if self.may_propose_revision(request, obj):
            fields = [name for name in fields if name not in self.revision_editable_fields]
        return [*fields, "pending_revision"] if self.is_released(obj) else fields

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if self.may_propose_revision(request, obj):
            # The workflow hides "save" on a record that is not a draft; a published one is saved as a revision.
            context.update(show_save=True, show_save_and_continue=True)
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)

    def propose_revision(self, request, meeting, form) -> None:
        """Saves the form of a published record as its revision (``revision_update``)."""
        data = form.cleaned_data
        names = [name for name in self.revision_editable_fields if name in form.fields and name in data]
        self.revision_update(request, meeting, reason=data[REASON_FIELD], fields={name: data[name] for name in names})
        meeting.refresh_from_db()  # the form wrote the proposal onto this instance; the row keeps the release
        messages.info(request, _("The change waits for review; the public sees the released version until then."))

    def save_related(self, request, form, formsets, change):
        if not (change and self.is_released(form.instance)):
            return super().save_related(request, form, formsets, change)
        # The revision holds the proposed attendees and organisations: the row's are not set here.
        # The inlines of a published record are read-only; saving them changes nothing.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)
        return None

    @admin.display(description=_("pending revision"))
    def pending_revision(self, obj):
        revision = revisions.open_revision(obj) if obj and obj.pk else None
        if revision is None:
            return _("None: the public sees the released version.")
        rows = format_html_join(
            "", "<tr><th>{}</th><td>{}</td><td>{}</td></tr>",
            ((label, self.revision_shown(name, before), self.revision_shown(name, after))
             for (label, before, after), name in zip(self.revision_differences(obj, revision), revision.changes,
                                                     strict=True)),
        )
        return format_html(
            '<p>{} {} ({}): “{}”</p><table><thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead>'
            "<tbody>{}</tbody></table>",
            _("Proposed by"), revision.proposed_by or "—", f"{revision.proposed_at:%Y-%m-%d %H:%M}", revision.reason,
            _("field"), _("released"), _("proposed"), rows,
        )

    # --- release and reject ------------------------------------------------------------------------------------

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        # Before the admin's own URLs, whose catch-all "<object_id>/" would take these.
        return self.revision_urls(prefix) + super().get_urls()

    def revision_urls(self, prefix: str) -> list:
        return [
            path("<path:object_id>/revision/release/", self.admin_site.admin_view(self.release_revision_view),
                 name=f"{prefix}_release_revision"),
            path("<path:object_id>/revision/reject/", self.admin_site.admin_view(self.reject_revision_view),
                 name=f"{prefix}_reject_revision"),
        ]

    def workflow_steps(self, request, obj) -> list[dict]:
        return super().workflow_steps(request, obj) + self.revision_steps(request, obj)

    def revision_steps(self, request, meeting) -> list[dict]:
        if not self.is_released(meeting):
            return []
        revision = revisions.open_revision(meeting)
        if not self.may_review_revision(request, meeting, revision):
            return []
        return [
            {"label": _("Release the revision"), "url": self.workflow_url("release_revision", meeting),
             "method": "post"},
            {"label": _("Reject the revision"), "url": self.workflow_url("reject_revision", meeting),
             "method": "post"},
        ]

    def release_revision_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        meeting = self.workflow_object(request, object_id)
        if not self.has_revision_review_permission(request):
            raise PermissionDenied
        return self.run_one(request, meeting,
                            lambda: self.revision_release(request, meeting),
                            _("The revision is released; the public sees the corrected record."))

    def reject_revision_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        meeting = self.workflow_object(request, object_id)
        if not self.has_revision_review_permission(request):
            raise PermissionDenied
        return self.run_one(request, meeting,
                            lambda: self.revision_reject(request, meeting),
                            _("The revision is rejected; the released version stays."))

    # --- deleting a published record -----------------------------------------------------------------------------

    def delete_view(self, request, object_id, extra_context=None):
        meeting = self.get_object(request, unquote(object_id))
        asks_reason = self.is_released(meeting) and self.has_delete_permission(request, meeting)
        if request.method == "POST" and asks_reason:
            request.withdrawal_reason = (request.POST.get("reason") or "").strip()
            if not request.withdrawal_reason:
                self.message_user(request, _("Say why the published record is deleted."), messages.ERROR)
                return HttpResponseRedirect(request.get_full_path())
        extra_context = {**(extra_context or {}), "asks_reason": asks_reason,
                         "released_as_announcement": self.released_as_announcement}
        return super().delete_view(request, object_id, extra_context)

    def delete_queryset(self, request, queryset):
        released = [obj for obj in queryset if self.is_released(obj)]
        for meeting in released:
            self.message_user(request, _("%(record)s: a published record is deleted from its own page, with a "
                                         "public reason.") % {"record": meeting}, messages.ERROR)
        super().delete_queryset(request, queryset.exclude(pk__in=[obj.pk for obj in released]))



class MeetingRevisionAdminMixin(RevisionAdminMixin):
    """Corrections of published meetings on the meeting page (``corrections``)."""

    revision_editable_fields = services.EDITABLE_MEETING_FIELDS

    def revision_proposed_values(self, revision) -> dict:
        return corrections.proposed_values(revision)

    def revision_differences(self, obj, revision) -> list[tuple[str, object, object]]:
        return corrections.differences(obj, revision)

    def revision_shown(self, name: str, value) -> str:
        return _shown(name, value)

    def may_review_revision(self, request, obj, revision) -> bool:
        return corrections.can_review(meeting=obj, revision=revision, user=request.user)

    def revision_update(self, request, obj, *, reason: str, fields: dict) -> None:
        services.meeting_update(meeting=obj, user=request.user, reason=reason, **fields)

    def revision_release(self, request, obj) -> None:
        corrections.meeting_release_revision(meeting=obj, user=request.user)

    def revision_reject(self, request, obj) -> None:
        corrections.meeting_reject_revision(meeting=obj, user=request.user)


class NegotiationRevisionAdminMixin(RevisionAdminMixin):
    """Corrections of announced negotiations on the negotiation page (``negotiation_corrections``):
    the announce rule reviews them, and an announced negotiation keeps its city and address."""

    revision_editable_fields = negotiation_corrections.REVISED_FIELDS
    released_as_announcement = True

    def is_released(self, obj) -> bool:
        return obj is not None and obj.pk is not None and obj.is_public

    def has_revision_review_permission(self, request) -> bool:
        return self.has_announce_permission(request)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if self.is_released(obj):
            fields += [name for name in negotiation_corrections.FIXED_WHEN_ANNOUNCED if name not in fields]
        return fields

    def get_prepopulated_fields(self, request, obj=None):
        return {} if self.is_released(obj) else super().get_prepopulated_fields(request, obj)

    def revision_proposed_values(self, revision) -> dict:
        return negotiation_corrections.proposed_values(revision)

    def revision_differences(self, obj, revision) -> list[tuple[str, object, object]]:
        return negotiation_corrections.differences(obj, revision)

    def revision_shown(self, name: str, value) -> str:
        if value in (None, "", []):
            return "—"
        if name == "topics":
            return ", ".join(str(t) for t in Topic.objects.filter(pk__in=value).order_by("name"))
        if name == "company":
            return str(Organisation.objects.filter(pk=value).first() or value)
        if name == "lead_envoy":
            return str(User.objects.filter(pk=value).first() or value)
        return super().revision_shown(name, value)

    def may_review_revision(self, request, obj, revision) -> bool:
        return negotiation_corrections.can_review(negotiation=obj, revision=revision, user=request.user)

    def revision_update(self, request, obj, *, reason: str, fields: dict) -> None:
        services.negotiation_update(negotiation=obj, user=request.user, reason=reason, **fields)

    def revision_release(self, request, obj) -> None:
        negotiation_corrections.negotiation_release_revision(negotiation=obj, user=request.user)

    def revision_reject(self, request, obj) -> None:
        negotiation_corrections.negotiation_reject_revision(negotiation=obj, user=request.user)
