"""The shapes of the demo records, and short names for the choices they use most.

Dates are offsets in days from the day ``manage.py seed_demo`` runs (negative: in the past).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ambassador.commitments.choices import Area, CompletionLevel, Promiser
from ambassador.negotiations.choices import Confidentiality, MeetingFormat, ReviewState

DG = Area.DATA_GOVERNANCE
WR = Area.WORKERS_RIGHTS
COMPANY = Promiser.COMPANY
CITY = Promiser.CITY

PUBLIC = Confidentiality.PUBLIC
RESTRICTED = Confidentiality.RESTRICTED
CONFIDENTIAL = Confidentiality.CONFIDENTIAL

DRAFT = ReviewState.DRAFT
SUBMITTED = ReviewState.SUBMITTED
PUBLISHED = ReviewState.PUBLISHED

# Where the fictional evidence of commitments and their progress is published.
EVIDENCE_SITE = "https://records.example.org"


@dataclass(frozen=True)
class CitySpec:
    slug: str
    name: str
    country: str
    time_zone: str
    languages: list[str]


@dataclass(frozen=True)
class OrganisationSpec:
    slug: str
    name: str
    kind: str
    description: str
    registry_id: str = ""
    parent: str | None = None  # slug of an organisation listed earlier
    website: str = ""


@dataclass(frozen=True)
class PersonSpec:
    full_name: str
    recorded_by: str  # city slug
    is_public_official: bool = False
    is_public_figure: bool = False
    notes: str = ""


@dataclass(frozen=True)
class AffiliationSpec:
    person: str
    role: str
    start: int
    end: int | None = None
    city: str | None = None  # city slug, or
    organisation: str | None = None  # organisation slug


@dataclass(frozen=True)
class DisclosureSpec:
    organisation: str
    jurisdiction: str
    source: str  # last part of the source URL; with the organisation and jurisdiction, the natural key
    years_ago: int  # the calendar year this many years before the current one
    spend: int | None
    headcount: int | None
    currency: str = "EUR"

    @property
    def source_url(self) -> str:
        return f"https://lobbying-register.example.org/{self.jurisdiction.lower()}/{self.organisation}/{self.source}"


@dataclass(frozen=True)
class LoginSpec:
    username: str
    first_name: str
    last_name: str
    city: str | None = None
    role: str | None = None
    person: str | None = None  # full name of the public record, if any
    is_superuser: bool = False


@dataclass(frozen=True)
class NegotiationSpec:
    slug: str
    city: str
    company: str
    title: str
    stage: str
    opened: int
    topics: tuple[str, ...]
    summary: str
    closed: int | None = None
    is_public: bool = True


@dataclass(frozen=True)
class MeetingSpec:
    negotiation: str
    subject: str
    day: int
    topic: str | None
    attendees: tuple[str, ...]
    organisations: tuple[str, ...]
    main_points: str = ""
    positions: str = ""
    conclusions: str = ""
    hour: int = 10
    format: str = MeetingFormat.IN_PERSON
    location: str = ""
    confidentiality: str = PUBLIC
    ground: str = ""
    release: int | None = None
    review: str = PUBLISHED
    submitted_after: int = 2  # days after the meeting; for submitted and published records
    published_after: int = 10  # days after the meeting; for published records


@dataclass(frozen=True)
class StandaloneMeetingSpec:
    """A meeting of a city outside any negotiation: with unions, civil society or academics on a topic."""

    city: str
    subject: str
    day: int
    topic: str
    attendees: tuple[str, ...]
    organisations: tuple[str, ...]
    main_points: str = ""
    positions: str = ""
    conclusions: str = ""
    hour: int = 10
    format: str = MeetingFormat.IN_PERSON
    location: str = ""
    submitted_after: int = 2
    published_after: int = 7


@dataclass(frozen=True)
class UpdateSpec:
    summary: str
    reported: int
    evidence: str = ""
    evidence_url: str = ""
    completion: str = ""
    new_due: int | None = None  # moves the due date; the previous one is the commitment's due date so far
    reason: str = ""


@dataclass(frozen=True)
class CommitmentSpec:
    negotiation: str
    meeting: str | None  # subject of the source meeting in the same negotiation
    promiser: str
    area: str
    principle: str
    text: str
    due: int | None  # the original due date; updates with new_due move it
    completion: str = CompletionLevel.NOT_STARTED
    completed: int | None = None
    evidence: str = ""
    evidence_url: str = ""
    updates: tuple[UpdateSpec, ...] = field(default_factory=tuple)
