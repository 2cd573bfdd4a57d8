"""How many rows of each kind a scale record has, and which tables it empties and fills."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .vocabulary import BLOCK, CHUNK, TECH_IN_BLOCK, USERS_PER_CITY


class ScaleBuildError(Exception):
    """The record written breaks a rule of the schema; the build's transaction is rolled back."""


@dataclass(frozen=True)
class Sizes:
    """How many rows of each kind: the issue's proportions, with minimums so that a tiny record is still whole."""

    commitments: int
    cities: int
    organisations: int
    people: int
    negotiations: int
    meetings: int
    standalone_meetings: int

    @classmethod
    def for_commitments(cls, commitments: int) -> Sizes:
        """50 cities, 5,000 organisations, 20,000 people, 50,000 negotiations and 500,000 meetings a million."""
        if commitments < 1:
            raise ValueError("The number of commitments must be at least 1.")
        share = commitments / 1_000_000
        cities = max(6, round(50 * share))
        organisations = max(2 * BLOCK, round(5_000 * share / BLOCK) * BLOCK)
        people = max(20 * cities, round(20_000 * share / 10) * 10)
        negotiations = max(20, round(50_000 * share))
        meetings = max(60, round(500_000 * share))
        return cls(
            commitments=commitments,
            cities=cities,
            organisations=organisations,
            people=people,
            negotiations=negotiations,
            meetings=meetings,
            standalone_meetings=max(6, meetings // 10),
        )

    @property
    def meetings_in_negotiations(self) -> int:
        return self.meetings - self.standalone_meetings

    @property
    def tech_companies(self) -> int:
        return self.organisations // BLOCK * TECH_IN_BLOCK

    @property
    def users(self) -> int:
        return 1 + USERS_PER_CITY * self.cities


# Tables emptied before a build, with every table that points at them (CASCADE).
TABLES = (
    "auth_user", "stakeholders_city", "stakeholders_organisation", "stakeholders_person", "negotiations_topic",
)
# Tables filled, with their id sequences reset to the largest id afterwards.
FILLED_TABLES = (
    "stakeholders_city", "stakeholders_organisation", "stakeholders_person", "stakeholders_affiliation",
    "stakeholders_lobbyingdisclosure", "auth_user", "auth_user_groups", "stakeholders_citymembership",
    "negotiations_topic", "negotiations_negotiation", "negotiations_negotiation_topics", "negotiations_meeting",
    "negotiations_meeting_organisations", "negotiations_meeting_attendees", "commitments_commitment",
    "commitments_commitmentupdate", "commitments_overdueflag",
)


def chunks(total: int, size: int = CHUNK) -> Iterator[tuple[int, int]]:
    """Inclusive ranges 1 .. total in steps of ``size``."""
    for low in range(1, total + 1, size):
        yield low, min(low + size - 1, total)
