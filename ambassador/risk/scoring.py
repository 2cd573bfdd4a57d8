"""The lobbying-risk score: a pure function of plain values, with no database access.

A score is a reason to look, not proof of wrongdoing. It is built from named indicators, each
reporting its value, its threshold, whether it fired, how much evidence stands behind it, its
contribution, the sample it was computed on and one plain sentence of why.

Thresholds
    *Peer* indicators compare a value with the outlier fence used by open-procurement red-flag
    tools, Q3 + k x IQR (k = 1.5 by default), over the *other* subjects' values: the subject's own
    value is left out of its fence, so a worse value never raises its own bar. Quartiles are
    interpolated between order statistics (the "inclusive" method, Excel's QUARTILE.INC). The
    fence needs at least ``min_peers`` other values, and the threshold is never below the
    indicator's configured minimum. *Fixed* indicators compare with the configured threshold.

Shares
    A share (vague minutes, one official's attendance, troubled commitments, withheld meetings) is
    judged by the lower bound of its Wilson score interval (one-sided, z = 1.645): 5 of 8 is
    "at least 34 %", 50 of 80 "at least 54 %", so a small sample does not fire on noise. Its peer
    fence is computed over the peers' lower bounds too, like with like, so a peer's 1 of 1 does not
    set a bar of 100 %. A share's threshold is kept at or below ``share_ceiling`` (80 %), so every
    share can fire.

Severity
    A fired indicator's severity is ``L / (1 + L)`` with ``L = ln(1 + r)``, where r is how far the
    measured value lies past the threshold in units of the threshold (or of the indicator's
    ``unit`` when the threshold is smaller): next to nothing just past the threshold, 0.41 at twice
    it, 0.65 at six and a half times, growing without end but never reaching 1. A share's distance
    is its odds ratio to the threshold less one (at least 91 % against 50 % is odds of 10 to 1: 0.70).
    A value that barely crosses a threshold is barely a signal; one far past it is a strong one. It
    is 0 when the indicator does not fire.

Evidence and shrinkage (empirical Bayes)
    Each indicator carries its evidence e between 0 and 1: for shares and rates n / (n + n0),
    n the data points behind the value and n0 = ``prior_points`` (5); 1 for a declared figure, a
    flag, or a count of documented facts (people, principles); 0 when it cannot be computed. A
    rate is shrunk toward its peers before it is compared: ``e x value + (1 - e) x m``, m the
    median of the other subjects' values (never above the threshold: the peers alone never fire
    an indicator). One meeting published 92 days late, among peers at 5 days, reads as 19.5 days;
    twenty such meetings as 74. A share needs no second shrinkage: its Wilson bound already
    tightens with its sample. With no evidence an indicator does not fire and adds nothing.

Facts counted once
    Indicators that measure one fact form a group (declared spend and declared lobbyists are
    lobbying capacity); a group counts once, with the member whose shrunk signal is strongest.

Score and confidence
    The score is 100 x the weighted sum of the facts' severities divided by the weight of *every*
    fact (a fixed denominator: a company cannot score high by having little data), rounded to two
    decimals; each indicator's ``contribution`` is its share of those points. The confidence is the
    weighted mean of the facts' evidence. Below ``min_confidence`` an assessment is "not enough
    data" and is listed, not ranked.

Properties (tests/risk/test_scoring.py checks them with hypothesis): a worse value never lowers a
score; more evidence of the same rate never lowers confidence; and a company with thin evidence of a
pattern never outranks one with strong evidence of the same pattern.
"""


from __future__ import annotations

import bisect
import math
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from .indicators import (
    COMMITMENT_RECORD,
    COMPANY_WIDE,
    DEFAULT_THRESHOLDS,
    DEFAULT_WEIGHTS,
    FACTS,
    INCONSISTENCY,
    INDICATOR_SPECS,
    INDICATORS,
    LATE_DISCLOSURE,
    LOBBYING_CAPACITY,
    LOBBYING_SPEND,
    LOBBYIST_HEADCOUNT,
    MEETING_FREQUENCY,
    NO_REGISTRY_ID,
    OFFICIAL_CONCENTRATION,
    PER_CITY,
    REVOLVING_DOOR,
    TOPIC_IMBALANCE,
    VAGUE_MINUTES,
    WITHHELD_MEETINGS,
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
    "FACTS",
    "INCONSISTENCY",
    "INDICATORS",
    "INDICATOR_SPECS",
    "LATE_DISCLOSURE",
    "LOBBYING_CAPACITY",
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
    "WITHHELD_MEETINGS",
    "Assessment",
    "IndicatorResult",
    "IndicatorSpec",
    "Observation",
    "RiskConfig",
    "assess",
    "assess_in_batches",
    "evaluate_population",
    "fences_excluding_self",
    "outlier_fence",
    "evidence",
    "score",
    "severity",
    "wilson_lower",
]

