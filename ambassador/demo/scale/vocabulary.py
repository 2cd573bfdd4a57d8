"""The words and layout of a scale record: real cities and zones, fictional names, texts, and how ids are laid out."""

# Real cities in many time zones (east and west of UTC, with and without daylight saving time).
CITIES = (  # name, country, time zone, languages
    ("Amsterdam", "NL", "Europe/Amsterdam", ["nl", "en"]),
    ("Barcelona", "ES", "Europe/Madrid", ["ca", "es", "en"]),
    ("London", "GB", "Europe/London", ["en"]),
    ("Hanoi", "VN", "Asia/Ho_Chi_Minh", ["vi", "en"]),
    ("Da Nang", "VN", "Asia/Ho_Chi_Minh", ["vi", "en"]),
    ("New York", "US", "America/New_York", ["en"]),
    ("Los Angeles", "US", "America/Los_Angeles", ["en", "es"]),
    ("Chicago", "US", "America/Chicago", ["en"]),
    ("Toronto", "CA", "America/Toronto", ["en", "fr"]),
    ("Montreal", "CA", "America/Toronto", ["fr", "en"]),
    ("Mexico City", "MX", "America/Mexico_City", ["es"]),
    ("Bogota", "CO", "America/Bogota", ["es"]),
    ("Sao Paulo", "BR", "America/Sao_Paulo", ["pt"]),
    ("Buenos Aires", "AR", "America/Argentina/Buenos_Aires", ["es"]),
    ("Santiago", "CL", "America/Santiago", ["es"]),
    ("Lisbon", "PT", "Europe/Lisbon", ["pt", "en"]),
    ("Paris", "FR", "Europe/Paris", ["fr"]),
    ("Brussels", "BE", "Europe/Brussels", ["nl", "fr", "en"]),
    ("Berlin", "DE", "Europe/Berlin", ["de", "en"]),
    ("Vienna", "AT", "Europe/Vienna", ["de"]),
    ("Milan", "IT", "Europe/Rome", ["it"]),
    ("Copenhagen", "DK", "Europe/Copenhagen", ["da", "en"]),
    ("Stockholm", "SE", "Europe/Stockholm", ["sv", "en"]),
    ("Helsinki", "FI", "Europe/Helsinki", ["fi", "sv", "en"]),
    ("Tallinn", "EE", "Europe/Tallinn", ["et", "en"]),
    ("Warsaw", "PL", "Europe/Warsaw", ["pl"]),
    ("Athens", "GR", "Europe/Athens", ["el"]),
    ("Istanbul", "TR", "Europe/Istanbul", ["tr"]),
    ("Dublin", "IE", "Europe/Dublin", ["en", "ga"]),
    ("Reykjavik", "IS", "Atlantic/Reykjavik", ["is", "en"]),
    ("Nairobi", "KE", "Africa/Nairobi", ["en", "sw"]),
    ("Lagos", "NG", "Africa/Lagos", ["en"]),
    ("Cape Town", "ZA", "Africa/Johannesburg", ["en", "af"]),
    ("Cairo", "EG", "Africa/Cairo", ["ar"]),
    ("Dubai", "AE", "Asia/Dubai", ["ar", "en"]),
    ("Mumbai", "IN", "Asia/Kolkata", ["hi", "en"]),
    ("Kathmandu", "NP", "Asia/Kathmandu", ["ne"]),
    ("Dhaka", "BD", "Asia/Dhaka", ["bn"]),
    ("Bangkok", "TH", "Asia/Bangkok", ["th"]),
    ("Jakarta", "ID", "Asia/Jakarta", ["id"]),
    ("Singapore", "SG", "Asia/Singapore", ["en", "zh", "ms", "ta"]),
    ("Manila", "PH", "Asia/Manila", ["en", "tl"]),
    ("Taipei", "TW", "Asia/Taipei", ["zh"]),
    ("Seoul", "KR", "Asia/Seoul", ["ko"]),
    ("Tokyo", "JP", "Asia/Tokyo", ["ja"]),
    ("Adelaide", "AU", "Australia/Adelaide", ["en"]),
    ("Sydney", "AU", "Australia/Sydney", ["en"]),
    ("Auckland", "NZ", "Pacific/Auckland", ["en", "mi"]),
    ("Honolulu", "US", "Pacific/Honolulu", ["en"]),
    ("Anchorage", "US", "America/Anchorage", ["en"]),
)

# The topics the migrations create (negotiations 0003), then two more.
TOPICS = (
    ("Data sharing", "data-sharing"),
    ("Data governance", "data-governance"),
    ("Data localisation", "data-localisation"),
    ("Digital infrastructure", "digital-infrastructure"),
    ("Mobility data", "mobility-data"),
    ("Algorithms and AI", "algorithms-and-ai"),
    ("Privacy and security", "privacy-and-security"),
    ("Platform work", "platform-work"),
    ("Workers' rights", "workers-rights"),
    ("Digital inclusion", "digital-inclusion"),
    ("Short-term rentals", "short-term-rentals"),
    ("Smart-city sensors", "smart-city-sensors"),
)

