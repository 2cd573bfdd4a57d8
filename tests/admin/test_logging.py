"""Logging a meeting with its commitments in the admin, and reporting a commitment's progress."""

import datetime
import re

import pytest

from ambassador.commitments.choices import Area, CompletionLevel, Principle
from ambassador.commitments.factories import CommitmentFactory
from ambassador.commitments.models import Commitment, CommitmentUpdate
from ambassador.negotiations.choices import Confidentiality, ReviewState, WithholdingGround
from ambassador.negotiations.factories import MeetingFactory, NegotiationFactory
from ambassador.negotiations.models import Meeting
from ambassador.stakeholders.factories import (
    PersonFactory,
)
from tests.admin.helpers import COMMITMENT_ROW, logged_in, meeting_post, messages_of, update_post, url

pytestmark = pytest.mark.django_db


# --- logging a meeting in a minute ---------------------------------------------------------------------------------


def test_negotiation_page_links_to_logging_a_meeting_with_the_negotiation_filled_in(client, envoy, negotiation):
    client = logged_in(client, envoy)
    add_url = url("negotiations_meeting_add", negotiation=negotiation.pk)

    page = client.get(url("negotiations_negotiation_change", negotiation.pk))
    assert add_url.replace("&", "&amp;") in page.content.decode()

    form = client.get(add_url).context["adminform"].form
    assert str(form["negotiation"].value()) == str(negotiation.pk)


def test_envoy_logs_a_meeting_with_its_commitments_on_one_page(client, envoy, negotiation):
    attendee = PersonFactory(recorded_by_city=negotiation.city)
    second = {**COMMITMENT_ROW, "area": Area.WORKERS_RIGHTS, "principle": Principle.FAIR_PAY, "promiser": "city",
              "text": "Pay couriers at least the living wage."}

    response = logged_in(client, envoy).post(
        url("negotiations_meeting_add"),
        meeting_post(negotiation, [COMMITMENT_ROW, second], attendees=[attendee.pk],
                     organisations=[negotiation.company.pk]),
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    meeting = Meeting.objects.get(subject="Trip-level mobility data feed")
    assert (meeting.review_state, meeting.logged_by) == (ReviewState.DRAFT, envoy)
    assert list(meeting.attendees.all()) == [attendee]
    assert list(meeting.organisations.all()) == [negotiation.company]
    commitments = Commitment.objects.filter(source_meeting=meeting)
    assert {c.text for c in commitments} == {COMMITMENT_ROW["text"], second["text"]}
    assert {c.negotiation for c in commitments} == {negotiation}
    assert meeting.history.earliest().history_user == envoy


def test_a_commitment_logged_complete_in_the_meeting_page_is_dated_not_a_server_error(client, envoy, negotiation):
    row = {**COMMITMENT_ROW, "completion": CompletionLevel.COMPLETE, "evidence": "The feed went live in March."}

    response = logged_in(client, envoy).post(url("negotiations_meeting_add"), meeting_post(negotiation, [row]))

    assert response.status_code == 302
    assert Commitment.objects.get(text=row["text"]).completed_on is not None


def test_a_commitment_logged_complete_without_evidence_in_the_meeting_page_is_a_form_error(client, envoy, negotiation):
    row = {**COMMITMENT_ROW, "completion": CompletionLevel.COMPLETE}

    response = logged_in(client, envoy).post(url("negotiations_meeting_add"), meeting_post(negotiation, [row]))

    assert response.status_code == 200
    assert "Say what shows the commitment is complete." in response.content.decode()
    assert not Meeting.objects.exists()


def test_confidential_meeting_without_release_date_is_refused_on_the_form(client, envoy, negotiation):
    response = logged_in(client, envoy).post(
        url("negotiations_meeting_add"),
        meeting_post(negotiation, confidentiality=Confidentiality.CONFIDENTIAL,
                     withholding_ground=WithholdingGround.COMMERCIAL),
    )

    assert response.status_code == 200
    assert "A confidential meeting needs a release date." in response.content.decode()
    assert not Meeting.objects.exists()


def test_vague_minutes_are_saved_with_a_warning_on_the_form_and_in_the_list(client, envoy, negotiation):
    client = logged_in(client, envoy)
    response = client.post(
        url("negotiations_meeting_add"),
        meeting_post(negotiation, minutes_main_points="General discussion", minutes_positions="Current affairs.",
                     minutes_conclusions="", _continue="Save and continue editing"),
        follow=True,
    )

    meeting = Meeting.objects.get()
    warnings = [text for text in messages_of(response) if "minutes are vague" in text]
    assert any("the conclusions are empty" in text for text in warnings)
    assert any("General discussion" in text for text in warnings)
    form_page = response.content.decode()
    assert "Vague minutes lower the record" in form_page
    assert "the conclusions are empty" in form_page

    listing = client.get(url("negotiations_meeting_changelist")).content.decode()
    assert re.search(rf'<a href="[^"]*/{meeting.pk}/change/[^"]*">', listing)
    assert "⚠" in listing


def test_specific_minutes_carry_no_warning(client, envoy, negotiation):
    response = logged_in(client, envoy).post(url("negotiations_meeting_add"), meeting_post(negotiation), follow=True)

    assert not [text for text in messages_of(response) if "vague" in text]


def test_a_logged_meeting_stays_in_its_negotiation(client, envoy, negotiation, amsterdam):
    meeting = MeetingFactory(negotiation=negotiation, logged_by=envoy)
    other = NegotiationFactory(city=amsterdam)

    response = logged_in(client, envoy).post(url("negotiations_meeting_change", meeting.pk),
                                             meeting_post(other, subject="Moved"))

    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.negotiation, meeting.subject) == (negotiation, "Moved")


