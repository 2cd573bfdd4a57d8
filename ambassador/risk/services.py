"""Computes and stores the nightly lobbying-risk assessments.

``compute_lobbying_risk`` gathers the record with a fixed number of aggregate queries (GROUP BY
company and city, never one query per company), hands plain values to the pure scorer in
``risk.py``, and writes one ``RiskAssessment`` per company overall and per city where it negotiates.

The score is built from the *public* record only: announced negotiations, meetings that are
public on the day (published, not under embargo) and public commitments. A score shown to the
public must not reveal, by moving, that an embargoed meeting or an unannounced negotiation exists.
The minutes indicator further leaves out restricted meetings, whose minutes are withheld.

A meeting's *city attendees* are the attendees who held a role at the meeting's city on the day
of the meeting (UTC): a former official who now works for the company sits on the company's side.
The concentration indicator then leaves out the city's envoys, who attend nearly every meeting of
their negotiations by design.
"""

from __future__ import annotations

import datetime
import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import (
    Count,
    DateField,
    DateTimeField,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Sum,
)
from django.db.models.functions import Length, Trim, TruncDate
from django.db.models.lookups import LessThan
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from ambassador.commitments.choices import OPEN_LEVELS, CompletionLevel, Principle, Promiser
from ambassador.commitments.models import Commitment
from ambassador.core.jobs import job_lock
from ambassador.negotiations.choices import Confidentiality
from ambassador.negotiations.models import VAGUE_MINUTES_PHRASES, Meeting, Negotiation
from ambassador.stakeholders.choices import MembershipRole, OrganisationKind
from ambassador.stakeholders.models import Affiliation, City, CityMembership, LobbyingDisclosure, Organisation

from . import scoring as risk
from .models import RiskAssessment, RiskRun
from .scoring import Observation, RiskConfig

logger = logging.getLogger(__name__)

LOCK_NAME = "compute_lobbying_risk"
# Average length of a month, for meetings a month.
DAYS_PER_MONTH = 365.25 / 12
VOICE_KINDS = (OrganisationKind.TRADE_UNION, OrganisationKind.CIVIL_SOCIETY)

CompanyId = int
CityId = int
Pair = tuple[CompanyId, CityId]


