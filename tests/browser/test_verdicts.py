"""A council staff member judges the indicators that fired in a score, in a real browser: from the assessment's
admin page to the verdicts form and back, where the verdict shows with who gave it."""

from __future__ import annotations

import datetime

import pytest

from ambassador.risk.choices import Verdict
from ambassador.risk.factories import RiskAssessmentFactory
from ambassador.risk.models import IndicatorVerdict
from ambassador.stakeholders.factories import CityFactory, CouncilStaffUserFactory, TechCompanyFactory

from .conftest import screenshot
from .test_admin_workflow import _log_in

pytestmark = pytest.mark.django_db(transaction=True)

SPEND = {"key": "lobbying_spend", "label": "Declared lobbying spend", "fired": True,
         "explanation": "Declared spend of €1.3m is above the peer fence of €0.9m."}
DOOR = {"key": "revolving_door", "label": "Revolving door", "fired": True,
        "explanation": "1 person held a city role and a company role within the cooling-off period."}


def test_council_staff_give_verdicts_on_the_assessments_page(live_server, browser):
    amsterdam = CityFactory(name="Amsterdam", slug="amsterdam")
    staff = CouncilStaffUserFactory(city=amsterdam, username="ams-staff", first_name="Lotte", last_name="Kramer")
    assessment = RiskAssessmentFactory(organisation=TechCompanyFactory(name="Quorvex"), city=amsterdam, score=72,
                                       assessed_on=datetime.date(2026, 6, 1), indicators=[SPEND, DOOR])

    context, page = _log_in(browser, live_server, staff.username)
    page.goto(f"{live_server.url}/admin/risk/riskassessment/{assessment.pk}/change/")
    assert "not judged yet" in page.inner_text("#verdict-lobbying_spend")
    page.click("text=Give verdicts")

    page.select_option("#verdict-lobbying_spend select", Verdict.CONFIRMED)
    page.select_option("#verdict-revolving_door select", Verdict.FALSE_POSITIVE)
    page.click("input[type=submit]")
    # A false positive without a note is refused, and nothing is recorded.
    assert "has a note" in page.inner_text("#verdict-revolving_door")
    assert not IndicatorVerdict.objects.exists()

    page.fill("#verdict-revolving_door textarea", "Two different people of the same name.")
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/risk/riskassessment/{assessment.pk}/change/")
    screenshot(page, "admin-indicator-verdicts")

    assert "Confirmed by Lotte Kramer on" in page.inner_text("#verdict-lobbying_spend")
    assert "False positive by Lotte Kramer on" in page.inner_text("#verdict-revolving_door")
    assert set(IndicatorVerdict.objects.values_list("indicator_key", "verdict")) == {
        ("lobbying_spend", Verdict.CONFIRMED), ("revolving_door", Verdict.FALSE_POSITIVE),
    }
    context.close()
