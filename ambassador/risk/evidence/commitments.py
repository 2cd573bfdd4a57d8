"""Commitments: a record of broken, overdue or moved promises, and promising less in one city than in another."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, F, Q, QuerySet, Window
from django.db.models.functions import RowNumber

from ambassador.commitments.choices import OPEN_LEVELS, CompletionLevel, Principle, Promiser
from ambassador.commitments.models import Commitment
from ambassador.commitments.querysets import CITY_ZONE
from ambassador.core.timezones import city_date_q

from ..indicators import COMMITMENT_RECORD, INCONSISTENCY, Observation, RiskConfig
from .record import CityId, CompanyId, Observations, Pair, Record, end_of, share

# Per city: the principles the company committed to elsewhere but not there, each with the cities where it did.
Gaps = dict[CityId, dict[str, set[CityId]]]


def gather(record: Record, negotiations: QuerySet) -> None:
    """Per company and city: public company commitments, how many are in trouble, and the principles promised.

    One pass over the commitments, the largest table the score reads: counts per company, city,
    principle and area (a few rows per company and city, however many commitments), summed here
    per company and city. A principle counts as promised where a commitment to it was not withdrawn.
    """
    on = record.on
    public_commitments = Commitment.objects.public(**record.as_of()).filter(
        promiser=Promiser.COMPANY, created_at__lt=end_of(on), negotiation__in=negotiations
    )
    troubled = (
        Q(completion=CompletionLevel.BROKEN)
        | Q(slippage_count__gt=0)
        | (Q(completion__in=OPEN_LEVELS) & city_date_q("due_on", "lt", zone_field=CITY_ZONE, **record.as_of()))
    )
    promised = ~Q(completion=CompletionLevel.WITHDRAWN) & ~Q(principle=Principle.OTHER)
    rows = (
        public_commitments.order_by()
        .values_list("negotiation__company", "negotiation__city", "principle", "area")
        .annotate(commitments=Count("pk"), troubled=Count("pk", filter=troubled), promised=Count("pk", filter=promised))
    )
    for company, city, principle, area, commitments, in_trouble, promises in rows:
        counts = record.commitments.setdefault(
            (company, city),
            {"negotiation__company": company, "negotiation__city": city, "commitments": 0, "troubled": 0},
        )
        counts["commitments"] += commitments
        counts["troubled"] += in_trouble
        if promises:
            record.principles[(company, city)][principle] = area
    gather_troubled(record, public_commitments, troubled)


# How many troubled commitments of a company in a city are named as facts.
TROUBLED_FACTS = 3


def gather_troubled(record: Record, public_commitments: QuerySet, troubled: Q) -> None:
    """A few troubled commitments per company and city, the most moved first, to name them."""
    ranked = (
        public_commitments.filter(troubled)
        .order_by()
        .annotate(
            place=Window(
                RowNumber(),
                partition_by=[F("negotiation__company"), F("negotiation__city")],
                order_by=[F("slippage_count").desc(), F("due_on").asc(), F("pk").asc()],
            )
        )
        .filter(place__lte=TROUBLED_FACTS)
        .values_list("negotiation__company", "negotiation__city", "text", "completion", "slippage_count", "due_on")
    )
    for company, city, text, completion, slips, due_on in ranked:
        summary = " ".join(text.split())
        summary = summary if len(summary) <= 90 else summary[:89] + "…"
        # Troubled: broken, moved, or else overdue on the city's date (judged in SQL above).
        if completion == CompletionLevel.BROKEN:
            state = "was broken"
        elif slips:
            state = f"had its due date moved {slips} {'time' if slips == 1 else 'times'}"
        else:
            state = f"was due on {due_on.isoformat()} and is not complete"
        record.troubled_facts[(company, city)].append(f"“{summary}” ({record.city_names.get(city, '')}) {state}.")


def inconsistencies(record: Record, *, company: CompanyId, cities: list[CityId]) -> Gaps:
    """Per city: principles the company committed to elsewhere, in an area it also committed to here, but not here.

    Returns {city: {principle: {cities where it did commit}}}.
    """
    gaps: Gaps = {}
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


def describe_gaps(record: Record, gaps: Gaps) -> list[dict]:
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


def _inconsistency(record: Record, gaps: Gaps, committed_in: set[CityId]) -> Observation:
    """How many principles the gaps leave out; applicable once the company has committed in two cities."""
    if len(committed_in) < 2:
        return Observation(value=None, sample_size=len(committed_in))
    missing = {principle for principles in gaps.values() for principle in principles}
    return Observation(
        value=float(len(missing)), sample_size=len(committed_in), count=len(missing),
        detail={"gaps": describe_gaps(record, gaps)},
    )


def _with_facts(observation: Observation, facts: list[str]) -> Observation:
    return Observation(
        value=observation.value, sample_size=observation.sample_size, count=observation.count, detail={"facts": facts}
    )


def observe(
    record: Record, cities_of: dict[CompanyId, list[CityId]], *, config: RiskConfig
) -> tuple[dict[CompanyId, Observations], dict[Pair, Observations]]:
    """The commitment record and the inconsistency in each of a company's cities, and over all its cities."""
    per_company: dict[CompanyId, Observations] = {}
    per_city: dict[Pair, Observations] = {}
    for company in record.company_names:
        cities = cities_of.get(company, [])
        committed_in = {city for city in cities if record.principles.get((company, city))}
        gaps = inconsistencies(record, company=company, cities=cities)
        for city in cities:
            commitments = record.commitments.get((company, city), {"commitments": 0, "troubled": 0})
            if city in committed_in:
                inconsistency = _inconsistency(record, {city: gaps.get(city, {})}, committed_in)
            else:  # nothing promised here to compare with the other cities
                inconsistency = Observation(value=None, sample_size=len(committed_in))
            per_city[(company, city)] = {
                COMMITMENT_RECORD: _with_facts(
                    share(commitments["troubled"], commitments["commitments"]),
                    record.troubled_facts.get((company, city), []),
                ),
                INCONSISTENCY: inconsistency,
            }
        per_company[company] = {
            COMMITMENT_RECORD: _with_facts(
                share(
                    sum(record.commitments.get((company, c), {}).get("troubled", 0) for c in cities),
                    sum(record.commitments.get((company, c), {}).get("commitments", 0) for c in cities),
                ),
                [fact for c in cities for fact in record.troubled_facts.get((company, c), [])][:TROUBLED_FACTS],
            ),
            INCONSISTENCY: _inconsistency(record, gaps, committed_in),
        }
    return per_company, per_city
