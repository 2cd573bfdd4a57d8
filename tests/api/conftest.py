"""Fixtures for the staff API: two cities with records of every kind, and a login per role."""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass, field

import pytest
from rest_framework.test import APIClient

from ambassador.commitments.factories import CommitmentFactory, CommitmentUpdateFactory, OverdueFlagFactory
from ambassador.core.models import ApiToken
from ambassador.negotiations.factories import MeetingFactory, NegotiationFactory, TopicFactory
from ambassador.risk.factories import IndicatorVerdictFactory, RiskAssessmentFactory
from ambassador.stakeholders.factories import (
    AffiliationFactory,
    CityFactory,
    CouncilStaffFactory,
    EnvoyFactory,
    PersonFactory,
    TechCompanyFactory,
    TradeUnionFactory,
    UserFactory,
)

# Every endpoint of the staff API, by route.
ENDPOINTS = [
    "cities",
    "organisations",
    "people",
    "negotiations",
    "meetings",
    "commitments",
    "commitment-updates",
    "overdue-flags",
    "risk-assessments",
    "indicator-verdicts",
]


# Endpoints whose rows envoys never see (reviewers' verdicts are the council staff's): their lists are empty.
STAFF_ONLY = {"indicator-verdicts"}


def list_url(endpoint: str) -> str:
    return f"/api/v1/{endpoint}/"


def detail_url(endpoint: str, pk) -> str:
    return f"/api/v1/{endpoint}/{pk}/"


def client_for(user) -> APIClient:
    """An API client logged in (by session) as ``user``; anonymous for None."""
    client = APIClient()
    if user is not None:
        client.force_login(user)
    return client


def token_for(user, *, days: int = 30, name: str = "script") -> str:
    """A new API token's key for ``user`` (only its digest is stored)."""
    _, key = ApiToken.objects.create(user=user, name=name, expiry=datetime.timedelta(days=days))
    return key


def token_client(user) -> APIClient:
    """An API client that authenticates as ``user`` with a new token."""
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token_for(user)}")
    return client


def list_ids(client: APIClient, endpoint: str, **params) -> list[int]:
    """The ids of every row of a list endpoint, walking the cursor pages; fails on a duplicate."""
    params.setdefault("page_size", 500)
    response = client.get(list_url(endpoint), params)
    assert response.status_code == 200, response.content
    ids = []
    while True:
        body = response.json()
        ids += [row["id"] for row in body["results"]]
        if not body["next"]:
            break
        response = client.get(body["next"])
        assert response.status_code == 200, response.content
    assert len(ids) == len(set(ids)), f"duplicate rows: {ids}"
    return ids


def read_csv(response) -> list[dict]:
    """The rows of a streamed CSV response, as dicts keyed by the header row."""
    assert response.streaming, "a CSV list is streamed"
    text = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


@dataclass
class World:
    """Records of two cities plus shared reference data, with the ids each city owns per endpoint."""

    amsterdam: object
    barcelona: object
    users: dict = field(default_factory=dict)
    # ids[endpoint][owner]: owner is "amsterdam", "barcelona" or "shared" (seen by every member).
    ids: dict = field(default_factory=lambda: {endpoint: {} for endpoint in ENDPOINTS})
    objects: dict = field(default_factory=dict)

    def add(self, endpoint: str, owner: str, *objs) -> None:
        self.ids[endpoint].setdefault(owner, set()).update(obj.pk for obj in objs)

    def all_ids(self, endpoint: str) -> set[int]:
        return set().union(*self.ids[endpoint].values())

    def visible_ids(self, endpoint: str, cities: set[str], role: str = "") -> set[int]:
        if endpoint in STAFF_ONLY and "envoy" in role:
            return set()
        owners = cities | {"shared"} if cities else set()
        return set().union(set(), *(self.ids[endpoint].get(owner, set()) for owner in owners))