SCORE_PLACES = Decimal("0.01")
CONFIDENCE_PLACES = Decimal("0.001")


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
    severity: float
    sample_size: int
    peers: int | None
    explanation: str
    # The value compared with the threshold: a share's Wilson lower bound, otherwise the value.
    measured: float | None = None
    evidence: float = 0.0
    fact: str = ""
    # What a rate is shrunk toward (the peers' median, at most the threshold); None when not shrunk.
    toward: float | None = None
    # Whether this indicator is the one its fact counts with.
    counted: bool = True
    facts: tuple[str, ...] = ()
    contribution: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        """The JSON form stored in ``RiskAssessment.indicators``."""
        return {
            "key": self.key,
            "label": self.label,
            "comparison": self.comparison,
            "group": self.fact,
            "value": _rounded(self.value),
            "measured": _rounded(self.measured),
            "threshold": _rounded(self.threshold),
            "fired": self.fired,
            "applicable": self.applicable,
            "weight": self.weight,
            "severity": round(self.severity, 4),
            "evidence": round(self.evidence, 4),
            "shrunk_toward": _rounded(self.toward),
            "counted": self.counted,
            "contribution": round(self.contribution, 2),
            "sample_size": self.sample_size,
            "peers": self.peers,
            "explanation": self.explanation,
            "facts": list(self.facts),
        }


@dataclass(frozen=True)
class Assessment:
    score: Decimal
    indicators: tuple[IndicatorResult, ...]
    confidence: Decimal = Decimal("0.000")
    enough_data: bool = True

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
    return [None if peers is None else peers[0] for peers in _leave_one_out(values, multiplier=multiplier)]


def _leave_one_out(values: Sequence[float], *, multiplier: float) -> list[tuple[float, float] | None]:
    """For each value, (fence, median) of the other values."""
    ordered = sorted(float(value) for value in values)
    size = len(ordered) - 1
    result: list[tuple[float, float] | None] = []
    for value in values:
        if size < 1:
            result.append(None)
            continue
        skip = bisect.bisect_left(ordered, float(value))

        def get(index: int, skip: int = skip) -> float:
            return ordered[index] if index < skip else ordered[index + 1]

        q1 = _quantile(get, size, 0.25)
        q3 = _quantile(get, size, 0.75)
        result.append((q3 + multiplier * (q3 - q1), _quantile(get, size, 0.5)))
    return result


def wilson_lower(share: float, size: int, *, z: float = 1.645) -> float:
    """The lower bound of the Wilson score interval of a share observed over ``size`` data points (0 when none)."""
    if size <= 0:
        return 0.0
    share = min(max(float(share), 0.0), 1.0)
    z2 = z * z
    centre = share + z2 / (2 * size)
    margin = z * math.sqrt(max(share * (1 - share) / size + z2 / (4 * size * size), 0.0))
    return max((centre - margin) / (1 + z2 / size), 0.0)


def severity(measured: float, threshold: float, *, unit: float = 1.0, share: bool = False) -> float:
    """How strongly a fired indicator fires: from 0 at the threshold, growing logarithmically, below 1; else 0.

    The distance past the threshold is counted in units of the threshold (at least ``unit``); for a
    share, as its odds ratio to the threshold less one, since a share can never be twice 60 %.
    """
    if not measured > threshold:
        return 0.0
    if share:
        below = max(threshold, unit)
        distance = _odds(measured) / _odds(below) - 1.0 if measured > below else 0.0
    else:
        distance = (measured - threshold) / max(abs(threshold), unit, 1e-12)
    growth = math.log1p(max(distance, 0.0))
    return growth / (1.0 + growth)


def _odds(share: float) -> float:
    share = min(max(share, 1e-12), 1.0 - 1e-9)
    return share / (1.0 - share)


def evidence(spec: IndicatorSpec, observation: Observation, config: RiskConfig) -> float:
    """How much evidence stands behind an observation, between 0 and 1."""
    if observation.value is None:
        return 0.0
    if spec.kind in ("share", "rate"):
        size = max(observation.sample_size, 0)
        return size / (size + config.prior_points)
    if spec.kind == "count":
        return 1.0 if observation.sample_size > 0 else 0.0
    return 1.0


