"""Writes on commitments and their progress. The admin, the API, tasks and the demo call these.

Every commitment and every progress update is public only once a second person has published it
(``ambassador.core.review``): an envoy logs and submits, council staff of the city publish.

- A commitment is edited only as a draft; a published one goes back to draft first (and leaves
  the public site). Only those who publish withdraw (delete) a published commitment.
- Progress on a draft commitment applies to it at once and is published with it: the reviewer
  sees the commitment as it stands. Progress on a submitted or published commitment is held: its
  completion level, evidence and moved due date reach the commitment only when a second person
  publishes the update, so what the public sees, the slippage count included, is always released.
- Completion needs evidence and a moved due date needs a reason, whoever asks and however
  (the rules are the models' ``clean``, so the admin's forms show them on the same fields).
- Publishing a meeting publishes the commitments logged in it (that its publisher did not log);
  returning the meeting to draft returns them too (the receivers at the bottom).
"""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext as _

from ambassador.core.outbox import enqueue
from ambassador.core.permissions import may, require
from ambassador.core.review import (
    ReviewPermissions,
    ReviewState,
    check_may_publish,
    review_publish,
    review_return_to_draft,
    review_submit,
)
from ambassador.core.services import require_visible
from ambassador.core.timezones import city_today
from ambassador.negotiations.models import Meeting, Negotiation
from ambassador.negotiations.services import meeting_create, meeting_published, meeting_returned_to_draft

from . import corrections
from .choices import CompletionLevel
from .models import COMMITMENTS_NEED_NEGOTIATION, MOVE_NEEDS_REASON, Commitment, CommitmentUpdate
from .tasks import flag_overdue_commitments

COMMITMENT_PERMISSIONS = ReviewPermissions.of(Commitment)
UPDATE_PERMISSIONS = ReviewPermissions.of(CommitmentUpdate)

# What editing a draft commitment changes. The due date and completion level move only through
# progress updates, so that every move is dated, explained and counted.
EDITABLE_COMMITMENT_FIELDS = ("source_meeting", "promiser", "area", "principle", "text", "evidence", "evidence_url")
# What recording a commitment takes; its review fields follow from who records it.
CREATE_FIELDS = (*EDITABLE_COMMITMENT_FIELDS, "due_on", "completion", "completed_on")

NOT_DRAFT = _("Only a draft is edited; return the record to draft first.")


def _locked(model, obj, user):
    obj = model.objects.select_for_update().get(pk=obj.pk)
    require_visible(model=model, obj=obj, user=user)
    return obj


# --- commitments --------------------------------------------------------------------------------------------------


def commitment_create(*, negotiation, user, source_meeting=None, **fields) -> Commitment:
    """Records a commitment (as a draft) in a negotiation the user may see."""
    if not Negotiation.objects.visible_to(user).filter(pk=negotiation.pk).exists():
        raise PermissionDenied(_("You cannot act on records of another city."))
    require(user, "add", Commitment)
    unknown = set(fields) - set(CREATE_FIELDS)
    if unknown:
        message = _("These fields are not set by recording a commitment: %(fields)s.")
        raise ValidationError(message % {"fields": ", ".join(sorted(unknown))}, code="not_editable")
    commitment = Commitment(
        negotiation=negotiation, source_meeting=source_meeting, logged_by=user, review_state=ReviewState.DRAFT,
        **fields,
    )
    if commitment.completion == CompletionLevel.COMPLETE and commitment.completed_on is None:
        commitment.completed_on = city_today(negotiation.city)
    commitment._history_user = user
    with transaction.atomic():
        commitment.full_clean()
        commitment.save()
    return commitment


