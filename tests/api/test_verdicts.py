"""The staff API's reviewers' verdicts: council staff give them with a POST, and list them filtered."""

import datetime

import pytest

from ambassador.risk.choices import Verdict
from ambassador.risk.factories import IndicatorVerdictFactory, RiskAssessmentFactory
from ambassador.risk.models import IndicatorVerdict
from ambassador.stakeholders.factories import CouncilStaffUserFactory, EnvoyUserFactory, TechCompanyFactory

from .conftest import client_for, list_url

pytestmark = pytest.mark.django_db

URL = list_url("indicator-verdicts")
SPEND = {"key": "lobbying_spend", "fired": True, "explanation": "Spend is above the peer fence."}
QUIET = {"key": "vague_minutes", "fired": False, "explanation": "Minutes are specific."}


@pytest.fixture
def staff(amsterdam):
    return CouncilStaffUserFactory(city=amsterdam)


@pytest.fixture
def assessment(amsterdam):
    return RiskAssessmentFactory(organisation=TechCompanyFactory(slug="quorvex"), city=amsterdam, score=70,
                                 assessed_on=datetime.date(2026, 6, 1), indicators=[SPEND, QUIET])


def test_council_staff_give_a_verdict_and_it_is_current(staff, assessment):
    response = client_for(staff).post(URL, {
        "assessment": assessment.pk, "indicator": "lobbying_spend", "verdict": "false_positive",
        "note": "A one-off fine counted as lobbying spend.",
    }, format="json")

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["indicator"] == "lobbying_spend"
    assert body["verdict"] == "false_positive"
    assert body["decided_by"] == staff.username
    assert body["is_current"] is True
    assert body["assessed_on"] == "2026-06-01"
    assert body["organisation"]["slug"] == "quorvex"
    assert IndicatorVerdict.objects.get().note == "A one-off fine counted as lobbying spend."


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"indicator": "vague_minutes", "verdict": "confirmed"}, "indicator"),  # did not fire
        ({"indicator": "no_such_indicator", "verdict": "confirmed"}, "indicator"),
        ({"indicator": "lobbying_spend", "verdict": "needs_data", "note": "  "}, "note"),
        ({"indicator": "lobbying_spend", "verdict": "false_positive"}, "note"),
        ({"indicator": "lobbying_spend", "verdict": "maybe"}, "verdict"),
        ({"indicator": "x" * 65, "verdict": "confirmed"}, "indicator"),
        ({"verdict": "confirmed"}, "indicator"),
        ({"indicator": "lobbying_spend", "verdict": "confirmed", "assessment": "abc"}, "assessment"),
        ({"indicator": "lobbying_spend", "verdict": "confirmed", "assessment": 2**70}, "assessment"),
    ],
)
def test_bad_input_is_a_400_naming_the_field(staff, assessment, body, field):
    response = client_for(staff).post(URL, {"assessment": assessment.pk, **body}, format="json")

    assert response.status_code == 400, response.content
    assert field in response.json()
    assert not IndicatorVerdict.objects.exists()


def test_another_citys_assessment_is_an_invalid_choice(assessment, barcelona):
    response = client_for(CouncilStaffUserFactory(city=barcelona)).post(URL, {
        "assessment": assessment.pk, "indicator": "lobbying_spend", "verdict": "confirmed",
    }, format="json")

    assert response.status_code == 400
    assert "assessment" in response.json()


def test_an_envoy_may_not_give_a_verdict_and_lists_none(assessment, amsterdam):
    IndicatorVerdictFactory(assessment=RiskAssessmentFactory(organisation=assessment.organisation, city=amsterdam,
                                                             score=80))
    client = client_for(EnvoyUserFactory(city=amsterdam))

    response = client.post(URL, {"assessment": assessment.pk, "indicator": "lobbying_spend", "verdict": "confirmed"},
                           format="json")
    listed = client.get(URL)

    assert response.status_code == 403
    assert listed.status_code == 200
    assert listed.json()["results"] == []


def test_the_list_filters_by_company_city_indicator_verdict_and_current(staff, amsterdam):
    company, other = TechCompanyFactory(slug="quorvex"), TechCompanyFactory(slug="ridelyn")
    june = RiskAssessmentFactory(organisation=company, city=amsterdam, score=80,
                                 assessed_on=datetime.date(2026, 6, 1))
    july = RiskAssessmentFactory(organisation=company, city=amsterdam, score=80,
                                 assessed_on=datetime.date(2026, 7, 1))
    replaced = IndicatorVerdictFactory(assessment=june, decided_at=datetime.datetime(2026, 6, 2, tzinfo=datetime.UTC))
    current = IndicatorVerdictFactory(assessment=july, needs_data=True,
                                      decided_at=datetime.datetime(2026, 7, 2, tzinfo=datetime.UTC))
    overall = IndicatorVerdictFactory(assessment=RiskAssessmentFactory(organisation=other, score=80))
    client = client_for(staff)

    def ids(**params):
        response = client.get(URL, params)
        assert response.status_code == 200, response.content
        return {row["id"] for row in response.json()["results"]}

    assert ids() == {replaced.pk, current.pk, overall.pk}
    assert ids(company="quorvex") == {replaced.pk, current.pk}
    assert ids(company_id=other.pk) == {overall.pk}
    assert ids(city=amsterdam.slug) == {replaced.pk, current.pk}
    assert ids(overall="true") == {overall.pk}
    assert ids(indicator="lobbying_spend") == {replaced.pk, current.pk, overall.pk}
    assert ids(indicator="revolving_door") == set()
    assert ids(verdict="needs_data") == {current.pk}
    assert ids(current="true") == {current.pk, overall.pk}
    assert ids(current="false") == {replaced.pk}
    assert ids(assessment=june.pk) == {replaced.pk}
    flags = {row["id"]: row["is_current"] for row in client.get(URL).json()["results"]}
    assert flags == {replaced.pk: False, current.pk: True, overall.pk: True}


@pytest.mark.parametrize("params", [{"current": "maybe"}, {"assessment": "x"}, {"city_id": "0.5"}])
def test_a_bad_filter_is_a_400(staff, params):
    assert client_for(staff).get(URL, params).status_code == 400


def test_giving_a_verdict_again_on_the_same_assessment_changes_it_and_keeps_history(staff, assessment):
    client = client_for(staff)
    client.post(URL, {"assessment": assessment.pk, "indicator": "lobbying_spend", "verdict": "confirmed"},
                format="json")

    response = client.post(URL, {"assessment": assessment.pk, "indicator": "lobbying_spend",
                                 "verdict": "needs_data", "note": "Wait for the 2026 register."}, format="json")

    assert response.status_code == 201
    verdict = IndicatorVerdict.objects.get()
    assert verdict.verdict == Verdict.NEEDS_DATA
    assert list(verdict.history.order_by("history_date").values_list("verdict", flat=True)) == [
        Verdict.CONFIRMED, Verdict.NEEDS_DATA,
    ]
