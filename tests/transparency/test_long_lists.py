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
from ambassador.negotiations.models import Negotiation
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


# --- the city page, the company page and the risk ranking ----------------------------------------------------------


def _negotiations(world, count: int, *, stage="active"):
    from ambassador.negotiations.factories import NegotiationFactory

    return [
        NegotiationFactory(city=world.city, company=world.company, stage=stage,
                           opened_on=datetime.date(2024, 1, 1) + datetime.timedelta(days=i % 4))
        for i in range(count)
    ]


NEGOTIATION_LINK = re.compile(r'href="/negotiations/([\w-]+)/"')


def test_the_city_page_shows_the_first_of_each_list_and_links_to_the_whole_list(client, world, monkeypatch):
    monkeypatch.setattr(views, "NEGOTIATIONS_PER_STAGE", 2)
    monkeypatch.setattr(views, "OVERDUE_ON_CITY_PAGE", 2)
    _negotiations(world, 5, stage="stalled")
    public_commitments(world, 4, due_on=datetime.date(2024, 6, 1))  # overdue
    stalled = Negotiation.objects.public().filter(city=world.city, stage="stalled").order_by("-opened_on", "-pk")

    body = body_of(client.get(f"/cities/{world.city.slug}/"))

    section = body[body.index('id="negotiations-heading"'):body.index('id="standalone-heading"')]
    group = section[section.index("<h3>Stalled</h3>"):]
    group = group[:group.index("</ul>")]
    assert NEGOTIATION_LINK.findall(group) == [n.slug for n in stalled[:2]]
    assert f"/cities/{world.city.slug}/negotiations/?stage=stalled" in section
    overdue = body[body.index('id="overdue-heading"'):body.index('id="envoys-heading"')]
    assert len(COMMITMENT_ID.findall(overdue)) == 2
    assert f"/commitments/?city={world.city.slug}&amp;overdue=on" in overdue


def test_a_citys_negotiations_walk_once_newest_first_with_ties_on_the_opening_day(client, world, monkeypatch):
    monkeypatch.setattr(views, "NEGOTIATIONS_PER_PAGE", 3)
    made = _negotiations(world, 8, stage="stalled")
    path = f"/cities/{world.city.slug}/negotiations/"

    pages, last = walk_negotiations(client, f"{path}?stage=stalled", path)

    walked = [slug for page in pages for slug in page]
    expected = [n.slug for n in sorted(made, key=lambda n: (n.opened_on, n.pk), reverse=True)]
    assert walked == expected
    assert all(len(page) == 3 for page in pages[:-1])
    assert client.get(f"{path}?stage=nonsense").status_code == 400


def walk_negotiations(client, url, path):
    pages = []
    while True:
        body = body_of(client.get(url))
        table = body[body.index("<tbody>"):body.index("</tbody>")] if "<tbody>" in body else ""
        pages.append(NEGOTIATION_LINK.findall(table))
        url = link(NEXT, body, path)
        if url is None:
            return pages, body


def test_the_company_page_turns_its_commitments_and_negotiations_a_page_at_a_time(client, world, monkeypatch):
    monkeypatch.setattr(views, "COMPANY_COMMITMENTS_PER_PAGE", 3)
    monkeypatch.setattr(views, "COMPANY_NEGOTIATIONS_PER_PAGE", 2)
    _negotiations(world, 3)
    public_commitments(world, 7)
    path = f"/companies/{world.company.slug}/"
    promised = set(
        Commitment.objects.public().filter(negotiation__company=world.company, promiser="company")
        .values_list("pk", flat=True)
    )

    seen, url = [], path
    while url:
        body = body_of(client.get(url))
        grid = body[body.index('id="promises-heading"'):body.index('id="lobbying-heading"')]
        page = [int(pk) for pk in re.findall(r'id="commitment-(\d+)"', grid)]
        assert 0 < len(page) <= 3
        seen += page
        found = re.search(r'rel="next" href="(\?[^"]*commitments_after=[^"#]+)', grid)
        url = f"{path}{html.unescape(found.group(1))}" if found else None
    assert sorted(seen) == sorted(promised) and len(seen) == len(set(seen))

    body = body_of(client.get(path))
    negotiations = body[body.index('id="negotiations-heading"'):body.index('id="promises-heading"')]
    assert len(NEGOTIATION_LINK.findall(negotiations)) == 2
    assert "negotiations_after=" in negotiations


