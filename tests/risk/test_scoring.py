"""The pure lobbying-risk scorer: properties checked with hypothesis, no database."""

import statistics
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from ambassador.risk import scoring as risk
from ambassador.risk.scoring import Observation, RiskConfig

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


# --- severity, evidence and score ---------------------------------------------------------------------------------


@given(values, values, st.floats(min_value=1e-9, max_value=1e6))
def test_severity_starts_from_nothing_at_the_threshold_and_keeps_growing_below_1(value, threshold, unit):
    severity = risk.severity(value, threshold, unit=unit)
    if value > threshold:
        assert 0 <= severity < 1
    else:
        assert severity == 0


@given(values, values, st.floats(min_value=0, max_value=1e6))
def test_severity_never_falls_as_the_value_grows(value, threshold, increase):
    assert risk.severity(value + increase, threshold) >= risk.severity(value, threshold)


def test_severity_does_not_saturate_at_twice_the_threshold():
    """28 and 92 days late against 14 used to count the same; 8 and 24 meetings to none too."""
    assert risk.severity(92, 14) > risk.severity(28, 14) > risk.severity(15, 14) > 0
    assert risk.severity(24, 1) > risk.severity(8, 1)
    assert risk.severity(28, 14) == pytest.approx(0.409, abs=1e-3)
    assert risk.severity(1e9, 14) < 1


@given(st.integers(0, 200), st.integers(1, 200), st.integers(1, 50))
def test_the_wilson_lower_bound_stays_below_the_share_and_rises_with_the_sample(count, size, more):
    assume(count <= size)
    share = count / size
    bound = risk.wilson_lower(share, size)
    assert 0 <= bound <= share + 1e-12
    assert risk.wilson_lower(share, size * more) >= bound - 1e-12


def test_small_samples_do_not_trip_shares():
    """One official at 5 of 8 meetings, or 2 vague minutes of 8, is noise; 40 of 44 is not."""
    assert risk.wilson_lower(5 / 8, 8) < risk.DEFAULT_THRESHOLDS[risk.OFFICIAL_CONCENTRATION]
    assert risk.wilson_lower(2 / 8, 8) < risk.DEFAULT_THRESHOLDS[risk.VAGUE_MINUTES]
    assert risk.wilson_lower(40 / 44, 44) > 0.8


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(companies, configs)
def test_every_score_lies_between_0_and_100_and_is_the_sum_of_its_contributions(population, config):
    for assessment in overall_scores(population, config).values():
        assert Decimal(0) <= assessment.score <= Decimal(100)
        assert assessment.score == Decimal(assessment.score).quantize(Decimal("0.01"))
        assert Decimal(0) <= assessment.confidence <= Decimal(1)
        contributions = sum(indicator.contribution for indicator in assessment.indicators)
        assert float(assessment.score) == pytest.approx(contributions, abs=0.01)
        assert all(indicator.contribution == 0 for indicator in assessment.indicators if not indicator.fired)


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(companies, configs)
def test_the_score_is_deterministic_and_ignores_the_order_of_companies(population, config):
    first = overall_scores(population, config)
    again = overall_scores(dict(population), config)
    reversed_order = overall_scores(dict(reversed(list(population.items()))), config)
    assert first == again
    assert first == reversed_order


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(companies, configs, st.data())
def test_no_worse_value_of_its_own_lowers_a_companys_score(population, config, data):
    """The threshold and the shrinkage leave the company's own value out, so they cannot move away."""
    company = data.draw(st.sampled_from(sorted(population)))
    key = data.draw(st.sampled_from(list(risk.INDICATORS)))
    observation = population[company][key]
    assume(observation.value is not None)
    worse = data.draw(st.floats(min_value=1e-6, max_value=1e7))
    changed = {**population, company: {**population[company], key: Observation(
        value=observation.value + worse, sample_size=observation.sample_size, count=observation.count,
    )}}
    assert overall_scores(changed, config)[company].score >= overall_scores(population, config)[company].score


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(companies, configs, st.data())
def test_more_evidence_of_the_same_rate_never_lowers_confidence(population, config, data):
    company = data.draw(st.sampled_from(sorted(population)))
    key = data.draw(st.sampled_from(list(risk.INDICATORS)))
    observation = population[company][key]
    more = data.draw(st.integers(min_value=1, max_value=500))
    changed = {**population, company: {**population[company], key: Observation(
        value=observation.value, sample_size=observation.sample_size + more, count=observation.count,
    )}}
    assert overall_scores(changed, config)[company].confidence >= overall_scores(population, config)[company].confidence


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(companies, configs, st.data())
def test_thin_evidence_never_outranks_strong_evidence_of_the_same_pattern(population, config, data):
    """Two companies with the same values, one on fewer data points: the thinner never scores higher."""
    template = data.draw(st.sampled_from(sorted(population)))
    observations = population[template]
    factor = data.draw(st.integers(min_value=2, max_value=20))
    strong, thin = max(population) + 1, max(population) + 2
    population = {
        **population,
        strong: {
            key: Observation(value=o.value, sample_size=o.sample_size * factor, count=o.count)
            for key, o in observations.items()
        },
        thin: dict(observations),
    }
    overall = overall_scores(population, config)
    assume(any(indicator.fired for indicator in overall[strong].indicators))
    fired = {indicator.key for indicator in overall[strong].indicators if indicator.fired}
    # Only the pattern: the indicators that fire for the strong company; elsewhere both are alike.
    population[strong] = {key: o for key, o in population[strong].items() if key in fired}
    population[thin] = {key: o for key, o in population[thin].items() if key in fired}
    overall = overall_scores(population, config)
    assert overall[thin].score <= overall[strong].score
    assert overall[thin].confidence <= overall[strong].confidence


