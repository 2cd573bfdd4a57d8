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
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _

from ambassador.core.permissions import may, require, require_perm
from ambassador.core.querysets import visible_queryset
from ambassador.core.review import clean_reason
from ambassador.stakeholders.models import City

from . import corrections, negotiation_corrections
from .choices import ReviewState
from .models import CITY_OF_NEGOTIATION, STANDALONE_NEEDS_ORGANISATION, Meeting, Negotiation, Topic

# Sent inside the step's transaction, with ``meeting``, ``user`` (and ``reason``): the records that
# belong to a meeting (its commitments, in a higher app) are released and withdrawn with it.
meeting_published = Signal()
meeting_returned_to_draft = Signal()

SUBMIT_ANNOUNCEMENT_PERMISSION = "negotiations.submit_negotiation"
ANNOUNCE_PERMISSION = "negotiations.announce_negotiation"
WITHDRAW_ANNOUNCEMENT_PERMISSION = "negotiations.return_negotiation"

PUBLISH_PERMISSION = "negotiations.publish_meeting"
SECOND_PERSON = _("A record is published by someone other than the person who logged it.")

# What an envoy writes about a meeting. The negotiation and the city are fixed once the meeting is
# logged (its commitments belong to that negotiation); the review fields change only through the workflow.
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


def _meeting_city(*, negotiation: Negotiation | None, city: City | None, user) -> City:
    """The city a new meeting belongs to: its negotiation's, or (outside a negotiation) the one named."""
    if negotiation is not None:
        _require_visible(model=Negotiation, obj=negotiation, user=user)
        if city is not None and city.pk != negotiation.city_id:
            raise ValidationError({"city": CITY_OF_NEGOTIATION})
        return negotiation.city
    if city is None:
        raise ValidationError({"city": _("Name the city that held the meeting, or the negotiation it was part of.")})
    if not visible_queryset(City, user).filter(pk=city.pk).exists():
        raise PermissionDenied(_("You cannot act on records of another city."))
    return city


def meeting_create(*, user, negotiation: Negotiation | None = None, city: City | None = None, **fields) -> Meeting:
    """Logs a meeting (as a draft), in a negotiation the user may see or, outside any negotiation, in
    the user's city; a meeting outside a negotiation names at least one organisation present.

    The commitments made in it are logged with it by ``commitments.services.meeting_create_with_commitments``.
    """
    city = _meeting_city(negotiation=negotiation, city=city, user=user)
    require(user, "add", Meeting)
    if negotiation is None and not fields.get("organisations"):
        raise ValidationError({"organisations": STANDALONE_NEEDS_ORGANISATION})
    with transaction.atomic():
        attendees = fields.pop("attendees", None)
        organisations = fields.pop("organisations", None)
        meeting = Meeting(
            negotiation=negotiation, city=city, logged_by=user, review_state=ReviewState.DRAFT, **fields
        )
        meeting._history_user = user
        meeting.full_clean()
        meeting.save()
        if attendees is not None:
            meeting.attendees.set(attendees)
        if organisations is not None:
            meeting.organisations.set(organisations)
    return meeting


def check_standalone_organisations(meeting: Meeting, organisations=None) -> None:
    """A meeting outside a negotiation names at least one organisation present (``organisations``: the
    ones about to be set, else those recorded)."""
    if meeting.negotiation_id is not None:
        return
    present = meeting.organisations.exists() if organisations is None else bool(list(organisations))
    if not present:
        raise ValidationError({"organisations": STANDALONE_NEEDS_ORGANISATION})


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
    require(user, "change", meeting)
    if not fields:
        return meeting
    if "organisations" in fields:
        check_standalone_organisations(meeting, fields["organisations"])
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
    return may(user, "delete", meeting)


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
        and (meeting.logged_by_id is None or meeting.logged_by_id != user.pk)
        and Meeting.objects.visible_to(user).filter(pk=meeting.pk).exists()
        and may(user, "publish", meeting)
    )


