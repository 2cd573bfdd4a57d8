"""The pure lobbying-risk scorer: properties checked with hypothesis, no database."""

import statistics
from decimal import Decimal

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from ambassador.risk import scoring as risk
from ambassador.risk.scoring import IndicatorResult, Observation, RiskConfig

PEER_KEYS = [key for key, spec in risk.INDICATORS.items() if spec.comparison == "peers"]

values = st.floats(min_value=0, max_value=1e7, allow_nan=False, allow_infinity=False)
observations = st.builds(
    Observation,
    value=st.one_of(st.none(), values),
    sample_size=st.integers(min_value=0, max_value=40),
    count=st.one_of(st.none(), st.integers(min_value=0, max_value=40)),
)
companies = st.dictionaries(
    keys=st.integers(min_value=1, max_value=10_000),
    values=st.fixed_dictionaries(dict.fromkeys(risk.INDICATORS, observations)),
    min_size=1,
    max_size=14,
)
configs = st.builds(
    RiskConfig,
    weights=st.fixed_dictionaries({key: st.floats(min_value=0, max_value=5) for key in risk.INDICATORS}),
    thresholds=st.fixed_dictionaries({key: st.floats(min_value=0, max_value=100) for key in risk.INDICATORS}),
    fence_multiplier=st.floats(min_value=0, max_value=3),
    min_peers=st.integers(min_value=1, max_value=6),
    min_data_points=st.integers(min_value=1, max_value=5),
)


def overall_scores(population, config):
    overall, _ = risk.assess(companies=population, cities={}, config=config)
    return overall


def result(key="vague_minutes", *, applicable=True, fired=False, weight=1.0, strength=0.0) -> IndicatorResult:
    return IndicatorResult(
        key=key, label=key, comparison="peers", value=1.0, threshold=0.5, fired=fired, applicable=applicable,
        weight=weight, strength=strength, sample_size=10, peers=6, explanation="",
    )


# --- the fence ----------------------------------------------------------------------------------------------------


def test_outlier_fence_is_third_quartile_plus_one_and_a_half_interquartile_ranges():
    # Q1 = 110, Q3 = 130 (inclusive method), IQR = 20: 130 + 1.5 x 20.
    assert risk.outlier_fence([100, 110, 120, 130, 140]) == 160


@given(st.lists(values, min_size=2, max_size=30), st.floats(min_value=0, max_value=3))
def test_outlier_fence_uses_the_inclusive_quartiles(numbers, multiplier):
    q1, _, q3 = statistics.quantiles(numbers, n=4, method="inclusive")
    assert risk.outlier_fence(numbers, multiplier=multiplier) == pytest.approx(q3 + multiplier * (q3 - q1))


@given(st.lists(values, min_size=2, max_size=30), st.floats(min_value=0, max_value=3))
def test_each_fence_is_computed_over_the_other_values_only(numbers, multiplier):
    fences = risk.fences_excluding_self(numbers, multiplier=multiplier)
    for index, fence in enumerate(fences):
        others = numbers[:index] + numbers[index + 1:]
        assert fence == pytest.approx(risk.outlier_fence(others, multiplier=multiplier))


def test_a_lone_value_has_no_peers_to_fence_it():
    assert risk.fences_excluding_self([5.0]) == [None]


# --- strength and score -------------------------------------------------------------------------------------------


@given(values, values)
def test_a_fired_indicator_counts_between_half_and_all_of_its_weight(value, threshold):
    strength = risk.strength(value, threshold)
    if value > threshold:
        assert 0.5 <= strength <= 1
    else:
        assert strength == 0


@given(values, values, st.floats(min_value=0, max_value=1e6))
def test_strength_never_falls_as_the_value_grows(value, threshold, increase):
    assert risk.strength(value + increase, threshold) >= risk.strength(value, threshold)


@settings(max_examples=200)
@given(companies, configs)
def test_every_score_lies_between_0_and_100_and_is_the_sum_of_its_contributions(population, config):
    for assessment in overall_scores(population, config).values():
        assert Decimal(0) <= assessment.score <= Decimal(100)
        assert assessment.score == Decimal(assessment.score).quantize(Decimal("0.01"))
        contributions = sum(indicator.contribution for indicator in assessment.indicators)
        assert float(assessment.score) == pytest.approx(contributions, abs=0.01)
        assert all(indicator.contribution == 0 for indicator in assessment.indicators if not indicator.fired)


@given(companies, configs)
def test_the_score_is_deterministic_and_ignores_the_order_of_companies(population, config):
    first = overall_scores(population, config)
    again = overall_scores(dict(population), config)
    reversed_order = overall_scores(dict(reversed(list(population.items()))), config)
    assert first == again
    assert first == reversed_order


