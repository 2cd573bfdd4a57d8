"""When each commitment becomes public, kept in an indexed column: ``Commitment.public_from``.

A commitment is public when it is published, its negotiation is announced and its source meeting,
if any, is public (``CommitmentQuerySet.public_by_rules``). So its ``public_from`` is NULL unless it
is published in an announced negotiation; then it is its source meeting's ``public_from`` (see
``ambassador.negotiations.publicity``), or ``ALWAYS`` without one. ``public()`` is
``public_from <= now``; progress updates and flags join their commitment's column.

``Commitment.save()`` writes the column; a change to a meeting's or a negotiation's publicity
refreshes the commitments that follow it, set-based, on ``publicity_changed``.
"""

from __future__ import annotations

import datetime

from django.db.models import Case, DateTimeField, Exists, OuterRef, Q, Subquery, Value, When
from django.dispatch import receiver

from ambassador.core.choices import ReviewState
from ambassador.negotiations.models import Meeting, Negotiation
from ambassador.negotiations.publicity import ALWAYS, publicity_changed, refresh_meetings


def public_from_of(commitment) -> datetime.datetime | None:
    """The value of ``commitment.public_from`` for a commitment about to be saved, from fresh rows."""
    if commitment.review_state != ReviewState.PUBLISHED:
        return None
    if not Negotiation.objects.filter(pk=commitment.negotiation_id, is_public=True).exists():
        return None
    if commitment.source_meeting_id is None:
        return ALWAYS
    return Meeting.objects.filter(pk=commitment.source_meeting_id).values_list("public_from", flat=True).first()


def public_from_expression() -> Case:
    """``public_from`` as the rule gives it, for an UPDATE or a check."""
    announced = Exists(Negotiation.objects.filter(pk=OuterRef("negotiation_id"), is_public=True))
    meeting = Subquery(Meeting.objects.filter(pk=OuterRef("source_meeting_id")).values("public_from")[:1])
    return Case(
        When(~Q(review_state=ReviewState.PUBLISHED), then=Value(None, output_field=DateTimeField())),
        When(~announced, then=Value(None, output_field=DateTimeField())),
        When(source_meeting__isnull=True, then=Value(ALWAYS)),
        default=meeting,
        output_field=DateTimeField(),
    )


def refresh_commitments(scope: Q | None = None) -> int:
    """Rewrites ``public_from`` of the commitments in ``scope`` (all when None) from the rule, set-based."""
    from .models import Commitment

    commitments = Commitment.objects.all() if scope is None else Commitment.objects.filter(scope)
    return commitments.update(public_from=public_from_expression())


@receiver(publicity_changed, dispatch_uid="commitments_follow_meetings")
def _follow_meetings(sender, *, meeting_ids=None, negotiation_ids=None, city_ids=None, everything=False, **kwargs):
    if everything:
        refresh_commitments()
        return
    scope = Q(pk__in=[])
    if meeting_ids is not None:
        scope |= Q(source_meeting_id__in=list(meeting_ids))
    if negotiation_ids is not None:
        scope |= Q(negotiation_id__in=list(negotiation_ids))
    if city_ids is not None:
        scope |= Q(negotiation__city_id__in=list(city_ids))
    refresh_commitments(scope)


def refresh_everything() -> None:
    """Every meeting's and commitment's ``public_from`` from the rules: after a bulk load or a repair."""
    refresh_meetings(everything=True)
