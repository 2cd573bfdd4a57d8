"""The demo data written by ``manage.py seed_demo``.

Every company, union, group and person here is invented. The cities are real, because the
project is about them, but the people named as their officials are not. Dates are offsets in
days from the day the command runs (negative: in the past), so the demo always has overdue,
due-soon and embargoed records. Natural keys (slugs, names, subjects, texts) never contain a
date, so running the command again on a later day finds the same rows instead of adding new ones.

The lobbying-risk score (``manage.py compute_risk``) needs peers: with the production settings an
indicator compares a company with at least five others, and shares need three meetings or
commitments of the company's own. So the demo has ten companies, most with several public meetings
and commitments, and each indicator fires for at most one of them (more than a quarter would log a
warning): declared spend and lobbyists for Quorvex; no register id and commitment record for
Lumivane; meeting frequency for Nivalto; vague minutes for Kivaro; late disclosure for Brasmoor;
revolving door and topic imbalance for Zephyrine; inconsistency between cities for Pedalpost.
``tests/demo/test_seed_demo.py`` checks the coverage.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ambassador.commitments.choices import Area, CompletionLevel, Principle, Promiser
from ambassador.negotiations.choices import Confidentiality, MeetingFormat, NegotiationStage, ReviewState
from ambassador.negotiations.choices import WithholdingGround as Ground
from ambassador.stakeholders.choices import MembershipRole, OrganisationKind

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
        "velquinn-stays", "Velquinn Stays", TECH,
        f"Holiday-rental platform for short stays in private homes. {_FICTIONAL}",
        registry_id="357120948816-22", website="https://www.velquinn.example",
    ),
    OrganisationSpec(
        "tallovi-care", "Tallovi Care", TECH,
        f"App for booking home cleaners and carers, who work through the platform. {_FICTIONAL}",
        registry_id="812046375509-63", website="https://www.tallovi.example",
    ),
    OrganisationSpec(
        "brasmoor-networks", "Brasmoor Networks", TECH,
        f"Small-cell 5G masts and free public Wi-Fi on street furniture, paid for by advertising and footfall "
        f"analytics. {_FICTIONAL}",
        registry_id="149978230614-90", website="https://www.brasmoor.example",
    ),
    OrganisationSpec(
        "kivaro-charging", "Kivaro Charging", TECH,
        f"Charging hubs for electric taxis and battery-swap kiosks for electric scooters. {_FICTIONAL}",
        registry_id="661203985427-35", website="https://www.kivaro.example",
    ),
    OrganisationSpec(
        "nivalto-civic-ai", "Nivalto Civic AI", TECH,
        f"Chatbots and automated case handling for cities' public-service portals. {_FICTIONAL}",
        registry_id="590314872206-14", website="https://www.nivalto.example",
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
        "homecare-workers-union", "Homecare Workers' Union", UNION,
        f"Union of cleaners and carers in London who find their work through apps. {_FICTIONAL}",
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
        "residents-for-liveable-neighbourhoods", "Residents for Liveable Neighbourhoods", CIVIL,
        f"Residents' groups in Amsterdam and Barcelona campaigning against homes turned into holiday rentals. "
        f"{_FICTIONAL}",
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
    DisclosureSpec("velquinn-stays", "EU", "annual-1", 1, 820_000, 6),
    DisclosureSpec("velquinn-stays", "EU", "annual-2", 2, 760_000, 6),
    DisclosureSpec("velquinn-stays", "NL", "annual-1", 1, 140_000, 2),
    DisclosureSpec("velquinn-stays", "ES", "annual-1", 1, 190_000, 2),
    DisclosureSpec("tallovi-care", "EU", "annual-1", 1, 380_000, 3),
    DisclosureSpec("tallovi-care", "UK", "annual-1", 1, 150_000, 2, currency="GBP"),
    DisclosureSpec("tallovi-care", "ES", "annual-1", 1, 90_000, 1),
    DisclosureSpec("brasmoor-networks", "EU", "annual-1", 1, 540_000, 4),
    DisclosureSpec("brasmoor-networks", "EU", "annual-2", 2, 480_000, 4),
    DisclosureSpec("brasmoor-networks", "UK", "annual-1", 1, 310_000, 3, currency="GBP"),
    DisclosureSpec("kivaro-charging", "EU", "annual-1", 1, 260_000, 2),
    DisclosureSpec("kivaro-charging", "EU", "annual-2", 2, 210_000, 2),
    DisclosureSpec("nivalto-civic-ai", "EU", "annual-1", 1, 450_000, 5),
    DisclosureSpec("nivalto-civic-ai", "NL", "annual-1", 1, 60_000, 1),
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
    PersonSpec("Sofie Lindqvist", "amsterdam", is_public_figure=True),
    PersonSpec("Rafael Montoya Gil", "barcelona", is_public_figure=True),
    PersonSpec("Hannah Brightwell", "london", is_public_figure=True),
    PersonSpec("Marta Soler Prats", "barcelona", is_public_figure=True),
    PersonSpec("Owen Pritchard", "london", is_public_figure=True),
    PersonSpec("Đặng Quốc Bảo", "hanoi", is_public_figure=True),
    PersonSpec("Bùi Thanh Hương", "hanoi", is_public_figure=True),
    PersonSpec("Ingrid Halvorsen", "da-nang", is_public_figure=True),
    PersonSpec("Mai Quốc Việt", "da-nang", is_public_figure=True),
    PersonSpec("Siobhan Farrell", "london", is_public_figure=True),
    PersonSpec("Willemijn Brouwer", "amsterdam", is_public_figure=True),
    # Private individuals: never named in public, only their organisation.
    PersonSpec("Tom Whitfield", "amsterdam", notes="Junior policy officer; takes notes for the company."),
    PersonSpec("Aisha Khan", "london", notes="Policy associate at Pedalpost Delivery."),
    PersonSpec("Đỗ Mai Anh", "hanoi", notes="Sales engineer who demonstrated the camera software."),
    PersonSpec("Callum Reid", "london", notes="Policy analyst at Tallovi Care."),
    PersonSpec("Lương Đức Anh", "da-nang", notes="Site engineer at Kivaro Charging."),
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
    AffiliationSpec("Sofie Lindqvist", "Director of public policy, Europe", -900, organisation="velquinn-stays"),
    AffiliationSpec("Rafael Montoya Gil", "Head of city relations, Spain", -700, organisation="velquinn-stays"),
    AffiliationSpec("Hannah Brightwell", "General manager, United Kingdom", -800, organisation="tallovi-care"),
    AffiliationSpec("Marta Soler Prats", "Head of operations, Spain", -600, organisation="tallovi-care"),
    AffiliationSpec("Callum Reid", "Policy analyst", -300, organisation="tallovi-care"),
    AffiliationSpec(
        "Owen Pritchard", "Director of public-sector partnerships", -1200, organisation="brasmoor-networks"
    ),
    AffiliationSpec("Đặng Quốc Bảo", "Country manager, Vietnam", -500, organisation="brasmoor-networks"),
    AffiliationSpec("Bùi Thanh Hương", "Chief executive", -1300, organisation="kivaro-charging"),
    AffiliationSpec("Lương Đức Anh", "Site engineer", -450, organisation="kivaro-charging"),
    AffiliationSpec("Ingrid Halvorsen", "Vice-president, Asia-Pacific", -600, organisation="nivalto-civic-ai"),
    AffiliationSpec("Mai Quốc Việt", "Partnerships lead, Vietnam", -400, organisation="nivalto-civic-ai"),
    AffiliationSpec("Kees Mulder", "Organiser", -2000, organisation="united-couriers-union"),
    AffiliationSpec("Núria Vidal", "Spokesperson", -1500, organisation="catalan-platform-workers-union"),
    AffiliationSpec("Hoàng Văn Nam", "Chair", -1000, organisation="da-nang-drivers-association"),
    AffiliationSpec("Siobhan Farrell", "General secretary", -2500, organisation="homecare-workers-union"),
    AffiliationSpec("Willemijn Brouwer", "Chair", -1400, organisation="residents-for-liveable-neighbourhoods"),
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
    NegotiationSpec(
        "amsterdam-velquinn-holiday-rentals", "amsterdam", "velquinn-stays",
        "Listing data for the holiday-rental night cap", NegotiationStage.ACTIVE, -340,
        ("data-sharing", "privacy-and-security"),
        "Which listing and booking data Velquinn Stays gives the city to enforce the yearly cap on nights a home "
        "may be let to tourists, and how hosts' personal data is protected.",
    ),
    NegotiationSpec(
        "barcelona-velquinn-tourist-flat-licences", "barcelona", "velquinn-stays",
        "Licence numbers and listing data for tourist flats", NegotiationStage.AGREEMENT_REACHED, -560,
        ("data-sharing", "data-governance"),
        "Removal of tourist-flat listings without a licence number, and the listing data the city's licensing "
        "office receives.",
    ),
    NegotiationSpec(
        "london-tallovi-care-workers", "london", "tallovi-care",
        "Pay and safety of cleaners and carers booked through an app", NegotiationStage.ACTIVE, -380,
        ("platform-work", "workers-rights"),
        "Pay for cancelled bookings and travel time, safety in clients' homes, and how Tallovi Care rates and "
        "deactivates the cleaners and carers who work through its app in London.",
    ),
    NegotiationSpec(
        "barcelona-tallovi-domestic-workers", "barcelona", "tallovi-care",
        "Contracts and safety of domestic workers on the Tallovi app", NegotiationStage.ACTIVE, -300,
        ("platform-work", "workers-rights", "algorithms-and-ai"),
        "Employment contracts for the domestic workers Tallovi Care places in Barcelona, their safety, and how "
        "the app offers them bookings.",
    ),
    NegotiationSpec(
        "london-brasmoor-street-wifi", "london", "brasmoor-networks",
        "Free street Wi-Fi and 5G small cells on street furniture", NegotiationStage.ACTIVE, -420,
        ("digital-infrastructure", "privacy-and-security", "digital-inclusion"),
        "Rent-free sites on lamp posts and bus shelters for Brasmoor Networks' small cells, in exchange for free "
        "Wi-Fi; what the Wi-Fi may record about passers-by.",
    ),
    NegotiationSpec(
        "hanoi-brasmoor-old-quarter-wifi", "hanoi", "brasmoor-networks",
        "Public Wi-Fi in the Old Quarter", NegotiationStage.STALLED, -360,
        ("digital-infrastructure", "privacy-and-security", "data-localisation"),
        "Free Wi-Fi for residents and visitors in the Old Quarter, where log-in data is stored and for how long. "
        "Stalled since the company suspended the roll-out over the retention period.",
    ),
    NegotiationSpec(
        "hanoi-kivaro-taxi-charging-hubs", "hanoi", "kivaro-charging",
        "Charging hubs for electric taxis", NegotiationStage.ACTIVE, -280,
        ("digital-infrastructure", "mobility-data", "data-localisation"),
        "Charging hubs for electric taxis on city-owned car parks, open access for every taxi company, and the "
        "charging data the transport department receives.",
    ),
    NegotiationSpec(
        "da-nang-kivaro-battery-swap", "da-nang", "kivaro-charging",
        "Battery-swap kiosks for electric scooters", NegotiationStage.AGREEMENT_REACHED, -400,
        ("digital-infrastructure", "mobility-data", "workers-rights"),
        "Forty battery-swap kiosks for delivery riders' and taxi drivers' electric scooters: sites, fees, opening "
        "hours and the swap data shared with the city.",
    ),
    NegotiationSpec(
        "da-nang-nivalto-service-assistant", "da-nang", "nivalto-civic-ai",
        "An AI assistant for the public-service portal", NegotiationStage.ACTIVE, -130,
        ("algorithms-and-ai", "data-localisation", "digital-inclusion"),
        "A pilot of an AI assistant that answers residents' questions on the city's public-service portal: what "
        "it is trained on, who checks its answers, and what it may never decide.",
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
_AMS_RENTALS = "amsterdam-velquinn-holiday-rentals"
_BCN_FLATS = "barcelona-velquinn-tourist-flat-licences"
_LDN_CARE = "london-tallovi-care-workers"
_BCN_CARE = "barcelona-tallovi-domestic-workers"
_LDN_WIFI = "london-brasmoor-street-wifi"
_HAN_WIFI = "hanoi-brasmoor-old-quarter-wifi"
_HAN_CHARGING = "hanoi-kivaro-taxi-charging-hubs"
_DAD_SWAP = "da-nang-kivaro-battery-swap"
_DAD_ASSISTANT = "da-nang-nivalto-service-assistant"

MEETINGS = (
    # Amsterdam and Zephyrine meet often, nearly always through the envoy, on mobility data, where
    # civil society is never at the table in Amsterdam: the topic-imbalance signal.
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
        _AMS_SCOOTERS, "Parking data for the district managers", -360, "mobility-data",
        ("Marieke de Wit", "Elena Castellví", "Tom Whitfield"), ("zephyrine-mobility",),
        main_points="Which parking data the city's district managers need each morning to clear blocked pavements.",
        positions="The city asked for parking events in real time; the company offered a daily file.",
        conclusions="A real-time feed for the four busiest districts first.",
        location="Stadhuis, Amstel 1", published_after=12,
    ),
    MeetingSpec(
        _AMS_SCOOTERS, "Scooter parking on bridges and quays", -290, "mobility-data",
        ("Marieke de Wit", "Elena Castellví"), ("zephyrine-mobility",),
        main_points="Scooters parked on bridges and quays, and the parking events that show where they are left.",
        positions="The city asked for no-parking zones on every bridge; the company asked for parking bays instead.",
        conclusions="No-parking zones on bridges; bays on the wider quays.",
        format=MeetingFormat.SITE_VISIT, location="Magere Brug", published_after=11,
    ),
    MeetingSpec(
        _AMS_SCOOTERS, "Fleet caps per district", -190, "mobility-data",
        ("Marieke de Wit", "Joost van Leeuwen", "Elena Castellví"), ("zephyrine-mobility",),
        main_points="How many scooters the company may park in each district, and the data that shows it keeps to it.",
        positions="Zephyrine asked for higher caps in the centre in exchange for more data.",
        conclusions="Caps stay as they are until the privacy review is complete.",
        published_after=14,
    ),
    MeetingSpec(
        _AMS_SCOOTERS, "Working dinner with Zephyrine Mobility", -120, None,
        ("Marieke de Wit", "Joost van Leeuwen", "Elena Castellví"), ("zephyrine-mobility",),
        main_points="General discussion.",  # vague minutes, empty conclusions
        format=MeetingFormat.EVENT, location="Restaurant, Zuidas", hour=19, published_after=40,
    ),
    MeetingSpec(
        _AMS_SCOOTERS, "Live scooter counts for the city's mobility dashboard", -80, "mobility-data",
        ("Marieke de Wit", "Joost van Leeuwen"), ("zephyrine-mobility",),
        main_points="Testing the live feed of scooter counts on the city's mobility dashboard.",
        positions="The company asked for the feed to stay off the open-data portal until the exclusivity question "
        "is settled.",
        conclusions="The feed goes to the dashboard now, and to the portal after the legal review.",
        format=MeetingFormat.VIDEO, published_after=9,
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
        conclusions="Every commitment met; the negotiation is concluded.",
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
        _LDN_IMAGERY, "Results of the blurring audit", -200, "privacy-and-security",
        ("Priya Raman", "Grace Liu", "Ruth Adeyemi"), ("meridel-maps", "urban-data-ethics-lab"),
        main_points="The Urban Data Ethics Lab's audit of faces and number plates in a sample of 10,000 images.",
        positions="The researchers asked for the audit to be repeated every year; the company agreed.",
        conclusions="A yearly audit, whose results the company publishes.",
        format=MeetingFormat.VIDEO, published_after=10,
    ),
    MeetingSpec(
        _LDN_IMAGERY, "Imagery of private streets and house fronts", -150, "privacy-and-security",
        ("Daniel Okafor", "Grace Liu"), ("meridel-maps",),
        main_points="Residents' requests to blur the front of their houses and to leave private streets out of the "
        "imagery.",
        positions="The city asked for a simple request form; the company wanted requests to go through its app.",
        conclusions="A request form on the company's website; house fronts blurred within 30 days of a request.",
        location="City Hall, Kamal Chunchie Way", published_after=12,
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
        _HAN_PLATFORM, "Digital-literacy courses for civil servants", -330, "digital-inclusion",
        ("Nguyễn Thu Hà", "Henrik Aalto"), ("quorvex-data-systems",),
        main_points="Content and schedule of the courses the company offered to fund.",
        positions="The city asked for courses in Vietnamese, taught by local trainers.",
        conclusions="Courses in Vietnamese, taught by trainers from a local university.",
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
        _HAN_PLATFORM, "First review of the platform's service levels", -90, "data-governance",
        ("Trần Minh Đức", "Henrik Aalto"), ("quorvex-data-systems",),
        main_points="Uptime, support response times and the first test of exporting the city's data.",
        positions="The city reported two outages; the company offered service credits.",
        conclusions="Service credits for both outages; a second export test in six months.",
        published_after=9,
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
        _DAD_LIGHTING, "Mid-term review of the lighting sensors", -600, "digital-infrastructure",
        ("Lê Quang Huy", "Phạm Thị Lan", "Võ Thanh Tùng"), ("lumivane-sensing",),
        main_points="Sensor uptime, the data delivered so far, and its format at the handover.",
        positions="The city asked for the data format to be documented now; the company said it would do so at "
        "the handover.",
        conclusions="The format will be documented before the handover.",
        published_after=6,
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
    # Amsterdam and Barcelona x Velquinn: residents at the table on listing data.
    MeetingSpec(
        _AMS_RENTALS, "Booked nights per listing and the 30-night cap", -320, "data-sharing",
        ("Marieke de Wit", "Sanne Bakker", "Sofie Lindqvist"), ("velquinn-stays",),
        main_points="Which booking data the city needs to enforce the yearly cap on nights let to tourists.",
        positions="The city asked for booked nights per address; the company offered totals per district.",
        conclusions="Velquinn will report booked nights per listing every month.",
        location="Stadhuis, Amstel 1", published_after=8,
    ),
    MeetingSpec(
        _AMS_RENTALS, "Residents' complaints about holiday rentals", -240, "data-sharing",
        ("Sanne Bakker", "Sofie Lindqvist", "Willemijn Brouwer"),
        ("velquinn-stays", "residents-for-liveable-neighbourhoods"),
        main_points="Nuisance reports, and homes lost to holiday rentals in the city centre.",
        positions="Residents asked for unregistered listings to be taken down within days; the company asked for "
        "a grace period for hosts.",
        conclusions="Listings without a registration number come down within five working days of a city request.",
        published_after=12,
    ),
    MeetingSpec(
        _AMS_RENTALS, "Protecting hosts' addresses in the shared data", -170, "privacy-and-security",
        ("Marieke de Wit", "Sofie Lindqvist", "Fatima El Amrani"), ("velquinn-stays", "open-kerb-data-collective"),
        main_points="Who in the city may see hosts' names and addresses, and for how long they are kept.",
        positions="Civil society asked that addresses be used for enforcement only.",
        conclusions="Addresses go to the enforcement team only and are deleted after two years.",
        format=MeetingFormat.VIDEO, confidentiality=RESTRICTED, ground=Ground.PERSONAL_DATA, published_after=15,
    ),
    MeetingSpec(
        _AMS_RENTALS, "Registration numbers on every listing", -90, "data-sharing",
        ("Marieke de Wit", "Sofie Lindqvist"), ("velquinn-stays",),
        main_points="A sample of listings checked for the city's registration number.",
        positions="The company reported that 8% of listings still lack a number.",
        conclusions="New listings without a number will be blocked from the next release of the host app.",
        published_after=11,
    ),
    MeetingSpec(
        _AMS_RENTALS, "Enforcement figures for the summer season", -12, "data-sharing",
        ("Marieke de Wit", "Sofie Lindqvist"), ("velquinn-stays",),
        main_points="Takedown requests sent and listings removed over the summer.",
        review=SUBMITTED, submitted_after=3,
    ),
    MeetingSpec(
        _BCN_FLATS, "Licence numbers for tourist flats", -540, "data-sharing",
        ("Laia Puig i Serra", "Jordi Ferrer Casals", "Rafael Montoya Gil"),
        ("velquinn-stays", "residents-for-liveable-neighbourhoods"),
        main_points="Listings without a tourist-flat licence number, and how fast they are taken down.",
        positions="Residents asked for every unlicensed listing to go; the company wanted the city to notify each "
        "one.",
        conclusions="Velquinn will show the licence number on every listing and share listing data monthly.",
        location="Ajuntament de Barcelona, Plaça de Sant Jaume", published_after=9,
    ),
    MeetingSpec(
        _BCN_FLATS, "Monthly listing data for the licensing office", -420, "data-sharing",
        ("Laia Puig i Serra", "Rafael Montoya Gil"), ("velquinn-stays",),
        main_points="Format and fields of the monthly listing file.",
        positions="The licensing office wanted an open format; the company proposed its partner portal.",
        conclusions="A CSV file with a published schema, without any guest's identity.",
        format=MeetingFormat.VIDEO, published_after=10,
    ),
    MeetingSpec(
        _BCN_FLATS, "Signing of the tourist-flat agreement", -260, "data-governance",
        ("Laia Puig i Serra", "Jordi Ferrer Casals", "Rafael Montoya Gil"), ("velquinn-stays",),
        main_points="Signature of the agreement on licence numbers and listing data.",
        positions="The company accepted that listings without a licence number are removed within 48 hours.",
        conclusions="Agreement signed.",
        format=MeetingFormat.EVENT, published_after=6,
    ),
    # London and Barcelona x Tallovi: the unions of cleaners and carers at the table.
    MeetingSpec(
        _LDN_CARE, "Pay for cancelled bookings and travel time", -360, "platform-work",
        ("Priya Raman", "Daniel Okafor", "Hannah Brightwell", "Siobhan Farrell"),
        ("tallovi-care", "homecare-workers-union"),
        main_points="Whether workers are paid for travel between bookings and for bookings cancelled at short notice.",
        positions="The union asked for pay for travel time; the company offered a cancellation fee.",
        conclusions="Tallovi will pay a cancellation fee and give every worker a written statement of terms.",
        location="City Hall, Kamal Chunchie Way", published_after=14,
    ),
    MeetingSpec(
        _LDN_CARE, "Safety of workers in clients' homes", -270, "workers-rights",
        ("Daniel Okafor", "Hannah Brightwell"), ("tallovi-care",),
        main_points="A panic button in the worker app, and what happens when a worker reports abuse.",
        positions="The city asked that a worker may refuse a client without losing rating points.",
        conclusions="A panic button and a refusal without penalty will be added to the app.",
        published_after=10,
    ),
    MeetingSpec(
        _LDN_CARE, "Ratings and deactivation of workers", -190, "platform-work",
        ("Priya Raman", "Hannah Brightwell", "Callum Reid", "Siobhan Farrell"),
        ("tallovi-care", "homecare-workers-union"),
        main_points="How client ratings lead to deactivation, and how a worker may appeal.",
        positions="The union asked for a person to review every deactivation; the company agreed for deactivations "
        "based on ratings.",
        conclusions="Deactivations based on ratings get a human review and an appeal.",
        format=MeetingFormat.VIDEO, published_after=12,
    ),
    MeetingSpec(
        _LDN_CARE, "Hourly rates and client prices", -100, "platform-work",
        ("Priya Raman", "Hannah Brightwell"), ("tallovi-care",),
        main_points="Workers' hourly rates compared with the prices clients pay.",
        positions="The company shared its price structure on condition that it stays confidential.",
        conclusions="The city will propose a minimum share of the price for workers.",
        confidentiality=RESTRICTED, ground=Ground.COMMERCIAL, published_after=16,
    ),
    MeetingSpec(
        _LDN_CARE, "Travel-time pay pilot", -20, "platform-work",
        ("Priya Raman", "Hannah Brightwell"), ("tallovi-care",),
        main_points="First figures from paying travel time in two boroughs.",
        review=DRAFT,
    ),
    MeetingSpec(
        _BCN_CARE, "Domestic workers' contracts", -280, "workers-rights",
        ("Laia Puig i Serra", "Jordi Ferrer Casals", "Marta Soler Prats", "Núria Vidal"),
        ("tallovi-care", "catalan-platform-workers-union"),
        main_points="Whether domestic workers booked through the app are employees under the regime for household "
        "employment.",
        positions="The union asked for employment contracts; the company proposed to employ the workers through "
        "its own agency.",
        conclusions="Tallovi will employ its workers in Barcelona through its own agency, at the statutory minimum "
        "or more.",
        location="Ajuntament de Barcelona, Plaça de Sant Jaume", published_after=11,
    ),
    MeetingSpec(
        _BCN_CARE, "Safety and the right to refuse a client", -200, "workers-rights",
        ("Laia Puig i Serra", "Marta Soler Prats"), ("tallovi-care",),
        main_points="The panic button and refusing unsafe bookings.",
        conclusions="The panic button from London will be offered in Barcelona, with the same refusal rule.",
        published_after=9,
    ),
    MeetingSpec(
        _BCN_CARE, "How the app offers bookings to workers", -110, "algorithms-and-ai",
        ("Laia Puig i Serra", "Marta Soler Prats", "Núria Vidal"),
        ("tallovi-care", "catalan-platform-workers-union", "civic-algorithms-watch"),
        main_points="The criteria the app uses to offer a booking to one worker rather than another.",
        positions="The watchdog asked for the criteria to be published; the company agreed to explain them to "
        "workers.",
        conclusions="Workers may ask why they were or were not offered a booking, and a person reviews ratings "
        "before any deactivation.",
        format=MeetingFormat.VIDEO, published_after=13,
    ),
    # London and Hanoi x Brasmoor: meetings published months late, at the company's request: the
    # late-disclosure signal.
    MeetingSpec(
        _LDN_WIFI, "Small cells on lamp posts and bus shelters", -400, "digital-infrastructure",
        ("Priya Raman", "Daniel Okafor", "Owen Pritchard"), ("brasmoor-networks", "civic-algorithms-watch"),
        main_points="Which lamp posts and bus shelters may carry small cells, and the rent the city charges.",
        positions="The company asked for rent-free sites in exchange for free Wi-Fi; the watchdog asked what the "
        "Wi-Fi would record.",
        conclusions="Sites are rent-free for five years; every site offers free Wi-Fi and is on a public map.",
        location="City Hall, Kamal Chunchie Way", published_after=95,
    ),
    MeetingSpec(
        _LDN_WIFI, "Footfall analytics from the street Wi-Fi", -310, "privacy-and-security",
        ("Priya Raman", "Owen Pritchard", "Ruth Adeyemi"),
        ("brasmoor-networks", "civic-algorithms-watch", "urban-data-ethics-lab"),
        main_points="Whether the Wi-Fi counts passing phones, and how the counts are anonymised.",
        positions="The watchdog asked for phone counting to be off by default; the company said counting pays "
        "for the Wi-Fi.",
        conclusions="Phones are counted only with consent given on the log-in page.",
        format=MeetingFormat.VIDEO, published_after=80,
    ),
    MeetingSpec(
        _LDN_WIFI, "Free Wi-Fi in libraries and housing estates", -220, "digital-inclusion",
        ("Daniel Okafor", "Owen Pritchard"), ("brasmoor-networks",),
        main_points="Free Wi-Fi without advertising in libraries and council housing estates.",
        positions="The company offered 40 sites; the city asked for 100.",
        conclusions="Sixty sites in the first year.",
        published_after=70,
    ),
    MeetingSpec(
        _LDN_WIFI, "Roll-out schedule in the outer boroughs", -130, "digital-infrastructure",
        ("Priya Raman", "Owen Pritchard"), ("brasmoor-networks",),
        main_points="The roll-out schedule and an extension of the rent-free period.",
        positions="The company asked for ten rent-free years in the outer boroughs.",
        conclusions="The city will answer after valuing the sites.",
        confidentiality=RESTRICTED, ground=Ground.COMMERCIAL, published_after=90,
    ),
    MeetingSpec(
        _LDN_WIFI, "Small cells near government buildings", -50, "privacy-and-security",
        ("Priya Raman", "Owen Pritchard"), ("brasmoor-networks",),
        main_points="Security review of small cells within sight of government buildings.",
        conclusions="Three sites moved; the others reviewed by the security services.",
        confidentiality=CONFIDENTIAL, ground=Ground.SECURITY, release=300, published_after=20,
    ),
    MeetingSpec(
        _HAN_WIFI, "Public Wi-Fi in the Old Quarter", -340, "digital-infrastructure",
        ("Nguyễn Thu Hà", "Trần Minh Đức", "Đặng Quốc Bảo"), ("brasmoor-networks", "mekong-digital-rights-network"),
        main_points="Coverage of the Old Quarter and the log-in page for visitors.",
        positions="The company asked to log users in with their phone number; the rights network asked for no "
        "log-in at all.",
        conclusions="Log-in with a phone number, with the data kept in Vietnam.",
        location="Hanoi People's Committee", published_after=120,
    ),
    MeetingSpec(
        _HAN_WIFI, "Where Wi-Fi log-in data is stored", -240, "data-localisation",
        ("Nguyễn Thu Hà", "Đặng Quốc Bảo"), ("brasmoor-networks", "mekong-digital-rights-network"),
        main_points="Where phone numbers and connection logs are stored, and for how long.",
        positions="The rights network asked for deletion after 30 days; the company wanted a year, for advertising.",
        conclusions="Logs are stored in Vietnam; the retention period is not agreed.",
        published_after=75,
    ),
    MeetingSpec(
        _HAN_WIFI, "Roll-out of the Old Quarter Wi-Fi suspended", -150, "digital-infrastructure",
        ("Trần Minh Đức", "Đặng Quốc Bảo"), ("brasmoor-networks",),
        main_points="The company suspended the roll-out until the retention period is agreed.",
        positions="The city will not accept a year of retention.",
        conclusions="Talks suspended; the free service is switched off.",
        published_after=60,
    ),
    # Hanoi and Da Nang x Kivaro: two records that say nothing, the vague-minutes signal.
    MeetingSpec(
        _HAN_CHARGING, "Charging hubs on city-owned car parks", -260, "digital-infrastructure",
        ("Nguyễn Thu Hà", "Trần Minh Đức", "Bùi Thanh Hương"), ("kivaro-charging",),
        main_points="Four city-owned car parks proposed as charging hubs for electric taxis.",
        positions="The company asked for ten-year leases and exclusive use; the city offered five years and open "
        "access.",
        conclusions="Five-year leases; the hubs are open to every taxi company.",
        location="Hanoi People's Committee", published_after=12,
    ),
    MeetingSpec(
        _HAN_CHARGING, "Charging data for the transport department", -180, "mobility-data",
        ("Nguyễn Thu Hà", "Bùi Thanh Hương"), ("kivaro-charging", "mekong-digital-rights-network"),
        main_points="Which charging-session data the transport department receives, and whether drivers can be "
        "identified.",
        positions="The rights network asked for drivers' identities to be removed before any sharing.",
        conclusions="Session data shared hourly, without drivers' identities.",
        published_after=14,
    ),
    MeetingSpec(
        _HAN_CHARGING, "Courtesy call by Kivaro Charging", -75, None,
        ("Trần Minh Đức", "Bùi Thanh Hương"), ("kivaro-charging",),
        main_points="General exchange of views.",  # vague minutes, empty conclusions
        published_after=20,
    ),
    MeetingSpec(
        _DAD_SWAP, "Battery-swap kiosks for electric scooters", -380, "digital-infrastructure",
        ("Lê Quang Huy", "Phạm Thị Lan", "Bùi Thanh Hương"), ("kivaro-charging",),
        main_points="Sites for forty kiosks, and the safe storage of batteries.",
        positions="The fire police asked for kiosks away from homes; the company wanted them at petrol stations.",
        conclusions="Forty kiosks, at sites agreed with the fire police.",
        location="Da Nang Administrative Centre", published_after=9,
    ),
    MeetingSpec(
        _DAD_SWAP, "Swap fees for delivery riders and taxi drivers", -300, "workers-rights",
        ("Lê Quang Huy", "Bùi Thanh Hương", "Hoàng Văn Nam"), ("kivaro-charging", "da-nang-drivers-association"),
        main_points="The fee drivers pay for each battery swap, and the hours kiosks are open.",
        positions="Drivers asked for a lower fee at night; the company offered a monthly pass.",
        conclusions="A monthly pass for drivers; kiosks open day and night, lit and shaded.",
        published_after=10,
    ),
    MeetingSpec(
        _DAD_SWAP, "Kiosk data for the city's mobility dashboard", -200, "mobility-data",
        ("Phạm Thị Lan", "Bùi Thanh Hương", "Lương Đức Anh"), ("kivaro-charging",),
        main_points="Daily swap counts per kiosk for the city's mobility dashboard.",
        positions="The company offered a monthly report; the city asked for an open API.",
        conclusions="Daily swap counts per kiosk through an open API, without any rider's identity.",
        format=MeetingFormat.VIDEO, published_after=8,
    ),
    MeetingSpec(
        _DAD_SWAP, "Meeting with Kivaro Charging", -120, None,
        ("Lê Quang Huy", "Bùi Thanh Hương"), ("kivaro-charging",),
        main_points="Current affairs.",  # vague minutes, empty conclusions
        published_after=25,
    ),
    MeetingSpec(
        _DAD_SWAP, "Second phase of the kiosk network", -45, "digital-infrastructure",
        ("Lê Quang Huy", "Bùi Thanh Hương", "Lương Đức Anh"), ("kivaro-charging",),
        main_points="Twenty more kiosks in Liên Chiểu and Cẩm Lệ districts.",
        positions="The company asked the city to pay for the grid connections.",
        conclusions="The city will pay for half of the grid connections.",
        format=MeetingFormat.SITE_VISIT, location="Liên Chiểu district", published_after=10,
    ),
    # Da Nang x Nivalto: more than a meeting a month since the talks began: the meeting-frequency signal.
    MeetingSpec(
        _DAD_ASSISTANT, "An AI assistant for the public-service portal", -120, "algorithms-and-ai",
        ("Lê Quang Huy", "Phạm Thị Lan", "Ingrid Halvorsen", "Mai Quốc Việt"), ("nivalto-civic-ai",),
        main_points="A chatbot that answers residents' questions and pre-fills applications on the city's portal.",
        positions="The company proposed to train its model on past applications; the city asked what data that "
        "needs.",
        conclusions="A pilot on business-licence questions first.",
        location="Da Nang Administrative Centre", published_after=7,
    ),
    MeetingSpec(
        _DAD_ASSISTANT, "Training data from past applications", -100, "data-localisation",
        ("Phạm Thị Lan", "Mai Quốc Việt"), ("nivalto-civic-ai", "mekong-digital-rights-network"),
        main_points="Whether past applications may leave Vietnam for training the model.",
        positions="The rights network asked that no personal data leave the city's servers.",
        conclusions="Training on the city's servers only, with names and ID numbers removed.",
        published_after=9,
    ),
    MeetingSpec(
        _DAD_ASSISTANT, "Answers in Vietnamese and English", -80, "algorithms-and-ai",
        ("Lê Quang Huy", "Mai Quốc Việt"), ("nivalto-civic-ai", "mekong-digital-rights-network"),
        main_points="Accuracy of the assistant's answers in Vietnamese and English, tested with 200 questions.",
        positions="The rights network asked what happens when the assistant is wrong.",
        conclusions="The assistant will say when it is not sure and hand over to a civil servant.",
        format=MeetingFormat.VIDEO, published_after=8,
    ),
    MeetingSpec(
        _DAD_ASSISTANT, "Demonstration for the People's Committee", -60, "algorithms-and-ai",
        ("Phạm Thị Lan", "Ingrid Halvorsen", "Mai Quốc Việt"), ("nivalto-civic-ai",),
        main_points="Demonstration of the pilot to members of the committee.",
        positions="Committee members asked whether the assistant could decide on simple applications.",
        conclusions="The assistant will not decide on any application; it will be usable by voice.",
        format=MeetingFormat.EVENT, published_after=6,
    ),
    MeetingSpec(
        _DAD_ASSISTANT, "Who checks the assistant's answers", -40, "algorithms-and-ai",
        ("Lê Quang Huy", "Mai Quốc Việt"), ("nivalto-civic-ai", "civic-algorithms-watch"),
        main_points="Checking a sample of the assistant's answers, and publishing the results.",
        positions="The watchdog asked for every error to be published; the company offered a monthly sample.",
        conclusions="Civil servants check 100 answers a month; the company publishes the results.",
        format=MeetingFormat.VIDEO, published_after=7,
    ),
    MeetingSpec(
        _DAD_ASSISTANT, "Licence price after the pilot", -25, "algorithms-and-ai",
        ("Phạm Thị Lan", "Ingrid Halvorsen"), ("nivalto-civic-ai",),
        main_points="The licence price per resident after the pilot.",
        positions="The company offered a lower price for a five-year contract.",
        conclusions="The city will compare the offer with other suppliers.",
        confidentiality=RESTRICTED, ground=Ground.COMMERCIAL, published_after=6,
    ),
    MeetingSpec(
        _DAD_ASSISTANT, "Results of the first month", -6, "algorithms-and-ai",
        ("Lê Quang Huy", "Mai Quốc Việt"), ("nivalto-civic-ai",),
        main_points="Questions asked, answers checked and hand-overs to civil servants in the first month.",
        review=DRAFT,
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
    # Amsterdam x Pedalpost. Pedalpost promises different workers' rights here and in Barcelona: the
    # inconsistency signal (fair conditions and representation here; fair contracts and management there).
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
    # Barcelona x Zephyrine (concluded): the same data-governance principles as in Amsterdam.
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
    CommitmentSpec(
        _BCN_KERBSIDE, "Kerbside data for the superblocks programme", COMPANY, DG, Principle.TRANSPARENCY,
        "Zephyrine Mobility will publish the rules its app uses to keep scooters out of the superblocks' play streets.",
        -500, CompletionLevel.COMPLETE, completed=-520,
        evidence="Rules published in the app and on the company's website.",
    ),
    CommitmentSpec(
        _BCN_KERBSIDE, "Closing the kerbside data agreement", COMPANY, DG, Principle.UNIVERSAL_ACCESS,
        "Zephyrine Mobility will offer half-price rides in Barcelona to holders of the city's social card.",
        -300, CompletionLevel.COMPLETE, completed=-330,
        evidence="Fare table in the app; uptake reported at the closing meeting.",
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
    CommitmentSpec(
        _LDN_IMAGERY, "Results of the blurring audit", COMPANY, DG, Principle.TRANSPARENCY,
        "Meridel Maps will publish the results of a yearly audit of the blurring of faces and number plates.",
        -170, CompletionLevel.COMPLETE, completed=-185,
        evidence="First audit report published on the company's website.",
        evidence_url=f"{_EVIDENCE}/london/blurring-audit-report",
    ),
    CommitmentSpec(
        _LDN_IMAGERY, "Imagery of private streets and house fronts", COMPANY, DG, Principle.PRIVACY,
        "Meridel Maps will blur the front of any house within 30 days of a request from the people who live there.",
        -90, CompletionLevel.SUBSTANTIAL,
        updates=(
            UpdateSpec(
                "Most requests handled within 45 days; a backlog remains.", -95, completion=CompletionLevel.SUBSTANTIAL,
                new_due=20, reason="A backlog of 1,200 requests after a newspaper article about the request form.",
            ),
        ),
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
    # Hanoi x Lumivane. With Da Nang, most of Lumivane's promises are overdue, slipped or broken: the
    # commitment-record signal.
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
    CommitmentSpec(
        _HAN_CAMERAS, "Traffic-camera analytics pilot on the ring road", COMPANY, DG, Principle.OPEN_STANDARDS,
        "Lumivane Sensing will give the city the pilot's vehicle counts in an open format, free of charge.",
        -60,
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
    CommitmentSpec(
        _HAN_PLATFORM, "Hosting the city data platform", COMPANY, DG, Principle.PRIVACY,
        "Quorvex Data Systems will keep all of the city platform's data in data centres in Vietnam.",
        -300, CompletionLevel.COMPLETE, completed=-310,
        evidence="Data-centre certificates checked by the city's IT department.",
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
    CommitmentSpec(
        _DAD_LIGHTING, "Smart street-lighting sensors on the beachfront", COMPANY, DG, Principle.TRANSPARENCY,
        "Lumivane Sensing will label every lamp post with the sensors it carries and what they measure.",
        -650, CompletionLevel.COMPLETE, completed=-660,
        evidence="Labels checked by the city's IT department along the beachfront.",
    ),
    # Da Nang x Zephyrine
    CommitmentSpec(
        _DAD_RIDES, "Ride-hailing drivers' conditions and trip data", COMPANY, WR, Principle.FAIR_CONDITIONS,
        "Zephyrine Mobility will open a shaded rest area with drinking water for drivers near the airport "
        "pick-up zone.",
        10,
    ),
    # Amsterdam and Barcelona x Velquinn: the same principles in both cities.
    CommitmentSpec(
        _AMS_RENTALS, "Booked nights per listing and the 30-night cap", COMPANY, DG, Principle.TRANSPARENCY,
        "Velquinn Stays will report to the city every month the nights booked at each of its listings in Amsterdam.",
        -230, CompletionLevel.COMPLETE, completed=-240,
        evidence="Monthly reports received, checked against the tourist-tax returns.",
        evidence_url=f"{_EVIDENCE}/amsterdam/booked-nights-reports",
    ),
    CommitmentSpec(
        _AMS_RENTALS, "Protecting hosts' addresses in the shared data", COMPANY, DG, Principle.PRIVACY,
        "Velquinn Stays will share hosts' names and addresses only with the city's enforcement team, over an "
        "encrypted channel.",
        -140, CompletionLevel.COMPLETE, completed=-150,
        evidence="Data-processing agreement, annex 2.",
    ),
    CommitmentSpec(
        _AMS_RENTALS, "Residents' complaints about holiday rentals", COMPANY, DG, Principle.TRANSPARENCY,
        "Velquinn Stays will take down listings without a city registration number within five working days of a "
        "request from the city.",
        -180, CompletionLevel.SUBSTANTIAL,
        updates=(
            UpdateSpec(
                "Nine in ten listings taken down within five days; the rest took up to three weeks.", -185,
                evidence="Takedown log shared with the enforcement team.", completion=CompletionLevel.SUBSTANTIAL,
                new_due=25, reason="The company is rebuilding its takedown tool.",
            ),
        ),
    ),
    CommitmentSpec(
        _AMS_RENTALS, "Registration numbers on every listing", COMPANY, DG, Principle.OPEN_STANDARDS,
        "Velquinn Stays will deliver its monthly listing data in an open, documented format that the city may "
        "publish in aggregate.",
        -40, CompletionLevel.LIMITED,
        updates=(
            UpdateSpec(
                "A draft schema was shared; the data still arrives as spreadsheets.", -50,
                completion=CompletionLevel.LIMITED,
            ),
        ),
    ),
    CommitmentSpec(
        _BCN_FLATS, "Licence numbers for tourist flats", COMPANY, DG, Principle.TRANSPARENCY,
        "Velquinn Stays will show the tourist-flat licence number on every listing in Barcelona and remove listings "
        "without one within 48 hours of a request.",
        -400, CompletionLevel.COMPLETE, completed=-410,
        evidence="Sample of 500 listings checked by the licensing office.",
        evidence_url=f"{_EVIDENCE}/barcelona/licence-number-check",
    ),
    CommitmentSpec(
        _BCN_FLATS, "Monthly listing data for the licensing office", COMPANY, DG, Principle.OPEN_STANDARDS,
        "Velquinn Stays will send the licensing office a monthly CSV file of its listings in Barcelona, with a "
        "published schema.",
        -330, CompletionLevel.COMPLETE, completed=-350,
        evidence="Schema published on the city's open-data portal.",
    ),
    CommitmentSpec(
        _BCN_FLATS, "Monthly listing data for the licensing office", COMPANY, DG, Principle.PRIVACY,
        "Velquinn Stays will leave guests' identities out of every file it sends the city.",
        -330, CompletionLevel.COMPLETE, completed=-350,
        evidence="Files checked by the city's data-protection officer.",
    ),
    CommitmentSpec(
        _BCN_FLATS, "Signing of the tourist-flat agreement", CITY, DG, Principle.PARTICIPATION,
        "The city will discuss a yearly report on tourist flats with residents' associations before publishing it.",
        120,
    ),
    # London and Barcelona x Tallovi: the same workers' rights in both cities.
    CommitmentSpec(
        _LDN_CARE, "Pay for cancelled bookings and travel time", COMPANY, WR, Principle.FAIR_PAY,
        "Tallovi Care will pay workers in London at least one hour's pay for bookings cancelled less than a day "
        "ahead.",
        -250, CompletionLevel.COMPLETE, completed=-265,
        evidence="Pay statements of twenty workers, checked by the union.",
    ),
    CommitmentSpec(
        _LDN_CARE, "Pay for cancelled bookings and travel time", COMPANY, WR, Principle.FAIR_CONTRACTS,
        "Tallovi Care will give every worker in London a written statement of their terms: rates, cancellation pay "
        "and how deactivation works.",
        -200, CompletionLevel.COMPLETE, completed=-220,
        evidence="Template statement and a sample of signed copies.",
        evidence_url=f"{_EVIDENCE}/london/statement-of-terms",
    ),
    CommitmentSpec(
        _LDN_CARE, "Safety of workers in clients' homes", COMPANY, WR, Principle.FAIR_CONDITIONS,
        "Tallovi Care will add a panic button to the worker app and let workers refuse a client without any effect "
        "on their rating.",
        -150, CompletionLevel.SUBSTANTIAL,
        updates=(
            UpdateSpec(
                "Panic button live; refusing a client still lowers a worker's rating.", -160,
                evidence="Release notes of the worker app.", completion=CompletionLevel.SUBSTANTIAL,
            ),
        ),
    ),
    CommitmentSpec(
        _LDN_CARE, "Ratings and deactivation of workers", COMPANY, WR, Principle.FAIR_MANAGEMENT,
        "Tallovi Care will have a person review every deactivation based on ratings, with an appeal to someone not "
        "involved in the first decision.",
        -60, CompletionLevel.LIMITED,
        updates=(
            UpdateSpec(
                "Reviews started for new deactivations; no appeal route yet.", -70, completion=CompletionLevel.LIMITED,
                new_due=45, reason="The company is still hiring the review team.",
            ),
        ),
    ),
    CommitmentSpec(
        _BCN_CARE, "Domestic workers' contracts", COMPANY, WR, Principle.FAIR_CONTRACTS,
        "Tallovi Care will employ its domestic workers in Barcelona through its own agency, under the regime for "
        "household employment.",
        -160, CompletionLevel.COMPLETE, completed=-175,
        evidence="Social-security registrations checked by the labour inspectorate.",
        evidence_url=f"{_EVIDENCE}/barcelona/domestic-worker-contracts",
    ),
    CommitmentSpec(
        _BCN_CARE, "Domestic workers' contracts", COMPANY, WR, Principle.FAIR_PAY,
        "Tallovi Care will pay its workers in Barcelona at least the statutory minimum for household employment, "
        "including travel between clients on the same day.",
        -160, CompletionLevel.COMPLETE, completed=-175,
        evidence="Payslips sampled by the union.",
    ),
    CommitmentSpec(
        _BCN_CARE, "Safety and the right to refuse a client", COMPANY, WR, Principle.FAIR_CONDITIONS,
        "Tallovi Care will offer its workers in Barcelona the panic button and the right to refuse a client without "
        "penalty.",
        -120, CompletionLevel.COMPLETE, completed=-125,
        evidence="Release notes of the worker app in Catalan and Spanish.",
    ),
    CommitmentSpec(
        _BCN_CARE, "How the app offers bookings to workers", COMPANY, WR, Principle.FAIR_MANAGEMENT,
        "Tallovi Care will tell any worker who asks, in Catalan or Spanish, why they were or were not offered a "
        "booking.",
        20,
    ),
    # London and Hanoi x Brasmoor
    CommitmentSpec(
        _LDN_WIFI, "Small cells on lamp posts and bus shelters", COMPANY, DG, Principle.TRANSPARENCY,
        "Brasmoor Networks will publish a map of every small cell and Wi-Fi site in London, with the data each one "
        "collects.",
        -320, CompletionLevel.COMPLETE, completed=-330,
        evidence="Map on the company's website, checked against the city's list of sites.",
        evidence_url=f"{_EVIDENCE}/london/small-cell-map",
    ),
    CommitmentSpec(
        _LDN_WIFI, "Footfall analytics from the street Wi-Fi", COMPANY, DG, Principle.PRIVACY,
        "Brasmoor Networks will count passing phones only for users who consent on the Wi-Fi log-in page.",
        -250, CompletionLevel.COMPLETE, completed=-270,
        evidence="Test by the Urban Data Ethics Lab at ten sites.",
    ),
    CommitmentSpec(
        _LDN_WIFI, "Free Wi-Fi in libraries and housing estates", COMPANY, DG, Principle.UNIVERSAL_ACCESS,
        "Brasmoor Networks will provide free Wi-Fi without advertising at sixty libraries and housing estates "
        "within a year.",
        145, CompletionLevel.LIMITED,
        updates=(
            UpdateSpec("22 of the 60 sites are live.", -30, completion=CompletionLevel.LIMITED),
        ),
    ),
    CommitmentSpec(
        _HAN_WIFI, "Where Wi-Fi log-in data is stored", COMPANY, DG, Principle.PRIVACY,
        "Brasmoor Networks will store log-in data and connection logs of the Old Quarter Wi-Fi on servers in Vietnam.",
        -200, CompletionLevel.COMPLETE, completed=-210,
        evidence="Hosting contract with a data centre in Hanoi.",
    ),
    CommitmentSpec(
        _HAN_WIFI, "Public Wi-Fi in the Old Quarter", COMPANY, DG, Principle.UNIVERSAL_ACCESS,
        "Brasmoor Networks will keep the Old Quarter Wi-Fi free of charge for residents and visitors for at least "
        "three years.",
        750, CompletionLevel.BROKEN,
        updates=(
            UpdateSpec(
                "The company switched the free service off when it suspended the roll-out.", -145,
                completion=CompletionLevel.BROKEN,
            ),
        ),
    ),
    CommitmentSpec(
        _HAN_WIFI, "Where Wi-Fi log-in data is stored", COMPANY, DG, Principle.TRANSPARENCY,
        "Brasmoor Networks will state on the Wi-Fi log-in page how long connection logs are kept.",
        -180,
    ),
    # Hanoi and Da Nang x Kivaro
    CommitmentSpec(
        _HAN_CHARGING, "Charging data for the transport department", COMPANY, DG, Principle.PRIVACY,
        "Kivaro Charging will remove drivers' identities from charging-session data before sharing it with the "
        "transport department.",
        -150, CompletionLevel.COMPLETE, completed=-160,
        evidence="Sample of the shared data checked by the transport department.",
    ),
    CommitmentSpec(
        _HAN_CHARGING, "Charging hubs on city-owned car parks", COMPANY, DG, Principle.OPEN_STANDARDS,
        "Kivaro Charging will let every taxi company's vehicles charge at its hubs on city land, paying by any bank "
        "card.",
        -90, CompletionLevel.SUBSTANTIAL,
        updates=(
            UpdateSpec(
                "Open to every taxi company; card readers installed at two hubs of four.", -100,
                completion=CompletionLevel.SUBSTANTIAL,
                new_due=60, reason="The supplier of the card readers is late.",
            ),
        ),
    ),
    CommitmentSpec(
        _DAD_SWAP, "Kiosk data for the city's mobility dashboard", COMPANY, DG, Principle.PRIVACY,
        "Kivaro Charging will share swap counts per kiosk without any rider's identity.",
        -170, CompletionLevel.COMPLETE, completed=-175,
        evidence="API responses checked by the city's IT department.",
    ),
    CommitmentSpec(
        _DAD_SWAP, "Kiosk data for the city's mobility dashboard", COMPANY, DG, Principle.OPEN_STANDARDS,
        "Kivaro Charging will publish daily swap counts per kiosk through an open API that the city may republish.",
        -100, CompletionLevel.LIMITED,
        updates=(
            UpdateSpec("Counts sent by e-mail every week; no API yet.", -110, completion=CompletionLevel.LIMITED),
        ),
    ),
    CommitmentSpec(
        _DAD_SWAP, "Swap fees for delivery riders and taxi drivers", COMPANY, WR, Principle.FAIR_PAY,
        "Kivaro Charging will sell drivers a monthly swap pass costing no more than 30 single swaps.",
        -250, CompletionLevel.COMPLETE, completed=-260,
        evidence="Price list at the kiosks; checked by the drivers' association.",
    ),
    CommitmentSpec(
        _DAD_SWAP, "Swap fees for delivery riders and taxi drivers", COMPANY, WR, Principle.FAIR_CONDITIONS,
        "Kivaro Charging will keep every kiosk open day and night, lit and shaded.",
        -200, CompletionLevel.COMPLETE, completed=-230,
        evidence="Night visit to ten kiosks by the city and the drivers' association.",
        evidence_url=f"{_EVIDENCE}/da-nang/kiosk-visit",
    ),
    # Da Nang x Nivalto
    CommitmentSpec(
        _DAD_ASSISTANT, "Training data from past applications", COMPANY, DG, Principle.PRIVACY,
        "Nivalto Civic AI will train its model only on the city's servers, on applications with names and ID "
        "numbers removed.",
        -70, CompletionLevel.COMPLETE, completed=-75,
        evidence="Training set and server logs checked by the city's IT department.",
    ),
    CommitmentSpec(
        _DAD_ASSISTANT, "Answers in Vietnamese and English", COMPANY, DG, Principle.OPEN_STANDARDS,
        "Nivalto Civic AI will make the assistant say when it is not sure of an answer and hand the question to a "
        "civil servant.",
        -50, CompletionLevel.COMPLETE, completed=-55,
        evidence="Test with 200 questions, repeated by the city.",
    ),
    CommitmentSpec(
        _DAD_ASSISTANT, "Who checks the assistant's answers", COMPANY, DG, Principle.TRANSPARENCY,
        "Nivalto Civic AI will publish every month the results of the civil servants' check of 100 answers.",
        -8,
    ),
    CommitmentSpec(
        _DAD_ASSISTANT, "Demonstration for the People's Committee", COMPANY, DG, Principle.UNIVERSAL_ACCESS,
        "Nivalto Civic AI will make the assistant usable by voice, in Vietnamese, for residents who find reading "
        "hard.",
        40,
    ),
    CommitmentSpec(
        _DAD_ASSISTANT, "Demonstration for the People's Committee", CITY, DG, Principle.TRANSPARENCY,
        "The city will state on every page where the assistant appears that it decides no application.",
        10,
    ),
)