@transaction.atomic
def meeting_submit(*, meeting: Meeting, user) -> Meeting:
    """Sends a draft record for review."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _require_visible(model=Meeting, obj=meeting, user=user)
    require(user, "submit", meeting)
    if meeting.review_state != ReviewState.DRAFT:
        raise ValidationError(_("Only a draft can be submitted for review."), code="not_draft")
    check_standalone_organisations(meeting)
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
    if meeting.logged_by_id is not None and meeting.logged_by_id == user.pk:
        raise PermissionDenied(SECOND_PERSON)
    require(user, "publish", meeting, _("Only council staff publish meeting records."))
    if meeting.review_state != ReviewState.SUBMITTED:
        raise ValidationError(_("Only a submitted record can be published."), code="not_submitted")
    meeting.review_state = ReviewState.PUBLISHED
    meeting.published_at = timezone.now()
    meeting.published_by = user
    meeting.first_published_at = meeting.first_published_at or meeting.published_at
    _save_with_history(
        meeting, user=user, reason=_("Published"),
        update_fields=["review_state", "published_at", "published_by", "first_published_at"],
    )
    meeting_published.send(sender=Meeting, meeting=meeting, user=user)
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
    require(user, "return", meeting, _("Only council staff withdraw a published record."))
    was_public = corrections.note_withdrawal(meeting=meeting, user=user, reason=reason) is not None
    meeting.review_state = ReviewState.DRAFT
    meeting.submitted_at = None
    meeting.published_at = None
    meeting.published_by = None
    _save_with_history(
        meeting, user=user, reason=_("Returned to draft: %(reason)s") % {"reason": reason},
        update_fields=["review_state", "submitted_at", "published_at", "published_by"],
    )
    meeting_returned_to_draft.send(sender=Meeting, meeting=meeting, user=user, reason=reason, was_public=was_public)
    return meeting


# --- announcing a negotiation -------------------------------------------------------------------------------------
# An envoy proposes the announcement; a second person (council staff of the city, or a superuser)
# announces it, which makes the negotiation and its published records public. Withdrawing a
# proposal or an announcement needs a reason; only those who announce withdraw an announcement.


def _locked_negotiation(negotiation: Negotiation, user) -> Negotiation:
    negotiation = Negotiation.objects.select_for_update().get(pk=negotiation.pk)
    _require_visible(model=Negotiation, obj=negotiation, user=user)
    return negotiation


@transaction.atomic
def negotiation_propose_announcement(*, negotiation: Negotiation, user) -> Negotiation:
    """Proposes that the negotiation be announced; someone else releases the announcement."""
    negotiation = _locked_negotiation(negotiation, user)
    require_perm(user, SUBMIT_ANNOUNCEMENT_PERMISSION, negotiation)
    if negotiation.is_public:
        raise ValidationError(_("The negotiation is announced already."), code="announced")
    if negotiation.announcement_proposed_at is not None:
        raise ValidationError(_("The announcement is proposed already."), code="proposed")
    negotiation.announcement_proposed_by = user
    negotiation.announcement_proposed_at = timezone.now()
    _save_with_history(
        negotiation, user=user, reason=_("Announcement proposed"),
        update_fields=["announcement_proposed_by", "announcement_proposed_at"],
    )
    return negotiation


def check_may_announce(*, negotiation: Negotiation, user) -> None:
    proposer = negotiation.announcement_proposed_by_id
    if proposer is not None and proposer == user.pk:
        raise PermissionDenied(
            _("A negotiation is announced by someone other than the person who proposed the announcement.")
        )
    require_perm(user, ANNOUNCE_PERMISSION, negotiation, _("Only council staff announce a negotiation."))


def can_announce(*, negotiation: Negotiation, user) -> bool:
    """Whether the user may release this negotiation's announcement (ignoring whether it is proposed)."""
    try:
        check_may_announce(negotiation=negotiation, user=user)
    except PermissionDenied:
        return False
    return Negotiation.objects.visible_to(user).filter(pk=negotiation.pk).exists()


@transaction.atomic
def negotiation_announce(*, negotiation: Negotiation, user) -> Negotiation:
    """Announces a proposed negotiation: it and its published records appear on the public site."""
    negotiation = _locked_negotiation(negotiation, user)
    check_may_announce(negotiation=negotiation, user=user)
    if negotiation.is_public:
        raise ValidationError(_("The negotiation is announced already."), code="announced")
    if negotiation.announcement_proposed_at is None:
        raise ValidationError(
            _("Only a proposed announcement is released; propose the announcement first."), code="not_proposed"
        )
    negotiation.is_public = True
    negotiation.announced_at = timezone.now()
    negotiation.announced_by = user
    _save_with_history(
        negotiation, user=user, reason=_("Announced"), update_fields=["is_public", "announced_at", "announced_by"]
    )
    negotiation_corrections.note_republication(negotiation=negotiation, user=user)
    return negotiation


