"""The lobbying-risk indicators: their keys, weights and thresholds, and how each one is put in words.

Each indicator is *company*-wide (one value for the whole company, shown in its city scores too)
or measured per *city*, and compared with its *peers* (the outlier fence of the other subjects'
values) or with a *fixed* threshold. Its *kind* says how its evidence is counted and its severity
read; indicators in one *group* measure one underlying fact and count once. ``scoring`` turns
observations of them into scores.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .choices import (  # noqa: F401 - the indicator vocabulary is read from here too
    COMMITMENT_RECORD,
    INCONSISTENCY,
    LATE_DISCLOSURE,
    LOBBYING_CAPACITY,
    LOBBYING_SPEND,
    LOBBYIST_HEADCOUNT,
    MEETING_FREQUENCY,
    NO_REGISTRY_ID,
    OFFICIAL_CONCENTRATION,
    REVOLVING_DOOR,
    TOPIC_IMBALANCE,
    VAGUE_MINUTES,
    WITHHELD_MEETINGS,
    Comparison,
    Kind,
    Scope,
)

DEFAULT_WEIGHTS: dict[str, float] = {
    LOBBYING_SPEND: 1.0,
    LOBBYIST_HEADCOUNT: 1.0,
    NO_REGISTRY_ID: 0.5,  # a missing id says little on its own
    MEETING_FREQUENCY: 1.0,
    OFFICIAL_CONCENTRATION: 1.5,
    VAGUE_MINUTES: 1.0,
    LATE_DISCLOSURE: 1.5,
    WITHHELD_MEETINGS: 1.0,
    REVOLVING_DOOR: 2.0,
    TOPIC_IMBALANCE: 1.5,
    COMMITMENT_RECORD: 1.5,
    INCONSISTENCY: 1.0,
}
# Peer indicators: the lowest the threshold may be. Fixed indicators: the threshold.
DEFAULT_THRESHOLDS: dict[str, float] = {
    LOBBYING_SPEND: 0.0,  # in the reporting currency
    LOBBYIST_HEADCOUNT: 0.0,  # people
    NO_REGISTRY_ID: 0.0,  # 1 when neither the company nor its parent is on a register that covers the city
    MEETING_FREQUENCY: 1.0,  # meetings a month
    OFFICIAL_CONCENTRATION: 0.5,  # share of meetings with city attendees, for one official other than the envoys
    VAGUE_MINUTES: 0.2,  # share of meetings
    LATE_DISCLOSURE: 14.0,  # days
    WITHHELD_MEETINGS: 0.2,  # share of meetings
    REVOLVING_DOOR: 0.0,  # people
    TOPIC_IMBALANCE: 3.0,  # company meetings per union or civil-society meeting
    COMMITMENT_RECORD: 0.25,  # share of commitments
    INCONSISTENCY: 0.0,  # principles
}


@dataclass(frozen=True)
class RiskConfig:
    """The tunable parts of the score; ``ambassador.risk.services`` reads them from settings.

    ``prior_points``: the data points at which an indicator's own evidence and its peers' weigh the
    same (evidence = n / (n + prior_points)). ``share_z``: the z of the Wilson lower bound a share is
    judged by (1.645: one-sided 95 %). ``share_ceiling``: the highest threshold a share may get, so
    every share can fire. ``min_confidence``: below it a score is "not enough data" and is not ranked.
    """

    weights: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    thresholds: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_THRESHOLDS))
    fence_multiplier: float = 1.5
    min_peers: int = 5
    min_data_points: int = 3
    cooling_off_days: int = 365
    currency: str = "EUR"
    prior_points: float = 5.0
    share_z: float = 1.645
    share_ceiling: float = 0.8
    min_confidence: float = 0.3

    def __post_init__(self) -> None:
        for name, mapping in (("weights", self.weights), ("thresholds", self.thresholds)):
            unknown = set(mapping) - set(INDICATORS)
            if unknown:
                raise ValueError(f"Unknown lobbying-risk indicators in {name}: {', '.join(sorted(unknown))}")
        if any(weight < 0 for weight in self.weights.values()):
            raise ValueError("Lobbying-risk weights cannot be negative.")
        if self.min_peers < 1 or self.min_data_points < 1 or self.fence_multiplier < 0:
            raise ValueError("min_peers and min_data_points are at least 1; the fence multiplier is not negative.")
        if self.prior_points <= 0 or self.share_z < 0:
            raise ValueError("prior_points is above 0 and share_z is not negative.")
        if not 0 < self.share_ceiling < 1 or not 0 <= self.min_confidence <= 1:
            raise ValueError("share_ceiling lies strictly between 0 and 1, and min_confidence between 0 and 1.")

    def weight(self, key: str) -> float:
        return float(self.weights.get(key, DEFAULT_WEIGHTS[key]))

    def threshold(self, key: str) -> float:
        return float(self.thresholds.get(key, DEFAULT_THRESHOLDS[key]))


@dataclass(frozen=True)
class Observation:
    """What the data says about one indicator for one subject (a company, or a company in a city).

    ``value`` is None when there is nothing to measure. ``sample_size`` is the number of data points
    behind the value (meetings, commitments, people, ...); ``count`` the numerator of a share; and
    ``detail`` holds names and numbers for the explanation (e.g. the topic of a topic imbalance) and
    ``detail["facts"]`` the public facts behind it, each one short sentence.
    """

    value: float | None
    sample_size: int = 0
    count: int | None = None
    detail: Mapping[str, Any] = field(default_factory=dict)


# --- explanations -------------------------------------------------------------------------------------------------


def _money(value: float, config: RiskConfig) -> str:
    symbol = {"EUR": "€", "GBP": "£", "USD": "$"}.get(config.currency, f"{config.currency} ")
    if value >= 1_000_000:
        return f"{symbol}{value / 1_000_000:.1f}m"
    if value >= 1_000:
        return f"{symbol}{value / 1_000:.0f}k"
    return f"{symbol}{value:.0f}"


def _number(value: float) -> str:
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"


def _share(value: float) -> str:
    return f"{value:.0%}"


def _days(value: float) -> str:
    return "1 day" if round(value) == 1 else f"{value:.0f} days"


def _plural(count: int, singular: str, plural: str | None = None) -> str:
    return f"{count} {singular if count == 1 else (plural or singular + 's')}"


@dataclass(frozen=True)
class IndicatorSpec:
    """How one indicator is compared, weighed as evidence, formatted and explained."""

    key: str
    label: str
    comparison: Comparison
    scope: Scope  # "company": one value for the whole company, shown in its city scores too
    kind: Kind
    # Formats a value or threshold for the explanation.
    formats: Callable[[float, RiskConfig], str]
    # The observation as a clause, e.g. "Declared lobbying spend is €4.2m".
    states: Callable[[Observation, RiskConfig, bool], str]
    # Why there is no value at all.
    missing: Callable[[Observation, RiskConfig], str]
    # Names the data points, e.g. ("meeting with public minutes", "meetings with public minutes").
    data_points: tuple[str, str] | None = None
    # The fact the indicator measures; indicators sharing a group count once.
    group: str = ""
    # The smallest step past the threshold that counts as "as far again" (see ``scoring.severity``).
    unit: float = 1.0

    @property
    def fact(self) -> str:
        return self.group or self.key

    def explain(
        self, observation: Observation, *, threshold: float | None, fired: bool, applicable: bool,
        peers: int | None, fence: float | None, config: RiskConfig, peer_noun: tuple[str, str],
        measured: float | None = None, toward: float | None = None,
    ) -> str:
        if observation.value is None:
            return f"Not applicable: {self.missing(observation, config)}."
        if self.comparison == "fixed":
            return self.states(observation, config, fired) + "."
        if not applicable:
            return (
                f"Not applicable: {_plural(peers or 0, 'other ' + peer_noun[0], 'other ' + peer_noun[1])} "
                f"{'has' if peers == 1 else 'have'} data; at least {config.min_peers} are needed for a comparison."
            )
        stated = self.states(observation, config, fired)
        if self.kind == "share" and measured is not None:
            nouns = self.data_points or ("data point", "data points")
            stated += (
                f"; allowing for chance in {_plural(observation.sample_size, *nouns)}, at least {_share(measured)}"
            )
        if self.kind == "rate" and measured is not None and toward is not None and measured != observation.value:
            nouns = self.data_points or ("data point", "data points")
            stated += (
                f"; weighing {_plural(observation.sample_size, *nouns)} against the peers' "
                f"{self.formats(toward, config)}, {self.formats(measured, config)}"
            )
        verdict = "above" if fired else "within"
        compared = f"compared with {_plural(peers or 0, 'other ' + peer_noun[0], 'other ' + peer_noun[1])}"
        if fence is not None and threshold is not None and threshold > fence:
            return (
                f"{stated}, {verdict} the minimum threshold of {self.formats(threshold, config)} (the peer fence, "
                f"{compared}, is lower: {self.formats(fence, config)})."
            )
        if fence is not None and threshold is not None and threshold < fence:
            return (
                f"{stated}, {verdict} the highest threshold a share may have, {self.formats(threshold, config)} "
                f"(the peer fence, {compared}, is {self.formats(fence, config)})."
            )
        return f"{stated}, {verdict} the peer threshold of {self.formats(threshold or 0.0, config)} ({compared})."


def _count_of(observation: Observation) -> int:
    return observation.count if observation.count is not None else 0


def _names(items: Sequence[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _inconsistencies(observation: Observation) -> str:
    """``detail["gaps"]``: [{"principle": name, "in": [cities], "not_in": [cities]}, ...]."""
    gaps = observation.detail.get("gaps", [])
    if not observation.value or not gaps:
        return "The company committed on the same principles in each city where it negotiates the same area"
    places = {(tuple(gap["in"]), tuple(gap["not_in"])) for gap in gaps}
    if len(places) == 1:
        ((committed, missing),) = places
        return (
            f"The company committed on {_names([gap['principle'] for gap in gaps])} in {_names(committed)} "
            f"but not in {_names(missing)}"
        )
    items = [f"{gap['principle']} (in {_names(gap['in'])}, not in {_names(gap['not_in'])})" for gap in gaps]
    return (
        f"The company committed on {_plural(len(gaps), 'principle')} in one city but not in another where it "
        f"negotiates the same area: {_names(items)}"
    )


INDICATOR_SPECS: tuple[IndicatorSpec, ...] = (
    IndicatorSpec(
        key=LOBBYING_SPEND,
        label="Declared lobbying spend",
        comparison="peers",
        scope="company",
        kind="declared",
        group=LOBBYING_CAPACITY,
        unit=100_000.0,
        formats=_money,
        states=lambda o, c, f: f"Declared lobbying spend is {_money(o.value, c)}",
        missing=lambda o, c: f"no recent lobbying spend declared in {c.currency}",
    ),
    IndicatorSpec(
        key=LOBBYIST_HEADCOUNT,
        label="Declared lobbyists",
        comparison="peers",
        scope="company",
        kind="declared",
        group=LOBBYING_CAPACITY,
        unit=1.0,
        formats=lambda v, c: _number(v),
        states=lambda o, c, f: f"The company declares {_plural(round(o.value), 'lobbyist')}",
        missing=lambda o, c: "no recent declared lobbyist headcount",
    ),
    IndicatorSpec(
        key=NO_REGISTRY_ID,
        label="No lobbying-register id",
        comparison="fixed",
        scope="city",
        kind="flag",
        formats=lambda v, c: _number(v),
        states=lambda o, c, f: (
            f"Neither the company nor its parent has an id in a lobbying register, though "
            f"{_names(o.detail.get('registers', []))} covers {_names(o.detail.get('cities', []))}"
            if o.value else "The company or its parent has a lobbying-register id"
        ),
        missing=lambda o, c: (
            f"no lobbying register covers {_names(o.detail['uncovered'])}, so no register id can be expected"
            if o.detail.get("uncovered") else "the company is not on record"
        ),
    ),
    IndicatorSpec(
        key=MEETING_FREQUENCY,
        label="Meeting frequency",
        comparison="peers",
        scope="city",
        kind="rate",
        unit=0.5,
        data_points=("meeting", "meetings"),
        formats=lambda v, c: f"{v:.1f} a month",
        states=lambda o, c, f: (
            f"Meetings took place {o.value:.1f} times a month "
            f"({_plural(_count_of(o), 'meeting')} over {o.detail.get('months', 0):.1f} months of negotiation)"
        ),
        missing=lambda o, c: "the negotiations have been open for less than a month",
    ),
    IndicatorSpec(
        key=OFFICIAL_CONCENTRATION,
        label="Meetings concentrated on one official",
        comparison="peers",
        scope="city",
        kind="share",
        unit=0.05,
        data_points=("meeting with recorded city attendees", "meetings with recorded city attendees"),
        formats=lambda v, c: _share(v),
        states=lambda o, c, f: (
            f"One city official other than the envoys attended {_count_of(o)} of "
            f"{_plural(o.sample_size, 'meeting')} with recorded city attendees ({_share(o.value)})"
            if _count_of(o)
            else f"No city official other than the envoys attended any of {_plural(o.sample_size, 'meeting')} "
            "with recorded city attendees"
        ),
        missing=lambda o, c: "no meeting records a city attendee",
    ),
    IndicatorSpec(
        key=VAGUE_MINUTES,
        label="No or vague minutes",
        comparison="peers",
        scope="city",
        kind="share",
        unit=0.05,
        data_points=("meeting with public minutes", "meetings with public minutes"),
        formats=lambda v, c: _share(v),
        states=lambda o, c, f: (
            f"{_count_of(o)} of {o.sample_size} meetings with public minutes ({_share(o.value)}) have no or "
            "vague minutes"
        ),
        missing=lambda o, c: "no meeting with public minutes",
    ),
    IndicatorSpec(
        key=LATE_DISCLOSURE,
        label="Late disclosure",
        comparison="peers",
        scope="city",
        kind="rate",
        unit=7.0,
        data_points=("published meeting", "published meetings"),
        formats=lambda v, c: _days(v),
        states=lambda o, c, f: (
            f"The public could read the record of a meeting {_days(o.value)} after it took place, on average "
            f"({_plural(o.sample_size, 'meeting')})"
        ),
        missing=lambda o, c: "no published meeting",
    ),
    IndicatorSpec(
        key=WITHHELD_MEETINGS,
        label="Withheld meetings",
        comparison="peers",
        scope="city",
        kind="share",
        unit=0.05,
        data_points=("published meeting", "published meetings"),
        formats=lambda v, c: _share(v),
        states=lambda o, c, f: (
            f"{_count_of(o)} of {_plural(o.sample_size, 'published meeting')} ({_share(o.value)}) were or are "
            "withheld"
            + (
                f", released on average {_days(o.detail['days'])} after they took place"
                if o.detail.get("days") is not None else ""
            )
        ),
        missing=lambda o, c: "no published meeting",
    ),
    IndicatorSpec(
        key=REVOLVING_DOOR,
        label="Revolving door",
        comparison="fixed",
        scope="city",
        kind="count",
        data_points=("person", "people"),
        formats=lambda v, c: _number(v),
        states=lambda o, c, f: (
            f"{_plural(_count_of(o), 'person', 'people')} held a city role and a role at the company at the same "
            f"time or less than the {c.cooling_off_days}-day cooling-off period apart"
            if o.value
            else "No one on record held a city role and a role at the company at the same time or less than the "
            f"{c.cooling_off_days}-day cooling-off period apart ({_plural(o.sample_size, 'person', 'people')} at "
            "the company on record)"
        ),
        missing=lambda o, c: "no one at the company is on record, so the check cannot be made",
    ),
    IndicatorSpec(
        key=TOPIC_IMBALANCE,
        label="Topic imbalance",
        comparison="peers",
        scope="city",
        kind="rate",
        unit=1.0,
        data_points=("company meeting on the topic", "company meetings on the topic"),
        formats=lambda v, c: f"{v:.1f} to 1",
        states=lambda o, c, f: (
            f"On {o.detail.get('topic', 'one topic')}, company meetings outnumber union and civil-society "
            f"meetings {o.value:.1f} to 1 ({_count_of(o)} against {o.detail.get('voices', 0)})"
        ),
        missing=lambda o, c: f"no topic has at least {c.min_data_points} company meetings",
    ),
    IndicatorSpec(
        key=COMMITMENT_RECORD,
        label="Commitment record",
        comparison="peers",
        scope="city",
        kind="share",
        unit=0.05,
        data_points=("public commitment", "public commitments"),
        formats=lambda v, c: _share(v),
        states=lambda o, c, f: (
            f"{_count_of(o)} of {o.sample_size} commitments ({_share(o.value)}) are overdue, broken or had their "
            "due date moved"
        ),
        missing=lambda o, c: "the company made no public commitment",
    ),
    IndicatorSpec(
        key=INCONSISTENCY,
        label="Inconsistency between cities",
        comparison="fixed",
        scope="city",
        kind="count",
        data_points=("city", "cities"),
        formats=lambda v, c: _number(v),
        states=lambda o, c, f: _inconsistencies(o),
        missing=lambda o, c: "the company made no public commitment here to compare with its other cities"
        if o.sample_size >= 2 else "the company has public commitments in fewer than two cities",
    ),
)
INDICATORS: dict[str, IndicatorSpec] = {spec.key: spec for spec in INDICATOR_SPECS}
COMPANY_WIDE = tuple(spec.key for spec in INDICATOR_SPECS if spec.scope == "company")
PER_CITY = tuple(spec.key for spec in INDICATOR_SPECS if spec.scope == "city")
# The facts the score counts, each once: {fact: its indicators}, in order.
FACTS: dict[str, tuple[str, ...]] = {}
for _spec in INDICATOR_SPECS:
    FACTS[_spec.fact] = (*FACTS.get(_spec.fact, ()), _spec.key)
del _spec
