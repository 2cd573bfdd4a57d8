"""Factories for cities, organisations, people and the logins that work for a city.

Every factory builds an object that passes ``full_clean()``. Company names are invented: demo and
test data never attach meetings or broken promises to real companies.
"""

import datetime
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils.text import slugify
from factory.django import DjangoModelFactory

from .choices import GROUP_FOR_ROLE, MembershipRole, OrganisationKind
from .models import (
    Affiliation,
    City,
    CityMembership,
    LobbyingDisclosure,
    Organisation,
    Person,
)

# name: (country, time zone, languages)
CITY_PROFILES = {
    "Amsterdam": ("NL", "Europe/Amsterdam", ["nl", "en"]),
    "Barcelona": ("ES", "Europe/Madrid", ["ca", "es", "en"]),
    "London": ("GB", "Europe/London", ["en"]),
    "Hanoi": ("VN", "Asia/Ho_Chi_Minh", ["vi", "en"]),
    "Da Nang": ("VN", "Asia/Ho_Chi_Minh", ["vi", "en"]),
}
# A city named outside the list above gets this profile unless told otherwise.
DEFAULT_CITY_PROFILE = CITY_PROFILES["Amsterdam"]

ORGANISATION_NAMES = {
    OrganisationKind.TECH_COMPANY: [
        "Ridelyn Mobility", "Quorrix Cloud", "Tessaloop Data", "Nimbrel Platforms",
        "Pavonix Deliveries", "Strandwise Maps", "Orbelle Logistics", "Vantelo Systems",
    ],
    OrganisationKind.TRADE_UNION: [
        "Platform Couriers' Union", "Union of Municipal Digital Workers", "Ride-Hail Drivers' Federation",
    ],
    OrganisationKind.CIVIL_SOCIETY: [
        "Citizens for Open Algorithms", "Fair Data Commons Network", "Streets for People Data Collective",
    ],
    OrganisationKind.BUSINESS_ASSOCIATION: ["Metropolitan Platform Economy Forum", "Digital Retailers' Alliance"],
    OrganisationKind.ACADEMIC: ["Institute for Urban Data Ethics", "Centre for Platform Labour Studies"],
    OrganisationKind.OTHER: ["Harbourside Residents' Association"],
}

JURISDICTION_CURRENCY = {"EU": "EUR", "UK": "GBP", "NL": "EUR", "ES": "EUR", "VN": "VND"}

AFFILIATION_ROLES = {
    "organisation": ["Head of Public Policy", "Government Affairs Manager", "Regional General Manager"],
    "city": ["Chief Technology Officer", "Deputy Mayor for Digital Affairs", "Data Protection Officer"],
}


class UserFactory(DjangoModelFactory):
    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.django.Password("correct-horse-battery-staple")
    is_active = True
    is_staff = False
    is_superuser = False

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    class Params:
        superuser = factory.Trait(is_superuser=True, is_staff=True, username=factory.Sequence(lambda n: f"admin{n}"))
        inactive = factory.Trait(is_active=False)


class CityFactory(DjangoModelFactory):
    name = factory.Iterator(CITY_PROFILES)
    slug = factory.LazyAttributeSequence(lambda o, n: f"{slugify(o.name)}-{n}")
    country = factory.LazyAttribute(lambda o: CITY_PROFILES.get(o.name, DEFAULT_CITY_PROFILE)[0])
    time_zone = factory.LazyAttribute(lambda o: CITY_PROFILES.get(o.name, DEFAULT_CITY_PROFILE)[1])
    languages = factory.LazyAttribute(lambda o: list(CITY_PROFILES.get(o.name, DEFAULT_CITY_PROFILE)[2]))

    class Meta:
        model = City


class OrganisationFactory(DjangoModelFactory):
    kind = OrganisationKind.CIVIL_SOCIETY
    name = factory.LazyAttributeSequence(
        lambda o, n: ORGANISATION_NAMES[o.kind][n % len(ORGANISATION_NAMES[o.kind])]
    )
    slug = factory.LazyAttributeSequence(lambda o, n: f"{slugify(o.name)}-{n}")
    registry_id = factory.Faker("numerify", text="############-##")
    parent = None
    website = factory.LazyAttribute(lambda o: f"https://{o.slug}.example")
    description = factory.Faker("sentence", nb_words=12)

    class Meta:
        model = Organisation

    class Params:
        unregistered = factory.Trait(registry_id="")


