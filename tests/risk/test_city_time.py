"""The lobbying-risk record is judged by each city's own date: embargoes, late commitments, roles on the meeting day."""

import datetime

import pytest

from ambassador.commitments.choices import Promiser
from ambassador.commitments.factories import CommitmentFactory
from ambassador.negotiations.factories import MeetingFactory, NegotiationFactory
from ambassador.negotiations.models import Meeting
from ambassador.risk import scoring as risk
from ambassador.risk.evidence import gather_record
from ambassador.risk.evidence.meetings import city_attendee_condition
from ambassador.risk.services import compute_lobbying_risk, risk_config
from ambassador.stakeholders.factories import AffiliationFactory, TechCompanyFactory

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
# 02:00 UTC on 2 March 2026: the UTC date has turned, but it is 21:00 on 1 March in New York.
UTC_DATE_TURNED = datetime.datetime(2026, 3, 2, 2, 0, tzinfo=UTC)
MARCH_1, MARCH_2 = datetime.date(2026, 3, 1), datetime.date(2026, 3, 2)


@pytest.fixture
def at_utc_date_turned(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.now", lambda: UTC_DATE_TURNED)
    return UTC_DATE_TURNED


@pytest.fixture
def new_york_negotiation(new_york):
    return NegotiationFactory(city=new_york, company=TechCompanyFactory(), opened_on=datetime.date(2025, 1, 1))


def test_a_commitment_due_today_in_new_york_is_not_late_in_tonights_run(at_utc_date_turned, new_york_negotiation):
    CommitmentFactory(negotiation=new_york_negotiation, without_meeting=True, promiser=Promiser.COMPANY,
                      due_on=MARCH_1)

    run = compute_lobbying_risk()

    assert run.assessed_on == MARCH_2
    record = risk.COMMITMENT_RECORD
    in_new_york = {
        i["key"]: i for i in run.assessments.get(
            organisation=new_york_negotiation.company, city=new_york_negotiation.city
        ).indicators
    }[record]
    assert (in_new_york["value"], in_new_york["sample_size"]) == (0.0, 1)


def test_a_commitment_due_yesterday_in_new_york_is_late(at_utc_date_turned, new_york_negotiation):
    CommitmentFactory(negotiation=new_york_negotiation, without_meeting=True, promiser=Promiser.COMPANY,
                      due_on=MARCH_1 - datetime.timedelta(days=1))

    record = gather_record(on=MARCH_2, config=risk_config(), now=at_utc_date_turned)

    key = (new_york_negotiation.company_id, new_york_negotiation.city_id)
    assert (record.commitments[key]["troubled"], record.commitments[key]["commitments"]) == (1, 1)


def test_a_meeting_under_embargo_in_new_york_is_left_out_of_tonights_record(at_utc_date_turned,
                                                                             new_york_negotiation):
    starts_at = datetime.datetime(2025, 6, 1, 14, tzinfo=UTC)
    MeetingFactory(negotiation=new_york_negotiation, published=True, starts_at=starts_at)
    MeetingFactory(negotiation=new_york_negotiation, published=True, confidential=True, release_on=MARCH_2,
                   starts_at=starts_at)

    live = gather_record(on=MARCH_2, config=risk_config(), now=at_utc_date_turned)
    replayed = gather_record(on=MARCH_2, config=risk_config())

    key = (new_york_negotiation.company_id, new_york_negotiation.city_id)
    assert live.meetings[key]["meetings"] == 1
    assert replayed.meetings[key]["meetings"] == 2  # a run for a given day judges every city by that day


def test_a_city_attendee_is_one_who_held_a_city_role_on_the_meeting_day_in_the_city(new_york_negotiation):
    city = new_york_negotiation.city
    # Late on 1 March in New York, already 2 March in UTC.
    meeting = MeetingFactory(negotiation=new_york_negotiation,
                             starts_at=datetime.datetime(2026, 3, 2, 3, 0, tzinfo=UTC))
    joins_on_2_march = AffiliationFactory(at_city=True, city=city, start_on=MARCH_2).person
    left_on_1_march = AffiliationFactory(at_city=True, city=city, start_on=datetime.date(2020, 1, 1),
                                         end_on=MARCH_1).person
    meeting.attendees.set([joins_on_2_march, left_on_1_march])

    city_attendees = Meeting.attendees.through.objects.filter(city_attendee_condition(), meeting=meeting)

    assert set(city_attendees.values_list("person", flat=True)) == {left_on_1_march.pk}
