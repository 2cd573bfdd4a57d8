"""Writes through the staff API go through the services: the same rules, the same history, nothing half-written."""

import datetime

import pytest

from ambassador.commitments.choices import CompletionLevel
from ambassador.commitments.factories import CommitmentFactory
from ambassador.commitments.models import Commitment, CommitmentUpdate
from ambassador.negotiations.choices import ReviewState
from ambassador.negotiations.factories import MeetingFactory
from ambassador.negotiations.models import Meeting
from ambassador.stakeholders.factories import CouncilStaffFactory, CouncilStaffUserFactory, PersonFactory

from .conftest import client_for, detail_url, list_url, token_client

pytestmark = pytest.mark.django_db


def row_counts():
    return {
        "meetings": Meeting.objects.count(),
        "meeting history": Meeting.history.count(),
        "commitments": Commitment.objects.count(),
        "commitment history": Commitment.history.count(),
        "updates": CommitmentUpdate.objects.count(),
    }


def meeting_payload(in_negotiation, **overrides):
    payload = {
        "negotiation": in_negotiation.pk,
        "starts_at": "2025-10-01T09:30:00+02:00",
        "location": "City Hall, room 2.14",
        "format": "in_person",
        "subject": "Scope of the trip-level mobility data feed",
        "minutes_main_points": "The company presented its data specification.",
        "minutes_positions": "The city asks for trip-level data within 24 hours.",
        "minutes_conclusions": "The company sends a revised specification in four weeks.",
        "confidentiality": "public",
        "commitments": [
            {
                "area": "data_governance", "principle": "privacy", "due_on": "2026-01-31",
                "text": "Share trip data only in anonymised form.",
            },
            {
                "promiser": "city", "area": "workers_rights", "principle": "fair_representation",
                "text": "Invite the couriers' union to the next meeting.",
            },
        ],
    }
    payload.update(overrides)
    return payload


# --- POST /meetings/ ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("auth", ["session", "token"])
def test_logging_a_meeting_creates_a_draft_logged_by_the_user_with_its_commitments(world, auth):
    envoy = world.users["amsterdam envoy"]
    client = client_for(envoy) if auth == "session" else token_client(envoy)
    negotiation = world.objects["amsterdam"]["announced"]

    response = client.post(list_url("meetings"), meeting_payload(negotiation), format="json")

    assert response.status_code == 201, response.content
    meeting = Meeting.objects.get(pk=response.json()["id"])
    assert meeting.review_state == ReviewState.DRAFT
    assert meeting.logged_by == envoy
    assert meeting.negotiation == negotiation
    commitments = list(meeting.commitments.order_by("pk"))
    assert [c.text for c in commitments] == [
        "Share trip data only in anonymised form.", "Invite the couriers' union to the next meeting.",
    ]
    assert all(c.negotiation == negotiation and c.source_meeting == meeting for c in commitments)
    assert commitments[0].due_on == commitments[0].original_due_on == datetime.date(2026, 1, 31)
    # The history records who acted, also when the user came by token (which the middleware cannot see).
    assert {h.history_user for h in Meeting.history.filter(id=meeting.pk)} == {envoy}
    assert {h.history_user for h in Commitment.history.filter(source_meeting_id=meeting.pk)} == {envoy}
    assert response.json() == client.get(detail_url("meetings", meeting.pk)).json()


def test_logging_a_meeting_with_attendees_and_organisations_records_them(world):
    envoy = world.users["amsterdam envoy"]
    negotiation = world.objects["amsterdam"]["announced"]
    official = PersonFactory(public_official=True)
    union = world.objects["amsterdam"]["company"]

    response = client_for(envoy).post(
        list_url("meetings"),
        meeting_payload(negotiation, attendees=[official.pk], organisations=[union.pk], commitments=[]),
        format="json",
    )

    assert response.status_code == 201, response.content
    meeting = Meeting.objects.get(pk=response.json()["id"])
    assert list(meeting.attendees.all()) == [official]
    assert list(meeting.organisations.all()) == [union]
    assert {h.history_user for h in Meeting.history.filter(id=meeting.pk)} == {envoy}