def test_an_envoy_edits_a_draft_through_the_admin_and_history_shows_who_and_what(client, envoy, negotiation):
    meeting = MeetingFactory(negotiation=negotiation, logged_by=envoy, subject="Old subject")
    client = logged_in(client, envoy)

    response = client.post(url("negotiations_meeting_change", meeting.pk),
                           meeting_post(negotiation, subject="Anonymisation standard"))

    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.subject == "Anonymisation standard"
    assert meeting.history.latest().history_user == envoy
    history = client.get(url("negotiations_meeting_history", meeting.pk)).content.decode()
    assert "ams-envoy" in history
    assert "Old subject" in history and "Anonymisation standard" in history


def test_a_published_record_edited_on_its_page_keeps_its_released_version_and_commitments(client, envoy, negotiation):
    meeting = MeetingFactory(negotiation=negotiation, logged_by=envoy, subject="As released", published=True)
    client = logged_in(client, envoy)

    client.post(url("negotiations_meeting_change", meeting.pk),
                meeting_post(negotiation, subject="Quietly rewritten", commitments=[COMMITMENT_ROW],
                             revision_reason="A better subject"))

    meeting.refresh_from_db()
    assert meeting.subject == "As released"
    assert not meeting.commitments.exists()


@pytest.mark.parametrize("state", ["submitted"])
def test_a_record_that_left_draft_is_read_only_on_its_page(client, envoy, negotiation, state):
    meeting = MeetingFactory(negotiation=negotiation, logged_by=envoy, subject="As released", **{state: True})
    client = logged_in(client, envoy)

    page = client.get(url("negotiations_meeting_change", meeting.pk))
    form = page.context["adminform"].form
    assert "subject" not in form.fields
    assert "minutes_conclusions" not in form.fields
    assert 'name="_save"' not in page.content.decode()
    client.post(url("negotiations_meeting_change", meeting.pk),
                meeting_post(negotiation, subject="Quietly rewritten", commitments=[COMMITMENT_ROW]))

    meeting.refresh_from_db()
    assert meeting.subject == "As released"
    assert not meeting.commitments.exists()