@settings(max_examples=150)
@given(companies, configs, st.data())
def test_the_score_does_not_fall_when_a_fired_indicator_gets_worse(population, config, data):
    overall = overall_scores(population, config)
    fired = sorted((company, i.key) for company, a in overall.items() for i in a.indicators if i.fired)
    assume(fired)
    company, key = data.draw(st.sampled_from(fired))
    before = overall[company]
    worse = data.draw(st.floats(min_value=1e-6, max_value=1e7))
    observation = population[company][key]
    population = {
        **population,
        company: {**population[company], key: Observation(
            value=observation.value + worse, sample_size=observation.sample_size, count=observation.count,
        )},
    }
    after = overall_scores(population, config)[company]
    assert after.score >= before.score
    assert next(i for i in after.indicators if i.key == key).fired


@settings(max_examples=200)
@given(companies, configs, st.data())
def test_no_worse_value_of_its_own_lowers_a_companys_score(population, config, data):
    """Broader than the fired case: the threshold leaves the company's own value out, so it cannot move away."""
    company = data.draw(st.sampled_from(sorted(population)))
    key = data.draw(st.sampled_from(list(risk.INDICATORS)))
    observation = population[company][key]
    assume(observation.value is not None)
    worse = data.draw(st.floats(min_value=1e-6, max_value=1e7))
    changed = {**population, company: {**population[company], key: Observation(
        value=observation.value + worse, sample_size=observation.sample_size, count=observation.count,
    )}}
    assert overall_scores(changed, config)[company].score >= overall_scores(population, config)[company].score


# --- not applicable is not zero -----------------------------------------------------------------------------------


def test_a_not_applicable_indicator_is_left_out_not_counted_as_zero():
    fired = result("revolving_door", fired=True, strength=1.0)
    assert risk.score([fired, result(applicable=False)])[0] == Decimal("100.00")
    # An applicable indicator that did not fire does count, and halves the score.
    assert risk.score([fired, result(applicable=True)])[0] == Decimal("50.00")


@given(st.lists(st.tuples(st.booleans(), st.floats(0, 5), st.floats(0.5, 1)), min_size=1, max_size=11),
       st.lists(st.floats(0, 5), min_size=1, max_size=5))
def test_adding_not_applicable_indicators_never_changes_the_score(applicable_results, not_applicable_weights):
    indicators = [
        result(fired=fired, weight=weight, strength=strength if fired else 0.0)
        for fired, weight, strength in applicable_results
    ]
    extra = [result(applicable=False, weight=weight) for weight in not_applicable_weights]
    assert risk.score(indicators + extra)[0] == risk.score(indicators)[0]


def test_with_no_applicable_indicator_the_score_is_0():
    assert risk.score([result(applicable=False)])[0] == Decimal("0.00")


@given(st.integers(min_value=0, max_value=2), st.data())
def test_a_share_over_too_few_meetings_is_not_applicable(too_few, data):
    config = RiskConfig(min_peers=1, min_data_points=3)
    population = {
        1: {risk.VAGUE_MINUTES: Observation(value=1.0, sample_size=too_few, count=too_few)},
        2: {risk.VAGUE_MINUTES: Observation(value=0.0, sample_size=10, count=0)},
        3: {risk.VAGUE_MINUTES: Observation(value=0.0, sample_size=10, count=0)},
    }
    indicator = next(i for i in overall_scores(population, config)[1].indicators if i.key == risk.VAGUE_MINUTES)
    assert not indicator.applicable and not indicator.fired
    assert indicator.threshold is None
    assert indicator.explanation == (
        f"Not applicable: {too_few} {'meeting' if too_few == 1 else 'meetings'} with public minutes on record; "
        "at least 3 are needed."
    )


def test_with_fewer_peers_than_the_minimum_a_peer_indicator_is_not_applicable():
    config = RiskConfig(min_peers=5)
    population = {
        company: {risk.LOBBYING_SPEND: Observation(value=spend, sample_size=1)}
        for company, spend in enumerate([100_000, 110_000, 120_000, 130_000, 5_000_000])
    }
    spend = next(i for i in overall_scores(population, config)[4].indicators if i.key == risk.LOBBYING_SPEND)
    assert (spend.applicable, spend.fired, spend.threshold, spend.peers) == (False, False, None, 4)
    assert spend.explanation == (
        "Not applicable: 4 other companies have data; at least 5 are needed for a comparison."
    )
    population[5] = {risk.LOBBYING_SPEND: Observation(value=140_000, sample_size=1)}
    spend = next(i for i in overall_scores(population, config)[4].indicators if i.key == risk.LOBBYING_SPEND)
    assert (spend.applicable, spend.fired, spend.threshold, spend.peers) == (True, True, 160_000, 5)