# --- thin data, groups and not applicable -------------------------------------------------------------------------


def _population(key, values_and_sizes):
    return {
        company: {key: Observation(value=value, sample_size=size, count=round(value * size))}
        for company, (value, size) in enumerate(values_and_sizes)
    }


def test_one_meeting_and_a_missing_register_id_do_not_outscore_a_revolving_door():
    """Sparse data used to inflate scores: the score divided by the weight of the applicable indicators only."""
    population = {
        "sparse": {
            risk.NO_REGISTRY_ID: Observation(value=1.0, sample_size=1),
            risk.LATE_DISCLOSURE: Observation(value=3.0, sample_size=1),
        },
        "door": {
            risk.NO_REGISTRY_ID: Observation(value=0.0, sample_size=1),
            risk.REVOLVING_DOOR: Observation(value=1.0, sample_size=4, count=1),
            risk.LATE_DISCLOSURE: Observation(value=3.0, sample_size=30),
            risk.VAGUE_MINUTES: Observation(value=0.0, sample_size=30, count=0),
            risk.COMMITMENT_RECORD: Observation(value=0.1, sample_size=10, count=1),
        },
    }
    overall = overall_scores(population, RiskConfig(min_peers=1, min_confidence=0.2))
    assert overall["door"].score > overall["sparse"].score
    assert overall["door"].confidence > overall["sparse"].confidence
    assert not overall["sparse"].enough_data and overall["door"].enough_data


def test_a_rate_on_thin_evidence_is_shrunk_toward_the_peers():
    peers = [(5.0, 20)] * 6
    one_late = overall_scores(_population(risk.LATE_DISCLOSURE, [*peers, (92.0, 1)]), RiskConfig())[6]
    many_late = overall_scores(_population(risk.LATE_DISCLOSURE, [*peers, (92.0, 20)]), RiskConfig())[6]
    thin = next(i for i in one_late.indicators if i.key == risk.LATE_DISCLOSURE)
    strong = next(i for i in many_late.indicators if i.key == risk.LATE_DISCLOSURE)
    assert thin.toward == 5.0 and thin.measured == pytest.approx(92 / 6 + 5 * 5 / 6)
    assert strong.measured == pytest.approx(92 * 0.8 + 5 * 0.2)
    assert strong.severity > thin.severity
    assert many_late.score > one_late.score
    assert "weighing 1 published meeting against the peers' 5 days" in thin.explanation


def test_spend_and_headcount_are_one_fact_and_count_once():
    population = {
        company: {
            risk.LOBBYING_SPEND: Observation(value=spend, sample_size=1),
            risk.LOBBYIST_HEADCOUNT: Observation(value=heads, sample_size=1),
        }
        for company, (spend, heads) in enumerate(
            [(100_000, 10), (110_000, 11), (120_000, 12), (130_000, 13), (140_000, 14), (9_000_000, 400)]
        )
    }
    large = overall_scores(population, RiskConfig())[5]
    spend, heads = (next(i for i in large.indicators if i.key == key) for key in risk.FACTS[risk.LOBBYING_CAPACITY])
    assert spend.fired and heads.fired
    assert [spend.counted, heads.counted].count(True) == 1
    assert (spend.contribution == 0) != (heads.contribution == 0)
    only_spend = {
        company: {risk.LOBBYING_SPEND: observations[risk.LOBBYING_SPEND]}
        for company, observations in population.items()
    }
    assert overall_scores(only_spend, RiskConfig())[5].score <= large.score
    both_weight = risk.fact_weights(RiskConfig())[risk.LOBBYING_CAPACITY]
    assert large.score <= Decimal(100 * both_weight / sum(risk.fact_weights(RiskConfig()).values()))


