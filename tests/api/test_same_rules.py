"""The API and the admin refuse the same inputs with the same messages: the rules live in the models and services."""

from ambassador.commitments.models import COMPLETION_NEEDS_EVIDENCE, Commitment

from .conftest import client_for, list_url
from .test_writes import commitment_payload


def test_a_commitment_is_not_recorded_complete_without_evidence_in_the_api_or_the_admin(world, client):
    """The same rule, with the same message, wherever the commitment is recorded."""
    envoy = world.users["amsterdam envoy"]
    negotiation = world.objects["amsterdam"]["announced"]
    before = Commitment.objects.count()

    response = client_for(envoy).post(
        list_url("commitments"), commitment_payload(negotiation, completion="complete"), format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"evidence": [str(COMPLETION_NEEDS_EVIDENCE)]}

    client.force_login(envoy)
    response = client.post("/admin/commitments/commitment/add/", {
        "negotiation": negotiation.pk, "promiser": "company", "area": "workers_rights", "principle": "fair_pay",
        "text": "Guarantee couriers the living wage.", "completion": "complete", "_save": "Save",
        "updates-TOTAL_FORMS": "0", "updates-INITIAL_FORMS": "0",
        "updates-MIN_NUM_FORMS": "0", "updates-MAX_NUM_FORMS": "1000",
    })
    assert response.status_code == 200
    assert str(COMPLETION_NEEDS_EVIDENCE) in response.context["adminform"].form.errors["evidence"]
    assert Commitment.objects.count() == before