# --- explanations -------------------------------------------------------------------------------------------------


def test_the_explanation_states_value_threshold_and_peers_in_one_sentence():
    population = {
        company: {risk.LOBBYING_SPEND: Observation(value=spend, sample_size=1)}
        for company, spend in enumerate([100_000, 110_000, 120_000, 130_000, 140_000, 4_200_000])
    }
    overall = overall_scores(population, RiskConfig())
    fired = next(i for i in overall[5].indicators if i.key == risk.LOBBYING_SPEND)
    calm = next(i for i in overall[0].indicators if i.key == risk.LOBBYING_SPEND)
    assert fired.explanation == (
        "Declared lobbying spend is €4.2m, above the peer threshold of €160k (compared with 5 other companies)."
    )
    assert calm.explanation == (
        "Declared lobbying spend is €100k, within the peer threshold of €170k (compared with 5 other companies)."
    )


def test_when_the_configured_minimum_is_above_the_fence_the_explanation_says_so():
    population = {
        company: {risk.VAGUE_MINUTES: Observation(value=share, sample_size=10, count=round(share * 10))}
        for company, share in enumerate([0.0, 0.0, 0.0, 0.0, 0.0, 0.3])
    }
    indicator = next(i for i in overall_scores(population, RiskConfig())[5].indicators if i.key == risk.VAGUE_MINUTES)
    assert (indicator.fired, indicator.threshold) == (True, 0.2)
    assert indicator.explanation == (
        "3 of 10 meetings with public minutes (30%) have no or vague minutes, above the minimum threshold of 20% "
        "(the peer fence, compared with 5 other companies, is lower: 0%)."
    )


def test_configuration_refuses_unknown_indicators_and_negative_weights():
    with pytest.raises(ValueError, match="golf_outings"):
        RiskConfig(weights={"golf_outings": 1.0})
    with pytest.raises(ValueError, match="negative"):
        RiskConfig(weights={risk.REVOLVING_DOOR: -1.0})


def test_city_scores_reuse_the_company_wide_indicators_and_compare_per_city_ones_among_cities():
    config = RiskConfig(min_peers=1)
    companies_ = {
        1: {risk.NO_REGISTRY_ID: Observation(value=1.0, sample_size=1)},
        2: {risk.NO_REGISTRY_ID: Observation(value=0.0, sample_size=1)},
    }
    cities = {
        (1, "amsterdam"): {risk.REVOLVING_DOOR: Observation(value=1.0, sample_size=3, count=1)},
        (1, "hanoi"): {risk.REVOLVING_DOOR: Observation(value=0.0, sample_size=3, count=0)},
    }
    overall, per_city = risk.assess(companies=companies_, cities=cities, config=config)
    amsterdam = {i.key: i for i in per_city[(1, "amsterdam")].indicators}
    hanoi = {i.key: i for i in per_city[(1, "hanoi")].indicators}
    assert amsterdam[risk.NO_REGISTRY_ID].fired and hanoi[risk.NO_REGISTRY_ID].fired
    assert amsterdam[risk.REVOLVING_DOOR].fired and not hanoi[risk.REVOLVING_DOOR].fired
    # Registry (weight 1) and revolving door (weight 2) fire in Amsterdam; only the registry in Hanoi.
    assert per_city[(1, "amsterdam")].score == Decimal("100.00")
    assert per_city[(1, "hanoi")].score == Decimal("33.33")
    # The company's own overall observation has no revolving-door data: not applicable there.
    assert overall[1].score == Decimal("100.00")


def test_inconsistencies_across_several_cities_are_listed_principle_by_principle():
    gaps = [
        {"principle": "Fair contracts", "in": ["Barcelona"], "not_in": ["Amsterdam"]},
        {"principle": "Fair representation", "in": ["Amsterdam"], "not_in": ["Barcelona"]},
    ]
    population = {1: {risk.INCONSISTENCY: Observation(value=2.0, sample_size=2, count=2, detail={"gaps": gaps})}}
    (indicator,) = [i for i in overall_scores(population, RiskConfig())[1].indicators if i.key == risk.INCONSISTENCY]
    assert indicator.fired
    assert indicator.explanation == (
        "The company committed on 2 principles in one city but not in another where it negotiates the same area: "
        "Fair contracts (in Barcelona, not in Amsterdam) and Fair representation (in Amsterdam, not in Barcelona)."
    )
