"""A value no column can hold is a 400 naming the field, never a 500, on PostgreSQL and SQLite alike.

Integers past 64 bits (SQLite: OverflowError), date-times whose offset PostgreSQL does not know
("time zone displacement out of range") and times that leave years 1 to 9999 once read in UTC
(SQLite: "date value out of range"). tests/api/test_on_sqlite.py runs this module on SQLite too.
"""

import django_filters
import pytest
from django.db import models
from django.urls import reverse
from django_filters.utils import get_model_field

from ambassador.core.api import filters
from ambassador.transparency.api.urls import router as public_router
from config.api_router import router as staff_router

from .conftest import ENDPOINTS, client_for, detail_url, list_url

pytestmark = pytest.mark.django_db

PAST_64_BITS = ["-26243983406478353498112", "99999999999999999999999", str(2**63)]
OUT_OF_RANGE_TIMES = [
    "0270-08-28T23:39:58.787+23:45",  # an offset PostgreSQL refuses, when sent as given
    "0001-01-01T00:00:00+01:00",  # before year 1 in UTC
    "9999-12-31T23:59:00-01:00",  # after year 9999 in UTC
]

STAFF_VIEWSETS = {prefix: viewset for prefix, viewset, _ in staff_router.registry}
PUBLIC_VIEWSETS = {prefix: viewset for prefix, viewset, _ in public_router.registry}
PUBLIC_API = "/api/public/v1"


def _integer_filter(filter_) -> bool:
    if isinstance(filter_, django_filters.NumberFilter):
        return isinstance(filter_, filters.IntegerFilter)
    if isinstance(filter_, django_filters.ModelChoiceFilter | django_filters.ModelMultipleChoiceFilter):
        return filter_.extra.get("to_field_name") in (None, "id", "pk")
    return False


def _datetime_filter(filter_) -> bool:
    return isinstance(filter_, django_filters.IsoDateTimeFilter | django_filters.DateTimeFilter)


def _filters(viewsets: dict, kind) -> dict[str, list[str]]:
    """The names of the filters of one kind, per endpoint that has any."""
    found = {}
    for prefix, viewset in viewsets.items():
        filterset = getattr(viewset, "filterset_class", None)
        names = [name for name, filter_ in (filterset.base_filters.items() if filterset else []) if kind(filter_)]
        if names:
            found[prefix] = names
    return found


STAFF_INTEGER_FILTERS = _filters(STAFF_VIEWSETS, _integer_filter)
STAFF_DATETIME_FILTERS = _filters(STAFF_VIEWSETS, _datetime_filter)
PUBLIC_INTEGER_FILTERS = _filters(PUBLIC_VIEWSETS, _integer_filter)
PUBLIC_DATETIME_FILTERS = _filters(PUBLIC_VIEWSETS, _datetime_filter)


@pytest.fixture
def envoy(world):
    return client_for(world.users["amsterdam envoy"])


@pytest.fixture
def anonymous(settings):
    settings.AMBASSADOR_PUBLIC_API_RATE = "10000/min"
    return client_for(None)


def assert_400_naming(response, name):
    assert response.status_code == 400, (name, response.content)
    assert name in response.json(), (name, response.json())


def test_every_kind_of_filter_is_found():
    assert "city_id" in STAFF_INTEGER_FILTERS["commitments"]
    assert "id" in STAFF_INTEGER_FILTERS["commitments"]
    assert "lead_envoy_id" in STAFF_INTEGER_FILTERS["negotiations"]
    assert "held_after" in STAFF_DATETIME_FILTERS["meetings"]
    assert "person" in PUBLIC_INTEGER_FILTERS["memberships"]
    assert "starts_before" in PUBLIC_DATETIME_FILTERS["meetings"]


@pytest.mark.parametrize("endpoint", sorted(STAFF_INTEGER_FILTERS))
def test_an_id_past_64_bits_in_a_staff_filter_is_a_400_naming_it(envoy, endpoint):
    for name in STAFF_INTEGER_FILTERS[endpoint]:
        for value in PAST_64_BITS:
            assert_400_naming(envoy.get(list_url(endpoint), {name: value}), name)


@pytest.mark.parametrize("endpoint", sorted(STAFF_DATETIME_FILTERS))
def test_a_time_outside_the_calendar_in_utc_in_a_staff_filter_is_a_400_naming_it(envoy, endpoint):
    for name in STAFF_DATETIME_FILTERS[endpoint]:
        for value in OUT_OF_RANGE_TIMES[1:]:
            assert_400_naming(envoy.get(list_url(endpoint), {name: value}), name)
        # Any offset ISO 8601 allows is read.
        response = envoy.get(list_url(endpoint), {name: OUT_OF_RANGE_TIMES[0]})
        assert response.status_code == 200, (name, response.content)


@pytest.mark.parametrize("endpoint", sorted(PUBLIC_INTEGER_FILTERS))
def test_an_id_past_64_bits_in_a_public_filter_is_a_400_naming_it(anonymous, endpoint):
    for name in PUBLIC_INTEGER_FILTERS[endpoint]:
        for value in PAST_64_BITS:
            assert_400_naming(anonymous.get(f"{PUBLIC_API}/{endpoint}/", {name: value}), name)


@pytest.mark.parametrize("endpoint", sorted(PUBLIC_DATETIME_FILTERS))
def test_a_time_outside_the_calendar_in_utc_in_a_public_filter_is_a_400_naming_it(anonymous, endpoint):
    for name in PUBLIC_DATETIME_FILTERS[endpoint]:
        for value in OUT_OF_RANGE_TIMES[1:]:
            assert_400_naming(anonymous.get(f"{PUBLIC_API}/{endpoint}/", {name: value}), name)


