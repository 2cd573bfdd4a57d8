"""Meeting times in the staff and public APIs: on the clock of the meeting's city, with its UTC offset."""

import datetime

import pytest

from ambassador.negotiations.factories import MeetingFactory, NegotiationFactory
from ambassador.negotiations.models import Meeting
from ambassador.stakeholders.factories import EnvoyUserFactory, UserFactory

from .conftest import client_for, detail_url, list_url

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


def _payload(negotiation, starts_at):
    return {
        "negotiation": negotiation.pk, "starts_at": starts_at, "subject": "Kerbside data for delivery robots",
        "format": "in_person", "confidentiality": "public", "minutes_conclusions": "A second meeting in May.",
    }


def _team(city):
    envoy = EnvoyUserFactory(city=city)
    return envoy, NegotiationFactory(city=city, lead_envoy=envoy)


@pytest.mark.parametrize(
    ("city_fixture", "typed", "stored", "shown"),
    [
        ("amsterdam", "2025-03-04T10:00:00", datetime.datetime(2025, 3, 4, 9, 0, tzinfo=UTC),
         "2025-03-04T10:00:00+01:00"),
        ("amsterdam", "2025-07-04T10:00", datetime.datetime(2025, 7, 4, 8, 0, tzinfo=UTC),
         "2025-07-04T10:00:00+02:00"),
        ("hanoi", "2025-03-04T10:00:00", datetime.datetime(2025, 3, 4, 3, 0, tzinfo=UTC),
         "2025-03-04T10:00:00+07:00"),
        ("new_york", "2026-03-07T10:00:00", datetime.datetime(2026, 3, 7, 15, 0, tzinfo=UTC),
         "2026-03-07T10:00:00-05:00"),
        ("new_york", "2026-03-09T10:00:00", datetime.datetime(2026, 3, 9, 14, 0, tzinfo=UTC),
         "2026-03-09T10:00:00-04:00"),
    ],
)
def test_a_time_without_offset_is_read_in_the_negotiations_city(request, city_fixture, typed, stored, shown):
    envoy, negotiation = _team(request.getfixturevalue(city_fixture))

    response = client_for(envoy).post(list_url("meetings"), _payload(negotiation, typed), format="json")

    assert response.status_code == 201, response.content
    assert Meeting.objects.get(pk=response.json()["id"]).starts_at == stored
    assert response.json()["starts_at"] == shown


def test_a_time_with_an_offset_keeps_its_instant_and_is_answered_with_the_citys_offset(hanoi):
    envoy, negotiation = _team(hanoi)

    response = client_for(envoy).post(
        list_url("meetings"), _payload(negotiation, "2025-03-04T10:00:00+01:00"), format="json"
    )

    assert response.status_code == 201, response.content
    assert Meeting.objects.get(pk=response.json()["id"]).starts_at == datetime.datetime(2025, 3, 4, 9, 0, tzinfo=UTC)
    assert response.json()["starts_at"] == "2025-03-04T16:00:00+07:00"


def test_a_superusers_time_without_offset_is_read_in_the_city_of_the_posted_negotiation(new_york):
    _, negotiation = _team(new_york)

    response = client_for(UserFactory(superuser=True)).post(
        list_url("meetings"), _payload(negotiation, "2026-03-01T23:30:00"), format="json"
    )

    assert response.status_code == 201, response.content
    assert Meeting.objects.get(pk=response.json()["id"]).starts_at == datetime.datetime(2026, 3, 2, 4, 30, tzinfo=UTC)


def test_a_time_that_does_not_exist_in_the_city_is_a_400(new_york):
    envoy, negotiation = _team(new_york)

    response = client_for(envoy).post(
        list_url("meetings"), _payload(negotiation, "2026-03-08T02:30:00"), format="json"
    )

    assert response.status_code == 400
    assert "starts_at" in response.json() or "starts_at" in str(response.content)


def test_meetings_and_negotiations_are_read_with_the_citys_offset(new_york, hanoi):
    envoy, negotiation = _team(new_york)
    meeting = MeetingFactory(negotiation=negotiation, starts_at=datetime.datetime(2026, 3, 2, 4, 30, tzinfo=UTC))
    client = client_for(envoy)

    body = client.get(detail_url("meetings", meeting.pk)).json()
    assert body["starts_at"] == "2026-03-01T23:30:00-05:00"
    assert body["logged_at"].endswith(("-05:00", "-04:00"))
    negotiation_body = client.get(detail_url("negotiations", negotiation.pk)).json()
    assert negotiation_body["last_meeting_at"] == "2026-03-01T23:30:00-05:00"


def test_the_public_api_shows_meeting_times_with_the_citys_offset(client, hanoi):
    meeting = MeetingFactory(negotiation=NegotiationFactory(city=hanoi), published=True,
                             starts_at=datetime.datetime(2025, 3, 4, 3, 0, tzinfo=UTC))

    body = client.get(f"/api/public/v1/meetings/{meeting.pk}/").json()

    assert body["starts_at"] == "2025-03-04T10:00:00+07:00"
    assert body["time_zone"] == "Asia/Ho_Chi_Minh"
    assert body["published_at"] == "2025-03-07T10:00:00+07:00"
