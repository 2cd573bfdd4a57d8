"""The admin's lists of the big tables (commitments, meetings, updates, flags) cost the same at any size.

A page is read from an index in the list's order (never by sorting the table), no date hierarchy
reads the whole table's dates, relation filters read their choices from small tables, and the count
stops at a cap. The plans are checked with sorting turned off: a list whose order no index serves
still sorts, whatever the table's size, and shows it.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ambassador.commitments.admin import CommitmentAdmin
from ambassador.commitments.factories import CommitmentFactory, CommitmentUpdateFactory, OverdueFlagFactory
from ambassador.core.admin import CappedCountPaginator
from ambassador.negotiations.factories import MeetingFactory, NegotiationFactory
from tests.admin.helpers import logged_in, url

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


def make_meeting(city, index):
    return MeetingFactory(negotiation=NegotiationFactory(city=city),
                          starts_at=datetime.datetime(2024 + index % 2, 3, 1 + index % 20, 10, tzinfo=UTC))


def make_commitment(city, index):
    meeting = make_meeting(city, index)
    return CommitmentFactory(negotiation=meeting.negotiation, source_meeting=meeting,
                             due_on=datetime.date(2024 + index % 2, 6, 1 + index % 20))


def make_update(city, index):
    return CommitmentUpdateFactory(commitment=make_commitment(city, index),
                                   reported_on=datetime.date(2024 + index % 2, 7, 1 + index % 20))


def make_flag(city, index):
    return OverdueFlagFactory(commitment=make_commitment(city, index))


BIG_LISTS = [
    ("negotiations_meeting_changelist", make_meeting, "negotiations_meeting"),
    ("commitments_commitment_changelist", make_commitment, "commitments_commitment"),
    ("commitments_commitmentupdate_changelist", make_update, "commitments_commitmentupdate"),
    ("commitments_overdueflag_changelist", make_flag, "commitments_overdueflag"),
]


@pytest.fixture(params=["superuser", "envoy"])
def reader(request, superuser, envoy):
    return {"superuser": superuser, "envoy": envoy}[request.param]


@pytest.mark.parametrize(("changelist", "make_row", "table"), BIG_LISTS)
def test_a_big_list_costs_the_same_queries_for_3_rows_as_for_30(client, reader, amsterdam, barcelona, changelist,
                                                                 make_row, table):
    client = logged_in(client, reader)
    make_row(barcelona, 0)  # another city's row: the envoy never sees it, the superuser does
    for index in range(3):
        make_row(amsterdam, index)
    client.get(url(changelist))  # warm the caches every first request fills (content types, sessions)

    with CaptureQueriesContext(connection) as few:
        response = client.get(url(changelist))
    shown = len(response.context["cl"].result_list)
    for index in range(3, 30):
        make_row(amsterdam, index)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url(changelist))

    assert len(response.context["cl"].result_list) == shown + 27
    assert len(many) == len(few), "\n".join(query["sql"] for query in many.captured_queries)
    assert not any("DATE_TRUNC" in query["sql"] or "MIN(" in query["sql"] for query in many.captured_queries)


def plan_of(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        # Sorting and sequential scans priced out: a plan still sorts (or scans) only when no index serves the order.
        cursor.execute("SET enable_sort = off")
        cursor.execute("SET enable_seqscan = off")
        try:
            cursor.execute(f"EXPLAIN {sql}", params)
            return "\n".join(row[0] for row in cursor.fetchall())
        finally:
            cursor.execute("RESET enable_sort")
            cursor.execute("RESET enable_seqscan")


@pytest.mark.parametrize(("changelist", "make_row", "table"), BIG_LISTS)
def test_a_page_of_a_big_list_is_read_from_an_index_in_the_lists_order(client, reader, amsterdam, changelist,
                                                                        make_row, table):
    if connection.vendor != "postgresql":
        pytest.skip("the plan is PostgreSQL's")
    for index in range(3):
        make_row(amsterdam, index)
    client = logged_in(client, reader)

    cl = client.get(url(changelist)).context["cl"]
    plan = plan_of(cl.queryset[: cl.list_per_page])

    assert "Sort" not in plan, plan
    assert f"Seq Scan on {table} " not in plan, plan
    assert "Index Scan Backward using" in plan or "Index Scan using" in plan, plan


def test_a_list_counts_only_up_to_its_cap(client, superuser, amsterdam, monkeypatch):
    monkeypatch.setattr(CappedCountPaginator, "COUNT_CAP", 4)
    monkeypatch.setattr(CommitmentAdmin, "list_per_page", 2)
    for index in range(7):
        make_commitment(amsterdam, index)
    client = logged_in(client, superuser)

    first = client.get(url("commitments_commitment_changelist"))
    last = client.get(url("commitments_commitment_changelist", p=3))

    assert first.context["cl"].result_count == 5  # "more than 4", counting no further
    assert len(first.context["cl"].result_list) == 2
    assert first.context["cl"].paginator.num_pages == 3
    assert len(last.context["cl"].result_list) == 1  # pages end at the cap


def filter_choices(response) -> dict[str, set[str]]:
    cl = response.context["cl"]
    return {str(spec.title): {str(choice["display"]) for choice in spec.choices(cl)} for spec in cl.filter_specs}


def test_relation_filters_offer_the_readers_cities_and_their_companies_only(client, superuser, envoy, amsterdam,
                                                                           barcelona):
    ours = [make_commitment(amsterdam, 0), make_commitment(amsterdam, 1)]
    theirs = make_commitment(barcelona, 2)
    ours_companies = {commitment.negotiation.company.name for commitment in ours}

    everything = filter_choices(logged_in(client, superuser).get(url("commitments_commitment_changelist")))
    assert {"Amsterdam", "Barcelona"} <= everything["city"]
    assert ours_companies | {theirs.negotiation.company.name} <= everything["company"]

    own = filter_choices(logged_in(client, envoy).get(url("commitments_commitment_changelist")))
    assert "city" not in own  # one city: nothing to choose
    assert ours_companies <= own["company"]
    assert theirs.negotiation.company.name not in own["company"]


def test_the_date_filters_that_replace_the_hierarchy_narrow_the_list(client, envoy, amsterdam):
    recent = MeetingFactory(negotiation=NegotiationFactory(city=amsterdam),
                            starts_at=datetime.datetime.now(tz=UTC) - datetime.timedelta(days=2))
    old = make_meeting(amsterdam, 0)
    client = logged_in(client, envoy)
    # As the filter's own "Past 7 days" link asks.
    since = (datetime.datetime.now(tz=UTC) - datetime.timedelta(days=7)).replace(hour=0, minute=0, second=0,
                                                                                  microsecond=0)

    response = client.get(url("negotiations_meeting_changelist", starts_at__gte=str(since)))

    listed = list(response.context["cl"].result_list)
    assert recent in listed
    assert old not in listed
