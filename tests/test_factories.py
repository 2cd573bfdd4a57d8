"""Every factory, with and without its traits, builds an object that validates and saves."""

import pytest
from django.contrib.auth.models import Group

from ambassador.commitments import factories as commitment_factories
from ambassador.negotiations import factories as negotiation_factories
from ambassador.negotiations.choices import Confidentiality, ReviewState
from ambassador.risk import factories as risk_factories
from ambassador.stakeholders import factories as stakeholder_factories
from ambassador.stakeholders.choices import MembershipRole, OrganisationKind
from ambassador.stakeholders.models import City

pytestmark = pytest.mark.django_db

FACTORIES = [
    stakeholder_factories.UserFactory,
    stakeholder_factories.CityFactory,
    stakeholder_factories.OrganisationFactory,
    stakeholder_factories.TechCompanyFactory,
    stakeholder_factories.TradeUnionFactory,
    stakeholder_factories.PersonFactory,
    stakeholder_factories.AffiliationFactory,
    stakeholder_factories.LobbyingDisclosureFactory,
    risk_factories.RiskAssessmentFactory,
    risk_factories.RiskRunFactory,
    risk_factories.IndicatorVerdictFactory,
    stakeholder_factories.CityMembershipFactory,
    stakeholder_factories.EnvoyFactory,
    stakeholder_factories.CouncilStaffFactory,
    stakeholder_factories.EnvoyUserFactory,
    stakeholder_factories.CouncilStaffUserFactory,
    negotiation_factories.TopicFactory,
    negotiation_factories.NegotiationFactory,
    negotiation_factories.MeetingFactory,
    commitment_factories.CommitmentFactory,
    commitment_factories.CommitmentUpdateFactory,
    commitment_factories.OverdueFlagFactory,
    commitment_factories.NotificationFactory,
    commitment_factories.NotificationFlagFactory,
]

# (factory, traits) pairs: each trait combination must also give valid objects.
TRAITS = [
    (stakeholder_factories.UserFactory, {"superuser": True}),
    (risk_factories.IndicatorVerdictFactory, {"false_positive": True}),
    (risk_factories.IndicatorVerdictFactory, {"needs_data": True}),
    (stakeholder_factories.UserFactory, {"inactive": True}),
    (stakeholder_factories.OrganisationFactory, {"unregistered": True}),
    (stakeholder_factories.PersonFactory, {"public_official": True}),
    (stakeholder_factories.PersonFactory, {"public_figure": True}),
    (stakeholder_factories.AffiliationFactory, {"at_city": True}),
    (stakeholder_factories.AffiliationFactory, {"ended": True}),
    (risk_factories.RiskAssessmentFactory, {"in_city": True}),
    (negotiation_factories.NegotiationFactory, {"unannounced": True}),
    (negotiation_factories.NegotiationFactory, {"stalled": True}),
    (negotiation_factories.NegotiationFactory, {"concluded": True}),
    (negotiation_factories.NegotiationFactory, {"abandoned": True}),
    (negotiation_factories.MeetingFactory, {"submitted": True}),
    (negotiation_factories.MeetingFactory, {"published": True}),
    (negotiation_factories.MeetingFactory, {"restricted": True}),
    (negotiation_factories.MeetingFactory, {"confidential": True}),
    (negotiation_factories.MeetingFactory, {"published": True, "restricted": True}),
    (negotiation_factories.MeetingFactory, {"published": True, "confidential": True}),
    (commitment_factories.CommitmentFactory, {"workers_rights": True}),
    (commitment_factories.CommitmentFactory, {"by_city": True}),
    (commitment_factories.CommitmentFactory, {"without_meeting": True}),
    (commitment_factories.CommitmentFactory, {"complete": True}),
    (commitment_factories.CommitmentFactory, {"withdrawn": True}),
    (commitment_factories.CommitmentFactory, {"broken": True}),
    (commitment_factories.CommitmentUpdateFactory, {"moves_due_date": True}),
    (commitment_factories.OverdueFlagFactory, {"due_soon": True}),
    (commitment_factories.OverdueFlagFactory, {"cleared": True}),
    (commitment_factories.NotificationFactory, {"sent": True}),
    (commitment_factories.NotificationFactory, {"weekly_digest": True}),
]


def create_validated(factory_class, **kwargs):
    """Creates through ``factory_class`` but runs ``full_clean()`` on the object before it is saved.

    Dependencies come from their own factories (each tested here in its own right); only the
    top-level object is validated before its INSERT, as a service would do.
    """

    class ValidatingFactory(factory_class):
        @classmethod
        def _create(cls, model_class, *args, **create_kwargs):
            obj = model_class(*args, **create_kwargs)
            obj.full_clean()
            obj.save()
            return obj

    return ValidatingFactory(**kwargs)