# Organisations come in blocks of 20 (ids 20 b + 1 ... 20 b + 20): the first 8 of a block are tech
# companies, then 4 trade unions, 4 civil-society groups, 2 business associations, 1 academic, 1 other.
BLOCK = 20
KINDS_IN_BLOCK = (
    ("tech_company",) * 8 + ("trade_union",) * 4 + ("civil_society",) * 4 + ("business_association",) * 2
    + ("academic", "other")
)
TECH_IN_BLOCK = 8
# Offsets in a block of the groups a city meets outside a negotiation: unions, civil society, academics.
VOICES_IN_BLOCK = (8, 9, 10, 11, 12, 13, 14, 15, 18)
# People come in blocks of 10: 3 public officials of a city, 2 public figures, 5 private people.
OFFICIALS_IN_PERSON_BLOCK = 3
FIGURES_IN_PERSON_BLOCK = 2
# Per city, users 2 + 5 (c - 1) onwards: 3 envoys, then 2 council staff; user 1 is the superuser.
ENVOYS_PER_CITY = 3
STAFF_PER_CITY = 2
USERS_PER_CITY = ENVOYS_PER_CITY + STAFF_PER_CITY

CHUNK = 100_000  # rows per statement of the big tables, so the bar moves and no statement holds too much

NAME_STARTS = ("Quor", "Zeph", "Lumi", "Vel", "Tal", "Bras", "Kiv", "Niv", "Mer", "Ped", "Ostr", "Cal", "Dun", "Ferr",
               "Gal", "Hal", "Isk", "Jor", "Kel", "Lor")
NAME_ENDS = ("vex", "ine", "vane", "quinn", "lovi", "moor", "aro", "alto", "idel", "alpost", "ava", "ion", "ora",
             "etta", "ix", "umo", "ent", "aris", "ola", "ynth")
KIND_WORDS = {
    "tech_company": ("Data Systems", "Mobility", "Delivery", "Sensing", "Stays", "Care", "Networks", "Cloud"),
    "trade_union": ("Couriers' Union", "Workers' Union", "Drivers' Guild", "Care Workers' Union"),
    "civil_society": ("Digital Rights", "Tenants' Association", "Open Data Collective", "Privacy Watch"),
    "business_association": ("Chamber of Commerce", "Platform Economy Association"),
    "academic": ("Institute for Urban Data",),
    "other": ("Foundation",),
}
FIRST_NAMES = ("Anna", "Bram", "Carla", "Duc", "Emma", "Farid", "Grace", "Hoa", "Ines", "Jorge", "Kim", "Lars",
               "Maya", "Nam", "Olga", "Pau", "Quynh", "Rosa", "Sam", "Thu", "Uma", "Victor", "Wen", "Yusuf")
LAST_NAMES = ("de Vries", "Garcia", "Smith", "Nguyen", "Tran", "Jansen", "Puig", "Patel", "Le", "Okafor", "Kowalski",
              "Rossi", "Silva", "Kim", "Haddad", "Berg", "Novak", "Pham", "Lopez", "Brown")
OFFICIAL_ROLES = ("Deputy mayor for digital affairs", "Councillor for economy", "Chief technology officer",
                  "Head of mobility", "Data protection officer")
FIGURE_ROLES = ("Chief executive", "Head of public policy", "General secretary", "Director")
PRIVATE_ROLES = ("Policy adviser", "Account manager", "Organiser", "Researcher", "Engineer")
LOCATIONS = ("City Hall", "Company offices", "Video call", "Innovation hub", "Council chamber", "Union office")
FORMATS = ("in_person", "in_person", "video", "video", "phone", "site_visit", "event")
GROUNDS = ("commercial", "ongoing_negotiation", "personal_data", "security", "legal_advice")
MAIN_POINTS = (
    "The company presented its proposal to share anonymised trip data with the city.",
    "The city set out its conditions on data localisation and retention.",
    "Couriers' pay and the appeal process for deactivations were discussed.",
    "The company explained how its algorithm allocates work.",
    "The parties reviewed the draft data-sharing agreement clause by clause.",
)
POSITIONS = (
    "The city asked for trip-level data; the company offered aggregates.",
    "The company opposed a minimum hourly rate; the union insisted on one.",
    "The city required an independent audit of the algorithm.",
    "The company asked for a longer transition period.",
)
CONCLUSIONS = (
    "A draft agreement follows within a month.",
    "The company will send a written proposal.",
    "The parties meet again after the council's decision.",
    "No agreement; the city will consult the unions.",
)
VAGUE = ("General discussion", "Current affairs", "Introductory meeting", "Catch-up")
STAGES = (  # weighted: scoping 10%, active 35%, agreement reached 15%, stalled 15%, concluded 15%, abandoned 10%
    ("scoping",) * 2 + ("active",) * 7 + ("agreement_reached",) * 3 + ("stalled",) * 3 + ("concluded",) * 3
    + ("abandoned",) * 2
)
COMPLETIONS = (  # weighted: not started 30%, limited 20%, substantial 15%, complete 20%, withdrawn 7%, broken 8%
    ("not_started",) * 30 + ("limited",) * 20 + ("substantial",) * 15 + ("complete",) * 20 + ("withdrawn",) * 7
    + ("broken",) * 8
)
DATA_PRINCIPLES = ("universal_access", "privacy", "transparency", "participation", "open_standards")
WORKER_PRINCIPLES = ("fair_pay", "fair_conditions", "fair_contracts", "fair_management", "fair_representation")
COMMITMENT_TEXTS = (
    "Share anonymised trip data with the city every month",
    "Store residents' data in data centres within the country",
    "Publish an annual transparency report on algorithmic decisions",
    "Pay couriers at least the city's living wage for time logged in",
    "Set up an appeal process for deactivated workers",
    "Recognise the couriers' union for collective bargaining",
    "Open the sensor data to the public under an open licence",
    "Delete camera footage after 72 hours",
    "Consult residents before deploying new sensors",
    "Register every short-term rental with the city",
)
UPDATE_TEXTS = (
    "The first monthly data file was delivered.",
    "Work has started; a plan was shared with the city.",
    "Half of the measures are in place.",
    "The company reports the commitment met and published the evidence.",
    "No progress this quarter.",
)
