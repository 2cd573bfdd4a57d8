"""Writes on negotiations and meetings. The admin, the API and tasks call these; they hold the rules.

A meeting record moves draft -> submitted -> published. Only council staff publish, and never a
record they logged themselves; any step back to draft needs a reason. Only a draft is edited, so
what the public sees is always what a second person released: an edit of a published record
becomes a revision, reviewed again (``corrections``). Every step is saved with its actor and
reason in the record's history; a public record withdrawn, corrected or republished leaves a
public notice.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import corrections
from .choices import ReviewState
from .models import Meeting, Negotiation

PUBLISH_PERMISSION = "negotiations.publish_meeting"

# What an envoy writes about a meeting. The negotiation is fixed once the meeting is logged (its
# commitments belong to that negotiation); the review fields change only through the workflow.
EDITABLE_MEETING_FIELDS = (
    "starts_at", "location", "format", "subject", "topic",
    "minutes_main_points", "minutes_positions", "minutes_conclusions",
    "attendees", "organisations",
    "confidentiality", "withholding_ground", "release_on",
)
_MANY_TO_MANY_FIELDS = ("attendees", "organisations")


def _require_visible(*, model, obj, user) -> None:
    if not model.objects.visible_to(user).filter(pk=obj.pk).exists():
        raise PermissionDenied(_("You cannot act on records of another city."))


def _save_with_history(obj, *, user, reason: str, update_fields: list[str]) -> None:
    obj._history_user = user
    obj._change_reason = reason
    obj.full_clean()
    obj.save(update_fields=update_fields)


def meeting_create(*, negotiation: Negotiation, user, **fields) -> Meeting:
    """Logs a meeting (as a draft) in a negotiation the user may see.

    The commitments made in it are logged with it by ``commitments.services.meeting_create_with_commitments``.
    """
    _require_visible(model=Negotiation, obj=negotiation, user=user)
    with transaction.atomic():
        attendees = fields.pop("attendees", None)
        organisations = fields.pop("organisations", None)
        meeting = Meeting(negotiation=negotiation, logged_by=user, review_state=ReviewState.DRAFT, **fields)
        meeting._history_user = user
        meeting.full_clean()
        meeting.save()
        if attendees is not None:
            meeting.attendees.set(attendees)
        if organisations is not None:
            meeting.organisations.set(organisations)
    return meeting


@transaction.atomic
def meeting_update(*, meeting: Meeting, user, reason: str = "", **fields) -> Meeting:
    """Changes what a draft record says. A submitted record goes back to draft first.

    A published record is not changed: the edit, with its ``reason``, becomes the record's open
    revision, which council staff release or reject (``corrections``).
    """
    unknown = set(fields) - set(EDITABLE_MEETING_FIELDS)
    if unknown:
        message = _("These fields are not changed by editing the record: %(fields)s.")
        raise ValidationError(message % {"fields": ", ".join(sorted(unknown))}, code="not_editable")
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _require_visible(model=Meeting, obj=meeting, user=user)
    if not fields:
        return meeting
    if meeting.review_state == ReviewState.PUBLISHED:
        corrections.meeting_propose_revision(meeting=meeting, user=user, reason=reason, **fields)
        return meeting
    if meeting.review_state != ReviewState.DRAFT:
        raise ValidationError(
            _("Only a draft is edited; return the record to draft first."), code="not_draft"
        )
    many_to_many = {name: fields.pop(name) for name in _MANY_TO_MANY_FIELDS if name in fields}
    for name, value in fields.items():
        setattr(meeting, name, value)
    meeting._history_user = user
    meeting.full_clean()
    meeting.save()
    for name, values in many_to_many.items():
        getattr(meeting, name).set(values)
    return meeting


def can_delete(*, meeting: Meeting, user) -> bool:
    """Whether the record's state lets the user delete it: a published record only council staff withdraw."""
    return meeting.review_state != ReviewState.PUBLISHED or user.has_perm(PUBLISH_PERMISSION)


@transaction.atomic
def meeting_delete(*, meeting: Meeting, user, reason: str = "") -> None:
    """Deletes a record; its history stays. Deleting a published record withdraws it from the public,
    with a reason, which a public record's withdrawal notice shows."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _require_visible(model=Meeting, obj=meeting, user=user)
    if not can_delete(meeting=meeting, user=user):
        raise PermissionDenied(_("Only council staff withdraw a published record."))
    if meeting.review_state == ReviewState.PUBLISHED:
        if not (reason or "").strip():
            raise ValidationError({"reason": _("Say why the published record is deleted.")})
        corrections.note_withdrawal(meeting=meeting, user=user, reason=reason)
    meeting._history_user = user
    meeting.delete()


def can_publish(*, meeting: Meeting, user) -> bool:
    """Whether the user may publish this meeting record (ignoring its current state)."""
    return (
        user.is_active
        and user.has_perm(PUBLISH_PERMISSION)
        and (meeting.logged_by_id is None or meeting.logged_by_id != user.pk)
        and Meeting.objects.visible_to(user).filter(pk=meeting.pk).exists()
    )


@transaction.atomic
def meeting_submit(*, meeting: Meeting, user) -> Meeting:
    """Sends a draft record for review."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _require_visible(model=Meeting, obj=meeting, user=user)
    if meeting.review_state != ReviewState.DRAFT:
        raise ValidationError(_("Only a draft can be submitted for review."), code="not_draft")
    meeting.review_state = ReviewState.SUBMITTED
    meeting.submitted_at = timezone.now()
    _save_with_history(
        meeting, user=user, reason=_("Submitted for review"), update_fields=["review_state", "submitted_at"]
    )
    return meeting


@transaction.atomic
def meeting_publish(*, meeting: Meeting, user) -> Meeting:
    """Publishes a submitted record; a second person, with the publish permission, must do it."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _require_visible(model=Meeting, obj=meeting, user=user)
    if not user.has_perm(PUBLISH_PERMISSION):
        raise PermissionDenied(_("Only council staff publish meeting records."))
    if meeting.logged_by_id is not None and meeting.logged_by_id == user.pk:
        raise PermissionDenied(_("A record is published by someone other than the person who logged it."))
    if meeting.review_state != ReviewState.SUBMITTED:
        raise ValidationError(_("Only a submitted record can be published."), code="not_submitted")
    meeting.review_state = ReviewState.PUBLISHED
    meeting.published_at = timezone.now()
    meeting.published_by = user
    _save_with_history(
        meeting, user=user, reason=_("Published"), update_fields=["review_state", "published_at", "published_by"]
    )
    corrections.note_republication(meeting=meeting, user=user)
    return meeting


@transaction.atomic
def meeting_return_to_draft(*, meeting: Meeting, user, reason: str) -> Meeting:
    """Takes a submitted or published record back to draft, withdrawing it from the public site."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the record goes back to draft.")})
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _require_visible(model=Meeting, obj=meeting, user=user)
    if meeting.review_state == ReviewState.DRAFT:
        raise ValidationError(_("The record is already a draft."), code="already_draft")
    if meeting.review_state == ReviewState.PUBLISHED and not user.has_perm(PUBLISH_PERMISSION):
        raise PermissionDenied(_("Only council staff withdraw a published record."))
    corrections.note_withdrawal(meeting=meeting, user=user, reason=reason)
    meeting.review_state = ReviewState.DRAFT
    meeting.submitted_at = None
    meeting.published_at = None
    meeting.published_by = None
    _save_with_history(
        meeting, user=user, reason=_("Returned to draft: %(reason)s") % {"reason": reason},
        update_fields=["review_state", "submitted_at", "published_at", "published_by"],
    )
    return meeting
