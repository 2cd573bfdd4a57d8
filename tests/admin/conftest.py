"""Fixtures of the admin tests: a negotiation of another city, and records in two cities."""

import pytest

from ambassador.commitments.factories import CommitmentFactory
from ambassador.negotiations.factories import MeetingFactory, NegotiationFactory


@pytest.fixture
def foreign_negotiation(barcelona):
    return NegotiationFactory(city=barcelona)


@pytest.fixture
def two_cities(negotiation, foreign_negotiation):
    """A meeting with a commitment in each city."""
    ours = MeetingFactory(negotiation=negotiation)
    theirs = MeetingFactory(negotiation=foreign_negotiation)
    return {
        "ours": {"meeting": ours, "commitment": CommitmentFactory(negotiation=negotiation, source_meeting=ours)},
        "theirs": {"meeting": theirs,
                   "commitment": CommitmentFactory(negotiation=foreign_negotiation, source_meeting=theirs)},
    }