def test_a_superuser_logs_a_meeting_in_any_city(world):
    negotiation = world.objects["barcelona"]["announced"]

    response = client_for(world.users["superuser"]).post(
        list_url("meetings"), meeting_payload(negotiation), format="json"
    )

    assert response.status_code == 201, response.content


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"negotiation": "other city"}, "negotiation"),
        ({"negotiation": 999999999}, "negotiation"),
        ({"negotiation": "abc"}, "negotiation"),
        # Without a negotiation the meeting is one outside any, which records no commitments.
        ({"negotiation": None}, "commitments"),
        ({"starts_at": "next tuesday"}, "starts_at"),
        ({"format": "telepathy"}, "format"),
        ({"confidentiality": "secret"}, "confidentiality"),
        ({"subject": ""}, "subject"),
        ({"subject": "x" * 301}, "subject"),
        ({"subject": "Mobility\x00data"}, "subject"),
        ({"minutes_main_points": "nul \x00 byte"}, "minutes_main_points"),
        ({"release_on": "2025-02-30"}, "release_on"),
        ({"topic": 999999999}, "topic"),
        ({"attendees": ["private person of another city"]}, "attendees"),
        ({"organisations": [999999999]}, "organisations"),
        ({"commitments": [{"area": "data_governance", "principle": "privacy", "text": "a\x00b"}]}, "commitments"),
        ({"commitments": [{"area": "space", "principle": "privacy", "text": "Go to space."}]}, "commitments"),
        ({"commitments": [{"area": "data_governance", "text": "No principle."}]}, "commitments"),
        ({"commitments": "not a list"}, "commitments"),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_bad_meeting_input_is_a_400_naming_the_field_and_writes_nothing(world, overrides, field):
    envoy = world.users["amsterdam envoy"]
    if overrides.get("negotiation") == "other city":
        overrides["negotiation"] = world.objects["barcelona"]["announced"].pk
    if overrides.get("attendees") == ["private person of another city"]:
        overrides["attendees"] = [PersonFactory(recorded_by_city=world.barcelona).pk]
    before = row_counts()

    response = client_for(envoy).post(
        list_url("meetings"), meeting_payload(world.objects["amsterdam"]["announced"], **overrides), format="json"
    )

    assert response.status_code == 400, response.content
    assert field in response.json()
    assert row_counts() == before


def test_a_commitment_whose_principle_is_not_in_its_area_refuses_the_whole_meeting(world):
    envoy = world.users["amsterdam envoy"]
    payload = meeting_payload(world.objects["amsterdam"]["announced"])
    payload["commitments"].append({"area": "workers_rights", "principle": "privacy", "text": "Mismatched."})
    before = row_counts()

    response = client_for(envoy).post(list_url("meetings"), payload, format="json")

    assert response.status_code == 400, response.content
    assert response.json() == {"commitments": {"2": {"principle": [PRINCIPLE_NOT_IN_AREA]}}}
    assert row_counts() == before


PRINCIPLE_NOT_IN_AREA = "“privacy” is not a principle of the area “workers_rights”."


WITHHELD_WITHOUT_DATE_OR_GROUND = pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"confidentiality": "confidential", "withholding_ground": "commercial"}, "release_on"),
        ({"confidentiality": "restricted"}, "withholding_ground"),
    ],
    ids=["confidential without release date", "restricted without ground"],
)


@WITHHELD_WITHOUT_DATE_OR_GROUND
def test_a_withheld_meeting_without_its_date_or_ground_is_a_400_and_writes_nothing(world, overrides, field):
    before = row_counts()

    response = client_for(world.users["amsterdam envoy"]).post(
        list_url("meetings"), meeting_payload(world.objects["amsterdam"]["announced"], **overrides), format="json"
    )

    assert response.status_code == 400, response.content
    assert row_counts() == before


@WITHHELD_WITHOUT_DATE_OR_GROUND
def test_a_withheld_meeting_without_its_date_or_ground_names_the_missing_field(world, overrides, field):
    response = client_for(world.users["amsterdam envoy"]).post(
        list_url("meetings"), meeting_payload(world.objects["amsterdam"]["announced"], **overrides), format="json"
    )

    assert field in response.json(), response.json()


def test_a_confidential_meeting_with_release_date_and_ground_is_logged(world):
    response = client_for(world.users["amsterdam envoy"]).post(
        list_url("meetings"),
        meeting_payload(
            world.objects["amsterdam"]["announced"], confidentiality="confidential",
            withholding_ground="commercial", release_on="2030-01-01",
        ),
        format="json",
    )

    assert response.status_code == 201, response.content
    assert response.json()["release_on"] == "2030-01-01"


