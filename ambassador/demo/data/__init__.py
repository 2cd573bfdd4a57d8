"""The demo data written by ``manage.py seed_demo``.

Every company, union, group and person here is invented. The cities are real, because the
project is about them, but the people named as their officials are not. Dates are offsets in
days from the day the command runs (negative: in the past), so the demo always has overdue,
due-soon and embargoed records. Natural keys (slugs, names, subjects, texts) never contain a
date, so running the command again on a later day finds the same rows instead of adding new ones.

The lobbying-risk score (``manage.py compute_risk``) needs peers: with the production settings an
indicator compares a company with at least five others, and shares need three meetings or
commitments of the company's own. So the demo has ten companies, most with several public meetings
and commitments, and each indicator fires for at most one of them (more than a quarter would log a
warning): declared spend and lobbyists for Quorvex; no register id and commitment record for
Lumivane; meeting frequency for Nivalto; vague minutes for Kivaro; late disclosure for Brasmoor;
revolving door and topic imbalance for Zephyrine; inconsistency between cities for Pedalpost.
``tests/demo/test_seed_demo.py`` checks the coverage.

The records every city shares (cities, organisations, disclosures, people, logins) are in
``shared``; each city's negotiations, meetings and commitments are in its own module.
"""

from . import amsterdam, barcelona, da_nang, hanoi, london, new_york
from .shared import ADMIN_URL, AFFILIATIONS, CITIES, DEMO_PASSWORD, DISCLOSURES, LOGINS, ORGANISATIONS, PEOPLE

__all__ = [
    "ADMIN_URL", "AFFILIATIONS", "CITIES", "COMMITMENTS", "DEMO_PASSWORD", "DISCLOSURES", "LOGINS", "MEETINGS",
    "NEGOTIATIONS", "ORGANISATIONS", "PEOPLE", "STANDALONE_MEETINGS",
]

_CITY_MODULES = (amsterdam, barcelona, london, hanoi, da_nang, new_york)

# The order in which the demo writes the negotiations, and so numbers them: the talks with the first five
# companies city by city, then those with the five companies that joined the demo later, company by company,
# then New York's.
_NEGOTIATION_ORDER = (
    amsterdam.AMS_SCOOTERS, amsterdam.AMS_HUBS, amsterdam.AMS_CLOUD,
    barcelona.BCN_RIDERS, barcelona.BCN_KERBSIDE,
    london.LDN_IMAGERY, london.LDN_PAY,
    hanoi.HAN_CAMERAS, hanoi.HAN_PLATFORM,
    da_nang.DAD_LIGHTING, da_nang.DAD_RIDES,
    amsterdam.AMS_RENTALS, barcelona.BCN_FLATS,
    london.LDN_CARE, barcelona.BCN_CARE,
    london.LDN_WIFI, hanoi.HAN_WIFI,
    hanoi.HAN_CHARGING, da_nang.DAD_SWAP,
    da_nang.DAD_ASSISTANT,
    new_york.NYC_CURB, new_york.NYC_RENTALS, new_york.NYC_311,
)
_POSITION = {slug: position for position, slug in enumerate(_NEGOTIATION_ORDER)}


def _gather(name: str, negotiation_of) -> tuple:
    """Every city's ``name`` records, negotiation by negotiation, each negotiation's as its city lists them."""
    records = [record for city in _CITY_MODULES for record in getattr(city, name)]
    return tuple(sorted(records, key=lambda record: _POSITION[negotiation_of(record)]))


NEGOTIATIONS = _gather("NEGOTIATIONS", lambda spec: spec.slug)
MEETINGS = _gather("MEETINGS", lambda spec: spec.negotiation)
COMMITMENTS = _gather("COMMITMENTS", lambda spec: spec.negotiation)
# Meetings outside any negotiation, city by city.
STANDALONE_MEETINGS = tuple(
    record for city in _CITY_MODULES for record in getattr(city, "STANDALONE_MEETINGS", ())
)

if [spec.slug for spec in NEGOTIATIONS] != list(_NEGOTIATION_ORDER):
    raise ValueError("Every negotiation of the demo must be listed exactly once in _NEGOTIATION_ORDER.")
