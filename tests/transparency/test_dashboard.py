"""The staff dashboard: figures against hand-built data, scoping, and constant query cost."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ambassador.commitments.choices import CompletionLevel
from ambassador.commitments.factories import CommitmentFactory
from ambassador.negotiations.choices import NegotiationStage
from ambassador.negotiations.factories import MeetingFactory, NegotiationFactory, TopicFactory
from ambassador.risk.factories import RiskAssessmentFactory
from ambassador.stakeholders.choices import OrganisationKind
from ambassador.stakeholders.factories import (
    CouncilStaffUserFactory,
    EnvoyUserFactory,
    OrganisationFactory,
    UserFactory,
)
from ambassador.transparency.staff.dashboard import staff_dashboard

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 6, 15, 12, 0, tzinfo=datetime.UTC)
TODAY = NOW.date()


def days_ago(days: int) -> datetime.datetime:
    return NOW - datetime.timedelta(days=days)


def test_stage_counts_count_only_the_users_city(envoy, amsterdam, barcelona):
    NegotiationFactory.create_batch(2, city=amsterdam, stage=NegotiationStage.ACTIVE)
    NegotiationFactory(city=amsterdam, stalled=True)
    NegotiationFactory.create_batch(3, city=barcelona, stage=NegotiationStage.ACTIVE)

    counts = {stage: count for stage, _, count in staff_dashboard(user=envoy, now=NOW).stage_counts}

    assert counts[NegotiationStage.ACTIVE] == 2
    assert counts[NegotiationStage.STALLED] == 1
    assert counts[NegotiationStage.SCOPING] == 0
    assert sum(counts.values()) == 3


def test_superuser_sees_every_city(amsterdam, barcelona):
    NegotiationFactory(city=amsterdam)
    NegotiationFactory(city=barcelona)
    superuser = UserFactory(superuser=True)

    counts = {stage: count for stage, _, count in staff_dashboard(user=superuser, now=NOW).stage_counts}

    assert counts[NegotiationStage.ACTIVE] == 2


def test_a_live_negotiation_without_a_meeting_in_the_configured_days_is_stalled(envoy, amsterdam, settings):
    settings.AMBASSADOR_STALLED_AFTER_DAYS = 30
    quiet = NegotiationFactory(city=amsterdam, title="Quiet talks", opened_on=datetime.date(2025, 1, 1))
    MeetingFactory(negotiation=quiet, starts_at=days_ago(31))
    busy = NegotiationFactory(city=amsterdam, opened_on=datetime.date(2025, 1, 1))
    MeetingFactory(negotiation=busy, starts_at=days_ago(29))
    never_met = NegotiationFactory(city=amsterdam, title="Never met", opened_on=TODAY - datetime.timedelta(days=40))
    NegotiationFactory(city=amsterdam, opened_on=TODAY - datetime.timedelta(days=10))  # too new to stall
    closed = NegotiationFactory(city=amsterdam, concluded=True, opened_on=datetime.date(2024, 1, 1))
    MeetingFactory(negotiation=closed, starts_at=days_ago(300))

    stalled = staff_dashboard(user=envoy, now=NOW).stalled

    assert [negotiation.pk for negotiation in stalled] == [never_met.pk, quiet.pk]


def test_overdue_due_soon_and_slipping_commitments_are_listed_and_counted(envoy, amsterdam, barcelona, settings):
    settings.AMBASSADOR_DUE_SOON_DAYS = 14
    negotiation = NegotiationFactory(city=amsterdam)
    late = CommitmentFactory(negotiation=negotiation, due_on=TODAY - datetime.timedelta(days=3))
    CommitmentFactory(negotiation=negotiation, due_on=TODAY - datetime.timedelta(days=3), broken=True)
    soon = CommitmentFactory(negotiation=negotiation, due_on=TODAY + datetime.timedelta(days=14))
    CommitmentFactory(negotiation=negotiation, due_on=TODAY + datetime.timedelta(days=15))
    slipped = CommitmentFactory(negotiation=negotiation, due_on=TODAY + datetime.timedelta(days=60))
    type(slipped).objects.filter(pk=slipped.pk).update(slippage_count=2)
    CommitmentFactory(due_on=TODAY - datetime.timedelta(days=3), negotiation=NegotiationFactory(city=barcelona))

    dashboard = staff_dashboard(user=envoy, now=NOW)

    assert [c.pk for c in dashboard.overdue] == [late.pk]
    assert dashboard.overdue_count == 1
    assert [c.pk for c in dashboard.due_soon] == [soon.pk]
    assert dashboard.due_soon_count == 1
    assert [c.pk for c in dashboard.slipping] == [slipped.pk]
    assert dashboard.slipping_count == 1


def test_watchlist_shows_each_companys_latest_city_score_with_its_fired_indicators(envoy, amsterdam, barcelona):
    company = OrganisationFactory(kind=OrganisationKind.TECH_COMPANY, name="Quorvex")
    fired = {"key": "spend", "fired": True, "explanation": "Spend is above the peer threshold."}
    quiet = {"key": "headcount", "fired": False, "explanation": "Headcount is ordinary."}
    RiskAssessmentFactory(organisation=company, city=amsterdam, assessed_on=datetime.date(2026, 5, 1), score=10,
                          indicators=[quiet])
    latest = RiskAssessmentFactory(organisation=company, city=amsterdam, assessed_on=datetime.date(2026, 6, 1),
                                   score=72, indicators=[fired, quiet])
    RiskAssessmentFactory(organisation=company, city=barcelona, assessed_on=datetime.date(2026, 6, 2), score=90)
    RiskAssessmentFactory(organisation=company, city=None, assessed_on=datetime.date(2026, 6, 2), score=50)

    watchlist = staff_dashboard(user=envoy, now=NOW).watchlist

    assert [entry.assessment.pk for entry in watchlist] == [latest.pk]
    assert watchlist[0].fired == [fired]


def test_disclosure_lag_is_averaged_per_envoy_who_logged_the_records(envoy, amsterdam):
    other = EnvoyUserFactory(city=amsterdam, username="envoy-b", first_name="Bram", last_name="Dekker")
    negotiation = NegotiationFactory(city=amsterdam, lead_envoy=envoy)
    staff = CouncilStaffUserFactory(city=amsterdam)
    for logged_by, lag_days in ((envoy, 2), (envoy, 6), (other, 30)):
        meeting = MeetingFactory(negotiation=negotiation, logged_by=logged_by, starts_at=days_ago(100))
        published_at = meeting.starts_at + datetime.timedelta(days=lag_days)
        type(meeting).objects.filter(pk=meeting.pk).update(
            review_state="published", published_by=staff, published_at=published_at, first_published_at=published_at
        )
    MeetingFactory(negotiation=negotiation, logged_by=envoy)  # a draft has no lag

    lags = {row.username: row for row in staff_dashboard(user=envoy, now=NOW).envoy_lags}

    assert set(lags) == {"ams-envoy", "envoy-b"}
    assert (lags["ams-envoy"].published, lags["ams-envoy"].average_days, lags["ams-envoy"].longest_days) == (2, 4.0, 6)
    assert (lags["envoy-b"].published, lags["envoy-b"].average_days) == (1, 30.0)
    assert lags["ams-envoy"].name == "Anna Vos"


def test_balance_counts_meetings_per_topic_by_kind_of_organisation_present(envoy, amsterdam):
    topic = TopicFactory(name="Platform work")
    negotiation = NegotiationFactory(city=amsterdam)
    union = OrganisationFactory(kind=OrganisationKind.TRADE_UNION)
    civil = OrganisationFactory(kind=OrganisationKind.CIVIL_SOCIETY)
    MeetingFactory(negotiation=negotiation, topic=topic)  # the company alone
    MeetingFactory(negotiation=negotiation, topic=topic)
    MeetingFactory(negotiation=negotiation, topic=topic, organisations=[negotiation.company, union])
    MeetingFactory(negotiation=negotiation, topic=topic, organisations=[civil])

    dashboard = staff_dashboard(user=envoy, now=NOW)
    kinds = [kind for kind, _ in dashboard.balance_kinds]
    row = next(row for row in dashboard.balance if row.topic == "Platform work")
    counts = dict(zip(kinds, row.counts, strict=True))

    assert counts[OrganisationKind.TECH_COMPANY] == 3
    assert counts[OrganisationKind.TRADE_UNION] == 1
    assert counts[OrganisationKind.CIVIL_SOCIETY] == 1
    assert counts[OrganisationKind.ACADEMIC] == 0


def test_dashboard_page_links_each_item_to_its_admin_page(client, envoy, amsterdam):
    negotiation = NegotiationFactory(city=amsterdam, title="Quiet talks", opened_on=datetime.date(2024, 1, 1))
    late = CommitmentFactory(negotiation=negotiation, due_on=timezone.localdate() - datetime.timedelta(days=5))
    client.force_login(envoy)

    response = client.get(reverse("staff:dashboard"))

    assert response.status_code == 200
    body = response.content.decode()
    assert reverse("admin:negotiations_negotiation_change", args=[negotiation.pk]) in body
    assert reverse("admin:commitments_commitment_change", args=[late.pk]) in body
    assert '<svg class="chart" role="img"' in body
    assert "<title>Negotiations by stage</title>" in body


def test_dashboard_page_never_shows_another_citys_records(client, envoy, barcelona):
    other = NegotiationFactory(city=barcelona, title="Barcelona secret talks", opened_on=datetime.date(2024, 1, 1))
    CommitmentFactory(negotiation=other, due_on=timezone.localdate() - datetime.timedelta(days=5),
                      text="Barcelona-only promise")
    client.force_login(envoy)

    body = client.get(reverse("staff:dashboard")).content.decode()

    assert "Barcelona secret talks" not in body
    assert "Barcelona-only promise" not in body


def test_dashboard_asks_anonymous_visitors_to_log_in(client):
    response = client.get(reverse("staff:dashboard"))

    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_dashboard_refuses_users_without_a_city(client):
    client.force_login(UserFactory(is_staff=True))

    assert client.get(reverse("staff:dashboard")).status_code == 403


def _build_city(city, size: int):
    company = OrganisationFactory(kind=OrganisationKind.TECH_COMPANY)
    topic = TopicFactory()
    for index in range(size):
        negotiation = NegotiationFactory(city=city, company=company, opened_on=datetime.date(2024, 1, 1))
        meeting = MeetingFactory(negotiation=negotiation, topic=topic, published=index % 2 == 0,
                                 starts_at=days_ago(200))
        CommitmentFactory(negotiation=negotiation, source_meeting=meeting,
                          due_on=timezone.localdate() - datetime.timedelta(days=index + 1))
        CommitmentFactory(negotiation=negotiation, source_meeting=meeting, completion=CompletionLevel.LIMITED,
                          due_on=timezone.localdate() + datetime.timedelta(days=3))
        RiskAssessmentFactory(organisation=OrganisationFactory(kind=OrganisationKind.TECH_COMPANY), city=city)


def test_dashboard_costs_the_same_number_of_queries_for_few_and_many_records(client, amsterdam, envoy):
    client.force_login(envoy)
    _build_city(amsterdam, 3)
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse("staff:dashboard")).status_code == 200
    _build_city(amsterdam, 20)
    with CaptureQueriesContext(connection) as many:
        assert client.get(reverse("staff:dashboard")).status_code == 200

    assert len(many) == len(few)
