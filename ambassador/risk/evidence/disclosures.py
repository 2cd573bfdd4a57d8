"""Lobbying registers: declared spend, declared lobbyists, and whether the company is on a register at all.

These are company-wide indicators: one value for the whole company, which its city scores show too.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings

from ambassador.stakeholders.models import LobbyingDisclosure

from ..indicators import LOBBYING_SPEND, LOBBYIST_HEADCOUNT, NO_REGISTRY_ID, Observation, RiskConfig
from .record import CityId, CompanyId, Observations, Pair, Record


def gather(record: Record, *, config: RiskConfig) -> None:
    """Each company's latest declared spend and headcount per register, within the look-back window.

    One row per disclosure (a company files about one a year per register), so this stays small.
    Spend in other currencies than the reporting one is left out, not converted. Whether a company
    or its parent has a register id is read with the companies themselves (``record.registered``).
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


def register_observation(record: Record, company: CompanyId, cities: list[CityId]) -> Observation:
    """Whether the company lacks a register id where a register covers the cities; not applicable where none does."""
    covered = [city for city in cities if record.city_registers.get(city)]
    if not covered:
        return Observation(
            value=None, detail={"uncovered": sorted(record.city_names.get(city, "") for city in cities)}
        )
    registers = sorted({register for city in covered for register in record.city_registers[city]})
    cities_named = sorted(record.city_names.get(city, "") for city in covered)
    missing = not record.registered[company]
    return Observation(
        value=1.0 if missing else 0.0, sample_size=len(covered), count=len(covered) if missing else 0,
        detail={
            "registers": registers, "cities": cities_named,
            "facts": [f"No register id is recorded for the company or its parent ({', '.join(registers)})."],
        },
    )


def observe(
    record: Record, cities_of: dict[CompanyId, list[CityId]], *, config: RiskConfig
) -> tuple[dict[CompanyId, Observations], dict[Pair, Observations]]:
    """Declared capacity, company-wide; the register check in each city a register covers, and overall."""
    per_company: dict[CompanyId, Observations] = {}
    per_city: dict[Pair, Observations] = {}
    for company in record.company_names:
        spend = record.spend.get(company)
        headcount = record.headcount.get(company)
        cities = cities_of.get(company, [])
        per_company[company] = {
            LOBBYING_SPEND: Observation(value=spend, sample_size=1 if spend is not None else 0),
            LOBBYIST_HEADCOUNT: Observation(
                value=float(headcount) if headcount is not None else None,
                sample_size=1 if headcount is not None else 0,
            ),
            NO_REGISTRY_ID: register_observation(record, company, cities),
        }
        for city in cities:
            per_city[(company, city)] = {NO_REGISTRY_ID: register_observation(record, company, [city])}
    return per_company, per_city
