"""Hanoi in the demo: its negotiations with companies, their meetings and the commitments made in them.

Fictional, like all the demo data: see ``ambassador.demo.data``.
"""

from ambassador.commitments.choices import CompletionLevel, Principle
from ambassador.negotiations.choices import NegotiationStage
from ambassador.negotiations.choices import WithholdingGround as Ground

from .specs import (
    CITY,
    COMPANY,
    DG,
    DRAFT,
    EVIDENCE_SITE,
    RESTRICTED,
    CommitmentSpec,
    MeetingSpec,
    NegotiationSpec,
    UpdateSpec,
)

HAN_CAMERAS = "hanoi-lumivane-traffic-cameras"
HAN_PLATFORM = "hanoi-quorvex-city-data-platform"
HAN_WIFI = "hanoi-brasmoor-old-quarter-wifi"
HAN_CHARGING = "hanoi-kivaro-taxi-charging-hubs"

NEGOTIATIONS = (
    NegotiationSpec(
        HAN_CAMERAS, "hanoi", "lumivane-sensing",
        "Traffic-camera analytics pilot", NegotiationStage.ACTIVE, -300,
        ("algorithms-and-ai", "privacy-and-security", "data-localisation"),
        "A pilot of camera analytics on the ring road: what is recorded, where it is stored, and for how long.",
    ),
    NegotiationSpec(
        HAN_PLATFORM, "hanoi", "quorvex-data-systems",
        "Hosting the city data platform", NegotiationStage.AGREEMENT_REACHED, -450,
        ("data-governance", "digital-infrastructure", "data-localisation"),
        "Terms for hosting Hanoi's data platform, including exit rights and training for civil servants.",
    ),
    NegotiationSpec(
        HAN_WIFI, "hanoi", "brasmoor-networks",
        "Public Wi-Fi in the Old Quarter", NegotiationStage.STALLED, -360,
        ("digital-infrastructure", "privacy-and-security", "data-localisation"),
        "Free Wi-Fi for residents and visitors in the Old Quarter, where log-in data is stored and for how long. "
        "Stalled since the company suspended the roll-out over the retention period.",
    ),
    NegotiationSpec(
        HAN_CHARGING, "hanoi", "kivaro-charging",
        "Charging hubs for electric taxis", NegotiationStage.ACTIVE, -280,
        ("digital-infrastructure", "mobility-data", "data-localisation"),
        "Charging hubs for electric taxis on city-owned car parks, open access for every taxi company, and the "
        "charging data the transport department receives.",
    ),
)

