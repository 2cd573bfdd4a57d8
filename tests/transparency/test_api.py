"""The public API: anonymous, read-only, an allow-list of fields, withheld records absent."""

import pytest
import yaml
from django.core.cache import cache

from .conftest import body_of

pytestmark = pytest.mark.django_db

API = "/api/public/v1"

# The only fields the public API may ever publish. Adding one is a decision: change it here too.
# Component names carry "Public" so that they never collide with the staff API's.
ALLOWED_FIELDS = {
    "PublicCity": {"slug", "name", "country", "time_zone", "languages", "page_url"},
    "PublicOrganisation": {"slug", "name", "kind", "registry_id", "parent", "website", "description", "page_url"},
    "PublicPerson": {"id", "name", "is_public_official", "is_public_figure"},
    "PublicMembership": {"id", "person", "person_name", "organisation", "city", "role", "start_on", "end_on"},
    "PublicNegotiation": {
        "slug", "title", "city", "company", "stage", "opened_on", "closed_on", "topics", "public_summary",
        "published_meetings", "page_url",
    },
    "PublicMeeting": {
        "id", "subject", "starts_at", "time_zone", "city", "negotiation", "company", "format", "topic", "location",
        "confidentiality", "withholding_ground", "minutes_main_points", "minutes_positions", "minutes_conclusions",
        "organisations", "named_attendees", "other_attendees", "published_at", "page_url",
    },
    "PublicNamedPerson": {"id", "name", "role", "affiliation"},
    "PublicUnnamedGroup": {"affiliation", "count"},
    "PublicCommitment": {
        "id", "negotiation", "city", "company", "source_meeting", "promiser", "area", "principle", "text", "due_on",
        "original_due_on", "slippage_count", "completion", "completed_on", "overdue", "evidence", "evidence_url",
        "page_url",
    },
    "PublicCommitmentUpdate": {
        "id", "commitment", "reported_on", "summary", "evidence", "evidence_url", "completion", "previous_due_on",
        "new_due_on", "due_date_reason",
    },
    "PublicLobbyingDisclosure": {
        "id", "organisation", "period_start", "period_end", "jurisdiction", "declared_spend", "currency",
        "declared_lobbyist_headcount", "source_url",
    },
    "PublicRiskAssessment": {
        "id", "organisation", "city", "assessed_on", "score", "confidence", "enough_data", "indicators",
    },
    "PublicIndicator": {
        "key", "value", "threshold", "fired", "contribution", "sample_size", "applicable", "explanation",
        "evidence", "group", "counted", "facts",
    },
}


@pytest.fixture(autouse=True)
def _fresh_throttle():
    cache.clear()


def _schema(client):
    response = client.get(f"{API}/schema/")
    assert response.status_code == 200
    return yaml.safe_load(response.content)


def test_schema_publishes_exactly_the_allowed_fields(client, world):
    components = _schema(client)["components"]["schemas"]
    published = {
        name: set(schema["properties"]) for name, schema in components.items() if "properties" in schema
    }
    unexpected = {name: fields for name, fields in published.items() if name.startswith("Paginated")}
    published = {name: fields for name, fields in published.items() if name not in unexpected}
    assert published == ALLOWED_FIELDS


def test_schema_covers_only_the_public_api(client, world):
    paths = _schema(client)["paths"]
    assert paths
    assert all(path.startswith(f"{API}/") for path in paths)
    assert all(set(operations) <= {"get", "parameters"} for operations in paths.values())


def test_every_collection_answers_anonymously_with_a_cursor(client, world):
    root = client.get(f"{API}/").json()
    for name, url in root.items():
        if name == "schema":
            continue
        response = client.get(url)
        assert response.status_code == 200, url
        data = response.json()
        assert {"next", "previous", "results"} <= set(data), url


def test_cursor_pagination_walks_every_meeting_once(client, world):
    seen, url = [], f"{API}/meetings/?page_size=1"
    while url:
        data = client.get(url).json()
        seen += [meeting["id"] for meeting in data["results"]]
        url = data["next"]
    assert sorted(seen) == sorted({world.public_meeting.pk, world.restricted.pk, world.released.pk})


def test_restricted_meeting_has_no_minutes_and_private_people_are_only_counted(client, world):
    data = client.get(f"{API}/meetings/{world.restricted.pk}/").json()
    assert data["subject"] == "Restricted pricing talk"
    assert data["minutes_main_points"] == data["minutes_positions"] == data["minutes_conclusions"] == ""
    assert data["location"] == ""
    assert [p["name"] for p in data["named_attendees"]] == ["Petra Publica"]
    assert data["other_attendees"] == [{"affiliation": "Ridelyn Mobility", "count": 1}]


@pytest.mark.parametrize(
    "url",
    [
        "meetings/{world.embargoed.pk}/", "meetings/{world.draft.pk}/", "meetings/{world.submitted.pk}/",
        "commitments/{world.embargoed_commitment.pk}/", "commitments/{world.unannounced_commitment.pk}/",
        "commitments/{world.draft_commitment.pk}/", "negotiations/{world.unannounced.slug}/",
        "people/{world.private_person.pk}/",
    ],
)
def test_withheld_records_give_404(client, world, url):
    assert client.get(f"{API}/" + url.format(world=world)).status_code == 404


def test_no_withheld_text_in_any_collection(client, world):
    root = client.get(f"{API}/").json()
    for name, url in root.items():
        body = body_of(client.get(url))
        for secret in world.secrets:
            assert secret not in body, (name, secret)


def test_filters_narrow_commitments_and_meetings(client, world):
    data = client.get(f"{API}/commitments/", {"overdue": "true", "city": world.city.slug}).json()
    assert [c["id"] for c in data["results"]] == [world.public_commitment.pk]
    data = client.get(f"{API}/commitments/", {"completion": "complete"}).json()
    assert data["results"] == []
    data = client.get(f"{API}/meetings/", {"confidentiality": "restricted"}).json()
    assert [m["id"] for m in data["results"]] == [world.restricted.pk]


@pytest.mark.parametrize(("endpoint", "name"), [("commitments", "overdue"), ("risk-assessments", "overall")])
def test_a_yes_or_no_filter_that_is_neither_is_a_400_naming_it(client, world, endpoint, name):
    response = client.get(f"{API}/{endpoint}/", {name: "maybe"})

    assert response.status_code == 400
    assert name in response.json()


def test_writes_are_not_allowed(client, world):
    assert client.post(f"{API}/meetings/", {}).status_code == 405
    assert client.delete(f"{API}/meetings/{world.public_meeting.pk}/").status_code == 405


def test_anonymous_readers_are_throttled(client, world, settings):
    settings.AMBASSADOR_PUBLIC_API_RATE = "3/min"
    codes = [client.get(f"{API}/cities/").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
