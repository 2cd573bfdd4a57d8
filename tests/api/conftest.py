"""Fixtures for the staff API: two cities with records of every kind, and a login per role."""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass, field

import pytest
from rest_framework.test import APIClient

from ambassador.commitments.factories import CommitmentFactory, CommitmentUpdateFactory, OverdueFlagFactory
from ambassador.negotiations.factories import MeetingFactory, NegotiationFactory, TopicFactory
from ambassador.stakeholders.factories import (
    AffiliationFactory,
    CityFactory,
    CouncilStaffFactory,
    EnvoyFactory,
    PersonFactory,
    RiskAssessmentFactory,
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
]


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

    def visible_ids(self, endpoint: str, cities: set[str]) -> set[int]:
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
    overdue = CommitmentFactory(
        negotiation=announced, source_meeting=published, due_on=datetime.date(2025, 1, 31)
    )
    unannounced_commitment = CommitmentFactory(negotiation=unannounced, source_meeting=confidential)
    update = CommitmentUpdateFactory(commitment=overdue)
    slip = CommitmentUpdateFactory(commitment=unannounced_commitment, moves_due_date=True)
    flag = OverdueFlagFactory(commitment=overdue)
    warning = OverdueFlagFactory(commitment=unannounced_commitment, due_soon=True)
    risk = RiskAssessmentFactory(organisation=company, city=city)

    world.add("cities", owner, city)
    world.add("people", owner, recorded, attendee)
    world.add("negotiations", owner, announced, unannounced)
    world.add("meetings", owner, draft, published, confidential)
    world.add("commitments", owner, overdue, unannounced_commitment)
    world.add("commitment-updates", owner, update, slip)
    world.add("overdue-flags", owner, flag, warning)
    world.add("risk-assessments", owner, risk)
    world.objects[owner] = {
        "city": city, "company": company, "topic": topic, "announced": announced, "unannounced": unannounced,
        "draft": draft, "published": published, "confidential": confidential, "commitment": overdue,
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
