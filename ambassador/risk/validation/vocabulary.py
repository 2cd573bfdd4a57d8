"""The synthetic population's fixed parts: the day, the cities, topics and texts, and the planted patterns."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from ambassador.commitments.choices import Area

from ..choices import COMMITMENT_RECORD, LATE_DISCLOSURE, OFFICIAL_CONCENTRATION, REVOLVING_DOOR, TOPIC_IMBALANCE

# The day the synthetic record is assessed on: fixed, so a seed gives the same figures on any day.
ASSESSED_ON = datetime.date(2026, 6, 30)
DEFAULT_SEEDS = (1, 2, 3, 4, 5)
DEFAULT_COMPANIES = 60
MIN_COMPANIES = 20
MAX_COMPANIES = 400
# A key for meetings kept confidential that the engine may report apart from late disclosure.
WITHHELD_MEETINGS = "withheld_meetings"

# The planted patterns: the indicator each one plants, and the indicator keys that count as naming it.
PLANTED_PATTERNS: dict[str, tuple[str, ...]] = {
    REVOLVING_DOOR: (REVOLVING_DOOR,),
    TOPIC_IMBALANCE: (TOPIC_IMBALANCE,),
    LATE_DISCLOSURE: (LATE_DISCLOSURE, WITHHELD_MEETINGS),
    OFFICIAL_CONCENTRATION: (OFFICIAL_CONCENTRATION,),
    COMMITMENT_RECORD: (COMMITMENT_RECORD,),
}


@dataclass(frozen=True)
class CitySpec:
    slug: str
    name: str
    country: str
    time_zone: str
    languages: tuple[str, ...]
    # The lobbying register that covers the city, its currency; "" where there is none.
    register: str
    currency: str


CITIES = (
    CitySpec("synthetic-amsterdam", "Amsterdam", "NL", "Europe/Amsterdam", ("nl", "en"), "EU", "EUR"),
    CitySpec("synthetic-barcelona", "Barcelona", "ES", "Europe/Madrid", ("ca", "es", "en"), "EU", "EUR"),
    CitySpec("synthetic-london", "London", "GB", "Europe/London", ("en",), "UK", "GBP"),
    CitySpec("synthetic-hanoi", "Hanoi", "VN", "Asia/Ho_Chi_Minh", ("vi", "en"), "", ""),
    CitySpec("synthetic-da-nang", "Da Nang", "VN", "Asia/Ho_Chi_Minh", ("vi", "en"), "", ""),
)
VIETNAM = ("synthetic-hanoi", "synthetic-da-nang")
EUROPE = ("synthetic-amsterdam", "synthetic-barcelona", "synthetic-london")
OFFICIALS_PER_CITY = 6

TOPICS = {
    "mobility-data": "Mobility data",
    "data-sharing": "Data sharing",
    "privacy-and-security": "Privacy and security",
    "platform-work": "Platform work",
    "digital-infrastructure": "Digital infrastructure",
    "data-localisation": "Data localisation",
    "workers-rights": "Workers' rights",
    "digital-inclusion": "Digital inclusion",
}
# Only the topic-imbalance plant negotiates on this topic, in one city.
PLANTED_TOPIC = ("algorithms-and-ai", "Algorithms and AI")

SPECIFIC_MINUTES = (
    ("Scope of the {topic} pilot and the data the company would share.",
     "The company offered quarterly aggregates; the city asked for monthly open data.",
     "Both sides draft a data-sharing annex by the next meeting."),
    ("Review of the draft agreement on {topic}.",
     "The city asked for an independent audit; the company preferred self-assessment.",
     "The city sends its audit terms; the company answers in writing."),
    ("Working conditions of couriers and drivers under the {topic} plans.",
     "The company proposed a minimum hourly rate; the city wants it above the living wage.",
     "A joint proposal goes to the council committee next month."),
    ("Location of data centres and storage of residents' data ({topic}).",
     "The company asked for an exemption for backups; the city refused.",
     "Storage stays in the jurisdiction; backups are discussed again."),
)
VAGUE_MINUTES = (
    ("General discussion.", "", ""),
    ("Current affairs", "Various topics", "Catch-up"),
    ("", "", ""),
    ("Introductory meeting.", "General exchange of views.", ""),
)
COMMITMENT_TEXTS = {
    Area.DATA_GOVERNANCE: "The company publishes {what} for the city's open-data portal every quarter.",
    Area.WORKERS_RIGHTS: "The company applies {what} to everyone working through its platform in the city.",
}



# --- what a population is ---------------------------------------------------------------------------------------


@dataclass
class Plant:
    company_id: int
    name: str
    pattern: str
    accepted_keys: tuple[str, ...]


@dataclass
class Population:
    seed: int
    on: datetime.date
    company_ids: list[int]
    plants: list[Plant]
    counts: dict[str, int] = field(default_factory=dict)