def risk_config() -> RiskConfig:
    """The scorer's settings: ``AMBASSADOR_RISK_*``, over the defaults in ``risk.py``."""
    return RiskConfig(
        weights={**risk.DEFAULT_WEIGHTS, **getattr(settings, "AMBASSADOR_RISK_WEIGHTS", {})},
        thresholds={**risk.DEFAULT_THRESHOLDS, **getattr(settings, "AMBASSADOR_RISK_THRESHOLDS", {})},
        fence_multiplier=float(getattr(settings, "AMBASSADOR_RISK_FENCE_MULTIPLIER", 1.5)),
        min_peers=int(getattr(settings, "AMBASSADOR_RISK_MIN_PEERS", 5)),
        min_data_points=int(getattr(settings, "AMBASSADOR_RISK_MIN_DATA_POINTS", 3)),
        cooling_off_days=int(getattr(settings, "AMBASSADOR_RISK_COOLING_OFF_DAYS", 365)),
        currency=getattr(settings, "AMBASSADOR_RISK_SPEND_CURRENCY", "EUR"),
    )


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
    on the day of the meeting (UTC), from its start date to its end date, both included.
    """
    starts_at = ExpressionWrapper(OuterRef("meeting__starts_at"), output_field=DateTimeField())
    meeting_on = TruncDate(starts_at, tzinfo=datetime.UTC)
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


@dataclass
class Record:
    """Everything the indicators need, gathered with one aggregate query per kind of fact."""

    on: datetime.date
    company_names: dict[CompanyId, str] = field(default_factory=dict)
    registered: dict[CompanyId, bool] = field(default_factory=dict)
    city_names: dict[CityId, str] = field(default_factory=dict)
    pairs: set[Pair] = field(default_factory=set)
    months: dict[Pair, float] = field(default_factory=lambda: defaultdict(float))
    spend: dict[CompanyId, float] = field(default_factory=dict)
    headcount: dict[CompanyId, int] = field(default_factory=dict)
    meetings: dict[Pair, dict] = field(default_factory=dict)
    # Per city official other than the envoys: the company's meetings in the city they attended.
    attendance: dict[tuple[CompanyId, CityId, int], int] = field(default_factory=dict)
    # The company's meetings in the city with at least one city attendee, envoys included.
    attended_meetings: dict[Pair, int] = field(default_factory=dict)
    topic_meetings: dict[tuple[CompanyId, CityId, str], int] = field(default_factory=dict)
    voice_meetings: dict[tuple[CityId, str], int] = field(default_factory=dict)
    commitments: dict[Pair, dict] = field(default_factory=dict)
    principles: dict[Pair, dict[str, str]] = field(default_factory=lambda: defaultdict(dict))
    revolving: set[tuple[CompanyId, CityId, int]] = field(default_factory=set)
    people_on_record: dict[CompanyId, int] = field(default_factory=dict)


def _end_of(on: datetime.date) -> datetime.datetime:
    """The first instant after the day ``on`` (UTC): records are taken as they stood by then."""
    return datetime.datetime.combine(on + datetime.timedelta(days=1), datetime.time.min, tzinfo=datetime.UTC)


def gather_record(*, on: datetime.date, config: RiskConfig) -> Record:
    """Reads the record as of ``on`` with a fixed number of aggregate queries, whatever the number of companies."""
    record = Record(on=on)
    until = _end_of(on)
    negotiations = Negotiation.objects.filter(
        is_public=True, opened_on__lte=on, company__kind=OrganisationKind.TECH_COMPANY
    )

    # Where each company negotiates, and for how long: one row per negotiation.
    for company, city, opened_on, closed_on in negotiations.order_by().values_list(
        "company_id", "city_id", "opened_on", "closed_on"
    ):
        record.pairs.add((company, city))
        end = min(closed_on or on, on)
        record.months[(company, city)] += max((end - opened_on).days, 0) / DAYS_PER_MONTH

    companies = Organisation.objects.filter(Exists(negotiations.filter(company=OuterRef("pk"))))
    for company, name, registry_id, parent_registry_id in companies.order_by().values_list(
        "pk", "name", "registry_id", "parent__registry_id"
    ):
        record.company_names[company] = name
        record.registered[company] = bool(registry_id.strip() or (parent_registry_id or "").strip())
    record.city_names = dict(City.objects.order_by().values_list("pk", "name"))

    _gather_disclosures(record, config=config)

    public_meetings = Meeting.objects.public(today=on).filter(
        starts_at__lt=until, published_at__lt=until, negotiation__in=negotiations
    )
    minutes_public = ~Q(confidentiality=Confidentiality.RESTRICTED)
    for row in (
        public_meetings.order_by()
        .values("negotiation__company", "negotiation__city")
        .annotate(
            meetings=Count("pk"),
            with_public_minutes=Count("pk", filter=minutes_public),
            vague=Count("pk", filter=minutes_public & vague_minutes_condition()),
            lag=Sum(ExpressionWrapper(F("published_at") - F("starts_at"), output_field=DurationField())),
        )
    ):
        record.meetings[(row["negotiation__company"], row["negotiation__city"])] = row

    # City attendees: people in a role at the meeting's city on the day of the meeting.
    attendance = Meeting.attendees.through.objects.filter(
        city_attendee_condition(), meeting__in=public_meetings
    ).order_by()
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

    for row in (
        public_meetings.filter(topic__isnull=False)
        .order_by()
        .values("negotiation__company", "negotiation__city", "topic__name")
        .annotate(meetings=Count("pk"))
    ):
        record.topic_meetings[(row["negotiation__company"], row["negotiation__city"], row["topic__name"])] = row[
            "meetings"
        ]
    # Union and civil-society meetings in any announced negotiation of the city, whichever company.
    for row in (
        Meeting.objects.public(today=on)
        .filter(starts_at__lt=until, published_at__lt=until, topic__isnull=False)
        .filter(organisations__kind__in=VOICE_KINDS)
        .order_by()
        .values("negotiation__city", "topic__name")
        .annotate(meetings=Count("pk", distinct=True))
    ):
        record.voice_meetings[(row["negotiation__city"], row["topic__name"])] = row["meetings"]

    public_commitments = Commitment.objects.public(today=on).filter(
        promiser=Promiser.COMPANY, created_at__lt=until, negotiation__in=negotiations
    )
    troubled = (
        Q(completion=CompletionLevel.BROKEN)
        | Q(slippage_count__gt=0)
        | Q(completion__in=OPEN_LEVELS, due_on__lt=on)
    )
    for row in (
        public_commitments.order_by()
        .values("negotiation__company", "negotiation__city")
        .annotate(commitments=Count("pk"), troubled=Count("pk", filter=troubled))
    ):
        record.commitments[(row["negotiation__company"], row["negotiation__city"])] = row
    for row in (
        public_commitments.exclude(completion=CompletionLevel.WITHDRAWN)
        .exclude(principle=Principle.OTHER)
        .order_by()
        .values_list("negotiation__company", "negotiation__city", "principle", "area")
        .distinct()
    ):
        company, city, principle, area = row
        record.principles[(company, city)][principle] = area

    _gather_revolving_door(record, config=config)
    return record


def _gather_disclosures(record: Record, *, config: RiskConfig) -> None:
    """Each company's latest declared spend and headcount per register, within the look-back window.

    One row per disclosure (a company files about one a year per register), so this stays small.
    Spend in other currencies than the reporting one is left out, not converted.
    """
    max_age = datetime.timedelta(days=int(getattr(settings, "AMBASSADOR_RISK_DISCLOSURE_MAX_AGE_DAYS", 730)))
    latest_spend: dict[tuple[CompanyId, str], tuple[datetime.date, Decimal]] = {}
    latest_headcount: dict[tuple[CompanyId, str], tuple[datetime.date, int]] = {}
    rows = (
        LobbyingDisclosure.objects.filter(
            organisation__in=record.company_names, period_end__lte=record.on, period_end__gte=record.on - max_age
        )
        .order_by()
        .values_list(
            "organisation_id", "jurisdiction", "period_end", "declared_spend", "currency",
            "declared_lobbyist_headcount",
        )
    )
    for company, jurisdiction, period_end, spend, currency, headcount in rows:
        key = (company, jurisdiction)
        if spend is not None and currency == config.currency and period_end >= latest_spend.get(key, (period_end,))[0]:
            latest_spend[key] = (period_end, spend)
        if headcount is not None and period_end >= latest_headcount.get(key, (period_end,))[0]:
            latest_headcount[key] = (period_end, headcount)
    for (company, _), (_, spend) in latest_spend.items():
        record.spend[company] = record.spend.get(company, 0.0) + float(spend)
    for (company, _), (_, headcount) in latest_headcount.items():
        record.headcount[company] = record.headcount.get(company, 0) + headcount


def _gather_revolving_door(record: Record, *, config: RiskConfig) -> None:
    """People with a city role and a company role less than the cooling-off period apart (or overlapping).

    One query joining affiliations with themselves through the person: the city role is the row,
    the company role ``person__affiliations``. Conditions on the company role sit in one
    ``filter()`` call so that they all apply to the same joined row.
    """
    cooling_off = datetime.timedelta(days=config.cooling_off_days)
    on = record.on
    company_role = "person__affiliations"
    pairs = (
        Affiliation.objects.filter(city__isnull=False, start_on__lte=on)
        .filter(
            Q(**{f"{company_role}__organisation__in": record.company_names})
            & Q(**{f"{company_role}__start_on__lte": on})
            & (
                Q(end_on__isnull=True)
                | Q(
                    **{
                        f"{company_role}__start_on__lte": ExpressionWrapper(
                            F("end_on") + cooling_off, output_field=DateField()
                        )
                    }
                )
            )
            & (
                Q(**{f"{company_role}__end_on__isnull": True})
                | Q(
                    start_on__lte=ExpressionWrapper(
                        F(f"{company_role}__end_on") + cooling_off, output_field=DateField()
                    )
                )
            )
        )
        .order_by()
        .values_list(f"{company_role}__organisation", "city", "person")
        .distinct()
    )
    record.revolving = set(pairs)
    record.people_on_record = dict(
        Affiliation.objects.filter(organisation__in=record.company_names, start_on__lte=on)
        .order_by()
        .values("organisation")
        .annotate(people=Count("person", distinct=True))
        .values_list("organisation", "people")
    )


# --- observations -------------------------------------------------------------------------------------------------


def _share(count: int, total: int) -> Observation:
    return Observation(value=count / total if total else None, sample_size=total, count=count)


def _meeting_observations(
    *, meetings: Iterable[dict], months: float, attendance: Iterable[int], attended: int
) -> dict[str, Observation]:
    meetings = list(meetings)
    total = sum(row["meetings"] for row in meetings)
    with_minutes = sum(row["with_public_minutes"] for row in meetings)
    vague = sum(row["vague"] for row in meetings)
    lag = sum((row["lag"] for row in meetings if row["lag"] is not None), datetime.timedelta())
    top_official = max(attendance, default=0)
    return {
        risk.MEETING_FREQUENCY: Observation(
            value=total / months if months >= 1 else None, sample_size=total, count=total,
            detail={"months": round(months, 1)},
        ),
        risk.OFFICIAL_CONCENTRATION: _share(top_official, attended),
        risk.VAGUE_MINUTES: _share(vague, with_minutes),
        risk.LATE_DISCLOSURE: Observation(
            value=max(lag.total_seconds() / 86400 / total, 0.0) if total else None, sample_size=total
        ),
    }


def _topic_observation(company_meetings: dict[str, int], voices: dict[str, int], config: RiskConfig) -> Observation:
    """The topic where the company's meetings most outnumber union and civil-society meetings."""
    candidates = [
        (meetings / max(voices.get(topic, 0), 1), meetings, topic)
        for topic, meetings in company_meetings.items()
        if meetings >= config.min_data_points
    ]
    if not candidates:
        return Observation(value=None, sample_size=max(company_meetings.values(), default=0))
    ratio, meetings, topic = max(candidates, key=lambda item: (item[0], item[1], item[2]))
    return Observation(
        value=ratio, sample_size=meetings, count=meetings, detail={"topic": topic, "voices": voices.get(topic, 0)}
    )


