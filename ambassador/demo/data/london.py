"""London in the demo: its negotiations with companies, their meetings and the commitments made in them.

Fictional, like all the demo data: see ``ambassador.demo.data``.
"""

from ambassador.commitments.choices import CompletionLevel, Principle
from ambassador.negotiations.choices import MeetingFormat, NegotiationStage
from ambassador.negotiations.choices import WithholdingGround as Ground

from .specs import (
    CITY,
    COMPANY,
    CONFIDENTIAL,
    DG,
    DRAFT,
    EVIDENCE_SITE,
    RESTRICTED,
    SUBMITTED,
    WR,
    CommitmentSpec,
    MeetingSpec,
    NegotiationSpec,
    UpdateSpec,
)

LDN_IMAGERY = "london-meridel-street-imagery"
LDN_PAY = "london-pedalpost-courier-pay"
LDN_CARE = "london-tallovi-care-workers"
LDN_WIFI = "london-brasmoor-street-wifi"

NEGOTIATIONS = (
    NegotiationSpec(
        LDN_IMAGERY, "london", "meridel-maps",
        "Street-level imagery and open road-network data", NegotiationStage.ACTIVE, -250,
        ("data-sharing", "privacy-and-security", "algorithms-and-ai"),
        "How Meridel Maps captures and publishes street-level imagery of London, and whether the city "
        "may reuse its road-network data.",
    ),
    NegotiationSpec(
        LDN_PAY, "london", "pedalpost-delivery",
        "Courier pay transparency", NegotiationStage.ABANDONED, -520,
        ("platform-work", "workers-rights"),
        "Publication of couriers' earnings in London. Pedalpost Delivery left the talks.",
        closed=-180,
    ),
    NegotiationSpec(
        LDN_CARE, "london", "tallovi-care",
        "Pay and safety of cleaners and carers booked through an app", NegotiationStage.ACTIVE, -380,
        ("platform-work", "workers-rights"),
        "Pay for cancelled bookings and travel time, safety in clients' homes, and how Tallovi Care rates and "
        "deactivates the cleaners and carers who work through its app in London.",
    ),
    NegotiationSpec(
        LDN_WIFI, "london", "brasmoor-networks",
        "Free street Wi-Fi and 5G small cells on street furniture", NegotiationStage.ACTIVE, -420,
        ("digital-infrastructure", "privacy-and-security", "digital-inclusion"),
        "Rent-free sites on lamp posts and bus shelters for Brasmoor Networks' small cells, in exchange for free "
        "Wi-Fi; what the Wi-Fi may record about passers-by.",
    ),
)

