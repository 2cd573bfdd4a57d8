"""NUL bytes anywhere (query, path, body, headers) get a 4xx, never a 500: PostgreSQL text cannot hold them."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from config.api_router import router

from .conftest import ENDPOINTS, client_for, detail_url, list_url

pytestmark = pytest.mark.django_db

VIEWSETS = {prefix: viewset for prefix, viewset, _ in router.registry}
NULS = ["\x00", "a\x00b", "\x00\x00", "amsterdam\x00"]

FILTER_PARAMS = [
    pytest.param(endpoint, name, id=f"{endpoint} {name}")
    for endpoint in ENDPOINTS
    for name in VIEWSETS[endpoint].filterset_class.base_filters
]


@pytest.fixture
def client(world):
    return client_for(world.users["amsterdam envoy"])


@pytest.mark.parametrize(("endpoint", "param"), FILTER_PARAMS)
def test_a_nul_byte_in_any_filter_is_a_400_naming_the_filter(client, endpoint, param):
    for value in NULS:
        for fmt in ("json", "csv"):
            response = client.get(list_url(endpoint), {param: value, "format": fmt})
            assert response.status_code == 400, (value, fmt, response.content)
            assert param in response.content.decode()


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("param", ["ordering", "cursor", "page_size", "format", "unknown\x00param"])
def test_a_nul_byte_in_ordering_paging_format_or_an_unknown_parameter_is_not_a_server_error(client, endpoint, param):
    for value in NULS:
        assert client.get(list_url(endpoint), {param: value}).status_code < 500


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_a_nul_byte_in_the_path_is_a_404(client, endpoint):
    for value in ["%00", "1%00", "a%00b"]:
        assert client.get(detail_url(endpoint, value)).status_code == 404
    assert client.get(f"/api/v1/{endpoint}%00/").status_code == 404


@pytest.mark.parametrize("action", ["submit", "publish", "return-to-draft"])
def test_a_nul_byte_in_a_workflow_path_is_a_404(client, action):
    assert client.post(f"/api/v1/meetings/1%00/{action}/", {"reason": "x"}, format="json").status_code == 404


WRITES = {
    "meetings": ["negotiation", "starts_at", "location", "format", "subject", "topic", "minutes_main_points",
                 "minutes_positions", "minutes_conclusions", "attendees", "organisations", "confidentiality",
                 "withholding_ground", "release_on", "commitments"],
    "commitments": ["negotiation", "source_meeting", "promiser", "area", "principle", "text", "due_on",
                    "completion", "completed_on", "evidence", "evidence_url"],
    "commitment-updates": ["commitment", "reported_on", "summary", "evidence", "evidence_url", "completion",
                           "new_due_on", "due_date_reason"],
}


def valid_body(world, endpoint):
    amsterdam = world.objects["amsterdam"]
    if endpoint == "meetings":
        return {
            "negotiation": amsterdam["announced"].pk, "starts_at": "2025-10-01T09:30:00Z", "subject": "Data feed",
            "commitments": [{"area": "other", "principle": "other", "text": "A study."}],
        }
    if endpoint == "commitments":
        return {"negotiation": amsterdam["announced"].pk, "area": "other", "principle": "other", "text": "A study."}
    return {"commitment": amsterdam["commitment"].pk, "summary": "Progress."}


@pytest.mark.parametrize(
    ("endpoint", "field", "encoding"),
    [
        (endpoint, field, encoding)
        for endpoint, fields in WRITES.items()
        for field in fields
        for encoding in ("json", "multipart")
        # Nested commitments only come as JSON.
        if not (encoding == "multipart" and field == "commitments")
    ],
)
def test_a_nul_byte_in_any_written_field_is_a_400_naming_the_field(world, client, endpoint, field, encoding):
    body = valid_body(world, endpoint)
    body[field] = "x\x00y"

    response = client.post(list_url(endpoint), body, format=encoding)

    assert response.status_code == 400, response.content
    assert field in response.json()


@pytest.mark.parametrize("field", ["text", "area", "principle", "promiser", "due_on", "completion"])
def test_a_nul_byte_in_a_nested_commitment_is_a_400_naming_it(world, client, field):
    body = valid_body(world, "meetings")
    body["commitments"][0][field] = "\x00"

    response = client.post(list_url("meetings"), body, format="json")

    assert response.status_code == 400
    assert field in response.json()["commitments"]["0"]


def test_a_nul_byte_in_a_json_key_or_a_raw_body_is_not_a_server_error(world, client):
    body = valid_body(world, "commitments")
    body["te\x00xt"] = "A study."

    assert client.post(list_url("commitments"), body, format="json").status_code == 201  # unknown keys are ignored
    raw = client.generic("POST", list_url("commitments"), b'{"text": "\x00', content_type="application/json")
    assert raw.status_code == 400


def test_a_nul_byte_in_the_return_to_draft_reason_is_a_400(world):
    staff = client_for(world.users["amsterdam council staff"])
    published = world.objects["amsterdam"]["published"]

    response = staff.post(f"{detail_url('meetings', published.pk)}return-to-draft/", {"reason": "a\x00"}, format="json")

    assert response.status_code == 400
    assert "reason" in response.json()


def test_a_nul_byte_in_the_accept_header_is_not_a_server_error(client):
    assert client.get(list_url("meetings"), HTTP_ACCEPT="text/csv\x00").status_code < 500


# Any text at all, always with a NUL somewhere in it.
nul_text = st.tuples(st.text(max_size=10), st.text(max_size=10)).map(lambda parts: f"{parts[0]}\x00{parts[1]}")
any_param = st.sampled_from(
    sorted({name for viewset in VIEWSETS.values() for name in viewset.filterset_class.base_filters}
           | {"ordering", "cursor", "page_size", "format"})
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(endpoint=st.sampled_from(ENDPOINTS), params=st.dictionaries(any_param, nul_text, min_size=1, max_size=4))
def test_fuzz_any_parameters_with_nul_bytes_never_give_a_server_error(client, endpoint, params):
    assert client.get(list_url(endpoint), params).status_code < 500


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    endpoint=st.sampled_from(list(WRITES)),
    data=st.data(),
)
def test_fuzz_bodies_with_nul_bytes_never_give_a_server_error_or_a_write(world, client, endpoint, data):
    from ambassador.commitments.models import Commitment, CommitmentUpdate
    from ambassador.negotiations.models import Meeting

    body = valid_body(world, endpoint)
    fields = data.draw(st.lists(st.sampled_from(WRITES[endpoint]), min_size=1, max_size=3, unique=True))
    for field in fields:
        # A list always holds a NUL too: an empty list of attendees or commitments is a valid body.
        body[field] = data.draw(st.one_of(nul_text, st.lists(nul_text, min_size=1, max_size=2)))
    before = (Meeting.objects.count(), Commitment.objects.count(), CommitmentUpdate.objects.count())

    response = client.post(list_url(endpoint), body, format="json")

    assert response.status_code == 400, response.content
    assert (Meeting.objects.count(), Commitment.objects.count(), CommitmentUpdate.objects.count()) == before
