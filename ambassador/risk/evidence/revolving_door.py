"""The revolving door: people who held a city role and a role at the company too close together.

Too close: at the same time, or less than the cooling-off period (``AMBASSADOR_RISK_COOLING_OFF_DAYS``) apart.
"""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.db.models import BooleanField, Count, DateField, ExpressionWrapper, F, Q

from ambassador.core.people import public_person_q
from ambassador.stakeholders.models import Affiliation

from ..indicators import REVOLVING_DOOR, Observation, RiskConfig
from .record import CityId, CompanyId, Observations, Pair, Record


def gather(record: Record, *, config: RiskConfig) -> None:
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
        .annotate(named=ExpressionWrapper(public_person_q("person"), output_field=BooleanField()))
        .values_list(
            f"{company_role}__organisation", "city", "person", "named", "person__full_name",
            "role", "start_on", "end_on", f"{company_role}__role", f"{company_role}__start_on",
        )
        .distinct()
    )
    for company, city, person, named, name, city_role, city_start, city_end, role, start in pairs:
        record.revolving.add((company, city, person))
        record.revolving_facts.setdefault(
            (company, city, person),
            _door_fact(
                name if named else None, city_role=city_role, city_start=city_start, city_end=city_end,
                city=record.city_names.get(city, ""), role=role, start=start,
            ),
        )
    record.people_on_record = dict(
        Affiliation.objects.filter(organisation__in=record.company_names, start_on__lte=on)
        .order_by()
        .values("organisation")
        .annotate(people=Count("person", distinct=True))
        .values_list("organisation", "people")
    )


def _door_fact(
    name: str | None, *, city_role: str, city_start, city_end, city: str, role: str, start
) -> str:
    """One crossing in words; a person who is not a public official or public figure is not named."""
    who = name or "A person who is not a public official (name not published)"
    held = f"held the role “{city_role}” at {city}" + (f" until {city_end.isoformat()}" if city_end else " (current)")
    return f"{who} {held} and took the role “{role}” at the company on {start.isoformat()}."


def _revolving(people: set[int], people_on_record: int, facts: list[str] | None = None) -> Observation:
    """How many people went through the door; not applicable when no one at the company is on record."""
    return Observation(
        value=float(len(people)) if people_on_record else None, sample_size=people_on_record, count=len(people),
        detail={"facts": sorted(facts or [])},
    )


def observe(
    record: Record, cities_of: dict[CompanyId, list[CityId]], *, config: RiskConfig
) -> tuple[dict[CompanyId, Observations], dict[Pair, Observations]]:
    """The people who went through the door in each of a company's cities, and in any of them."""
    revolving_by_pair: dict[Pair, set[int]] = defaultdict(set)
    for company, city, person in record.revolving:
        revolving_by_pair[(company, city)].add(person)

    per_company: dict[CompanyId, Observations] = {}
    per_city: dict[Pair, Observations] = {}
    for company in record.company_names:
        cities = cities_of.get(company, [])
        people = record.people_on_record.get(company, 0)
        for city in cities:
            crossed = revolving_by_pair[(company, city)]
            facts = [record.revolving_facts[(company, city, person)] for person in crossed]
            per_city[(company, city)] = {REVOLVING_DOOR: _revolving(crossed, people, facts)}
        everywhere = {person for city in cities for person in revolving_by_pair[(company, city)]}
        facts = [
            record.revolving_facts[(company, city, person)]
            for city in cities for person in revolving_by_pair[(company, city)]
        ]
        per_company[company] = {REVOLVING_DOOR: _revolving(everywhere, people, facts)}
    return per_company, per_city
