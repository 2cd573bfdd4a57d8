"""Meeting times typed and shown in the admin on the clock of the negotiation's city, labelled with its zone."""

import datetime
import re

import pytest

from ambassador.negotiations import services
from ambassador.negotiations.factories import MeetingFactory, NegotiationFactory
from ambassador.negotiations.models import Meeting
from ambassador.stakeholders.factories import CityFactory, CouncilStaffUserFactory, EnvoyUserFactory, UserFactory
from tests.admin.helpers import logged_in, meeting_post, url

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


def _log(client, user, negotiation, day: str, time: str = "10:00:00") -> Meeting:
    response = logged_in(client, user).post(
        url("negotiations_meeting_add"), meeting_post(negotiation, starts_at_0=day, starts_at_1=time)
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    return Meeting.objects.get(negotiation=negotiation)


def _city_team(city):
    envoy = EnvoyUserFactory(city=city)
    return envoy, NegotiationFactory(city=city, lead_envoy=envoy)


@pytest.mark.parametrize(
    ("day", "stored_utc_hour"),
    [("2025-03-04", 9), ("2025-07-04", 8)],  # Amsterdam: UTC+1 in winter, UTC+2 in summer
)
def test_ten_oclock_typed_in_amsterdam_is_stored_as_ten_oclock_in_amsterdam(
    client, envoy, negotiation, day, stored_utc_hour
):
    meeting = _log(client, envoy, negotiation, day)

    assert meeting.starts_at.astimezone(UTC).hour == stored_utc_hour
    assert meeting.starts_at.astimezone(negotiation.city.zone).hour == 10


def test_ten_oclock_typed_in_hanoi_is_three_oclock_utc(client, hanoi):
    envoy, negotiation = _city_team(hanoi)

    meeting = _log(client, envoy, negotiation, "2025-03-04")

    assert meeting.starts_at == datetime.datetime(2025, 3, 4, 3, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("day", "time", "expected_utc"),
    [
        # New York moves its clocks forward on 8 March 2026: UTC-5 before, UTC-4 after.
        ("2026-03-07", "10:00:00", datetime.datetime(2026, 3, 7, 15, 0, tzinfo=UTC)),
        ("2026-03-09", "10:00:00", datetime.datetime(2026, 3, 9, 14, 0, tzinfo=UTC)),
        # Late in the evening in New York is already the next day in UTC.
        ("2026-03-01", "23:30:00", datetime.datetime(2026, 3, 2, 4, 30, tzinfo=UTC)),
    ],
)
def test_a_time_typed_in_new_york_is_read_in_new_york_across_daylight_saving(client, new_york, day, time,
                                                                               expected_utc):
    envoy, negotiation = _city_team(new_york)

    meeting = _log(client, envoy, negotiation, day, time)

    assert meeting.starts_at == expected_utc


def test_a_time_that_does_not_exist_in_the_city_is_refused(client, new_york):
    envoy, negotiation = _city_team(new_york)

    response = logged_in(client, envoy).post(
        url("negotiations_meeting_add"), meeting_post(negotiation, starts_at_0="2026-03-08", starts_at_1="02:30:00")
    )

    assert response.status_code == 200
    assert "starts_at" in response.context["adminform"].form.errors
    assert not Meeting.objects.filter(negotiation=negotiation).exists()


def test_a_superuser_logging_a_meeting_types_the_time_of_the_chosen_negotiations_city(client, hanoi):
    _, negotiation = _city_team(hanoi)

    meeting = _log(client, UserFactory(superuser=True), negotiation, "2025-03-04")

    assert meeting.starts_at == datetime.datetime(2025, 3, 4, 3, 0, tzinfo=UTC)


def test_the_change_page_shows_the_stored_time_on_the_citys_clock_with_its_zone(client, envoy, negotiation):
    meeting = MeetingFactory(negotiation=negotiation, starts_at=datetime.datetime(2025, 7, 4, 8, 0, tzinfo=UTC))

    page = logged_in(client, envoy).get(url("negotiations_meeting_change", meeting.pk)).content.decode()

    assert re.search(r'name="starts_at_1"[^>]*value="10:00:00"', page) or re.search(
        r'value="10:00:00"[^>]*name="starts_at_1"', page
    )
    assert "Local time in Europe/Amsterdam." in page


def test_saving_a_change_keeps_the_time_on_the_citys_clock(client, hanoi):
    envoy, negotiation = _city_team(hanoi)
    meeting = MeetingFactory(negotiation=negotiation, starts_at=datetime.datetime(2025, 3, 4, 3, 0, tzinfo=UTC))

    response = logged_in(client, envoy).post(
        url("negotiations_meeting_change", meeting.pk),
        meeting_post(negotiation, subject="A clearer subject", starts_at_0="2025-03-04", starts_at_1="10:00:00"),
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    meeting.refresh_from_db()
    assert meeting.subject == "A clearer subject"
    assert meeting.starts_at == datetime.datetime(2025, 3, 4, 3, 0, tzinfo=UTC)


def test_the_add_page_names_the_zone_of_the_negotiations_city(client, new_york):
    envoy, negotiation = _city_team(new_york)

    page = logged_in(client, envoy).get(url("negotiations_meeting_add", negotiation=negotiation.pk)).content.decode()

    assert "Local time in America/New_York." in page


def test_the_meeting_list_shows_local_times_with_their_zone(client, superuser, hanoi, new_york):
    MeetingFactory(negotiation=NegotiationFactory(city=hanoi),
                   starts_at=datetime.datetime(2025, 3, 4, 3, 0, tzinfo=UTC))
    MeetingFactory(negotiation=NegotiationFactory(city=new_york),
                   starts_at=datetime.datetime(2026, 3, 2, 4, 30, tzinfo=UTC))

    page = logged_in(client, superuser).get(url("negotiations_meeting_changelist")).content.decode()

    assert "2025-03-04 10:00 (Asia/Ho_Chi_Minh)" in page
    assert "2026-03-01 23:30 (America/New_York)" in page


@pytest.mark.parametrize(("city_name", "expected"), [("Amsterdam", "10 a.m."), ("Hanoi", "10 a.m.")])
def test_a_time_typed_in_the_admin_is_the_time_on_the_public_page(client, city_name, expected):
    city = CityFactory(name=city_name)
    envoy, negotiation = _city_team(city)
    meeting = _log(client, envoy, negotiation, "2025-03-04")
    services.meeting_submit(meeting=meeting, user=envoy)
    services.meeting_publish(meeting=meeting, user=CouncilStaffUserFactory(city=city))
    client.logout()

    page = client.get(f"/meetings/{meeting.pk}/").content.decode()

    assert f"March 4, 2025, {expected}" in page
    assert f"({city.time_zone})" in page
