"""Every list endpoint costs the same number of queries for 10 rows as for 100, in JSON and in CSV."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ambassador.stakeholders.factories import UserFactory

from .conftest import ENDPOINTS, STAFF_ONLY, Parents, client_for, list_url, make_rows, read_csv

pytestmark = pytest.mark.django_db


def _viewer(endpoint, parents):
    # An envoy sees only their own city in the city list, so the city list is measured for a superuser; and
    # envoys see no reviewers' verdict, so those are measured for council staff.
    if endpoint in STAFF_ONLY:
        return parents.staff
    return UserFactory(superuser=True) if endpoint == "cities" else parents.envoy


def _count(client, endpoint, **params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(list_url(endpoint), params)
        rows = read_csv(response) if params.get("format") == "csv" else response.json()["results"]
    assert response.status_code == 200
    return len(queries), len(rows)


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_a_list_costs_the_same_queries_for_10_rows_and_for_100(endpoint, fmt):
    parents = Parents.create()
    client = client_for(_viewer(endpoint, parents))
    params = {"page_size": 500} if fmt == "json" else {"format": "csv"}
    make_rows(endpoint, 10, parents)
    few_queries, few_rows = _count(client, endpoint, **params)

    make_rows(endpoint, 90, parents)
    many_queries, many_rows = _count(client, endpoint, **params)

    assert many_rows - few_rows == 90
    assert many_queries == few_queries


@pytest.mark.parametrize("endpoint", ["meetings", "negotiations", "commitments"])
def test_a_list_filtered_by_slug_and_ordered_costs_the_same_queries_for_10_rows_and_for_100(endpoint):
    parents = Parents.create()
    client = client_for(parents.envoy)
    params = {"page_size": 500, "city": parents.city.slug, "ordering": "-id", "q": ""}
    make_rows(endpoint, 10, parents)
    few_queries, _ = _count(client, endpoint, **params)

    make_rows(endpoint, 90, parents)
    many_queries, _ = _count(client, endpoint, **params)

    assert many_queries == few_queries


@pytest.mark.parametrize("endpoint", ["meetings", "commitments"])
def test_a_detail_costs_a_handful_of_queries(endpoint):
    parents = Parents.create()
    row = make_rows(endpoint, 1, parents)[0]
    client = client_for(parents.envoy)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"{list_url(endpoint)}{row.pk}/")

    assert response.status_code == 200
    assert len(queries) <= 12
