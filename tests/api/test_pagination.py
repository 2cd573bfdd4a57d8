"""`?ordering=` on every allowed field, and cursor pages that walk every row exactly once."""

import pytest
from django.db.models import F

from config.api_router import router

from .conftest import ENDPOINTS, Parents, client_for, list_url, make_rows

pytestmark = pytest.mark.django_db

VIEWSETS = {prefix: viewset for prefix, viewset, _ in router.registry}

ORDERINGS = [
    pytest.param(endpoint, f"{sign}{field}", id=f"{endpoint} {sign}{field}")
    for endpoint in ENDPOINTS
    for field in VIEWSETS[endpoint].ordering_fields
    for sign in ("", "-")
]


def walk(client, endpoint, **params):
    """Every page, following `next`: a list of pages of ids."""
    response = client.get(list_url(endpoint), params)
    assert response.status_code == 200, response.content
    pages = []
    while True:
        body = response.json()
        pages.append([row["id"] for row in body["results"]])
        if not body["next"]:
            return pages, body
        response = client.get(body["next"])
        assert response.status_code == 200, response.content


def walk_back(client, body):
    """The pages before ``body`` and ``body`` itself, following `previous`, in forward order."""
    pages = [[row["id"] for row in body["results"]]]
    while body["previous"]:
        response = client.get(body["previous"])
        assert response.status_code == 200, response.content
        body = response.json()
        pages.insert(0, [row["id"] for row in body["results"]])
    return pages


def ordered_values(endpoint, term):
    """The field's values of all rows in the database's own order for ``term``, and the value of each id."""
    viewset = VIEWSETS[endpoint]
    field = term.lstrip("-")
    queryset = viewset().annotate(viewset.queryset.model.objects.all())
    expression = F(field).desc() if term.startswith("-") else F(field).asc()
    in_order = list(queryset.order_by(expression).values_list(field, flat=True))
    by_pk = dict(queryset.values_list("pk", field))
    return in_order, by_pk


@pytest.mark.parametrize(("endpoint", "term"), ORDERINGS)
def test_ordering_sorts_by_the_field_and_cursor_pages_walk_every_row_once(superuser, endpoint, term):
    rows = make_rows(endpoint, 8, Parents.create())
    model = VIEWSETS[endpoint].queryset.model
    every_id = set(model.objects.values_list("pk", flat=True))
    assert {row.pk for row in rows} <= every_id

    client = client_for(superuser)
    pages, last = walk(client, endpoint, ordering=term, page_size=3)
    walked = [pk for page in pages for pk in page]

    assert len(walked) == len(set(walked)), "a row came back twice"
    assert set(walked) == every_id
    assert all(len(page) == 3 for page in pages[:-1])
    in_order, by_pk = ordered_values(endpoint, term)
    assert [by_pk[pk] for pk in walked] == in_order
    assert walk_back(client, last) == pages


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_default_order_pages_walk_every_row_once(superuser, endpoint):
    make_rows(endpoint, 7, Parents.create())
    every_id = set(VIEWSETS[endpoint].queryset.model.objects.values_list("pk", flat=True))

    pages, _ = walk(client_for(superuser), endpoint, page_size=3)
    walked = [pk for page in pages for pk in page]

    assert sorted(walked) == sorted(every_id)


def test_an_ordering_field_not_offered_is_ignored(superuser):
    make_rows("people", 4, Parents.create())
    client = client_for(superuser)

    by_notes, _ = walk(client, "people", ordering="notes")
    default, _ = walk(client, "people")

    assert by_notes == default


def test_page_size_is_capped(superuser):
    make_rows("cities", 3, Parents.create())

    response = client_for(superuser).get(list_url("cities"), {"page_size": 100_000})

    assert response.status_code == 200
    assert len(response.json()["results"]) == 4


@pytest.mark.parametrize(
    "cursor",
    [
        "not-a-cursor\x00",
        "eyJyIjpmYWxzZSwicCI6WyJhIiwiYiJdfQ==",  # {"r":false,"p":["a","b"]}: not a date, not an id
        "eyJyIjpmYWxzZSwicCI6WyIxIl19",  # {"r":false,"p":["1"]}: too few values
        "eyJyIjoxLCJwIjpbXX0=",  # {"r":1,"p":[]}
        "W10=",  # []
    ],
)
def test_a_garbled_cursor_is_a_404_not_a_server_error(superuser, cursor):
    make_rows("meetings", 2, Parents.create())

    response = client_for(superuser).get(list_url("meetings"), {"cursor": cursor})

    assert response.status_code == 404


@pytest.mark.parametrize("term", ["last_meeting_at", "-closed_on", "stage"])
def test_pages_walk_every_row_once_with_a_filter_that_joins_many_rows(superuser, term):
    """Filtering by topic joins one row per topic (hence DISTINCT); ordering and cursors still hold."""
    parents = Parents.create()
    rows = make_rows("negotiations", 7, parents)

    pages, _ = walk(
        client_for(superuser), "negotiations", topic_id=[topic.pk for topic in parents.topics], ordering=term,
        page_size=2,
    )
    walked = [pk for page in pages for pk in page]

    assert sorted(walked) == sorted(row.pk for row in rows)