@transaction.atomic
def commitment_edit(*, commitment: Commitment, user, reason: str = "", **fields) -> Commitment:
    """Changes what a draft commitment says. A submitted one goes back to draft first.

    A published commitment is not changed: the edit, with its ``reason``, becomes the record's open
    revision, which council staff release or reject (``corrections``).
    """
    unknown = set(fields) - set(EDITABLE_COMMITMENT_FIELDS)
    if unknown:
        message = _("These fields are not changed by editing the record: %(fields)s.")
        raise ValidationError(message % {"fields": ", ".join(sorted(unknown))}, code="not_editable")
    commitment = _locked(Commitment, commitment, user)
    require(user, "change", commitment)
    if not fields:
        return commitment
    if commitment.review_state == ReviewState.PUBLISHED:
        corrections.commitment_propose_revision(commitment=commitment, user=user, reason=reason, **fields)
        return commitment
    if commitment.review_state != ReviewState.DRAFT:
        raise ValidationError(NOT_DRAFT, code="not_draft")
    for name, value in fields.items():
        setattr(commitment, name, value)
    commitment._history_user = user
    commitment.full_clean()
    commitment.save()
    return commitment


def can_delete(*, commitment: Commitment, user) -> bool:
    """Whether the record's state lets the user delete it: a published one only those who publish withdraw."""
    return may(user, "delete", commitment)


@transaction.atomic
def commitment_delete(*, commitment: Commitment, user, reason: str = "") -> None:
    """Deletes a commitment; its history stays. A published one is withdrawn only by council staff,
    with a reason, which a public commitment's withdrawal notice shows."""
    commitment = _locked(Commitment, commitment, user)
    if not can_delete(commitment=commitment, user=user):
        raise PermissionDenied(_("A published commitment is not deleted; return it to draft first."))
    if commitment.review_state == ReviewState.PUBLISHED:
        if not (reason or "").strip():
            raise ValidationError({"reason": _("Say why the published record is deleted.")})
        corrections.note_withdrawal(commitment=commitment, user=user, reason=reason.strip())
    commitment._history_user = user
    commitment.delete()


@transaction.atomic
def commitment_submit(*, commitment: Commitment, user) -> Commitment:
    """Sends a draft commitment (and the progress logged on it) for review."""
    commitment = _locked(Commitment, commitment, user)
    review_submit(commitment, user=user, perms=COMMITMENT_PERMISSIONS)
    return commitment


def can_publish(*, commitment: Commitment, user) -> bool:
    """Whether the user may publish this commitment (ignoring its current state)."""
    try:
        check_may_publish(commitment, user=user, perms=COMMITMENT_PERMISSIONS)
    except PermissionDenied:
        return False
    return Commitment.objects.visible_to(user).filter(pk=commitment.pk).exists()


def _publish_commitment(commitment: Commitment, *, user, also_from_draft: bool = False) -> None:
    review_publish(commitment, user=user, perms=COMMITMENT_PERMISSIONS, also_from_draft=also_from_draft)
    # The progress already applied to it is part of what the reviewer saw: released with it.
    applied = commitment.updates.select_for_update().filter(applied_at__isnull=False).exclude(
        review_state=ReviewState.PUBLISHED
    )
    for update in applied:
        review_publish(
            update, user=user, perms=UPDATE_PERMISSIONS, also_from_draft=True,
            reason=_("Published with its commitment"),
        )


@transaction.atomic
def commitment_publish(*, commitment: Commitment, user) -> Commitment:
    """Publishes a submitted commitment and the progress applied to it; a second person must do it."""
    commitment = _locked(Commitment, commitment, user)
    _publish_commitment(commitment, user=user)
    corrections.note_republication(commitment=commitment, user=user)
    return commitment


@transaction.atomic
def commitment_return_to_draft(*, commitment: Commitment, user, reason: str) -> Commitment:
    """Takes a submitted or published commitment back to draft, withdrawing it from the public site."""
    commitment = _locked(Commitment, commitment, user)
    if commitment.review_state == ReviewState.PUBLISHED and (reason or "").strip():
        # Written before the state changes, while the record is public; undone if the step is refused.
        corrections.note_withdrawal(commitment=commitment, user=user, reason=reason.strip())
    review_return_to_draft(commitment, user=user, perms=COMMITMENT_PERMISSIONS, reason=reason)
    return commitment


