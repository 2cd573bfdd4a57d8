"""The meeting services: logging, editing, deleting, and the release workflow with its second-person rule."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ambassador.commitments import services as commitment_services
from ambassador.commitments.choices import Area, CompletionLevel, Principle
from ambassador.negotiations import services
from ambassador.negotiations.choices import ReviewState
from ambassador.negotiations.factories import MeetingFactory, NegotiationFactory
from ambassador.negotiations.models import Meeting
from ambassador.stakeholders.factories import (
    CityFactory,
    CouncilStaffUserFactory,
    EnvoyUserFactory,
    PersonFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

MEETING_FIELDS = {
    "starts_at": datetime.datetime(2025, 3, 4, 10, 0, tzinfo=datetime.UTC),
    "subject": "Trip-level mobility data feed",
    "minutes_main_points": "The company presented its data specification.",
    "minutes_positions": "The city asks for trip-level data within 24 hours.",
    "minutes_conclusions": "The company sends a revised specification in four weeks.",
}


def _submitted_meeting(negotiation, logged_by):
    return MeetingFactory(negotiation=negotiation, logged_by=logged_by, submitted=True)


# --- meeting_create ----------------------------------------------------------------------------------------------


def test_meeting_create_logs_a_draft_by_the_acting_user(negotiation, envoy):
    meeting = services.meeting_create(negotiation=negotiation, user=envoy, **MEETING_FIELDS)

    assert meeting.review_state == ReviewState.DRAFT
    assert meeting.logged_by == envoy
    assert meeting.history.latest().history_user == envoy


def test_meeting_create_gives_each_commitment_the_meetings_negotiation_and_source(negotiation, envoy):
    attendee = PersonFactory(recorded_by_city=negotiation.city)
    meeting = commitment_services.meeting_create_with_commitments(
        negotiation=negotiation, user=envoy, attendees=[attendee], **MEETING_FIELDS,
        commitments=[{"area": Area.DATA_GOVERNANCE, "principle": Principle.PRIVACY, "text": "Keep data in the EU."}],
    )

    commitment = meeting.commitments.get()
    assert (commitment.negotiation, commitment.source_meeting) == (negotiation, meeting)
    assert list(meeting.attendees.all()) == [attendee]


def test_a_meeting_whose_commitment_is_invalid_is_not_logged_at_all(negotiation, envoy):
    with pytest.raises(ValidationError):
        commitment_services.meeting_create_with_commitments(
            negotiation=negotiation, user=envoy, **MEETING_FIELDS,
            commitments=[{"area": Area.DATA_GOVERNANCE, "principle": Principle.FAIR_PAY, "text": "Pay fairly."}],
        )

    assert not Meeting.objects.filter(subject=MEETING_FIELDS["subject"]).exists()


def test_meeting_create_in_another_citys_negotiation_is_refused_and_writes_nothing(barcelona, envoy):
    foreign = NegotiationFactory(city=barcelona)

    with pytest.raises(PermissionDenied):
        services.meeting_create(negotiation=foreign, user=envoy, **MEETING_FIELDS)
    assert not Meeting.objects.filter(subject=MEETING_FIELDS["subject"]).exists()


# --- meeting_update ----------------------------------------------------------------------------------------------


def test_meeting_update_changes_a_draft_and_records_the_editor(negotiation, envoy):
    meeting = MeetingFactory(negotiation=negotiation, logged_by=envoy)

    services.meeting_update(meeting=meeting, user=envoy, subject="Anonymisation standard")

    meeting.refresh_from_db()
    assert meeting.subject == "Anonymisation standard"
    assert meeting.history.latest().history_user == envoy


@pytest.mark.parametrize("state", ["submitted", "published"])
def test_meeting_update_refuses_a_record_that_left_draft(negotiation, envoy, state):
    meeting = MeetingFactory(negotiation=negotiation, logged_by=envoy, **{state: True})

    with pytest.raises(ValidationError):
        services.meeting_update(meeting=meeting, user=envoy, minutes_conclusions="Rewritten after release.")
    meeting.refresh_from_db()
    assert meeting.minutes_conclusions != "Rewritten after release."


@pytest.mark.parametrize("field", ["negotiation", "review_state", "logged_by", "published_at"])
def test_meeting_update_refuses_fields_owned_by_the_workflow(negotiation, envoy, field):
    meeting = MeetingFactory(negotiation=negotiation, logged_by=envoy)

    with pytest.raises(ValidationError):
        services.meeting_update(meeting=meeting, user=envoy, **{field: None})


def test_meeting_update_of_another_citys_meeting_is_refused(barcelona, envoy):
    foreign = MeetingFactory(negotiation=NegotiationFactory(city=barcelona))

    with pytest.raises(PermissionDenied):
        services.meeting_update(meeting=foreign, user=envoy, subject="Taken over")


# --- meeting_submit ----------------------------------------------------------------------------------------------


def test_meeting_submit_sends_a_draft_for_review_with_actor_and_reason_in_history(negotiation, envoy):
    meeting = MeetingFactory(negotiation=negotiation, logged_by=envoy)

    services.meeting_submit(meeting=meeting, user=envoy)

    meeting.refresh_from_db()
    assert meeting.review_state == ReviewState.SUBMITTED
    assert meeting.submitted_at is not None
    latest = meeting.history.latest()
    assert (latest.history_user, latest.history_change_reason) == (envoy, "Submitted for review")


def test_meeting_submit_refuses_a_record_that_is_not_a_draft(negotiation, envoy):
    meeting = _submitted_meeting(negotiation, envoy)

    with pytest.raises(ValidationError):
        services.meeting_submit(meeting=meeting, user=envoy)


def test_meeting_submit_of_another_citys_meeting_is_refused(barcelona, envoy):
    foreign = MeetingFactory(negotiation=NegotiationFactory(city=barcelona))

    with pytest.raises(PermissionDenied):
        services.meeting_submit(meeting=foreign, user=envoy)
    foreign.refresh_from_db()
    assert foreign.review_state == ReviewState.DRAFT


# --- meeting_publish: council staff, never the person who logged the record ----------------------------------------


def test_council_staff_publish_a_record_someone_else_logged_and_the_time_is_stamped(negotiation, envoy, staff):
    meeting = _submitted_meeting(negotiation, envoy)

    services.meeting_publish(meeting=meeting, user=staff)

    meeting.refresh_from_db()
    assert meeting.review_state == ReviewState.PUBLISHED
    assert meeting.published_by == staff
    assert meeting.disclosure_lag == meeting.published_at - meeting.starts_at
    latest = meeting.history.latest()
    assert (latest.history_user, latest.history_change_reason) == (staff, "Published")


def test_council_staff_cannot_publish_a_record_they_logged_themselves(negotiation, staff):
    meeting = _submitted_meeting(negotiation, staff)

    with pytest.raises(PermissionDenied):
        services.meeting_publish(meeting=meeting, user=staff)
    meeting.refresh_from_db()
    assert meeting.review_state == ReviewState.SUBMITTED


def test_an_envoy_cannot_publish_even_a_record_someone_else_logged(amsterdam, negotiation, envoy):
    meeting = _submitted_meeting(negotiation, envoy)
    colleague = EnvoyUserFactory(city=amsterdam)

    with pytest.raises(PermissionDenied):
        services.meeting_publish(meeting=meeting, user=colleague)


def test_council_staff_of_another_city_cannot_publish(barcelona, negotiation, envoy):
    meeting = _submitted_meeting(negotiation, envoy)

    with pytest.raises(PermissionDenied):
        services.meeting_publish(meeting=meeting, user=CouncilStaffUserFactory(city=barcelona))


def test_only_a_submitted_record_is_published(negotiation, envoy, staff):
    draft = MeetingFactory(negotiation=negotiation, logged_by=envoy)

    with pytest.raises(ValidationError):
        services.meeting_publish(meeting=draft, user=staff)


def test_can_publish_follows_the_same_rules_as_publishing(amsterdam, negotiation, envoy, staff):
    meeting = _submitted_meeting(negotiation, envoy)

    assert services.can_publish(meeting=meeting, user=staff)
    assert not services.can_publish(meeting=meeting, user=envoy)
    assert not services.can_publish(meeting=_submitted_meeting(negotiation, staff), user=staff)
    assert not services.can_publish(meeting=meeting, user=CouncilStaffUserFactory(city=CityFactory()))
    assert services.can_publish(meeting=meeting, user=UserFactory(superuser=True))


# --- meeting_return_to_draft ---------------------------------------------------------------------------------------


def test_return_to_draft_needs_a_reason(negotiation, envoy):
    meeting = _submitted_meeting(negotiation, envoy)

    with pytest.raises(ValidationError):
        services.meeting_return_to_draft(meeting=meeting, user=envoy, reason="  ")
    meeting.refresh_from_db()
    assert meeting.review_state == ReviewState.SUBMITTED


def test_an_envoy_returns_a_submitted_record_to_draft_and_the_reason_is_in_history(negotiation, envoy):
    meeting = _submitted_meeting(negotiation, envoy)

    services.meeting_return_to_draft(meeting=meeting, user=envoy, reason="Attendee list incomplete")

    meeting.refresh_from_db()
    assert (meeting.review_state, meeting.submitted_at) == (ReviewState.DRAFT, None)
    assert meeting.history.latest().history_change_reason == "Returned to draft: Attendee list incomplete"


def test_only_council_staff_withdraw_a_published_record(negotiation, envoy, staff):
    meeting = MeetingFactory(negotiation=negotiation, logged_by=envoy, published=True)

    with pytest.raises(PermissionDenied):
        services.meeting_return_to_draft(meeting=meeting, user=envoy, reason="Typo")
    services.meeting_return_to_draft(meeting=meeting, user=staff, reason="Wrong attendees")

    meeting.refresh_from_db()
    assert (meeting.review_state, meeting.published_at, meeting.published_by) == (ReviewState.DRAFT, None, None)


# --- meeting_delete ------------------------------------------------------------------------------------------------


def test_an_envoy_deletes_a_draft_and_its_history_records_who(negotiation, envoy):
    meeting = MeetingFactory(negotiation=negotiation, logged_by=envoy)

    services.meeting_delete(meeting=meeting, user=envoy)

    assert not Meeting.objects.filter(pk=meeting.pk).exists()
    assert Meeting.history.filter(id=meeting.pk, history_type="-").get().history_user == envoy


def test_only_council_staff_delete_a_published_record(negotiation, envoy, staff):
    meeting = MeetingFactory(negotiation=negotiation, logged_by=envoy, published=True)

    with pytest.raises(PermissionDenied):
        services.meeting_delete(meeting=meeting, user=envoy, reason="Logged twice")
    assert Meeting.objects.filter(pk=meeting.pk).exists()
    services.meeting_delete(meeting=meeting, user=staff, reason="Logged twice")
    assert not Meeting.objects.filter(pk=meeting.pk).exists()


def test_meeting_delete_of_another_citys_meeting_is_refused(barcelona, envoy):
    foreign = MeetingFactory(negotiation=NegotiationFactory(city=barcelona))

    with pytest.raises(PermissionDenied):
        services.meeting_delete(meeting=foreign, user=envoy)
    assert Meeting.objects.filter(pk=foreign.pk).exists()


def test_commitment_marked_complete_when_logged_gets_a_completion_date(negotiation, envoy):
    meeting = commitment_services.meeting_create_with_commitments(
        negotiation=negotiation, user=envoy, **MEETING_FIELDS,
        commitments=[{"area": Area.OTHER, "principle": Principle.OTHER, "text": "Fund a study.",
                      "completion": CompletionLevel.COMPLETE, "evidence": "The study was published."}],
    )

    assert meeting.commitments.get().completed_on is not None
