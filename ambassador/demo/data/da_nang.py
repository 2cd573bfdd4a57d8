"""Da Nang in the demo: its negotiations with companies, their meetings and the commitments made in them.

Fictional, like all the demo data: see ``ambassador.demo.data``.
"""

from ambassador.commitments.choices import CompletionLevel, Principle
from ambassador.negotiations.choices import MeetingFormat, NegotiationStage
from ambassador.negotiations.choices import WithholdingGround as Ground

from .specs import (
    CITY,
    COMPANY,
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

DAD_LIGHTING = "da-nang-lumivane-smart-lighting"
DAD_RIDES = "da-nang-zephyrine-ride-hailing"
DAD_SWAP = "da-nang-kivaro-battery-swap"
DAD_ASSISTANT = "da-nang-nivalto-service-assistant"

NEGOTIATIONS = (
    NegotiationSpec(
        DAD_LIGHTING, "da-nang", "lumivane-sensing",
        "Smart street-lighting sensors", NegotiationStage.CONCLUDED, -800,
        ("digital-infrastructure", "privacy-and-security"),
        "Sensors in the beachfront street lights and the handover of their data to the city.",
        closed=-365,
    ),
    NegotiationSpec(
        DAD_RIDES, "da-nang", "zephyrine-mobility",
        "Ride-hailing drivers and trip data", NegotiationStage.SCOPING, -60,
        ("platform-work", "workers-rights", "mobility-data"),
        "Scoping talks on conditions for ride-hailing drivers and the trip data shared with the city.",
    ),
    NegotiationSpec(
        DAD_SWAP, "da-nang", "kivaro-charging",
        "Battery-swap kiosks for electric scooters", NegotiationStage.AGREEMENT_REACHED, -400,
        ("digital-infrastructure", "mobility-data", "workers-rights"),
        "Forty battery-swap kiosks for delivery riders' and taxi drivers' electric scooters: sites, fees, opening "
        "hours and the swap data shared with the city.",
    ),
    NegotiationSpec(
        DAD_ASSISTANT, "da-nang", "nivalto-civic-ai",
        "An AI assistant for the public-service portal", NegotiationStage.ACTIVE, -130,
        ("algorithms-and-ai", "data-localisation", "digital-inclusion"),
        "A pilot of an AI assistant that answers residents' questions on the city's public-service portal: what "
        "it is trained on, who checks its answers, and what it may never decide.",
    ),
)

MEETINGS = (
    MeetingSpec(
        DAD_LIGHTING, "Smart street-lighting sensors on the beachfront", -780, "digital-infrastructure",
        ("Lê Quang Huy", "Phạm Thị Lan", "Võ Thanh Tùng"), ("lumivane-sensing",),
        main_points="Visit to the test section on Võ Nguyên Giáp street; which sensors the lights carry.",
        positions="The city refused audio capture; the company agreed to disable it.",
        conclusions="Audio capture disabled; the data will be handed over at the end of the contract.",
        format=MeetingFormat.SITE_VISIT, location="Beachfront, Sơn Trà district", published_after=5,
    ),
    MeetingSpec(
        DAD_LIGHTING, "Mid-term review of the lighting sensors", -600, "digital-infrastructure",
        ("Lê Quang Huy", "Phạm Thị Lan", "Võ Thanh Tùng"), ("lumivane-sensing",),
        main_points="Sensor uptime, the data delivered so far, and its format at the handover.",
        positions="The city asked for the data format to be documented now; the company said it would do so at "
        "the handover.",
        conclusions="The format will be documented before the handover.",
        published_after=6,
    ),
    MeetingSpec(
        DAD_LIGHTING, "Handover of the lighting sensor network", -400, "digital-infrastructure",
        ("Lê Quang Huy", "Võ Thanh Tùng"), ("lumivane-sensing",),
        main_points="Handover of the network and its historical data to the city.",
        positions="The company delivered the data in its own format only.",
        conclusions="The city will record the data-handover commitment as not met.",
        published_after=4,
    ),
    MeetingSpec(
        DAD_RIDES, "Ride-hailing drivers' conditions and trip data", -50, "platform-work",
        ("Lê Quang Huy", "Phạm Thị Lan", "Arjun Mehta", "Hoàng Văn Nam"),
        ("zephyrine-mobility", "da-nang-drivers-association"),
        main_points="Drivers' waiting conditions at the airport and the trip data the city would receive.",
        positions="Drivers asked for a shaded rest area; the company agreed to look for a site.",
        conclusions="A rest area near the airport pick-up zone.",
        review=SUBMITTED, submitted_after=4,
    ),
    MeetingSpec(
        DAD_RIDES, "Driver rest areas at the airport", -10, "workers-rights",
        ("Lê Quang Huy", "Arjun Mehta"), ("zephyrine-mobility",),
        main_points="Two candidate sites for the rest area.",
        format=MeetingFormat.SITE_VISIT, review=DRAFT,
    ),
    # Hanoi and Da Nang x Kivaro: two records that say nothing, the vague-minutes signal.
    MeetingSpec(
        DAD_SWAP, "Battery-swap kiosks for electric scooters", -380, "digital-infrastructure",
        ("Lê Quang Huy", "Phạm Thị Lan", "Bùi Thanh Hương"), ("kivaro-charging",),
        main_points="Sites for forty kiosks, and the safe storage of batteries.",
        positions="The fire police asked for kiosks away from homes; the company wanted them at petrol stations.",
        conclusions="Forty kiosks, at sites agreed with the fire police.",
        location="Da Nang Administrative Centre", published_after=9,
    ),
    MeetingSpec(
        DAD_SWAP, "Swap fees for delivery riders and taxi drivers", -300, "workers-rights",
        ("Lê Quang Huy", "Bùi Thanh Hương", "Hoàng Văn Nam"), ("kivaro-charging", "da-nang-drivers-association"),
        main_points="The fee drivers pay for each battery swap, and the hours kiosks are open.",
        positions="Drivers asked for a lower fee at night; the company offered a monthly pass.",
        conclusions="A monthly pass for drivers; kiosks open day and night, lit and shaded.",
        published_after=10,
    ),
    MeetingSpec(
        DAD_SWAP, "Kiosk data for the city's mobility dashboard", -200, "mobility-data",
        ("Phạm Thị Lan", "Bùi Thanh Hương", "Lương Đức Anh"), ("kivaro-charging",),
        main_points="Daily swap counts per kiosk for the city's mobility dashboard.",
        positions="The company offered a monthly report; the city asked for an open API.",
        conclusions="Daily swap counts per kiosk through an open API, without any rider's identity.",
        format=MeetingFormat.VIDEO, published_after=8,
    ),
    MeetingSpec(
        DAD_SWAP, "Meeting with Kivaro Charging", -120, None,
        ("Lê Quang Huy", "Bùi Thanh Hương"), ("kivaro-charging",),
        main_points="Current affairs.",  # vague minutes, empty conclusions
        published_after=25,
    ),
    MeetingSpec(
        DAD_SWAP, "Second phase of the kiosk network", -45, "digital-infrastructure",
        ("Lê Quang Huy", "Bùi Thanh Hương", "Lương Đức Anh"), ("kivaro-charging",),
        main_points="Twenty more kiosks in Liên Chiểu and Cẩm Lệ districts.",
        positions="The company asked the city to pay for the grid connections.",
        conclusions="The city will pay for half of the grid connections.",
        format=MeetingFormat.SITE_VISIT, location="Liên Chiểu district", published_after=10,
    ),
    # Da Nang x Nivalto: more than a meeting a month since the talks began: the meeting-frequency signal.
    MeetingSpec(
        DAD_ASSISTANT, "An AI assistant for the public-service portal", -120, "algorithms-and-ai",
        ("Lê Quang Huy", "Phạm Thị Lan", "Ingrid Halvorsen", "Mai Quốc Việt"), ("nivalto-civic-ai",),
        main_points="A chatbot that answers residents' questions and pre-fills applications on the city's portal.",
        positions="The company proposed to train its model on past applications; the city asked what data that "
        "needs.",
        conclusions="A pilot on business-licence questions first.",
        location="Da Nang Administrative Centre", published_after=7,
    ),
    MeetingSpec(
        DAD_ASSISTANT, "Training data from past applications", -100, "data-localisation",
        ("Phạm Thị Lan", "Mai Quốc Việt"), ("nivalto-civic-ai", "mekong-digital-rights-network"),
        main_points="Whether past applications may leave Vietnam for training the model.",
        positions="The rights network asked that no personal data leave the city's servers.",
        conclusions="Training on the city's servers only, with names and ID numbers removed.",
        published_after=9,
    ),
    MeetingSpec(
        DAD_ASSISTANT, "Answers in Vietnamese and English", -80, "algorithms-and-ai",
        ("Lê Quang Huy", "Mai Quốc Việt"), ("nivalto-civic-ai", "mekong-digital-rights-network"),
        main_points="Accuracy of the assistant's answers in Vietnamese and English, tested with 200 questions.",
        positions="The rights network asked what happens when the assistant is wrong.",
        conclusions="The assistant will say when it is not sure and hand over to a civil servant.",
        format=MeetingFormat.VIDEO, published_after=8,
    ),
    MeetingSpec(
        DAD_ASSISTANT, "Demonstration for the People's Committee", -60, "algorithms-and-ai",
        ("Phạm Thị Lan", "Ingrid Halvorsen", "Mai Quốc Việt"), ("nivalto-civic-ai",),
        main_points="Demonstration of the pilot to members of the committee.",
        positions="Committee members asked whether the assistant could decide on simple applications.",
        conclusions="The assistant will not decide on any application; it will be usable by voice.",
        format=MeetingFormat.EVENT, published_after=6,
    ),
    MeetingSpec(
        DAD_ASSISTANT, "Who checks the assistant's answers", -40, "algorithms-and-ai",
        ("Lê Quang Huy", "Mai Quốc Việt"), ("nivalto-civic-ai", "civic-algorithms-watch"),
        main_points="Checking a sample of the assistant's answers, and publishing the results.",
        positions="The watchdog asked for every error to be published; the company offered a monthly sample.",
        conclusions="Civil servants check 100 answers a month; the company publishes the results.",
        format=MeetingFormat.VIDEO, published_after=7,
    ),
    MeetingSpec(
        DAD_ASSISTANT, "Licence price after the pilot", -25, "algorithms-and-ai",
        ("Phạm Thị Lan", "Ingrid Halvorsen"), ("nivalto-civic-ai",),
        main_points="The licence price per resident after the pilot.",
        positions="The company offered a lower price for a five-year contract.",
        conclusions="The city will compare the offer with other suppliers.",
        confidentiality=RESTRICTED, ground=Ground.COMMERCIAL, published_after=6,
    ),
    MeetingSpec(
        DAD_ASSISTANT, "Results of the first month", -6, "algorithms-and-ai",
        ("Lê Quang Huy", "Mai Quốc Việt"), ("nivalto-civic-ai",),
        main_points="Questions asked, answers checked and hand-overs to civil servants in the first month.",
        review=DRAFT,
    ),
)

COMMITMENTS = (
    # Da Nang x Lumivane (concluded)
    CommitmentSpec(
        DAD_LIGHTING, "Smart street-lighting sensors on the beachfront", COMPANY, DG, Principle.PRIVACY,
        "Lumivane Sensing will disable audio capture on every street-lighting sensor.",
        -700, CompletionLevel.COMPLETE, completed=-720,
        evidence="Firmware configuration checked by the city's IT department.",
    ),
    CommitmentSpec(
        DAD_LIGHTING, "Handover of the lighting sensor network", COMPANY, DG, Principle.OPEN_STANDARDS,
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
        DAD_LIGHTING, "Smart street-lighting sensors on the beachfront", COMPANY, DG, Principle.TRANSPARENCY,
        "Lumivane Sensing will label every lamp post with the sensors it carries and what they measure.",
        -650, CompletionLevel.COMPLETE, completed=-660,
        evidence="Labels checked by the city's IT department along the beachfront.",
    ),
    # Da Nang x Zephyrine
    CommitmentSpec(
        DAD_RIDES, "Ride-hailing drivers' conditions and trip data", COMPANY, WR, Principle.FAIR_CONDITIONS,
        "Zephyrine Mobility will open a shaded rest area with drinking water for drivers near the airport "
        "pick-up zone.",
        10,
    ),
    # Hanoi and Da Nang x Kivaro
    CommitmentSpec(
        DAD_SWAP, "Kiosk data for the city's mobility dashboard", COMPANY, DG, Principle.PRIVACY,
        "Kivaro Charging will share swap counts per kiosk without any rider's identity.",
        -170, CompletionLevel.COMPLETE, completed=-175,
        evidence="API responses checked by the city's IT department.",
    ),
    CommitmentSpec(
        DAD_SWAP, "Kiosk data for the city's mobility dashboard", COMPANY, DG, Principle.OPEN_STANDARDS,
        "Kivaro Charging will publish daily swap counts per kiosk through an open API that the city may republish.",
        -100, CompletionLevel.LIMITED,
        updates=(
            UpdateSpec("Counts sent by e-mail every week; no API yet.", -110, completion=CompletionLevel.LIMITED),
        ),
    ),
    CommitmentSpec(
        DAD_SWAP, "Swap fees for delivery riders and taxi drivers", COMPANY, WR, Principle.FAIR_PAY,
        "Kivaro Charging will sell drivers a monthly swap pass costing no more than 30 single swaps.",
        -250, CompletionLevel.COMPLETE, completed=-260,
        evidence="Price list at the kiosks; checked by the drivers' association.",
    ),
    CommitmentSpec(
        DAD_SWAP, "Swap fees for delivery riders and taxi drivers", COMPANY, WR, Principle.FAIR_CONDITIONS,
        "Kivaro Charging will keep every kiosk open day and night, lit and shaded.",
        -200, CompletionLevel.COMPLETE, completed=-230,
        evidence="Night visit to ten kiosks by the city and the drivers' association.",
        evidence_url=f"{EVIDENCE_SITE}/da-nang/kiosk-visit",
    ),
    # Da Nang x Nivalto
    CommitmentSpec(
        DAD_ASSISTANT, "Training data from past applications", COMPANY, DG, Principle.PRIVACY,
        "Nivalto Civic AI will train its model only on the city's servers, on applications with names and ID "
        "numbers removed.",
        -70, CompletionLevel.COMPLETE, completed=-75,
        evidence="Training set and server logs checked by the city's IT department.",
    ),
    CommitmentSpec(
        DAD_ASSISTANT, "Answers in Vietnamese and English", COMPANY, DG, Principle.OPEN_STANDARDS,
        "Nivalto Civic AI will make the assistant say when it is not sure of an answer and hand the question to a "
        "civil servant.",
        -50, CompletionLevel.COMPLETE, completed=-55,
        evidence="Test with 200 questions, repeated by the city.",
    ),
    CommitmentSpec(
        DAD_ASSISTANT, "Who checks the assistant's answers", COMPANY, DG, Principle.TRANSPARENCY,
        "Nivalto Civic AI will publish every month the results of the civil servants' check of 100 answers.",
        -8,
    ),
    CommitmentSpec(
        DAD_ASSISTANT, "Demonstration for the People's Committee", COMPANY, DG, Principle.UNIVERSAL_ACCESS,
        "Nivalto Civic AI will make the assistant usable by voice, in Vietnamese, for residents who find reading "
        "hard.",
        40,
    ),
    CommitmentSpec(
        DAD_ASSISTANT, "Demonstration for the People's Committee", CITY, DG, Principle.TRANSPARENCY,
        "The city will state on every page where the assistant appears that it decides no application.",
        10,
    ),
)
