"""The envoys' admin, driven through the Django test client as each role uses it.

An Amsterdam envoy logs meetings and commitments, Amsterdam council staff release them, and a
superuser sees everything. Barcelona's records are there to be not seen.
"""

import datetime
import re

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.http import urlencode

from ambassador.commitments.choices import Area, CompletionLevel, Principle
from ambassador.commitments.factories import CommitmentFactory, CommitmentUpdateFactory, OverdueFlagFactory
from ambassador.commitments.models import Commitment, CommitmentUpdate
from ambassador.negotiations.choices import Confidentiality, ReviewState, WithholdingGround
from ambassador.negotiations.factories import MeetingFactory, NegotiationFactory
from ambassador.negotiations.models import Meeting, Negotiation
from ambassador.risk.factories import RiskAssessmentFactory
from ambassador.stakeholders.factories import (
    EnvoyUserFactory,
    PersonFactory,
    TechCompanyFactory,
)
from ambassador.stakeholders.models import Person

pytestmark = pytest.mark.django_db


# --- fixtures and helpers ------------------------------------------------------------------------------------------


@pytest.fixture
def foreign_negotiation(barcelona):
    return NegotiationFactory(city=barcelona)


def url(name, *args, **query):
    address = reverse(f"admin:{name}", args=args)
    return f"{address}?{urlencode(query, doseq=True)}" if query else address


def logged_in(client, user):
    client.force_login(user)
    return client


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def meeting_post(negotiation, commitments=(), **overrides):
    """The POST body of the meeting add form, with the commitments inline."""
    data = {
        "negotiation": negotiation.pk,
        "subject": "Trip-level mobility data feed",
        "topic": "",
        "starts_at_0": "2025-03-04",
        "starts_at_1": "10:00:00",
        "format": "in_person",
        "location": "City Hall",
        "minutes_main_points": "The company presented its data specification for the feed.",
        "minutes_positions": "The city wants trip-level data within 24 hours; the company offers weekly totals.",
        "minutes_conclusions": "The company sends a revised specification within four weeks.",
        "confidentiality": Confidentiality.PUBLIC,
        "withholding_ground": "",
        "release_on": "",
        "commitments-TOTAL_FORMS": str(len(commitments)),
        "commitments-INITIAL_FORMS": "0",
        "commitments-MIN_NUM_FORMS": "0",
        "commitments-MAX_NUM_FORMS": "1000",
        "_save": "Save",
    }
    for index, commitment in enumerate(commitments):
        data.update({f"commitments-{index}-{name}": value for name, value in commitment.items()})
    data.update(overrides)
    return data


COMMITMENT_ROW = {
    "promiser": "company",
    "area": Area.DATA_GOVERNANCE,
    "principle": Principle.PRIVACY,
    "text": "Keep resident data on servers inside the EU.",
    "due_on": "2026-09-30",
    "completion": CompletionLevel.NOT_STARTED,
}


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
    row = {**COMMITMENT_ROW, "completion": CompletionLevel.COMPLETE}

    response = logged_in(client, envoy).post(url("negotiations_meeting_add"), meeting_post(negotiation, [row]))

    assert response.status_code == 302
    assert Commitment.objects.get(text=row["text"]).completed_on is not None


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


@pytest.mark.parametrize("state", ["submitted", "published"])
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