def _records_of(world: World, owner: str, city, company, union) -> None:
    topic = TopicFactory()
    announced = NegotiationFactory(city=city, company=company, topics=[topic])
    unannounced = NegotiationFactory(city=city, company=company, unannounced=True, stalled=True)
    recorded = PersonFactory(recorded_by_city=city)
    attendee = PersonFactory()
    draft = MeetingFactory(negotiation=announced, attendees=[attendee], organisations=[company, union])
    published = MeetingFactory(negotiation=announced, published=True, topic=topic)
    confidential = MeetingFactory(negotiation=unannounced, submitted=True, confidential=True)
    standalone = MeetingFactory(standalone=True, city=city, organisations=[union], topic=topic, published=True)
    overdue = CommitmentFactory(
        negotiation=announced, source_meeting=published, due_on=datetime.date(2025, 1, 31)
    )
    unannounced_commitment = CommitmentFactory(
        negotiation=unannounced, source_meeting=confidential, due_on=datetime.date(2030, 6, 30)
    )
    update = CommitmentUpdateFactory(commitment=overdue)
    slip = CommitmentUpdateFactory(commitment=unannounced_commitment, moves_due_date=True)
    flag = OverdueFlagFactory(commitment=overdue)
    warning = OverdueFlagFactory(commitment=unannounced_commitment, due_soon=True)
    risk = RiskAssessmentFactory(organisation=company, city=city)

    world.add("cities", owner, city)
    world.add("people", owner, recorded, attendee)
    world.add("negotiations", owner, announced, unannounced)
    world.add("meetings", owner, draft, published, confidential, standalone)
    world.add("commitments", owner, overdue, unannounced_commitment)
    world.add("commitment-updates", owner, update, slip)
    world.add("overdue-flags", owner, flag, warning)
    world.add("risk-assessments", owner, risk)
    judged = RiskAssessmentFactory(organisation=company, city=city, score=80)
    world.add("risk-assessments", owner, judged)
    world.add("indicator-verdicts", owner, IndicatorVerdictFactory(assessment=judged))
    world.objects[owner] = {
        "city": city, "company": company, "topic": topic, "announced": announced, "unannounced": unannounced,
        "draft": draft, "published": published, "confidential": confidential, "commitment": overdue,
        "standalone": standalone,
    }


@pytest.fixture
def world(db) -> World:
    amsterdam = CityFactory(name="Amsterdam")
    barcelona = CityFactory(name="Barcelona")
    world = World(amsterdam=amsterdam, barcelona=barcelona)

    ams_company = TechCompanyFactory()
    bcn_company = TechCompanyFactory()
    union = TradeUnionFactory()
    idle_company = TechCompanyFactory(unregistered=True)
    world.add("organisations", "shared", ams_company, bcn_company, union, idle_company)

    _records_of(world, "amsterdam", amsterdam, ams_company, union)
    _records_of(world, "barcelona", barcelona, bcn_company, union)

    official = PersonFactory(public_official=True)
    AffiliationFactory(person=official, at_city=True, city=barcelona)
    figure = PersonFactory(public_figure=True)
    AffiliationFactory(person=figure, organisation=bcn_company)
    world.add("people", "shared", official, figure)
    world.add("risk-assessments", "shared", RiskAssessmentFactory(organisation=ams_company))
    overall = RiskAssessmentFactory(organisation=bcn_company, score=80)
    world.add("risk-assessments", "shared", overall)
    world.add("indicator-verdicts", "shared", IndicatorVerdictFactory(assessment=overall, false_positive=True))

    world.users = {
        "superuser": UserFactory(superuser=True),
        "amsterdam envoy": EnvoyFactory(city=amsterdam).user,
        "amsterdam council staff": CouncilStaffFactory(city=amsterdam).user,
        "barcelona envoy": EnvoyFactory(city=barcelona).user,
        "barcelona council staff": CouncilStaffFactory(city=barcelona).user,
        "staff user without a city": UserFactory(is_staff=True),
        "inactive amsterdam envoy": EnvoyFactory(city=amsterdam, user__is_active=False).user,
    }
    return world


@pytest.fixture
def superuser_client(world) -> APIClient:
    return client_for(world.users["superuser"])


@pytest.fixture
def envoy_client(world) -> APIClient:
    return client_for(world.users["amsterdam envoy"])


