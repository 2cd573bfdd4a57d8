"""The admin's lists: filters, the figures they show, and a constant number of queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ambassador.commitments.choices import CompletionLevel, Principle
from ambassador.commitments.factories import CommitmentFactory, CommitmentUpdateFactory, OverdueFlagFactory
from ambassador.negotiations.factories import MeetingFactory, NegotiationFactory
from ambassador.risk.factories import RiskAssessmentFactory
from tests.admin.helpers import logged_in, url

pytestmark = pytest.mark.django_db


# --- lists ---------------------------------------------------------------------------------------------------------


def test_overdue_filter_lists_commitments_past_their_due_date_with_overdue_since(client, envoy, negotiation):
    late = CommitmentFactory(negotiation=negotiation, due_on=datetime.date(2024, 3, 1))
    on_time = CommitmentFactory(negotiation=negotiation, due_on=datetime.date(2099, 3, 1))
    client = logged_in(client, envoy)

    response = client.get(url("commitments_commitment_changelist", overdue="yes"))

    assert list(response.context["cl"].queryset) == [late]
    assert "March 2, 2024" in response.content.decode()
    assert on_time in client.get(url("commitments_commitment_changelist", overdue="no")).context["cl"].queryset


@pytest.mark.parametrize(
    ("changelist", "query"),
    [
        ("negotiations_negotiation_changelist", {"stage__exact": "active", "q": "data"}),
        ("negotiations_meeting_changelist", {"review_state__exact": "draft", "confidentiality__exact": "public"}),
        ("negotiations_meeting_changelist", {"negotiation__stage__exact": "active"}),
        ("commitments_commitment_changelist", {"area__exact": "data_governance", "completion__exact": "not_started"}),
        ("commitments_commitment_changelist", {"principle__exact": "privacy", "slipped": "no",
                                               "negotiation__stage__exact": "active"}),
    ],
)
def test_list_filters_narrow_the_list(client, envoy, negotiation, changelist, query):
    meeting = MeetingFactory(negotiation=negotiation)
    CommitmentFactory(negotiation=negotiation, source_meeting=meeting, principle=Principle.PRIVACY)
    CommitmentFactory(negotiation=NegotiationFactory(city=negotiation.city, stalled=True), workers_rights=True,
                      completion=CompletionLevel.LIMITED, source_meeting__submitted=True,
                      source_meeting__restricted=True)
    client = logged_in(client, envoy)

    everything = client.get(url(changelist)).context["cl"].queryset.count()
    filtered = client.get(url(changelist, **query))

    assert filtered.status_code == 200
    assert 0 < filtered.context["cl"].queryset.count() < everything


def test_negotiation_list_shows_the_latest_risk_score_in_the_city(client, envoy, negotiation):
    RiskAssessmentFactory(organisation=negotiation.company, city=negotiation.city,
                          assessed_on=datetime.date(2025, 1, 1), score=20)
    RiskAssessmentFactory(organisation=negotiation.company, city=negotiation.city,
                          assessed_on=datetime.date(2025, 6, 1), score=73)

    response = logged_in(client, envoy).get(url("negotiations_negotiation_changelist"))

    assert '<td class="field-latest_risk_score">73</td>' in response.content.decode()


def test_disclosure_lag_is_shown_for_published_records(client, staff, negotiation):
    meeting = MeetingFactory(negotiation=negotiation, published=True)

    page = logged_in(client, staff).get(url("negotiations_meeting_change", meeting.pk)).content.decode()

    assert "3 days" in page

# --- query counts --------------------------------------------------------------------------------------------------


def _years(index):
    # Rows spread over two years in both runs, so the date hierarchy asks the same questions.
    return 2024 + index % 2


def make_negotiation(city, index):
    negotiation = NegotiationFactory(city=city, opened_on=datetime.date(_years(index), 3, 1))
    RiskAssessmentFactory(organisation=negotiation.company, city=city)
    return negotiation


def make_meeting(city, index):
    return MeetingFactory(negotiation=make_negotiation(city, index),
                          starts_at=datetime.datetime(_years(index), 3, 1, 10, tzinfo=datetime.UTC))


def make_standalone_meeting(city, index):
    """A meeting outside any negotiation, every other one mixed with a meeting in a negotiation."""
    if index % 2:
        return make_meeting(city, index)
    return MeetingFactory(standalone=True, city=city,
                          starts_at=datetime.datetime(_years(index), 3, 1, 10, tzinfo=datetime.UTC))


def make_commitment(city, index):
    meeting = make_meeting(city, index)
    return CommitmentFactory(negotiation=meeting.negotiation, source_meeting=meeting,
                             due_on=datetime.date(_years(index), 6, 1))


def make_update(city, index):
    return CommitmentUpdateFactory(commitment=make_commitment(city, index),
                                   reported_on=datetime.date(_years(index), 7, 1))


def make_flag(city, index):
    return OverdueFlagFactory(commitment=make_commitment(city, index))


@pytest.mark.parametrize(
    ("changelist", "make_row"),
    [
        ("negotiations_negotiation_changelist", make_negotiation),
        ("negotiations_meeting_changelist", make_meeting),
        ("negotiations_meeting_changelist", make_standalone_meeting),
        ("commitments_commitment_changelist", make_commitment),
        ("commitments_commitmentupdate_changelist", make_update),
        ("commitments_overdueflag_changelist", make_flag),
    ],
)
def test_a_changelist_costs_the_same_queries_for_5_rows_as_for_50(client, staff, amsterdam, changelist, make_row):
    client = logged_in(client, staff)
    rows = [make_row(amsterdam, index) for index in range(5)]
    client.get(url(changelist))  # warm caches that every first request fills (content types, sessions)

    with CaptureQueriesContext(connection) as five:
        response = client.get(url(changelist))
    assert len(response.context["cl"].result_list) == 5
    rows += [make_row(amsterdam, index) for index in range(5, 50)]
    with CaptureQueriesContext(connection) as fifty:
        response = client.get(url(changelist))
    assert len(response.context["cl"].result_list) == 50

    assert len(fifty) == len(five), "\n".join(query["sql"] for query in fifty.captured_queries)