MEETINGS = (
    MeetingSpec(
        HAN_CAMERAS, "Traffic-camera analytics pilot on the ring road", -280, "algorithms-and-ai",
        ("Nguyễn Thu Hà", "Trần Minh Đức", "Võ Thanh Tùng", "Đỗ Mai Anh"), ("lumivane-sensing",),
        main_points="Demonstration of vehicle classification; the pilot area and its signage.",
        positions="The city asked for published accuracy figures; the company called them commercially sensitive.",
        conclusions="The company will publish accuracy by vehicle type; the city will sign every camera.",
        location="Hanoi People's Committee", published_after=30,
    ),
    MeetingSpec(
        HAN_CAMERAS, "Storage of camera footage inside Vietnam", -180, "data-localisation",
        ("Nguyễn Thu Hà", "Võ Thanh Tùng"), ("lumivane-sensing", "mekong-digital-rights-network"),
        main_points="Where footage is stored, for how long, and who may access it.",
        positions="Rights groups asked for deletion after 30 days; the company wanted 90.",
        conclusions="Footage stored in Vietnam and deleted after 30 days unless needed for an investigation.",
        confidentiality=RESTRICTED, ground=Ground.SECURITY, published_after=15,
    ),
    MeetingSpec(
        HAN_CAMERAS, "Courtesy visit by Lumivane Sensing", -90, None,
        ("Nguyễn Thu Hà", "Võ Thanh Tùng"), ("lumivane-sensing",),
        main_points="General discussion.", published_after=60,
    ),
    MeetingSpec(
        HAN_CAMERAS, "Face recognition in the pilot area", -14, "privacy-and-security",
        ("Nguyễn Thu Hà", "Võ Thanh Tùng", "Đỗ Mai Anh"), ("lumivane-sensing",),
        main_points="Whether the pilot cameras may run face recognition.",
        confidentiality=RESTRICTED, ground=Ground.PERSONAL_DATA, review=DRAFT,
    ),
    MeetingSpec(
        HAN_PLATFORM, "Hosting the city data platform", -430, "data-governance",
        ("Nguyễn Thu Hà", "Trần Minh Đức", "Henrik Aalto"),
        ("quorvex-data-systems", "mekong-digital-rights-network"),
        main_points="Hosting, data residency and exit rights for the city data platform.",
        positions="The city asked for free export in open formats; the company agreed if the contract ends.",
        conclusions="Exit rights and digital-literacy training go into the agreement.",
        published_after=10,
    ),
    MeetingSpec(
        HAN_PLATFORM, "Digital-literacy courses for civil servants", -330, "digital-inclusion",
        ("Nguyễn Thu Hà", "Henrik Aalto"), ("quorvex-data-systems",),
        main_points="Content and schedule of the courses the company offered to fund.",
        positions="The city asked for courses in Vietnamese, taught by local trainers.",
        conclusions="Courses in Vietnamese, taught by trainers from a local university.",
        published_after=10,
    ),
    MeetingSpec(
        HAN_PLATFORM, "Final terms of the hosting agreement", -200, "data-governance",
        ("Nguyễn Thu Hà", "Henrik Aalto"), ("quorvex-data-systems",),
        main_points="Price, service levels and training commitments.",
        conclusions="Agreement reached.",
        confidentiality=RESTRICTED, ground=Ground.COMMERCIAL, published_after=14,
    ),
    MeetingSpec(
        HAN_PLATFORM, "First review of the platform's service levels", -90, "data-governance",
        ("Trần Minh Đức", "Henrik Aalto"), ("quorvex-data-systems",),
        main_points="Uptime, support response times and the first test of exporting the city's data.",
        positions="The city reported two outages; the company offered service credits.",
        conclusions="Service credits for both outages; a second export test in six months.",
        published_after=9,
    ),
    # London and Hanoi x Brasmoor: meetings published months late, at the company's request: the
    # late-disclosure signal.
    MeetingSpec(
        HAN_WIFI, "Public Wi-Fi in the Old Quarter", -340, "digital-infrastructure",
        ("Nguyễn Thu Hà", "Trần Minh Đức", "Đặng Quốc Bảo"), ("brasmoor-networks", "mekong-digital-rights-network"),
        main_points="Coverage of the Old Quarter and the log-in page for visitors.",
        positions="The company asked to log users in with their phone number; the rights network asked for no "
        "log-in at all.",
        conclusions="Log-in with a phone number, with the data kept in Vietnam.",
        location="Hanoi People's Committee", published_after=120,
    ),
    MeetingSpec(
        HAN_WIFI, "Where Wi-Fi log-in data is stored", -240, "data-localisation",
        ("Nguyễn Thu Hà", "Đặng Quốc Bảo"), ("brasmoor-networks", "mekong-digital-rights-network"),
        main_points="Where phone numbers and connection logs are stored, and for how long.",
        positions="The rights network asked for deletion after 30 days; the company wanted a year, for advertising.",
        conclusions="Logs are stored in Vietnam; the retention period is not agreed.",
        published_after=75,
    ),
    MeetingSpec(
        HAN_WIFI, "Roll-out of the Old Quarter Wi-Fi suspended", -150, "digital-infrastructure",
        ("Trần Minh Đức", "Đặng Quốc Bảo"), ("brasmoor-networks",),
        main_points="The company suspended the roll-out until the retention period is agreed.",
        positions="The city will not accept a year of retention.",
        conclusions="Talks suspended; the free service is switched off.",
        published_after=60,
    ),
    # Hanoi and Da Nang x Kivaro: two records that say nothing, the vague-minutes signal.
    MeetingSpec(
        HAN_CHARGING, "Charging hubs on city-owned car parks", -260, "digital-infrastructure",
        ("Nguyễn Thu Hà", "Trần Minh Đức", "Bùi Thanh Hương"), ("kivaro-charging",),
        main_points="Four city-owned car parks proposed as charging hubs for electric taxis.",
        positions="The company asked for ten-year leases and exclusive use; the city offered five years and open "
        "access.",
        conclusions="Five-year leases; the hubs are open to every taxi company.",
        location="Hanoi People's Committee", published_after=12,
    ),
    MeetingSpec(
        HAN_CHARGING, "Charging data for the transport department", -180, "mobility-data",
        ("Nguyễn Thu Hà", "Bùi Thanh Hương"), ("kivaro-charging", "mekong-digital-rights-network"),
        main_points="Which charging-session data the transport department receives, and whether drivers can be "
        "identified.",
        positions="The rights network asked for drivers' identities to be removed before any sharing.",
        conclusions="Session data shared hourly, without drivers' identities.",
        published_after=14,
    ),
    MeetingSpec(
        HAN_CHARGING, "Courtesy call by Kivaro Charging", -75, None,
        ("Trần Minh Đức", "Bùi Thanh Hương"), ("kivaro-charging",),
        main_points="General exchange of views.",  # vague minutes, empty conclusions
        published_after=20,
    ),
)

