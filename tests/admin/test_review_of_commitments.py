"""The admin offers what the services allow: released commitments are read-only, announcements need two people."""

import pytest

from ambassador.commitments.choices import CompletionLevel
from ambassador.commitments.factories import CommitmentFactory
from ambassador.commitments.models import COMPLETION_NEEDS_EVIDENCE, Commitment
from ambassador.negotiations.factories import MeetingFactory
from ambassador.negotiations.models import Negotiation
from ambassador.stakeholders.factories import TechCompanyFactory
from tests.admin.helpers import COMMITMENT_ROW, logged_in, meeting_post, update_post, url

pytestmark = pytest.mark.django_db


def test_an_envoy_cannot_change_or_delete_the_released_version_of_a_commitment(client, envoy, negotiation):
    """An edit of a published commitment is a revision for a second person; the released row stays."""
    meeting = MeetingFactory(negotiation=negotiation, logged_by=envoy, published=True)
    commitment = CommitmentFactory(negotiation=negotiation, source_meeting=meeting)
    client = logged_in(client, envoy)

    client.post(url("commitments_commitment_change", commitment.pk),
                {"text": "Changed behind the reviewer's back.", "promiser": "company", "area": commitment.area,
                 "principle": commitment.principle, "_save": "Save"})
    assert client.post(url("commitments_commitment_delete", commitment.pk), {"post": "yes"}).status_code == 403

    commitment.refresh_from_db()
    assert commitment.text != "Changed behind the reviewer's back."
    assert Commitment.objects.filter(pk=commitment.pk).exists()


def test_the_published_meeting_inline_does_not_change_its_commitments(client, envoy, negotiation):
    meeting = MeetingFactory(negotiation=negotiation, logged_by=envoy, published=True)
    commitment = CommitmentFactory(negotiation=negotiation, source_meeting=meeting)
    data = meeting_post(negotiation, [{**COMMITMENT_ROW, "id": commitment.pk, "source_meeting": meeting.pk,
                                       "text": "Changed in the inline."}])
    data["commitments-INITIAL_FORMS"] = "1"

    logged_in(client, envoy).post(url("negotiations_meeting_change", meeting.pk), data)

    commitment.refresh_from_db()
    assert commitment.text != "Changed in the inline."


def test_completion_without_evidence_gives_the_same_message_as_the_api(client, envoy, negotiation):
    commitment = CommitmentFactory(negotiation=negotiation, without_meeting=True, draft=True)

    response = logged_in(client, envoy).post(
        url("commitments_commitmentupdate_add"), update_post(commitment, completion=CompletionLevel.COMPLETE)
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["evidence"] == [str(COMPLETION_NEEDS_EVIDENCE)]


def test_a_negotiation_added_as_announced_is_not_public_until_a_second_person_announces_it(
    client, envoy, staff, amsterdam
):
    company = TechCompanyFactory()
    response = logged_in(client, envoy).post(url("negotiations_negotiation_add"), {
        "city": amsterdam.pk, "company": company.pk, "title": "Cloud hosting", "slug": "cloud-hosting",
        "stage": "scoping", "opened_on": "2025-01-10", "lead_envoy": envoy.pk, "public_summary": "",
        "is_public": "on", "meetings-TOTAL_FORMS": "0", "meetings-INITIAL_FORMS": "0", "_save": "Save",
    })
    assert response.status_code == 302, response.context["adminform"].form.errors
    negotiation = Negotiation.objects.get(slug="cloud-hosting")
    assert not negotiation.is_public

    client.post(url("negotiations_negotiation_propose_announcement", negotiation.pk))
    assert client.post(url("negotiations_negotiation_announce", negotiation.pk)).status_code == 403
    negotiation.refresh_from_db()
    assert not negotiation.is_public and negotiation.announcement_proposed_by == envoy

    logged_in(client, staff).post(url("negotiations_negotiation_announce", negotiation.pk))
    negotiation.refresh_from_db()
    assert negotiation.is_public and negotiation.announced_by == staff


def test_council_staff_publish_a_submitted_commitment_from_its_page(client, envoy, staff, negotiation):
    commitment = CommitmentFactory(negotiation=negotiation, without_meeting=True, submitted=True, logged_by=envoy)

    page = logged_in(client, staff).get(url("commitments_commitment_change", commitment.pk))
    assert "Publish" in [str(step["label"]) for step in page.context["workflow_steps"]]
    client.post(url("commitments_commitment_publish", commitment.pk))

    assert Commitment.objects.public().filter(pk=commitment.pk).exists()