MEETINGS = (
    MeetingSpec(
        LDN_IMAGERY, "Street-level imagery and face blurring", -240, "privacy-and-security",
        ("Priya Raman", "Grace Liu", "Ruth Adeyemi"),
        ("meridel-maps", "urban-data-ethics-lab", "civic-algorithms-watch"),
        main_points="Blurring of faces and number plates; the accuracy of the blurring model.",
        positions="Researchers asked for an accuracy audit; the company agreed to blur before publication.",
        conclusions="Faces and number plates will be blurred before any image is published.",
        format=MeetingFormat.VIDEO, published_after=10,
    ),
    MeetingSpec(
        LDN_IMAGERY, "Results of the blurring audit", -200, "privacy-and-security",
        ("Priya Raman", "Grace Liu", "Ruth Adeyemi"), ("meridel-maps", "urban-data-ethics-lab"),
        main_points="The Urban Data Ethics Lab's audit of faces and number plates in a sample of 10,000 images.",
        positions="The researchers asked for the audit to be repeated every year; the company agreed.",
        conclusions="A yearly audit, whose results the company publishes.",
        format=MeetingFormat.VIDEO, published_after=10,
    ),
    MeetingSpec(
        LDN_IMAGERY, "Imagery of private streets and house fronts", -150, "privacy-and-security",
        ("Daniel Okafor", "Grace Liu"), ("meridel-maps",),
        main_points="Residents' requests to blur the front of their houses and to leave private streets out of the "
        "imagery.",
        positions="The city asked for a simple request form; the company wanted requests to go through its app.",
        conclusions="A request form on the company's website; house fronts blurred within 30 days of a request.",
        location="City Hall, Kamal Chunchie Way", published_after=12,
    ),
    MeetingSpec(
        LDN_IMAGERY, "Access to road-network data for the city", -100, "data-sharing",
        ("Priya Raman", "Daniel Okafor", "Grace Liu"), ("meridel-maps",),
        main_points="Licensing of road-network data for the city's own services.",
        positions="The city asked for an open licence; the company offered a free but closed licence.",
        conclusions="The company will consider an open licence for the city's area.",
        location="City Hall, Kamal Chunchie Way", review=SUBMITTED, submitted_after=3,
    ),
    MeetingSpec(
        LDN_IMAGERY, "Security review of imagery of critical sites", -60, "privacy-and-security",
        ("Priya Raman", "Grace Liu"), ("meridel-maps",),
        main_points="Which sites are excluded from imagery and how exclusions are maintained.",
        conclusions="The city will publish the exclusion criteria once the review is complete.",
        confidentiality=CONFIDENTIAL, ground=Ground.SECURITY, release=365, published_after=10,
    ),
    MeetingSpec(
        LDN_PAY, "Courier pay transparency", -500, "platform-work",
        ("Priya Raman", "Daniel Okafor", "Marc Dubois", "Aisha Khan"),
        ("pedalpost-delivery", "united-couriers-union"),
        main_points="Publishing couriers' earnings per hour worked, including waiting time.",
        positions="The union asked for earnings per hour logged in; the company offered per hour on delivery.",
        conclusions="Pedalpost will publish median hourly earnings each quarter; the city will convene a forum.",
        location="City Hall, Kamal Chunchie Way", published_after=21,
    ),
    MeetingSpec(
        LDN_PAY, "Pedalpost Delivery leaves the talks", -250, "workers-rights",
        ("Priya Raman", "Marc Dubois"), ("pedalpost-delivery",),
        main_points="Pedalpost explained why it would not publish earnings for London alone.",
        positions="The company will only publish earnings under a national framework.",
        conclusions="Talks ended.",
        format=MeetingFormat.VIDEO, published_after=60,
    ),
    # London and Barcelona x Tallovi: the unions of cleaners and carers at the table.
    MeetingSpec(
        LDN_CARE, "Pay for cancelled bookings and travel time", -360, "platform-work",
        ("Priya Raman", "Daniel Okafor", "Hannah Brightwell", "Siobhan Farrell"),
        ("tallovi-care", "homecare-workers-union"),
        main_points="Whether workers are paid for travel between bookings and for bookings cancelled at short notice.",
        positions="The union asked for pay for travel time; the company offered a cancellation fee.",
        conclusions="Tallovi will pay a cancellation fee and give every worker a written statement of terms.",
        location="City Hall, Kamal Chunchie Way", published_after=14,
    ),
    MeetingSpec(
        LDN_CARE, "Safety of workers in clients' homes", -270, "workers-rights",
        ("Daniel Okafor", "Hannah Brightwell"), ("tallovi-care",),
        main_points="A panic button in the worker app, and what happens when a worker reports abuse.",
        positions="The city asked that a worker may refuse a client without losing rating points.",
        conclusions="A panic button and a refusal without penalty will be added to the app.",
        published_after=10,
    ),
    MeetingSpec(
        LDN_CARE, "Ratings and deactivation of workers", -190, "platform-work",
        ("Priya Raman", "Hannah Brightwell", "Callum Reid", "Siobhan Farrell"),
        ("tallovi-care", "homecare-workers-union"),
        main_points="How client ratings lead to deactivation, and how a worker may appeal.",
        positions="The union asked for a person to review every deactivation; the company agreed for deactivations "
        "based on ratings.",
        conclusions="Deactivations based on ratings get a human review and an appeal.",
        format=MeetingFormat.VIDEO, published_after=12,
    ),
    MeetingSpec(
        LDN_CARE, "Hourly rates and client prices", -100, "platform-work",
        ("Priya Raman", "Hannah Brightwell"), ("tallovi-care",),
        main_points="Workers' hourly rates compared with the prices clients pay.",
        positions="The company shared its price structure on condition that it stays confidential.",
        conclusions="The city will propose a minimum share of the price for workers.",
        confidentiality=RESTRICTED, ground=Ground.COMMERCIAL, published_after=16,
    ),
    MeetingSpec(
        LDN_CARE, "Travel-time pay pilot", -20, "platform-work",
        ("Priya Raman", "Hannah Brightwell"), ("tallovi-care",),
        main_points="First figures from paying travel time in two boroughs.",
        review=DRAFT,
    ),
    # London and Hanoi x Brasmoor: meetings published months late, at the company's request: the
    # late-disclosure signal.
    MeetingSpec(
        LDN_WIFI, "Small cells on lamp posts and bus shelters", -400, "digital-infrastructure",
        ("Priya Raman", "Daniel Okafor", "Owen Pritchard"), ("brasmoor-networks", "civic-algorithms-watch"),
        main_points="Which lamp posts and bus shelters may carry small cells, and the rent the city charges.",
        positions="The company asked for rent-free sites in exchange for free Wi-Fi; the watchdog asked what the "
        "Wi-Fi would record.",
        conclusions="Sites are rent-free for five years; every site offers free Wi-Fi and is on a public map.",
        location="City Hall, Kamal Chunchie Way", published_after=95,
    ),
    MeetingSpec(
        LDN_WIFI, "Footfall analytics from the street Wi-Fi", -310, "privacy-and-security",
        ("Priya Raman", "Owen Pritchard", "Ruth Adeyemi"),
        ("brasmoor-networks", "civic-algorithms-watch", "urban-data-ethics-lab"),
        main_points="Whether the Wi-Fi counts passing phones, and how the counts are anonymised.",
        positions="The watchdog asked for phone counting to be off by default; the company said counting pays "
        "for the Wi-Fi.",
        conclusions="Phones are counted only with consent given on the log-in page.",
        format=MeetingFormat.VIDEO, published_after=80,
    ),
    MeetingSpec(
        LDN_WIFI, "Free Wi-Fi in libraries and housing estates", -220, "digital-inclusion",
        ("Daniel Okafor", "Owen Pritchard"), ("brasmoor-networks",),
        main_points="Free Wi-Fi without advertising in libraries and council housing estates.",
        positions="The company offered 40 sites; the city asked for 100.",
        conclusions="Sixty sites in the first year.",
        published_after=70,
    ),
    MeetingSpec(
        LDN_WIFI, "Roll-out schedule in the outer boroughs", -130, "digital-infrastructure",
        ("Priya Raman", "Owen Pritchard"), ("brasmoor-networks",),
        main_points="The roll-out schedule and an extension of the rent-free period.",
        positions="The company asked for ten rent-free years in the outer boroughs.",
        conclusions="The city will answer after valuing the sites.",
        confidentiality=RESTRICTED, ground=Ground.COMMERCIAL, published_after=90,
    ),
    MeetingSpec(
        LDN_WIFI, "Small cells near government buildings", -50, "privacy-and-security",
        ("Priya Raman", "Owen Pritchard"), ("brasmoor-networks",),
        main_points="Security review of small cells within sight of government buildings.",
        conclusions="Three sites moved; the others reviewed by the security services.",
        confidentiality=CONFIDENTIAL, ground=Ground.SECURITY, release=300, published_after=20,
    ),
)