def test_a_city_id_past_64_bits_is_a_400_and_a_time_with_a_23_45_offset_is_read(world, anonymous):
    city_id = "-26243983406478353498112"
    assert_400_naming(client_for(world.users["amsterdam envoy"]).get(list_url("commitments"), {"city_id": city_id}),
                      "city_id")
    response = anonymous.get(f"{PUBLIC_API}/meetings/", {"starts_before": "0270-08-28T23:39:58.787+23:45"})
    assert response.status_code == 200, response.content
    assert response.json()["results"] == []


def test_an_id_past_64_bits_in_a_staff_path_is_a_404(world, envoy):
    staff = client_for(world.users["amsterdam council staff"])
    for value in PAST_64_BITS:
        for endpoint in ENDPOINTS:
            assert envoy.get(detail_url(endpoint, value)).status_code == 404, endpoint
        for endpoint in ("meetings", "commitments", "commitment-updates"):
            for action in ("submit", "publish", "return-to-draft"):
                url = f"{detail_url(endpoint, value)}{action}/"
                response = staff.post(url, {"reason": "Wrong date."}, format="json")
                assert response.status_code == 404, (url, response.content)


def test_an_id_past_64_bits_in_a_public_path_or_page_is_a_404(anonymous):
    for value in PAST_64_BITS:
        for endpoint in ("people", "memberships", "meetings", "commitments", "commitment-updates",
                         "lobbying-disclosures", "risk-assessments"):
            assert anonymous.get(f"{PUBLIC_API}/{endpoint}/{value}/").status_code == 404, endpoint
    for value in PAST_64_BITS[1:]:  # the pages' paths take digits only
        for name in ("meeting", "commitment"):
            assert anonymous.get(reverse(f"transparency:{name}", args=[value])).status_code == 404
            earlier = reverse(f"transparency:{name}-earlier-version", args=[value, value])
            assert anonymous.get(earlier).status_code == 404


def test_a_page_number_past_64_bits_on_the_public_commitment_list_is_not_a_server_error(anonymous):
    for value in PAST_64_BITS:
        assert anonymous.get(reverse("transparency:commitments"), {"page": value}).status_code == 200


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("negotiation", PAST_64_BITS[0]),
        ("topic", PAST_64_BITS[1]),
        ("attendees", [PAST_64_BITS[2]]),
        ("organisations", [PAST_64_BITS[0]]),
        ("starts_at", "0001-01-01T00:10:00"),  # on Amsterdam's clock, before year 1 in UTC
        ("starts_at", "0001-01-01T00:00:00+01:00"),
        ("starts_at", "9999-12-31T23:59:00-01:00"),
    ],
)
def test_a_value_no_column_can_hold_in_a_logged_meeting_is_a_400_naming_it(world, envoy, field, value):
    body = {"negotiation": world.objects["amsterdam"]["announced"].pk, "starts_at": "2025-10-01T09:30:00Z",
            "subject": "Data feed", field: value}

    assert_400_naming(envoy.post(list_url("meetings"), body, format="json"), field)


@pytest.mark.parametrize(
    ("endpoint", "field"),
    [("commitments", "negotiation"), ("commitments", "source_meeting"), ("commitment-updates", "commitment")],
)
def test_an_id_past_64_bits_in_a_write_is_a_400_naming_it(world, envoy, endpoint, field):
    amsterdam = world.objects["amsterdam"]
    bodies = {
        "commitments": {"negotiation": amsterdam["announced"].pk, "area": "other", "principle": "other", "text": "A"},
        "commitment-updates": {"commitment": amsterdam["commitment"].pk, "summary": "Progress."},
    }
    for value in PAST_64_BITS:
        assert_400_naming(envoy.post(list_url(endpoint), {**bodies[endpoint], field: value}, format="json"), field)


@pytest.mark.parametrize(
    "filterset",
    sorted(
        {viewset.filterset_class for viewset in [*STAFF_VIEWSETS.values(), *PUBLIC_VIEWSETS.values()]
         if getattr(viewset, "filterset_class", None) is not None},
        key=lambda filterset: f"{filterset.__module__}.{filterset.__name__}",
    ),
    ids=lambda filterset: f"{filterset.__module__}.{filterset.__name__}",
)
def test_every_filter_of_both_apis_is_bounded(filterset):
    """A new integer, relation or date-time filter uses the bounded filters of ambassador/core/api/filters.py."""
    assert issubclass(filterset, filters.FilterSet)
    for name, filter_ in filterset.base_filters.items():
        if isinstance(filter_, django_filters.NumberFilter):
            # A plain number filter only for decimals, whose form field is bounded already.
            model_field = get_model_field(filterset._meta.model, filter_.field_name)
            if not isinstance(model_field, models.DecimalField | models.FloatField):
                assert isinstance(filter_, filters.IntegerFilter), name
        if isinstance(filter_, django_filters.ModelMultipleChoiceFilter):
            assert isinstance(filter_, filters.ModelMultipleChoiceFilter), name
        elif isinstance(filter_, django_filters.ModelChoiceFilter):
            assert isinstance(filter_, filters.ModelChoiceFilter), name
        if _datetime_filter(filter_):
            assert isinstance(filter_, filters.DateTimeFilter), name
