"""The record the indicators are computed from, and where each company negotiates.

Each indicator family (``disclosures``, ``meetings``, ``topics``, ``commitments``,
``revolving_door``) fills in its part of one ``Record`` with a fixed number of aggregate queries,
then turns it into the scorer's observations.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, QuerySet

from ambassador.negotiations.models import Negotiation
from ambassador.stakeholders.choices import OrganisationKind
from ambassador.stakeholders.models import City, Organisation
from ambassador.stakeholders.registers import registers_of

from ..indicators import Observation

# Average length of a month, for meetings a month.
DAYS_PER_MONTH = 365.25 / 12

CompanyId = int
CityId = int
Pair = tuple[CompanyId, CityId]
Observations = dict[str, Observation]


@dataclass
class Record:
    """Everything the indicators need, gathered with one aggregate query per kind of fact."""

    on: datetime.date
    # A live run judges each city by its own date at this instant; without it, every city by ``on``.
    now: datetime.datetime | None = None
    company_names: dict[CompanyId, str] = field(default_factory=dict)
    registered: dict[CompanyId, bool] = field(default_factory=dict)
    city_names: dict[CityId, str] = field(default_factory=dict)
    # The lobbying registers that cover each city (its own list, or its country's).
    city_registers: dict[CityId, tuple[str, ...]] = field(default_factory=dict)
    pairs: set[Pair] = field(default_factory=set)
    months: dict[Pair, float] = field(default_factory=lambda: defaultdict(float))
    spend: dict[CompanyId, float] = field(default_factory=dict)
    headcount: dict[CompanyId, int] = field(default_factory=dict)
    meetings: dict[Pair, dict] = field(default_factory=dict)
    # The latest-disclosed public meetings: (days until readable, local date, subject), a few per pair.
    late_meetings: dict[Pair, list] = field(default_factory=lambda: defaultdict(list))
    # Per city official other than the envoys: the company's meetings in the city they attended.
    attendance: dict[tuple[CompanyId, CityId, int], int] = field(default_factory=dict)
    # The names that may be published of the officials in ``attendance``.
    public_names: dict[int, str] = field(default_factory=dict)
    # The company's meetings in the city with at least one city attendee, envoys included.
    attended_meetings: dict[Pair, int] = field(default_factory=dict)
    topic_meetings: dict[tuple[CompanyId, CityId, str], int] = field(default_factory=dict)
    voice_meetings: dict[tuple[CityId, str], int] = field(default_factory=dict)
    commitments: dict[Pair, dict] = field(default_factory=dict)
    principles: dict[Pair, dict[str, str]] = field(default_factory=lambda: defaultdict(dict))
    # A few troubled commitments per pair, in words.
    troubled_facts: dict[Pair, list[str]] = field(default_factory=lambda: defaultdict(list))
    revolving: set[tuple[CompanyId, CityId, int]] = field(default_factory=set)
    # One sentence per crossing, naming only people whose names may be published.
    revolving_facts: dict[tuple[CompanyId, CityId, int], str] = field(default_factory=dict)
    people_on_record: dict[CompanyId, int] = field(default_factory=dict)

    def as_of(self) -> dict:
        """How "today" is judged, as arguments for ``public()`` and ``city_date_q``: ``now`` or ``today``."""
        return {"now": self.now} if self.now is not None else {"today": self.on}

    def cities_of(self) -> dict[CompanyId, list[CityId]]:
        """The cities where each company negotiates, in order."""
        cities: dict[CompanyId, list[CityId]] = defaultdict(list)
        for company, city in sorted(self.pairs):
            cities[company].append(city)
        return cities


def share(count: int, total: int) -> Observation:
    """A share of ``total`` data points, not applicable when there are none."""
    return Observation(value=count / total if total else None, sample_size=total, count=count)


def end_of(on: datetime.date) -> datetime.datetime:
    """The first instant after the day ``on`` (UTC): records are taken as they stood by then."""
    return datetime.datetime.combine(on + datetime.timedelta(days=1), datetime.time.min, tzinfo=datetime.UTC)


def announced_negotiations(on: datetime.date) -> QuerySet:
    """The public negotiations with tech companies opened by the day ``on``: the only ones scores may reflect."""
    return Negotiation.objects.filter(is_public=True, opened_on__lte=on, company__kind=OrganisationKind.TECH_COMPANY)


def gather_negotiations(record: Record, negotiations: QuerySet) -> None:
    """Where each company negotiates and for how long, its name and register status, and the cities' names."""
    on = record.on
    # One row per negotiation.
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
    for city, name, country, registers in City.objects.order_by().values_list(
        "pk", "name", "country", "lobbying_registers"
    ):
        record.city_names[city] = name
        record.city_registers[city] = registers_of(country=country, lobbying_registers=registers)