def test_a_staff_user_without_a_city_cannot_log_a_meeting(world):
    before = row_counts()

    response = client_for(world.users["staff user without a city"]).post(
        list_url("meetings"), meeting_payload(world.objects["amsterdam"]["announced"]), format="json"
    )

    assert response.status_code == 403
    assert row_counts() == before


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_meetings_are_not_edited_or_deleted_through_the_api(world, method):
    draft = world.objects["amsterdam"]["draft"]

    response = getattr(client_for(world.users["amsterdam envoy"]), method)(
        detail_url("meetings", draft.pk), {"subject": "Changed"}, format="json"
    )

    assert response.status_code == 405
    draft.refresh_from_db()
    assert draft.subject != "Changed"


# --- POST /commitments/ ---------------------------------------------------------------------------------------------


def commitment_payload(in_negotiation, **overrides):
    payload = {
        "negotiation": in_negotiation.pk, "area": "workers_rights", "principle": "fair_pay",
        "text": "Guarantee couriers the living wage per logged-in hour.", "due_on": "2030-06-30",
    }
    payload.update(overrides)
    return payload


def test_recording_a_commitment_goes_through_the_service_with_history(world):
    envoy = world.users["amsterdam envoy"]
    negotiation = world.objects["amsterdam"]["announced"]
    meeting = world.objects["amsterdam"]["published"]

    response = client_for(envoy).post(
        list_url("commitments"), commitment_payload(negotiation, source_meeting=meeting.pk), format="json"
    )

    assert response.status_code == 201, response.content
    commitment = Commitment.objects.get(pk=response.json()["id"])
    assert (commitment.negotiation, commitment.source_meeting) == (negotiation, meeting)
    assert commitment.original_due_on == datetime.date(2030, 6, 30)
    assert commitment.history.get().history_user == envoy
    assert response.json()["is_overdue"] is False


def test_a_commitment_recorded_complete_gets_a_completion_date(world):
    response = client_for(world.users["amsterdam envoy"]).post(
        list_url("commitments"),
        commitment_payload(world.objects["amsterdam"]["announced"], completion="complete",
                           evidence="The company published the feed's documentation."),
        format="json",
    )

    assert response.status_code == 201, response.content
    assert response.json()["completed_on"] is not None


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"negotiation": "other city"}, "negotiation"),
        ({"source_meeting": "other city"}, "source_meeting"),
        ({"source_meeting": "other negotiation"}, "source_meeting"),
        ({"area": "space"}, "area"),
        ({"principle": "fair_weather"}, "principle"),
        ({"completion": "almost"}, "completion"),
        ({"due_on": "soon"}, "due_on"),
        ({"text": ""}, "text"),
        ({"text": "living\x00wage"}, "text"),
        ({"evidence_url": "not a url"}, "evidence_url"),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_bad_commitment_input_is_a_400_naming_the_field_and_writes_nothing(world, overrides, field):
    amsterdam = world.objects["amsterdam"]
    if overrides.get("negotiation") == "other city":
        overrides["negotiation"] = world.objects["barcelona"]["announced"].pk
    if overrides.get("source_meeting") == "other city":
        overrides["source_meeting"] = world.objects["barcelona"]["published"].pk
    if overrides.get("source_meeting") == "other negotiation":
        overrides["source_meeting"] = amsterdam["confidential"].pk  # a meeting of the unannounced negotiation
    before = row_counts()

    response = client_for(world.users["amsterdam envoy"]).post(
        list_url("commitments"), commitment_payload(amsterdam["announced"], **overrides), format="json"
    )

    assert response.status_code == 400, response.content
    assert field in response.json()
    assert row_counts() == before


def test_a_commitment_whose_principle_is_not_in_its_area_is_a_400(world):
    before = row_counts()

    response = client_for(world.users["amsterdam envoy"]).post(
        list_url("commitments"),
        commitment_payload(world.objects["amsterdam"]["announced"], area="data_governance", principle="fair_pay"),
        format="json",
    )

    assert response.status_code == 400
    assert response.json() == {
        "principle": ["“fair_pay” is not a principle of the area “data_governance”."]
    }
    assert row_counts() == before


# --- POST /commitment-updates/ --------------------------------------------------------------------------------------


@pytest.fixture
def commitment(world):
    return CommitmentFactory(
        negotiation=world.objects["amsterdam"]["announced"], source_meeting=world.objects["amsterdam"]["published"],
        due_on=datetime.date(2026, 3, 31),
    )


def test_moving_a_due_date_without_a_reason_is_a_400_on_the_reason_and_changes_nothing(world, commitment):
    before = row_counts()

    response = client_for(world.users["amsterdam envoy"]).post(
        list_url("commitment-updates"),
        {"commitment": commitment.pk, "summary": "Later.", "new_due_on": "2026-09-30"},
        format="json",
    )

    assert response.status_code == 400
    assert "due_date_reason" in response.json()
    assert row_counts() == before
    commitment.refresh_from_db()
    assert (commitment.due_on, commitment.slippage_count) == (datetime.date(2026, 3, 31), 0)


