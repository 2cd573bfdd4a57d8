"""What the public site may show, in one place.

Every public surface (pages, feeds, downloads, the public API) reads records through these
functions and presents meetings through ``PublicMeeting``. The rules, after the domain notes:

- Only ``.public()`` rows exist: drafts, submitted records, unannounced negotiations and
  confidential meetings before their release date are absent, as if they had never existed.
- A restricted meeting shows its existence, date, subject and parties; never its minutes or place.
- People are named only when ``Person.objects.public()`` holds them (public officials and public
  figures). Everyone else is counted under their organisation; their names are never even loaded.
"""

from __future__ import annotations

import datetime
import statistics
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, F, IntegerField, OuterRef, Prefetch, Q, Subquery, Value, Window
from django.db.models.functions import Coalesce, RowNumber

from ambassador.commitments.choices import FINISHED_LEVELS, CompletionLevel
from ambassador.commitments.models import Commitment, CommitmentUpdate, OverdueFlag
from ambassador.core.people import public_person_q
from ambassador.core.timezones import city_date_of, city_localtime, city_today
from ambassador.negotiations.choices import CLOSED_STAGES, Confidentiality
from ambassador.negotiations.models import Meeting, Negotiation
from ambassador.risk.choices import Verdict
from ambassador.risk.models import IndicatorVerdict, RiskAssessment
from ambassador.stakeholders.models import (
    Affiliation,
    City,
    CityMembership,
    LobbyingDisclosure,
    Organisation,
    Person,
)

from .methodology import INDICATORS

# --- people -------------------------------------------------------------------------------------------------------


def _affiliations_prefetch() -> Prefetch:
    return Prefetch(
        "affiliations",
        queryset=Affiliation.objects.select_related("organisation", "city").order_by("-start_on"),
        to_attr="all_affiliations",
    )


def attendee_prefetches() -> list[Prefetch]:
    """Public attendees with their names; the others as bare ids with their affiliations only."""
    return [
        Prefetch(
            "attendees",
            queryset=Person.objects.public().prefetch_related(_affiliations_prefetch()).order_by("full_name"),
            to_attr="public_attendees",
        ),
        Prefetch(
            "attendees",
            # ``only("id")``: the names of private people never leave the database.
            queryset=Person.objects.exclude(public_person_q()).only("id").prefetch_related(_affiliations_prefetch()),
            to_attr="private_attendees",
        ),
    ]


def _affiliation_on(person: Person, on: datetime.date) -> Affiliation | None:
    """The person's affiliation in force on the date, else their latest one (prefetched)."""
    affiliations = getattr(person, "all_affiliations", [])
    for affiliation in affiliations:
        if affiliation.start_on <= on and (affiliation.end_on is None or affiliation.end_on >= on):
            return affiliation
    return affiliations[0] if affiliations else None


@dataclass(frozen=True)
class NamedPerson:
    id: int
    name: str
    role: str
    affiliation: str


@dataclass(frozen=True)
class UnnamedGroup:
    """People who may not be named, counted under the organisation (or city) they came from."""

    affiliation: str
    count: int


# --- meetings -----------------------------------------------------------------------------------------------------


def public_meetings(*, now: datetime.datetime | None = None):
    """Public meetings with everything their presentation needs, in a constant number of queries.

    Embargoes end on the release date in each meeting's city, judged at ``now`` (default: the current instant).
    """
    return (
        Meeting.objects.public(now=now)
        .select_related("city", "negotiation__company", "topic")
        .prefetch_related(
            Prefetch("organisations", queryset=Organisation.objects.order_by("name")),
            *attendee_prefetches(),
        )
    )


@dataclass
class PublicMeeting:
    """A meeting as the public may see it. Built only from a row of ``public_meetings()``.

    A meeting outside any negotiation (with unions, civil society or academics on a topic) has no
    negotiation and no company: the city and the organisations present say who met.
    """

    id: int
    subject: str
    starts_at: datetime.datetime
    time_zone: str
    city: City
    negotiation: Negotiation | None
    company: Organisation | None
    format: str
    format_label: str
    topic: str
    confidentiality: str
    confidentiality_label: str
    is_restricted: bool
    withholding_ground: str
    withholding_ground_label: str
    location: str
    minutes_main_points: str
    minutes_positions: str
    minutes_conclusions: str
    organisations: list[Organisation]
    named_people: list[NamedPerson]
    unnamed_groups: list[UnnamedGroup]
    published_at: datetime.datetime | None
    release_on: datetime.date | None
    commitments: list = field(default_factory=list)

    @property
    def has_minutes(self) -> bool:
        return bool(self.minutes_main_points or self.minutes_positions or self.minutes_conclusions)

    @property
    def local_starts_at(self) -> datetime.datetime:
        return city_localtime(self.starts_at, self.city)

    @property
    def unnamed_count(self) -> int:
        return sum(group.count for group in self.unnamed_groups)

    @property
    def organisation_slugs(self) -> list[str]:
        return [organisation.slug for organisation in self.organisations]

    @property
    def party_names(self) -> list[str]:
        return [organisation.name for organisation in self.organisations]

    @property
    def is_standalone(self) -> bool:
        return self.negotiation is None

    @property
    def counterparts(self) -> list[str]:
        """Who the city met: the negotiating company, or (outside a negotiation) the organisations present."""
        return [self.company.name] if self.company is not None else self.party_names


