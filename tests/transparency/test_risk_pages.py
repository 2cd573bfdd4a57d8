"""The public risk pages: ranked by what the evidence supports, thin evidence listed apart, the method published."""

import datetime
import html
from decimal import Decimal

import pytest

from ambassador.risk.factories import RiskAssessmentFactory
from ambassador.risk.services import compute_lobbying_risk
from ambassador.stakeholders.factories import TechCompanyFactory
from tests.risk.records import build_world, indicators, today

from .conftest import body_of

pytestmark = pytest.mark.django_db


def _names_in_order(body: str, names: list[str]) -> list[str]:
    return sorted(names, key=body.index)


def test_the_ranking_leaves_out_thin_evidence_and_lists_it_as_not_enough_data(client):
    strong = RiskAssessmentFactory(
        organisation__name="Strongly Evidenced", score=Decimal("30"), confidence=Decimal("0.8")
    )
    weaker = RiskAssessmentFactory(
        organisation__name="Weaker Signals", score=Decimal("12"), confidence=Decimal("0.7")
    )
    thin = RiskAssessmentFactory(
        organisation__name="Barely Known", score=Decimal("45"), confidence=Decimal("0.1"), enough_data=False,
    )

    body = body_of(client.get("/risk/"))

    ranking, not_enough = body.split("Not enough data</h2>")
    order = _names_in_order(ranking, ["Weaker Signals", "Strongly Evidenced"])
    assert order == ["Strongly Evidenced", "Weaker Signals"]
    assert "Barely Known" not in ranking
    assert "Barely Known" in not_enough and "confidence 0.10" in not_enough
    assert "confidence 0.80" in ranking
    assert strong.organisation.slug in ranking and weaker.organisation.slug in ranking
    assert thin.organisation.slug in not_enough


def test_the_planted_company_outranks_its_peers_and_its_page_names_the_facts(client):
    world = build_world()
    compute_lobbying_risk(on=today())

    body = body_of(client.get("/risk/"))
    first = body.index(world.target.name)
    assert all(first < body.index(peer.name) for peer in world.peers if peer.name in body)
    page = body_of(client.get(f"/companies/{world.target.slug}/"))
    late = indicators(world.target)["late_disclosure"]
    assert late["fired"]
    assert late["facts"]
    for fact in late["facts"]:
        assert fact in html.unescape(page)
    assert "Lobbying-risk score over time" in page
    assert "with a confidence of" in page


def test_the_company_page_charts_the_score_on_each_day_it_was_assessed(client):
    company = TechCompanyFactory()
    for days_ago, score in ((20, "10.00"), (10, "25.50"), (0, "40.25")):
        RiskAssessmentFactory(
            organisation=company, score=Decimal(score), confidence=Decimal("0.5"),
            assessed_on=datetime.date(2026, 11, 30) - datetime.timedelta(days_ago),
        )

    body = body_of(client.get(f"/companies/{company.slug}/"))

    chart = body[body.index("Lobbying-risk score over time") - 2000 :]
    assert "<svg" in chart
    for score in ("10.0", "25.5", "40.2"):
        assert score in chart
    assert "50%" in chart


def test_the_methodology_publishes_weights_groups_and_how_evidence_weighs_in(client):
    RiskAssessmentFactory()
    body = body_of(client.get("/methodology/"))

    assert "How evidence weighs in" in body
    assert "Wilson" in body and "median" in body
    assert "Lobbying capacity" in body
    row = body[body.index('id="indicator-revolving_door"') :]
    assert "<td>2.0</td>" in row[: row.index("</tr>")]
    assert 'id="indicator-withheld_meetings"' in body
    assert "not enough data" in body
