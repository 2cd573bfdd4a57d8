"""The lobbying-risk score: a pure function of plain values, with no database access.

A score is a reason to look, not proof of wrongdoing. It is built from named indicators, each
reporting its value, its threshold, whether it fired, its contribution, the sample it was computed
on and one plain sentence of why. With too little data an indicator is *not applicable*: it is left
out of the score, not counted as zero.

Thresholds
    *Peer* indicators compare a value with the outlier fence used by open-procurement red-flag
    tools, Q3 + k x IQR (k = 1.5 by default), over the *other* subjects' values: the subject's own
    value is left out of its fence, so a worse value never raises its own bar. Quartiles are
    interpolated between order statistics (the "inclusive" method, Excel's QUARTILE.INC). The
    fence needs at least ``min_peers`` other values, and the threshold is never below the
    indicator's configured minimum (many companies have no vague minutes at all, and a fence of 0 %
    would fire on a single vague record). *Fixed* indicators compare with the configured threshold.
    An indicator fires when its value is strictly above its threshold.

Score
    A fired indicator's strength is ``min(1, 0.5 + 0.5 x (value - threshold) / threshold)``: half
    its weight as soon as it fires, its full weight once the value is twice the threshold (at once
    for a threshold of 0). The score is the weighted sum of strengths divided by the total weight
    of the *applicable* indicators, scaled to 0..100 and rounded to two decimals; each indicator's
    ``contribution`` is its share of those points. Strength never falls as the value grows, and the
    denominator does not depend on values, so a fired indicator getting worse never lowers the score.
"""


from __future__ import annotations

import bisect
import math
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from .indicators import (
    COMMITMENT_RECORD,
    COMPANY_WIDE,
    DEFAULT_THRESHOLDS,
    DEFAULT_WEIGHTS,
    INCONSISTENCY,
    INDICATOR_SPECS,
    INDICATORS,
    LATE_DISCLOSURE,
    LOBBYING_SPEND,
    LOBBYIST_HEADCOUNT,
    MEETING_FREQUENCY,
    NO_REGISTRY_ID,
    OFFICIAL_CONCENTRATION,
    PER_CITY,
    REVOLVING_DOOR,
    TOPIC_IMBALANCE,
    VAGUE_MINUTES,
    Comparison,
    IndicatorSpec,
    Observation,
    RiskConfig,
)

# The scorer's whole vocabulary can be read from this module; the indicators are defined in ``indicators``.
__all__ = [
    "COMMITMENT_RECORD",
    "COMPANY_WIDE",
    "DEFAULT_THRESHOLDS",
    "DEFAULT_WEIGHTS",
    "INCONSISTENCY",
    "INDICATORS",
    "INDICATOR_SPECS",
    "LATE_DISCLOSURE",
    "LOBBYING_SPEND",
    "LOBBYIST_HEADCOUNT",
    "MEETING_FREQUENCY",
    "NO_REGISTRY_ID",
    "OFFICIAL_CONCENTRATION",
    "PER_CITY",
    "REVOLVING_DOOR",
    "SCORE_PLACES",
    "TOPIC_IMBALANCE",
    "VAGUE_MINUTES",
    "Assessment",
    "IndicatorResult",
    "IndicatorSpec",
    "Observation",
    "RiskConfig",
    "assess",
    "evaluate_population",
    "fences_excluding_self",
    "outlier_fence",
    "score",
    "strength",
]

SCORE_PLACES = Decimal("0.01")
# Keeps the strength of a fired indicator finite when its threshold is 0.
_EPSILON = 1e-9


@dataclass(frozen=True)
class IndicatorResult:
    key: str
    label: str
    comparison: Comparison
    value: float | None
    threshold: float | None
    fired: bool
    applicable: bool
    weight: float
    strength: float
    sample_size: int
    peers: int | None
    explanation: str
    contribution: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        """The JSON form stored in ``RiskAssessment.indicators``."""
        return {
            "key": self.key,
            "label": self.label,
            "comparison": self.comparison,
            "value": _rounded(self.value),
            "threshold": _rounded(self.threshold),
            "fired": self.fired,
            "applicable": self.applicable,
            "weight": self.weight,
            "contribution": round(self.contribution, 2),
            "sample_size": self.sample_size,
            "peers": self.peers,
            "explanation": self.explanation,
        }


