"""Writes on commitments. Progress is logged as updates; a moved due date needs a reason and counts."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ambassador.core.timezones import city_today
from ambassador.negotiations.models import Meeting, Negotiation
from ambassador.negotiations.services import meeting_create

from .choices import CompletionLevel
from .models import Commitment, CommitmentUpdate


def commitment_create(*, negotiation, user, source_meeting=None, **fields) -> Commitment:
    """Records a commitment in a negotiation the user may see."""
    if not Negotiation.objects.visible_to(user).filter(pk=negotiation.pk).exists():
        raise PermissionDenied(_("You cannot act on records of another city."))
    commitment = Commitment(negotiation=negotiation, source_meeting=source_meeting, **fields)
    if commitment.completion == CompletionLevel.COMPLETE and commitment.completed_on is None:
        commitment.completed_on = city_today(negotiation.city)
    commitment._history_user = user
    with transaction.atomic():
        commitment.full_clean()
        commitment.save()
    return commitment


@transaction.atomic
def meeting_create_with_commitments(*, negotiation: Negotiation, user, commitments: list[dict] | None = None,
                                    **fields) -> Meeting:
    """Logs a meeting (as a draft) and the commitments made in it, all or nothing.

    Each commitment belongs to the meeting's negotiation and has the meeting as its source.
    """
    meeting = meeting_create(negotiation=negotiation, user=user, **fields)
    for commitment_fields in commitments or []:
        commitment_create(negotiation=negotiation, source_meeting=meeting, user=user, **commitment_fields)
    return meeting


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
    """Logs progress on a commitment and applies it: new completion level, evidence, moved due date.

    Moving the due date needs a reason and adds one to the commitment's slippage count. Giving a
    commitment its first due date also needs a reason, but is not a slip: it becomes the original date.
    """
    commitment = Commitment.objects.select_for_update().get(pk=commitment.pk)
    if not Commitment.objects.visible_to(user).filter(pk=commitment.pk).exists():
        raise PermissionDenied(_("You cannot act on records of another city."))
    reported_on = reported_on or city_today(commitment.negotiation.city)
    moves_due_date = new_due_on is not None and new_due_on != commitment.due_on
    if moves_due_date and not due_date_reason.strip():
        raise ValidationError({"due_date_reason": _("Moving the due date needs a reason.")})

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
    )
    update._history_user = user
    update.full_clean()

    changed = []
    if moves_due_date and commitment.due_on is None:
        commitment.due_on = commitment.original_due_on = new_due_on
        changed += ["due_on", "original_due_on"]
    elif moves_due_date:
        commitment.due_on = new_due_on
        commitment.slippage_count += 1
        changed += ["due_on", "slippage_count"]
    if completion and completion != commitment.completion:
        commitment.completion = completion
        commitment.completed_on = reported_on if completion == CompletionLevel.COMPLETE else None
        changed += ["completion", "completed_on"]
    if evidence:
        commitment.evidence = f"{commitment.evidence}\n\n{evidence}".strip() if commitment.evidence else evidence
        changed.append("evidence")
    if evidence_url:
        commitment.evidence_url = evidence_url
        changed.append("evidence_url")
    if changed:
        commitment._history_user = user
        commitment._change_reason = _("Progress update: %(summary)s") % {"summary": summary[:80]}
        commitment.full_clean()
        commitment.save(update_fields=changed)
    update.save()
    if {"due_on", "completion"} & set(changed):
        # A completion clears the commitment's flags, and a moved date clears or raises them, at once
        # rather than at the next hourly run; queued only if this transaction commits.
        from .tasks import flag_overdue_commitments

        flag_overdue_commitments.delay_on_commit(commitment_ids=[commitment.pk])
    return update