def build_observations(
    record: Record, *, config: RiskConfig
) -> tuple[dict[CompanyId, dict[str, Observation]], dict[Pair, dict[str, Observation]]]:
    """Turns the gathered record into the scorer's observations, per company and per company in a city."""
    cities_of: dict[CompanyId, list[CityId]] = defaultdict(list)
    for company, city in sorted(record.pairs):
        cities_of[company].append(city)
    attendance_by_pair: dict[Pair, dict[int, int]] = defaultdict(dict)
    for (company, city, person), meetings in record.attendance.items():
        attendance_by_pair[(company, city)][person] = meetings
    topics_by_pair: dict[Pair, dict[str, int]] = defaultdict(dict)
    for (company, city, topic), meetings in record.topic_meetings.items():
        topics_by_pair[(company, city)][topic] = meetings
    voices_by_city: dict[CityId, dict[str, int]] = defaultdict(dict)
    for (city, topic), meetings in record.voice_meetings.items():
        voices_by_city[city][topic] = meetings
    revolving_by_pair: dict[Pair, set[int]] = defaultdict(set)
    for company, city, person in record.revolving:
        revolving_by_pair[(company, city)].add(person)

    per_city: dict[Pair, dict[str, Observation]] = {}
    per_company: dict[CompanyId, dict[str, Observation]] = {}
    for company in record.company_names:
        cities = cities_of.get(company, [])
        people = record.people_on_record.get(company, 0)
        committed_in = {city for city in cities if record.principles.get((company, city))}
        gaps = _inconsistencies(record, company=company, cities=cities)

        for city in cities:
            pair = (company, city)
            observations = _meeting_observations(
                meetings=[record.meetings[pair]] if pair in record.meetings else [],
                months=record.months[pair],
                attendance=attendance_by_pair[pair].values(),
                attended=record.attended_meetings.get(pair, 0),
            )
            observations[risk.TOPIC_IMBALANCE] = _topic_observation(topics_by_pair[pair], voices_by_city[city], config)
            commitments = record.commitments.get(pair, {"commitments": 0, "troubled": 0})
            observations[risk.COMMITMENT_RECORD] = _share(commitments["troubled"], commitments["commitments"])
            revolving = len(revolving_by_pair[pair])
            observations[risk.REVOLVING_DOOR] = Observation(
                value=float(revolving) if people else None, sample_size=people, count=revolving
            )
            if len(committed_in) >= 2 and city in committed_in:
                missing = gaps.get(city, {})
                observations[risk.INCONSISTENCY] = Observation(
                    value=float(len(missing)), sample_size=len(committed_in), count=len(missing),
                    detail={"gaps": _describe_gaps(record, {city: missing})},
                )
            else:
                observations[risk.INCONSISTENCY] = Observation(value=None, sample_size=len(committed_in))
            per_city[pair] = observations

        # Overall: the same facts summed over the company's cities.
        attendance_by_person: dict[int, int] = defaultdict(int)
        for city in cities:
            for person, meetings in attendance_by_pair[(company, city)].items():
                attendance_by_person[person] += meetings
        overall = _meeting_observations(
            meetings=[record.meetings[(company, city)] for city in cities if (company, city) in record.meetings],
            months=sum(record.months[(company, city)] for city in cities),
            attendance=attendance_by_person.values(),
            attended=sum(record.attended_meetings.get((company, city), 0) for city in cities),
        )
        company_topics: dict[str, int] = defaultdict(int)
        company_voices: dict[str, int] = defaultdict(int)
        for city in cities:
            for topic, meetings in topics_by_pair[(company, city)].items():
                company_topics[topic] += meetings
                company_voices[topic] += voices_by_city[city].get(topic, 0)
        overall[risk.TOPIC_IMBALANCE] = _topic_observation(company_topics, company_voices, config)
        overall[risk.COMMITMENT_RECORD] = _share(
            sum(record.commitments.get((company, c), {}).get("troubled", 0) for c in cities),
            sum(record.commitments.get((company, c), {}).get("commitments", 0) for c in cities),
        )
        revolving_people = {person for city in cities for person in revolving_by_pair[(company, city)]}
        overall[risk.REVOLVING_DOOR] = Observation(
            value=float(len(revolving_people)) if people else None, sample_size=people, count=len(revolving_people)
        )
        if len(committed_in) >= 2:
            missing_principles = {principle for missing in gaps.values() for principle in missing}
            overall[risk.INCONSISTENCY] = Observation(
                value=float(len(missing_principles)), sample_size=len(committed_in), count=len(missing_principles),
                detail={"gaps": _describe_gaps(record, gaps)},
            )
        else:
            overall[risk.INCONSISTENCY] = Observation(value=None, sample_size=len(committed_in))

        spend = record.spend.get(company)
        headcount = record.headcount.get(company)
        overall[risk.LOBBYING_SPEND] = Observation(value=spend, sample_size=1 if spend is not None else 0)
        overall[risk.LOBBYIST_HEADCOUNT] = Observation(
            value=float(headcount) if headcount is not None else None, sample_size=1 if headcount is not None else 0
        )
        overall[risk.NO_REGISTRY_ID] = Observation(value=0.0 if record.registered[company] else 1.0, sample_size=1)
        per_company[company] = overall
    return per_company, per_city