def score(
    indicators: Sequence[IndicatorResult], *, weights: Mapping[str, float] | None = None,
    min_confidence: float = 0.0,
) -> Assessment:
    """The 0..100 score of one subject's indicators, with each indicator's contribution in score points.

    Each fact counts once, with its most severe member; the denominator is the weight of every fact,
    whether it could be computed or not. ``weights`` gives a fact's weight (default: the largest
    weight among its indicators).
    """
    by_fact: dict[str, list[IndicatorResult]] = {}
    for indicator in indicators:
        by_fact.setdefault(indicator.fact or indicator.key, []).append(indicator)
    fact_weight = {
        fact: float(weights[fact]) if weights and fact in weights else max(i.weight for i in members)
        for fact, members in by_fact.items()
    }
    total = math.fsum(fact_weight.values())
    counted: dict[str, str] = {}
    points: dict[str, float] = {}
    evidence_sum = 0.0
    for fact, members in by_fact.items():
        best = max(members, key=lambda i: (i.severity, i.evidence, -members.index(i)))
        counted[fact] = best.key
        points[best.key] = 100.0 * fact_weight[fact] * best.severity / total if total > 0 else 0.0
        evidence_sum += fact_weight[fact] * max(i.evidence for i in members)
    with_points = tuple(
        replace(
            indicator,
            counted=counted[indicator.fact or indicator.key] == indicator.key,
            contribution=points.get(indicator.key, 0.0)
            if counted[indicator.fact or indicator.key] == indicator.key else 0.0,
        )
        for indicator in indicators
    )
    total_points = min(100.0, max(0.0, math.fsum(points.values())))
    confidence = min(evidence_sum / total, 1.0) if total > 0 else 0.0
    return Assessment(
        score=Decimal(repr(total_points)).quantize(SCORE_PLACES, rounding=ROUND_HALF_UP),
        indicators=with_points,
        confidence=Decimal(repr(confidence)).quantize(CONFIDENCE_PLACES, rounding=ROUND_HALF_UP),
        enough_data=confidence >= min_confidence,
    )


# --- scoring a population -----------------------------------------------------------------------------------------


_COMPANIES = ("company", "companies")
_PAIRS = ("company in a city", "companies in their cities")


def evaluate_population(
    key: str, observations: Mapping[Hashable, Observation], config: RiskConfig, *,
    peer_noun: tuple[str, str] = _COMPANIES,
) -> dict[Hashable, IndicatorResult]:
    """Evaluates one indicator for every subject, comparing peer indicators with the other subjects.

    A subject's result depends on its own observation and the *other* subjects' values only.
    """
    return evaluate_subjects(key, observations, observations, peer_figures(key, observations, config), config,
                             peer_noun=peer_noun)


@dataclass(frozen=True)
class PeerFigures:
    """What one indicator's population tells each subject: its peers' fence and median, and how many peers."""

    others: dict[Hashable, tuple[float, float] | None]
    peers: int


def peer_figures(key: str, observations: Mapping[Hashable, Observation], config: RiskConfig) -> PeerFigures:
    """The figures ``evaluate_subjects`` compares each subject with, from the whole population's values."""
    spec = INDICATORS[key]
    measured_subjects = [subject for subject, observation in observations.items() if observation.value is not None]
    others: dict[Hashable, tuple[float, float] | None] = {}
    if spec.comparison == "peers" or spec.kind == "rate":
        # Shares are fenced by the peers' lower bounds, like with like: a peer's 1 of 1 is not a 100 % to beat.
        values = [
            wilson_lower(float(observations[subject].value), observations[subject].sample_size, z=config.share_z)
            if spec.kind == "share" else float(observations[subject].value)
            for subject in measured_subjects
        ]
        others = dict(zip(measured_subjects, _leave_one_out(values, multiplier=config.fence_multiplier), strict=True))
    return PeerFigures(others=others, peers=max(len(measured_subjects) - 1, 0))


