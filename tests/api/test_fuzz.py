"""Both APIs fuzzed from their own OpenAPI schemas: no request, however odd, gets a 5xx, and every answer
matches the schema (status code, content type, body).

Schemathesis draws requests for every operation of the staff schema (/api/schema/, with an envoy's
token) and the public schema (/api/public/v1/schema/), and sends them through the WSGI application in
this process, over the records of tests/api/conftest.py. tests/api/test_on_sqlite.py runs this module
on SQLite too. The number of requests is bounded so the module stays within about a minute.
"""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings
from schemathesis import checks
from schemathesis.config import SchemathesisConfig

from tests.api.conftest import token_for

pytestmark = [pytest.mark.django_db, pytest.mark.timeout(300)]

# What "matches the schema" means. Not `positive_data_acceptance`: a request the schema allows may still
# be refused for a reason a schema cannot state (an id of a record that does not exist or belongs to
# another city, a principle outside its area, a publication by the person who logged the record).
# Not `negative_data_rejection`: as DRF's pagination does, a page size that is not a number is read as the
# default page size, and an empty filter (`?kind=`) as no filter, both answered 200 rather than 400.
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_headers_conformance,
    checks.response_schema_conformance,
]
MAX_EXAMPLES = 10
# Random requests only: schemathesis's coverage phase (every boundary value of every parameter) sends
# thousands, beyond this module's minute; the limits of ids and times have tests of their own
# (test_out_of_range.py).
CONFIG = SchemathesisConfig.from_dict(
    {"phases": {"coverage": {"enabled": False}, "stateful": {"enabled": False}},
     "generation": {"max-examples": MAX_EXAMPLES}}
)
FUZZ_SETTINGS = settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    # Shrinking a failure can take minutes; the first failing request is reported as found.
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
    database=None,
)


def staff_token_header(user) -> str:
    """The Authorization header of a new staff API token of ``user``."""
    return f"Token {token_for(user)}"


@pytest.fixture
def wsgi_application():
    """The site's WSGI application, inside the test's transaction.

    As Django's test client does, requests do not close the database connection when they end: that
    would end the transaction holding the test's records.
    """
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield get_wsgi_application()
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def staff_schema(world, wsgi_application):
    return schemathesis.openapi.from_wsgi("/api/schema/?format=json", wsgi_application, config=CONFIG)


@pytest.fixture
def public_schema(world, wsgi_application, settings):
    # The fuzzing sends far more requests than a reader may; the throttle has tests of its own.
    settings.AMBASSADOR_PUBLIC_API_RATE = "100000/min"
    return schemathesis.openapi.from_wsgi("/api/public/v1/schema/?format=json", wsgi_application, config=CONFIG)


@pytest.fixture
def envoy_authorization(world):
    return staff_token_header(world.users["amsterdam envoy"])


@pytest.fixture(autouse=True)
def _node_id_for_schemathesis(request):
    """Schemathesis 4.32 names each subtest through ``node._nodeid``, which pytest 9 no longer has."""
    if not hasattr(request.node, "_nodeid"):
        request.node._nodeid = request.node.nodeid


staff_api = schemathesis.pytest.from_fixture("staff_schema")
public_api = schemathesis.pytest.from_fixture("public_schema")


@staff_api.parametrize()
@FUZZ_SETTINGS
def test_fuzz_the_staff_api_never_answers_5xx_and_matches_its_schema(case, envoy_authorization):
    case.call_and_validate(headers={"Authorization": envoy_authorization}, checks=CHECKS)


@public_api.parametrize()
@FUZZ_SETTINGS
def test_fuzz_the_public_api_never_answers_5xx_and_matches_its_schema(case):
    case.call_and_validate(checks=CHECKS)