def test_moving_a_due_date_with_a_reason_counts_a_slip_and_records_history(world, commitment):
    envoy = world.users["amsterdam envoy"]

    response = token_client(envoy).post(
        list_url("commitment-updates"),
        {
            "commitment": commitment.pk, "summary": "The impact assessment takes longer.",
            "new_due_on": "2026-09-30", "due_date_reason": "The data-protection authority asked for changes.",
        },
        format="json",
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["previous_due_on"], body["new_due_on"]) == ("2026-03-31", "2026-09-30")
    assert body["logged_by"] == envoy.username
    # The commitment is published: the move waits for a second person to release it.
    commitment.refresh_from_db()
    assert (commitment.due_on, commitment.slippage_count) == (datetime.date(2026, 3, 31), 0)
    staff = world.users["amsterdam council staff"]
    assert client_for(envoy).post(detail_url("commitment-updates", body["id"]) + "submit/").status_code == 200
    assert client_for(staff).post(detail_url("commitment-updates", body["id"]) + "publish/").status_code == 200

    commitment.refresh_from_db()
    assert commitment.due_on == datetime.date(2026, 9, 30)
    assert commitment.original_due_on == datetime.date(2026, 3, 31)
    assert commitment.slippage_count == 1
    latest = commitment.history.latest()
    assert latest.history_user == staff
    assert latest.slippage_count == 1
    assert "impact assessment" in latest.history_change_reason
    assert CommitmentUpdate.history.filter(id=body["id"]).earliest().history_user == envoy


def test_a_progress_update_completing_the_commitment_sets_its_completion_date(world, commitment):
    response = client_for(world.users["amsterdam council staff"]).post(
        list_url("commitment-updates"),
        {"commitment": commitment.pk, "summary": "Done.", "completion": "complete", "reported_on": "2026-02-01",
         "evidence_url": "https://ridelyn.example/feed"},
        format="json",
    )

    assert response.status_code == 201, response.content
    update_url = detail_url("commitment-updates", response.json()["id"])
    assert client_for(world.users["amsterdam council staff"]).post(update_url + "submit/").status_code == 200
    colleague = CouncilStaffUserFactory(city=world.amsterdam)
    assert client_for(colleague).post(update_url + "publish/").status_code == 200
    commitment.refresh_from_db()
    assert commitment.completion == CompletionLevel.COMPLETE
    assert commitment.completed_on == datetime.date(2026, 2, 1)
    assert commitment.slippage_count == 0


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"commitment": "other city", "summary": "x"}, "commitment"),
        ({"commitment": "own", "summary": ""}, "summary"),
        ({"commitment": "own", "summary": "a\x00b"}, "summary"),
        ({"commitment": "own", "summary": "x", "completion": "almost"}, "completion"),
        ({"commitment": "own", "summary": "x", "new_due_on": "never", "due_date_reason": "r"}, "new_due_on"),
        ({"commitment": "own", "summary": "x", "new_due_on": "2027-01-01", "due_date_reason": "\x00"},
         "due_date_reason"),
    ],
    ids=["another city's commitment", "empty summary", "NUL in summary", "unknown completion", "bad date",
         "NUL in reason"],
)
def test_bad_progress_update_is_a_400_naming_the_field(world, commitment, payload, field):
    payload = dict(payload)
    payload["commitment"] = (
        commitment.pk if payload["commitment"] == "own" else world.objects["barcelona"]["commitment"].pk
    )
    before = row_counts()

    response = client_for(world.users["amsterdam envoy"]).post(list_url("commitment-updates"), payload, format="json")

    assert response.status_code == 400, response.content
    assert field in response.json()
    assert row_counts() == before


# --- the release workflow: submit, publish, return to draft ---------------------------------------------------------


def step(client, meeting, action, data=None):
    return client.post(f"{detail_url('meetings', meeting.pk)}{action}/", data or {}, format="json")


def test_an_envoy_submits_a_draft_and_the_history_says_who(world):
    envoy = world.users["amsterdam envoy"]
    draft = world.objects["amsterdam"]["draft"]

    response = step(token_client(envoy), draft, "submit")

    assert response.status_code == 200, response.content
    assert response.json()["review_state"] == "submitted"
    assert response.json()["submitted_at"] is not None
    latest = draft.history.latest()
    assert (latest.review_state, latest.history_user, latest.history_change_reason) == (
        "submitted", envoy, "Submitted for review",
    )


