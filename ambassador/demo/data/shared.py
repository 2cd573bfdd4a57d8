"""The demo records every city shares: the cities, companies, unions and other groups, their
lobbying disclosures, the people and their affiliations, and the demo logins.
"""

from ambassador.stakeholders.choices import MembershipRole, OrganisationKind

from .specs import AffiliationSpec, CitySpec, DisclosureSpec, LoginSpec, OrganisationSpec, PersonSpec

DEMO_PASSWORD = "demo"  # noqa: S105 - printed for anyone running the demo; refused outside demo settings
ADMIN_URL = "http://127.0.0.1:8000/admin/"

TECH = OrganisationKind.TECH_COMPANY
UNION = OrganisationKind.TRADE_UNION
CIVIL = OrganisationKind.CIVIL_SOCIETY
BUSINESS = OrganisationKind.BUSINESS_ASSOCIATION
ACADEMIC = OrganisationKind.ACADEMIC

CITIES = (
    CitySpec("amsterdam", "Amsterdam", "NL", "Europe/Amsterdam", ["nl", "en"]),
    CitySpec("barcelona", "Barcelona", "ES", "Europe/Madrid", ["ca", "es", "en"]),
    CitySpec("london", "London", "GB", "Europe/London", ["en"]),
    CitySpec("hanoi", "Hanoi", "VN", "Asia/Ho_Chi_Minh", ["vi", "en"]),
    CitySpec("da-nang", "Da Nang", "VN", "Asia/Ho_Chi_Minh", ["vi", "en"]),
    # West of UTC, with daylight saving time: its evenings are the next day in UTC.
    CitySpec("new-york", "New York", "US", "America/New_York", ["en"]),
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
    PersonSpec("Rosa Delgado", "new-york", is_public_official=True),
    PersonSpec("Marcus Bell", "new-york", is_public_official=True),
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
    AffiliationSpec("Rosa Delgado", "Tech envoy", -600, city="new-york"),
    AffiliationSpec("Marcus Bell", "Deputy commissioner for technology", -1400, city="new-york"),
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
    LoginSpec("envoy-new-york", "Rosa", "Delgado", "new-york", ENVOY, person="Rosa Delgado"),
    LoginSpec("staff-new-york", "Jamal", "Okoro", "new-york", STAFF),
)
