"""A world for the permission matrix: Amsterdam's users, and records of every kind in every scope.

Scopes, as seen by Amsterdam's envoy and council staff:
- ``own``: a record of Amsterdam, or a shared record Amsterdam recorded;
- ``shared``: a shared reference record another city recorded, which every city sees;
- ``other``: a record of Barcelona that Amsterdam may not see at all;
- for records that go through review: ``published`` (logged by the envoy, released by a second
  person) and ``staff_logged`` (a draft the council staff member logged);
- for meetings: ``standalone`` (a draft the envoy logged of a meeting of Amsterdam outside any
  negotiation, with a union) and ``other_standalone`` (Barcelona's, published);
- for reviewers' verdicts on risk indicators: ``own`` (on an Amsterdam score), ``shared`` (on an overall
  score) and ``other`` (on a Barcelona score);
- for records that belong to a login (API tokens): ``envoy_owned`` and ``staff_owned`` (the
  Amsterdam envoy's and council staff member's own), and ``other`` (another Amsterdam envoy's).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth.models import AnonymousUser, Group
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from ambassador.commitments.factories import (
    CommitmentFactory,
    CommitmentUpdateFactory,
    NotificationFactory,
    OverdueFlagFactory,
)
from ambassador.core.models import ApiToken
from ambassador.negotiations.factories import MeetingFactory, NegotiationFactory, TopicFactory
from ambassador.risk.factories import IndicatorVerdictFactory, RiskAssessmentFactory
from ambassador.stakeholders.factories import (
    AffiliationFactory,
    CityFactory,
    CouncilStaffFactory,
    CouncilStaffUserFactory,
    EnvoyFactory,
    LobbyingDisclosureFactory,
    PersonFactory,
    TechCompanyFactory,
    UserFactory,
)

ROLES = ("envoy", "staff", "superuser", "anonymous")


@dataclass
class World:
    users: dict
    records: dict = field(default_factory=dict)  # model label -> {scope: record}


def _reviewed(factory, own_parent, other_parent, parent_name, envoy, staff, **published) -> dict:
    return {
        "own": factory(**{parent_name: own_parent}, **_logged(factory, envoy)),
        "published": factory(**{parent_name: own_parent}, **_logged(factory, envoy), **published),
        "staff_logged": factory(**{parent_name: own_parent}, **_logged(factory, staff)),
        "other": factory(**{parent_name: other_parent}),
    }


def _logged(factory, user) -> dict:
    return {"logged_by": user} if hasattr(factory._meta.model, "logged_by") else {}


def _token(user) -> ApiToken:
    token, _ = ApiToken.objects.create(user=user, name="script", expiry=datetime.timedelta(days=30))
    return token


@pytest.fixture
def world(db) -> World:
    amsterdam = CityFactory(name="Amsterdam")
    barcelona = CityFactory(name="Barcelona")
    envoy = EnvoyFactory(city=amsterdam).user
    staff = CouncilStaffFactory(city=amsterdam).user
    users = {"envoy": envoy, "staff": staff, "superuser": UserFactory(superuser=True), "anonymous": AnonymousUser()}
    world = World(users=users)
    records = world.records

    own_company = TechCompanyFactory(recorded_by_city=amsterdam)
    other_company = TechCompanyFactory(recorded_by_city=barcelona)
    own_person = PersonFactory(recorded_by_city=amsterdam)
    official = PersonFactory(recorded_by_city=barcelona, public_official=True)
    private = PersonFactory(recorded_by_city=barcelona)
    own_negotiation = NegotiationFactory(city=amsterdam, company=own_company)
    other_negotiation = NegotiationFactory(city=barcelona, company=other_company)

    records["stakeholders.city"] = {"own": amsterdam, "other": barcelona}
    records["stakeholders.citymembership"] = {
        "own": envoy.city_membership, "other": EnvoyFactory(city=barcelona),
    }
    records["stakeholders.organisation"] = {
        "own": own_company, "shared": other_company, "unrecorded": TechCompanyFactory(),
    }
    records["stakeholders.person"] = {"own": own_person, "shared": official, "other": private}
    records["stakeholders.affiliation"] = {
        "own": AffiliationFactory(person=own_person, at_city=True, city=amsterdam),
        "shared": AffiliationFactory(person=official, at_city=True, city=barcelona),
        "other": AffiliationFactory(person=private, organisation=other_company),
    }
    records["stakeholders.lobbyingdisclosure"] = {
        "own": LobbyingDisclosureFactory(organisation=own_company),
        "shared": LobbyingDisclosureFactory(organisation=other_company),
    }
    records["negotiations.topic"] = {"shared": TopicFactory()}
    records["negotiations.negotiation"] = {
        "own": own_negotiation,  # announced
        "unannounced": NegotiationFactory(city=amsterdam, company=own_company, unannounced=True),
        "other": other_negotiation,
    }
    records["negotiations.meeting"] = {
        **_reviewed(MeetingFactory, own_negotiation, other_negotiation, "negotiation", envoy, staff, published=True),
        "standalone": MeetingFactory(standalone=True, city=amsterdam, logged_by=envoy),
        "other_standalone": MeetingFactory(standalone=True, city=barcelona, published=True),
    }
    records["commitments.commitment"] = {
        "own": CommitmentFactory(negotiation=own_negotiation, source_meeting=None, logged_by=envoy, draft=True),
        "published": CommitmentFactory(negotiation=own_negotiation, source_meeting=None, logged_by=envoy),
        "staff_logged": CommitmentFactory(negotiation=own_negotiation, source_meeting=None, logged_by=staff,
                                          draft=True),
        "other": CommitmentFactory(negotiation=other_negotiation),
    }
    published_commitment = records["commitments.commitment"]["published"]
    records["commitments.commitmentupdate"] = {
        "own": CommitmentUpdateFactory(commitment=published_commitment, logged_by=envoy, draft=True),
        "published": CommitmentUpdateFactory(commitment=published_commitment, logged_by=envoy),
        "staff_logged": CommitmentUpdateFactory(commitment=published_commitment, logged_by=staff, draft=True),
        "other": CommitmentUpdateFactory(commitment=records["commitments.commitment"]["other"]),
    }
    records["commitments.overdueflag"] = {
        "own": OverdueFlagFactory(commitment=records["commitments.commitment"]["own"]),
        "other": OverdueFlagFactory(commitment=records["commitments.commitment"]["other"]),
    }
    records["commitments.notification"] = {
        "own": NotificationFactory(city=amsterdam, recipient=envoy),
        "other": NotificationFactory(city=barcelona),
    }
    records["risk.riskassessment"] = {
        "own": RiskAssessmentFactory(organisation=own_company, city=amsterdam),
        "other": RiskAssessmentFactory(organisation=other_company, city=barcelona),
    }
    records["risk.indicatorverdict"] = {
        "own": IndicatorVerdictFactory(assessment=RiskAssessmentFactory(organisation=own_company, city=amsterdam,
                                                                        score=80), decided_by=staff),
        "shared": IndicatorVerdictFactory(assessment=RiskAssessmentFactory(organisation=other_company, score=80)),
        "other": IndicatorVerdictFactory(assessment=RiskAssessmentFactory(organisation=other_company, city=barcelona,
                                                                          score=80)),
    }
    records["auth.user"] = {"shared": CouncilStaffUserFactory(city=barcelona)}
    records["auth.group"] = {"shared": Group.objects.get_or_create(name="Envoy")[0]}
    records["core.apitoken"] = {
        "envoy_owned": _token(envoy), "staff_owned": _token(staff), "other": _token(EnvoyFactory(city=amsterdam).user),
    }
    # Another login's devices: the roles above sign in with their password alone.
    device_owner = records["auth.user"]["shared"]
    records["otp_totp.totpdevice"] = {"shared": TOTPDevice.objects.create(user=device_owner, confirmed=True)}
    records["otp_static.staticdevice"] = {"shared": StaticDevice.objects.create(user=device_owner, confirmed=True)}
    login = {"username": staff.username, "ip_address": "192.0.2.7", "user_agent": "a browser"}
    records["axes.accessattempt"] = {
        "shared": AccessAttempt.objects.create(**login, attempt_time=timezone.now(), failures_since_start=5),
    }
    records["axes.accesslog"] = {"shared": AccessLog.objects.create(**login, attempt_time=timezone.now())}
    records["axes.accessfailurelog"] = {
        "shared": AccessFailureLog.objects.create(**login, attempt_time=timezone.now(), locked_out=True),
    }
    return world
