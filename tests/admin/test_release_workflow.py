"""The release workflow in the admin (submit, publish, return to draft) and the history it leaves."""


import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME

from ambassador.commitments.factories import CommitmentFactory
from ambassador.negotiations.choices import ReviewState
from ambassador.negotiations.factories import MeetingFactory
from ambassador.negotiations.models import Meeting
from ambassador.stakeholders.factories import (
    EnvoyUserFactory,
)
from tests.admin.helpers import logged_in, meeting_post, messages_of, update_post, url

pytestmark = pytest.mark.django_db


# --- release workflow ----------------------------------------------------------------------------------------------


def workflow_labels(response) -> list[str]:
    return [str(step["label"]) for step in response.context["workflow_steps"]]


def test_envoy_submits_from_the_meeting_page(client, envoy, negotiation):
    meeting = MeetingFactory(negotiation=negotiation, logged_by=envoy)
    client = logged_in(client, envoy)
    page = client.get(url("negotiations_meeting_change", meeting.pk))
    assert workflow_labels(page) == ["Submit for review"]
    assert 'name="_save"' in page.content.decode()
    assert url("negotiations_meeting_submit", meeting.pk) in page.content.decode()

    response = client.post(url("negotiations_meeting_submit", meeting.pk))

    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.review_state == ReviewState.SUBMITTED


def test_workflow_steps_refuse_get(client, envoy, negotiation):
    meeting = MeetingFactory(negotiation=negotiation, logged_by=envoy)

    assert logged_in(client, envoy).get(url("negotiations_meeting_submit", meeting.pk)).status_code == 405
    meeting.refresh_from_db()
    assert meeting.review_state == ReviewState.DRAFT


def test_an_envoy_is_offered_no_publish_and_a_forged_publish_is_refused(client, envoy, amsterdam, negotiation):
    colleague = EnvoyUserFactory(city=amsterdam)
    meeting = MeetingFactory(negotiation=negotiation, logged_by=colleague, submitted=True)
    client = logged_in(client, envoy)

    assert "Publish" not in workflow_labels(client.get(url("negotiations_meeting_change", meeting.pk)))
    assert "publish" not in client.get(url("negotiations_meeting_changelist")).context["action_form"].fields[
        "action"].choices.__repr__()
    assert client.post(url("negotiations_meeting_publish", meeting.pk)).status_code == 403
    client.post(url("negotiations_meeting_changelist"),
                {"action": "publish", ACTION_CHECKBOX_NAME: [meeting.pk], "index": "0"})

    meeting.refresh_from_db()
    assert meeting.review_state == ReviewState.SUBMITTED


def test_council_staff_publish_from_the_meeting_page_and_the_time_is_stamped(client, envoy, staff, negotiation):
    meeting = MeetingFactory(negotiation=negotiation, logged_by=envoy, submitted=True)
    client = logged_in(client, staff)
    assert workflow_labels(client.get(url("negotiations_meeting_change", meeting.pk))) == [
        "Publish", "Return to draft…"
    ]

    client.post(url("negotiations_meeting_publish", meeting.pk))

    meeting.refresh_from_db()
    assert (meeting.review_state, meeting.published_by) == (ReviewState.PUBLISHED, staff)
    assert meeting.published_at is not None


def test_council_staff_cannot_publish_a_record_they_logged(client, staff, negotiation):
    meeting = MeetingFactory(negotiation=negotiation, logged_by=staff, submitted=True)
    client = logged_in(client, staff)

    assert "Publish" not in workflow_labels(client.get(url("negotiations_meeting_change", meeting.pk)))
    assert client.post(url("negotiations_meeting_publish", meeting.pk)).status_code == 403
    response = client.post(url("negotiations_meeting_changelist"),
                           {"action": "publish", ACTION_CHECKBOX_NAME: [meeting.pk], "index": "0"}, follow=True)

    assert any("someone other than the person who logged it" in text for text in messages_of(response))
    meeting.refresh_from_db()
    assert meeting.review_state == ReviewState.SUBMITTED


def test_return_to_draft_from_the_meeting_page_needs_a_reason(client, envoy, negotiation):
    meeting = MeetingFactory(negotiation=negotiation, logged_by=envoy, submitted=True)
    client = logged_in(client, envoy)

    without = client.post(url("negotiations_meeting_return_to_draft", meeting.pk), {"reason": ""})
    assert without.status_code == 200
    meeting.refresh_from_db()
    assert meeting.review_state == ReviewState.SUBMITTED

    client.post(url("negotiations_meeting_return_to_draft", meeting.pk), {"reason": "Attendees missing"})

    meeting.refresh_from_db()
    assert meeting.review_state == ReviewState.DRAFT
    assert meeting.history.latest().history_change_reason == "Returned to draft: Attendees missing"