def test_the_risk_ranking_is_a_bounded_summary_table_and_each_company_has_its_indicators_page(
    client, world, monkeypatch,
):
    from decimal import Decimal

    from ambassador.risk.factories import RiskAssessmentFactory

    monkeypatch.setattr(views, "RISK_PER_PAGE", 3)
    assessments = [
        RiskAssessmentFactory(score=Decimal(10 + i), confidence=Decimal("0.8")) for i in range(7)
    ]
    top = max(assessments, key=lambda a: a.score)

    first = body_of(client.get("/risk/"))
    second = body_of(client.get("/risk/?page=2"))

    assert first.count(f'href="/risk/{top.organisation.slug}/"') == 1
    assert len(re.findall(r'href="/risk/[\w-]+/"', first)) == 3
    assert "<td>4</td>" in second  # the rank runs on across pages
    assert 'class="indicators"' not in first
    own = body_of(client.get(f"/risk/{top.organisation.slug}/"))
    assert 'class="indicators"' in own and "Lobbying-risk score over time" in own
    assert client.get("/risk/no-such-company/").status_code == 404


@pytest.mark.parametrize("name", ["city", "city_negotiations", "company", "risk", "negotiation"])
def test_each_bounded_page_runs_the_same_queries_for_3_and_30_rows(client, world, monkeypatch, name):
    from decimal import Decimal

    from ambassador.risk.factories import RiskAssessmentFactory

    for setting in ("NEGOTIATIONS_PER_STAGE", "NEGOTIATIONS_PER_PAGE", "OVERDUE_ON_CITY_PAGE",
                    "COMPANY_NEGOTIATIONS_PER_PAGE", "COMPANY_COMMITMENTS_PER_PAGE", "RISK_PER_PAGE",
                    "MEETINGS_PER_PAGE", "COMMITMENTS_PER_PAGE"):
        monkeypatch.setattr(views, setting, 2)
    url = {
        "city": f"/cities/{world.city.slug}/",
        "city_negotiations": f"/cities/{world.city.slug}/negotiations/",
        "company": f"/companies/{world.company.slug}/",
        "risk": "/risk/",
        "negotiation": f"/negotiations/{world.negotiation.slug}/",
    }[name]

    def grow(n):
        _meetings(world, n)
        _negotiations(world, n)
        public_commitments(world, n, due_on=datetime.date(2024, 6, 1))
        for i in range(n):
            RiskAssessmentFactory(score=Decimal(i))

    grow(3)
    few = _queries(client, url)
    grow(27)
    many = _queries(client, url)
    assert few == many
    body = body_of(client.get(url))
    if name == "negotiation":
        assert len(re.findall(r'<article class="meeting', body)) <= 2
    else:
        assert len(COMMITMENT_ID.findall(body)) <= 2


def _meetings(world, count: int):
    """``count`` published meetings of the world's negotiation, each with a commitment made in it."""
    from ambassador.negotiations.factories import MeetingFactory

    made = []
    for i in range(count):
        meeting = MeetingFactory(negotiation=world.negotiation, published=True,
                                 starts_at=datetime.datetime(2025, 5, 1 + i % 3, 9, tzinfo=datetime.UTC),
                                 attendees=[world.public_person, world.private_person],
                                 organisations=[world.company])
        CommitmentFactory(negotiation=world.negotiation, source_meeting=meeting)
        made.append(meeting)
    return made


def test_a_negotiations_timeline_walks_its_meetings_once_each_with_its_commitments(client, world, monkeypatch):
    from ambassador.negotiations.models import Meeting

    monkeypatch.setattr(views, "MEETINGS_PER_PAGE", 3)
    _meetings(world, 8)
    path = f"/negotiations/{world.negotiation.slug}/"
    public = Meeting.objects.public().filter(negotiation=world.negotiation).order_by("starts_at", "pk")

    walked, url = [], path
    while url:
        body = body_of(client.get(url))
        page = [int(pk) for pk in re.findall(r'<article class="meeting[^"]*" id="meeting-(\d+)"', body)]
        assert 0 < len(page) <= 3
        for pk in page:
            made_in = Commitment.objects.public().filter(source_meeting_id=pk).values_list("pk", flat=True)
            assert all(f'id="commitment-{c}"' in body for c in made_in)
        walked += page
        url = link(NEXT, body, path)
    assert walked == [m.pk for m in public]


def test_the_commitments_count_is_exact_up_to_the_cap_then_says_more_than(client, world, monkeypatch):
    public_commitments(world, 6)
    total = Commitment.objects.public().count()
    monkeypatch.setattr(views, "COMMITMENT_COUNT_CAP", total)
    assert f"{total} commitments" in body_of(client.get("/commitments/"))
    monkeypatch.setattr(views, "COMMITMENT_COUNT_CAP", total - 1)
    body = body_of(client.get("/commitments/"))
    assert f"More than {total - 1} commitments" in body
    assert f"{total} commitments" not in body
    body = body_of(client.get("/vi/commitments/"))
    assert f"Hơn {total - 1} cam kết" in body