def _describe_gaps(record: Record, gaps: dict[CityId, dict[str, set]]) -> list[dict]:
    """Per principle: its name, the cities where the company committed to it, and those where it did not."""
    committed_in: dict[str, set[CityId]] = defaultdict(set)
    missing_in: dict[str, set[CityId]] = defaultdict(set)
    for city, missing in gaps.items():
        for principle, elsewhere in missing.items():
            missing_in[principle].add(city)
            committed_in[principle] |= elsewhere
    return [
        {
            "principle": str(Principle(principle).label),
            "in": sorted(record.city_names.get(city, "") for city in committed_in[principle]),
            "not_in": sorted(record.city_names.get(city, "") for city in missing_in[principle]),
        }
        for principle in sorted(missing_in)
    ]


def _inconsistencies(record: Record, *, company: CompanyId, cities: list[CityId]) -> dict[CityId, dict[str, set]]:
    """Per city: principles the company committed to elsewhere, in an area it also committed to here, but not here.

    Returns {city: {principle: {cities where it did commit}}}.
    """
    gaps: dict[CityId, dict[str, set]] = {}
    for city in cities:
        here = record.principles.get((company, city), {})
        if not here:
            continue
        areas_here = set(here.values())
        missing: dict[str, set] = defaultdict(set)
        for other in cities:
            if other == city:
                continue
            for principle, area in record.principles.get((company, other), {}).items():
                if area in areas_here and principle not in here:
                    missing[principle].add(other)
        gaps[city] = dict(missing)
    return gaps


