"""Embargoes end on the release date in the meeting's city's time zone, by one clock everywhere."""

import datetime

import pytest

from ambassador.negotiations.factories import MeetingFactory, NegotiationFactory
from ambassador.negotiations.models import Meeting
from ambassador.negotiations.releases import release_embargoed_meetings

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
RELEASE_ON = datetime.date(2026, 3, 2)
# 02:00 UTC on 2 March: the UTC date has turned, but it is 21:00 on 1 March in New York (UTC-5).
UTC_DATE_TURNED = datetime.datetime(2026, 3, 2, 2, 0, tzinfo=UTC)
# 05:00 UTC on 2 March: midnight in New York, the release date has come there too.
NEW_YORK_MIDNIGHT = datetime.datetime(2026, 3, 2, 5, 0, tzinfo=UTC)
# 18:00 UTC on 1 March: the UTC date is still 1 March, but it is 01:00 on 2 March in Hanoi (UTC+7).
HANOI_AFTER_MIDNIGHT = datetime.datetime(2026, 3, 1, 18, 0, tzinfo=UTC)


def embargoed(city) -> Meeting:
    return MeetingFactory(
        negotiation=NegotiationFactory(city=city), published=True, confidential=True, release_on=RELEASE_ON,
        starts_at=datetime.datetime(2025, 6, 1, 14, tzinfo=UTC),
    )


def test_a_confidential_meeting_in_new_york_stays_withheld_until_its_release_date_in_new_york(new_york):
    meeting = embargoed(new_york)

    assert meeting not in Meeting.objects.public(now=UTC_DATE_TURNED)
    assert meeting in Meeting.objects.withheld(now=UTC_DATE_TURNED)
    assert meeting in Meeting.objects.public(now=NEW_YORK_MIDNIGHT)
    assert meeting not in Meeting.objects.withheld(now=NEW_YORK_MIDNIGHT)


def test_a_confidential_meeting_in_hanoi_is_public_from_midnight_in_hanoi(hanoi):
    meeting = embargoed(hanoi)

    assert meeting in Meeting.objects.public(now=HANOI_AFTER_MIDNIGHT)
    assert meeting not in Meeting.objects.public(now=HANOI_AFTER_MIDNIGHT - datetime.timedelta(hours=1, minutes=1))


def test_public_judges_by_the_current_instant_in_each_city_by_default(new_york, hanoi, monkeypatch):
    in_new_york, in_hanoi = embargoed(new_york), embargoed(hanoi)
    monkeypatch.setattr("django.utils.timezone.now", lambda: UTC_DATE_TURNED)

    assert set(Meeting.objects.public()) == {in_hanoi}
    assert set(Meeting.objects.withheld()) == {in_new_york}


def test_the_release_job_releases_what_public_shows_in_every_city(new_york, hanoi, amsterdam):
    meetings = [embargoed(city) for city in (new_york, hanoi, amsterdam)]
    released = set()

    for now, expected in (
        (HANOI_AFTER_MIDNIGHT, {meetings[1].pk}),
        (UTC_DATE_TURNED, {meetings[1].pk, meetings[2].pk}),
        (NEW_YORK_MIDNIGHT, {m.pk for m in meetings}),
    ):
        public_now = set(Meeting.objects.public(now=now).values_list("pk", flat=True))
        released |= set(release_embargoed_meetings(now=now))
        assert public_now == released == expected, now


def test_a_release_date_given_as_today_judges_every_city_by_that_date(new_york):
    meeting = embargoed(new_york)

    assert meeting in Meeting.objects.public(today=RELEASE_ON)
    assert meeting not in Meeting.objects.public(today=RELEASE_ON - datetime.timedelta(days=1))