@dataclass(frozen=True)
class Assessment:
    score: Decimal
    indicators: tuple[IndicatorResult, ...]

    def indicators_as_json(self) -> list[dict[str, Any]]:
        return [indicator.as_dict() for indicator in self.indicators]


def _rounded(number: float | None) -> float | None:
    return None if number is None else round(float(number), 4)


# --- statistics ---------------------------------------------------------------------------------------------------


def _quantile(get: Callable[[int], float], size: int, fraction: float) -> float:
    """The ``fraction`` quantile of a sorted sequence read through ``get``, interpolating (inclusive method)."""
    position = (size - 1) * fraction
    lower = math.floor(position)
    if lower + 1 >= size:
        return get(size - 1)
    return get(lower) + (position - lower) * (get(lower + 1) - get(lower))


def outlier_fence(values: Sequence[float], *, multiplier: float = 1.5) -> float:
    """Q3 + multiplier x IQR of the values (at least one)."""
    ordered = sorted(float(value) for value in values)
    if not ordered:
        raise ValueError("The outlier fence needs at least one value.")
    q1 = _quantile(ordered.__getitem__, len(ordered), 0.25)
    q3 = _quantile(ordered.__getitem__, len(ordered), 0.75)
    return q3 + multiplier * (q3 - q1)


def fences_excluding_self(values: Sequence[float], *, multiplier: float = 1.5) -> list[float | None]:
    """For each value, the outlier fence of all the *other* values (None when there are no others).

    Sorts once and reads each leave-one-out sequence through an index shift, so n values cost
    O(n log n), not O(n^2 log n).
    """
    ordered = sorted(float(value) for value in values)
    size = len(ordered) - 1
    fences: list[float | None] = []
    for value in values:
        if size < 1:
            fences.append(None)
            continue
        skip = bisect.bisect_left(ordered, float(value))

        def get(index: int, skip: int = skip) -> float:
            return ordered[index] if index < skip else ordered[index + 1]

        q1 = _quantile(get, size, 0.25)
        q3 = _quantile(get, size, 0.75)
        fences.append(q3 + multiplier * (q3 - q1))
    return fences


def strength(value: float, threshold: float) -> float:
    """How strongly a fired indicator fires, between 0.5 and 1; 0 when the value is not above the threshold."""
    if not value > threshold:
        return 0.0
    return min(1.0, 0.5 + 0.5 * (value - threshold) / max(abs(threshold), _EPSILON))


def score(indicators: Sequence[IndicatorResult]) -> tuple[Decimal, tuple[IndicatorResult, ...]]:
    """The 0..100 score of the indicators, and the indicators with their contributions in score points."""
    total_weight = math.fsum(indicator.weight for indicator in indicators if indicator.applicable)
    if total_weight <= 0:
        return Decimal("0.00"), tuple(_with_contribution(indicator, 0.0) for indicator in indicators)
    with_points = tuple(
        _with_contribution(
            indicator,
            100.0 * indicator.weight * indicator.strength / total_weight if indicator.applicable else 0.0,
        )
        for indicator in indicators
    )
    points = min(100.0, max(0.0, math.fsum(indicator.contribution for indicator in with_points)))
    return Decimal(repr(points)).quantize(SCORE_PLACES, rounding=ROUND_HALF_UP), with_points


def _with_contribution(indicator: IndicatorResult, points: float) -> IndicatorResult:
    return IndicatorResult(**{**indicator.__dict__, "contribution": points})


# --- scoring a population -----------------------------------------------------------------------------------------


_COMPANIES = ("company", "companies")
_PAIRS = ("company in a city", "companies in their cities")


