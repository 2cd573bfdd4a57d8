"""Amsterdam in the demo: its negotiations with companies, their meetings and the commitments made in them.

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
    StandaloneMeetingSpec,
    UpdateSpec,
)

AMS_SCOOTERS = "amsterdam-zephyrine-scooter-data"
AMS_HUBS = "amsterdam-pedalpost-courier-hubs"
AMS_CLOUD = "amsterdam-quorvex-municipal-cloud"
AMS_RENTALS = "amsterdam-velquinn-holiday-rentals"

NEGOTIATIONS = (
    NegotiationSpec(
        AMS_SCOOTERS, "amsterdam", "zephyrine-mobility",
        "Trip and parking data from shared e-scooters", NegotiationStage.ACTIVE, -420,
        ("mobility-data", "data-sharing", "privacy-and-security"),
        "On what terms Zephyrine Mobility shares trip and parking data from its e-scooters with the city, "
        "and how riders' location data is protected.",
    ),
    NegotiationSpec(
        AMS_HUBS, "amsterdam", "pedalpost-delivery",
        "Courier conditions at rapid-delivery hubs", NegotiationStage.STALLED, -500,
        ("platform-work", "workers-rights", "digital-infrastructure"),
        "Working conditions of couriers at Pedalpost Delivery's hubs and where hubs may be sited. "
        "Stalled since the company declined to consult the couriers' union.",
    ),
    NegotiationSpec(
        AMS_CLOUD, "amsterdam", "quorvex-data-systems",
        "Hosting municipal data in the Quorvex cloud", NegotiationStage.SCOPING, -40,
        ("data-localisation", "digital-infrastructure", "data-governance"),
        "Whether and where municipal data could be hosted by Quorvex Data Systems.",
        is_public=False,  # not yet announced
    ),
    NegotiationSpec(
        AMS_RENTALS, "amsterdam", "velquinn-stays",
        "Listing data for the holiday-rental night cap", NegotiationStage.ACTIVE, -340,
        ("data-sharing", "privacy-and-security"),
        "Which listing and booking data Velquinn Stays gives the city to enforce the yearly cap on nights a home "
        "may be let to tourists, and how hosts' personal data is protected.",
    ),
)

MEETINGS = (
    # Amsterdam and Zephyrine meet often, nearly always through the envoy, on mobility data, where
    # civil society is never at the table in Amsterdam: the topic-imbalance signal.
    MeetingSpec(
        AMS_SCOOTERS, "Scoping the scooter data-sharing agreement", -400, "mobility-data",
        ("Marieke de Wit", "Elena Castellví", "Tom Whitfield"), ("zephyrine-mobility",),
        main_points="Which trip and parking data the city needs to manage pavement space, and at what resolution.",
        positions="The city asked for trip-level data; Zephyrine offered daily aggregates per district.",
        conclusions="Both sides will draft a data specification; trips will be aggregated before sharing.",
        location="Stadhuis, Amstel 1", published_after=10,
    ),
    MeetingSpec(
        AMS_SCOOTERS, "Data specification: trip records and parking events", -330, "data-sharing",
        ("Marieke de Wit", "Joost van Leeuwen", "Elena Castellví"), ("zephyrine-mobility",),
        main_points="Field-by-field review of the draft specification for trip records and parking events.",
        positions="The city's mobility team wanted an open standard; Zephyrine preferred its own API.",
        conclusions="Parking events will be published in an open, documented format.",
        format=MeetingFormat.VIDEO, published_after=75,  # published late: the disclosure-lag signal
    ),
    MeetingSpec(
        AMS_SCOOTERS, "Privacy review of the trip-data feed", -260, "privacy-and-security",
        ("Marieke de Wit", "Elena Castellví", "Fatima El Amrani", "Ruth Adeyemi"),
        ("zephyrine-mobility", "open-kerb-data-collective", "urban-data-ethics-lab"),
        main_points="Re-identification risk of aggregated trips; rules for no-parking zones.",
        positions="Civil society asked for the zone rules to be public; the company agreed in principle.",
        conclusions="The company will disclose its zone rules; the city will consult residents.",
        confidentiality=RESTRICTED, ground=Ground.ONGOING_NEGOTIATION, published_after=20,
    ),
    MeetingSpec(
        AMS_SCOOTERS, "Parking data for the district managers", -360, "mobility-data",
        ("Marieke de Wit", "Elena Castellví", "Tom Whitfield"), ("zephyrine-mobility",),
        main_points="Which parking data the city's district managers need each morning to clear blocked pavements.",
        positions="The city asked for parking events in real time; the company offered a daily file.",
        conclusions="A real-time feed for the four busiest districts first.",
        location="Stadhuis, Amstel 1", published_after=12,
    ),
    MeetingSpec(
        AMS_SCOOTERS, "Scooter parking on bridges and quays", -290, "mobility-data",
        ("Marieke de Wit", "Elena Castellví"), ("zephyrine-mobility",),
        main_points="Scooters parked on bridges and quays, and the parking events that show where they are left.",
        positions="The city asked for no-parking zones on every bridge; the company asked for parking bays instead.",
        conclusions="No-parking zones on bridges; bays on the wider quays.",
        format=MeetingFormat.SITE_VISIT, location="Magere Brug", published_after=11,
    ),
    MeetingSpec(
        AMS_SCOOTERS, "Fleet caps per district", -190, "mobility-data",
        ("Marieke de Wit", "Joost van Leeuwen", "Elena Castellví"), ("zephyrine-mobility",),
        main_points="How many scooters the company may park in each district, and the data that shows it keeps to it.",
        positions="Zephyrine asked for higher caps in the centre in exchange for more data.",
        conclusions="Caps stay as they are until the privacy review is complete.",
        published_after=14,
    ),
    MeetingSpec(
        AMS_SCOOTERS, "Working dinner with Zephyrine Mobility", -120, None,
        ("Marieke de Wit", "Joost van Leeuwen", "Elena Castellví"), ("zephyrine-mobility",),
        main_points="General discussion.",  # vague minutes, empty conclusions
        format=MeetingFormat.EVENT, location="Restaurant, Zuidas", hour=19, published_after=40,
    ),
    MeetingSpec(
        AMS_SCOOTERS, "Live scooter counts for the city's mobility dashboard", -80, "mobility-data",
        ("Marieke de Wit", "Joost van Leeuwen"), ("zephyrine-mobility",),
        main_points="Testing the live feed of scooter counts on the city's mobility dashboard.",
        positions="The company asked for the feed to stay off the open-data portal until the exclusivity question "
        "is settled.",
        conclusions="The feed goes to the dashboard now, and to the portal after the legal review.",
        format=MeetingFormat.VIDEO, published_after=9,
    ),
    MeetingSpec(
        AMS_SCOOTERS, "Pricing of the data feed and the exclusivity clause", -45, "data-sharing",
        ("Marieke de Wit", "Joost van Leeuwen", "Elena Castellví"), ("zephyrine-mobility",),
        main_points="The price of the real-time feed and whether other operators may join it.",
        positions="Zephyrine asked for two years of exclusivity in exchange for a free feed.",
        conclusions="The city will answer after legal review.",
        confidentiality=CONFIDENTIAL, ground=Ground.COMMERCIAL, release=180, published_after=7,
    ),
    MeetingSpec(
        AMS_SCOOTERS, "Catch-up on the data-feed pilot", -20, "mobility-data",
        ("Marieke de Wit", "Joost van Leeuwen"), ("zephyrine-mobility",),
        main_points="Catch-up.",
        format=MeetingFormat.PHONE, review=SUBMITTED, submitted_after=3,
    ),
    MeetingSpec(
        AMS_SCOOTERS, "Pilot results and next steps", -5, "mobility-data",
        ("Marieke de Wit", "Elena Castellví", "Tom Whitfield"), ("zephyrine-mobility",),
        main_points="First month of the live data feed: coverage, gaps and latency.",
        review=DRAFT,
    ),
    MeetingSpec(
        AMS_HUBS, "Courier conditions at the rapid-delivery hubs", -480, "workers-rights",
        ("Marieke de Wit", "Sanne Bakker", "Marc Dubois", "Kees Mulder", "Pieter Vos"),
        ("pedalpost-delivery", "united-couriers-union", "platform-economy-forum"),
        main_points="Rest areas, toilets and waiting time at hubs; consultation with couriers.",
        positions="The union asked for recognition; the company and its trade association refused "
        "collective bargaining but offered consultation.",
        conclusions="Pedalpost will equip every hub with rest areas and consult the union.",
        location="Stadhuis, Amstel 1", published_after=14,
    ),
    MeetingSpec(
        AMS_HUBS, "Hub siting and night-time noise", -300, "digital-infrastructure",
        ("Marieke de Wit", "Marc Dubois"), ("pedalpost-delivery",),
        main_points="Visit to the hub in Amsterdam-West; complaints from neighbours about night deliveries.",
        positions="The city wants hubs out of residential streets; the company wants to keep two central hubs.",
        conclusions="The city will publish a map of permitted hub locations; the company will pay waiting time.",
        format=MeetingFormat.SITE_VISIT, location="Pedalpost hub, Amsterdam-West", published_after=9,
    ),
    MeetingSpec(
        AMS_HUBS, "Quarterly meeting with Pedalpost Delivery", -200, None,
        ("Marieke de Wit", "Marc Dubois"), ("pedalpost-delivery",),
        main_points="Current affairs.", positions="General exchange of views.",
        confidentiality=RESTRICTED, ground=Ground.ONGOING_NEGOTIATION, published_after=30,
    ),
    MeetingSpec(
        AMS_CLOUD, "Introductory meeting on hosting municipal data", -30, "data-localisation",
        ("Marieke de Wit", "Henrik Aalto"), ("quorvex-data-systems",),
        main_points="Introductory meeting.", review=DRAFT,
    ),
    # Amsterdam and Barcelona x Velquinn: residents at the table on listing data.
    MeetingSpec(
        AMS_RENTALS, "Booked nights per listing and the 30-night cap", -320, "data-sharing",
        ("Marieke de Wit", "Sanne Bakker", "Sofie Lindqvist"), ("velquinn-stays",),
        main_points="Which booking data the city needs to enforce the yearly cap on nights let to tourists.",
        positions="The city asked for booked nights per address; the company offered totals per district.",
        conclusions="Velquinn will report booked nights per listing every month.",
        location="Stadhuis, Amstel 1", published_after=8,
    ),
    MeetingSpec(
        AMS_RENTALS, "Residents' complaints about holiday rentals", -240, "data-sharing",
        ("Sanne Bakker", "Sofie Lindqvist", "Willemijn Brouwer"),
        ("velquinn-stays", "residents-for-liveable-neighbourhoods"),
        main_points="Nuisance reports, and homes lost to holiday rentals in the city centre.",
        positions="Residents asked for unregistered listings to be taken down within days; the company asked for "
        "a grace period for hosts.",
        conclusions="Listings without a registration number come down within five working days of a city request.",
        published_after=12,
    ),
    MeetingSpec(
        AMS_RENTALS, "Protecting hosts' addresses in the shared data", -170, "privacy-and-security",
        ("Marieke de Wit", "Sofie Lindqvist", "Fatima El Amrani"), ("velquinn-stays", "open-kerb-data-collective"),
        main_points="Who in the city may see hosts' names and addresses, and for how long they are kept.",
        positions="Civil society asked that addresses be used for enforcement only.",
        conclusions="Addresses go to the enforcement team only and are deleted after two years.",
        format=MeetingFormat.VIDEO, confidentiality=RESTRICTED, ground=Ground.PERSONAL_DATA, published_after=15,
    ),
    MeetingSpec(
        AMS_RENTALS, "Registration numbers on every listing", -90, "data-sharing",
        ("Marieke de Wit", "Sofie Lindqvist"), ("velquinn-stays",),
        main_points="A sample of listings checked for the city's registration number.",
        positions="The company reported that 8% of listings still lack a number.",
        conclusions="New listings without a number will be blocked from the next release of the host app.",
        published_after=11,
    ),
    MeetingSpec(
        AMS_RENTALS, "Enforcement figures for the summer season", -12, "data-sharing",
        ("Marieke de Wit", "Sofie Lindqvist"), ("velquinn-stays",),
        main_points="Takedown requests sent and listings removed over the summer.",
        review=SUBMITTED, submitted_after=3,
    ),
)

COMMITMENTS = (
    # Amsterdam x Zephyrine
    CommitmentSpec(
        AMS_SCOOTERS, "Scoping the scooter data-sharing agreement", COMPANY, DG, Principle.PRIVACY,
        "Zephyrine Mobility will aggregate trip origins and destinations to cells of at least 100 metres "
        "before sharing them with the city.",
        -300, CompletionLevel.COMPLETE, completed=-310,
        evidence="Section 4 of the signed data specification; sample feed checked by the city's data office.",
        evidence_url=f"{EVIDENCE_SITE}/amsterdam/scooter-data-specification",
    ),
    CommitmentSpec(
        AMS_SCOOTERS, "Data specification: trip records and parking events", COMPANY, DG, Principle.OPEN_STANDARDS,
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
                evidence_url=f"{EVIDENCE_SITE}/amsterdam/parking-events-api",
                completion=CompletionLevel.SUBSTANTIAL,
                new_due=10, reason="The city's open-data portal cannot accept the feed until its next release.",
            ),
        ),
    ),
    CommitmentSpec(
        AMS_SCOOTERS, "Privacy review of the trip-data feed", COMPANY, DG, Principle.TRANSPARENCY,
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
        AMS_SCOOTERS, "Privacy review of the trip-data feed", CITY, DG, Principle.PARTICIPATION,
        "The city will hold two public consultations with residents' groups on how scooter data is used.",
        60,
    ),
    CommitmentSpec(
        AMS_SCOOTERS, "Scoping the scooter data-sharing agreement", COMPANY, DG, Principle.UNIVERSAL_ACCESS,
        "Zephyrine Mobility will offer a reduced fare to residents on a low income who hold the city pass.",
        -10,
    ),
    # Amsterdam x Pedalpost. Pedalpost promises different workers' rights here and in Barcelona: the
    # inconsistency signal (fair conditions and representation here; fair contracts and management there).
    CommitmentSpec(
        AMS_HUBS, "Courier conditions at the rapid-delivery hubs", COMPANY, WR, Principle.FAIR_CONDITIONS,
        "Pedalpost Delivery will provide a heated rest area and toilets for couriers at every hub in the city.",
        -380, CompletionLevel.COMPLETE, completed=-390,
        evidence="Inspection by the city's labour inspectorate of all four hubs.",
        evidence_url=f"{EVIDENCE_SITE}/amsterdam/hub-inspections",
    ),
    CommitmentSpec(
        AMS_HUBS, "Courier conditions at the rapid-delivery hubs", COMPANY, WR, Principle.FAIR_REPRESENTATION,
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
        AMS_HUBS, "Hub siting and night-time noise", CITY, DG, Principle.TRANSPARENCY,
        "The city will publish a map of the locations where delivery hubs are permitted.",
        -150, CompletionLevel.COMPLETE, completed=-160,
        evidence="Map published on the city's website.", evidence_url=f"{EVIDENCE_SITE}/amsterdam/hub-map",
    ),
    CommitmentSpec(
        AMS_HUBS, "Hub siting and night-time noise", COMPANY, WR, Principle.FAIR_PAY,
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
        AMS_CLOUD, None, CITY, DG, Principle.PRIVACY,
        "The city will share its data classification policy with Quorvex Data Systems before any technical scoping.",
        7,
    ),
    # Amsterdam and Barcelona x Velquinn: the same principles in both cities.
    CommitmentSpec(
        AMS_RENTALS, "Booked nights per listing and the 30-night cap", COMPANY, DG, Principle.TRANSPARENCY,
        "Velquinn Stays will report to the city every month the nights booked at each of its listings in Amsterdam.",
        -230, CompletionLevel.COMPLETE, completed=-240,
        evidence="Monthly reports received, checked against the tourist-tax returns.",
        evidence_url=f"{EVIDENCE_SITE}/amsterdam/booked-nights-reports",
    ),
    CommitmentSpec(
        AMS_RENTALS, "Protecting hosts' addresses in the shared data", COMPANY, DG, Principle.PRIVACY,
        "Velquinn Stays will share hosts' names and addresses only with the city's enforcement team, over an "
        "encrypted channel.",
        -140, CompletionLevel.COMPLETE, completed=-150,
        evidence="Data-processing agreement, annex 2.",
    ),
    CommitmentSpec(
        AMS_RENTALS, "Residents' complaints about holiday rentals", COMPANY, DG, Principle.TRANSPARENCY,
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
        AMS_RENTALS, "Registration numbers on every listing", COMPANY, DG, Principle.OPEN_STANDARDS,
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
)

# Meetings outside any company negotiation: the city hears couriers and a watchdog on platform work.
STANDALONE_MEETINGS = (
    StandaloneMeetingSpec(
        "amsterdam", "Couriers' working conditions across delivery apps", -90, "workers-rights",
        ("Marieke de Wit", "Kees Mulder"), ("united-couriers-union", "civic-algorithms-watch"),
        main_points="Couriers described pay per order falling and shifts assigned by app scores they cannot see.",
        positions="The union asked for a city-wide minimum per-hour rate in every delivery agreement.",
        conclusions="The city will ask every delivery platform it negotiates with for hourly earnings figures.",
        location="Stadhuis, Amstel 1",
    ),
)
