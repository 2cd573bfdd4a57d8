"""Exports read with ``values_list()``: the same bytes as the serializers and row builders wrote, in one query.

The records are awkward on purpose: text a spreadsheet would run, quotes, commas and line breaks,
empty text, plain negative numbers, microseconds, and cities east, west and on UTC.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ambassador.commitments.factories import CommitmentFactory, CommitmentUpdateFactory, OverdueFlagFactory
from ambassador.commitments.models import Commitment
from ambassador.core import exports
from ambassador.core.api.base import ScopedViewSet
from ambassador.core.csv_writer import csv_lines
from ambassador.core.timezones import city_localtime, city_today
from ambassador.negotiations.factories import MeetingFactory, NegotiationFactory
from ambassador.negotiations.models import Meeting
from ambassador.stakeholders.factories import CityFactory, PersonFactory, UserFactory
from ambassador.transparency import public
from tests.api.conftest import client_for, list_url

pytestmark = pytest.mark.django_db

AWKWARD_TEXTS = [
    "=HYPERLINK(\"http://evil.example\", \"click\")", "+31 20 555 0100", "-3.50", "-3\n", "@SUM(A1)", "\tindented",
    "\rreturn", "C:\\new\\table \\\" quote", 'She said "yes", then no',
    "one,two", "line one\nline two", "", "Hà Nội — dữ liệu", "-", "+",
]
UTC = datetime.UTC


@pytest.fixture
def awkward(db):
    """Published commitments with awkward text in four cities, with progress reports and flags."""
    cities = [
        CityFactory(name="Amsterdam"),
        CityFactory(name="London", slug="london", country="GB", time_zone="Europe/London"),
        CityFactory(name="New York", slug="new-york", country="US", time_zone="America/New_York"),
        CityFactory(name="Hanoi", slug="hanoi", country="VN", time_zone="Asia/Ho_Chi_Minh"),
    ]
    commitments = []
    for index, text in enumerate(AWKWARD_TEXTS):
        city = cities[index % len(cities)]
        negotiation = NegotiationFactory(city=city)
        meeting = MeetingFactory(negotiation=negotiation, published=True) if index % 3 else None
        commitment = CommitmentFactory(
            negotiation=negotiation, source_meeting=meeting, text=text or "x", evidence=text,
            evidence_url="" if index % 2 else "https://example.org/a,b",
            due_on=None if index == 4 else datetime.date(2024 + index % 3, 1 + index % 12, 1 + index),
            draft=meeting is None and index % 4 == 0,
        )
        # Winter in London is UTC itself; the microseconds and seconds must survive.
        published_at = datetime.datetime(2025, 1 + index % 12, 10, 12, 30, index, 123456 * (index % 2), tzinfo=UTC)
        Commitment.objects.filter(pk=commitment.pk).update(published_at=published_at, created_at=published_at)
        commitments.append(commitment)
        CommitmentUpdateFactory(commitment=commitment, summary=text or "y", moves_due_date=index % 2 == 0)
        if index % 2:
            OverdueFlagFactory(commitment=commitment)
    return commitments


def _body(response) -> str:
    assert response.status_code == 200, response.content
    return b"".join(response.streaming_content).decode()


# --- the one writer: PostgreSQL's lines and Python's lines ----------------------------------------------------------

TIMES = exports.Export([
    exports.Field("id", "pk", exports.INTEGER),
    exports.Field("text", "text"),
    exports.Field("evidence", "evidence"),
    exports.Field("due_on", "due_on", exports.DATE),
    exports.Field("overdue", "is_overdue", exports.BOOLEAN),
    exports.Field("meeting", "source_meeting_id", exports.INTEGER),
    exports.Field("published_local", "published_at", exports.DATETIME, zone_path="negotiation__city__time_zone"),
    exports.Field("published_local_z", "published_at", exports.DATETIME, zone_path="negotiation__city__time_zone",
                  utc_as_z=True),
    exports.Field("published_utc", "published_at", exports.DATETIME, utc_as_z=True),
    exports.Field("published_new_york", "published_at", exports.DATETIME, zone="America/New_York"),
    exports.Field("submitted_at", "submitted_at", exports.DATETIME, zone_path="negotiation__city__time_zone"),
])


def test_the_database_writes_the_same_lines_as_the_python_writer(awkward):
    queryset = Commitment.objects.with_overdue().order_by("pk")

    from_database = "".join(TIMES.csv(queryset))
    from_python = "".join(csv_lines(TIMES.header, TIMES.rows(queryset)))

    assert from_database == from_python
    assert "'=HYPERLINK" in from_database and ",-3.50," in from_database and "Z," in from_database


def test_line_ends_are_crlf_outside_cells_however_the_rows_are_split_into_blocks(awkward):
    queryset = Commitment.objects.with_overdue().order_by("pk")
    expected = "".join(csv_lines(TIMES.header, TIMES.rows(queryset)))

    assert "".join(TIMES.csv(queryset, chunk_size=1)) == expected
    # As PostgreSQL sends it (no cell here holds CRLF itself), then in blocks of one byte.
    sent = expected.replace("\r\n", "\n")
    assert "".join(exports.crlf_lines(sent[index:index + 1] for index in range(len(sent)))) == expected
    assert "".join(exports.crlf_lines([sent])) == expected
    assert '"line one\nline two"' in expected


def test_python_rows_carry_the_old_values(awkward):
    commitment = awkward[5]  # London, published in June: one hour east of UTC

    rows = TIMES.dicts(Commitment.objects.with_overdue().order_by("pk"))
    row = next(row for row in rows if row["id"] == commitment.pk)

    published_at = Commitment.objects.get(pk=commitment.pk).published_at
    assert row["published_local"] == city_localtime(published_at, commitment.negotiation.city).isoformat()
    assert row["published_local"].endswith("+01:00")
    assert row["published_utc"].endswith("Z")
    assert row["due_on"] == commitment.due_on.isoformat()


# --- the staff API: values or serializer, the same CSV ---------------------------------------------------------------


@pytest.mark.parametrize("endpoint", ["commitments", "commitment-updates", "overdue-flags", "organisations"])
def test_staff_csv_from_values_equals_the_serializers_csv(awkward, monkeypatch, endpoint):
    client = client_for(UserFactory(superuser=True))

    fast = _body(client.get(list_url(endpoint), {"format": "csv"}))
    with monkeypatch.context() as patch:
        patch.setattr(ScopedViewSet, "_csv_from_values", lambda *args: None)
        slow = _body(client.get(list_url(endpoint), {"format": "csv"}))

    assert fast == slow
    assert len(fast.splitlines()) > 1


def test_staff_commitments_csv_reads_its_columns_from_values(awkward, monkeypatch):
    """The fast path is taken: the serializer writes no row."""
    monkeypatch.setattr(
        ScopedViewSet, "_csv_from_serializer", lambda *args: pytest.fail("the serializer wrote the rows")
    )

    body = _body(client_for(UserFactory(superuser=True)).get(list_url("commitments"), {"format": "csv"}))

    assert len(body.splitlines()) > len(awkward)


# --- /data/: the same rows as the row builders wrote ------------------------------------------------------------------


def _old_commitment_rows():
    """The commitments file as it was built before, from model instances."""
    for commitment in public.public_commitments().order_by("pk"):
        yield {
            "id": commitment.pk, "negotiation": commitment.negotiation.slug, "city": commitment.negotiation.city.slug,
            "company": commitment.negotiation.company.slug, "source_meeting_id": commitment.source_meeting_id,
            "promiser": commitment.promiser, "area": commitment.area, "principle": commitment.principle,
            "text": commitment.text, "due_on": _date(commitment.due_on),
            "original_due_on": _date(commitment.original_due_on), "slippage_count": commitment.slippage_count,
            "completion": commitment.completion, "completed_on": _date(commitment.completed_on),
            "overdue": public.is_overdue(commitment), "evidence": commitment.evidence,
            "evidence_url": commitment.evidence_url,
        }


def _old_update_rows():
    for update in public.public_updates():
        yield {
            "id": update.pk, "commitment_id": update.commitment_id, "reported_on": _date(update.reported_on),
            "summary": update.summary, "evidence": update.evidence, "evidence_url": update.evidence_url,
            "completion": update.completion, "previous_due_on": _date(update.previous_due_on),
            "new_due_on": _date(update.new_due_on), "due_date_reason": update.due_date_reason,
        }


def _date(value):
    return value.isoformat() if value is not None else None


@pytest.mark.parametrize(("dataset", "old_rows"), [("commitments", _old_commitment_rows),
                                                  ("commitment-updates", _old_update_rows)])
def test_data_download_equals_the_rows_built_from_models(client, awkward, dataset, old_rows):
    import json

    rows = list(old_rows())
    header = list(rows[0])
    assert any(row.get("overdue") for row in rows) or dataset != "commitments"
    assert any(row["id"] for row in rows)

    assert _body(client.get(f"/data/{dataset}.csv")) == "".join(csv_lines(header, ([*row.values()] for row in rows)))
    assert json.loads(_body(client.get(f"/data/{dataset}.json"))) == rows


def test_data_commitments_overdue_is_judged_on_each_citys_date(client, awkward):
    import csv
    import io

    rows = {int(row["id"]): row for row in csv.DictReader(io.StringIO(_body(client.get("/data/commitments.csv"))))}

    for commitment in public.public_commitments():
        overdue = (
            commitment.due_on is not None and commitment.completion in ("not_started", "limited", "substantial")
            and commitment.due_on < city_today(commitment.negotiation.city, timezone.now())
        )
        assert rows[commitment.pk]["overdue"] == str(overdue)


# --- a constant number of queries ----------------------------------------------------------------------------------


def _queries(request_body) -> int:
    with CaptureQueriesContext(connection) as queries:
        request_body()
    return len(queries)


def _make_commitments(count: int) -> None:
    """``count`` published meetings with attendees, each with a commitment, its progress and a flag."""
    negotiation = NegotiationFactory(city=CityFactory(name="Amsterdam")) if not Commitment.objects.exists() else (
        Commitment.objects.first().negotiation
    )
    for _ in range(count):
        meeting = MeetingFactory(
            negotiation=negotiation, published=True, attendees=[PersonFactory()], organisations=[negotiation.company]
        )
        commitment = CommitmentFactory(negotiation=negotiation, source_meeting=meeting)
        CommitmentUpdateFactory(commitment=commitment)
        OverdueFlagFactory(commitment=commitment)


@pytest.mark.parametrize(
    "url",
    [
        *(f"{list_url(endpoint)}?format=csv" for endpoint in
          ("commitments", "commitment-updates", "overdue-flags", "meetings", "negotiations")),
        "/data/commitments.csv", "/data/commitments.json", "/data/commitment-updates.csv",
        "/data/commitment-updates.json", "/data/meetings.csv",
    ],
)
def test_exports_take_the_same_number_of_queries_for_5_and_50_rows(client, url):
    staff = client_for(UserFactory(superuser=True))
    reader = staff if url.startswith("/api/") else client

    _make_commitments(5)
    few = _queries(lambda: _body(reader.get(url)))
    _make_commitments(45)
    many = _queries(lambda: _body(reader.get(url)))

    assert Commitment.objects.public().count() == Meeting.objects.count() == 50
    assert many == few
