"""Tests the lobbying-risk score the way an integrity analyst would: on a synthetic population with planted patterns.

``build_population(seed=...)`` writes a realistic but invented public record: cities in several
countries and time zones (one country, Vietnam, without a lobbying register), unions and
civil-society groups, and tech companies with natural variation: a few large spenders and many
small ones, some with one or two meetings only, some without a register id, some vague minutes, a
few days' publication lag, commitments that run late or slip. Among them are a handful of
*planted* companies, each with one unmistakable pattern from the domain (a revolving door, a
topic heard from the company alone, meetings disclosed months late, one official at nearly every
meeting, a record of broken and slipped promises). Every record is released as the product
releases it: logged by the city's envoy and published by a second person, council staff.

``validate(seeds=...)`` builds each seed's population inside a transaction, runs
``compute_lobbying_risk`` on a fixed day, ranks the companies by their overall score (leaving out
assessments the engine marks as not having enough data), reads off precision at k (k: the number
of planted companies), each plant's rank, and whether its planted indicator fired and was the top
contributor ("named"), and rolls the transaction back.
"""

from .population import PopulationBuilder, build_population
from .run import PlantResult, SeedResult, ValidationReport, evaluate, rank_companies, validate
from .vocabulary import (
    ASSESSED_ON,
    CITIES,
    DEFAULT_COMPANIES,
    DEFAULT_SEEDS,
    MAX_COMPANIES,
    MIN_COMPANIES,
    PLANTED_PATTERNS,
    PLANTED_TOPIC,
    WITHHELD_MEETINGS,
    Plant,
    Population,
)

__all__ = [
    "ASSESSED_ON", "CITIES", "DEFAULT_COMPANIES", "DEFAULT_SEEDS", "MAX_COMPANIES", "MIN_COMPANIES", "PLANTED_PATTERNS",
    "PLANTED_TOPIC", "WITHHELD_MEETINGS", "Plant", "PlantResult", "Population", "PopulationBuilder", "SeedResult",
    "ValidationReport", "build_population", "evaluate", "rank_companies", "validate",
]