@transaction.atomic
def meeting_create_with_commitments(*, user, negotiation: Negotiation | None = None,
                                    commitments: list[dict] | None = None, **fields) -> Meeting:
    """Logs a meeting (as a draft) and the commitments made in it, all or nothing.

    Each commitment belongs to the meeting's negotiation and has the meeting as its source; a
    meeting outside any negotiation records none.
    """
    if negotiation is None and commitments:
        raise ValidationError({"commitments": COMMITMENTS_NEED_NEGOTIATION})
    meeting = meeting_create(negotiation=negotiation, user=user, **fields)
    for commitment_fields in commitments or []:
        commitment_create(negotiation=negotiation, source_meeting=meeting, user=user, **commitment_fields)
    return meeting


@receiver(meeting_published, dispatch_uid="commitments_publish_with_meeting")
def publish_commitments_with_meeting(sender, *, meeting, user, **kwargs) -> None:
    """The commitments logged in a meeting are released with it, except any its publisher logged."""
    pending = Commitment.objects.select_for_update().filter(
        source_meeting=meeting, review_state__in=[ReviewState.DRAFT, ReviewState.SUBMITTED]
    ).exclude(logged_by=user)
    for commitment in pending:
        _publish_commitment(commitment, user=user, also_from_draft=True)
        corrections.note_republication(commitment=commitment, user=user)


@receiver(meeting_returned_to_draft, dispatch_uid="commitments_return_with_meeting")
def return_commitments_with_meeting(sender, *, meeting, user, reason, was_public=False, **kwargs) -> None:
    """A meeting back in draft takes its commitments with it, so they are edited and released together.

    The meeting has left the public site already; its published commitments were public with it
    when it was public (``was_public``) and their negotiation is announced.
    """
    released = Commitment.objects.select_for_update().filter(source_meeting=meeting).exclude(
        review_state=ReviewState.DRAFT
    ).select_related("negotiation__city")
    for commitment in released:
        if commitment.review_state == ReviewState.PUBLISHED:
            corrections.note_withdrawal(commitment=commitment, user=user, reason=reason,
                                        was_public=was_public and commitment.negotiation.is_public)
        review_return_to_draft(commitment, user=user, perms=COMMITMENT_PERMISSIONS, reason=reason)


# --- progress -----------------------------------------------------------------------------------------------------


@transaction.atomic
def commitment_update_log(
    *,
    commitment: Commitment,
    user,
    summary: str,
    evidence: str = "",
    evidence_url: str = "",
    completion: str = "",
    new_due_on: datetime.date | None = None,
    due_date_reason: str = "",
    reported_on: datetime.date | None = None,
) -> CommitmentUpdate:
    """Logs progress on a commitment (as a draft): a completion level, evidence, a moved due date.

    On a draft commitment the progress applies at once; on a submitted or published one it waits
    for a second person to publish the update (``commitment_update_publish``). Completion needs
    evidence; moving the due date needs a reason.
    """
    commitment = _locked(Commitment, commitment, user)
    require(user, "add", CommitmentUpdate)
    reported_on = reported_on or city_today(commitment.negotiation.city)
    moves_due_date = new_due_on is not None and new_due_on != commitment.due_on
    if moves_due_date and not due_date_reason.strip():
        raise ValidationError({"due_date_reason": MOVE_NEEDS_REASON})

    update = CommitmentUpdate(
        commitment=commitment,
        reported_on=reported_on,
        summary=summary,
        evidence=evidence,
        evidence_url=evidence_url,
        completion=completion,
        previous_due_on=commitment.due_on if moves_due_date else None,
        new_due_on=new_due_on if moves_due_date else None,
        due_date_reason=due_date_reason.strip() if moves_due_date else "",
        logged_by=user,
        review_state=ReviewState.DRAFT,
    )
    update._history_user = user
    update.full_clean()
    update.save()
    if commitment.review_state == ReviewState.DRAFT:
        _apply(update, commitment=commitment, user=user)
    return update


