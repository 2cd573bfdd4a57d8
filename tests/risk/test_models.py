"""The lobbying-risk records' named constraints hold in PostgreSQL itself and in ``full_clean()``.

The tables and their constraints keep the names they had under the stakeholders app.
"""

import datetime
from decimal import Decimal
from functools import partial

import pytest
from django.core.exceptions import NON_FIELD_ERRORS

from ambassador.risk.choices import Verdict
from ambassador.risk.factories import (
    IndicatorVerdictFactory,
    RiskAssessmentFactory,
    RiskRunFactory,
    RiskValidationFactory,
)
from ambassador.risk.models import IndicatorVerdict, RiskAssessment
from ambassador.stakeholders.factories import CityFactory, TechCompanyFactory
from tests.constraint_cases import constraint_tests

pytestmark = pytest.mark.django_db

def _verdict_on_the_same_company():
    """A verdict on a new overall score of the company the previous verdict judged, so that two of them may
    name the same assessment without also naming another company."""
    previous = IndicatorVerdict.objects.order_by("-pk").first()
    company = previous.organisation if previous else TechCompanyFactory()
    return IndicatorVerdictFactory(assessment=RiskAssessmentFactory(organisation=company, score=80))


# (constraint, factory, bad values for the saved object, key of the full_clean() error)
CHECK_CASES = [
    pytest.param(
        "stakeholders_riskassessment_score_in_range", RiskAssessmentFactory, lambda o: {"score": Decimal("100.01")},
        "score", id="risk-score-above-100",
    ),
    pytest.param(
        "stakeholders_riskassessment_score_in_range", RiskAssessmentFactory, lambda o: {"score": Decimal("-0.01")},
        "score", id="risk-score-below-0",
    ),
    pytest.param(
        "risk_riskassessment_confidence_in_range", RiskAssessmentFactory,
        lambda o: {"confidence": Decimal("1.001")}, "confidence", id="risk-confidence-above-1",
    ),
    pytest.param(
        "stakeholders_riskrun_finished_not_before_started", RiskRunFactory,
        lambda o: {"finished_at": o.started_at - datetime.timedelta(seconds=1)}, NON_FIELD_ERRORS,
        id="risk-run-finishes-before-start",
    ),
    pytest.param(
        "risk_riskvalidation_shares_in_range", RiskValidationFactory, lambda o: {"named_share": 1.5},
        NON_FIELD_ERRORS, id="risk-validation-named-share-above-1",
    ),
    pytest.param(
        "risk_riskvalidation_shares_in_range", RiskValidationFactory,
        lambda o: {"min_precision": o.mean_precision + 0.1}, NON_FIELD_ERRORS,
        id="risk-validation-lowest-precision-above-mean",
    ),
    pytest.param(
        "risk_indicatorverdict_note_unless_confirmed", IndicatorVerdictFactory,
        lambda o: {"verdict": Verdict.FALSE_POSITIVE, "note": ""}, "note", id="verdict-false-positive-without-note",
    ),
    pytest.param(
        "risk_indicatorverdict_note_unless_confirmed", IndicatorVerdictFactory,
        lambda o: {"verdict": Verdict.NEEDS_DATA, "note": ""}, "note", id="verdict-needs-data-without-note",
    ),
    pytest.param(
        "risk_indicatorverdict_known_verdict", IndicatorVerdictFactory, lambda o: {"verdict": "maybe"}, "verdict",
        id="verdict-unknown",
    ),
]

# (constraint, factory for two rows, fields copied from the first row onto the second, full_clean() error key)
UNIQUE_CASES = [
    pytest.param(
        "stakeholders_riskassessment_unique_city_day", partial(RiskAssessmentFactory, in_city=True),
        ["organisation", "city", "assessed_on"], NON_FIELD_ERRORS, id="risk-city-day",
    ),
    pytest.param(
        "stakeholders_riskassessment_unique_overall_day", RiskAssessmentFactory,
        ["organisation", "assessed_on"], NON_FIELD_ERRORS, id="risk-overall-day",
    ),
    pytest.param(
        "stakeholders_riskrun_unique_day", RiskRunFactory, ["assessed_on"], NON_FIELD_ERRORS, id="risk-run-day"
    ),
    pytest.param(
        "risk_indicatorverdict_unique_per_assessment", lambda: _verdict_on_the_same_company(),
        ["assessment", "indicator_key"],
        NON_FIELD_ERRORS, id="verdict-per-assessment-and-indicator",
    ),
]


globals().update(constraint_tests("risk", CHECK_CASES, UNIQUE_CASES))


def test_company_may_have_an_overall_score_and_city_scores_on_the_same_day():
    overall = RiskAssessmentFactory()
    day, company = overall.assessed_on, overall.organisation

    in_amsterdam = RiskAssessmentFactory(organisation=company, assessed_on=day, city=CityFactory(name="Amsterdam"))
    in_london = RiskAssessmentFactory(organisation=company, assessed_on=day, city=CityFactory(name="London"))

    assert set(RiskAssessment.objects.filter(organisation=company, assessed_on=day).values_list("pk", flat=True)) == {
        overall.pk, in_amsterdam.pk, in_london.pk,
    }
