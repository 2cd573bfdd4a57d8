"""Each role sees and changes only its own city's records in the admin, however the request is forged."""


import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME

from ambassador.commitments.models import Commitment, CommitmentUpdate
from ambassador.negotiations.choices import ReviewState
from ambassador.negotiations.factories import MeetingFactory
from ambassador.negotiations.models import Meeting, Negotiation
from ambassador.stakeholders.factories import (
    EnvoyUserFactory,
    PersonFactory,
    TechCompanyFactory,
)
from tests.admin.helpers import COMMITMENT_ROW, logged_in, meeting_post, update_post, url

pytestmark = pytest.mark.django_db


# --- who sees what -------------------------------------------------------------------------------------------------


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
