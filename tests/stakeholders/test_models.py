"""The stakeholders' named constraints hold in PostgreSQL itself and in ``full_clean()``.

Bad rows are written with ``QuerySet.update()``, which skips model validation, so only the database
stands in the way; each test checks that it is the named constraint that refuses the row.
"""

import datetime
import zoneinfo
from decimal import Decimal

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction

from ambassador.stakeholders.factories import (
    AffiliationFactory,
    CityFactory,
    EnvoyFactory,
    LobbyingDisclosureFactory,
    OrganisationFactory,
    PersonFactory,
)
from ambassador.stakeholders.models import Affiliation, Person
from tests.constraint_cases import constraint_tests

pytestmark = pytest.mark.django_db

ONE_DAY = datetime.timedelta(days=1)

# (constraint, factory, bad values for the saved object, key of the full_clean() error)
CHECK_CASES = [
    pytest.param("stakeholders_city_slug_not_empty", CityFactory, lambda o: {"slug": ""}, "slug", id="city-slug-empty"),
    pytest.param(
        "stakeholders_city_country_iso_code", CityFactory, lambda o: {"country": "nl"}, NON_FIELD_ERRORS,
        id="city-country-lowercase",
    ),
    pytest.param(
        "stakeholders_city_country_iso_code", CityFactory, lambda o: {"country": "N1"}, NON_FIELD_ERRORS,
        id="city-country-digit",
    ),
    pytest.param(
        "stakeholders_organisation_slug_not_empty", OrganisationFactory, lambda o: {"slug": ""}, "slug",
        id="organisation-slug-empty",
    ),
    pytest.param(
        "stakeholders_organisation_kind_valid", OrganisationFactory, lambda o: {"kind": "lobbyist"}, "kind",
        id="organisation-kind-unknown",
    ),
    pytest.param(
        "stakeholders_organisation_not_own_parent", OrganisationFactory, lambda o: {"parent": o}, NON_FIELD_ERRORS,
        id="organisation-own-parent",
    ),
    pytest.param(
        "stakeholders_person_name_not_empty", PersonFactory, lambda o: {"full_name": ""}, "full_name",
        id="person-name-empty",
    ),
    pytest.param(
        "stakeholders_affiliation_city_xor_organisation", AffiliationFactory, lambda o: {"city": CityFactory()},
        NON_FIELD_ERRORS, id="affiliation-city-and-organisation",
    ),
    pytest.param(
        "stakeholders_affiliation_city_xor_organisation", AffiliationFactory, lambda o: {"organisation": None},
        NON_FIELD_ERRORS, id="affiliation-neither-city-nor-organisation",
    ),
    pytest.param(
        "stakeholders_affiliation_end_not_before_start", AffiliationFactory,
        lambda o: {"end_on": o.start_on - ONE_DAY}, NON_FIELD_ERRORS, id="affiliation-ends-before-start",
    ),
    pytest.param(
        "stakeholders_affiliation_role_not_empty", AffiliationFactory, lambda o: {"role": ""}, "role",
        id="affiliation-role-empty",
    ),
    pytest.param(
        "stakeholders_lobbyingdisclosure_period_end_not_before_start", LobbyingDisclosureFactory,
        lambda o: {"period_end": o.period_start - ONE_DAY}, NON_FIELD_ERRORS, id="disclosure-ends-before-start",
    ),
    pytest.param(
        "stakeholders_lobbyingdisclosure_spend_not_negative", LobbyingDisclosureFactory,
        lambda o: {"declared_spend": Decimal("-0.01")}, NON_FIELD_ERRORS, id="disclosure-negative-spend",
    ),
    pytest.param(
        "stakeholders_citymembership_role_valid", EnvoyFactory, lambda o: {"role": "mayor"}, "role",
        id="membership-role-unknown",
    ),
]

# (constraint, factory for two rows, fields copied from the first row onto the second, full_clean() error key)
UNIQUE_CASES = [
    pytest.param("stakeholders_city_unique_slug", CityFactory, ["slug"], "slug", id="city-slug"),
    pytest.param(
        "stakeholders_organisation_unique_slug", OrganisationFactory, ["slug"], "slug", id="organisation-slug"
    ),
    pytest.param(
        "stakeholders_lobbyingdisclosure_unique_period", LobbyingDisclosureFactory,
        ["organisation", "jurisdiction", "period_start", "period_end"], NON_FIELD_ERRORS, id="disclosure-period",
    ),
]


globals().update(constraint_tests("stakeholders", CHECK_CASES, UNIQUE_CASES))


def test_affiliation_with_neither_city_nor_organisation_is_rejected_on_create():
    person = PersonFactory()

    with pytest.raises(IntegrityError, match="stakeholders_affiliation_city_xor_organisation"), transaction.atomic():
        Affiliation.objects.create(person=person, role="Adviser", start_on=datetime.date(2024, 1, 1))


def test_bulk_created_people_without_a_name_are_rejected_by_the_database():
    with pytest.raises(IntegrityError, match="stakeholders_person_name_not_empty"), transaction.atomic():
        Person.objects.bulk_create([Person(full_name="Lan Nguyen"), Person(full_name="")])

    assert not Person.objects.exists()  # the whole statement was refused, the valid row too


def test_affiliation_ending_on_its_start_date_is_valid():
    affiliation = AffiliationFactory()
    affiliation.end_on = affiliation.start_on

    affiliation.full_clean()
    affiliation.save()

    affiliation.refresh_from_db()
    assert affiliation.end_on == affiliation.start_on


def test_city_with_unknown_time_zone_fails_validation():
    city = CityFactory.build(time_zone="Europe/Atlantis")

    with pytest.raises(ValidationError) as excinfo:
        city.full_clean()

    assert "time_zone" in excinfo.value.message_dict


def test_city_zone_is_its_time_zone():
    city = CityFactory.build(name="Hanoi")

    assert city.zone == zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.mark.parametrize(
    ("official", "figure", "may_be_named"),
    [(True, False, True), (False, True, True), (False, False, False)],
    ids=["public-official", "public-figure", "private-person"],
)
def test_only_public_officials_and_figures_may_be_named(official, figure, may_be_named):
    person = PersonFactory.build(is_public_official=official, is_public_figure=figure)

    assert person.may_be_named is may_be_named
