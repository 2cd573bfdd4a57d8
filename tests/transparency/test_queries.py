"""Every public surface runs the same number of queries for a little data and for a lot."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ambassador.commitments.factories import CommitmentFactory, CommitmentUpdateFactory, OverdueFlagFactory
from ambassador.negotiations.factories import MeetingFactory, NegotiationFactory
from ambassador.risk.factories import RiskAssessmentFactory
from ambassador.stakeholders.factories import (
    AffiliationFactory,
    LobbyingDisclosureFactory,
    PersonFactory,
    TechCompanyFactory,
    TradeUnionFactory,
)

from .conftest import body_of

pytestmark = pytest.mark.django_db


def urls(world):
    return [
        "/",
        f"/cities/{world.city.slug}/",
        f"/companies/{world.company.slug}/",
        f"/negotiations/{world.negotiation.slug}/",
        f"/meetings/{world.public_meeting.pk}/",
        f"/commitments/{world.public_commitment.pk}/",
        "/commitments/",
        "/commitments/?overdue=on&area=data_governance",
        "/risk/",
        "/methodology/",
        "/withheld/",
        "/feeds/meetings/",
        f"/feeds/cities/{world.city.slug}/meetings/",
        f"/feeds/companies/{world.company.slug}/meetings/",
        "/feeds/overdue/",
        "/data/meetings.csv",
        "/data/commitments.json",
        "/data/negotiations.json",
        "/data/popolo.json",
    ]


def _count(client, url) -> int:
    # Content types are looked up once per process, on first use; every count starts from none cached.
    ContentType.objects.clear_cache()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        assert response.status_code == 200, url
        body_of(response)  # streaming responses query while they stream
    return len(queries)


def _grow(world, n=12):
    """More of everything around the same city, company and negotiation."""
    union = TradeUnionFactory()
    for i in range(n):
        company = TechCompanyFactory()
        negotiation = NegotiationFactory(city=world.city, company=world.company if i % 2 else company)
        people = [PersonFactory(public_figure=i % 2 == 0) for _ in range(3)]
        for person in people:
            AffiliationFactory(person=person, organisation=company)
        meeting = MeetingFactory(
            negotiation=negotiation if i % 3 else world.negotiation, published=True, attendees=people,
            organisations=[world.company, union, company], restricted=i % 4 == 0,
            starts_at=datetime.datetime(2025, 1 + i % 12, 3, 10, tzinfo=datetime.UTC),
        )
        commitment = CommitmentFactory(negotiation=meeting.negotiation, source_meeting=meeting,
                                       due_on=datetime.date(2025, 2, 1))
        CommitmentUpdateFactory(commitment=commitment, moves_due_date=True)
        OverdueFlagFactory(commitment=commitment)
        RiskAssessmentFactory(organisation=company)
        LobbyingDisclosureFactory(organisation=world.company)


def test_query_count_does_not_grow_with_the_data(client, world):
    before = {url: _count(client, url) for url in urls(world)}
    _grow(world)
    after = {url: _count(client, url) for url in urls(world)}
    assert after == before