COMMITMENTS = (
    # Hanoi x Lumivane. With Da Nang, most of Lumivane's promises are overdue, slipped or broken: the
    # commitment-record signal.
    CommitmentSpec(
        HAN_CAMERAS, "Storage of camera footage inside Vietnam", COMPANY, DG, Principle.PRIVACY,
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
        HAN_CAMERAS, "Traffic-camera analytics pilot on the ring road", COMPANY, DG, Principle.TRANSPARENCY,
        "Lumivane Sensing will publish the accuracy of its vehicle classification on Hanoi traffic, by vehicle type.",
        -200,
    ),
    CommitmentSpec(
        HAN_CAMERAS, "Traffic-camera analytics pilot on the ring road", CITY, DG, Principle.PARTICIPATION,
        "The city will put up signs in Vietnamese and English at every camera in the pilot area.",
        -220, CompletionLevel.COMPLETE, completed=-230,
        evidence="Photographs of the signs at each of the twelve cameras.",
        evidence_url=f"{EVIDENCE_SITE}/hanoi/camera-signs",
    ),
    CommitmentSpec(
        HAN_CAMERAS, "Traffic-camera analytics pilot on the ring road", COMPANY, DG, Principle.OPEN_STANDARDS,
        "Lumivane Sensing will give the city the pilot's vehicle counts in an open format, free of charge.",
        -60,
    ),
    # Hanoi x Quorvex
    CommitmentSpec(
        HAN_PLATFORM, "Final terms of the hosting agreement", COMPANY, DG, Principle.UNIVERSAL_ACCESS,
        "Quorvex Data Systems will fund digital-literacy courses for 2,000 civil servants in Hanoi.",
        150, CompletionLevel.SUBSTANTIAL,
        updates=(
            UpdateSpec(
                "1,350 civil servants trained so far.", -30,
                evidence="Course catalogue and attendance lists.", evidence_url=f"{EVIDENCE_SITE}/hanoi/training",
                completion=CompletionLevel.SUBSTANTIAL,
            ),
        ),
    ),
    CommitmentSpec(
        HAN_PLATFORM, "Hosting the city data platform", COMPANY, DG, Principle.OPEN_STANDARDS,
        "Quorvex Data Systems will export all city data in open formats, free of charge, if the contract ends.",
        None,  # no due date: it applies when the contract ends
    ),
    CommitmentSpec(
        HAN_PLATFORM, "Hosting the city data platform", COMPANY, DG, Principle.PRIVACY,
        "Quorvex Data Systems will keep all of the city platform's data in data centres in Vietnam.",
        -300, CompletionLevel.COMPLETE, completed=-310,
        evidence="Data-centre certificates checked by the city's IT department.",
    ),
    # London and Hanoi x Brasmoor
    CommitmentSpec(
        HAN_WIFI, "Where Wi-Fi log-in data is stored", COMPANY, DG, Principle.PRIVACY,
        "Brasmoor Networks will store log-in data and connection logs of the Old Quarter Wi-Fi on servers in Vietnam.",
        -200, CompletionLevel.COMPLETE, completed=-210,
        evidence="Hosting contract with a data centre in Hanoi.",
    ),
    CommitmentSpec(
        HAN_WIFI, "Public Wi-Fi in the Old Quarter", COMPANY, DG, Principle.UNIVERSAL_ACCESS,
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
        HAN_WIFI, "Where Wi-Fi log-in data is stored", COMPANY, DG, Principle.TRANSPARENCY,
        "Brasmoor Networks will state on the Wi-Fi log-in page how long connection logs are kept.",
        -180,
    ),
    # Hanoi and Da Nang x Kivaro
    CommitmentSpec(
        HAN_CHARGING, "Charging data for the transport department", COMPANY, DG, Principle.PRIVACY,
        "Kivaro Charging will remove drivers' identities from charging-session data before sharing it with the "
        "transport department.",
        -150, CompletionLevel.COMPLETE, completed=-160,
        evidence="Sample of the shared data checked by the transport department.",
    ),
    CommitmentSpec(
        HAN_CHARGING, "Charging hubs on city-owned car parks", COMPANY, DG, Principle.OPEN_STANDARDS,
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
)
