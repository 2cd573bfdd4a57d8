"""Corrections in the open for announced negotiations: reviewed revisions, and the notices they leave.

The same rules as a meeting's (``corrections``), through the same bookkeeping (``core.revisions``):
an edit of an announced negotiation's public fields opens a revision and leaves the row alone, so
the public keeps the announced version until council staff of the city other than the proposer
release it (the announce rule); then the change is applied with its reason in the history and the
public gets a correction notice holding the earlier public version. Withdrawing an announcement
leaves a withdrawal notice (the date, the city and the reason: nothing of the negotiation), and
announcing it again a republication notice. A negotiation that was never announced leaves none.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ambassador.core import revisions
from ambassador.core.choices import NoticeKind, RevisionState
from ambassador.core.models import PublicNotice, Revision
from ambassador.core.services import require_visible

from .models import Negotiation

ANNOUNCE_PERMISSION = "negotiations.announce_negotiation"

# What the public sees of a negotiation, changed only through a reviewed revision once it is announced.
REVISED_FIELDS = ("title", "public_summary", "stage", "opened_on", "closed_on", "topics", "company", "lead_envoy")
# Fixed once announced: they are in the negotiation's public address and place.
FIXED_WHEN_ANNOUNCED = ("city", "slug")


# --- what the public saw ------------------------------------------------------------------------------------------


def public_snapshot(negotiation: Negotiation) -> dict:
    """The negotiation as its public page shows it (the lead envoy is left out: not every one is named)."""
    return {
        "title": negotiation.title,
        "slug": negotiation.slug,
        "public_summary": negotiation.public_summary,
        "stage": negotiation.stage,
        "opened_on": negotiation.opened_on.isoformat() if negotiation.opened_on else None,
        "closed_on": negotiation.closed_on.isoformat() if negotiation.closed_on else None,
        "company": negotiation.company.name if negotiation.company_id else "",
        "topics": sorted(topic.name for topic in negotiation.topics.all()),
        "time_zone": negotiation.city.time_zone,
    }


# --- proposed values as JSON and back -----------------------------------------------------------------------------


def proposed_values(revision: Revision) -> dict:
    """The revision's changes as Python values for a form's initial data (many-to-many as id lists)."""
    return revisions.proposed_values(Negotiation, revision)


def differences(negotiation: Negotiation, revision: Revision) -> list[tuple[str, object, object]]:
    """(field label, announced value, proposed value) for each field the revision changes."""
    return revisions.differences(negotiation, revision)


# --- revisions ----------------------------------------------------------------------------------------------------


def can_review(*, negotiation: Negotiation, revision: Revision | None, user) -> bool:
    """Whether the user may release or reject the revision: council staff of the city, not the proposer."""
    return (
        revision is not None
        and user.is_active
        and user.has_perm(ANNOUNCE_PERMISSION)
        and (revision.proposed_by_id is None or revision.proposed_by_id != user.pk)
        and Negotiation.objects.visible_to(user).filter(pk=negotiation.pk).exists()
    )


def negotiation_propose_revision(*, negotiation: Negotiation, user, reason: str, **fields) -> Revision | None:
    """Turns an edit of an announced negotiation (locked by the caller) into its open revision.

    Only fields whose value differs from the announced record are kept; an edit that proposes
    nothing new leaves no revision.
    """
    fixed = []
    if "city" in fields and revisions.value_as_json(Negotiation, "city", fields["city"]) != negotiation.city_id:
        fixed.append("city")
    if "slug" in fields and fields["slug"] != negotiation.slug:
        fixed.append("slug")
    if fixed:
        message = _("An announced negotiation keeps its city and address: %(fields)s.")
        raise ValidationError(message % {"fields": ", ".join(fixed)}, code="fixed")
    fields = {name: value for name, value in fields.items() if name not in FIXED_WHEN_ANNOUNCED}
    return revisions.propose_changes(record=negotiation, fields=fields, reason=reason, user=user)


def _locked(negotiation: Negotiation, user) -> Negotiation:
    negotiation = Negotiation.objects.select_for_update(of=("self",)).select_related("city", "company").get(
        pk=negotiation.pk
    )
    require_visible(model=Negotiation, obj=negotiation, user=user)
    return negotiation


def _open_revision_to_review(negotiation: Negotiation, user) -> Revision:
    return revisions.open_revision_to_review(negotiation, user=user, may_review=user.has_perm(ANNOUNCE_PERMISSION))


@transaction.atomic
def negotiation_release_revision(*, negotiation: Negotiation, user) -> Negotiation:
    """Applies an announced negotiation's open revision and tells the public what changed."""
    negotiation = _locked(negotiation, user)
    revision = _open_revision_to_review(negotiation, user)
    if not negotiation.is_public:
        raise ValidationError(_("Only a revision of an announced negotiation is released."), code="not_announced")
    earlier = public_snapshot(negotiation)
    revisions.apply_revision(negotiation, revision, user=user)
    revisions.notice_write(kind=NoticeKind.CORRECTION, record=negotiation, city_id=negotiation.city_id,
                           reason=revision.reason, earlier_version=earlier, user=user, revision=revision)
    return negotiation


@transaction.atomic
def negotiation_reject_revision(*, negotiation: Negotiation, user, note: str = "") -> Revision:
    """Rejects an announced negotiation's open revision; the announced version stays as it is."""
    negotiation = _locked(negotiation, user)
    revision = _open_revision_to_review(negotiation, user)
    return revisions.revision_close(revision=revision, user=user, state=RevisionState.REJECTED, note=note)


def _withdrawn_version(negotiation: Negotiation) -> dict:
    """What a withdrawal notice keeps: the city's clock for its date, nothing of the negotiation."""
    return {"time_zone": negotiation.city.time_zone}


# --- hooks of the announcement (called by ``services``) -----------------------------------------------------------


def note_withdrawal(*, negotiation: Negotiation, user, reason: str) -> PublicNotice | None:
    """Before an announced negotiation leaves the public site: a notice with the date, city and reason.

    The notice keeps no earlier version: the negotiation may be withdrawn for what it said. An
    open revision is set aside: the negotiation is edited directly until it is announced again.
    """
    Revision.objects.open().for_record(negotiation).update(
        state=RevisionState.REJECTED, reviewed_by=user, reviewed_at=timezone.now(),
        review_note=_("Set aside: the record left the public site."),
    )
    if not negotiation.is_public:
        return None
    return revisions.notice_write(
        kind=NoticeKind.WITHDRAWAL, record=negotiation, city_id=negotiation.city_id, reason=reason,
        earlier_version=_withdrawn_version(negotiation), user=user,
    )


def note_republication(*, negotiation: Negotiation, user) -> PublicNotice | None:
    """After a negotiation is announced: a notice if the public saw its announcement withdrawn."""
    withdrawal = revisions.last_withdrawal(negotiation)
    if withdrawal is None or not negotiation.is_public:
        return None
    return revisions.notice_write(
        kind=NoticeKind.REPUBLICATION, record=negotiation, city_id=negotiation.city_id,
        reason=withdrawal.reason, earlier_version=_withdrawn_version(negotiation), user=user,
    )