def test_a_recorded_commitments_due_date_cannot_be_moved_from_the_meeting_page(client, envoy, negotiation):
    meeting = MeetingFactory(negotiation=negotiation, logged_by=envoy)
    commitment = CommitmentFactory(negotiation=negotiation, source_meeting=meeting, due_on=datetime.date(2026, 9, 30))
    row = {**COMMITMENT_ROW, "id": commitment.pk, "source_meeting": meeting.pk, "due_on": "2027-12-31",
           "area": commitment.area, "principle": commitment.principle, "text": "Reworded."}
    data = meeting_post(negotiation, [row])
    data["commitments-INITIAL_FORMS"] = "1"

    response = logged_in(client, envoy).post(url("negotiations_meeting_change", meeting.pk), data)

    assert response.status_code == 302
    commitment.refresh_from_db()
    assert commitment.text == "Reworded."
    assert (commitment.due_on, commitment.slippage_count) == (datetime.date(2026, 9, 30), 0)

# --- commitment progress -------------------------------------------------------------------------------------------


def test_progress_that_moves_the_due_date_with_a_reason_is_counted(client, envoy, negotiation):
    commitment = CommitmentFactory(negotiation=negotiation, due_on=datetime.date(2026, 9, 30))

    response = logged_in(client, envoy).post(
        url("commitments_commitmentupdate_add"),
        update_post(commitment, new_due_on="2026-12-31", due_date_reason="The DPIA is not finished."),
    )

    assert response.status_code == 302
    commitment.refresh_from_db()
    assert (commitment.due_on, commitment.slippage_count) == (datetime.date(2026, 12, 31), 1)
    update = CommitmentUpdate.objects.get()
    assert (update.logged_by, update.previous_due_on) == (envoy, datetime.date(2026, 9, 30))


def test_moving_the_due_date_without_a_reason_is_refused_on_the_form(client, envoy, negotiation):
    commitment = CommitmentFactory(negotiation=negotiation, due_on=datetime.date(2026, 9, 30))

    response = logged_in(client, envoy).post(url("commitments_commitmentupdate_add"),
                                             update_post(commitment, new_due_on="2026-12-31"))

    assert response.status_code == 200
    assert "Moving the due date needs a reason." in response.content.decode()
    commitment.refresh_from_db()
    assert commitment.slippage_count == 0


def test_completing_a_commitment_needs_evidence(client, envoy, negotiation):
    commitment = CommitmentFactory(negotiation=negotiation)

    response = logged_in(client, envoy).post(url("commitments_commitmentupdate_add"),
                                             update_post(commitment, completion=CompletionLevel.COMPLETE))

    assert response.status_code == 200
    assert not CommitmentUpdate.objects.exists()


def test_a_commitments_due_date_and_completion_are_read_only_on_its_page(client, envoy, negotiation):
    commitment = CommitmentFactory(negotiation=negotiation)

    form = logged_in(client, envoy).get(url("commitments_commitment_change", commitment.pk)).context["adminform"].form

    assert not {"due_on", "completion", "completed_on", "slippage_count", "original_due_on"} & set(form.fields)


def test_an_envoy_records_a_commitment_through_the_service_rules(client, envoy, negotiation):
    meeting = MeetingFactory(negotiation=negotiation)
    data = {**COMMITMENT_ROW, "negotiation": negotiation.pk, "source_meeting": meeting.pk,
            "completion": CompletionLevel.COMPLETE, "completed_on": "2026-01-10",
            "evidence": "The union confirmed the new contracts.",
            "evidence_url": "", "updates-TOTAL_FORMS": "0", "updates-INITIAL_FORMS": "0", "_save": "Save"}

    response = logged_in(client, envoy).post(url("commitments_commitment_add"), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    commitment = Commitment.objects.get()
    assert (commitment.source_meeting, commitment.original_due_on) == (meeting, datetime.date(2026, 9, 30))
    assert commitment.history.get().history_user == envoy