# --- storing ------------------------------------------------------------------------------------------------------


def coverage_of(overall: dict[CompanyId, risk.Assessment]) -> dict:
    """Per indicator: for how many companies it could be computed and for how many it fired."""
    indicators = {}
    for key in risk.INDICATORS:
        results = [next(i for i in assessment.indicators if i.key == key) for assessment in overall.values()]
        indicators[key] = {
            "computed": sum(result.applicable for result in results),
            "fired": sum(result.fired for result in results),
        }
    return {"companies": len(overall), "indicators": indicators}


def _warnings(coverage: dict, *, on: datetime.date) -> list[str]:
    share = float(getattr(settings, "AMBASSADOR_RISK_WARN_FIRED_SHARE", 0.25))
    companies = coverage["companies"]
    messages = []
    for key, counts in coverage["indicators"].items():
        if companies and counts["fired"] > share * companies:
            message = (
                f"Indicator {key} fired for {counts['fired']} of {companies} companies on {on}, more than "
                f"{share:.0%}: check its threshold and data before reading the scores."
            )
            logger.warning(message)
            messages.append(message)
    return messages


def _parameters(config: RiskConfig) -> dict:
    return {
        "weights": dict(config.weights),
        "thresholds": dict(config.thresholds),
        "fence_multiplier": config.fence_multiplier,
        "min_peers": config.min_peers,
        "min_data_points": config.min_data_points,
        "cooling_off_days": config.cooling_off_days,
        "currency": config.currency,
    }


