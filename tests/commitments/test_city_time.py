"""Commitments are dated and judged by their city's date, not the server's."""

import datetime

import pytest

from ambassador.commitments.choices import CompletionLevel
from ambassador.commitments.factories import CommitmentFactory
from ambassador.commitments.services import commitment_create, commitment_update_log
from ambassador.negotiations.factories import NegotiationFactory
from ambassador.stakeholders.factories import EnvoyUserFactory
from tests.admin.helpers import logged_in, url

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
# 02:00 UTC on 2 March 2026: still 21:00 on 1 March in New York (UTC-5).
UTC_DATE_TURNED = datetime.datetime(2026, 3, 2, 2, 0, tzinfo=UTC)
MARCH_1 = datetime.date(2026, 3, 1)


@pytest.fixture
def at_utc_date_turned(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.now", lambda: UTC_DATE_TURNED)


@pytest.fixture
def new_york_team(new_york):
    envoy = EnvoyUserFactory(city=new_york)
    return envoy, NegotiationFactory(city=new_york, lead_envoy=envoy)


def test_progress_reported_without_a_date_is_dated_the_citys_today(at_utc_date_turned, new_york_team):
    envoy, negotiation = new_york_team
    commitment = CommitmentFactory(negotiation=negotiation, without_meeting=True, due_on=MARCH_1)

    update = commitment_update_log(commitment=commitment, user=envoy, summary="Delivered the curb data feed.",
                                   completion=CompletionLevel.COMPLETE)

    commitment.refresh_from_db()
    assert update.reported_on == commitment.completed_on == MARCH_1
    assert commitment.completion == CompletionLevel.COMPLETE


def test_a_commitment_recorded_complete_is_completed_on_the_citys_today(at_utc_date_turned, new_york_team):
    envoy, negotiation = new_york_team

    commitment = commitment_create(
        negotiation=negotiation, user=envoy, promiser="company", area="data_governance", principle="privacy",
        text="Publish the curb data feed.", completion=CompletionLevel.COMPLETE,
    )

    assert commitment.completed_on == MARCH_1


def test_the_admin_shows_a_commitment_overdue_only_after_its_due_date_in_its_city(client, monkeypatch,
                                                                                  new_york_team):
    envoy, negotiation = new_york_team
    commitment = CommitmentFactory(negotiation=negotiation, without_meeting=True, due_on=MARCH_1,
                                   text="Open the curb data feed")
    client = logged_in(client, envoy)

    monkeypatch.setattr("django.utils.timezone.now", lambda: UTC_DATE_TURNED)
    assert client.get(url("commitments_commitment_changelist", overdue="yes")).context["cl"].result_count == 0
    assert "March 2, 2026" not in client.get(url("commitments_commitment_changelist")).content.decode()

    monkeypatch.setattr("django.utils.timezone.now", lambda: UTC_DATE_TURNED + datetime.timedelta(hours=3))
    overdue = client.get(url("commitments_commitment_changelist", overdue="yes")).context["cl"]
    assert [c.pk for c in overdue.result_list] == [commitment.pk]
    page = client.get(url("commitments_commitment_changelist")).content.decode()
    assert "March 2, 2026" in page  # overdue since the day after the due date


def test_the_progress_form_starts_on_the_envoys_citys_today(client, at_utc_date_turned, new_york_team):
    envoy, negotiation = new_york_team
    commitment = CommitmentFactory(negotiation=negotiation, without_meeting=True, due_on=MARCH_1)

    form = logged_in(client, envoy).get(url("commitments_commitmentupdate_add", commitment=commitment.pk)).context[
        "adminform"
    ].form

    assert form.initial["reported_on"] == MARCH_1