# --- many rows of one endpoint, for pagination and query-count tests ------------------------------------------------


@dataclass
class Parents:
    """The records that new rows hang from, so building many rows does not build many cities."""

    city: object
    envoy: object
    staff: object
    companies: list
    topics: list
    people: list

    @classmethod
    def create(cls, city=None):
        city = city or CityFactory(name="Amsterdam")
        return cls(
            city=city,
            envoy=EnvoyFactory(city=city).user,
            staff=CouncilStaffFactory(city=city).user,
            companies=TechCompanyFactory.create_batch(2),
            topics=TopicFactory.create_batch(2),
            people=PersonFactory.create_batch(2, recorded_by_city=city),
        )

    def negotiation(self, i=0, **kwargs):
        kwargs.setdefault("topics", self.topics)
        return NegotiationFactory(
            city=self.city, company=self.companies[i % 2], lead_envoy=self.envoy, **kwargs
        )

    def meeting(self, negotiation, i=0, **kwargs):
        if i % 2:
            kwargs.update(published=True, published_by=self.staff)
        return MeetingFactory(
            negotiation=negotiation, logged_by=self.envoy, topic=self.topics[i % 2], attendees=self.people,
            organisations=self.companies, **kwargs,
        )


def make_rows(endpoint: str, n: int, parents: Parents) -> list:
    """``n`` new rows of the endpoint's model, varied: ties, empty values and nested relations."""
    p = parents
    if endpoint == "cities":
        return CityFactory.create_batch(n)
    if endpoint == "organisations":
        rows = []
        for i in range(n):
            rows.append(TechCompanyFactory(parent=rows[-1] if rows and i % 2 else None))
        return rows
    if endpoint == "people":
        return [PersonFactory(recorded_by_city=p.city, is_public_official=bool(i % 3 == 0)) for i in range(n)]
    if endpoint == "negotiations":
        rows = []
        for i in range(n):
            rows.append(p.negotiation(i, concluded=bool(i % 4 == 0)))
            if i % 3:
                p.meeting(rows[-1], i)
        return rows
    negotiation = p.negotiation()
    if endpoint == "meetings":
        # Every third one outside any negotiation.
        return [p.meeting(negotiation, i) if i % 3 else p.meeting(None, i, city=p.city) for i in range(n)]
    meeting = p.meeting(negotiation)
    if endpoint == "commitments":
        return [
            CommitmentFactory(
                negotiation=negotiation, source_meeting=meeting,
                due_on=None if i % 3 == 0 else datetime.date(2025, 1 + i % 12, 1 + i % 5),
            )
            for i in range(n)
        ]
    commitment = CommitmentFactory(negotiation=negotiation, source_meeting=meeting)
    if endpoint == "commitment-updates":
        return [
            CommitmentUpdateFactory(commitment=commitment, logged_by=p.envoy if i % 2 else p.staff) for i in range(n)
        ]
    if endpoint == "overdue-flags":
        # Pairs share a due date (and so a raised time): an overdue flag and a due-soon warning.
        return [
            OverdueFlagFactory(
                commitment=commitment, kind="due_soon" if i % 2 else "overdue",
                due_on=datetime.date(2024, 1, 1) + datetime.timedelta(days=i // 2),
            )
            for i in range(n)
        ]
    if endpoint == "risk-assessments":
        return [
            RiskAssessmentFactory(organisation=p.companies[i % 2], city=p.city if i % 2 else None, score=i % 5 * 10)
            for i in range(n)
        ]
    if endpoint == "indicator-verdicts":
        # Verdicts in the city and overall, some replacing others (same company, city and indicator).
        rows = []
        for i in range(n):
            assessment = RiskAssessmentFactory(
                organisation=p.companies[i % 2], city=p.city if i % 3 else None, score=80,
            )
            rows.append(IndicatorVerdictFactory(
                assessment=assessment, decided_by=p.staff, **({"needs_data": True} if i % 4 == 0 else {}),
            ))
        return rows
    raise ValueError(endpoint)
