"""Topic balance counts the city's union and civil-society meetings outside any negotiation too."""

import datetime

import pytest

from ambassador.negotiations.factories import MeetingFactory, NegotiationFactory, TopicFactory
from ambassador.risk.evidence import gather_record
from ambassador.risk.services import risk_config
from ambassador.stakeholders.factories import CityFactory, OrganisationFactory, TradeUnionFactory

pytestmark = pytest.mark.django_db

ON = datetime.date(2026, 6, 1)


def test_public_union_meetings_outside_a_negotiation_count_as_voices_on_their_topic():
    amsterdam, hanoi = CityFactory(name="Amsterdam"), CityFactory(name="Hanoi")
    topic, other_topic = TopicFactory(), TopicFactory()
    union, group = TradeUnionFactory(), OrganisationFactory()  # a civil-society group
    negotiation = NegotiationFactory(city=amsterdam)
    MeetingFactory.create_batch(3, negotiation=negotiation, topic=topic, published=True)
    MeetingFactory(standalone=True, city=amsterdam, topic=topic, organisations=[union], published=True)
    MeetingFactory(standalone=True, city=amsterdam, topic=topic, organisations=[union, group], published=True)
    MeetingFactory(standalone=True, city=amsterdam, topic=other_topic, organisations=[group], published=True)
    # Not public, or of another city: not counted for Amsterdam.
    MeetingFactory(standalone=True, city=amsterdam, topic=topic, organisations=[union])
    MeetingFactory(standalone=True, city=amsterdam, topic=topic, organisations=[union], published=True,
                   confidential=True)
    MeetingFactory(standalone=True, city=hanoi, topic=topic, organisations=[union], published=True)

    record = gather_record(on=ON, config=risk_config())

    assert record.voice_meetings[(amsterdam.pk, topic.name)] == 2
    assert record.voice_meetings[(amsterdam.pk, other_topic.name)] == 1
    assert record.voice_meetings[(hanoi.pk, topic.name)] == 1
    assert record.topic_meetings[(negotiation.company_id, amsterdam.pk, topic.name)] == 3