def present_meeting(meeting: Meeting) -> PublicMeeting:
    """The public view of a meeting from ``public_meetings()``: minutes and place withheld when restricted."""
    restricted = meeting.confidentiality == Confidentiality.RESTRICTED
    # The roles people held on the day of the meeting in its city, not on the UTC date.
    on = city_date_of(meeting.starts_at, meeting.city)
    named = []
    for person in getattr(meeting, "public_attendees", []):
        affiliation = _affiliation_on(person, on)
        named.append(
            NamedPerson(
                id=person.pk,
                name=person.full_name,
                role=affiliation.role if affiliation else "",
                affiliation=str(affiliation.organisation or affiliation.city) if affiliation else "",
            )
        )
    unnamed = Counter()
    for person in getattr(meeting, "private_attendees", []):
        affiliation = _affiliation_on(person, on)
        unnamed[str(affiliation.organisation or affiliation.city) if affiliation else ""] += 1
    negotiation = meeting.negotiation
    return PublicMeeting(
        id=meeting.pk,
        subject=meeting.subject,
        starts_at=meeting.starts_at,
        time_zone=meeting.city.time_zone,
        city=meeting.city,
        negotiation=negotiation,
        company=negotiation.company if negotiation is not None else None,
        format=meeting.format,
        format_label=str(meeting.get_format_display()),
        topic=meeting.topic.name if meeting.topic_id else "",
        confidentiality=meeting.confidentiality,
        confidentiality_label=str(meeting.get_confidentiality_display()),
        is_restricted=restricted,
        withholding_ground=meeting.withholding_ground if restricted else "",
        withholding_ground_label=str(meeting.get_withholding_ground_display()) if restricted else "",
        location="" if restricted else meeting.location,
        minutes_main_points="" if restricted else meeting.minutes_main_points,
        minutes_positions="" if restricted else meeting.minutes_positions,
        minutes_conclusions="" if restricted else meeting.minutes_conclusions,
        organisations=list(meeting.organisations.all()),
        named_people=named,
        unnamed_groups=[UnnamedGroup(affiliation=name, count=count) for name, count in sorted(unnamed.items())],
        published_at=meeting.published_at,
        release_on=meeting.release_on,
    )


# --- negotiations, commitments ------------------------------------------------------------------------------------


def public_negotiations():
    # Counted per negotiation shown, not by joining every meeting and grouping the whole table, so a
    # page of negotiations is read from an index in its order.
    public_meetings_of = (
        Meeting.objects.public().filter(negotiation=OuterRef("pk")).order_by().values("negotiation")
        .annotate(n=Count("pk")).values("n")
    )
    return (
        Negotiation.objects.public()
        .select_related("city", "company")
        .prefetch_related("topics")
        .annotate(public_meeting_count=Coalesce(Subquery(public_meetings_of), Value(0), output_field=IntegerField()))
    )


def public_commitments(*, now: datetime.datetime | None = None):
    return Commitment.objects.public(now=now).select_related(
        "negotiation__city", "negotiation__company", "source_meeting"
    )


def public_updates(*, now: datetime.datetime | None = None):
    return CommitmentUpdate.objects.public(now=now).order_by("reported_on", "pk")


def with_updates(commitments):
    return commitments.prefetch_related(Prefetch("updates", queryset=public_updates(), to_attr="public_updates"))


def is_overdue(commitment: Commitment, *, now: datetime.datetime | None = None) -> bool:
    """Overdue from the day after the due date in the city's time zone, until finished."""
    if commitment.due_on is None or commitment.completion in FINISHED_LEVELS:
        return False
    return commitment.due_on < city_today(commitment.negotiation.city, now)


def public_overdue_commitments():
    return public_commitments().overdue()


def public_overdue_flags():
    """Overdue flags raised on public commitments, newest first (not the due-soon warnings)."""
    return (
        OverdueFlag.objects.public()
        .select_related("commitment__negotiation__city", "commitment__negotiation__company")
        .order_by("-raised_at", "-pk")
    )


def open_negotiation_q() -> Q:
    return ~Q(stage__in=CLOSED_STAGES)


def kept_levels() -> tuple:
    return (CompletionLevel.COMPLETE,)


# --- people and organisations -------------------------------------------------------------------------------------


def public_people():
    return Person.objects.public().only("id", "full_name", "is_public_official", "is_public_figure")


def public_affiliations():
    return Affiliation.objects.public().select_related("person", "organisation", "city")


def public_organisations():
    return Organisation.objects.public().select_related("parent")


def public_disclosures():
    return LobbyingDisclosure.objects.public().select_related("organisation")


