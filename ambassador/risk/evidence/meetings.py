"""Meetings: how often they happen, whether one official is at most of them, vague minutes, late publication.

A meeting's *city attendees* are the attendees who held a role at the meeting's city on the day
of the meeting in the city's time zone: a former official who now works for the company sits on the company's side.
The concentration indicator then leaves out the city's envoys, who attend nearly every meeting of
their negotiations by design. The minutes indicator leaves out restricted meetings, whose minutes
are withheld.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import (
    Count,
    DateTimeField,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Window,
)
from django.db.models.functions import Coalesce, Greatest, Length, RowNumber, Trim
from django.db.models.lookups import LessThan

from ambassador.core.people import public_person_q
from ambassador.core.timezones import local_date
from ambassador.negotiations.choices import Confidentiality
from ambassador.negotiations.models import VAGUE_MINUTES_PHRASES, Meeting
from ambassador.stakeholders.choices import MembershipRole
from ambassador.stakeholders.models import Affiliation, CityMembership, Person

from ..indicators import (
    LATE_DISCLOSURE,
    MEETING_FREQUENCY,
    OFFICIAL_CONCENTRATION,
    VAGUE_MINUTES,
    WITHHELD_MEETINGS,
    Observation,
    RiskConfig,
    _days,
)
from .record import CityId, CompanyId, Observations, Pair, Record, end_of, share

# --- SQL conditions -----------------------------------------------------------------------------------------------


def vague_minutes_condition() -> Q:
    """Meetings whose minutes are empty or vague: the SQL counterpart of ``negotiations.models.vague_minutes_reasons``.

    Vague: the conclusions are empty (so also: no minutes at all), or a part is one of the vague
    phrases, alone or with fewer than 20 other characters. Unlike the Python check, whitespace inside
    the text is not collapsed before measuring its length.
    """
    parts = ("minutes_main_points", "minutes_positions", "minutes_conclusions")
    condition = Q(minutes_conclusions__regex=r"^\s*$")
    for part in parts:
        for phrase in VAGUE_MINUTES_PHRASES:
            condition |= Q(**{f"{part}__icontains": phrase}) & Q(LessThan(Length(Trim(part)), len(phrase) + 20))
    return condition


def city_attendee_condition() -> Exists:
    """On a meeting's attendee rows (``Meeting.attendees.through``): the person held a role at the meeting's city
    on the day of the meeting in the city's time zone, from its start date to its end date, both included.
    """
    starts_at = ExpressionWrapper(OuterRef("meeting__starts_at"), output_field=DateTimeField())
    # The affiliation's city is the meeting's city (below), so its zone is the meeting's zone.
    meeting_on = local_date(starts_at, zone_field="city__time_zone")
    return Exists(
        Affiliation.objects.filter(
            Q(end_on__isnull=True) | Q(end_on__gte=meeting_on),
            person=OuterRef("person"),
            city=OuterRef("meeting__negotiation__city"),
            start_on__lte=meeting_on,
        )
    )


def envoy_attendee_condition() -> Q:
    """On a meeting's attendee rows: the person is an envoy of the meeting's city, or the negotiation's lead envoy.

    Both through ``CityMembership.person``, the public record of a login. Memberships have no dates: an envoy
    is left out of every meeting of their city, also those from before they became one.
    """
    return Exists(
        CityMembership.objects.filter(
            person=OuterRef("person"), role=MembershipRole.ENVOY, city=OuterRef("meeting__negotiation__city")
        )
    ) | Exists(
        CityMembership.objects.filter(person=OuterRef("person"), user=OuterRef("meeting__negotiation__lead_envoy"))
    )


# --- gathering ----------------------------------------------------------------------------------------------------


def public_meetings(record: Record, negotiations: QuerySet) -> QuerySet:
    """The meetings of the negotiations that were public, and had taken place, by the end of the day."""
    until = end_of(record.on)
    return Meeting.objects.public(**record.as_of()).filter(
        starts_at__lt=until, published_at__lt=until, negotiation__in=negotiations
    )


def readable_lag() -> ExpressionWrapper:
    """From a meeting to the instant the public could read its record: published, and released from any embargo."""
    readable_at = Greatest(F("first_published_at"), Coalesce(F("released_at"), F("first_published_at")))
    return ExpressionWrapper(readable_at - F("starts_at"), output_field=DurationField())


def withheld_condition() -> Q:
    """Public meetings whose record was or is withheld: restricted (minutes withheld), or confidential and released.

    A confidential meeting still under embargo is not public, so it is not counted: its company must
    not be revealed by a moving score.
    """
    return Q(confidentiality__in=(Confidentiality.RESTRICTED, Confidentiality.CONFIDENTIAL))


# How many of the latest-disclosed meetings of a company in a city are named as facts.
LATE_FACTS = 3


def gather(record: Record, negotiations: QuerySet) -> None:
    """Per company and city: the meetings, their minutes, disclosure lag and withholding, and the city attendees."""
    meetings = public_meetings(record, negotiations)
    minutes_public = ~Q(confidentiality=Confidentiality.RESTRICTED)
    released = Q(confidentiality=Confidentiality.CONFIDENTIAL)
    for row in (
        meetings.order_by()
        .values("negotiation__company", "negotiation__city")
        .annotate(
            meetings=Count("pk"),
            with_public_minutes=Count("pk", filter=minutes_public),
            vague=Count("pk", filter=minutes_public & vague_minutes_condition()),
            lag=Sum(readable_lag()),
            withheld=Count("pk", filter=withheld_condition()),
            released=Count("pk", filter=released),
            withheld_for=Sum(readable_lag(), filter=released),
        )
    ):
        record.meetings[(row["negotiation__company"], row["negotiation__city"])] = row

    # The latest-disclosed meetings of each company in each city, to name them.
    ranked = (
        meetings.order_by()
        .annotate(
            lag_of=readable_lag(),
            place=Window(
                RowNumber(),
                partition_by=[F("negotiation__company"), F("negotiation__city")],
                order_by=[readable_lag().desc(), F("pk").asc()],
            ),
            held_on=local_date("starts_at", zone_field="negotiation__city__time_zone"),
        )
        .filter(place__lte=LATE_FACTS)
        .values_list("negotiation__company", "negotiation__city", "subject", "held_on", "lag_of")
    )
    for company, city, subject, held_on, lag in ranked:
        record.late_meetings[(company, city)].append(
            (lag.total_seconds() / 86400, held_on, subject, record.city_names.get(city, ""))
        )

    # City attendees: people in a role at the meeting's city on the day of the meeting.
    attendance = Meeting.attendees.through.objects.filter(city_attendee_condition(), meeting__in=meetings).order_by()
    for row in (
        attendance.exclude(envoy_attendee_condition())
        .values("meeting__negotiation__company", "meeting__negotiation__city", "person")
        .annotate(meetings=Count("meeting", distinct=True))
    ):
        key = (row["meeting__negotiation__company"], row["meeting__negotiation__city"], row["person"])
        record.attendance[key] = row["meetings"]
    for row in attendance.values("meeting__negotiation__company", "meeting__negotiation__city").annotate(
        meetings=Count("meeting", distinct=True)
    ):
        record.attended_meetings[(row["meeting__negotiation__company"], row["meeting__negotiation__city"])] = row[
            "meetings"
        ]
    # The names of the officials who may be named (public officials and public figures), for the facts.
    officials = {person for (_, _, person) in record.attendance}
    record.public_names.update(
        Person.objects.filter(public_person_q(), pk__in=officials).order_by().values_list("pk", "full_name")
    )


# --- observations -------------------------------------------------------------------------------------------------


def _late_facts(late: Iterable[tuple[float, datetime.date | None, str, str]]) -> list[str]:
    """The latest-disclosed meetings, in words: subject, city, date and how long until the public could read them."""
    facts = []
    for days, held_on, subject, city in sorted(late, key=lambda item: -item[0])[:LATE_FACTS]:
        when = held_on.isoformat() if held_on else "an unknown date"
        facts.append(f"“{subject}” ({city}, {when}) could be read by the public {_days(days)} after it took place.")
    return facts


def _concentration_facts(attendance: dict[int, int], attended: int, names: dict[int, str]) -> list[str]:
    """The official at most of the meetings, named only when their name may be published."""
    if not attendance or not attended:
        return []
    person, meetings = max(attendance.items(), key=lambda item: (item[1], -item[0]))
    who = names.get(person) or "One official who is not a public official (name not published)"
    return [f"{who} attended {meetings} of the {attended} meetings with city attendees."]


def meeting_observations(
    *, meetings: Iterable[dict], months: float, attendance: dict[int, int], attended: int,
    late: Iterable[tuple[float, datetime.date | None, str, str]] = (), names: dict[int, str] | None = None,
) -> Observations:
    meetings = list(meetings)
    total = sum(row["meetings"] for row in meetings)
    with_minutes = sum(row["with_public_minutes"] for row in meetings)
    vague = sum(row["vague"] for row in meetings)
    lag = sum((row["lag"] for row in meetings if row["lag"] is not None), datetime.timedelta())
    withheld = sum(row.get("withheld", 0) for row in meetings)
    released = sum(row.get("released", 0) for row in meetings)
    withheld_for = sum((row["withheld_for"] for row in meetings if row.get("withheld_for")), datetime.timedelta())
    top_official = max(attendance.values(), default=0)
    return {
        MEETING_FREQUENCY: Observation(
            value=total / months if months >= 1 else None, sample_size=total, count=total,
            detail={"months": round(months, 1)},
        ),
        OFFICIAL_CONCENTRATION: Observation(
            value=top_official / attended if attended else None, sample_size=attended, count=top_official,
            detail={"facts": _concentration_facts(attendance, attended, names or {})},
        ),
        VAGUE_MINUTES: share(vague, with_minutes),
        LATE_DISCLOSURE: Observation(
            value=max(lag.total_seconds() / 86400 / total, 0.0) if total else None, sample_size=total,
            detail={"facts": _late_facts(late)},
        ),
        WITHHELD_MEETINGS: Observation(
            value=withheld / total if total else None, sample_size=total, count=withheld,
            detail={"days": withheld_for.total_seconds() / 86400 / released if released else None},
        ),
    }


def observe(
    record: Record, cities_of: dict[CompanyId, list[CityId]], *, config: RiskConfig
) -> tuple[dict[CompanyId, Observations], dict[Pair, Observations]]:
    """The meeting indicators in each of a company's cities, and overall: the same facts summed over its cities."""
    attendance_by_pair: dict[Pair, dict[int, int]] = defaultdict(dict)
    for (company, city, person), meetings in record.attendance.items():
        attendance_by_pair[(company, city)][person] = meetings

    per_company: dict[CompanyId, Observations] = {}
    per_city: dict[Pair, Observations] = {}
    for company in record.company_names:
        cities = cities_of.get(company, [])
        for city in cities:
            pair = (company, city)
            per_city[pair] = meeting_observations(
                meetings=[record.meetings[pair]] if pair in record.meetings else [],
                months=record.months[pair],
                attendance=attendance_by_pair[pair],
                attended=record.attended_meetings.get(pair, 0),
                late=record.late_meetings.get(pair, ()),
                names=record.public_names,
            )
        attendance_by_person: dict[int, int] = defaultdict(int)
        for city in cities:
            for person, meetings in attendance_by_pair[(company, city)].items():
                attendance_by_person[person] += meetings
        per_company[company] = meeting_observations(
            meetings=[record.meetings[(company, city)] for city in cities if (company, city) in record.meetings],
            months=sum(record.months[(company, city)] for city in cities),
            attendance=attendance_by_person,
            attended=sum(record.attended_meetings.get((company, city), 0) for city in cities),
            late=[item for city in cities for item in record.late_meetings.get((company, city), ())],
            names=record.public_names,
        )
    return per_company, per_city