def _store_assessments(
    *, run: RiskRun, on: datetime.date, assessments: dict[tuple[CompanyId, CityId | None], risk.Assessment]
) -> int:
    """Writes the day's assessments: creates new ones, updates changed ones in place, leaves equal ones alone.

    Earlier days are never touched. Returns how many rows were created or changed.
    """
    now = timezone.now()
    existing = {
        (assessment.organisation_id, assessment.city_id): assessment
        for assessment in RiskAssessment.objects.filter(assessed_on=on).order_by()
    }
    reason = f"Lobbying-risk run of {on}"
    created, changed = [], []
    for (company, city), assessment in assessments.items():
        indicators = assessment.indicators_as_json()
        row = existing.get((company, city))
        if row is None:
            created.append(
                RiskAssessment(
                    organisation_id=company, city_id=city, assessed_on=on, computed_at=now,
                    score=assessment.score, indicators=indicators, run=run,
                )
            )
        elif row.score != assessment.score or row.indicators != indicators or row.run_id != run.pk:
            row.score, row.indicators, row.run, row.computed_at = assessment.score, indicators, run, now
            changed.append(row)
    if created:
        bulk_create_with_history(created, RiskAssessment, default_change_reason=reason, default_date=now)
    if changed:
        bulk_update_with_history(
            changed, RiskAssessment, ["score", "indicators", "run", "computed_at"],
            default_change_reason=f"{reason} (computed again)", default_date=now,
        )
    return len(created) + len(changed)


def compute_lobbying_risk(*, on: datetime.date | None = None) -> RiskRun | None:
    """Scores every negotiating tech company, overall and per city, as of ``on`` (default: today, UTC).

    Computing again the same day updates that day's run and any assessment whose score or
    indicators changed; earlier days are history and stay as they are. Returns the run, or None
    when another run holds the lock (it then does nothing).
    """
    on = on or timezone.localdate()
    config = risk_config()
    with job_lock(LOCK_NAME) as acquired:
        if not acquired:
            return None
        started_at = timezone.now()
        run, _ = RiskRun.objects.update_or_create(
            assessed_on=on, defaults={"started_at": started_at, "finished_at": None, "parameters": _parameters(config)}
        )
        record = gather_record(on=on, config=config)
        companies, cities = build_observations(record, config=config)
        overall, per_city = risk.assess(companies=companies, cities=cities, config=config)
        assessments = {(company, None): assessment for company, assessment in overall.items()}
        assessments.update(per_city)
        written = _store_assessments(run=run, on=on, assessments=assessments)

        run.coverage = coverage_of(overall)
        run.warnings = _warnings(run.coverage, on=on)
        run.companies_assessed = len(overall)
        run.city_assessments = len(per_city)
        run.assessments_written = written
        run.finished_at = timezone.now()
        run.save(
            update_fields=[
                "coverage", "warnings", "companies_assessed", "city_assessments", "assessments_written", "finished_at",
            ]
        )
    logger.info(
        "Lobbying-risk run of %s: %d companies, %d city assessments, %d written",
        on, run.companies_assessed, run.city_assessments, written,
    )
    return run
