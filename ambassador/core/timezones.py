"""Dates and times in a city's own time zone: the one rule for "today" and for a meeting's local time.

A city's date is the date on its own clock. An embargo ends, a commitment falls overdue, a risk
run judges its record and an attendee's role is read on that date, never on the server's (UTC)
date: in New York at 21:00 on 1 March it is already 2 March in UTC, and in Hanoi at 06:00 on
2 March it is still 1 March there.

The functions take a city (anything with a ``time_zone`` name, e.g. ``stakeholders.City``), or a
zone name, or a ``ZoneInfo``. The conditions for a whole table (``city_date_q``, ``local_date``)
read the zones the cities use from the app registry's ``stakeholders.City``, with one query, and
build one condition per zone: plain SQL that PostgreSQL and SQLite both run.
"""

from __future__ import annotations

import datetime
import functools
import operator
import zoneinfo
from collections.abc import Iterable, Mapping

from django.apps import apps
from django.db.models import Case, DateField, Expression, Q, When
from django.db.models.functions import TruncDate
from django.utils import timezone

Zone = zoneinfo.ZoneInfo | datetime.tzinfo

# The date lookups ``city_date_q`` accepts: the field's date against the city's today.
DATE_LOOKUPS = ("lt", "lte", "gt", "gte", "exact")


def city_zone(city) -> Zone:
    """The city's time zone: a city (its ``time_zone``), a zone name or a zone; the current zone for None."""
    if city is None:
        return timezone.get_current_timezone()
    if isinstance(city, datetime.tzinfo):
        return city
    name = city if isinstance(city, str) else city.time_zone
    return zoneinfo.ZoneInfo(name)


def zone_name(city) -> str:
    """The name of the city's time zone, e.g. ``Europe/Amsterdam``, to label a time with."""
    zone = city_zone(city)
    return getattr(zone, "key", None) or str(zone)


def city_localtime(value: datetime.datetime | None, city) -> datetime.datetime | None:
    """The instant on the city's clock (None stays None)."""
    if value is None:
        return None
    if timezone.is_naive(value):
        raise ValueError("A naive datetime has no instant; make it aware in the city's zone first.")
    return value.astimezone(city_zone(city))


def city_today(city, now: datetime.datetime | None = None) -> datetime.date:
    """The city's date at ``now`` (default: the current instant)."""
    return city_localtime(now or timezone.now(), city).date()


def city_date_of(value: datetime.datetime, city) -> datetime.date:
    """The date on the city's clock when ``value`` happened, e.g. the day of a meeting."""
    return city_localtime(value, city).date()


def make_city_aware(value: datetime.datetime, city) -> datetime.datetime:
    """A naive date and time typed in the city read as the city's clock; an aware one is kept as it is."""
    if timezone.is_aware(value):
        return value
    return timezone.make_aware(value, city_zone(city))


def start_of_city_day(city, now: datetime.datetime | None = None) -> datetime.datetime:
    """The instant the city's current day began."""
    zone = city_zone(city)
    return datetime.datetime.combine(city_today(zone, now), datetime.time.min, tzinfo=zone)


# --- every city at once -------------------------------------------------------------------------------------------


def zones_in_use() -> list[str]:
    """The time zones the cities use, sorted (one query)."""
    city_model = apps.get_model("stakeholders", "City")
    return sorted(set(city_model.objects.order_by().values_list("time_zone", flat=True).distinct()))


def local_dates_by_zone(
    now: datetime.datetime | None = None, *, zones: Iterable[str] | None = None
) -> dict[str, datetime.date]:
    """Today's date in every time zone a city uses (or in ``zones``), at ``now``."""
    now = now or timezone.now()
    return {zone: city_today(zone, now) for zone in (zones_in_use() if zones is None else zones)}


def latest_city_midnight(now: datetime.datetime | None = None) -> datetime.datetime:
    """The most recent instant at which some city's date turned (the start of the UTC day with no cities)."""
    now = now or timezone.now()
    starts = [start_of_city_day(zone, now) for zone in zones_in_use()]
    return max(starts, default=start_of_city_day(datetime.UTC, now)).astimezone(datetime.UTC)


def city_date_q(
    field: str,
    lookup: str,
    *,
    zone_field: str,
    now: datetime.datetime | None = None,
    today: datetime.date | None = None,
    offset_days: int = 0,
    dates: Mapping[str, datetime.date] | None = None,
) -> Q:
    """``field`` compared by ``lookup`` with each row's city's today (plus ``offset_days``).

    ``zone_field`` is the path from the rows to their city's ``time_zone`` (e.g.
    ``negotiation__city__time_zone``). Each city is judged by its own date at ``now`` (default: the
    current instant); ``today`` judges every city by that one date instead; ``dates`` passes
    dates already computed per zone (``local_dates_by_zone``). A table with no cities matches nothing.
    """
    if lookup not in DATE_LOOKUPS:
        raise ValueError(f"Unsupported lookup {lookup!r}; use one of {DATE_LOOKUPS}.")
    shift = datetime.timedelta(days=offset_days)
    if today is not None:
        return Q(**{f"{field}__{lookup}": today + shift})
    if dates is None:
        dates = local_dates_by_zone(now)
    conditions = [Q(**{zone_field: zone, f"{field}__{lookup}": local + shift}) for zone, local in dates.items()]
    return functools.reduce(operator.or_, conditions) if conditions else Q(pk__in=[])


def local_date(expression: Expression | str, *, zone_field: str, zones: Iterable[str] | None = None) -> Case:
    """The date on the row's city's clock of a date-time ``expression`` (a field name or an expression).

    One ``CASE`` over the zones the cities use; ``zone_field`` is the path from the rows to their
    city's ``time_zone``. A row whose city uses none of ``zones`` gets NULL.
    """
    zones = zones_in_use() if zones is None else list(zones)
    return Case(
        *(When(Q(**{zone_field: zone}), then=TruncDate(expression, tzinfo=zoneinfo.ZoneInfo(zone))) for zone in zones),
        default=None,
        output_field=DateField(),
    )
