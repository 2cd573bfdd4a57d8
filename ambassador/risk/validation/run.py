"""Scores a population, ranks its companies and measures how the planted ones fare."""

from __future__ import annotations

import datetime
import time
from dataclasses import asdict, dataclass

from django.db import transaction

from ambassador.core.progress import Progress, step

from ..models import PATTERN_DESCRIPTIONS, RiskAssessment
from ..services import compute_lobbying_risk
from .population import build_population
from .vocabulary import ASSESSED_ON, DEFAULT_COMPANIES, DEFAULT_SEEDS, PLANTED_PATTERNS, Population

# --- results ------------------------------------------------------------------------------------------------------


@dataclass
class PlantResult:
    pattern: str
    company: str
    rank: int | None  # None: left out for not enough data
    score: float | None
    fired: bool
    named: bool
    top_indicator: str | None


@dataclass
class SeedResult:
    seed: int
    companies: int
    ranked: int
    k: int
    precision_at_k: float
    plants: list[PlantResult]
    top: list[dict]
    counts: dict[str, int]
    seconds: float


@dataclass
class ValidationReport:
    on: datetime.date
    companies: int
    seeds: list[SeedResult]
    parameters: dict
    seconds: float = 0.0

    @property
    def precisions(self) -> list[float]:
        return [result.precision_at_k for result in self.seeds]

    def summary(self) -> dict:
        """Across seeds: precision at k (each, mean, min), the share of plants named, and per pattern."""
        plants = [plant for result in self.seeds for plant in result.plants]
        patterns = {}
        for pattern in PLANTED_PATTERNS:
            of_pattern = [plant for plant in plants if plant.pattern == pattern]
            ranks = [plant.rank for plant in of_pattern]
            patterns[pattern] = {
                "description": str(PATTERN_DESCRIPTIONS[pattern]),
                "planted": len(of_pattern),
                "fired": sum(plant.fired for plant in of_pattern),
                "named": sum(plant.named for plant in of_pattern),
                "ranks": ranks,
            }
        precisions = self.precisions
        return {
            "assessed_on": self.on.isoformat(),
            "seeds": [result.seed for result in self.seeds],
            "companies": self.companies,
            "k": self.seeds[0].k if self.seeds else len(PLANTED_PATTERNS),
            "precision_at_k": {str(result.seed): round(result.precision_at_k, 4) for result in self.seeds},
            "mean_precision_at_k": round(sum(precisions) / len(precisions), 4) if precisions else 0.0,
            "min_precision_at_k": round(min(precisions), 4) if precisions else 0.0,
            "named_share": round(sum(plant.named for plant in plants) / len(plants), 4) if plants else 0.0,
            "fired_share": round(sum(plant.fired for plant in plants) / len(plants), 4) if plants else 0.0,
            "patterns": patterns,
            "parameters": self.parameters,
            "seconds": round(self.seconds, 2),
        }

    def as_json(self) -> dict:
        return {**self.summary(), "per_seed": [asdict(result) for result in self.seeds]}



# --- the run ------------------------------------------------------------------------------------------------------


def _top_indicator(indicators: list[dict]) -> tuple[str | None, float]:
    best_key, best = None, 0.0
    for indicator in indicators:
        contribution = float(indicator.get("contribution") or 0.0)
        if contribution > best:
            best_key, best = indicator.get("key"), contribution
    return best_key, best


def rank_companies(assessments: list[RiskAssessment]) -> list[RiskAssessment]:
    """The overall assessments with enough data, by score, highest first (ties: in company order)."""
    ranked = [assessment for assessment in assessments if getattr(assessment, "enough_data", True)]
    return sorted(ranked, key=lambda assessment: (-assessment.score, assessment.organisation_id))


def evaluate(population: Population) -> tuple[SeedResult, dict]:
    """Runs the engine on the population's day and measures how it ranks and names the planted companies."""
    started = time.monotonic()
    run = compute_lobbying_risk(on=population.on)
    if run is None:
        raise RuntimeError("Another lobbying-risk run holds the lock; the validation cannot run now.")
    assessments = list(
        RiskAssessment.objects.filter(
            assessed_on=population.on, city__isnull=True, organisation__in=population.company_ids
        ).select_related("organisation")
    )
    ranked = rank_companies(assessments)
    k = len(population.plants)
    planted_ids = {plant.company_id for plant in population.plants}
    top_k = ranked[:k]
    precision = sum(assessment.organisation_id in planted_ids for assessment in top_k) / k if k else 0.0
    position = {assessment.organisation_id: index for index, assessment in enumerate(ranked, start=1)}
    by_company = {assessment.organisation_id: assessment for assessment in assessments}
    plants = []
    for plant in population.plants:
        assessment = by_company.get(plant.company_id)
        indicators = list(assessment.indicators) if assessment else []
        planted = [i for i in indicators if i.get("key") in plant.accepted_keys]
        top_key, top = _top_indicator(indicators)
        fired = any(indicator.get("fired") for indicator in planted)
        named = fired and top > 0 and any(
            indicator.get("fired") and float(indicator.get("contribution") or 0.0) >= top for indicator in planted
        )
        plants.append(
            PlantResult(
                pattern=plant.pattern, company=plant.name, rank=position.get(plant.company_id),
                score=float(assessment.score) if assessment else None, fired=fired, named=named,
                top_indicator=top_key,
            )
        )
    top_rows = [
        {"rank": index, "company": assessment.organisation.name, "score": float(assessment.score),
         "planted": assessment.organisation_id in planted_ids,
         "top_indicator": _top_indicator(list(assessment.indicators))[0]}
        for index, assessment in enumerate(ranked[: max(k, 10)], start=1)
    ]
    result = SeedResult(
        seed=population.seed, companies=len(population.company_ids), ranked=len(ranked), k=k,
        precision_at_k=precision, plants=plants, top=top_rows, counts=population.counts,
        seconds=time.monotonic() - started,
    )
    return result, dict(run.parameters)


class _RollBack(Exception):
    pass


def validate(
    *, seeds: list[int] | tuple[int, ...] = DEFAULT_SEEDS, companies: int = DEFAULT_COMPANIES,
    on: datetime.date = ASSESSED_ON, progress: Progress | None = None,
) -> ValidationReport:
    """Builds, scores and measures each seed's population, each in a transaction that is rolled back.

    Nothing of the populations stays in the database; run it where no real companies are (they
    would be the plants' peers): a throwaway database, or an empty one. ``progress`` counts each
    seed as it ends.
    """
    started = time.monotonic()
    results, parameters = [], {}
    for seed in seeds:
        seed_started = time.monotonic()
        try:
            with transaction.atomic():
                population = build_population(seed=seed, companies=companies, on=on)
                result, parameters = evaluate(population)
                raise _RollBack
        except _RollBack:
            pass
        result.seconds = time.monotonic() - seed_started
        results.append(result)
        step(progress, f"validate_risk: seed {seed}")
    return ValidationReport(
        on=on, companies=companies, seeds=results, parameters=parameters, seconds=time.monotonic() - started
    )

