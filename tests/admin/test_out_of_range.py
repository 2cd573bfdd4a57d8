"""A hand-written admin list address with a date-time no database can hold is refused, never a 500.

The admin's list filters read their values from the address. A time whose offset PostgreSQL cannot
hold (+23:45), or that falls outside the years 1 to 9999 once read in UTC, used to fail only when the
query ran: a DataError on PostgreSQL, an OverflowError on SQLite (tests/api/test_on_sqlite.py runs
this module there too). The admin treats such a value as any lookup it cannot use: it sends the user
back to the list with the error flag (``?e=1``).
"""

import datetime

import pytest
from django.urls import reverse

from ambassador.negotiations.factories import MeetingFactory
from ambassador.stakeholders.factories import UserFactory


def instant(text: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text)

pytestmark = pytest.mark.django_db

VALUES = [
    "0001-01-01T00:00:00+01:00",  # before year 1 in UTC
    "9999-12-31T23:59:59-01:00",  # after year 9999 in UTC
]


@pytest.mark.parametrize("lookup", ["starts_at__gte", "starts_at__lt"])
@pytest.mark.parametrize("value", VALUES)
def test_an_impossible_time_in_a_list_address_sends_the_user_back_to_the_list(client, lookup, value):
    client.force_login(UserFactory(superuser=True))
    url = reverse("admin:negotiations_meeting_changelist")

    response = client.get(url, {lookup: value})

    assert response.status_code == 302
    assert response["Location"] == f"{url}?e=1"


@pytest.mark.parametrize("offset", ["+02:00", "+23:45"])  # +23:45: an offset PostgreSQL refuses, read in UTC
def test_a_possible_time_filters_the_list_at_the_same_instant(client, offset):
    client.force_login(UserFactory(superuser=True))
    before, after = MeetingFactory(starts_at=instant("2026-08-28T20:00:00Z")), MeetingFactory(
        starts_at=instant("2026-08-29T20:00:00Z")
    )
    boundary = datetime.datetime.fromisoformat(f"2026-08-29T12:00:00{offset}").astimezone(datetime.UTC)

    response = client.get(
        reverse("admin:negotiations_meeting_changelist"), {"starts_at__gte": f"2026-08-29T12:00:00{offset}"}
    )

    assert response.status_code == 200
    listed = {meeting.pk for meeting in response.context["cl"].result_list}
    expected = {meeting.pk for meeting in (before, after) if meeting.starts_at >= boundary}
    assert listed & {before.pk, after.pk} == expected
