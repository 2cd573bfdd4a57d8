"""The OpenAPI schema of the staff API: generated without warnings, every filter documented, docs served."""

import pytest
import yaml
from django.core.management import call_command
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema

from config.api_router import router
from config.urls import staff_api_patterns

from .conftest import ENDPOINTS, client_for

VIEWSETS = {prefix: viewset for prefix, viewset, _ in router.registry}


@pytest.fixture(scope="module")
def schema():
    GENERATOR_STATS.reset()
    schema = SchemaGenerator(patterns=staff_api_patterns).get_schema(request=None, public=True)
    assert not GENERATOR_STATS, "schema generation warned or failed (see the captured output)"
    return schema


def test_the_schema_command_validates_the_staff_api_without_warnings(tmp_path):
    output = tmp_path / "schema.yaml"

    call_command(
        "spectacular", "--validate", "--fail-on-warn", "--urlconf", "tests.api.staff_urls", "--file", str(output)
    )

    paths = yaml.safe_load(output.read_text())["paths"]
    assert {f"/api/v1/{endpoint}/" for endpoint in ENDPOINTS} <= set(paths)


def test_the_schema_command_for_the_whole_project_gives_no_warnings(tmp_path):
    """The staff API's components must not collide with the public API's (both are in the project schema)."""
    output = tmp_path / "schema.yaml"

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(output))

    assert "/api/v1/meetings/{id}/publish/" in yaml.safe_load(output.read_text())["paths"]


def test_the_schema_is_valid_openapi(schema):
    validate_schema(schema)


def test_the_schema_covers_exactly_the_staff_endpoints(schema):
    list_paths = {path for path in schema["paths"] if path.count("/") == 4}

    # The records' endpoints, and the user's own API tokens (tests/api/test_tokens.py).
    assert list_paths == {f"/api/v1/{endpoint}/" for endpoint in [*ENDPOINTS, "tokens"]}
    assert {"/api/v1/meetings/{id}/submit/", "/api/v1/meetings/{id}/publish/",
            "/api/v1/meetings/{id}/return-to-draft/"} <= set(schema["paths"])


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_every_list_documents_every_filter_and_ordering_and_paging(schema, endpoint):
    parameters = {parameter["name"] for parameter in schema["paths"][f"/api/v1/{endpoint}/"]["get"]["parameters"]}

    assert set(VIEWSETS[endpoint].filterset_class.base_filters) <= parameters
    assert {"ordering", "cursor", "page_size", "format"} <= parameters


def test_commitment_filters_are_documented_with_their_types(schema):
    parameters = {
        parameter["name"]: parameter for parameter in schema["paths"]["/api/v1/commitments/"]["get"]["parameters"]
    }

    assert parameters["overdue"]["schema"]["type"] == "boolean"
    assert parameters["city_id"]["schema"] == {"type": "array", "items": {"type": "integer"}}
    assert parameters["company"]["schema"] == {"type": "array", "items": {"type": "string"}}
    assert parameters["q"]["schema"]["type"] == "string"
    assert set(parameters["area"]["schema"]["items"]["enum"]) == {"data_governance", "workers_rights", "other"}
    assert parameters["due_after"]["schema"]["format"] == "date"
    assert "`due_on`" in parameters["ordering"]["description"]
    assert "`slippage_count`" in parameters["ordering"]["description"]


def test_list_endpoints_document_csv(schema):
    responses = schema["paths"]["/api/v1/meetings/"]["get"]["responses"]["200"]["content"]

    assert "text/csv" in responses


@pytest.mark.django_db
def test_the_schema_and_the_docs_are_served_to_a_logged_in_user(world):
    client = client_for(world.users["amsterdam envoy"])

    schema = client.get("/api/schema/")
    docs = client.get("/api/docs/")

    assert schema.status_code == 200
    assert b"/api/v1/commitments/" in schema.content
    assert docs.status_code == 200
    assert b"swagger" in docs.content.lower()
