"""Writes on organisations, people, affiliations and disclosures go through the stakeholders services."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ambassador.stakeholders import services
from ambassador.stakeholders.choices import OrganisationKind
from ambassador.stakeholders.factories import (
    AffiliationFactory,
    CityFactory,
    EnvoyUserFactory,
    LobbyingDisclosureFactory,
    PersonFactory,
    TechCompanyFactory,
    UserFactory,
)
from ambassador.stakeholders.models import Affiliation, LobbyingDisclosure, Organisation, Person

pytestmark = pytest.mark.django_db


def test_an_organisation_is_recorded_with_its_recorder_in_history(envoy):
    organisation = services.organisation_create(
        user=envoy, name="Ridewell", slug="ridewell", kind=OrganisationKind.TECH_COMPANY
    )

    assert organisation.history.latest().history_user == envoy


def test_an_invalid_organisation_is_refused_and_nothing_is_written(envoy):
    with pytest.raises(ValidationError) as raised:
        services.organisation_create(user=envoy, name="Ridewell", slug="ridewell", kind="bank")

    assert "kind" in raised.value.message_dict
    assert not Organisation.objects.filter(slug="ridewell").exists()


def test_a_user_of_no_city_records_no_organisation(db):
    with pytest.raises(PermissionDenied):
        services.organisation_create(user=UserFactory(is_staff=True), name="X", slug="x",
                                     kind=OrganisationKind.OTHER)


def test_an_envoys_person_belongs_to_the_envoys_city_whatever_the_form_said(envoy, amsterdam):
    person = services.person_create(user=envoy, full_name="Ana Ruiz", recorded_by_city=CityFactory(name="London"))

    assert person.recorded_by_city == amsterdam


def test_a_person_recorded_by_another_city_is_not_changed_or_deleted(envoy):
    london_official = PersonFactory(public_official=True, recorded_by_city=CityFactory(name="London"))

    with pytest.raises(PermissionDenied):
        services.person_update(person=london_official, user=envoy, full_name="Someone else")
    with pytest.raises(PermissionDenied):
        services.person_delete(person=london_official, user=envoy)

    london_official.refresh_from_db()
    assert london_official.full_name != "Someone else"


def test_an_envoy_changes_their_own_citys_person(envoy, amsterdam):
    person = PersonFactory(recorded_by_city=amsterdam)

    services.person_update(person=person, user=envoy, full_name="Ana Ruiz", recorded_by_city=None)

    person.refresh_from_db()
    assert (person.full_name, person.recorded_by_city) == ("Ana Ruiz", amsterdam)


def test_another_citys_official_keeps_their_roles(envoy):
    role = AffiliationFactory(
        person=PersonFactory(public_official=True, recorded_by_city=CityFactory(name="London")), at_city=True
    )

    with pytest.raises(PermissionDenied):
        services.affiliation_delete(affiliation=role, user=envoy)
    with pytest.raises(PermissionDenied):
        services.affiliation_update(affiliation=role, user=envoy, role="Deputy mayor")

    assert Affiliation.objects.filter(pk=role.pk, role=role.role).exists()


def test_an_affiliation_with_both_a_city_and_an_organisation_is_refused(envoy, amsterdam):
    person = PersonFactory(recorded_by_city=amsterdam)

    with pytest.raises(ValidationError):
        services.affiliation_create(
            person=person, user=envoy, city=amsterdam, organisation=TechCompanyFactory(), role="Adviser",
            start_on=datetime.date(2024, 1, 1),
        )

    assert not person.affiliations.exists()


def test_a_disclosure_is_recorded_changed_and_deleted_through_the_services(envoy, amsterdam):
    company = TechCompanyFactory(recorded_by_city=amsterdam)
    disclosure = services.disclosure_create(
        organisation=company, user=envoy, period_start=datetime.date(2024, 1, 1),
        period_end=datetime.date(2024, 12, 31), jurisdiction="EU", source_url="https://register.example/1",
    )

    services.disclosure_update(disclosure=disclosure, user=envoy, declared_lobbyist_headcount=4)
    assert LobbyingDisclosure.objects.get(pk=disclosure.pk).declared_lobbyist_headcount == 4

    services.disclosure_delete(disclosure=disclosure, user=envoy)
    assert not LobbyingDisclosure.objects.filter(pk=disclosure.pk).exists()


def test_a_disclosure_whose_period_ends_before_it_starts_is_refused(staff):
    disclosure = LobbyingDisclosureFactory()
    saved_end = disclosure.period_end

    with pytest.raises(ValidationError):
        services.disclosure_update(disclosure=disclosure, user=staff, period_end=datetime.date(1990, 1, 1))

    assert LobbyingDisclosure.objects.get(pk=disclosure.pk).period_end == saved_end


def test_a_deactivated_envoy_writes_nothing(amsterdam):
    inactive = EnvoyUserFactory(city=amsterdam, is_active=False)

    with pytest.raises(PermissionDenied):
        services.person_create(user=inactive, full_name="Ana Ruiz")
    assert not Person.objects.filter(full_name="Ana Ruiz").exists()
