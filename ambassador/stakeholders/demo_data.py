"""The demo data written by ``manage.py seed_demo``.

Every company, union, group and person here is invented. The cities are real, because the
project is about them, but the people named as their officials are not. Dates are offsets in
days from the day the command runs (negative: in the past), so the demo always has overdue,
due-soon and embargoed records. Natural keys (slugs, names, subjects, texts) never contain a
date, so running the command again on a later day finds the same rows instead of adding new ones.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ambassador.commitments.choices import Area, CompletionLevel, Principle, Promiser
from ambassador.negotiations.choices import Confidentiality, MeetingFormat, NegotiationStage, ReviewState
from ambassador.negotiations.choices import WithholdingGround as Ground

from .choices import MembershipRole, OrganisationKind

DEMO_PASSWORD = "demo"  # noqa: S105 - printed for anyone running the demo; refused outside demo settings
ADMIN_URL = "http://127.0.0.1:8000/admin/"

TECH = OrganisationKind.TECH_COMPANY
UNION = OrganisationKind.TRADE_UNION
CIVIL = OrganisationKind.CIVIL_SOCIETY
BUSINESS = OrganisationKind.BUSINESS_ASSOCIATION
ACADEMIC = OrganisationKind.ACADEMIC

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


CITIES = (
    CitySpec("amsterdam", "Amsterdam", "NL", "Europe/Amsterdam", ["nl", "en"]),
    CitySpec("barcelona", "Barcelona", "ES", "Europe/Madrid", ["ca", "es", "en"]),
    CitySpec("london", "London", "GB", "Europe/London", ["en"]),
    CitySpec("hanoi", "Hanoi", "VN", "Asia/Ho_Chi_Minh", ["vi", "en"]),
    CitySpec("da-nang", "Da Nang", "VN", "Asia/Ho_Chi_Minh", ["vi", "en"]),
)

_FICTIONAL = "Fictional organisation invented for the demo."

# Parents come before their subsidiaries.
ORGANISATIONS = (
    OrganisationSpec(
        "quorvex-data-systems", "Quorvex Data Systems", TECH,
        f"Cloud hosting and data platforms for governments. {_FICTIONAL}",
        registry_id="480215937712-05", website="https://www.quorvex.example",
    ),
    OrganisationSpec(
        "meridel-maps", "Meridel Maps", TECH,
        f"Street-level imagery and road-network data; a subsidiary of Quorvex Data Systems. {_FICTIONAL}",
        registry_id="733019428561-77", parent="quorvex-data-systems", website="https://www.meridelmaps.example",
    ),
    OrganisationSpec(
        "zephyrine-mobility", "Zephyrine Mobility", TECH,
        f"Shared e-scooters and ride-hailing. {_FICTIONAL}",
        registry_id="918364502277-41", website="https://www.zephyrine.example",
    ),
    OrganisationSpec(
        "pedalpost-delivery", "Pedalpost Delivery", TECH,
        f"Rapid grocery and meal delivery by app-dispatched couriers. {_FICTIONAL}",
        registry_id="265901843390-18", website="https://www.pedalpost.example",
    ),
    # No lobbying register entry anywhere: one of the risk signals.
    OrganisationSpec(
        "lumivane-sensing", "Lumivane Sensing", TECH,
        f"Smart-city sensors, street lighting and traffic-camera analytics. {_FICTIONAL}",
        website="https://www.lumivane.example",
    ),
    OrganisationSpec(
        "united-couriers-union", "United Couriers' Union", UNION,
        f"Union of app-based couriers in the Netherlands and the United Kingdom. {_FICTIONAL}",
    ),
    OrganisationSpec(
        "catalan-platform-workers-union", "Catalan Platform Workers' Union", UNION,
        f"Union of riders and drivers working through platforms in Catalonia. {_FICTIONAL}",
    ),
    OrganisationSpec(
        "da-nang-drivers-association", "Da Nang Ride-Hailing Drivers' Association", UNION,
        f"Association of ride-hailing drivers in Da Nang. {_FICTIONAL}",
    ),
    OrganisationSpec(
        "open-kerb-data-collective", "Open Kerb Data Collective", CIVIL,
        f"Residents and developers who campaign for open, privacy-preserving street data. {_FICTIONAL}",
    ),
    OrganisationSpec(
        "civic-algorithms-watch", "Civic Algorithms Watch", CIVIL,
        f"Watchdog on algorithms used by and for cities. {_FICTIONAL}",
    ),
    OrganisationSpec(
        "mekong-digital-rights-network", "Mekong Digital Rights Network", CIVIL,
        f"Digital-rights researchers and lawyers in Southeast Asia. {_FICTIONAL}",
    ),
    OrganisationSpec(
        "platform-economy-forum", "Platform Economy Forum", BUSINESS,
        f"Trade association of platform and delivery companies. {_FICTIONAL}",
        registry_id="604427719853-62",
    ),
    OrganisationSpec(
        "urban-data-ethics-lab", "Urban Data Ethics Lab", ACADEMIC,
        f"University research group on data ethics in cities. {_FICTIONAL}",
    ),
)

# Annual declarations. Quorvex declares far more than its peers: the "unusually high spend" signal.
DISCLOSURES = (
    DisclosureSpec("quorvex-data-systems", "EU", "annual-1", 1, 5_750_000, 28),
    DisclosureSpec("quorvex-data-systems", "EU", "annual-2", 2, 5_200_000, 26),
    DisclosureSpec("quorvex-data-systems", "NL", "annual-1", 1, 480_000, 4),
    DisclosureSpec("meridel-maps", "EU", "annual-1", 1, 310_000, 3),
    DisclosureSpec("meridel-maps", "UK", "annual-1", 1, 240_000, 2, currency="GBP"),
    DisclosureSpec("zephyrine-mobility", "EU", "annual-1", 1, 900_000, 7),
    DisclosureSpec("zephyrine-mobility", "EU", "annual-2", 2, 650_000, 6),
    DisclosureSpec("zephyrine-mobility", "NL", "annual-1", 1, 220_000, 3),
    DisclosureSpec("zephyrine-mobility", "ES", "annual-1", 1, 180_000, 2),
    DisclosureSpec("pedalpost-delivery", "EU", "annual-1", 1, 1_100_000, 9),
    DisclosureSpec("pedalpost-delivery", "UK", "annual-1", 1, 400_000, 4, currency="GBP"),
    DisclosureSpec("pedalpost-delivery", "ES", "annual-1", 1, 260_000, 3),
    DisclosureSpec("platform-economy-forum", "EU", "annual-1", 1, 750_000, 6),
)

PEOPLE = (
    # City officials, whose names are published.
    PersonSpec("Marieke de Wit", "amsterdam", is_public_official=True),
    PersonSpec("Sanne Bakker", "amsterdam", is_public_official=True),
    PersonSpec("Laia Puig i Serra", "barcelona", is_public_official=True),
    PersonSpec("Jordi Ferrer Casals", "barcelona", is_public_official=True),
    PersonSpec("Priya Raman", "london", is_public_official=True),
    PersonSpec("Daniel Okafor", "london", is_public_official=True),
    PersonSpec("Nguyễn Thu Hà", "hanoi", is_public_official=True),
    PersonSpec("Trần Minh Đức", "hanoi", is_public_official=True),
    PersonSpec("Lê Quang Huy", "da-nang", is_public_official=True),
    PersonSpec("Phạm Thị Lan", "da-nang", is_public_official=True),
    # Left the city and joined a company it negotiates with seven months later: the revolving door.
    PersonSpec(
        "Joost van Leeuwen", "amsterdam", is_public_figure=True,
        notes="Former senior policy adviser on mobility; now lobbies the city for Zephyrine Mobility.",
    ),
    # Company executives and spokespeople, who act in public for their organisation.
    PersonSpec("Elena Castellví", "amsterdam", is_public_figure=True),
    PersonSpec("Arjun Mehta", "da-nang", is_public_figure=True),
    PersonSpec("Marc Dubois", "amsterdam", is_public_figure=True),
    PersonSpec("Henrik Aalto", "amsterdam", is_public_figure=True),
    PersonSpec("Grace Liu", "london", is_public_figure=True),
    PersonSpec("Võ Thanh Tùng", "hanoi", is_public_figure=True),
    PersonSpec("Kees Mulder", "amsterdam", is_public_figure=True),
    PersonSpec("Núria Vidal", "barcelona", is_public_figure=True),
    PersonSpec("Hoàng Văn Nam", "da-nang", is_public_figure=True),
    PersonSpec("Fatima El Amrani", "amsterdam", is_public_figure=True),
    PersonSpec("Ruth Adeyemi", "london", is_public_figure=True),
    PersonSpec("Pieter Vos", "amsterdam", is_public_figure=True),
    # Private individuals: never named in public, only their organisation.
    PersonSpec("Tom Whitfield", "amsterdam", notes="Junior policy officer; takes notes for the company."),
    PersonSpec("Aisha Khan", "london", notes="Policy associate at Pedalpost Delivery."),
    PersonSpec("Đỗ Mai Anh", "hanoi", notes="Sales engineer who demonstrated the camera software."),
)

AFFILIATIONS = (
    AffiliationSpec("Marieke de Wit", "Tech envoy", -900, city="amsterdam"),
    AffiliationSpec("Sanne Bakker", "Alderperson for digital affairs", -1200, city="amsterdam"),
    AffiliationSpec("Laia Puig i Serra", "Tech envoy", -1000, city="barcelona"),
    AffiliationSpec("Jordi Ferrer Casals", "Councillor for digital innovation", -1300, city="barcelona"),
    AffiliationSpec("Priya Raman", "Tech envoy", -700, city="london"),
    AffiliationSpec("Daniel Okafor", "Deputy mayor for the digital economy", -1100, city="london"),
    AffiliationSpec("Nguyễn Thu Hà", "Tech envoy", -800, city="hanoi"),
    AffiliationSpec("Trần Minh Đức", "Vice-chair of the People's Committee", -1500, city="hanoi"),
    AffiliationSpec("Lê Quang Huy", "Tech envoy", -900, city="da-nang"),
    AffiliationSpec("Phạm Thị Lan", "Director of information and communications", -1600, city="da-nang"),
    AffiliationSpec("Joost van Leeuwen", "Senior policy adviser, mobility", -1500, -300, city="amsterdam"),
    AffiliationSpec("Joost van Leeuwen", "Head of public policy, Benelux", -210, organisation="zephyrine-mobility"),
    AffiliationSpec(
        "Elena Castellví", "Vice-president, public policy Europe", -1000, organisation="zephyrine-mobility"
    ),
    AffiliationSpec("Arjun Mehta", "Regional director, Asia-Pacific", -700, organisation="zephyrine-mobility"),
    AffiliationSpec("Tom Whitfield", "Junior policy officer", -400, organisation="zephyrine-mobility"),
    AffiliationSpec("Marc Dubois", "Chief operating officer", -1400, organisation="pedalpost-delivery"),
    AffiliationSpec("Aisha Khan", "Policy associate", -600, organisation="pedalpost-delivery"),
    AffiliationSpec("Henrik Aalto", "Director of government affairs", -1100, organisation="quorvex-data-systems"),
    AffiliationSpec("Grace Liu", "Head of city partnerships", -800, organisation="meridel-maps"),
    AffiliationSpec("Võ Thanh Tùng", "Country director, Vietnam", -1000, organisation="lumivane-sensing"),
    AffiliationSpec("Đỗ Mai Anh", "Sales engineer", -500, organisation="lumivane-sensing"),
    AffiliationSpec("Kees Mulder", "Organiser", -2000, organisation="united-couriers-union"),
    AffiliationSpec("Núria Vidal", "Spokesperson", -1500, organisation="catalan-platform-workers-union"),
    AffiliationSpec("Hoàng Văn Nam", "Chair", -1000, organisation="da-nang-drivers-association"),
    AffiliationSpec("Fatima El Amrani", "Coordinator", -900, organisation="open-kerb-data-collective"),
    AffiliationSpec("Ruth Adeyemi", "Director", -2000, organisation="urban-data-ethics-lab"),
    AffiliationSpec("Pieter Vos", "Policy director", -1200, organisation="platform-economy-forum"),
)

ENVOY = MembershipRole.ENVOY
STAFF = MembershipRole.COUNCIL_STAFF

# Every city has an envoy, who logs meetings, and council staff, who publish them.
LOGINS = (
    LoginSpec("admin", "Demo", "Administrator", is_superuser=True),
    LoginSpec("envoy-amsterdam", "Marieke", "de Wit", "amsterdam", ENVOY, person="Marieke de Wit"),
    LoginSpec("staff-amsterdam", "Thomas", "Jansen", "amsterdam", STAFF),
    LoginSpec("envoy-barcelona", "Laia", "Puig i Serra", "barcelona", ENVOY, person="Laia Puig i Serra"),
    LoginSpec("staff-barcelona", "Montserrat", "Roca", "barcelona", STAFF),
    LoginSpec("envoy-london", "Priya", "Raman", "london", ENVOY, person="Priya Raman"),
    LoginSpec("staff-london", "Oliver", "Hughes", "london", STAFF),
    LoginSpec("envoy-hanoi", "Hà", "Nguyễn Thu", "hanoi", ENVOY, person="Nguyễn Thu Hà"),
    LoginSpec("staff-hanoi", "Minh", "Phan Văn", "hanoi", STAFF),
    LoginSpec("envoy-da-nang", "Huy", "Lê Quang", "da-nang", ENVOY, person="Lê Quang Huy"),
    LoginSpec("staff-da-nang", "Linh", "Trương Thị", "da-nang", STAFF),
)

NEGOTIATIONS = (
    NegotiationSpec(
        "amsterdam-zephyrine-scooter-data", "amsterdam", "zephyrine-mobility",
        "Trip and parking data from shared e-scooters", NegotiationStage.ACTIVE, -420,
        ("mobility-data", "data-sharing", "privacy-and-security"),
        "On what terms Zephyrine Mobility shares trip and parking data from its e-scooters with the city, "
        "and how riders' location data is protected.",
    ),
    NegotiationSpec(
        "amsterdam-pedalpost-courier-hubs", "amsterdam", "pedalpost-delivery",
        "Courier conditions at rapid-delivery hubs", NegotiationStage.STALLED, -500,
        ("platform-work", "workers-rights", "digital-infrastructure"),
        "Working conditions of couriers at Pedalpost Delivery's hubs and where hubs may be sited. "
        "Stalled since the company declined to consult the couriers' union.",
    ),
    NegotiationSpec(
        "amsterdam-quorvex-municipal-cloud", "amsterdam", "quorvex-data-systems",
        "Hosting municipal data in the Quorvex cloud", NegotiationStage.SCOPING, -40,
        ("data-localisation", "digital-infrastructure", "data-governance"),
        "Whether and where municipal data could be hosted by Quorvex Data Systems.",
        is_public=False,  # not yet announced
    ),
    NegotiationSpec(
        "barcelona-pedalpost-rider-status", "barcelona", "pedalpost-delivery",
        "Riders' employment and algorithmic management", NegotiationStage.AGREEMENT_REACHED, -600,
        ("platform-work", "workers-rights", "algorithms-and-ai"),
        "Employment status of Pedalpost Delivery's riders in Barcelona and their right to an explanation "
        "of how the app assigns and rates their work.",
    ),
    NegotiationSpec(
        "barcelona-zephyrine-superblock-kerbside", "barcelona", "zephyrine-mobility",
        "Kerbside data for the superblocks", NegotiationStage.CONCLUDED, -700,
        ("mobility-data", "data-sharing"),
        "Real-time scooter availability and parking data for the city's superblocks programme.",
        closed=-250,
    ),
    NegotiationSpec(
        "london-meridel-street-imagery", "london", "meridel-maps",
        "Street-level imagery and open road-network data", NegotiationStage.ACTIVE, -250,
        ("data-sharing", "privacy-and-security", "algorithms-and-ai"),
        "How Meridel Maps captures and publishes street-level imagery of London, and whether the city "
        "may reuse its road-network data.",
    ),
    NegotiationSpec(
        "london-pedalpost-courier-pay", "london", "pedalpost-delivery",
        "Courier pay transparency", NegotiationStage.ABANDONED, -520,
        ("platform-work", "workers-rights"),
        "Publication of couriers' earnings in London. Pedalpost Delivery left the talks.",
        closed=-180,
    ),
    NegotiationSpec(
        "hanoi-lumivane-traffic-cameras", "hanoi", "lumivane-sensing",
        "Traffic-camera analytics pilot", NegotiationStage.ACTIVE, -300,
        ("algorithms-and-ai", "privacy-and-security", "data-localisation"),
        "A pilot of camera analytics on the ring road: what is recorded, where it is stored, and for how long.",
    ),
    NegotiationSpec(
        "hanoi-quorvex-city-data-platform", "hanoi", "quorvex-data-systems",
        "Hosting the city data platform", NegotiationStage.AGREEMENT_REACHED, -450,
        ("data-governance", "digital-infrastructure", "data-localisation"),
        "Terms for hosting Hanoi's data platform, including exit rights and training for civil servants.",
    ),
    NegotiationSpec(
        "da-nang-lumivane-smart-lighting", "da-nang", "lumivane-sensing",
        "Smart street-lighting sensors", NegotiationStage.CONCLUDED, -800,
        ("digital-infrastructure", "privacy-and-security"),
        "Sensors in the beachfront street lights and the handover of their data to the city.",
        closed=-365,
    ),
    NegotiationSpec(
        "da-nang-zephyrine-ride-hailing", "da-nang", "zephyrine-mobility",
        "Ride-hailing drivers and trip data", NegotiationStage.SCOPING, -60,
        ("platform-work", "workers-rights", "mobility-data"),
        "Scoping talks on conditions for ride-hailing drivers and the trip data shared with the city.",
    ),
)

_AMS_SCOOTERS = "amsterdam-zephyrine-scooter-data"
_AMS_HUBS = "amsterdam-pedalpost-courier-hubs"
_AMS_CLOUD = "amsterdam-quorvex-municipal-cloud"
_BCN_RIDERS = "barcelona-pedalpost-rider-status"
_BCN_KERBSIDE = "barcelona-zephyrine-superblock-kerbside"
_LDN_IMAGERY = "london-meridel-street-imagery"
_LDN_PAY = "london-pedalpost-courier-pay"
_HAN_CAMERAS = "hanoi-lumivane-traffic-cameras"
_HAN_PLATFORM = "hanoi-quorvex-city-data-platform"
_DAD_LIGHTING = "da-nang-lumivane-smart-lighting"
_DAD_RIDES = "da-nang-zephyrine-ride-hailing"

MEETINGS = (
    # Amsterdam and Zephyrine meet often, nearly always through the envoy, on a topic where civil
    # society is seldom at the table: the frequency, concentration and topic-imbalance signals.
    MeetingSpec(
        _AMS_SCOOTERS, "Scoping the scooter data-sharing agreement", -400, "mobility-data",
        ("Marieke de Wit", "Elena Castellví", "Tom Whitfield"), ("zephyrine-mobility",),
        main_points="Which trip and parking data the city needs to manage pavement space, and at what resolution.",
        positions="The city asked for trip-level data; Zephyrine offered daily aggregates per district.",
        conclusions="Both sides will draft a data specification; trips will be aggregated before sharing.",
        location="Stadhuis, Amstel 1", published_after=10,
    ),
    MeetingSpec(
        _AMS_SCOOTERS, "Data specification: trip records and parking events", -330, "data-sharing",
        ("Marieke de Wit", "Joost van Leeuwen", "Elena Castellví"), ("zephyrine-mobility",),
        main_points="Field-by-field review of the draft specification for trip records and parking events.",
        positions="The city's mobility team wanted an open standard; Zephyrine preferred its own API.",
        conclusions="Parking events will be published in an open, documented format.",
        format=MeetingFormat.VIDEO, published_after=75,  # published late: the disclosure-lag signal
    ),
    MeetingSpec(
        _AMS_SCOOTERS, "Privacy review of the trip-data feed", -260, "privacy-and-security",
        ("Marieke de Wit", "Elena Castellví", "Fatima El Amrani", "Ruth Adeyemi"),
        ("zephyrine-mobility", "open-kerb-data-collective", "urban-data-ethics-lab"),
        main_points="Re-identification risk of aggregated trips; rules for no-parking zones.",
        positions="Civil society asked for the zone rules to be public; the company agreed in principle.",
        conclusions="The company will disclose its zone rules; the city will consult residents.",
        confidentiality=RESTRICTED, ground=Ground.ONGOING_NEGOTIATION, published_after=20,
    ),
    MeetingSpec(
        _AMS_SCOOTERS, "Working dinner with Zephyrine Mobility", -120, None,
        ("Marieke de Wit", "Joost van Leeuwen", "Elena Castellví"), ("zephyrine-mobility",),
        main_points="General discussion.",  # vague minutes, empty conclusions
        format=MeetingFormat.EVENT, location="Restaurant, Zuidas", hour=19, published_after=40,
    ),
    MeetingSpec(
        _AMS_SCOOTERS, "Pricing of the data feed and the exclusivity clause", -45, "data-sharing",
        ("Marieke de Wit", "Joost van Leeuwen", "Elena Castellví"), ("zephyrine-mobility",),
        main_points="The price of the real-time feed and whether other operators may join it.",
        positions="Zephyrine asked for two years of exclusivity in exchange for a free feed.",
        conclusions="The city will answer after legal review.",
        confidentiality=CONFIDENTIAL, ground=Ground.COMMERCIAL, release=180, published_after=7,
    ),
    MeetingSpec(
        _AMS_SCOOTERS, "Catch-up on the data-feed pilot", -20, "mobility-data",
        ("Marieke de Wit", "Joost van Leeuwen"), ("zephyrine-mobility",),
        main_points="Catch-up.",
        format=MeetingFormat.PHONE, review=SUBMITTED, submitted_after=3,
    ),
    MeetingSpec(
        _AMS_SCOOTERS, "Pilot results and next steps", -5, "mobility-data",
        ("Marieke de Wit", "Elena Castellví", "Tom Whitfield"), ("zephyrine-mobility",),
        main_points="First month of the live data feed: coverage, gaps and latency.",
        review=DRAFT,
    ),
    MeetingSpec(
        _AMS_HUBS, "Courier conditions at the rapid-delivery hubs", -480, "workers-rights",
        ("Marieke de Wit", "Sanne Bakker", "Marc Dubois", "Kees Mulder", "Pieter Vos"),
        ("pedalpost-delivery", "united-couriers-union", "platform-economy-forum"),
        main_points="Rest areas, toilets and waiting time at hubs; consultation with couriers.",
        positions="The union asked for recognition; the company and its trade association refused "
        "collective bargaining but offered consultation.",
        conclusions="Pedalpost will equip every hub with rest areas and consult the union.",
        location="Stadhuis, Amstel 1", published_after=14,
    ),
    MeetingSpec(
        _AMS_HUBS, "Hub siting and night-time noise", -300, "digital-infrastructure",
        ("Marieke de Wit", "Marc Dubois"), ("pedalpost-delivery",),
        main_points="Visit to the hub in Amsterdam-West; complaints from neighbours about night deliveries.",
        positions="The city wants hubs out of residential streets; the company wants to keep two central hubs.",
        conclusions="The city will publish a map of permitted hub locations; the company will pay waiting time.",
        format=MeetingFormat.SITE_VISIT, location="Pedalpost hub, Amsterdam-West", published_after=9,
    ),
    MeetingSpec(
        _AMS_HUBS, "Quarterly meeting with Pedalpost Delivery", -200, None,
        ("Marieke de Wit", "Marc Dubois"), ("pedalpost-delivery",),
        main_points="Current affairs.", positions="General exchange of views.",
        confidentiality=RESTRICTED, ground=Ground.ONGOING_NEGOTIATION, published_after=30,
    ),
    MeetingSpec(
        _AMS_CLOUD, "Introductory meeting on hosting municipal data", -30, "data-localisation",
        ("Marieke de Wit", "Henrik Aalto"), ("quorvex-data-systems",),
        main_points="Introductory meeting.", review=DRAFT,
    ),
    MeetingSpec(
        _BCN_RIDERS, "Riders' employment status", -580, "platform-work",
        ("Laia Puig i Serra", "Jordi Ferrer Casals", "Marc Dubois", "Núria Vidal"),
        ("pedalpost-delivery", "catalan-platform-workers-union"),
        main_points="How Pedalpost will apply Spanish law presuming that riders are employees.",
        positions="The union asked for employment contracts for every rider; the company proposed a subcontractor.",
        conclusions="Pedalpost will hire riders directly as employees.",
        location="Ajuntament de Barcelona, Plaça de Sant Jaume", published_after=10,
    ),
    MeetingSpec(
        _BCN_RIDERS, "Algorithmic management and the right to an explanation", -450, "algorithms-and-ai",
        ("Laia Puig i Serra", "Marc Dubois", "Núria Vidal"),
        ("pedalpost-delivery", "catalan-platform-workers-union", "civic-algorithms-watch"),
        main_points="How the app assigns orders and rates riders; sharing of riders' locations with advertisers.",
        positions="Riders asked for explanations in their own language; the company offered a help page.",
        conclusions="Riders may ask why an order was assigned or a rating given, in Catalan or Spanish.",
        format=MeetingFormat.VIDEO, published_after=12,
    ),
    MeetingSpec(
        _BCN_RIDERS, "Legal advice on the draft agreement", -300, "workers-rights",
        ("Laia Puig i Serra", "Jordi Ferrer Casals"), ("pedalpost-delivery",),
        main_points="The city's lawyers on the enforceability of the pay clauses.",
        conclusions="The pay clause refers to the sector collective agreement.",
        confidentiality=CONFIDENTIAL, ground=Ground.LEGAL_ADVICE, release=-30,  # embargo over: now public
        published_after=5,
    ),
    MeetingSpec(
        _BCN_RIDERS, "Signing of the riders' agreement", -150, "workers-rights",
        ("Laia Puig i Serra", "Jordi Ferrer Casals", "Marc Dubois", "Núria Vidal"),
        ("pedalpost-delivery", "catalan-platform-workers-union"),
        main_points="Signature of the agreement on employment, pay and algorithmic management.",
        positions="The union welcomed the pay guarantee and criticised the slow roll-out of explanations.",
        conclusions="Agreement signed; the city will report yearly on platform work.",
        format=MeetingFormat.EVENT, published_after=2,
    ),
    MeetingSpec(
        _BCN_KERBSIDE, "Kerbside data for the superblocks programme", -680, "mobility-data",
        ("Laia Puig i Serra", "Elena Castellví"), ("zephyrine-mobility", "open-kerb-data-collective"),
        main_points="Which kerbside and availability data the superblocks team needs.",
        positions="The company offered an open API; residents asked for raw traces to be deleted quickly.",
        conclusions="Real-time availability through an open API; raw traces deleted after 30 days.",
        published_after=8,
    ),
    MeetingSpec(
        _BCN_KERBSIDE, "Closing the kerbside data agreement", -400, "data-sharing",
        ("Laia Puig i Serra", "Elena Castellví"), ("zephyrine-mobility",),
        main_points="Review of the delivered API and the deletion logs.",
        conclusions="Both commitments met; the negotiation is concluded.",
        format=MeetingFormat.VIDEO, published_after=6,
    ),
    MeetingSpec(
        _LDN_IMAGERY, "Street-level imagery and face blurring", -240, "privacy-and-security",
        ("Priya Raman", "Grace Liu", "Ruth Adeyemi"),
        ("meridel-maps", "urban-data-ethics-lab", "civic-algorithms-watch"),
        main_points="Blurring of faces and number plates; the accuracy of the blurring model.",
        positions="Researchers asked for an accuracy audit; the company agreed to blur before publication.",
        conclusions="Faces and number plates will be blurred before any image is published.",
        format=MeetingFormat.VIDEO, published_after=10,
    ),
    MeetingSpec(
        _LDN_IMAGERY, "Access to road-network data for the city", -100, "data-sharing",
        ("Priya Raman", "Daniel Okafor", "Grace Liu"), ("meridel-maps",),
        main_points="Licensing of road-network data for the city's own services.",
        positions="The city asked for an open licence; the company offered a free but closed licence.",
        conclusions="The company will consider an open licence for the city's area.",
        location="City Hall, Kamal Chunchie Way", review=SUBMITTED, submitted_after=3,
    ),
    MeetingSpec(
        _LDN_IMAGERY, "Security review of imagery of critical sites", -60, "privacy-and-security",
        ("Priya Raman", "Grace Liu"), ("meridel-maps",),
        main_points="Which sites are excluded from imagery and how exclusions are maintained.",
        conclusions="The city will publish the exclusion criteria once the review is complete.",
        confidentiality=CONFIDENTIAL, ground=Ground.SECURITY, release=365, published_after=10,
    ),
    MeetingSpec(
        _LDN_PAY, "Courier pay transparency", -500, "platform-work",
        ("Priya Raman", "Daniel Okafor", "Marc Dubois", "Aisha Khan"),
        ("pedalpost-delivery", "united-couriers-union"),
        main_points="Publishing couriers' earnings per hour worked, including waiting time.",
        positions="The union asked for earnings per hour logged in; the company offered per hour on delivery.",
        conclusions="Pedalpost will publish median hourly earnings each quarter; the city will convene a forum.",
        location="City Hall, Kamal Chunchie Way", published_after=21,
    ),
    MeetingSpec(
        _LDN_PAY, "Pedalpost Delivery leaves the talks", -250, "workers-rights",
        ("Priya Raman", "Marc Dubois"), ("pedalpost-delivery",),
        main_points="Pedalpost explained why it would not publish earnings for London alone.",
        positions="The company will only publish earnings under a national framework.",
        conclusions="Talks ended.",
        format=MeetingFormat.VIDEO, published_after=60,
    ),
    MeetingSpec(
        _HAN_CAMERAS, "Traffic-camera analytics pilot on the ring road", -280, "algorithms-and-ai",
        ("Nguyễn Thu Hà", "Trần Minh Đức", "Võ Thanh Tùng", "Đỗ Mai Anh"), ("lumivane-sensing",),
        main_points="Demonstration of vehicle classification; the pilot area and its signage.",
        positions="The city asked for published accuracy figures; the company called them commercially sensitive.",
        conclusions="The company will publish accuracy by vehicle type; the city will sign every camera.",
        location="Hanoi People's Committee", published_after=30,
    ),
    MeetingSpec(
        _HAN_CAMERAS, "Storage of camera footage inside Vietnam", -180, "data-localisation",
        ("Nguyễn Thu Hà", "Võ Thanh Tùng"), ("lumivane-sensing", "mekong-digital-rights-network"),
        main_points="Where footage is stored, for how long, and who may access it.",
        positions="Rights groups asked for deletion after 30 days; the company wanted 90.",
        conclusions="Footage stored in Vietnam and deleted after 30 days unless needed for an investigation.",
        confidentiality=RESTRICTED, ground=Ground.SECURITY, published_after=15,
    ),
    MeetingSpec(
        _HAN_CAMERAS, "Courtesy visit by Lumivane Sensing", -90, None,
        ("Nguyễn Thu Hà", "Võ Thanh Tùng"), ("lumivane-sensing",),
        main_points="General discussion.", published_after=60,
    ),
    MeetingSpec(
        _HAN_CAMERAS, "Face recognition in the pilot area", -14, "privacy-and-security",
        ("Nguyễn Thu Hà", "Võ Thanh Tùng", "Đỗ Mai Anh"), ("lumivane-sensing",),
        main_points="Whether the pilot cameras may run face recognition.",
        confidentiality=RESTRICTED, ground=Ground.PERSONAL_DATA, review=DRAFT,
    ),
    MeetingSpec(
        _HAN_PLATFORM, "Hosting the city data platform", -430, "data-governance",
        ("Nguyễn Thu Hà", "Trần Minh Đức", "Henrik Aalto"),
        ("quorvex-data-systems", "mekong-digital-rights-network"),
        main_points="Hosting, data residency and exit rights for the city data platform.",
        positions="The city asked for free export in open formats; the company agreed if the contract ends.",
        conclusions="Exit rights and digital-literacy training go into the agreement.",
        published_after=10,
    ),
    MeetingSpec(
        _HAN_PLATFORM, "Final terms of the hosting agreement", -200, "data-governance",
        ("Nguyễn Thu Hà", "Henrik Aalto"), ("quorvex-data-systems",),
        main_points="Price, service levels and training commitments.",
        conclusions="Agreement reached.",
        confidentiality=RESTRICTED, ground=Ground.COMMERCIAL, published_after=14,
    ),
    MeetingSpec(
        _DAD_LIGHTING, "Smart street-lighting sensors on the beachfront", -780, "digital-infrastructure",
        ("Lê Quang Huy", "Phạm Thị Lan", "Võ Thanh Tùng"), ("lumivane-sensing",),
        main_points="Visit to the test section on Võ Nguyên Giáp street; which sensors the lights carry.",
        positions="The city refused audio capture; the company agreed to disable it.",
        conclusions="Audio capture disabled; the data will be handed over at the end of the contract.",
        format=MeetingFormat.SITE_VISIT, location="Beachfront, Sơn Trà district", published_after=5,
    ),
    MeetingSpec(
        _DAD_LIGHTING, "Handover of the lighting sensor network", -400, "digital-infrastructure",
        ("Lê Quang Huy", "Võ Thanh Tùng"), ("lumivane-sensing",),
        main_points="Handover of the network and its historical data to the city.",
        positions="The company delivered the data in its own format only.",
        conclusions="The city will record the data-handover commitment as not met.",
        published_after=4,
    ),
    MeetingSpec(
        _DAD_RIDES, "Ride-hailing drivers' conditions and trip data", -50, "platform-work",
        ("Lê Quang Huy", "Phạm Thị Lan", "Arjun Mehta", "Hoàng Văn Nam"),
        ("zephyrine-mobility", "da-nang-drivers-association"),
        main_points="Drivers' waiting conditions at the airport and the trip data the city would receive.",
        positions="Drivers asked for a shaded rest area; the company agreed to look for a site.",
        conclusions="A rest area near the airport pick-up zone.",
        review=SUBMITTED, submitted_after=4,
    ),
    MeetingSpec(
        _DAD_RIDES, "Driver rest areas at the airport", -10, "workers-rights",
        ("Lê Quang Huy", "Arjun Mehta"), ("zephyrine-mobility",),
        main_points="Two candidate sites for the rest area.",
        format=MeetingFormat.SITE_VISIT, review=DRAFT,
    ),
)

_EVIDENCE = "https://records.example.org"

COMMITMENTS = (
    # Amsterdam x Zephyrine
    CommitmentSpec(
        _AMS_SCOOTERS, "Scoping the scooter data-sharing agreement", COMPANY, DG, Principle.PRIVACY,
        "Zephyrine Mobility will aggregate trip origins and destinations to cells of at least 100 metres "
        "before sharing them with the city.",
        -300, CompletionLevel.COMPLETE, completed=-310,
        evidence="Section 4 of the signed data specification; sample feed checked by the city's data office.",
        evidence_url=f"{_EVIDENCE}/amsterdam/scooter-data-specification",
    ),
    CommitmentSpec(
        _AMS_SCOOTERS, "Data specification: trip records and parking events", COMPANY, DG, Principle.OPEN_STANDARDS,
        "Zephyrine Mobility will publish parking events through an open, documented API that the city may "
        "republish on its open-data portal.",
        -200, CompletionLevel.SUBSTANTIAL,
        updates=(
            UpdateSpec(
                "Company asked for more time to migrate its data pipeline.", -210,
                new_due=-90, reason="The company is migrating its data pipeline to a new provider.",
            ),
            UpdateSpec(
                "API documented and live on a test server; not yet accepted by the portal.", -95,
                evidence="API documentation reviewed by the city's data office.",
                evidence_url=f"{_EVIDENCE}/amsterdam/parking-events-api",
                completion=CompletionLevel.SUBSTANTIAL,
                new_due=10, reason="The city's open-data portal cannot accept the feed until its next release.",
            ),
        ),
    ),
    CommitmentSpec(
        _AMS_SCOOTERS, "Privacy review of the trip-data feed", COMPANY, DG, Principle.TRANSPARENCY,
        "Zephyrine Mobility will disclose the rules its app uses to set no-parking zones and fleet caps in the city.",
        -30, CompletionLevel.LIMITED,
        updates=(
            UpdateSpec(
                "A draft of the zone rules was shared with the envoy, not yet with the public.", -60,
                evidence="Draft rules document (internal).", completion=CompletionLevel.LIMITED,
            ),
        ),
    ),
    CommitmentSpec(
        _AMS_SCOOTERS, "Privacy review of the trip-data feed", CITY, DG, Principle.PARTICIPATION,
        "The city will hold two public consultations with residents' groups on how scooter data is used.",
        60,
    ),
    CommitmentSpec(
        _AMS_SCOOTERS, "Scoping the scooter data-sharing agreement", COMPANY, DG, Principle.UNIVERSAL_ACCESS,
        "Zephyrine Mobility will offer a reduced fare to residents on a low income who hold the city pass.",
        -10,
    ),
    # Amsterdam x Pedalpost
    CommitmentSpec(
        _AMS_HUBS, "Courier conditions at the rapid-delivery hubs", COMPANY, WR, Principle.FAIR_CONDITIONS,
        "Pedalpost Delivery will provide a heated rest area and toilets for couriers at every hub in the city.",
        -380, CompletionLevel.COMPLETE, completed=-390,
        evidence="Inspection by the city's labour inspectorate of all four hubs.",
        evidence_url=f"{_EVIDENCE}/amsterdam/hub-inspections",
    ),
    CommitmentSpec(
        _AMS_HUBS, "Courier conditions at the rapid-delivery hubs", COMPANY, WR, Principle.FAIR_REPRESENTATION,
        "Pedalpost Delivery will consult the United Couriers' Union every quarter on conditions at its hubs.",
        -250, CompletionLevel.BROKEN,
        updates=(
            UpdateSpec(
                "Pedalpost declined two invitations to meet the union; the envoy records the commitment as broken.",
                -240, evidence="Letters from the union and the company's reply.",
                completion=CompletionLevel.BROKEN,
            ),
        ),
    ),
    CommitmentSpec(
        _AMS_HUBS, "Hub siting and night-time noise", CITY, DG, Principle.TRANSPARENCY,
        "The city will publish a map of the locations where delivery hubs are permitted.",
        -150, CompletionLevel.COMPLETE, completed=-160,
        evidence="Map published on the city's website.", evidence_url=f"{_EVIDENCE}/amsterdam/hub-map",
    ),
    CommitmentSpec(
        _AMS_HUBS, "Hub siting and night-time noise", COMPANY, WR, Principle.FAIR_PAY,
        "Pedalpost Delivery will pay couriers for time spent waiting at hubs.",
        -100, CompletionLevel.LIMITED,
        updates=(
            UpdateSpec(
                "Waiting time paid at one hub of four.", -110, completion=CompletionLevel.LIMITED,
                new_due=-40, reason="The company is waiting for a national court ruling on couriers' status.",
            ),
        ),
    ),
    # Amsterdam x Quorvex (not yet announced)
    CommitmentSpec(
        _AMS_CLOUD, None, CITY, DG, Principle.PRIVACY,
        "The city will share its data classification policy with Quorvex Data Systems before any technical scoping.",
        7,
    ),
    # Barcelona x Pedalpost
    CommitmentSpec(
        _BCN_RIDERS, "Riders' employment status", COMPANY, WR, Principle.FAIR_CONTRACTS,
        "Pedalpost Delivery will hire its riders in Barcelona as employees, not as self-employed contractors.",
        -200, CompletionLevel.COMPLETE, completed=-210,
        evidence="Social-security registrations checked by the labour inspectorate.",
        evidence_url=f"{_EVIDENCE}/barcelona/rider-contracts",
    ),
    CommitmentSpec(
        _BCN_RIDERS, "Algorithmic management and the right to an explanation", COMPANY, WR, Principle.FAIR_MANAGEMENT,
        "Pedalpost Delivery will explain to any rider who asks, in Catalan or Spanish, why an order was assigned "
        "or a rating given.",
        -60, CompletionLevel.SUBSTANTIAL,
        updates=(
            UpdateSpec(
                "Explanation screen live in the rider app in Spanish; the Catalan version is missing.", -90,
                evidence="Screenshots from the rider app.", evidence_url=f"{_EVIDENCE}/barcelona/explanation-screen",
                completion=CompletionLevel.SUBSTANTIAL,
            ),
        ),
    ),
    CommitmentSpec(
        _BCN_RIDERS, "Signing of the riders' agreement", COMPANY, WR, Principle.FAIR_PAY,
        "Pedalpost Delivery will pay riders at least the hourly wage of the sector collective agreement, "
        "including waiting time.",
        -100, CompletionLevel.COMPLETE, completed=-120,
        evidence="Payslips sampled by the union and the city.", evidence_url=f"{_EVIDENCE}/barcelona/pay-audit",
    ),
    CommitmentSpec(
        _BCN_RIDERS, "Signing of the riders' agreement", CITY, DG, Principle.TRANSPARENCY,
        "The city will publish a yearly report on platform work in Barcelona using the data Pedalpost shares.",
        200,
    ),
    CommitmentSpec(
        _BCN_RIDERS, "Algorithmic management and the right to an explanation", COMPANY, DG, Principle.PRIVACY,
        "Pedalpost Delivery will stop sharing riders' precise locations with advertising partners.",
        -300, CompletionLevel.WITHDRAWN,
        updates=(
            UpdateSpec(
                "Withdrawn: the data protection authority ordered the sharing to stop, which makes the "
                "commitment moot.", -320, completion=CompletionLevel.WITHDRAWN,
            ),
        ),
    ),
    # Barcelona x Zephyrine (concluded)
    CommitmentSpec(
        _BCN_KERBSIDE, "Kerbside data for the superblocks programme", COMPANY, DG, Principle.OPEN_STANDARDS,
        "Zephyrine Mobility will give the city real-time scooter availability in each superblock through an open API.",
        -420, CompletionLevel.COMPLETE, completed=-430,
        evidence="API in production since the pilot.", evidence_url=f"{_EVIDENCE}/barcelona/kerbside-api",
    ),
    CommitmentSpec(
        _BCN_KERBSIDE, "Kerbside data for the superblocks programme", COMPANY, DG, Principle.PRIVACY,
        "Zephyrine Mobility will delete raw trip traces collected in Barcelona after 30 days.",
        -380, CompletionLevel.COMPLETE, completed=-390,
        evidence="Deletion logs reviewed at the closing meeting.",
    ),
    # London x Meridel Maps
    CommitmentSpec(
        _LDN_IMAGERY, "Street-level imagery and face blurring", COMPANY, DG, Principle.PRIVACY,
        "Meridel Maps will blur faces and number plates in all street-level imagery of London before publication.",
        -150, CompletionLevel.COMPLETE, completed=-160,
        evidence="Accuracy audit by the Urban Data Ethics Lab.", evidence_url=f"{_EVIDENCE}/london/blurring-audit",
        updates=(
            UpdateSpec(
                "Audit found 99.2% of faces and 98.7% of plates blurred; re-processing of the rest done.", -160,
                evidence="Audit report.", evidence_url=f"{_EVIDENCE}/london/blurring-audit",
                completion=CompletionLevel.COMPLETE,
            ),
        ),
    ),
    CommitmentSpec(
        _LDN_IMAGERY, "Access to road-network data for the city", COMPANY, DG, Principle.OPEN_STANDARDS,
        "Meridel Maps will license its road-network data for London to the city under an open licence.",
        12, CompletionLevel.LIMITED,
    ),
    CommitmentSpec(
        _LDN_IMAGERY, "Security review of imagery of critical sites", CITY, DG, Principle.TRANSPARENCY,
        "The city will publish the criteria for excluding sites from street-level imagery.",
        90,
    ),
    # London x Pedalpost (abandoned); Pedalpost promised less here than in Barcelona on fair pay.
    CommitmentSpec(
        _LDN_PAY, "Courier pay transparency", COMPANY, WR, Principle.FAIR_PAY,
        "Pedalpost Delivery will publish couriers' median hourly earnings in London every quarter.",
        -300, CompletionLevel.WITHDRAWN,
        updates=(
            UpdateSpec(
                "Withdrawn when Pedalpost Delivery left the talks.", -250, completion=CompletionLevel.WITHDRAWN,
            ),
        ),
    ),
    CommitmentSpec(
        _LDN_PAY, "Courier pay transparency", CITY, WR, Principle.FAIR_REPRESENTATION,
        "The city will convene a couriers' forum with the unions twice a year.",
        -200, CompletionLevel.LIMITED,
        updates=(
            UpdateSpec(
                "First forum postponed.", -210, completion=CompletionLevel.LIMITED,
                new_due=30, reason="The talks ended; the city will convene the forum without the company.",
            ),
        ),
    ),
    # Hanoi x Lumivane
    CommitmentSpec(
        _HAN_CAMERAS, "Storage of camera footage inside Vietnam", COMPANY, DG, Principle.PRIVACY,
        "Lumivane Sensing will store footage from the pilot on servers in Vietnam and delete it after 30 days "
        "unless it is needed for an investigation.",
        -120, CompletionLevel.LIMITED,
        updates=(
            UpdateSpec(
                "Footage still stored abroad while the local data centre is certified.", -130,
                completion=CompletionLevel.LIMITED,
                new_due=-20, reason="The data centre in Hanoi has not yet been certified.",
            ),
        ),
    ),
    CommitmentSpec(
        _HAN_CAMERAS, "Traffic-camera analytics pilot on the ring road", COMPANY, DG, Principle.TRANSPARENCY,
        "Lumivane Sensing will publish the accuracy of its vehicle classification on Hanoi traffic, by vehicle type.",
        -200,
    ),
    CommitmentSpec(
        _HAN_CAMERAS, "Traffic-camera analytics pilot on the ring road", CITY, DG, Principle.PARTICIPATION,
        "The city will put up signs in Vietnamese and English at every camera in the pilot area.",
        -220, CompletionLevel.COMPLETE, completed=-230,
        evidence="Photographs of the signs at each of the twelve cameras.",
        evidence_url=f"{_EVIDENCE}/hanoi/camera-signs",
    ),
    # Hanoi x Quorvex
    CommitmentSpec(
        _HAN_PLATFORM, "Final terms of the hosting agreement", COMPANY, DG, Principle.UNIVERSAL_ACCESS,
        "Quorvex Data Systems will fund digital-literacy courses for 2,000 civil servants in Hanoi.",
        150, CompletionLevel.SUBSTANTIAL,
        updates=(
            UpdateSpec(
                "1,350 civil servants trained so far.", -30,
                evidence="Course catalogue and attendance lists.", evidence_url=f"{_EVIDENCE}/hanoi/training",
                completion=CompletionLevel.SUBSTANTIAL,
            ),
        ),
    ),
    CommitmentSpec(
        _HAN_PLATFORM, "Hosting the city data platform", COMPANY, DG, Principle.OPEN_STANDARDS,
        "Quorvex Data Systems will export all city data in open formats, free of charge, if the contract ends.",
        None,  # no due date: it applies when the contract ends
    ),
    # Da Nang x Lumivane (concluded)
    CommitmentSpec(
        _DAD_LIGHTING, "Smart street-lighting sensors on the beachfront", COMPANY, DG, Principle.PRIVACY,
        "Lumivane Sensing will disable audio capture on every street-lighting sensor.",
        -700, CompletionLevel.COMPLETE, completed=-720,
        evidence="Firmware configuration checked by the city's IT department.",
    ),
    CommitmentSpec(
        _DAD_LIGHTING, "Handover of the lighting sensor network", COMPANY, DG, Principle.OPEN_STANDARDS,
        "Lumivane Sensing will hand over the sensor network's historical data in open formats.",
        -380, CompletionLevel.BROKEN,
        updates=(
            UpdateSpec(
                "The handover files were in a proprietary format; the city records the commitment as broken.", -370,
                evidence="Inventory of the delivered files.", completion=CompletionLevel.BROKEN,
            ),
        ),
    ),
    # Da Nang x Zephyrine
    CommitmentSpec(
        _DAD_RIDES, "Ride-hailing drivers' conditions and trip data", COMPANY, WR, Principle.FAIR_CONDITIONS,
        "Zephyrine Mobility will open a shaded rest area with drinking water for drivers near the airport "
        "pick-up zone.",
        10,
    ),
)