def _apply(update: CommitmentUpdate, *, commitment: Commitment, user) -> None:
    """Writes the update's effects on the commitment as it stands now, with the actor and reason."""
    changed = []
    moves_due_date = update.new_due_on is not None and update.new_due_on != commitment.due_on
    if update.new_due_on is not None:
        # A date moved meanwhile by other progress: this update moves it from where it now is.
        update.previous_due_on = commitment.due_on if moves_due_date else update.previous_due_on
    if moves_due_date and commitment.due_on is None:
        commitment.due_on = commitment.original_due_on = update.new_due_on
        changed += ["due_on", "original_due_on"]
    elif moves_due_date:
        commitment.due_on = update.new_due_on
        commitment.slippage_count += 1
        changed += ["due_on", "slippage_count"]
    if update.completion and update.completion != commitment.completion:
        commitment.completion = update.completion
        commitment.completed_on = update.reported_on if update.completion == CompletionLevel.COMPLETE else None
        changed += ["completion", "completed_on"]
    if update.evidence:
        commitment.evidence = (
            f"{commitment.evidence}\n\n{update.evidence}".strip() if commitment.evidence else update.evidence
        )
        changed.append("evidence")
    if update.evidence_url:
        commitment.evidence_url = update.evidence_url
        changed.append("evidence_url")
    if changed:
        commitment._history_user = user
        commitment._change_reason = _("Progress update: %(summary)s") % {"summary": update.summary[:80]}
        commitment.full_clean()
        commitment.save(update_fields=changed)
    update.applied_at = timezone.now()
    update._history_user = user
    update.save(update_fields=["applied_at", "previous_due_on"])
    if {"due_on", "completion"} & set(changed):
        # A completion clears the commitment's flags, and a moved date clears or raises them, at once
        # rather than at the next hourly run. The job is saved with this transaction and sent after
        # it commits, or later if the broker is down then (ambassador.core.outbox).
        enqueue(flag_overdue_commitments, commitment_ids=[commitment.pk])


def _locked_update(update: CommitmentUpdate, user) -> tuple[CommitmentUpdate, Commitment]:
    update = _locked(CommitmentUpdate, update, user)
    commitment = Commitment.objects.select_for_update().get(pk=update.commitment_id)
    return update, commitment


@transaction.atomic
def commitment_update_submit(*, update: CommitmentUpdate, user) -> CommitmentUpdate:
    """Sends progress for review."""
    update, _commitment = _locked_update(update, user)
    review_submit(update, user=user, perms=UPDATE_PERMISSIONS)
    return update


def can_publish_update(*, update: CommitmentUpdate, user) -> bool:
    try:
        check_may_publish(update, user=user, perms=UPDATE_PERMISSIONS)
    except PermissionDenied:
        return False
    return CommitmentUpdate.objects.visible_to(user).filter(pk=update.pk).exists()


@transaction.atomic
def commitment_update_publish(*, update: CommitmentUpdate, user) -> CommitmentUpdate:
    """Publishes submitted progress and applies what it holds to the commitment; a second person does it."""
    update, commitment = _locked_update(update, user)
    review_publish(update, user=user, perms=UPDATE_PERMISSIONS)
    if update.applied_at is None:
        _apply(update, commitment=commitment, user=user)
    return update


@transaction.atomic
def commitment_update_return_to_draft(*, update: CommitmentUpdate, user, reason: str) -> CommitmentUpdate:
    """Takes submitted progress back to draft. Published progress is a dated record: a new update corrects it."""
    update, _commitment = _locked_update(update, user)
    if update.review_state == ReviewState.PUBLISHED:
        raise ValidationError(
            _("Published progress stays on the record; log a new progress update to correct it."),
            code="published",
        )
    review_return_to_draft(update, user=user, perms=UPDATE_PERMISSIONS, reason=reason)
    return update