def evaluate_subjects(
    key: str, observations: Mapping[Hashable, Observation], subjects: Iterable[Hashable], figures: PeerFigures,
    config: RiskConfig, *, peer_noun: tuple[str, str] = _COMPANIES,
) -> dict[Hashable, IndicatorResult]:
    """Evaluates one indicator for ``subjects``, some or all of the population ``figures`` were read from."""
    spec = INDICATORS[key]
    weight = config.weight(key)
    floor = config.threshold(key)
    others, peers = figures.others, figures.peers
    results = {}
    for subject in subjects:
        observation = observations[subject]
        has_data = observation.value is not None
        fence, median = others.get(subject) or (None, None)
        if spec.comparison == "fixed":
            applicable = has_data
            threshold = floor if applicable else None
        else:
            applicable = has_data and peers >= config.min_peers and fence is not None
            threshold = max(fence, floor) if applicable else None
            if applicable and spec.kind == "share":
                threshold = min(threshold, config.share_ceiling)
        value = None if observation.value is None else float(observation.value)
        weight_of_evidence = evidence(spec, observation, config) if applicable else 0.0
        toward = None
        if value is None:
            measured = None
        elif spec.kind == "share":
            measured = wilson_lower(value, observation.sample_size, z=config.share_z)
        elif spec.kind == "rate" and applicable and median is not None:
            toward = min(median, threshold)
            measured = weight_of_evidence * value + (1.0 - weight_of_evidence) * toward
        else:
            measured = value
        fired = applicable and measured is not None and measured > threshold
        results[subject] = IndicatorResult(
            key=key,
            label=spec.label,
            comparison=spec.comparison,
            value=value,
            measured=measured,
            threshold=threshold,
            fired=fired,
            applicable=applicable,
            weight=weight,
            severity=severity(measured, threshold, unit=spec.unit, share=spec.kind == "share") if fired else 0.0,
            evidence=weight_of_evidence,
            fact=spec.fact,
            toward=toward,
            sample_size=observation.sample_size,
            peers=peers if spec.comparison == "peers" and has_data else None,
            explanation=spec.explain(
                observation, threshold=threshold, fired=fired, applicable=applicable,
                peers=peers, fence=fence, config=config, peer_noun=peer_noun, measured=measured, toward=toward,
            ),
            facts=tuple(str(fact) for fact in observation.detail.get("facts", ())) if fired else (),
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
    missing observation is not applicable. Company-wide indicators (spend, headcount) are compared
    among companies and appear unchanged in the company's city scores; per-city indicators are
    compared among companies for the overall score and among company-city pairs for city scores.
    """
    overall: dict[Hashable, Assessment] = {}
    per_city: dict[tuple[Hashable, Hashable], Assessment] = {}
    for batch_overall, batch_per_city in assess_in_batches(
        companies=companies, cities=cities, config=config, batch_size=max(len(companies), 1)
    ):
        overall.update(batch_overall)
        per_city.update(batch_per_city)
    return overall, per_city


def assess_in_batches(
    *,
    companies: Mapping[Hashable, Mapping[str, Observation]],
    cities: Mapping[tuple[Hashable, Hashable], Mapping[str, Observation]],
    config: RiskConfig,
    batch_size: int,
) -> Iterator[tuple[dict[Hashable, Assessment], dict[tuple[Hashable, Hashable], Assessment]]]:
    """``assess``, ``batch_size`` companies at a time: yields each batch's overall and city assessments.

    The peers' figures (fences and medians) are read once from the whole population, so every
    assessment is the one ``assess`` gives whatever the batch size; only one batch's indicator
    results and assessments are held at a time, however many companies there are.
    """
    for pair in cities:
        if pair[0] not in companies:
            raise ValueError(f"City observations for {pair[0]!r}, which has no company observations.")
    overall_observations = {
        key: {company: values.get(key) or _not_observed() for company, values in companies.items()}
        for key in INDICATORS
    }
    city_observations = {
        key: {pair: values.get(key) or _not_observed() for pair, values in cities.items()} for key in PER_CITY
    }
    overall_figures = {key: peer_figures(key, overall_observations[key], config) for key in INDICATORS}
    city_figures = {key: peer_figures(key, city_observations[key], config) for key in PER_CITY}
    pairs_of: dict[Hashable, list[tuple[Hashable, Hashable]]] = {}
    for pair in cities:
        pairs_of.setdefault(pair[0], []).append(pair)
    weights = fact_weights(config)
    names = list(companies)
    for first in range(0, len(names), batch_size):
        batch = names[first:first + batch_size]
        pairs = [pair for company in batch for pair in pairs_of.get(company, ())]
        overall_results = {
            key: evaluate_subjects(key, overall_observations[key], batch, overall_figures[key], config,
                                   peer_noun=_COMPANIES)
            for key in INDICATORS
        }
        city_results = {
            key: evaluate_subjects(key, city_observations[key], pairs, city_figures[key], config, peer_noun=_PAIRS)
            for key in PER_CITY
        }
        overall = {
            company: score(
                [overall_results[key][company] for key in INDICATORS], weights=weights,
                min_confidence=config.min_confidence,
            )
            for company in batch
        }
        per_city = {
            pair: score(
                [overall_results[key][pair[0]] if key in COMPANY_WIDE else city_results[key][pair]
                 for key in INDICATORS],
                weights=weights, min_confidence=config.min_confidence,
            )
            for pair in pairs
        }
        yield overall, per_city


def fact_weights(config: RiskConfig) -> dict[str, float]:
    """Each fact's weight: the largest weight among its indicators."""
    return {fact: max(config.weight(key) for key in keys) for fact, keys in FACTS.items()}