def test_submitting_a_record_that_is_not_a_draft_is_a_400(world):
    response = step(client_for(world.users["amsterdam envoy"]), world.objects["amsterdam"]["confidential"], "submit")

    assert response.status_code == 400


def test_an_envoy_cannot_publish(world):
    submitted = world.objects["amsterdam"]["confidential"]

    response = step(client_for(world.users["amsterdam envoy"]), submitted, "publish")

    assert response.status_code == 403
    submitted.refresh_from_db()
    assert submitted.review_state == ReviewState.SUBMITTED


def test_council_staff_cannot_publish_a_record_they_logged(world):
    staff = world.users["amsterdam council staff"]
    own = MeetingFactory(negotiation=world.objects["amsterdam"]["announced"], logged_by=staff, submitted=True)

    response = step(client_for(staff), own, "publish")

    assert response.status_code == 403
    own.refresh_from_db()
    assert own.review_state == ReviewState.SUBMITTED


def test_other_council_staff_publish_and_the_history_says_who(world):
    staff = world.users["amsterdam council staff"]
    submitted = world.objects["amsterdam"]["confidential"]

    response = step(token_client(staff), submitted, "publish")

    assert response.status_code == 200, response.content
    assert response.json()["review_state"] == "published"
    assert response.json()["published_at"] is not None
    assert response.json()["published_by"] == staff.username
    submitted.refresh_from_db()
    assert (submitted.published_by, submitted.review_state) == (staff, ReviewState.PUBLISHED)
    latest = submitted.history.latest()
    assert (latest.history_user, latest.history_change_reason) == (staff, "Published")


def test_publishing_a_draft_is_a_400(world):
    draft = world.objects["amsterdam"]["draft"]

    response = step(client_for(world.users["amsterdam council staff"]), draft, "publish")

    assert response.status_code == 400
    draft.refresh_from_db()
    assert draft.review_state == ReviewState.DRAFT


@pytest.mark.parametrize("action", ["submit", "publish", "return-to-draft"])
def test_a_workflow_step_on_another_citys_record_is_404(world, action):
    barcelona_staff = world.users["barcelona council staff"]
    submitted = world.objects["amsterdam"]["confidential"]

    response = step(client_for(barcelona_staff), submitted, action, {"reason": "Because."})

    assert response.status_code == 404
    submitted.refresh_from_db()
    assert submitted.review_state == ReviewState.SUBMITTED


@pytest.mark.parametrize("data", [{}, {"reason": ""}, {"reason": "   "}, {"reason": "a\x00b"}])
def test_returning_to_draft_without_a_reason_is_a_400_on_the_reason(world, data):
    published = world.objects["amsterdam"]["published"]

    response = step(client_for(world.users["amsterdam council staff"]), published, "return-to-draft", data)

    assert response.status_code == 400
    assert "reason" in response.json()
    published.refresh_from_db()
    assert published.review_state == ReviewState.PUBLISHED


def test_council_staff_return_a_published_record_to_draft_with_the_reason_in_the_history(world):
    staff = world.users["amsterdam council staff"]
    published = world.objects["amsterdam"]["published"]

    response = step(client_for(staff), published, "return-to-draft", {"reason": "The minutes name a courier."})

    assert response.status_code == 200, response.content
    assert response.json()["review_state"] == "draft"
    assert response.json()["published_at"] is None
    latest = published.history.latest()
    assert latest.history_user == staff
    assert "The minutes name a courier." in latest.history_change_reason


def test_an_envoy_cannot_withdraw_a_published_record(world):
    published = world.objects["amsterdam"]["published"]

    response = step(client_for(world.users["amsterdam envoy"]), published, "return-to-draft", {"reason": "Oops."})

    assert response.status_code == 403
    published.refresh_from_db()
    assert published.review_state == ReviewState.PUBLISHED


def test_returning_a_draft_to_draft_is_a_400(world):
    response = step(
        client_for(world.users["amsterdam envoy"]), world.objects["amsterdam"]["draft"], "return-to-draft",
        {"reason": "Why not."},
    )

    assert response.status_code == 400


def test_a_user_from_another_city_with_publish_rights_in_a_new_city_cannot_publish_here(world):
    """Publishing rights come with a city: London staff cannot publish Amsterdam's record."""
    from ambassador.stakeholders.factories import CityFactory

    london_staff = CouncilStaffFactory(city=CityFactory(name="London")).user
    submitted = world.objects["amsterdam"]["confidential"]

    assert step(client_for(london_staff), submitted, "publish").status_code == 404
