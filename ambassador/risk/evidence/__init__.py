"""What the public record says about each company, gathered for the lobbying-risk scorer.

The score is built from the *public* record only: announced negotiations, meetings that are
public on the day (published, not under embargo) and public commitments. A score shown to the
public must not reveal, by moving, that an embargoed meeting or an unannounced negotiation exists.

The record is read with a fixed number of aggregate queries (GROUP BY company and city, never one
query per company), one family of indicators after the other; each family then turns its part
into observations, per company and per company in a city.
"""

from __future__ import annotations

import datetime

from ambassador.core.progress import Progress, step

from ..indicators import RiskConfig
from . import commitments, disclosures, meetings, revolving_door, topics
from .record import CompanyId, Observations, Pair, Record, announced_negotiations, gather_negotiations

# The indicator families, each with ``observe(record, cities_of, config=...)``.
FAMILIES = (disclosures, meetings, topics, commitments, revolving_door)


# The parts of the record ``gather_record`` reads, in order, as a progress bar names them.
GATHER_STAGES = (
    "read the negotiations", "read the disclosures", "read the meetings", "read the topics", "read the commitments",
    "read the revolving door",
)


def gather_record(
    *, on: datetime.date, config: RiskConfig, now: datetime.datetime | None = None, progress: Progress | None = None
) -> Record:
    """Reads the record as of ``on`` with a fixed number of aggregate queries, whatever the number of companies.

    With ``now``, embargoes and due dates are judged by each city's own date at that instant;
    ``progress`` counts each of the ``GATHER_STAGES`` as it ends.
    """
    record = Record(on=on, now=now)
    negotiations = announced_negotiations(on)
    steps = (
        lambda: gather_negotiations(record, negotiations),
        lambda: disclosures.gather(record, config=config),
        lambda: meetings.gather(record, negotiations),
        lambda: topics.gather(record, negotiations),
        lambda: commitments.gather(record, negotiations),
        lambda: revolving_door.gather(record, config=config),
    )
    for name, read in zip(GATHER_STAGES, steps, strict=True):
        read()
        step(progress, f"compute_risk: {name}")
    return record


def build_observations(
    record: Record, *, config: RiskConfig
) -> tuple[dict[CompanyId, Observations], dict[Pair, Observations]]:
    """Turns the gathered record into the scorer's observations, per company and per company in a city."""
    cities_of = record.cities_of()
    per_company: dict[CompanyId, Observations] = {company: {} for company in record.company_names}
    per_city: dict[Pair, Observations] = {
        (company, city): {} for company in record.company_names for city in cities_of.get(company, [])
    }
    for family in FAMILIES:
        overall, in_cities = family.observe(record, cities_of, config=config)
        for company, observations in overall.items():
            per_company[company].update(observations)
        for pair, observations in in_cities.items():
            per_city[pair].update(observations)
    return per_company, per_city
