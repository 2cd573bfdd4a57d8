"""Meetings outside any negotiation: a city meets a union, civil society or academics on a topic."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from ambassador.commitments.choices import Area, Principle
from ambassador.commitments.services import meeting_create_with_commitments
from ambassador.core.choices import NoticeKind
from ambassador.core.models import PublicNotice
from ambassador.negotiations import services
from ambassador.negotiations.choices import Confidentiality, ReviewState
from ambassador.negotiations.factories import MeetingFactory, NegotiationFactory
from ambassador.negotiations.models import Meeting
from ambassador.negotiations.releases import release_embargoed_meetings
from ambassador.stakeholders.factories import CouncilStaffUserFactory, TradeUnionFactory

pytestmark = pytest.mark.django_db

STARTS_AT = datetime.datetime(2026, 3, 4, 9, 0, tzinfo=datetime.UTC)


def _fields(**overrides):
    return {
        "starts_at": STARTS_AT,
        "subject": "Riders' access to their own platform data",
        "minutes_main_points": "The union described what the apps record about riders.",
        **overrides,
    }


def test_an_envoy_logs_a_meeting_with_a_union_outside_any_negotiation(amsterdam, envoy):
    union = TradeUnionFactory()

    meeting = services.meeting_create(user=envoy, city=amsterdam, organisations=[union], **_fields())

    meeting.refresh_from_db()
    assert meeting.negotiation is None
    assert meeting.city == amsterdam
    assert meeting.is_standalone
    assert list(meeting.organisations.all()) == [union]
    assert meeting.review_state == ReviewState.DRAFT
    assert meeting.history.latest().city_id == amsterdam.pk


def test_a_meeting_outside_a_negotiation_names_an_organisation_present(amsterdam, envoy):
    with pytest.raises(ValidationError) as error:
        services.meeting_create(user=envoy, city=amsterdam, organisations=[], **_fields())

    assert "organisations" in error.value.message_dict
    assert not Meeting.objects.exists()


def test_a_meeting_outside_a_negotiation_names_its_city(envoy):
    with pytest.raises(ValidationError) as error:
        services.meeting_create(user=envoy, organisations=[TradeUnionFactory()], **_fields())

    assert "city" in error.value.message_dict


def test_an_envoy_cannot_log_a_meeting_for_another_city(barcelona, envoy):
    with pytest.raises(PermissionDenied):
        services.meeting_create(user=envoy, city=barcelona, organisations=[TradeUnionFactory()], **_fields())

    assert not Meeting.objects.exists()


def test_a_meeting_in_a_negotiation_takes_the_negotiations_city(negotiation, envoy):
    meeting = services.meeting_create(user=envoy, negotiation=negotiation, **_fields())

    assert meeting.city == negotiation.city


def test_a_meeting_in_a_negotiation_cannot_name_another_city(negotiation, envoy, barcelona):
    with pytest.raises(ValidationError) as error:
        services.meeting_create(user=envoy, negotiation=negotiation, city=barcelona, **_fields())

    assert "city" in error.value.message_dict


def test_validation_names_the_city_when_it_differs_from_the_negotiations(negotiation, barcelona):
    meeting = MeetingFactory.build(negotiation=negotiation, city=barcelona, logged_by=None)

    with pytest.raises(ValidationError) as error:
        meeting.full_clean()

    assert "city" in error.value.message_dict


@pytest.mark.postgresql_only(reason="a trigger holds the rule on PostgreSQL; SQLite relies on save()")
def test_the_database_refuses_a_meeting_of_another_city_than_its_negotiations(negotiation, barcelona):
    meeting = MeetingFactory(negotiation=negotiation)

    with pytest.raises(IntegrityError, match="negotiations_meeting_city_is_negotiations"), transaction.atomic():
        Meeting.objects.filter(pk=meeting.pk).update(city=barcelona)

    meeting.refresh_from_db()
    assert meeting.city == negotiation.city


def test_a_negotiation_moved_to_another_city_takes_its_meetings_along(barcelona):
    negotiation = NegotiationFactory(unannounced=True)
    meeting = MeetingFactory(negotiation=negotiation)

    negotiation.city = barcelona
    negotiation.save()

    meeting.refresh_from_db()
    assert meeting.city == barcelona


def test_the_last_organisation_of_a_meeting_outside_a_negotiation_is_not_removed(amsterdam, envoy):
    meeting = MeetingFactory(standalone=True, city=amsterdam, logged_by=envoy)

    with pytest.raises(ValidationError) as error:
        services.meeting_update(meeting=meeting, user=envoy, organisations=[])

    assert "organisations" in error.value.message_dict
    assert meeting.organisations.exists()


def test_a_meeting_outside_a_negotiation_is_published_by_a_second_person(amsterdam, envoy, staff):
    meeting = MeetingFactory(standalone=True, city=amsterdam, logged_by=envoy)
    services.meeting_submit(meeting=meeting, user=envoy)

    with pytest.raises(PermissionDenied):
        services.meeting_publish(meeting=meeting, user=envoy)
    services.meeting_publish(meeting=meeting, user=staff)

    meeting.refresh_from_db()
    assert meeting.review_state == ReviewState.PUBLISHED
    assert meeting.published_by == staff
    assert Meeting.objects.public().filter(pk=meeting.pk).exists()


def test_council_staff_of_another_city_do_not_publish_it(amsterdam, barcelona, envoy):
    meeting = MeetingFactory(standalone=True, city=amsterdam, logged_by=envoy, submitted=True)

    with pytest.raises(PermissionDenied):
        services.meeting_publish(meeting=meeting, user=CouncilStaffUserFactory(city=barcelona))


def test_commitments_are_not_recorded_in_a_meeting_outside_a_negotiation(amsterdam, envoy):
    commitment = {"area": Area.WORKERS_RIGHTS, "principle": Principle.FAIR_PAY, "text": "Pay per hour."}

    with pytest.raises(ValidationError) as error:
        meeting_create_with_commitments(
            user=envoy, city=amsterdam, organisations=[TradeUnionFactory()], commitments=[commitment], **_fields()
        )

    assert "commitments" in error.value.message_dict
    assert not Meeting.objects.exists()


def test_scoping_follows_the_meetings_own_city(amsterdam, barcelona, envoy):
    ours = MeetingFactory(standalone=True, city=amsterdam)
    theirs = MeetingFactory(standalone=True, city=barcelona)

    assert list(Meeting.objects.visible_to(envoy)) == [ours]
    assert list(Meeting.objects.for_city(barcelona)) == [theirs]


def test_an_embargoed_meeting_outside_a_negotiation_is_released_on_its_citys_date(hanoi):
    # 23:30 UTC on 1 March is already 2 March in Hanoi, the release date.
    meeting = MeetingFactory(standalone=True, city=hanoi, published=True, confidential=True,
                             release_on=datetime.date(2026, 3, 2))

    released = release_embargoed_meetings(now=datetime.datetime(2026, 3, 1, 23, 30, tzinfo=datetime.UTC))

    assert released == [meeting.pk]
    meeting.refresh_from_db()
    assert meeting.confidentiality == Confidentiality.PUBLIC


def test_withdrawing_a_public_meeting_outside_a_negotiation_leaves_a_notice_of_its_city(amsterdam, envoy, staff):
    meeting = MeetingFactory(standalone=True, city=amsterdam, logged_by=envoy, published=True, published_by=staff)

    services.meeting_return_to_draft(meeting=meeting, user=staff, reason="Logged twice")

    notice = PublicNotice.objects.for_record(meeting).get()
    assert (notice.kind, notice.city_id) == (NoticeKind.WITHDRAWAL, amsterdam.pk)
    assert notice.earlier_version["negotiation"] == ""
    assert notice.earlier_version["organisations"]
