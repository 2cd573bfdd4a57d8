"""A small world with one record of every visibility, for the public-site tests."""

import datetime
from dataclasses import dataclass

import pytest
from django.core.management import call_command

from ambassador.commitments.factories import CommitmentFactory, CommitmentUpdateFactory
from ambassador.negotiations.factories import MeetingFactory, NegotiationFactory
from ambassador.risk.factories import RiskAssessmentFactory
from ambassador.stakeholders.factories import (
    AffiliationFactory,
    CityFactory,
    PersonFactory,
    TechCompanyFactory,
)

UTC = datetime.UTC


@pytest.fixture(scope="session", autouse=True)
def _compiled_translations():
    """Compile the .po catalogues when their .mo is missing or stale (``make test`` compiles them too)."""
    call_command("compile_translations", verbosity=0)


@dataclass
class World:
    city: object
    company: object
    negotiation: object
    unannounced: object
    public_meeting: object
    restricted: object
    embargoed: object
    released: object
    draft: object
    submitted: object
    public_person: object
    private_person: object
    public_commitment: object
    embargoed_commitment: object
    unannounced_commitment: object
    draft_commitment: object
    # Text that must never appear on any public surface.
    secrets: list[str]


@pytest.fixture
def world(db) -> World:
    return build_world()


def build_world() -> World:
    """The records behind the public-site tests; the browser tests use them too."""
    city = CityFactory(name="Amsterdam", slug="amsterdam")
    company = TechCompanyFactory(name="Ridelyn Mobility", slug="ridelyn-mobility")
    negotiation = NegotiationFactory(city=city, company=company, title="Scooter data", slug="scooter-data")
    unannounced = NegotiationFactory(
        city=city, company=company, unannounced=True, title="Secret cloud deal", slug="secret-cloud-deal"
    )
    public_person = PersonFactory(full_name="Petra Publica", public_official=True)
    private_person = PersonFactory(full_name="Xavier Privatus", notes="Internal note about Xavier")
    AffiliationFactory(person=private_person, organisation=company, role="Junior analyst",
                       start_on=datetime.date(2020, 1, 1))
    AffiliationFactory(person=public_person, city=city, organisation=None, role="Tech envoy",
                       start_on=datetime.date(2020, 1, 1))

    def meeting(subject, **kwargs):
        kwargs.setdefault("starts_at", datetime.datetime(2025, 3, 10, 9, 30, tzinfo=UTC))
        return MeetingFactory(
            negotiation=kwargs.pop("negotiation", negotiation),
            subject=subject,
            minutes_main_points=f"Main points of {subject}",
            minutes_positions=f"Positions in {subject}",
            minutes_conclusions=f"Conclusions of {subject}",
            location=f"Room of {subject}",
            attendees=[public_person, private_person],
            **kwargs,
        )

    public_meeting = meeting("Open kerbside talk", published=True)
    restricted = meeting("Restricted pricing talk", published=True, restricted=True)
    embargoed = meeting("Embargoed exclusivity talk", published=True, confidential=True)
    released = meeting(
        "Released hosting talk", published=True, confidential=True, release_on=datetime.date(2025, 6, 1)
    )
    draft = meeting("Draft dinner talk")
    submitted = meeting("Submitted phone talk", submitted=True)
    unannounced_meeting = meeting("Unannounced cloud talk", negotiation=unannounced, published=True)

    public_commitment = CommitmentFactory(
        negotiation=negotiation, source_meeting=public_meeting, text="Share anonymised trips weekly",
        due_on=datetime.date(2025, 1, 31),
    )
    CommitmentUpdateFactory(
        commitment=public_commitment, summary="First sample shared", moves_due_date=True,
        due_date_reason="Waiting for the impact assessment",
    )
    embargoed_commitment = CommitmentFactory(
        negotiation=negotiation, source_meeting=embargoed, text="Grant two years of exclusivity"
    )
    CommitmentUpdateFactory(commitment=embargoed_commitment, summary="Exclusivity terms drafted in secret")
    unannounced_commitment = CommitmentFactory(
        negotiation=unannounced, source_meeting=unannounced_meeting, text="Host municipal data abroad"
    )
    draft_commitment = CommitmentFactory(negotiation=negotiation, source_meeting=draft, text="Draft promise on pay")
    RiskAssessmentFactory(organisation=company, score=62)

    secrets = [
        "Xavier Privatus", "Internal note", "Junior analyst",
        "Main points of Restricted pricing talk", "Positions in Restricted pricing talk",
        "Conclusions of Restricted pricing talk", "Room of Restricted pricing talk",
        "Embargoed exclusivity talk", "Grant two years of exclusivity", "Exclusivity terms drafted in secret",
        "Draft dinner talk", "Submitted phone talk", "Draft promise on pay",
        "Secret cloud deal", "Unannounced cloud talk", "Host municipal data abroad",
    ]
    for user_owner in (negotiation, public_meeting):
        user = getattr(user_owner, "lead_envoy", None) or getattr(user_owner, "published_by", None)
        secrets += [user.get_full_name(), user.username, user.email]
    return World(
        city=city, company=company, negotiation=negotiation, unannounced=unannounced,
        public_meeting=public_meeting, restricted=restricted, embargoed=embargoed, released=released,
        draft=draft, submitted=submitted, public_person=public_person, private_person=private_person,
        public_commitment=public_commitment, embargoed_commitment=embargoed_commitment,
        unannounced_commitment=unannounced_commitment, draft_commitment=draft_commitment, secrets=secrets,
    )


def body_of(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode()
