"""Corrections in the open: a published record changes through a reviewed revision, and the public is told."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ambassador.core.choices import NoticeKind, RevisionState
from ambassador.core.models import PublicNotice, Revision
from ambassador.negotiations import corrections, services
from ambassador.negotiations.choices import ReviewState
from ambassador.negotiations.factories import MeetingFactory, NegotiationFactory
from ambassador.negotiations.models import Meeting
from ambassador.stakeholders.factories import CouncilStaffUserFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(negotiation, envoy):
    return MeetingFactory(negotiation=negotiation, logged_by=envoy, published=True, subject="Kerbside data",
                          minutes_main_points="Old main points")


@pytest.fixture
def other_staff(amsterdam):
    return CouncilStaffUserFactory(city=amsterdam)


def test_editing_a_published_record_opens_a_revision_and_leaves_the_row_alone(published, envoy):
    services.meeting_update(meeting=published, user=envoy, reason="Wrong subject", subject="Kerbside data feed")

    published.refresh_from_db()
    assert published.subject == "Kerbside data"
    revision = Revision.objects.open().for_record(published).get()
    assert (revision.changes, revision.reason, revision.proposed_by) == (
        {"subject": "Kerbside data feed"}, "Wrong subject", envoy)


def test_a_revision_needs_a_reason(published, envoy):
    with pytest.raises(ValidationError):
        services.meeting_update(meeting=published, user=envoy, subject="Kerbside data feed")
    assert not Revision.objects.exists()


def test_the_proposer_edits_the_open_revision_and_there_is_only_one(published, envoy):
    services.meeting_update(meeting=published, user=envoy, reason="Typo", subject="Kerbside data fed")
    services.meeting_update(meeting=published, user=envoy, reason="Typo", subject="Kerbside data feed",
                            minutes_main_points="Old main points")

    assert Revision.objects.get().changes == {"subject": "Kerbside data feed"}


def test_the_proposer_cannot_release_their_own_revision(published, staff):
    services.meeting_update(meeting=published, user=staff, reason="Typo", subject="Kerbside data feed")

    with pytest.raises(PermissionDenied):
        corrections.meeting_release_revision(meeting=published, user=staff)
    published.refresh_from_db()
    assert published.subject == "Kerbside data"


def test_an_envoy_cannot_release_a_revision(published, envoy, negotiation):
    other_envoy = negotiation.lead_envoy
    services.meeting_update(meeting=published, user=envoy, reason="Typo", subject="Kerbside data feed")

    with pytest.raises(PermissionDenied):
        corrections.meeting_release_revision(meeting=published, user=other_envoy)


def test_releasing_applies_the_change_keeps_the_publication_date_and_leaves_a_correction(published, envoy, staff):
    published_at = published.published_at
    person = PersonFactory(public_official=True)
    services.meeting_update(meeting=published, user=envoy, reason="Attendee missing", subject="Kerbside data feed",
                            attendees=[person], starts_at=published.starts_at + datetime.timedelta(hours=1))

    corrections.meeting_release_revision(meeting=published, user=staff)

    published.refresh_from_db()
    assert published.subject == "Kerbside data feed"
    assert list(published.attendees.all()) == [person]
    assert published.published_at == published_at
    assert published.review_state == ReviewState.PUBLISHED
    assert published.history.first().history_change_reason == "Corrected: Attendee missing"
    assert published.history.first().history_user == staff
    notice = PublicNotice.objects.for_record(published).get()
    assert notice.kind == NoticeKind.CORRECTION
    assert notice.reason == "Attendee missing"
    assert notice.earlier_version["subject"] == "Kerbside data"
    assert notice.earlier_version["minutes"]["main_points"] == "Old main points"
    assert Revision.objects.get().state == RevisionState.RELEASED


def test_rejecting_a_revision_keeps_the_released_version(published, envoy, staff):
    services.meeting_update(meeting=published, user=envoy, reason="Typo", subject="Kerbside data feed")

    corrections.meeting_reject_revision(meeting=published, user=staff, note="Not a typo")

    published.refresh_from_db()
    assert published.subject == "Kerbside data"
    assert Revision.objects.get().state == RevisionState.REJECTED
    assert not PublicNotice.objects.exists()


def test_returning_a_public_record_to_draft_leaves_a_withdrawal_notice(published, staff):
    services.meeting_return_to_draft(meeting=published, user=staff, reason="Wrong meeting")

    notice = PublicNotice.objects.for_record(published).get()
    assert (notice.kind, notice.reason, notice.city_id) == (NoticeKind.WITHDRAWAL, "Wrong meeting",
                                                             published.negotiation.city_id)


def test_the_earlier_version_of_a_restricted_meeting_holds_no_minutes_and_no_private_names(negotiation, envoy,
                                                                                            staff):
    private, official = PersonFactory(full_name="Private Pat"), PersonFactory(public_official=True)
    meeting = MeetingFactory(negotiation=negotiation, logged_by=envoy, published=True, restricted=True,
                             attendees=[private, official])

    services.meeting_return_to_draft(meeting=meeting, user=staff, reason="Wrong meeting")

    earlier = PublicNotice.objects.get().earlier_version
    assert earlier["minutes"] == {} and earlier["location"] == ""
    assert "Private Pat" not in str(earlier)
    assert earlier["named_people"] == [{"id": official.pk, "name": official.full_name}]
    assert earlier["unnamed_count"] == 1


def test_a_record_that_was_never_public_leaves_no_notice(amsterdam, envoy, staff):
    hidden = MeetingFactory(negotiation=NegotiationFactory(city=amsterdam, unannounced=True), logged_by=envoy,
                            published=True)
    embargoed = MeetingFactory(negotiation=hidden.negotiation, logged_by=envoy, published=True, confidential=True)

    services.meeting_return_to_draft(meeting=hidden, user=staff, reason="Wrong meeting")
    services.meeting_delete(meeting=embargoed, user=staff, reason="Duplicate")

    assert not PublicNotice.objects.exists()


def test_deleting_a_published_record_needs_a_reason_and_leaves_a_withdrawal_notice(published, staff):
    with pytest.raises(ValidationError):
        services.meeting_delete(meeting=published, user=staff)
    pk = published.pk

    services.meeting_delete(meeting=published, user=staff, reason="Logged twice")

    assert not Meeting.objects.filter(pk=pk).exists()
    notice = PublicNotice.objects.get()
    assert (notice.kind, notice.object_id, notice.reason) == (NoticeKind.WITHDRAWAL, pk, "Logged twice")


def test_a_withdrawn_record_published_again_leaves_a_republication_notice(published, envoy, staff, other_staff):
    services.meeting_return_to_draft(meeting=published, user=staff, reason="Wrong date")
    services.meeting_update(meeting=published, user=envoy, starts_at=published.starts_at + datetime.timedelta(days=1))
    services.meeting_submit(meeting=published, user=envoy)
    services.meeting_publish(meeting=published, user=other_staff)

    kinds = list(PublicNotice.objects.for_record(published).order_by("occurred_at").values_list("kind", flat=True))
    assert kinds == [NoticeKind.WITHDRAWAL, NoticeKind.REPUBLICATION]


def test_returning_to_draft_sets_an_open_revision_aside(published, envoy, staff):
    services.meeting_update(meeting=published, user=envoy, reason="Typo", subject="Kerbside data feed")

    services.meeting_return_to_draft(meeting=published, user=staff, reason="Wrong meeting")

    assert Revision.objects.get().state == RevisionState.REJECTED