def _factory_id(factory_class):
    return factory_class.__name__


@pytest.mark.parametrize("factory_class", FACTORIES, ids=_factory_id)
def test_factory_object_passes_full_clean_and_saves(factory_class):
    obj = create_validated(factory_class)

    model = factory_class._meta.model
    assert model.objects.filter(pk=obj.pk).exists()
    obj.refresh_from_db()
    obj.full_clean()  # still valid once saved, with its many-to-many and post-generation work done


@pytest.mark.parametrize(
    ("factory_class", "traits"),
    TRAITS,
    ids=[f"{factory_class.__name__}-{'+'.join(traits)}" for factory_class, traits in TRAITS],
)
def test_factory_traits_give_objects_that_pass_full_clean_and_save(factory_class, traits):
    obj = create_validated(factory_class, **traits)

    assert factory_class._meta.model.objects.filter(pk=obj.pk).exists()
    obj.refresh_from_db()
    obj.full_clean()


@pytest.mark.parametrize("factory_class", FACTORIES, ids=_factory_id)
def test_factory_creates_distinct_objects_on_repeated_calls(factory_class):
    first, second = factory_class(), factory_class()

    assert first.pk != second.pk


def test_envoy_factory_puts_a_staff_user_in_the_envoy_group():
    membership = stakeholder_factories.EnvoyFactory()

    assert membership.role == MembershipRole.ENVOY
    assert membership.user.is_staff
    assert list(membership.user.groups.values_list("name", flat=True)) == ["Envoy"]


def test_council_staff_factory_puts_a_staff_user_in_the_council_staff_group():
    membership = stakeholder_factories.CouncilStaffFactory()

    assert membership.role == MembershipRole.COUNCIL_STAFF
    assert membership.user.is_staff
    assert list(membership.user.groups.values_list("name", flat=True)) == ["Council staff"]


def test_membership_group_comes_from_the_data_migration():
    envoy_group = Group.objects.get(name="Envoy")

    membership = stakeholder_factories.EnvoyFactory()

    assert membership.user.groups.get() == envoy_group
    assert envoy_group.permissions.filter(codename="add_meeting").exists()


def test_envoy_user_factory_makes_an_envoy_of_the_given_city():
    city = stakeholder_factories.CityFactory(name="Barcelona")

    user = stakeholder_factories.EnvoyUserFactory(city=city)

    assert user.city_membership.city == city
    assert user.city_membership.role == MembershipRole.ENVOY


def test_city_factory_gives_the_time_zone_of_the_named_city():
    hanoi = stakeholder_factories.CityFactory(name="Hanoi")

    assert (hanoi.country, hanoi.time_zone) == ("VN", "Asia/Ho_Chi_Minh")


def test_negotiation_factory_counterparty_is_a_tech_company_led_by_an_envoy_of_its_city():
    negotiation = negotiation_factories.NegotiationFactory()

    assert negotiation.company.kind == OrganisationKind.TECH_COMPANY
    assert negotiation.lead_envoy.city_membership.city == negotiation.city
    assert City.objects.count() == 1  # the envoy works for the negotiation's city, not a new one


def test_meeting_factory_makes_a_public_draft_logged_by_the_lead_envoy_with_the_company_present():
    meeting = negotiation_factories.MeetingFactory()

    assert meeting.review_state == ReviewState.DRAFT
    assert meeting.confidentiality == Confidentiality.PUBLIC
    assert meeting.logged_by == meeting.negotiation.lead_envoy
    assert list(meeting.organisations.all()) == [meeting.negotiation.company]


def test_published_meeting_is_published_by_council_staff_other_than_who_logged_it():
    meeting = negotiation_factories.MeetingFactory(published=True)

    assert meeting.published_by != meeting.logged_by
    assert meeting.published_by.city_membership.role == MembershipRole.COUNCIL_STAFF
    assert meeting.published_at > meeting.starts_at


def test_confidential_meeting_factory_sets_a_release_date_and_ground():
    meeting = negotiation_factories.MeetingFactory(confidential=True)

    assert meeting.release_on > meeting.starts_at.date()
    assert meeting.withholding_ground != ""


def test_commitment_factory_source_meeting_belongs_to_the_commitments_negotiation():
    commitment = commitment_factories.CommitmentFactory()

    assert commitment.source_meeting.negotiation == commitment.negotiation


def test_overdue_flag_factory_flags_the_commitments_due_date():
    flag = commitment_factories.OverdueFlagFactory()

    assert flag.due_on == flag.commitment.due_on
    assert flag.raised_at.date() > flag.due_on