def test_return_to_draft_action_asks_for_a_reason_then_applies_it(client, envoy, negotiation):
    meeting = MeetingFactory(negotiation=negotiation, logged_by=envoy, submitted=True)
    client = logged_in(client, envoy)
    selection = {"action": "return_to_draft", ACTION_CHECKBOX_NAME: [meeting.pk]}

    asked = client.post(url("negotiations_meeting_changelist"), {**selection, "index": "0"})
    assert "reason" in asked.context["form"].fields
    client.post(url("negotiations_meeting_changelist"), {**selection, "apply": "1", "reason": "Wrong date"})

    meeting.refresh_from_db()
    assert meeting.review_state == ReviewState.DRAFT


def test_an_envoy_cannot_withdraw_or_delete_a_published_record_but_staff_can(client, envoy, staff, negotiation):
    meeting = MeetingFactory(negotiation=negotiation, logged_by=envoy, published=True)
    envoy_client = logged_in(client, envoy)

    assert workflow_labels(envoy_client.get(url("negotiations_meeting_change", meeting.pk))) == []
    assert envoy_client.post(url("negotiations_meeting_return_to_draft", meeting.pk),
                             {"reason": "Typo"}).status_code == 403
    assert envoy_client.post(url("negotiations_meeting_delete", meeting.pk), {"post": "yes"}).status_code == 403
    envoy_client.post(url("negotiations_meeting_changelist"),
                      {"action": "delete_selected", ACTION_CHECKBOX_NAME: [meeting.pk], "post": "yes"})
    assert Meeting.objects.filter(pk=meeting.pk, review_state=ReviewState.PUBLISHED).exists()

    staff_client = logged_in(client, staff)
    assert "Return to draft…" in workflow_labels(staff_client.get(url("negotiations_meeting_change", meeting.pk)))
    staff_client.post(url("negotiations_meeting_delete", meeting.pk), {"post": "yes"})
    assert Meeting.objects.filter(pk=meeting.pk).exists()  # a published record is deleted with a public reason
    staff_client.post(url("negotiations_meeting_delete", meeting.pk), {"post": "yes", "reason": "Logged twice"})
    assert not Meeting.objects.filter(pk=meeting.pk).exists()


def test_every_workflow_step_is_in_the_history_page_with_who_and_when(client, envoy, staff, negotiation):
    meeting = MeetingFactory(negotiation=negotiation, logged_by=envoy)
    logged_in(client, envoy).post(url("negotiations_meeting_submit", meeting.pk))
    logged_in(client, staff).post(url("negotiations_meeting_return_to_draft", meeting.pk), {"reason": "Check names"})
    logged_in(client, envoy).post(url("negotiations_meeting_submit", meeting.pk))
    logged_in(client, staff).post(url("negotiations_meeting_publish", meeting.pk))

    steps = [(h.history_user, h.history_change_reason)
             for h in meeting.history.filter(history_change_reason__isnull=False).order_by("history_date")]
    assert steps == [
        (envoy, "Submitted for review"),
        (staff, "Returned to draft: Check names"),
        (envoy, "Submitted for review"),
        (staff, "Published"),
    ]
    page = client.get(url("negotiations_meeting_history", meeting.pk)).content.decode()
    assert page.count("ams-staff") >= 2 and page.count("ams-envoy") >= 2
    assert "Returned to draft: Check names" in page
    assert "<strong>Review state:</strong>" in page

# --- audit ---------------------------------------------------------------------------------------------------------


def test_history_cannot_be_written_back(client, envoy, negotiation):
    meeting = MeetingFactory(negotiation=negotiation, logged_by=envoy, subject="First")
    client = logged_in(client, envoy)
    client.post(url("negotiations_meeting_change", meeting.pk), meeting_post(negotiation, subject="Second"))
    first = meeting.history.earliest()

    page = client.get(url("negotiations_meeting_simple_history", meeting.pk, first.pk))
    assert page.status_code == 200
    assert 'value="Revert"' not in page.content.decode()
    assert client.post(url("negotiations_meeting_simple_history", meeting.pk, first.pk),
                       meeting_post(negotiation, subject="First")).status_code == 403

    meeting.refresh_from_db()
    assert meeting.subject == "Second"


def test_a_published_version_cannot_be_restored_from_history_past_the_workflow(client, envoy, staff, negotiation):
    meeting = MeetingFactory(negotiation=negotiation, logged_by=envoy, submitted=True)
    logged_in(client, staff).post(url("negotiations_meeting_publish", meeting.pk))
    published = meeting.history.latest()
    logged_in(client, staff).post(url("negotiations_meeting_return_to_draft", meeting.pk), {"reason": "Wrong"})

    client = logged_in(client, envoy)
    client.post(url("negotiations_meeting_simple_history", meeting.pk, published.pk), meeting_post(negotiation))

    meeting.refresh_from_db()
    assert meeting.review_state == ReviewState.DRAFT


def test_a_progress_update_is_in_the_commitments_history_with_the_acting_user(client, envoy, negotiation):
    commitment = CommitmentFactory(negotiation=negotiation)
    client = logged_in(client, envoy)

    client.post(url("commitments_commitmentupdate_add"), update_post(commitment))

    page = client.get(url("commitments_commitment_history", commitment.pk)).content.decode()
    assert "ams-envoy" in page
    assert "Progress update: The company shared a first sample" in page
