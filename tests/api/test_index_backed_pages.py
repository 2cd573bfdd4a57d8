"""Every ordering the big lists offer is read from an index, on the first page and on a deep one
(see ``tests/query_plans.py`` for how a plan at test size tells it)."""

import pytest

from config.api_router import router
from tests.query_plans import ordered_page_sql, plan_without_sorting, sorts_over

from .conftest import Parents, client_for, list_url, make_rows

pytestmark = pytest.mark.django_db

VIEWSETS = {prefix: viewset for prefix, viewset, _ in router.registry}

# The lists that grow with the record; cities, organisations and people stay in the thousands.
BIG_LISTS = [
    "negotiations", "meetings", "commitments", "commitment-updates", "overdue-flags", "risk-assessments",
    "indicator-verdicts",
]
# A count of each negotiation's meetings, computed per request: no index can hold it.
COMPUTED = {("negotiations", "last_meeting_at")}

ORDERINGS = [
    pytest.param(endpoint, f"{sign}{field}", id=f"{endpoint} {sign}{field}")
    for endpoint in BIG_LISTS
    for field in VIEWSETS[endpoint].ordering_fields
    if (endpoint, field) not in COMPUTED
    for sign in ("", "-")
] + [pytest.param(endpoint, None, id=f"{endpoint} default") for endpoint in BIG_LISTS]


@pytest.mark.parametrize(("endpoint", "term"), ORDERINGS)
def test_first_and_deep_pages_read_an_index_in_the_order_asked(superuser, endpoint, term):
    make_rows(endpoint, 6, Parents.create())
    table = VIEWSETS[endpoint].queryset.model._meta.db_table
    client = client_for(superuser)
    params = {"page_size": 2, **({"ordering": term} if term else {})}

    response, first = ordered_page_sql(client, list_url(endpoint), table, params)
    assert response.json()["next"], "too few rows for a second page"
    _, deep = ordered_page_sql(client, response.json()["next"], table)

    for sql in (first, deep):
        assert sorts_over(plan_without_sorting(sql), table) == [], sql


PUBLIC_LISTS = {
    "negotiations": "negotiations_negotiation",
    "meetings": "negotiations_meeting",
    "commitments": "commitments_commitment",
    "commitment-updates": "commitments_commitmentupdate",
}


@pytest.mark.parametrize("endpoint", PUBLIC_LISTS)
def test_public_api_first_and_deep_pages_read_an_index(endpoint):
    from rest_framework.test import APIClient

    from ambassador.commitments.factories import CommitmentUpdateFactory

    parents = Parents.create()
    for i in range(3):
        negotiation = parents.negotiation(i)
        meeting = parents.meeting(negotiation, 1)  # published
        for _ in range(2):
            CommitmentUpdateFactory(commitment__negotiation=negotiation, commitment__source_meeting=meeting)
    table = PUBLIC_LISTS[endpoint]
    client = APIClient()

    response, first = ordered_page_sql(client, f"/api/public/v1/{endpoint}/", table, {"page_size": 1})
    assert response.json()["next"], "too few rows for a second page"
    _, deep = ordered_page_sql(client, response.json()["next"], table)

    for sql in (first, deep):
        assert sorts_over(plan_without_sorting(sql), table) == [], sql
