"""Corrections in the open for commitments: revisions of published commitments, and the notices they leave.

The same rules as a meeting's (``negotiations.corrections``), through the same bookkeeping
(``core.revisions``): an edit of a published commitment opens a revision and leaves the row
alone, so the public keeps the released version until council staff other than the proposer
release it; then the change is applied with its reason in the history and the public gets a
correction notice holding the earlier public version. A public commitment returned to draft or
deleted (alone or with its meeting) leaves a withdrawal notice; published again, a republication
notice. A commitment that was never public leaves none.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ambassador.core import revisions
from ambassador.core.choices import NoticeKind, RevisionState
from ambassador.core.models import PublicNotice, Revision
from ambassador.core.permissions import may
from ambassador.core.review import ReviewState
from ambassador.core.services import require_visible

from .models import Commitment

# --- what the public saw ------------------------------------------------------------------------------------------


def is_public(commitment: Commitment) -> bool:
    return Commitment.objects.public().filter(pk=commitment.pk).exists()


def public_snapshot(commitment: Commitment) -> dict:
    """The commitment as the public site shows it (nothing the public page does not show)."""
    return {
        "text": commitment.text,
        "area": commitment.area,
        "principle": commitment.principle,
        "promiser": commitment.promiser,
        "due_on": commitment.due_on.isoformat() if commitment.due_on else None,
        "original_due_on": commitment.original_due_on.isoformat() if commitment.original_due_on else None,
        "slippage_count": commitment.slippage_count,
        "completion": commitment.completion,
        "completed_on": commitment.completed_on.isoformat() if commitment.completed_on else None,
        "evidence": commitment.evidence,
        "evidence_url": commitment.evidence_url,
        "negotiation": commitment.negotiation.title,
        "negotiation_slug": commitment.negotiation.slug,
        "source_meeting_id": commitment.source_meeting_id,
        "time_zone": commitment.negotiation.city.time_zone,
        "published_at": commitment.published_at.isoformat() if commitment.published_at else None,
    }


# --- proposed values as JSON and back -----------------------------------------------------------------------------


def proposed_values(revision: Revision) -> dict:
    """The revision's changes as Python values for a form's initial data (a foreign key as its id)."""
    return revisions.proposed_values(Commitment, revision)


def differences(commitment: Commitment, revision: Revision) -> list[tuple[str, object, object]]:
    """(field label, released value, proposed value) for each field the revision changes."""
    return revisions.differences(commitment, revision)


# --- revisions ----------------------------------------------------------------------------------------------------


def can_review(*, commitment: Commitment, revision: Revision | None, user) -> bool:
    """Whether the user may release or reject the revision: council staff, not the proposer."""
    return (
        revision is not None
        and user.is_active
        and may(user, "publish", commitment)
        and (revision.proposed_by_id is None or revision.proposed_by_id != user.pk)
        and Commitment.objects.visible_to(user).filter(pk=commitment.pk).exists()
    )


def commitment_propose_revision(*, commitment: Commitment, user, reason: str, **fields) -> Revision | None:
    """Turns an edit of a published commitment (locked by the caller) into its open revision.

    Only fields whose value differs from the released record are kept; an edit that proposes
    nothing new leaves no revision.
    """
    return revisions.propose_changes(record=commitment, fields=fields, reason=reason, user=user)


def _locked(commitment: Commitment, user) -> Commitment:
    commitment = Commitment.objects.select_for_update(of=("self",)).select_related("negotiation__city").get(
        pk=commitment.pk
    )
    require_visible(model=Commitment, obj=commitment, user=user)
    return commitment


def _open_revision_to_review(commitment: Commitment, user) -> Revision:
    return revisions.open_revision_to_review(commitment, user=user, may_review=may(user, "publish", commitment))


@transaction.atomic
def commitment_release_revision(*, commitment: Commitment, user) -> Commitment:
    """Applies a published commitment's open revision and tells the public what changed.

    The record keeps its publication date. The public gets a correction notice with the earlier
    version, or a withdrawal notice when the revision takes a public record out of public view.
    """
    commitment = _locked(commitment, user)
    revision = _open_revision_to_review(commitment, user)
    if commitment.review_state != ReviewState.PUBLISHED:
        raise ValidationError(_("Only a revision of a published record is released."), code="not_published")
    was_public = is_public(commitment)
    earlier = public_snapshot(commitment) if was_public else {}
    revisions.apply_revision(commitment, revision, user=user)
    if was_public:
        kind = NoticeKind.CORRECTION if is_public(commitment) else NoticeKind.WITHDRAWAL
        revisions.notice_write(kind=kind, record=commitment, city_id=commitment.negotiation.city_id,
                               reason=revision.reason, earlier_version=earlier, user=user, revision=revision)
    return commitment


@transaction.atomic
def commitment_reject_revision(*, commitment: Commitment, user, note: str = "") -> Revision:
    """Rejects a published commitment's open revision; the released version stays as it is."""
    commitment = _locked(commitment, user)
    revision = _open_revision_to_review(commitment, user)
    return revisions.revision_close(revision=revision, user=user, state=RevisionState.REJECTED, note=note)


# --- hooks of the release workflow (called by ``services``) -------------------------------------------------------


def note_withdrawal(
    *, commitment: Commitment, user, reason: str, was_public: bool | None = None
) -> PublicNotice | None:
    """Before a commitment leaves the public site (back to draft, or deleted): a notice, if it was public.

    ``was_public`` is given when the commitment leaves with its meeting, which has already left.
    An open revision of the record is set aside: the record is edited as a draft from now on.
    """
    Revision.objects.open().for_record(commitment).update(
        state=RevisionState.REJECTED, reviewed_by=user, reviewed_at=timezone.now(),
        review_note=_("Set aside: the record left the public site."),
    )
    if not (is_public(commitment) if was_public is None else was_public):
        return None
    return revisions.notice_write(
        kind=NoticeKind.WITHDRAWAL, record=commitment, city_id=commitment.negotiation.city_id, reason=reason,
        earlier_version=public_snapshot(commitment), user=user,
    )


def note_republication(*, commitment: Commitment, user) -> PublicNotice | None:
    """After a commitment is published: a notice if the public saw it withdrawn and sees it again now."""
    withdrawal = revisions.last_withdrawal(commitment)
    if withdrawal is None or not is_public(commitment):
        return None
    return revisions.notice_write(
        kind=NoticeKind.REPUBLICATION, record=commitment, city_id=commitment.negotiation.city_id,
        reason=withdrawal.reason, earlier_version=withdrawal.earlier_version, user=user,
    )
