"""Barcelona in the demo: its negotiations with companies, their meetings and the commitments made in them.

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
    EVIDENCE_SITE,
    WR,
    CommitmentSpec,
    MeetingSpec,
    NegotiationSpec,
    StandaloneMeetingSpec,
    UpdateSpec,
)

BCN_RIDERS = "barcelona-pedalpost-rider-status"
BCN_KERBSIDE = "barcelona-zephyrine-superblock-kerbside"
BCN_FLATS = "barcelona-velquinn-tourist-flat-licences"
BCN_CARE = "barcelona-tallovi-domestic-workers"

NEGOTIATIONS = (
    NegotiationSpec(
        BCN_RIDERS, "barcelona", "pedalpost-delivery",
        "Riders' employment and algorithmic management", NegotiationStage.AGREEMENT_REACHED, -600,
        ("platform-work", "workers-rights", "algorithms-and-ai"),
        "Employment status of Pedalpost Delivery's riders in Barcelona and their right to an explanation "
        "of how the app assigns and rates their work.",
    ),
    NegotiationSpec(
        BCN_KERBSIDE, "barcelona", "zephyrine-mobility",
        "Kerbside data for the superblocks", NegotiationStage.CONCLUDED, -700,
        ("mobility-data", "data-sharing"),
        "Real-time scooter availability and parking data for the city's superblocks programme.",
        closed=-250,
    ),
    NegotiationSpec(
        BCN_FLATS, "barcelona", "velquinn-stays",
        "Licence numbers and listing data for tourist flats", NegotiationStage.AGREEMENT_REACHED, -560,
        ("data-sharing", "data-governance"),
        "Removal of tourist-flat listings without a licence number, and the listing data the city's licensing "
        "office receives.",
    ),
    NegotiationSpec(
        BCN_CARE, "barcelona", "tallovi-care",
        "Contracts and safety of domestic workers on the Tallovi app", NegotiationStage.ACTIVE, -300,
        ("platform-work", "workers-rights", "algorithms-and-ai"),
        "Employment contracts for the domestic workers Tallovi Care places in Barcelona, their safety, and how "
        "the app offers them bookings.",
    ),
)

MEETINGS = (
    MeetingSpec(
        BCN_RIDERS, "Riders' employment status", -580, "platform-work",
        ("Laia Puig i Serra", "Jordi Ferrer Casals", "Marc Dubois", "Núria Vidal"),
        ("pedalpost-delivery", "catalan-platform-workers-union"),
        main_points="How Pedalpost will apply Spanish law presuming that riders are employees.",
        positions="The union asked for employment contracts for every rider; the company proposed a subcontractor.",
        conclusions="Pedalpost will hire riders directly as employees.",
        location="Ajuntament de Barcelona, Plaça de Sant Jaume", published_after=10,
    ),
    MeetingSpec(
        BCN_RIDERS, "Algorithmic management and the right to an explanation", -450, "algorithms-and-ai",
        ("Laia Puig i Serra", "Marc Dubois", "Núria Vidal"),
        ("pedalpost-delivery", "catalan-platform-workers-union", "civic-algorithms-watch"),
        main_points="How the app assigns orders and rates riders; sharing of riders' locations with advertisers.",
        positions="Riders asked for explanations in their own language; the company offered a help page.",
        conclusions="Riders may ask why an order was assigned or a rating given, in Catalan or Spanish.",
        format=MeetingFormat.VIDEO, published_after=12,
    ),
    MeetingSpec(
        BCN_RIDERS, "Legal advice on the draft agreement", -300, "workers-rights",
        ("Laia Puig i Serra", "Jordi Ferrer Casals"), ("pedalpost-delivery",),
        main_points="The city's lawyers on the enforceability of the pay clauses.",
        conclusions="The pay clause refers to the sector collective agreement.",
        confidentiality=CONFIDENTIAL, ground=Ground.LEGAL_ADVICE, release=-30,  # embargo over: now public
        published_after=5,
    ),
    MeetingSpec(
        BCN_RIDERS, "Signing of the riders' agreement", -150, "workers-rights",
        ("Laia Puig i Serra", "Jordi Ferrer Casals", "Marc Dubois", "Núria Vidal"),
        ("pedalpost-delivery", "catalan-platform-workers-union"),
        main_points="Signature of the agreement on employment, pay and algorithmic management.",
        positions="The union welcomed the pay guarantee and criticised the slow roll-out of explanations.",
        conclusions="Agreement signed; the city will report yearly on platform work.",
        format=MeetingFormat.EVENT, published_after=2,
    ),
    MeetingSpec(
        BCN_KERBSIDE, "Kerbside data for the superblocks programme", -680, "mobility-data",
        ("Laia Puig i Serra", "Elena Castellví"), ("zephyrine-mobility", "open-kerb-data-collective"),
        main_points="Which kerbside and availability data the superblocks team needs.",
        positions="The company offered an open API; residents asked for raw traces to be deleted quickly.",
        conclusions="Real-time availability through an open API; raw traces deleted after 30 days.",
        published_after=8,
    ),
    MeetingSpec(
        BCN_KERBSIDE, "Closing the kerbside data agreement", -400, "data-sharing",
        ("Laia Puig i Serra", "Elena Castellví"), ("zephyrine-mobility",),
        main_points="Review of the delivered API and the deletion logs.",
        conclusions="Every commitment met; the negotiation is concluded.",
        format=MeetingFormat.VIDEO, published_after=6,
    ),
    # Amsterdam and Barcelona x Velquinn: residents at the table on listing data.
    MeetingSpec(
        BCN_FLATS, "Licence numbers for tourist flats", -540, "data-sharing",
        ("Laia Puig i Serra", "Jordi Ferrer Casals", "Rafael Montoya Gil"),
        ("velquinn-stays", "residents-for-liveable-neighbourhoods"),
        main_points="Listings without a tourist-flat licence number, and how fast they are taken down.",
        positions="Residents asked for every unlicensed listing to go; the company wanted the city to notify each "
        "one.",
        conclusions="Velquinn will show the licence number on every listing and share listing data monthly.",
        location="Ajuntament de Barcelona, Plaça de Sant Jaume", published_after=9,
    ),
    MeetingSpec(
        BCN_FLATS, "Monthly listing data for the licensing office", -420, "data-sharing",
        ("Laia Puig i Serra", "Rafael Montoya Gil"), ("velquinn-stays",),
        main_points="Format and fields of the monthly listing file.",
        positions="The licensing office wanted an open format; the company proposed its partner portal.",
        conclusions="A CSV file with a published schema, without any guest's identity.",
        format=MeetingFormat.VIDEO, published_after=10,
    ),
    MeetingSpec(
        BCN_FLATS, "Signing of the tourist-flat agreement", -260, "data-governance",
        ("Laia Puig i Serra", "Jordi Ferrer Casals", "Rafael Montoya Gil"), ("velquinn-stays",),
        main_points="Signature of the agreement on licence numbers and listing data.",
        positions="The company accepted that listings without a licence number are removed within 48 hours.",
        conclusions="Agreement signed.",
        format=MeetingFormat.EVENT, published_after=6,
    ),
    # London and Barcelona x Tallovi: the unions of cleaners and carers at the table.
    MeetingSpec(
        BCN_CARE, "Domestic workers' contracts", -280, "workers-rights",
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
        BCN_CARE, "Safety and the right to refuse a client", -200, "workers-rights",
        ("Laia Puig i Serra", "Marta Soler Prats"), ("tallovi-care",),
        main_points="The panic button and refusing unsafe bookings.",
        conclusions="The panic button from London will be offered in Barcelona, with the same refusal rule.",
        published_after=9,
    ),
    MeetingSpec(
        BCN_CARE, "How the app offers bookings to workers", -110, "algorithms-and-ai",
        ("Laia Puig i Serra", "Marta Soler Prats", "Núria Vidal"),
        ("tallovi-care", "catalan-platform-workers-union", "civic-algorithms-watch"),
        main_points="The criteria the app uses to offer a booking to one worker rather than another.",
        positions="The watchdog asked for the criteria to be published; the company agreed to explain them to "
        "workers.",
        conclusions="Workers may ask why they were or were not offered a booking, and a person reviews ratings "
        "before any deactivation.",
        format=MeetingFormat.VIDEO, published_after=13,
    ),
)

COMMITMENTS = (
    # Barcelona x Pedalpost
    CommitmentSpec(
        BCN_RIDERS, "Riders' employment status", COMPANY, WR, Principle.FAIR_CONTRACTS,
        "Pedalpost Delivery will hire its riders in Barcelona as employees, not as self-employed contractors.",
        -200, CompletionLevel.COMPLETE, completed=-210,
        evidence="Social-security registrations checked by the labour inspectorate.",
        evidence_url=f"{EVIDENCE_SITE}/barcelona/rider-contracts",
    ),
    CommitmentSpec(
        BCN_RIDERS, "Algorithmic management and the right to an explanation", COMPANY, WR, Principle.FAIR_MANAGEMENT,
        "Pedalpost Delivery will explain to any rider who asks, in Catalan or Spanish, why an order was assigned "
        "or a rating given.",
        -60, CompletionLevel.SUBSTANTIAL,
        updates=(
            UpdateSpec(
                "Explanation screen live in the rider app in Spanish; the Catalan version is missing.", -90,
                evidence="Screenshots from the rider app.",
                evidence_url=f"{EVIDENCE_SITE}/barcelona/explanation-screen",
                completion=CompletionLevel.SUBSTANTIAL,
            ),
        ),
    ),
    CommitmentSpec(
        BCN_RIDERS, "Signing of the riders' agreement", COMPANY, WR, Principle.FAIR_PAY,
        "Pedalpost Delivery will pay riders at least the hourly wage of the sector collective agreement, "
        "including waiting time.",
        -100, CompletionLevel.COMPLETE, completed=-120,
        evidence="Payslips sampled by the union and the city.", evidence_url=f"{EVIDENCE_SITE}/barcelona/pay-audit",
    ),
    CommitmentSpec(
        BCN_RIDERS, "Signing of the riders' agreement", CITY, DG, Principle.TRANSPARENCY,
        "The city will publish a yearly report on platform work in Barcelona using the data Pedalpost shares.",
        200,
    ),
    CommitmentSpec(
        BCN_RIDERS, "Algorithmic management and the right to an explanation", COMPANY, DG, Principle.PRIVACY,
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
        BCN_KERBSIDE, "Kerbside data for the superblocks programme", COMPANY, DG, Principle.OPEN_STANDARDS,
        "Zephyrine Mobility will give the city real-time scooter availability in each superblock through an open API.",
        -420, CompletionLevel.COMPLETE, completed=-430,
        evidence="API in production since the pilot.", evidence_url=f"{EVIDENCE_SITE}/barcelona/kerbside-api",
    ),
    CommitmentSpec(
        BCN_KERBSIDE, "Kerbside data for the superblocks programme", COMPANY, DG, Principle.PRIVACY,
        "Zephyrine Mobility will delete raw trip traces collected in Barcelona after 30 days.",
        -380, CompletionLevel.COMPLETE, completed=-390,
        evidence="Deletion logs reviewed at the closing meeting.",
    ),
    CommitmentSpec(
        BCN_KERBSIDE, "Kerbside data for the superblocks programme", COMPANY, DG, Principle.TRANSPARENCY,
        "Zephyrine Mobility will publish the rules its app uses to keep scooters out of the superblocks' play streets.",
        -500, CompletionLevel.COMPLETE, completed=-520,
        evidence="Rules published in the app and on the company's website.",
    ),
    CommitmentSpec(
        BCN_KERBSIDE, "Closing the kerbside data agreement", COMPANY, DG, Principle.UNIVERSAL_ACCESS,
        "Zephyrine Mobility will offer half-price rides in Barcelona to holders of the city's social card.",
        -300, CompletionLevel.COMPLETE, completed=-330,
        evidence="Fare table in the app; uptake reported at the closing meeting.",
    ),
    # Amsterdam and Barcelona x Velquinn: the same principles in both cities.
    CommitmentSpec(
        BCN_FLATS, "Licence numbers for tourist flats", COMPANY, DG, Principle.TRANSPARENCY,
        "Velquinn Stays will show the tourist-flat licence number on every listing in Barcelona and remove listings "
        "without one within 48 hours of a request.",
        -400, CompletionLevel.COMPLETE, completed=-410,
        evidence="Sample of 500 listings checked by the licensing office.",
        evidence_url=f"{EVIDENCE_SITE}/barcelona/licence-number-check",
    ),
    CommitmentSpec(
        BCN_FLATS, "Monthly listing data for the licensing office", COMPANY, DG, Principle.OPEN_STANDARDS,
        "Velquinn Stays will send the licensing office a monthly CSV file of its listings in Barcelona, with a "
        "published schema.",
        -330, CompletionLevel.COMPLETE, completed=-350,
        evidence="Schema published on the city's open-data portal.",
    ),
    CommitmentSpec(
        BCN_FLATS, "Monthly listing data for the licensing office", COMPANY, DG, Principle.PRIVACY,
        "Velquinn Stays will leave guests' identities out of every file it sends the city.",
        -330, CompletionLevel.COMPLETE, completed=-350,
        evidence="Files checked by the city's data-protection officer.",
    ),
    CommitmentSpec(
        BCN_FLATS, "Signing of the tourist-flat agreement", CITY, DG, Principle.PARTICIPATION,
        "The city will discuss a yearly report on tourist flats with residents' associations before publishing it.",
        120,
    ),
    # London and Barcelona x Tallovi: the same workers' rights in both cities.
    CommitmentSpec(
        BCN_CARE, "Domestic workers' contracts", COMPANY, WR, Principle.FAIR_CONTRACTS,
        "Tallovi Care will employ its domestic workers in Barcelona through its own agency, under the regime for "
        "household employment.",
        -160, CompletionLevel.COMPLETE, completed=-175,
        evidence="Social-security registrations checked by the labour inspectorate.",
        evidence_url=f"{EVIDENCE_SITE}/barcelona/domestic-worker-contracts",
    ),
    CommitmentSpec(
        BCN_CARE, "Domestic workers' contracts", COMPANY, WR, Principle.FAIR_PAY,
        "Tallovi Care will pay its workers in Barcelona at least the statutory minimum for household employment, "
        "including travel between clients on the same day.",
        -160, CompletionLevel.COMPLETE, completed=-175,
        evidence="Payslips sampled by the union.",
    ),
    CommitmentSpec(
        BCN_CARE, "Safety and the right to refuse a client", COMPANY, WR, Principle.FAIR_CONDITIONS,
        "Tallovi Care will offer its workers in Barcelona the panic button and the right to refuse a client without "
        "penalty.",
        -120, CompletionLevel.COMPLETE, completed=-125,
        evidence="Release notes of the worker app in Catalan and Spanish.",
    ),
    CommitmentSpec(
        BCN_CARE, "How the app offers bookings to workers", COMPANY, WR, Principle.FAIR_MANAGEMENT,
        "Tallovi Care will tell any worker who asks, in Catalan or Spanish, why they were or were not offered a "
        "booking.",
        20,
    ),
)

# Meetings outside any company negotiation: the city hears the riders' union on platform work.
STANDALONE_MEETINGS = (
    StandaloneMeetingSpec(
        "barcelona", "Riders' access to the data platforms hold about them", -120, "platform-work",
        ("Laia Puig i Serra", "Núria Vidal"), ("catalan-platform-workers-union",),
        main_points="Riders cannot see the location and rating data the apps keep about them, nor take it with "
        "them when they change platform.",
        positions="The union asked the city to make data access for riders' representatives a condition in every "
        "platform agreement.",
        conclusions="The city will put riders' data access on the agenda of its talks with delivery platforms.",
        location="Ajuntament de Barcelona, Plaça de Sant Jaume",
    ),
    StandaloneMeetingSpec(
        "barcelona", "Research on algorithmic management in delivery work", -60, "platform-work",
        ("Laia Puig i Serra", "Núria Vidal"), ("catalan-platform-workers-union", "urban-data-ethics-lab"),
        main_points="The lab presented interviews with riders on how automated ratings decide their shifts.",
        positions="The union wants ratings that riders can contest; the lab recommends publishing the rating rules.",
        conclusions="The city will publish the findings with its yearly report on platform work.",
        format=MeetingFormat.VIDEO,
    ),
)
