"""The holes found by trying the product as its users would: seeing a record must not mean changing it."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from ambassador.commitments.factories import CommitmentFactory
from ambassador.commitments.models import OverdueFlag
from ambassador.commitments.overdue import flag_overdue_commitments
from ambassador.negotiations.factories import MeetingFactory, NegotiationFactory
from ambassador.negotiations.models import Meeting
from ambassador.stakeholders import services
from ambassador.stakeholders.factories import (
    AffiliationFactory,
    CityFactory,
    CouncilStaffUserFactory,
    PersonFactory,
    TechCompanyFactory,
)
from ambassador.stakeholders.models import Affiliation, Organisation

pytestmark = pytest.mark.django_db


def _admin(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _affiliation_post(affiliation, **changes) -> dict:
    data = {
        "person": affiliation.person_id,
        "city": affiliation.city_id or "",
        "organisation": affiliation.organisation_id or "",
        "role": affiliation.role,
        "start_on": affiliation.start_on.isoformat() if affiliation.start_on else "",
        "end_on": affiliation.end_on.isoformat() if affiliation.end_on else "",
    }
    data.update(changes)
    return data


@pytest.fixture
def councillor(barcelona):
    """A Barcelona councillor, a public official Barcelona recorded, whom every city sees."""
    person = PersonFactory(full_name="Laia Puig", public_official=True, recorded_by_city=barcelona)
    return AffiliationFactory(person=person, at_city=True, city=barcelona, role="Councillor for digital rights")


def test_an_envoy_cannot_move_another_citys_councillor_to_their_own_city(envoy, amsterdam, councillor):
    url = reverse("admin:stakeholders_affiliation_change", args=[councillor.pk])

    response = _admin(envoy).post(url, _affiliation_post(councillor, city=amsterdam.pk))

    assert response.status_code == 403
    councillor.refresh_from_db()
    assert councillor.city_id != amsterdam.pk


def test_an_envoy_cannot_delete_another_citys_officials_role(envoy, councillor):
    url = reverse("admin:stakeholders_affiliation_delete", args=[councillor.pk])

    response = _admin(envoy).post(url, {"post": "yes"})

    assert response.status_code == 403
    assert Affiliation.objects.filter(pk=councillor.pk).exists()


def test_an_envoy_cannot_add_a_role_at_another_city_to_their_own_person(envoy, amsterdam, barcelona):
    person = PersonFactory(recorded_by_city=amsterdam)

    with pytest.raises(PermissionDenied):
        services.affiliation_create(person=person, user=envoy, city=barcelona, role="Councillor",
                                    start_on=datetime.date(2024, 1, 1))
    assert not Affiliation.objects.filter(person=person).exists()


def test_an_envoy_cannot_add_roles_through_the_inline_of_a_person_another_city_recorded(envoy, councillor):
    person = councillor.person
    url = reverse("admin:stakeholders_person_change", args=[person.pk])
    data = {
        "full_name": "Renamed", "is_public_official": "on",
        "affiliations-TOTAL_FORMS": "1", "affiliations-INITIAL_FORMS": "0",
        "affiliations-MIN_NUM_FORMS": "0", "affiliations-MAX_NUM_FORMS": "1000",
        "affiliations-0-organisation": TechCompanyFactory().pk, "affiliations-0-role": "Adviser",
        "affiliations-0-start_on": "2024-01-01",
    }

    assert _admin(envoy).post(url, data).status_code == 403
    assert person.affiliations.count() == 1


@pytest.mark.parametrize("field", ["name", "registry_id"])
def test_an_envoy_cannot_rename_a_company_or_clear_its_register_id(envoy, amsterdam, field):
    company = TechCompanyFactory(name="Tessaloop", registry_id="123456789-01", recorded_by_city=amsterdam)
    changes = {"name": "Tessaloop Holdings", "registry_id": ""}

    with pytest.raises(PermissionDenied):
        services.organisation_update(organisation=company, user=envoy, **{field: changes[field]})

    url = reverse("admin:stakeholders_organisation_change", args=[company.pk])
    data = {"name": "Tessaloop Holdings", "slug": company.slug, "kind": company.kind, "registry_id": "",
            "parent": "", "website": "https://tessaloop.example", "description": "Changed by the envoy."}
    response = _admin(envoy).post(url, data)

    assert response.status_code == 302  # the rest of the record is theirs to change
    company.refresh_from_db()
    assert (company.name, company.registry_id) == ("Tessaloop", "123456789-01")
    assert company.description == "Changed by the envoy."


def test_an_envoy_cannot_change_a_company_another_city_recorded(envoy, barcelona):
    company = TechCompanyFactory(recorded_by_city=barcelona, description="As Barcelona wrote it.")

    with pytest.raises(PermissionDenied):
        services.organisation_update(organisation=company, user=envoy, description="Changed.")
    with pytest.raises(PermissionDenied):
        services.organisation_delete(organisation=company, user=envoy)
    assert Organisation.objects.get(pk=company.pk).description == "As Barcelona wrote it."


def test_council_staff_change_who_a_company_is_and_history_keeps_it(staff):
    company = TechCompanyFactory(name="Tessaloop", registry_id="123456789-01")

    services.organisation_update(organisation=company, user=staff, name="Tessaloop Holdings", registry_id="")

    latest = company.history.first()
    assert (latest.name, latest.registry_id, latest.history_user) == ("Tessaloop Holdings", "", staff)
    assert company.history.last().name == "Tessaloop"


def test_a_new_organisation_belongs_to_the_city_of_the_envoy_who_recorded_it(envoy, amsterdam):
    company = services.organisation_create(user=envoy, name="Brightgrid", slug="brightgrid", kind="tech_company",
                                           recorded_by_city=CityFactory())

    assert company.recorded_by_city == amsterdam


def test_a_bulk_delete_of_a_published_record_by_an_envoy_deletes_nothing(envoy, negotiation):
    draft = MeetingFactory(negotiation=negotiation, logged_by=envoy)
    published = MeetingFactory(negotiation=negotiation, logged_by=envoy, published=True)
    url = reverse("admin:negotiations_meeting_changelist")

    response = _admin(envoy).post(url, {
        "action": "delete_selected", ACTION_CHECKBOX_NAME: [draft.pk, published.pk], "post": "yes",
    })

    assert response.status_code in (200, 403)
    assert Meeting.objects.filter(pk__in=[draft.pk, published.pk]).count() == 2


def test_autocomplete_offers_only_what_the_user_may_link(envoy, negotiation, barcelona):
    foreign = NegotiationFactory(city=barcelona)
    official = PersonFactory(public_official=True, recorded_by_city=barcelona)
    private = PersonFactory(recorded_by_city=barcelona)
    client = _admin(envoy)

    def ids(model_name, field_name):
        response = client.get(reverse("admin:autocomplete"), {
            "app_label": "negotiations", "model_name": model_name, "field_name": field_name, "term": "",
        })
        assert response.status_code == 200
        return {int(result["id"]) for result in response.json()["results"]}

    assert negotiation.pk in ids("meeting", "negotiation")
    assert foreign.pk not in ids("meeting", "negotiation")
    attendees = ids("meeting", "attendees")
    assert official.pk in attendees
    assert private.pk not in attendees


# --- jobs have an actor -------------------------------------------------------------------------------------------


def test_the_overdue_job_writes_its_history_as_the_system_account(negotiation):
    commitment = CommitmentFactory(negotiation=negotiation, due_on=datetime.date(2020, 1, 31))

    flag_overdue_commitments(now=datetime.datetime(2020, 3, 1, 12, tzinfo=datetime.UTC))

    flag = OverdueFlag.objects.get(commitment=commitment)
    row = flag.history.get()
    assert row.history_user is not None
    assert row.history_user.username == "system"
    assert "flag_overdue_commitments" in row.history_change_reason


def test_the_system_account_cannot_log_in_or_do_anything(db):
    from ambassador.core.actors import system_user

    user = system_user()

    assert not user.is_active
    assert not user.has_usable_password()
    assert not Client().login(username="system", password="")
    assert not CouncilStaffUserFactory().has_perm("stakeholders.change_city") and not user.has_perm(
        "negotiations.view_meeting"
    )