def test_every_share_can_fire_however_high_the_peers_are():
    """The fence of a share can pass 100 %; the threshold stays at or below the ceiling."""
    peers = [(0.97, 300), (0.98, 300), (0.96, 300), (0.99, 300), (0.95, 300)]
    population = _population(risk.COMMITMENT_RECORD, [*peers, (1.0, 400)])
    indicator = next(
        i for i in overall_scores(population, RiskConfig())[5].indicators if i.key == risk.COMMITMENT_RECORD
    )
    assert indicator.threshold == 0.8 and indicator.fired
    assert "the highest threshold a share may have, 80%" in indicator.explanation


@given(st.data())
def test_a_missing_observation_adds_nothing_and_no_confidence(data):
    config = RiskConfig(min_peers=1)
    population = {
        1: {risk.REVOLVING_DOOR: Observation(value=1.0, sample_size=2, count=1)},
        2: {risk.REVOLVING_DOOR: Observation(value=0.0, sample_size=2, count=0)},
    }
    key = data.draw(st.sampled_from([k for k in risk.INDICATORS if k != risk.REVOLVING_DOOR]))
    with_missing = {1: {**population[1], key: Observation(value=None)}, 2: population[2]}
    assert overall_scores(with_missing, config)[1] == overall_scores(population, config)[1]
    indicator = next(i for i in overall_scores(with_missing, config)[1].indicators if i.key == key)
    assert (indicator.applicable, indicator.evidence, indicator.contribution) == (False, 0.0, 0.0)


def test_with_no_applicable_indicator_the_score_and_confidence_are_0():
    assessment = overall_scores({1: {}}, RiskConfig())[1]
    assert (assessment.score, assessment.confidence, assessment.enough_data) == (Decimal("0.00"), 0, False)


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
        company: {risk.VAGUE_MINUTES: Observation(value=share, sample_size=40, count=round(share * 40))}
        for company, share in enumerate([0.0, 0.0, 0.0, 0.0, 0.0, 0.5])
    }
    indicator = next(i for i in overall_scores(population, RiskConfig())[5].indicators if i.key == risk.VAGUE_MINUTES)
    assert (indicator.fired, indicator.threshold) == (True, 0.2)
    assert indicator.explanation == (
        "20 of 40 meetings with public minutes (50%) have no or vague minutes; allowing for chance in 40 meetings "
        "with public minutes, at least 37%, above the minimum threshold of 20% (the peer fence, compared with 5 "
        "other companies, is lower: 0%)."
    )


def test_configuration_refuses_unknown_indicators_and_negative_weights():
    with pytest.raises(ValueError, match="golf_outings"):
        RiskConfig(weights={"golf_outings": 1.0})
    with pytest.raises(ValueError, match="negative"):
        RiskConfig(weights={risk.REVOLVING_DOOR: -1.0})


def test_city_scores_reuse_the_company_wide_indicators_and_compare_per_city_ones_among_cities():
    config = RiskConfig(min_peers=1)
    companies_ = {
        1: {risk.LOBBYING_SPEND: Observation(value=9e6, sample_size=1)},
        2: {risk.LOBBYING_SPEND: Observation(value=1e5, sample_size=1)},
    }
    cities = {
        (1, "amsterdam"): {risk.REVOLVING_DOOR: Observation(value=1.0, sample_size=3, count=1)},
        (1, "hanoi"): {risk.REVOLVING_DOOR: Observation(value=0.0, sample_size=3, count=0)},
    }
    overall, per_city = risk.assess(companies=companies_, cities=cities, config=config)
    amsterdam = {i.key: i for i in per_city[(1, "amsterdam")].indicators}
    hanoi = {i.key: i for i in per_city[(1, "hanoi")].indicators}
    assert amsterdam[risk.LOBBYING_SPEND] == hanoi[risk.LOBBYING_SPEND]
    assert amsterdam[risk.LOBBYING_SPEND].fired
    assert amsterdam[risk.REVOLVING_DOOR].fired and not hanoi[risk.REVOLVING_DOOR].fired
    weights = risk.fact_weights(config)
    total = sum(weights.values())
    door = risk.severity(1.0, 0.0)
    spend = amsterdam[risk.LOBBYING_SPEND].severity
    assert float(per_city[(1, "amsterdam")].score) == pytest.approx(100 * (2 * door + spend) / total, abs=0.01)
    assert float(per_city[(1, "hanoi")].score) == pytest.approx(100 * spend / total, abs=0.01)
    # The company's own overall observation has no revolving-door data: not applicable there.
    assert float(overall[1].score) == pytest.approx(100 * spend / total, abs=0.01)


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