def update_post(commitment, **overrides):
    return {
        "commitment": commitment.pk,
        "reported_on": "2026-05-02",
        "summary": "The company shared a first sample of the feed.",
        "completion": CompletionLevel.LIMITED,
        "new_due_on": "",
        "due_date_reason": "",
        "evidence": "",
        "evidence_url": "",
        "_save": "Save",
        **overrides,
    }


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
            "completion": CompletionLevel.COMPLETE, "completed_on": "2026-01-10", "evidence": "",
            "evidence_url": "", "updates-TOTAL_FORMS": "0", "updates-INITIAL_FORMS": "0", "_save": "Save"}

    response = logged_in(client, envoy).post(url("commitments_commitment_add"), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    commitment = Commitment.objects.get()
    assert (commitment.source_meeting, commitment.original_due_on) == (meeting, datetime.date(2026, 9, 30))
    assert commitment.history.get().history_user == envoy


# --- lists ---------------------------------------------------------------------------------------------------------


def test_overdue_filter_lists_commitments_past_their_due_date_with_overdue_since(client, envoy, negotiation):
    late = CommitmentFactory(negotiation=negotiation, due_on=datetime.date(2024, 3, 1))
    on_time = CommitmentFactory(negotiation=negotiation, due_on=datetime.date(2099, 3, 1))
    client = logged_in(client, envoy)

    response = client.get(url("commitments_commitment_changelist", overdue="yes"))

    assert list(response.context["cl"].queryset) == [late]
    assert "March 2, 2024" in response.content.decode()
    assert on_time in client.get(url("commitments_commitment_changelist", overdue="no")).context["cl"].queryset


@pytest.mark.parametrize(
    ("changelist", "query"),
    [
        ("negotiations_negotiation_changelist", {"stage__exact": "active", "q": "data"}),
        ("negotiations_meeting_changelist", {"review_state__exact": "draft", "confidentiality__exact": "public"}),
        ("negotiations_meeting_changelist", {"negotiation__stage__exact": "active"}),
        ("commitments_commitment_changelist", {"area__exact": "data_governance", "completion__exact": "not_started"}),
        ("commitments_commitment_changelist", {"principle__exact": "privacy", "slipped": "no",
                                               "negotiation__stage__exact": "active"}),
    ],
)
def test_list_filters_narrow_the_list(client, envoy, negotiation, changelist, query):
    meeting = MeetingFactory(negotiation=negotiation)
    CommitmentFactory(negotiation=negotiation, source_meeting=meeting, principle=Principle.PRIVACY)
    CommitmentFactory(negotiation=NegotiationFactory(city=negotiation.city, stalled=True), workers_rights=True,
                      completion=CompletionLevel.LIMITED, source_meeting__submitted=True,
                      source_meeting__restricted=True)
    client = logged_in(client, envoy)

    everything = client.get(url(changelist)).context["cl"].queryset.count()
    filtered = client.get(url(changelist, **query))

    assert filtered.status_code == 200
    assert 0 < filtered.context["cl"].queryset.count() < everything


def test_negotiation_list_shows_the_latest_risk_score_in_the_city(client, envoy, negotiation):
    RiskAssessmentFactory(organisation=negotiation.company, city=negotiation.city,
                          assessed_on=datetime.date(2025, 1, 1), score=20)
    RiskAssessmentFactory(organisation=negotiation.company, city=negotiation.city,
                          assessed_on=datetime.date(2025, 6, 1), score=73)

    response = logged_in(client, envoy).get(url("negotiations_negotiation_changelist"))

    assert '<td class="field-latest_risk_score">73</td>' in response.content.decode()


def test_disclosure_lag_is_shown_for_published_records(client, staff, negotiation):
    meeting = MeetingFactory(negotiation=negotiation, published=True)

    page = logged_in(client, staff).get(url("negotiations_meeting_change", meeting.pk)).content.decode()

    assert "3 days" in page


# --- who sees what -------------------------------------------------------------------------------------------------


@pytest.fixture
def two_cities(negotiation, foreign_negotiation):
    """A meeting with a commitment in each city."""
    ours = MeetingFactory(negotiation=negotiation)
    theirs = MeetingFactory(negotiation=foreign_negotiation)
    return {
        "ours": {"meeting": ours, "commitment": CommitmentFactory(negotiation=negotiation, source_meeting=ours)},
        "theirs": {"meeting": theirs,
                   "commitment": CommitmentFactory(negotiation=foreign_negotiation, source_meeting=theirs)},
    }


@pytest.mark.parametrize(("role", "sees_theirs"), [("envoy", False), ("staff", False), ("superuser", True)])
def test_each_role_lists_only_the_records_it_may_see(client, request, two_cities, role, sees_theirs):
    client = logged_in(client, request.getfixturevalue(role))

    for model in ("meeting", "commitment"):
        app = "negotiations" if model == "meeting" else "commitments"
        listed = set(client.get(url(f"{app}_{model}_changelist")).context["cl"].queryset)
        assert two_cities["ours"][model] in listed
        assert (two_cities["theirs"][model] in listed) is sees_theirs


@pytest.mark.parametrize("role", ["envoy", "staff"])
@pytest.mark.parametrize("view", ["change", "delete", "history"])
def test_another_citys_record_is_not_found(client, request, two_cities, role, view):
    client = logged_in(client, request.getfixturevalue(role))

    for model in ("meeting", "commitment"):
        app = "negotiations" if model == "meeting" else "commitments"
        record = two_cities["theirs"][model]
        assert client.get(url(f"{app}_{model}_{view}", record.pk)).status_code == 404
        assert client.post(url(f"{app}_{model}_{view}", record.pk), {"post": "yes"}).status_code == 404
    assert Meeting.objects.filter(pk=two_cities["theirs"]["meeting"].pk).exists()


def test_a_past_version_of_another_citys_record_is_not_found(client, envoy, two_cities):
    theirs = two_cities["theirs"]["meeting"]
    version = theirs.history.latest()

    response = logged_in(client, envoy).get(url("negotiations_meeting_simple_history", theirs.pk, version.pk))

    assert response.status_code == 404


@pytest.mark.parametrize(
    ("role", "may_publish"), [("envoy", False), ("staff", True), ("superuser", True)]
)
def test_each_role_opens_and_changes_its_citys_draft_and_only_staff_publish(
    client, request, amsterdam, negotiation, role, may_publish
):
    author = EnvoyUserFactory(city=amsterdam)
    draft = MeetingFactory(negotiation=negotiation, logged_by=author)
    submitted = MeetingFactory(negotiation=negotiation, logged_by=author, submitted=True)
    client = logged_in(client, request.getfixturevalue(role))

    assert client.get(url("negotiations_meeting_change", draft.pk)).status_code == 200
    client.post(url("negotiations_meeting_change", draft.pk), meeting_post(negotiation, subject=f"Edited by {role}"))
    client.post(url("negotiations_meeting_publish", submitted.pk))

    draft.refresh_from_db()
    submitted.refresh_from_db()
    assert draft.subject == f"Edited by {role}"
    assert (submitted.review_state == ReviewState.PUBLISHED) is may_publish


def test_a_superuser_opens_any_citys_record(client, superuser, two_cities):
    theirs = two_cities["theirs"]["meeting"]

    assert logged_in(client, superuser).get(url("negotiations_meeting_change", theirs.pk)).status_code == 200


def test_staff_see_their_own_city_and_release_its_records(client, staff, envoy, negotiation, foreign_negotiation):
    ours = MeetingFactory(negotiation=negotiation, logged_by=envoy, submitted=True)
    theirs = MeetingFactory(negotiation=foreign_negotiation, submitted=True)
    client = logged_in(client, staff)

    client.post(url("negotiations_meeting_changelist"),
                {"action": "publish", ACTION_CHECKBOX_NAME: [ours.pk, theirs.pk], "index": "0"})

    ours.refresh_from_db()
    theirs.refresh_from_db()
    assert (ours.review_state, theirs.review_state) == (ReviewState.PUBLISHED, ReviewState.SUBMITTED)


def test_a_forged_post_naming_another_citys_negotiation_is_rejected_and_writes_nothing(
    client, envoy, foreign_negotiation
):
    response = logged_in(client, envoy).post(
        url("negotiations_meeting_add"), meeting_post(foreign_negotiation, [COMMITMENT_ROW])
    )

    assert response.status_code == 200
    assert "Select a valid choice" in str(response.context["adminform"].form.errors["negotiation"])
    assert not Meeting.objects.exists()
    assert not Commitment.objects.exists()


def test_a_forged_post_naming_another_city_when_opening_a_negotiation_is_rejected(client, envoy, barcelona):
    data = {"city": barcelona.pk, "company": TechCompanyFactory().pk, "title": "Ours now", "slug": "ours-now",
            "stage": "scoping", "opened_on": "2025-01-01", "meetings-TOTAL_FORMS": "0",
            "meetings-INITIAL_FORMS": "0", "_save": "Save"}

    response = logged_in(client, envoy).post(url("negotiations_negotiation_add"), data)

    assert "Select a valid choice" in str(response.context["adminform"].form.errors["city"])
    assert not Negotiation.objects.filter(slug="ours-now").exists()


def test_a_forged_post_naming_another_citys_commitment_or_negotiation_is_rejected(client, envoy, two_cities):
    theirs = two_cities["theirs"]["commitment"]
    client = logged_in(client, envoy)

    update = client.post(url("commitments_commitmentupdate_add"), update_post(theirs))
    commitment = client.post(url("commitments_commitment_add"),
                             {**COMMITMENT_ROW, "negotiation": theirs.negotiation.pk, "_save": "Save",
                              "updates-TOTAL_FORMS": "0", "updates-INITIAL_FORMS": "0"})

    assert "Select a valid choice" in str(update.context["adminform"].form.errors["commitment"])
    assert "Select a valid choice" in str(commitment.context["adminform"].form.errors["negotiation"])
    assert not CommitmentUpdate.objects.exists()
    assert Commitment.objects.count() == 2


def test_a_forged_inline_row_naming_another_citys_commitment_does_not_touch_it(client, envoy, two_cities):
    ours, theirs = two_cities["ours"]["meeting"], two_cities["theirs"]["commitment"]
    row = {**COMMITMENT_ROW, "id": theirs.pk, "source_meeting": ours.pk, "area": theirs.area,
           "principle": theirs.principle, "text": "Hijacked."}
    data = meeting_post(ours.negotiation, [row])
    data["commitments-INITIAL_FORMS"] = "1"

    logged_in(client, envoy).post(url("negotiations_meeting_change", ours.pk), data)

    theirs.refresh_from_db()
    assert (theirs.text, theirs.source_meeting) != ("Hijacked.", ours)
    assert not Commitment.objects.filter(text="Hijacked.").exclude(source_meeting=ours).exists()


def test_bulk_delete_touches_only_the_users_rows_even_when_the_post_names_others(
    client, envoy, negotiation, foreign_negotiation
):
    ours = MeetingFactory(negotiation=negotiation)
    theirs = MeetingFactory(negotiation=foreign_negotiation)

    logged_in(client, envoy).post(
        url("negotiations_meeting_changelist"),
        {"action": "delete_selected", ACTION_CHECKBOX_NAME: [ours.pk, theirs.pk], "post": "yes"},
    )

    assert not Meeting.objects.filter(pk=ours.pk).exists()
    assert Meeting.objects.filter(pk=theirs.pk).exists()


def test_workflow_actions_touch_only_the_users_rows_even_when_the_post_names_others(
    client, envoy, negotiation, foreign_negotiation
):
    ours = MeetingFactory(negotiation=negotiation)
    theirs = MeetingFactory(negotiation=foreign_negotiation)

    logged_in(client, envoy).post(
        url("negotiations_meeting_changelist"),
        {"action": "submit_for_review", ACTION_CHECKBOX_NAME: [ours.pk, theirs.pk], "index": "0"},
    )

    ours.refresh_from_db()
    theirs.refresh_from_db()
    assert (ours.review_state, theirs.review_state) == (ReviewState.SUBMITTED, ReviewState.DRAFT)


def autocomplete(client, app_label, model_name, field_name, term=""):
    response = client.get(url("autocomplete", app_label=app_label, model_name=model_name, field_name=field_name,
                              term=term))
    assert response.status_code == 200, response.status_code
    return {int(result["id"]) for result in response.json()["results"]}


def test_autocomplete_offers_only_the_users_negotiations_and_meetings(client, envoy, two_cities):
    client = logged_in(client, envoy)
    ours, theirs = two_cities["ours"]["meeting"], two_cities["theirs"]["meeting"]

    assert autocomplete(client, "negotiations", "meeting", "negotiation") == {ours.negotiation.pk}
    assert autocomplete(client, "commitments", "commitment", "source_meeting") == {ours.pk}
    assert theirs.pk not in autocomplete(client, "commitments", "commitment", "source_meeting", theirs.subject[:8])


def test_attendee_autocomplete_offers_public_officials_and_own_citys_people_only(client, envoy, amsterdam, barcelona):
    own = PersonFactory(recorded_by_city=amsterdam)
    official = PersonFactory(recorded_by_city=barcelona, public_official=True)
    private = PersonFactory(recorded_by_city=barcelona)

    offered = autocomplete(logged_in(client, envoy), "negotiations", "meeting", "attendees")

    assert {own.pk, official.pk} <= offered
    assert private.pk not in offered


def test_lead_envoy_choices_are_the_citys_own_staff(client, envoy, staff, barcelona):
    stranger = EnvoyUserFactory(city=barcelona)

    form = logged_in(client, envoy).get(url("negotiations_negotiation_add")).context["adminform"].form
    choices = set(form.fields["lead_envoy"].queryset)

    assert {envoy, staff} <= choices
    assert stranger not in choices


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


# --- query counts --------------------------------------------------------------------------------------------------


def _years(index):
    # Rows spread over two years in both runs, so the date hierarchy asks the same questions.
    return 2024 + index % 2


def make_negotiation(city, index):
    negotiation = NegotiationFactory(city=city, opened_on=datetime.date(_years(index), 3, 1))
    RiskAssessmentFactory(organisation=negotiation.company, city=city)
    return negotiation


def make_meeting(city, index):
    return MeetingFactory(negotiation=make_negotiation(city, index),
                          starts_at=datetime.datetime(_years(index), 3, 1, 10, tzinfo=datetime.UTC))


def make_commitment(city, index):
    meeting = make_meeting(city, index)
    return CommitmentFactory(negotiation=meeting.negotiation, source_meeting=meeting,
                             due_on=datetime.date(_years(index), 6, 1))


def make_update(city, index):
    return CommitmentUpdateFactory(commitment=make_commitment(city, index),
                                   reported_on=datetime.date(_years(index), 7, 1))


def make_flag(city, index):
    return OverdueFlagFactory(commitment=make_commitment(city, index))


@pytest.mark.parametrize(
    ("changelist", "make_row"),
    [
        ("negotiations_negotiation_changelist", make_negotiation),
        ("negotiations_meeting_changelist", make_meeting),
        ("commitments_commitment_changelist", make_commitment),
        ("commitments_commitmentupdate_changelist", make_update),
        ("commitments_overdueflag_changelist", make_flag),
    ],
)
def test_a_changelist_costs_the_same_queries_for_5_rows_as_for_50(client, staff, amsterdam, changelist, make_row):
    client = logged_in(client, staff)
    rows = [make_row(amsterdam, index) for index in range(5)]
    client.get(url(changelist))  # warm caches that every first request fills (content types, sessions)

    with CaptureQueriesContext(connection) as five:
        response = client.get(url(changelist))
    assert len(response.context["cl"].result_list) == 5
    rows += [make_row(amsterdam, index) for index in range(5, 50)]
    with CaptureQueriesContext(connection) as fifty:
        response = client.get(url(changelist))
    assert len(response.context["cl"].result_list) == 50

    assert len(fifty) == len(five), "\n".join(query["sql"] for query in fifty.captured_queries)


# --- people recorded by another city -------------------------------------------------------------------------------


def test_a_public_official_recorded_by_another_city_is_visible_but_not_editable(client, envoy, barcelona):
    official = PersonFactory(public_official=True, recorded_by_city=barcelona, notes="Barcelona's internal note")
    logged_in(client, envoy)

    page = client.get(url("stakeholders_person_change", official.pk))
    refused = client.post(url("stakeholders_person_change", official.pk), {"full_name": "Renamed"})

    assert page.status_code == 200
    assert "Barcelona&#x27;s internal note" not in page.content.decode()
    assert "Barcelona's internal note" not in page.content.decode()
    assert refused.status_code == 403
    official.refresh_from_db()
    assert official.full_name != "Renamed"


def test_a_person_an_envoy_adds_is_recorded_by_the_envoys_city(client, envoy, amsterdam, barcelona):
    logged_in(client, envoy)

    response = client.post(url("stakeholders_person_add"), {
        "full_name": "Noor Visser", "is_public_official": "on", "recorded_by_city": barcelona.pk,
        "affiliations-TOTAL_FORMS": "0", "affiliations-INITIAL_FORMS": "0",
    })

    assert response.status_code == 302, response.content.decode()[:2000]
    person = Person.objects.get(full_name="Noor Visser")
    assert person.recorded_by_city == amsterdam


def test_an_envoy_edits_a_person_recorded_by_their_own_city(client, envoy, amsterdam):
    person = PersonFactory(recorded_by_city=amsterdam, full_name="Old Name")
    logged_in(client, envoy)

    response = client.post(url("stakeholders_person_change", person.pk), {
        "full_name": "New Name", "notes": "", "affiliations-TOTAL_FORMS": "0", "affiliations-INITIAL_FORMS": "0",
    })

    assert response.status_code == 302, response.content.decode()[:2000]
    person.refresh_from_db()
    assert person.full_name == "New Name"