@transaction.atomic
def negotiation_withdraw_announcement(*, negotiation: Negotiation, user, reason: str) -> Negotiation:
    """Withdraws a proposed or released announcement; an announced negotiation leaves the public site."""
    reason = clean_reason(reason, message=_("Say why the announcement is withdrawn."))
    negotiation = _locked_negotiation(negotiation, user)
    require_perm(user, WITHDRAW_ANNOUNCEMENT_PERMISSION, negotiation)
    if not negotiation.is_public and negotiation.announcement_proposed_at is None:
        raise ValidationError(_("The negotiation is not announced, nor proposed for it."), code="not_announced")
    if negotiation.is_public:
        try:
            require_perm(user, ANNOUNCE_PERMISSION)
        except PermissionDenied:
            raise PermissionDenied(_("Only council staff withdraw an announcement.")) from None
    negotiation_corrections.note_withdrawal(negotiation=negotiation, user=user, reason=reason)
    negotiation.is_public = False
    negotiation.announcement_proposed_by = None
    negotiation.announcement_proposed_at = None
    negotiation.announced_at = None
    negotiation.announced_by = None
    _save_with_history(
        negotiation, user=user, reason=_("Announcement withdrawn: %(reason)s") % {"reason": reason},
        update_fields=["is_public", "announcement_proposed_by", "announcement_proposed_at", "announced_at",
                       "announced_by"],
    )
    return negotiation


# --- topics (council staff) ---------------------------------------------------------------------------------------


@transaction.atomic
def topic_create(*, user, **fields) -> Topic:
    require(user, "add", Topic, _("Topics are kept by council staff."))
    topic = Topic(**fields)
    topic._history_user = user
    topic.full_clean()
    topic.save()
    return topic


@transaction.atomic
def topic_update(*, topic: Topic, user, **fields) -> Topic:
    require(user, "change", topic, _("Topics are kept by council staff."))
    for name, value in fields.items():
        setattr(topic, name, value)
    topic._history_user = user
    topic.full_clean()
    topic.save()
    return topic


@transaction.atomic
def topic_delete(*, topic: Topic, user) -> None:
    require(user, "delete", topic, _("Topics are kept by council staff."))
    topic._history_user = user
    topic.delete()


# --- negotiations -------------------------------------------------------------------------------------------------
# Whether a negotiation is announced is not edited here: it is proposed and released by two people
# (``negotiation_propose_announcement``, ``negotiation_announce``).

_NOT_EDITED = ("is_public", "announcement_proposed_by", "announcement_proposed_at", "announced_by", "announced_at")


def _check_city(negotiation: Negotiation, user) -> None:
    if not visible_queryset(type(negotiation.city), user).filter(pk=negotiation.city_id).exists():
        raise PermissionDenied(_("You cannot act on records of another city."))


def _save_negotiation(negotiation: Negotiation, *, user, topics=None) -> Negotiation:
    _check_city(negotiation, user)
    negotiation._history_user = user
    negotiation.full_clean()
    negotiation.save()
    if topics is not None:
        negotiation.topics.set(topics)
    return negotiation


@transaction.atomic
def negotiation_create(*, user, **fields) -> Negotiation:
    """Opens a negotiation of the user's city, unannounced."""
    require(user, "add", Negotiation)
    topics = fields.pop("topics", None)
    fields = {name: value for name, value in fields.items() if name not in _NOT_EDITED}
    return _save_negotiation(Negotiation(is_public=False, **fields), user=user, topics=topics)


@transaction.atomic
def negotiation_update(*, negotiation: Negotiation, user, reason: str = "", **fields) -> Negotiation:
    """Changes an unannounced negotiation. An announced one is not changed: the edit, with its
    ``reason``, becomes its open revision, which council staff release or reject
    (``negotiation_corrections``)."""
    negotiation = Negotiation.objects.select_for_update().get(pk=negotiation.pk)
    _require_visible(model=Negotiation, obj=negotiation, user=user)
    require(user, "change", negotiation)
    unknown = set(fields) & set(_NOT_EDITED)
    if unknown:
        message = _("The announcement is proposed and released, not edited: %(fields)s.")
        raise ValidationError(message % {"fields": ", ".join(sorted(unknown))}, code="not_editable")
    if negotiation.is_public:
        if fields:
            negotiation_corrections.negotiation_propose_revision(
                negotiation=negotiation, user=user, reason=reason, **fields
            )
        return negotiation
    topics = fields.pop("topics", None)
    for name, value in fields.items():
        setattr(negotiation, name, value)
    return _save_negotiation(negotiation, user=user, topics=topics)


@transaction.atomic
def negotiation_delete(*, negotiation: Negotiation, user, reason: str = "") -> None:
    """Deletes a negotiation; deleting an announced one needs a reason, which its withdrawal notice shows."""
    negotiation = _locked_negotiation(negotiation, user)
    require(user, "delete", negotiation, _("Only council staff delete a negotiation."))
    if negotiation.is_public:
        reason = clean_reason(reason, message=_("Say why the announced negotiation is deleted."))
        negotiation_corrections.note_withdrawal(negotiation=negotiation, user=user, reason=reason)
    negotiation._history_user = user
    negotiation.delete()