class TechCompanyFactory(OrganisationFactory):
    kind = OrganisationKind.TECH_COMPANY
    description = factory.LazyAttribute(
        lambda o: f"{o.name} runs an app-based service that operates in several European and Asian cities."
    )


class TradeUnionFactory(OrganisationFactory):
    kind = OrganisationKind.TRADE_UNION


class PersonFactory(DjangoModelFactory):
    full_name = factory.Faker("name")
    is_public_official = False
    is_public_figure = False
    recorded_by_city = None
    notes = ""

    class Meta:
        model = Person

    class Params:
        public_official = factory.Trait(is_public_official=True)
        public_figure = factory.Trait(is_public_figure=True)


class AffiliationFactory(DjangoModelFactory):
    """A role at a company by default; the ``at_city`` trait makes it a role at a city."""

    person = factory.SubFactory(PersonFactory)
    organisation = factory.SubFactory(TechCompanyFactory)
    city = None
    role = factory.Iterator(AFFILIATION_ROLES["organisation"])
    start_on = factory.Faker("date_between", start_date=datetime.date(2018, 1, 1), end_date=datetime.date(2024, 12, 31))
    end_on = None

    class Meta:
        model = Affiliation

    class Params:
        at_city = factory.Trait(
            city=factory.SubFactory(CityFactory),
            organisation=None,
            role=factory.Iterator(AFFILIATION_ROLES["city"]),
        )
        ended = factory.Trait(end_on=factory.LazyAttribute(lambda o: o.start_on + datetime.timedelta(days=730)))


class LobbyingDisclosureFactory(DjangoModelFactory):
    organisation = factory.SubFactory(TechCompanyFactory)
    jurisdiction = factory.Iterator(JURISDICTION_CURRENCY)
    # Yearly periods, walking back from 2024, so repeated disclosures of one company do not clash.
    period_start = factory.Sequence(lambda n: datetime.date(2024 - n % 15, 1, 1))
    period_end = factory.LazyAttribute(lambda o: o.period_start.replace(month=12, day=31))
    declared_spend = factory.Faker(
        "pydecimal", left_digits=7, right_digits=2, min_value=Decimal("10000"), max_value=Decimal("4000000")
    )
    currency = factory.LazyAttribute(lambda o: JURISDICTION_CURRENCY.get(o.jurisdiction, "EUR"))
    declared_lobbyist_headcount = factory.Faker("random_int", min=1, max=40)
    source_url = factory.LazyAttribute(
        lambda o: f"https://lobbying-register.example/{o.jurisdiction.lower()}/{o.organisation.slug}/{o.period_start:%Y}"
    )

    class Meta:
        model = LobbyingDisclosure


class CityMembershipFactory(DjangoModelFactory):
    """A staff login that works for a city, in the auth group of its role."""

    user = factory.SubFactory(UserFactory, is_staff=True)
    city = factory.SubFactory(CityFactory)
    role = MembershipRole.ENVOY
    person = None

    class Meta:
        model = CityMembership
        skip_postgeneration_save = True

    @factory.post_generation
    def role_group(self, create, extracted, **kwargs):
        """Adds the user to the role's group; pass ``role_group=False`` to leave the groups alone."""
        if not create or extracted is False:
            return
        # get_or_create: a flushing (transactional) test may have removed the migration's groups.
        group, _ = Group.objects.get_or_create(name=GROUP_FOR_ROLE[self.role])
        self.user.groups.add(group)


class EnvoyFactory(CityMembershipFactory):
    role = MembershipRole.ENVOY


class CouncilStaffFactory(CityMembershipFactory):
    role = MembershipRole.COUNCIL_STAFF


class EnvoyUserFactory(UserFactory):
    """A user who is an envoy of ``city`` (a new city unless given), for foreign keys to users."""

    is_staff = True
    membership = factory.RelatedFactory(EnvoyFactory, factory_related_name="user", city=factory.SelfAttribute("..city"))

    class Params:
        city = factory.SubFactory(CityFactory)


class CouncilStaffUserFactory(UserFactory):
    """A user on the council staff of ``city`` (a new city unless given)."""

    is_staff = True
    membership = factory.RelatedFactory(
        CouncilStaffFactory, factory_related_name="user", city=factory.SelfAttribute("..city")
    )

    class Params:
        city = factory.SubFactory(CityFactory)
