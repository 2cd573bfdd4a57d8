"""The one rule for a city's "today" and a meeting's local time (``ambassador.core.timezones``)."""

import datetime
import zoneinfo

import pytest

from ambassador.core.timezones import (
    city_date_of,
    city_date_q,
    city_localtime,
    city_today,
    latest_city_midnight,
    local_dates_by_zone,
    make_city_aware,
    zone_name,
)
from ambassador.negotiations.factories import MeetingFactory, NegotiationFactory
from ambassador.negotiations.models import Meeting

UTC = datetime.UTC
# 02:30 UTC on 2 March 2026: 21:30 on 1 March in New York (UTC-5), 09:30 on 2 March in Hanoi (UTC+7).
EARLY_UTC = datetime.datetime(2026, 3, 2, 2, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("zone", "expected"),
    [
        ("America/New_York", datetime.date(2026, 3, 1)),
        ("Europe/Amsterdam", datetime.date(2026, 3, 2)),
        ("Asia/Ho_Chi_Minh", datetime.date(2026, 3, 2)),
    ],
)
def test_a_citys_today_is_the_date_on_its_own_clock(zone, expected):
    assert city_today(zone, EARLY_UTC) == expected


def test_late_evening_utc_is_already_tomorrow_in_hanoi():
    assert city_today("Asia/Ho_Chi_Minh", datetime.datetime(2026, 3, 1, 17, 0, tzinfo=UTC)) == datetime.date(2026, 3, 2)
    assert city_today("Asia/Ho_Chi_Minh", datetime.datetime(2026, 3, 1, 16, 59, tzinfo=UTC)) == datetime.date(
        2026, 3, 1
    )


def test_a_typed_time_is_read_on_the_citys_clock_across_the_daylight_saving_change():
    # New York moves its clocks forward on 8 March 2026; Amsterdam on 29 March 2026.
    assert make_city_aware(datetime.datetime(2026, 3, 7, 10, 0), "America/New_York").astimezone(UTC).hour == 15
    assert make_city_aware(datetime.datetime(2026, 3, 9, 10, 0), "America/New_York").astimezone(UTC).hour == 14
    assert make_city_aware(datetime.datetime(2026, 3, 28, 10, 0), "Europe/Amsterdam").astimezone(UTC).hour == 9
    assert make_city_aware(datetime.datetime(2026, 3, 30, 10, 0), "Europe/Amsterdam").astimezone(UTC).hour == 8


def test_an_aware_time_keeps_its_instant_and_is_shown_with_the_citys_offset():
    aware = datetime.datetime(2026, 7, 1, 8, 0, tzinfo=UTC)

    assert make_city_aware(aware, "Asia/Ho_Chi_Minh") is aware
    local = city_localtime(aware, "Europe/Amsterdam")
    assert (local.hour, local.utcoffset()) == (10, datetime.timedelta(hours=2))


def test_the_day_of_a_meeting_is_the_date_in_its_city():
    late_in_new_york = datetime.datetime(2026, 3, 2, 3, 0, tzinfo=UTC)

    assert city_date_of(late_in_new_york, "America/New_York") == datetime.date(2026, 3, 1)
    assert city_date_of(late_in_new_york, "Asia/Ho_Chi_Minh") == datetime.date(2026, 3, 2)


def test_a_naive_time_has_no_instant_to_show():
    with pytest.raises(ValueError, match="naive"):
        city_localtime(datetime.datetime(2026, 3, 1, 10), "Europe/Amsterdam")


def test_zone_name_names_a_city_a_zone_or_a_zone_name():
    assert zone_name("Europe/Amsterdam") == "Europe/Amsterdam"
    assert zone_name(zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")) == "Asia/Ho_Chi_Minh"


@pytest.mark.django_db
def test_city_date_q_judges_each_row_by_its_citys_date(new_york, hanoi):
    release_on = datetime.date(2026, 3, 2)
    in_new_york = MeetingFactory(negotiation=NegotiationFactory(city=new_york), confidential=True,
                                 release_on=release_on)
    in_hanoi = MeetingFactory(negotiation=NegotiationFactory(city=hanoi), confidential=True, release_on=release_on)

    passed = Meeting.objects.filter(
        city_date_q("release_on", "lte", zone_field="negotiation__city__time_zone", now=EARLY_UTC)
    )
    one_date = Meeting.objects.filter(
        city_date_q("release_on", "lte", zone_field="negotiation__city__time_zone", today=release_on)
    )

    assert list(passed) == [in_hanoi]
    assert set(one_date) == {in_new_york, in_hanoi}
    assert local_dates_by_zone(EARLY_UTC) == {
        "America/New_York": datetime.date(2026, 3, 1), "Asia/Ho_Chi_Minh": datetime.date(2026, 3, 2),
    }


@pytest.mark.django_db
def test_the_latest_city_midnight_is_the_last_date_change_in_any_city(new_york, hanoi):
    # At 06:00 UTC on 2 March the last city whose date turned is New York, at 05:00 UTC (midnight, UTC-5).
    assert latest_city_midnight(datetime.datetime(2026, 3, 2, 6, 0, tzinfo=UTC)) == datetime.datetime(
        2026, 3, 2, 5, 0, tzinfo=UTC
    )
    # At 04:00 UTC it is Hanoi's midnight, at 17:00 UTC the day before.
    assert latest_city_midnight(datetime.datetime(2026, 3, 2, 4, 0, tzinfo=UTC)) == datetime.datetime(
        2026, 3, 1, 17, 0, tzinfo=UTC
    )
