"""The staff API's release steps: the services' rules, as 400 (bad input), 403 (not allowed), 404 (other city)."""

import datetime

import pytest

from ambassador.commitments.choices import CompletionLevel
from ambassador.commitments.factories import CommitmentFactory
from ambassador.commitments.models import COMPLETION_NEEDS_EVIDENCE, Commitment, CommitmentUpdate
from ambassador.negotiations.factories import NegotiationFactory
from ambassador.stakeholders.factories import CouncilStaffUserFactory

from .conftest import client_for, detail_url, list_url

pytestmark = pytest.mark.django_db


def step(user, endpoint, pk, name, **data):
    return client_for(user).post(detail_url(endpoint, pk) + f"{name}/", data, format="json")


def test_a_commitment_recorded_without_a_meeting_is_public_only_once_a_second_person_publishes_it(
    client, envoy, staff, negotiation
):
    response = client_for(envoy).post(list_url("commitments"), {
        "negotiation": negotiation.pk, "area": "data_governance", "principle": "privacy",
        "text": "Keep resident data inside the EU.", "due_on": "2026-06-30",
    }, format="json")
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    assert response.json()["review_state"] == "draft"
    assert client.get(f"/api/public/v1/commitments/{pk}/").status_code == 404

    assert step(envoy, "commitments", pk, "submit").status_code == 200
    assert step(envoy, "commitments", pk, "publish").status_code == 403
    response = step(staff, "commitments", pk, "publish")

    assert response.status_code == 200, response.content
    assert (response.json()["review_state"], response.json()["published_by"]) == ("published", staff.username)
    assert client.get(f"/api/public/v1/commitments/{pk}/").status_code == 200


def test_review_steps_refuse_bad_input_other_users_and_other_cities(envoy, staff, negotiation, barcelona):
    commitment = CommitmentFactory(negotiation=negotiation, without_meeting=True, logged_by=envoy)
    foreign = CommitmentFactory(negotiation=NegotiationFactory(city=barcelona), without_meeting=True)

    assert step(staff, "commitments", foreign.pk, "return-to-draft", reason="x").status_code == 404
    response = step(staff, "commitments", commitment.pk, "return-to-draft")
    assert response.status_code == 400 and "reason" in response.json()
    assert step(envoy, "commitments", commitment.pk, "return-to-draft", reason="Typo.").status_code == 403
    response = step(staff, "commitments", commitment.pk, "submit")
    assert response.status_code == 400, response.content
    assert step(staff, "commitments", commitment.pk, "return-to-draft", reason="Typo.").status_code == 200
    assert not Commitment.objects.public().filter(pk=commitment.pk).exists()


def test_completion_without_evidence_is_a_400_with_the_admins_message(envoy, negotiation):
    commitment = CommitmentFactory(negotiation=negotiation, without_meeting=True)

    response = client_for(envoy).post(list_url("commitment-updates"), {
        "commitment": commitment.pk, "summary": "Done.", "completion": CompletionLevel.COMPLETE,
    }, format="json")

    assert response.status_code == 400
    assert response.json() == {"evidence": [str(COMPLETION_NEEDS_EVIDENCE)]}
    assert not CommitmentUpdate.objects.exists()


def test_a_due_date_move_on_a_public_commitment_is_public_only_once_released(client, envoy, staff, negotiation):
    commitment = CommitmentFactory(negotiation=negotiation, without_meeting=True, due_on=datetime.date(2026, 6, 30))
    response = client_for(envoy).post(list_url("commitment-updates"), {
        "commitment": commitment.pk, "summary": "Later.", "new_due_on": "2026-12-31",
        "due_date_reason": "The company asked for time.",
    }, format="json")
    pk = response.json()["id"]

    public = client.get(f"/api/public/v1/commitments/{commitment.pk}/").json()
    assert (public["due_on"], public["slippage_count"]) == ("2026-06-30", 0)
    assert client.get(f"/api/public/v1/commitment-updates/{pk}/").status_code == 404

    assert step(envoy, "commitment-updates", pk, "submit").status_code == 200
    assert step(envoy, "commitment-updates", pk, "publish").status_code == 403
    assert step(staff, "commitment-updates", pk, "publish").status_code == 200

    public = client.get(f"/api/public/v1/commitments/{commitment.pk}/").json()
    assert (public["due_on"], public["slippage_count"]) == ("2026-12-31", 1)


def test_an_envoy_proposes_and_council_staff_announce_a_negotiation(client, envoy, staff, amsterdam, barcelona):
    negotiation = NegotiationFactory(city=amsterdam, lead_envoy=envoy, unannounced=True)

    assert step(envoy, "negotiations", negotiation.pk, "submit").status_code == 200
    assert step(envoy, "negotiations", negotiation.pk, "announce").status_code == 403
    assert step(CouncilStaffUserFactory(city=barcelona), "negotiations", negotiation.pk, "announce").status_code == 404
    response = step(staff, "negotiations", negotiation.pk, "announce")
    assert response.status_code == 200, response.content
    assert response.json()["is_public"] is True

    assert step(staff, "negotiations", negotiation.pk, "withdraw-announcement").status_code == 400
    response = step(staff, "negotiations", negotiation.pk, "withdraw-announcement", reason="Talks paused.")
    assert response.json()["is_public"] is False