def envoys_of(city: City) -> list[Person]:
    """The city's envoys who have a public record (their login's name is never shown)."""
    memberships = (
        CityMembership.objects.filter(city=city, role="envoy", person__in=Person.objects.public())
        .select_related("person")
        .order_by("person__full_name")
    )
    return [membership.person for membership in memberships]


def public_lead_envoy_names(negotiations) -> dict[int, str]:
    """Negotiation id -> the lead envoy's public name, for those whose envoy has a public record."""
    rows = (
        CityMembership.objects.filter(
            user__led_negotiations__in=[n.pk for n in negotiations], person__in=Person.objects.public()
        )
        .values_list("user__led_negotiations", "person__full_name")
    )
    return dict(rows)


# --- risk ---------------------------------------------------------------------------------------------------------


def latest_overall_assessments():
    """Each company's latest overall risk assessment, in the ranking's order.

    The latest is picked by numbering each company's assessments, newest first, in one pass over
    them, rather than by a subquery run once per assessment.
    """
    newest_first = Window(
        RowNumber(), partition_by=[F("organisation_id")], order_by=[F("assessed_on").desc(), F("pk").desc()]
    )
    return (
        RiskAssessment.objects.public()
        .overall()
        .annotate(newest=newest_first)
        .filter(newest=1)
        .select_related("organisation")
        .order_by("-enough_data", "-score", "-confidence", "organisation__name")
    )


def companies_assessed() -> int:
    """How many companies ``latest_overall_assessments`` holds, counted without picking the latest of each."""
    return RiskAssessment.objects.public().overall().order_by().values("organisation_id").distinct().count()


@dataclass(frozen=True)
class Indicator:
    """One indicator of a risk assessment, read defensively from its JSON."""

    key: str
    value: object
    threshold: object
    fired: bool
    contribution: float
    sample_size: object
    applicable: bool
    explanation: str
    evidence: float | None = None
    group: str = ""
    counted: bool = True
    facts: tuple[str, ...] = ()


def _float_or_none(value) -> float | None:
    try:
        return None if value is None else float(value)
    except (TypeError, ValueError):
        return None


def indicators_of(assessment: RiskAssessment) -> list[Indicator]:
    result = []
    for raw in assessment.indicators or []:
        if not isinstance(raw, dict):
            continue
        value = raw.get("value")
        applicable = raw.get("applicable")
        if applicable is None:
            applicable = value is not None
        result.append(
            Indicator(
                key=str(raw.get("key", "")),
                value=value,
                threshold=raw.get("threshold"),
                fired=bool(raw.get("fired")),
                contribution=float(raw.get("contribution") or 0),
                sample_size=raw.get("sample_size", raw.get("sample")),
                applicable=bool(applicable),
                explanation=str(raw.get("explanation", raw.get("why", ""))),
                evidence=_float_or_none(raw.get("evidence")),
                group=str(raw.get("group") or raw.get("key", "")),
                counted=bool(raw.get("counted", True)),
                facts=tuple(str(fact) for fact in raw.get("facts") or () if isinstance(fact, str)),
            )
        )
    return result


@dataclass(frozen=True)
class VerdictPrecision:
    """Reviewers' current verdicts on one indicator, counted; never their notes or names."""

    key: str
    name: str
    confirmed: int
    false_positive: int
    needs_data: int

    @property
    def judged(self) -> int:
        return self.confirmed + self.false_positive + self.needs_data

    @property
    def precision(self) -> float | None:
        """Confirmed / (confirmed + false positive); None while neither has been given."""
        decided = self.confirmed + self.false_positive
        return self.confirmed / decided if decided else None


def verdict_precision() -> list[VerdictPrecision]:
    """Per indicator (the methodology's order, then any other key judged), the current verdicts counted, in one
    query.

    A verdict counts while it is the current one for its company, city (or overall) and indicator.
    """
    counts: dict[str, dict[str, int]] = {}
    rows = (
        IndicatorVerdict.objects.current()
        .order_by()
        .values("indicator_key", "verdict")
        .annotate(n=Count("pk"))
    )
    for row in rows:
        counts.setdefault(row["indicator_key"], {})[row["verdict"]] = row["n"]
    keys = list(INDICATORS) + sorted(set(counts) - set(INDICATORS))
    return [
        VerdictPrecision(
            key=key,
            name=str(INDICATORS[key].name) if key in INDICATORS else key,
            confirmed=counts.get(key, {}).get(Verdict.CONFIRMED, 0),
            false_positive=counts.get(key, {}).get(Verdict.FALSE_POSITIVE, 0),
            needs_data=counts.get(key, {}).get(Verdict.NEEDS_DATA, 0),
        )
        for key in keys
    ]


# --- disclosure record --------------------------------------------------------------------------------------------


def median_disclosure_lag_days(meetings) -> float | None:
    """Median days from meeting to publication over the given public meetings (one query)."""
    lags = [
        (published - starts).total_seconds() / 86400
        for starts, published in meetings.values_list("starts_at", "first_published_at")
        if published is not None
    ]
    return round(statistics.median(lags), 1) if lags else None
