"""Long lists on the public site come in bounded pages that walk by position, not by offset."""

import datetime
import html
import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ambassador.commitments.factories import CommitmentFactory
from ambassador.commitments.models import Commitment
from ambassador.transparency import views
from tests.query_plans import ordered_page_sql, plan_without_sorting, sorts_over

from .conftest import body_of

pytestmark = pytest.mark.django_db

COMMITMENT_ID = re.compile(r'<li>\s*<div class="commitment" id="commitment-(\d+)"')
NEXT = re.compile(r'rel="next" href="([^"]+)"')
PREVIOUS = re.compile(r'rel="prev" href="([^"]+)"')


@pytest.fixture(autouse=True)
def _render_every_request(settings):
    """Each request renders its page (the counts and plans below are the rendering's, not a kept copy's)."""
    settings.AMBASSADOR_PUBLIC_PAGE_COPIES = False


def ids_on(body: str) -> list[int]:
    return [int(pk) for pk in COMMITMENT_ID.findall(body)]


def link(pattern, body: str, path: str) -> str | None:
    found = pattern.search(body)
    return f"{path}{html.unescape(found.group(1))}" if found else None


def walk(client, url: str, path: str):
    """Every page from ``url`` on, following the next links: the pages of ids and the last page's body."""
    pages = []
    while True:
        response = client.get(url)
        assert response.status_code == 200, url
        body = body_of(response)
        pages.append(ids_on(body))
        url = link(NEXT, body, path)
        if url is None:
            return pages, body


def walk_back(client, body: str, path: str) -> list[list[int]]:
    """The pages before the one in ``body`` and that one, following the previous links, in reading order."""
    pages = [ids_on(body)]
    url = link(PREVIOUS, body, path)
    while url is not None:
        response = client.get(url)
        assert response.status_code == 200, url
        body = body_of(response)
        pages.insert(0, ids_on(body))
        url = link(PREVIOUS, body, path)
    return pages


def public_commitments(world, count: int, *, due_on=None):
    """``count`` more public commitments of the world's negotiation; several share each due date, some have none."""
    made = []
    for i in range(count):
        due = due_on if due_on is not None else (
            None if i % 5 == 0 else datetime.date(2027, 1, 1) + datetime.timedelta(days=i % 3)
        )
        made.append(CommitmentFactory(negotiation=world.negotiation, source_meeting=None, due_on=due))
    return made


def expected_order(ids) -> list[int]:
    rows = Commitment.objects.filter(pk__in=ids).values_list("pk", "due_on")
    return [pk for pk, _ in sorted(rows, key=lambda row: (row[1] is None, row[1] or datetime.date.min, row[0]))]


def test_commitment_pages_walk_every_public_commitment_once_in_due_date_order(client, world, monkeypatch):
    monkeypatch.setattr(views, "COMMITMENTS_PER_PAGE", 4)
    public_commitments(world, 17)
    every = set(Commitment.objects.public().values_list("pk", flat=True))

    pages, last = walk(client, "/commitments/", "/commitments/")
    walked = [pk for page in pages for pk in page]

    assert len(walked) == len(set(walked)), "a commitment came back twice"
    assert set(walked) == every
    assert walked == expected_order(every)
    assert all(len(page) == 4 for page in pages[:-1]) and 0 < len(pages[-1]) <= 4
    assert walk_back(client, last, "/commitments/") == pages


def test_commitment_pages_keep_the_filters_and_break_ties_on_one_due_date_by_id(client, world, monkeypatch):
    monkeypatch.setattr(views, "COMMITMENTS_PER_PAGE", 3)
    same_day = public_commitments(world, 8, due_on=datetime.date(2027, 5, 5))
    public_commitments(world, 4)  # other text, filtered out below
    Commitment.objects.filter(pk__in=[c.pk for c in same_day]).update(evidence="marker-text")

    pages, _ = walk(client, "/commitments/?q=marker-text", "/commitments/")

    assert [pk for page in pages for pk in page] == sorted(c.pk for c in same_day)
    assert len(pages) == 3


def test_commitment_list_never_renders_more_than_a_page(client, world):
    public_commitments(world, views.COMMITMENTS_PER_PAGE + 7)
    body = body_of(client.get("/commitments/"))
    assert len(ids_on(body)) == views.COMMITMENTS_PER_PAGE
    assert NEXT.search(body)


def _queries(client, url: str) -> int:
    ContentType.objects.clear_cache()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        assert response.status_code == 200, url
    return len(queries)


def test_a_deep_commitment_page_runs_the_queries_of_the_first_with_3_or_30_rows(client, world, monkeypatch):
    monkeypatch.setattr(views, "COMMITMENTS_PER_PAGE", 3)
    public_commitments(world, 9)
    second = link(NEXT, body_of(client.get("/commitments/")), "/commitments/")
    few = (_queries(client, "/commitments/"), _queries(client, second))

    monkeypatch.setattr(views, "COMMITMENTS_PER_PAGE", 30)
    public_commitments(world, 60)
    second = link(NEXT, body_of(client.get("/commitments/")), "/commitments/")
    many = (_queries(client, "/commitments/"), _queries(client, second))

    assert few[0] == few[1] == many[0] == many[1]


@pytest.mark.parametrize(
    "query",
    ["after=not-a-cursor", "before=%25%25%25", "after=WyJ4Il0", "after=WyIyMDI3LTAxLTAxIiwgIngiXQ",
     "after=WyIyMDI3LTEzLTQwIiwiMSJd", "before=e30"],
)
def test_a_page_link_the_site_did_not_make_is_a_400_naming_it(client, world, query):
    response = client.get(f"/commitments/?{query}")
    assert response.status_code == 400
    assert query.split("=")[0] in body_of(response)


def test_a_deep_commitment_page_reads_the_due_date_index_instead_of_sorting(client, world, monkeypatch):
    monkeypatch.setattr(views, "COMMITMENTS_PER_PAGE", 3)
    public_commitments(world, 10)
    deep = link(NEXT, body_of(client.get("/commitments/")), "/commitments/")
    for url in ("/commitments/", deep):
        _, sql = ordered_page_sql(client, url, "commitments_commitment")
        assert sorts_over(plan_without_sorting(sql), "commitments_commitment") == [], url
