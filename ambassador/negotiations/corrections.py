"""Corrections in the open: revisions of published meeting records, and the notices they leave.

What the public sees of a meeting is what a second person released. So an edit of a published
record does not change the row: it opens a revision (``core.models.Revision``), and the public
page keeps the released version until council staff other than the proposer release it. Then
the change is applied with its reason in the history, and the public gets a correction notice
with the earlier public version. A public record returned to draft or deleted leaves a withdrawal
notice; published again, a republication notice.

Notices are written only for what was public at the time: a confidential record still under
embargo, or a record of an unannounced negotiation, changes or disappears without one, as it
was never public. The earlier version holds the public fields only (see ``public_snapshot``).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ambassador.core import revisions
from ambassador.core.choices import NoticeKind, RevisionState
from ambassador.core.models import PublicNotice, Revision
from ambassador.core.people import may_be_named
from ambassador.core.permissions import may
from ambassador.core.services import require_visible

from .choices import Confidentiality, ReviewState
from .models import Meeting

# --- what the public saw ------------------------------------------------------------------------------------------


def is_public(meeting: Meeting) -> bool:
    return Meeting.objects.public().filter(pk=meeting.pk).exists()


def public_snapshot(meeting: Meeting) -> dict:
    """The meeting as the public site shows it: never the minutes or place of a restricted meeting,
    never the name of a person who may not be named (they are only counted)."""
    restricted = meeting.confidentiality == Confidentiality.RESTRICTED
    attendees = list(meeting.attendees.all())
    snapshot = {
        "subject": meeting.subject,
        "starts_at": meeting.starts_at.isoformat(),
        "time_zone": meeting.city.time_zone,
        "format": meeting.format,
        "topic": meeting.topic.name if meeting.topic_id else "",
        "negotiation": meeting.negotiation.title if meeting.negotiation_id else "",
        "negotiation_slug": meeting.negotiation.slug if meeting.negotiation_id else "",
        "confidentiality": meeting.confidentiality,
        "withholding_ground": meeting.withholding_ground if restricted else "",
        "location": "" if restricted else meeting.location,
        "minutes": {} if restricted else {
            "main_points": meeting.minutes_main_points,
            "positions": meeting.minutes_positions,
            "conclusions": meeting.minutes_conclusions,
        },
        "organisations": [
            {"id": organisation.pk, "name": organisation.name, "slug": organisation.slug}
            for organisation in meeting.organisations.order_by("name")
        ],
        "named_people": [
            {"id": person.pk, "name": person.full_name} for person in attendees if may_be_named(person)
        ],
        "unnamed_count": sum(1 for person in attendees if not may_be_named(person)),
        "published_at": meeting.published_at.isoformat() if meeting.published_at else None,
    }
    return snapshot


# --- proposed values as JSON and back -----------------------------------------------------------------------------


def proposed_values(revision: Revision) -> dict:
    """The revision's changes as Python values for a form's initial data (many-to-many as id lists)."""
    return revisions.proposed_values(Meeting, revision)


def differences(meeting: Meeting, revision: Revision) -> list[tuple[str, object, object]]:
    """(field label, released value, proposed value) for each field the revision changes."""
    return revisions.differences(meeting, revision)


# --- revisions ----------------------------------------------------------------------------------------------------


def can_review(*, meeting: Meeting, revision: Revision | None, user) -> bool:
    """Whether the user may release or reject the revision: council staff, not the proposer."""
    return (
        revision is not None
        and user.is_active
        and may(user, "publish", meeting)
        and (revision.proposed_by_id is None or revision.proposed_by_id != user.pk)
        and Meeting.objects.visible_to(user).filter(pk=meeting.pk).exists()
    )


def meeting_propose_revision(*, meeting: Meeting, user, reason: str, **fields) -> Revision | None:
    """Turns an edit of a published record (locked by the caller) into its open revision.

    Only fields whose value differs from the released record are kept; an edit that proposes
    nothing new leaves no revision.
    """
    return revisions.propose_changes(record=meeting, fields=fields, reason=reason, user=user)


def _locked(meeting: Meeting, user) -> Meeting:
    meeting = Meeting.objects.select_for_update(of=("self",)).select_related("city", "negotiation", "topic").get(
        pk=meeting.pk
    )
    require_visible(model=Meeting, obj=meeting, user=user)
    return meeting


def _open_revision_to_review(meeting: Meeting, user) -> Revision:
    return revisions.open_revision_to_review(meeting, user=user, may_review=may(user, "publish", meeting))


@transaction.atomic
def meeting_release_revision(*, meeting: Meeting, user) -> Meeting:
    """Applies a published record's open revision and tells the public what changed.

    The record keeps its publication date. The public gets a correction notice with the earlier
    version, or a withdrawal notice when the revision takes a public record out of public view.
    """
    meeting = _locked(meeting, user)
    revision = _open_revision_to_review(meeting, user)
    if meeting.review_state != ReviewState.PUBLISHED:
        raise ValidationError(_("Only a revision of a published record is released."), code="not_published")
    was_public = is_public(meeting)
    earlier = public_snapshot(meeting) if was_public else {}
    revisions.apply_revision(meeting, revision, user=user)
    if was_public:
        kind = NoticeKind.CORRECTION if is_public(meeting) else NoticeKind.WITHDRAWAL
        revisions.notice_write(kind=kind, record=meeting, city_id=meeting.city_id,
                               reason=revision.reason, earlier_version=earlier, user=user, revision=revision)
    return meeting


@transaction.atomic
def meeting_reject_revision(*, meeting: Meeting, user, note: str = "") -> Revision:
    """Rejects a published record's open revision; the released version stays as it is."""
    meeting = _locked(meeting, user)
    revision = _open_revision_to_review(meeting, user)
    return revisions.revision_close(revision=revision, user=user, state=RevisionState.REJECTED, note=note)


# --- hooks of the release workflow (called by ``services``) -------------------------------------------------------


def note_withdrawal(*, meeting: Meeting, user, reason: str) -> PublicNotice | None:
    """Before a record leaves the public site (back to draft, or deleted): a notice, if it was public.

    An open revision of the record is set aside: the record is edited as a draft from now on.
    """
    Revision.objects.open().for_record(meeting).update(
        state=RevisionState.REJECTED, reviewed_by=user, reviewed_at=timezone.now(),
        review_note=_("Set aside: the record left the public site."),
    )
    if not is_public(meeting):
        return None
    return revisions.notice_write(
        kind=NoticeKind.WITHDRAWAL, record=meeting, city_id=meeting.city_id, reason=reason,
        earlier_version=public_snapshot(meeting), user=user,
    )


def note_republication(*, meeting: Meeting, user) -> PublicNotice | None:
    """After a record is published: a notice if the public saw it withdrawn and sees it again now."""
    withdrawal = revisions.last_withdrawal(meeting)
    if withdrawal is None or not is_public(meeting):
        return None
    return revisions.notice_write(
        kind=NoticeKind.REPUBLICATION, record=meeting, city_id=meeting.city_id,
        reason=withdrawal.reason, earlier_version=withdrawal.earlier_version, user=user,
    )
