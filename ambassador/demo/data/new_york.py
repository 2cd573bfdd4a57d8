"""New York in the demo: a city west of UTC that keeps daylight saving time.

Its records show times on the city's own clock: an evening meeting there falls on the next day in
UTC, and its confidential meeting is released on its release date in New York, hours after the UTC
date has turned. Fictional, like all the demo data: see ``ambassador.demo.data``.
"""

from ambassador.commitments.choices import CompletionLevel, Principle
from ambassador.negotiations.choices import MeetingFormat, NegotiationStage
from ambassador.negotiations.choices import WithholdingGround as Ground

from .specs import (
    CITY,
    COMPANY,
    CONFIDENTIAL,
    DG,
    EVIDENCE_SITE,
    SUBMITTED,
    CommitmentSpec,
    MeetingSpec,
    NegotiationSpec,
)

NYC_CURB = "new-york-meridel-curb-data"
NYC_RENTALS = "new-york-velquinn-short-term-rentals"
NYC_311 = "new-york-nivalto-311-assistant"

NEGOTIATIONS = (
    NegotiationSpec(
        NYC_CURB, "new-york", "meridel-maps",
        "Curb-use data for delivery zones", NegotiationStage.ACTIVE, -240,
        ("mobility-data", "data-sharing", "privacy-and-security"),
        "Which curb-use data the company's maps collect, what the transportation department receives, and "
        "how long it is kept.",
    ),
    NegotiationSpec(
        NYC_RENTALS, "new-york", "velquinn-stays",
        "Registration data of short-term rentals", NegotiationStage.SCOPING, -120,
        ("data-sharing", "data-governance"),
        "Monthly listing data so the city can check that short-term rentals are registered.",
    ),
    NegotiationSpec(
        NYC_311, "new-york", "nivalto-civic-ai",
        "An AI assistant for 311 service requests", NegotiationStage.ACTIVE, -200,
        ("algorithms-and-ai", "digital-inclusion"),
        "A pilot of an assistant that sorts 311 requests, in the languages residents use, with human review.",
    ),
)

MEETINGS = (
    MeetingSpec(
        NYC_CURB, "Curb-use data for delivery zones", -200, "mobility-data",
        ("Rosa Delgado", "Grace Liu"), ("meridel-maps", "open-kerb-data-collective"),
        main_points="The curb-use counts the company's maps collect, block by block.",
        positions="The city asked for counts by the hour; the company offered daily totals.",
        conclusions="Hourly counts for a six-month trial in two districts.",
        location="Department of Transportation, Lower Manhattan", published_after=9,
    ),
    # An evening call: 21:00 in New York is already the next day in UTC.
    MeetingSpec(
        NYC_CURB, "Retention of curb-use data", -120, "privacy-and-security",
        ("Rosa Delgado", "Marcus Bell", "Grace Liu"), ("meridel-maps",),
        main_points="How long the trial's data is kept and whether vehicles can be identified.",
        positions="The city asked for deletion of plate-level data within a day.",
        conclusions="No plate-level data leaves the vehicle; aggregates kept for a year.",
        hour=21, format=MeetingFormat.VIDEO, published_after=7,
    ),
    MeetingSpec(
        NYC_CURB, "Pricing of the curb-use data feed", -30, "data-sharing",
        ("Rosa Delgado", "Grace Liu"), ("meridel-maps",),
        main_points="The price of the feed after the trial.",
        confidentiality=CONFIDENTIAL, ground=Ground.COMMERCIAL, release=90, published_after=5,
    ),
    MeetingSpec(
        NYC_RENTALS, "Registration data of short-term rentals", -90, "data-sharing",
        ("Rosa Delgado", "Sofie Lindqvist"), ("velquinn-stays", "residents-for-liveable-neighbourhoods"),
        main_points="Which listing data the city needs to check registrations.",
        positions="The company offered registration numbers only; residents asked for nights booked per listing.",
        conclusions="Registration numbers and nights booked, monthly, for a first year.",
        location="City Hall", published_after=12,
    ),
    MeetingSpec(
        NYC_311, "An AI assistant for 311 service requests", -170, "algorithms-and-ai",
        ("Rosa Delgado", "Marcus Bell", "Ingrid Halvorsen"), ("nivalto-civic-ai", "civic-algorithms-watch"),
        main_points="How the assistant sorts requests and when a person reviews them.",
        positions="Civic Algorithms Watch asked for a public register of the assistant's error rates.",
        conclusions="Every request the assistant cannot place goes to a person; error rates are published.",
        location="City Hall", published_after=10,
    ),
    MeetingSpec(
        NYC_311, "Languages of the 311 assistant", -20, "digital-inclusion",
        ("Rosa Delgado", "Ingrid Halvorsen"), ("nivalto-civic-ai",),
        main_points="The ten languages most used in 311 requests, and how the assistant is tested in each.",
        hour=16, format=MeetingFormat.VIDEO, review=SUBMITTED,
    ),
)

COMMITMENTS = (
    CommitmentSpec(
        NYC_CURB, "Curb-use data for delivery zones", COMPANY, DG, Principle.OPEN_STANDARDS,
        "Meridel Maps will give the transportation department hourly curb-use counts for two districts, in an "
        "open format.",
        -100, CompletionLevel.COMPLETE, completed=-105,
        evidence="The first month of counts, checked by the transportation department.",
        evidence_url=f"{EVIDENCE_SITE}/new-york/curb-counts",
    ),
    CommitmentSpec(
        NYC_CURB, "Retention of curb-use data", COMPANY, DG, Principle.PRIVACY,
        "Meridel Maps will keep no plate-level data from the trial, and delete its aggregates after a year.",
        60,
    ),
    CommitmentSpec(
        NYC_CURB, "Retention of curb-use data", COMPANY, DG, Principle.TRANSPARENCY,
        "Meridel Maps will publish which curb-use data its vehicles collect in New York, and why.",
        20,
    ),
    CommitmentSpec(
        NYC_RENTALS, "Registration data of short-term rentals", CITY, DG, Principle.TRANSPARENCY,
        "The city will publish, each quarter, how many listings were checked and how many were not registered.",
        45,
    ),
    CommitmentSpec(
        NYC_311, "An AI assistant for 311 service requests", CITY, DG, Principle.TRANSPARENCY,
        "The city will publish the 311 assistant's error rates each month, by language.",
        -10, CompletionLevel.LIMITED,
    ),
)
