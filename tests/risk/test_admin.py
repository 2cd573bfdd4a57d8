"""Risk assessments in the admin, in the risk section."""

import pytest

from ambassador.risk.factories import RiskAssessmentFactory

pytestmark = pytest.mark.django_db


def test_links_to_the_old_admin_section_lead_to_the_same_page_in_the_risk_section(admin_client):
    assessment = RiskAssessmentFactory()

    response = admin_client.get(f"/admin/stakeholders/riskassessment/{assessment.pk}/change/?_changelist_filters=x")

    assert response.status_code == 301
    assert response["Location"] == f"/admin/risk/riskassessment/{assessment.pk}/change/?_changelist_filters=x"
    assert admin_client.get(response["Location"]).status_code == 200
    assert admin_client.get("/admin/stakeholders/riskassessment/", follow=True).redirect_chain == [
        ("/admin/risk/riskassessment/", 301)
    ]