def _has_data(spec: IndicatorSpec, observation: Observation, config: RiskConfig) -> bool:
    if observation.value is None:
        return False
    return not (spec.data_points and observation.sample_size < config.min_data_points)


def evaluate_population(
    key: str, observations: Mapping[Hashable, Observation], config: RiskConfig, *,
    peer_noun: tuple[str, str] = _COMPANIES,
) -> dict[Hashable, IndicatorResult]:
    """Evaluates one indicator for every subject, comparing peer indicators with the other subjects."""
    spec = INDICATORS[key]
    weight = config.weight(key)
    floor = config.threshold(key)
    measured = [subject for subject, observation in observations.items() if _has_data(spec, observation, config)]
    fences: dict[Hashable, float | None] = {}
    if spec.comparison == "peers":
        values = [float(observations[subject].value) for subject in measured]
        fences = dict(zip(measured, fences_excluding_self(values, multiplier=config.fence_multiplier), strict=True))
    peers = max(len(measured) - 1, 0)
    results = {}
    for subject, observation in observations.items():
        has_data = subject in fences or (spec.comparison == "fixed" and _has_data(spec, observation, config))
        fence = fences.get(subject)
        if spec.comparison == "fixed":
            applicable = has_data
            threshold = floor if applicable else None
        else:
            applicable = has_data and peers >= config.min_peers and fence is not None
            threshold = max(fence, floor) if applicable else None
        value = None if observation.value is None else float(observation.value)
        fired = applicable and value is not None and value > threshold
        results[subject] = IndicatorResult(
            key=key,
            label=spec.label,
            comparison=spec.comparison,
            value=value,
            threshold=threshold,
            fired=fired,
            applicable=applicable,
            weight=weight,
            strength=strength(value, threshold) if fired else 0.0,
            sample_size=observation.sample_size,
            peers=peers if spec.comparison == "peers" and has_data else None,
            explanation=spec.explain(
                observation, threshold=threshold, fired=fired, applicable=applicable,
                peers=peers, fence=fence, config=config, peer_noun=peer_noun,
            ),
        )
    return results


def _not_observed() -> Observation:
    return Observation(value=None)


def assess(
    *,
    companies: Mapping[Hashable, Mapping[str, Observation]],
    cities: Mapping[tuple[Hashable, Hashable], Mapping[str, Observation]],
    config: RiskConfig,
) -> tuple[dict[Hashable, Assessment], dict[tuple[Hashable, Hashable], Assessment]]:
    """Scores every company overall and in each city where it negotiates.

    ``companies`` maps a company to its observations of every indicator (per-city indicators
    aggregated over its cities); ``cities`` maps (company, city) to the per-city indicators. A
    missing observation is not applicable. Company-wide indicators (spend, headcount, registry) are
    compared among companies and appear unchanged in the company's city scores; per-city indicators
    are compared among companies for the overall score and among company-city pairs for city scores.
    """
    overall_results: dict[str, dict[Hashable, IndicatorResult]] = {}
    for key in INDICATORS:
        observations = {company: values.get(key) or _not_observed() for company, values in companies.items()}
        overall_results[key] = evaluate_population(key, observations, config, peer_noun=_COMPANIES)
    city_results: dict[str, dict[Hashable, IndicatorResult]] = {}
    for key in PER_CITY:
        observations = {pair: values.get(key) or _not_observed() for pair, values in cities.items()}
        city_results[key] = evaluate_population(key, observations, config, peer_noun=_PAIRS)

    overall = {}
    for company in companies:
        points, indicators = score([overall_results[key][company] for key in INDICATORS])
        overall[company] = Assessment(score=points, indicators=indicators)
    per_city = {}
    for pair in cities:
        company = pair[0]
        if company not in companies:
            raise ValueError(f"City observations for {company!r}, which has no company observations.")
        points, indicators = score(
            [overall_results[key][company] if key in COMPANY_WIDE else city_results[key][pair] for key in INDICATORS]
        )
        per_city[pair] = Assessment(score=points, indicators=indicators)
    return overall, per_city