COMMITMENTS = (
    # London x Meridel Maps
    CommitmentSpec(
        LDN_IMAGERY, "Street-level imagery and face blurring", COMPANY, DG, Principle.PRIVACY,
        "Meridel Maps will blur faces and number plates in all street-level imagery of London before publication.",
        -150, CompletionLevel.COMPLETE, completed=-160,
        evidence="Accuracy audit by the Urban Data Ethics Lab.", evidence_url=f"{EVIDENCE_SITE}/london/blurring-audit",
        updates=(
            UpdateSpec(
                "Audit found 99.2% of faces and 98.7% of plates blurred; re-processing of the rest done.", -160,
                evidence="Audit report.", evidence_url=f"{EVIDENCE_SITE}/london/blurring-audit",
                completion=CompletionLevel.COMPLETE,
            ),
        ),
    ),
    CommitmentSpec(
        LDN_IMAGERY, "Access to road-network data for the city", COMPANY, DG, Principle.OPEN_STANDARDS,
        "Meridel Maps will license its road-network data for London to the city under an open licence.",
        12, CompletionLevel.LIMITED,
    ),
    CommitmentSpec(
        LDN_IMAGERY, "Security review of imagery of critical sites", CITY, DG, Principle.TRANSPARENCY,
        "The city will publish the criteria for excluding sites from street-level imagery.",
        90,
    ),
    CommitmentSpec(
        LDN_IMAGERY, "Results of the blurring audit", COMPANY, DG, Principle.TRANSPARENCY,
        "Meridel Maps will publish the results of a yearly audit of the blurring of faces and number plates.",
        -170, CompletionLevel.COMPLETE, completed=-185,
        evidence="First audit report published on the company's website.",
        evidence_url=f"{EVIDENCE_SITE}/london/blurring-audit-report",
    ),
    CommitmentSpec(
        LDN_IMAGERY, "Imagery of private streets and house fronts", COMPANY, DG, Principle.PRIVACY,
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
        LDN_PAY, "Courier pay transparency", COMPANY, WR, Principle.FAIR_PAY,
        "Pedalpost Delivery will publish couriers' median hourly earnings in London every quarter.",
        -300, CompletionLevel.WITHDRAWN,
        updates=(
            UpdateSpec(
                "Withdrawn when Pedalpost Delivery left the talks.", -250, completion=CompletionLevel.WITHDRAWN,
            ),
        ),
    ),
    CommitmentSpec(
        LDN_PAY, "Courier pay transparency", CITY, WR, Principle.FAIR_REPRESENTATION,
        "The city will convene a couriers' forum with the unions twice a year.",
        -200, CompletionLevel.LIMITED,
        updates=(
            UpdateSpec(
                "First forum postponed.", -210, completion=CompletionLevel.LIMITED,
                new_due=30, reason="The talks ended; the city will convene the forum without the company.",
            ),
        ),
    ),
    # London and Barcelona x Tallovi: the same workers' rights in both cities.
    CommitmentSpec(
        LDN_CARE, "Pay for cancelled bookings and travel time", COMPANY, WR, Principle.FAIR_PAY,
        "Tallovi Care will pay workers in London at least one hour's pay for bookings cancelled less than a day "
        "ahead.",
        -250, CompletionLevel.COMPLETE, completed=-265,
        evidence="Pay statements of twenty workers, checked by the union.",
    ),
    CommitmentSpec(
        LDN_CARE, "Pay for cancelled bookings and travel time", COMPANY, WR, Principle.FAIR_CONTRACTS,
        "Tallovi Care will give every worker in London a written statement of their terms: rates, cancellation pay "
        "and how deactivation works.",
        -200, CompletionLevel.COMPLETE, completed=-220,
        evidence="Template statement and a sample of signed copies.",
        evidence_url=f"{EVIDENCE_SITE}/london/statement-of-terms",
    ),
    CommitmentSpec(
        LDN_CARE, "Safety of workers in clients' homes", COMPANY, WR, Principle.FAIR_CONDITIONS,
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
        LDN_CARE, "Ratings and deactivation of workers", COMPANY, WR, Principle.FAIR_MANAGEMENT,
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
    # London and Hanoi x Brasmoor
    CommitmentSpec(
        LDN_WIFI, "Small cells on lamp posts and bus shelters", COMPANY, DG, Principle.TRANSPARENCY,
        "Brasmoor Networks will publish a map of every small cell and Wi-Fi site in London, with the data each one "
        "collects.",
        -320, CompletionLevel.COMPLETE, completed=-330,
        evidence="Map on the company's website, checked against the city's list of sites.",
        evidence_url=f"{EVIDENCE_SITE}/london/small-cell-map",
    ),
    CommitmentSpec(
        LDN_WIFI, "Footfall analytics from the street Wi-Fi", COMPANY, DG, Principle.PRIVACY,
        "Brasmoor Networks will count passing phones only for users who consent on the Wi-Fi log-in page.",
        -250, CompletionLevel.COMPLETE, completed=-270,
        evidence="Test by the Urban Data Ethics Lab at ten sites.",
    ),
    CommitmentSpec(
        LDN_WIFI, "Free Wi-Fi in libraries and housing estates", COMPANY, DG, Principle.UNIVERSAL_ACCESS,
        "Brasmoor Networks will provide free Wi-Fi without advertising at sixty libraries and housing estates "
        "within a year.",
        145, CompletionLevel.LIMITED,
        updates=(
            UpdateSpec("22 of the 60 sites are live.", -30, completion=CompletionLevel.LIMITED),
        ),
    ),
)
