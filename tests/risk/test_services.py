"""compute_lobbying_risk on hand-built records: each indicator's exact value, coverage, idempotence, queries."""

import datetime
import logging
from dataclasses import dataclass, field
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ambassador.commitments.choices import Area, CompletionLevel, Principle
from ambassador.commitments.factories import CommitmentFactory
from ambassador.commitments.models import Commitment
from ambassador.core.jobs import _lock_key
from ambassador.negotiations.factories import MeetingFactory, NegotiationFactory, TopicFactory
from ambassador.negotiations.models import Meeting, vague_minutes_reasons
from ambassador.risk import scoring as risk
from ambassador.risk.evidence.meetings import vague_minutes_condition
from ambassador.risk.evidence.record import DAYS_PER_MONTH
from ambassador.risk.models import RiskAssessment, RiskRun
from ambassador.risk.services import LOCK_NAME, compute_lobbying_risk
from ambassador.stakeholders.factories import (
    AffiliationFactory,
    CityFactory,
    CouncilStaffUserFactory,
    EnvoyUserFactory,
    LobbyingDisclosureFactory,
    TechCompanyFactory,
    TradeUnionFactory,
)

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def today() -> datetime.date:
    return timezone.localdate()


# --- building a record --------------------------------------------------------------------------------------------


def negotiate(company, city, *, days_open: int, **fields):
    return NegotiationFactory(company=company, city=city, opened_on=today() - days_open * DAY, **fields)


def hold_meetings(negotiation, count: int, *, staff, lag_days: int = 3, attendees=None, **fields) -> list[Meeting]:
    """Published meetings some 90 days ago, published ``lag_days`` later; ``attendees(i)`` lists meeting i's."""
    meetings = []
    for index in range(count):
        starts_at = timezone.now() - datetime.timedelta(days=90, hours=index)
        meetings.append(
            MeetingFactory(
                negotiation=negotiation, starts_at=starts_at, published=True, published_by=staff,
                published_at=starts_at + datetime.timedelta(days=lag_days),
                attendees=attendees(index) if attendees else None, **fields,
            )
        )
    return meetings


def disclose(company, *, spend, headcount, jurisdiction="EU", currency="EUR"):
    year = today().year - 1
    return LobbyingDisclosureFactory(
        organisation=company, jurisdiction=jurisdiction, currency=currency, declared_spend=spend,
        declared_lobbyist_headcount=headcount, period_start=datetime.date(year, 1, 1),
        period_end=datetime.date(year, 12, 31),
    )


def official(city):
    return AffiliationFactory(at_city=True, city=city, start_on=datetime.date(2020, 1, 1)).person


def commit(negotiation, principle=Principle.FAIR_PAY, *, area=Area.WORKERS_RIGHTS, **fields) -> Commitment:
    fields.setdefault("due_on", today() + 100 * DAY)
    return CommitmentFactory(negotiation=negotiation, source_meeting=None, area=area, principle=principle, **fields)


@dataclass
class World:
    amsterdam: object
    barcelona: object
    envoy: object = None
    peers: list = field(default_factory=list)
    target: object = None


@pytest.fixture
def world() -> World:
    """Five ordinary companies in Amsterdam, and one (the target) that shows every signal.

    Amsterdam's envoy attends every meeting, as envoys do. Peers: spend €100k..€140k, 10..14
    lobbyists, a year of negotiation with 4 meetings on one topic (one with a union present), two
    other officials each at 2 of the 4, published after 3 days, 4 commitments complete, one person on
    record. Target: unregistered, €1m and 50 lobbyists; in Amsterdam for 61 days with 6 meetings on
    the topic, all with one member of the council staff, 2 with vague minutes, published after 40
    days; 3 of 4 commitments broken, overdue or moved; a former city official joined it within the
    cooling-off period. In Barcelona it committed on fair pay but not fair representation.
    """
    amsterdam, barcelona = CityFactory(name="Amsterdam"), CityFactory(name="Barcelona")
    staff = CouncilStaffUserFactory(city=amsterdam)
    topic = TopicFactory(name="Platform work")
    union = TradeUnionFactory()
    envoy = official(amsterdam)
    EnvoyUserFactory(city=amsterdam, membership__person=envoy)
    world = World(amsterdam=amsterdam, barcelona=barcelona, envoy=envoy)

    for index in range(5):
        company = TechCompanyFactory()
        disclose(company, spend=100_000 + 10_000 * index, headcount=10 + index)
        negotiation = negotiate(company, amsterdam, days_open=365)
        first, second = official(amsterdam), official(amsterdam)
        meetings = hold_meetings(
            negotiation, 4, staff=staff, topic=topic,
            attendees=lambda i, a=first, b=second: [envoy, a if i < 2 else b],
        )
        if index == 0:
            meetings[0].organisations.add(union)
        for _ in range(4):
            commit(negotiation, complete=True)
        AffiliationFactory(organisation=company, start_on=datetime.date(2021, 1, 1))
        world.peers.append(company)

    target = TechCompanyFactory(unregistered=True)
    world.target = target
    disclose(target, spend=1_000_000, headcount=50)
    in_amsterdam = negotiate(target, amsterdam, days_open=61)
    in_barcelona = negotiate(target, barcelona, days_open=365)
    lobbied = official(amsterdam)
    CouncilStaffUserFactory(city=amsterdam, membership__person=lobbied)
    meetings = hold_meetings(
        in_amsterdam, 6, staff=staff, lag_days=40, topic=topic, attendees=lambda i: [envoy, lobbied]
    )
    Meeting.objects.filter(pk=meetings[0].pk).update(minutes_main_points="General discussion.")
    Meeting.objects.filter(pk=meetings[1].pk).update(minutes_conclusions="")

    commit(in_amsterdam, Principle.FAIR_PAY, completion=CompletionLevel.BROKEN)
    commit(in_amsterdam, Principle.FAIR_REPRESENTATION, due_on=today() - 10 * DAY)
    moved = commit(in_amsterdam, Principle.FAIR_PAY)
    Commitment.objects.filter(pk=moved.pk).update(slippage_count=1)
    commit(in_amsterdam, Principle.FAIR_PAY, complete=True)
    commit(in_barcelona, Principle.FAIR_PAY, complete=True)

    revolving = AffiliationFactory(
        at_city=True, city=amsterdam, start_on=datetime.date(2020, 1, 1), end_on=today() - 400 * DAY
    ).person
    AffiliationFactory(person=revolving, organisation=target, start_on=today() - 100 * DAY)
    cooled_off = AffiliationFactory(
        at_city=True, city=barcelona, start_on=datetime.date(2015, 1, 1), end_on=today() - 2000 * DAY
    ).person
    AffiliationFactory(person=cooled_off, organisation=target, start_on=today() - 100 * DAY)
    return world


def indicators(company, city=None, *, on=None) -> dict[str, dict]:
    assessment = RiskAssessment.objects.get(organisation=company, city=city, assessed_on=on or today())
    return {indicator["key"]: indicator for indicator in assessment.indicators}


def summary(indicator: dict) -> tuple:
    return indicator["value"], indicator["threshold"], indicator["fired"], indicator["applicable"]


# --- each indicator -----------------------------------------------------------------------------------------------


def test_a_run_scores_every_negotiating_company_overall_and_in_each_of_its_cities(world):
    run = compute_lobbying_risk(on=today())

    assert (run.companies_assessed, run.city_assessments, run.assessments_written) == (6, 7, 13)
    assert RiskAssessment.objects.filter(assessed_on=today(), city=None).count() == 6
    assert set(
        RiskAssessment.objects.filter(organisation=world.target, city__isnull=False).values_list("city", flat=True)
    ) == {world.amsterdam.pk, world.barcelona.pk}
    target = RiskAssessment.objects.get(organisation=world.target, city=None)
    assert [indicator["key"] for indicator in target.indicators] == list(risk.INDICATORS)
    assert target.run == run
    assert all(
        set(indicator) >= {
            "key", "value", "threshold", "fired", "contribution", "sample_size", "applicable", "explanation"
        }
        for indicator in target.indicators
    )
    peer = RiskAssessment.objects.get(organisation=world.peers[0], city=None)
    assert target.score > 50 > peer.score


def test_declared_spend_far_above_the_peer_fence_fires(world):
    compute_lobbying_risk(on=today())

    # Others: €100k..€140k, so Q1 = 110k, Q3 = 130k and the fence is 130k + 1.5 x 20k.
    spend = indicators(world.target)[risk.LOBBYING_SPEND]
    assert summary(spend) == (1_000_000, 160_000, True, True)
    assert spend["contribution"] > 0
    assert spend["explanation"] == (
        "Declared lobbying spend is €1.0m, above the peer threshold of €160k (compared with 5 other companies)."
    )
    highest_peer = indicators(world.peers[4])[risk.LOBBYING_SPEND]
    assert summary(highest_peer) == (140_000, 160_000, False, True)
    assert highest_peer["contribution"] == 0


def test_declared_lobbyist_headcount_above_the_peer_fence_fires(world):
    compute_lobbying_risk(on=today())

    assert summary(indicators(world.target)[risk.LOBBYIST_HEADCOUNT]) == (50, 16, True, True)
    # Each company is compared with the others only: for the first peer, 11..14 and 50.
    assert summary(indicators(world.peers[0])[risk.LOBBYIST_HEADCOUNT]) == (10, 17, False, True)


def test_a_company_without_a_register_id_fires_and_one_whose_parent_has_one_does_not(world):
    subsidiary = TechCompanyFactory(unregistered=True, parent=world.peers[0])
    negotiate(subsidiary, world.barcelona, days_open=100)

    compute_lobbying_risk(on=today())

    assert summary(indicators(world.target)[risk.NO_REGISTRY_ID]) == (1, 0, True, True)
    assert summary(indicators(subsidiary)[risk.NO_REGISTRY_ID]) == (0, 0, False, True)
    assert summary(indicators(world.peers[0])[risk.NO_REGISTRY_ID]) == (0, 0, False, True)


def test_meeting_frequency_fires_in_the_city_where_meetings_are_unusually_frequent(world):
    compute_lobbying_risk(on=today())

    in_amsterdam = indicators(world.target, world.amsterdam)[risk.MEETING_FREQUENCY]
    assert in_amsterdam["value"] == pytest.approx(6 / (61 / DAYS_PER_MONTH), abs=1e-4)
    # The peers' 4 meetings a year set a fence of 0.33 a month; the configured minimum, 1 a month, is higher.
    assert in_amsterdam["threshold"] == 1.0
    assert in_amsterdam["fired"] and in_amsterdam["sample_size"] == 6
    # Overall the 6 meetings spread over 61 + 365 days of negotiation: 0.43 a month.
    overall = indicators(world.target)[risk.MEETING_FREQUENCY]
    assert overall["value"] == pytest.approx(6 / (426 / DAYS_PER_MONTH), abs=1e-4)
    assert not overall["fired"]
    assert summary(indicators(world.target, world.barcelona)[risk.MEETING_FREQUENCY])[:3] == (0, 1.0, False)


def test_meetings_concentrated_on_one_official_other_than_the_envoys_fire(world):
    """The envoy attends every meeting by design, so the share of the most frequent *other* official counts."""
    compute_lobbying_risk(on=today())

    concentration = indicators(world.target, world.amsterdam)[risk.OFFICIAL_CONCENTRATION]
    assert summary(concentration) == (1.0, 0.5, True, True)
    assert concentration["explanation"].startswith(
        "One city official other than the envoys attended 6 of 6 meetings with recorded city attendees (100%), "
        "above"
    )
    peer = indicators(world.peers[0], world.amsterdam)[risk.OFFICIAL_CONCENTRATION]
    assert summary(peer) == (0.5, 0.5, False, True)
    assert peer["sample_size"] == 4
    assert summary(indicators(world.target)[risk.OFFICIAL_CONCENTRATION]) == (1.0, 0.5, True, True)
    # No meetings in Barcelona: not applicable, not zero.
    barcelona = indicators(world.target, world.barcelona)[risk.OFFICIAL_CONCENTRATION]
    assert summary(barcelona) == (None, None, False, False)
    assert barcelona["explanation"] == "Not applicable: no meeting records a city attendee."


def test_the_lead_envoy_and_the_city_envoys_are_left_out_of_the_concentration_but_other_staff_count(world):
    staff = CouncilStaffUserFactory(city=world.amsterdam)
    # Led by a member of the council staff standing in for the envoy: as lead envoy, left out too.
    standing_in = official(world.amsterdam)
    lead = CouncilStaffUserFactory(city=world.amsterdam, membership__person=standing_in)
    led = TechCompanyFactory()
    other = official(world.amsterdam)
    hold_meetings(
        negotiate(led, world.amsterdam, days_open=365, lead_envoy=lead), 4, staff=staff,
        attendees=lambda i: [world.envoy, standing_in, *([other] if i < 2 else [])],
    )
    # Only the envoys at the table: nothing concentrated on another official.
    envoys_only = TechCompanyFactory()
    hold_meetings(
        negotiate(envoys_only, world.amsterdam, days_open=365, lead_envoy=lead), 3, staff=staff,
        attendees=lambda i: [world.envoy, standing_in],
    )

    compute_lobbying_risk(on=today())

    concentration = indicators(led, world.amsterdam)[risk.OFFICIAL_CONCENTRATION]
    assert (concentration["value"], concentration["sample_size"], concentration["fired"]) == (0.5, 4, False)
    assert concentration["explanation"].startswith(
        "One city official other than the envoys attended 2 of 4 meetings with recorded city attendees (50%)"
    )
    none = indicators(envoys_only)[risk.OFFICIAL_CONCENTRATION]
    assert (none["value"], none["sample_size"], none["fired"], none["applicable"]) == (0.0, 3, False, True)
    assert none["explanation"].startswith(
        "No city official other than the envoys attended any of 3 meetings with recorded city attendees, within"
    )


def test_only_people_in_a_city_role_in_that_city_on_the_day_of_the_meeting_count_as_city_attendees(world):
    """A former official now at the company (the revolving door) is on the company's side of the table."""
    company = TechCompanyFactory()
    staff = CouncilStaffUserFactory(city=world.amsterdam)
    negotiation = negotiate(company, world.amsterdam, days_open=365)
    meetings = hold_meetings(negotiation, 5, staff=staff)
    former = AffiliationFactory(
        at_city=True, city=world.amsterdam, start_on=datetime.date(2015, 1, 1), end_on=today() - 400 * DAY
    ).person
    AffiliationFactory(person=former, organisation=company, start_on=today() - 100 * DAY)
    # Appointed after the meetings took place.
    newcomer = AffiliationFactory(at_city=True, city=world.amsterdam, start_on=today() - 30 * DAY).person
    # In office that day, but in Barcelona.
    elsewhere = official(world.barcelona)
    # In office in Amsterdam from the day of the second meeting to the day of the first (both count).
    current = AffiliationFactory(
        at_city=True, city=world.amsterdam, start_on=meetings[1].starts_at.date(),
        end_on=meetings[0].starts_at.date(),
    ).person
    attendees = [
        [world.envoy, former, current],
        [world.envoy, former, current],
        [world.envoy, former, newcomer],
        [world.envoy, former, elsewhere],
        [former, newcomer, elsewhere],  # no one from the city on the day: not a meeting with city attendees
    ]
    for meeting, people in zip(meetings, attendees, strict=True):
        meeting.attendees.set(people)

    compute_lobbying_risk(on=today())

    for city in (world.amsterdam, None):
        concentration = indicators(company, city)[risk.OFFICIAL_CONCENTRATION]
        assert (concentration["value"], concentration["sample_size"], concentration["fired"]) == (0.5, 4, False)


def test_vague_or_missing_minutes_fire(world):
    compute_lobbying_risk(on=today())

    vague = indicators(world.target)[risk.VAGUE_MINUTES]
    assert summary(vague) == (0.3333, 0.2, True, True)
    assert vague["sample_size"] == 6
    assert summary(indicators(world.peers[0])[risk.VAGUE_MINUTES]) == (0.0, 0.2, False, True)


def test_late_disclosure_fires_on_the_average_days_from_meeting_to_publication(world):
    compute_lobbying_risk(on=today())

    late = indicators(world.target)[risk.LATE_DISCLOSURE]
    assert summary(late) == (40.0, 14.0, True, True)
    assert late["explanation"].startswith("Meetings were published 40 days after they took place, on average")
    assert summary(indicators(world.peers[0])[risk.LATE_DISCLOSURE]) == (3.0, 14.0, False, True)


def test_a_city_official_who_joined_the_company_within_the_cooling_off_period_fires_the_revolving_door(world):
    compute_lobbying_risk(on=today())

    assert summary(indicators(world.target, world.amsterdam)[risk.REVOLVING_DOOR]) == (1, 0, True, True)
    # The Barcelona official left more than five years before joining: not counted.
    assert summary(indicators(world.target, world.barcelona)[risk.REVOLVING_DOOR]) == (0, 0, False, True)
    overall = indicators(world.target)[risk.REVOLVING_DOOR]
    assert summary(overall) == (1, 0, True, True)
    assert overall["sample_size"] == 2
    assert summary(indicators(world.peers[0])[risk.REVOLVING_DOOR]) == (0, 0, False, True)


def test_a_longer_cooling_off_period_catches_the_official_who_left_long_ago(world, settings):
    settings.AMBASSADOR_RISK_COOLING_OFF_DAYS = 2000

    compute_lobbying_risk(on=today())

    assert summary(indicators(world.target, world.barcelona)[risk.REVOLVING_DOOR]) == (1, 0, True, True)
    assert indicators(world.target)[risk.REVOLVING_DOOR]["value"] == 2


def test_company_meetings_far_outnumbering_union_and_civil_society_meetings_on_a_topic_fire(world):
    compute_lobbying_risk(on=today())

    imbalance = indicators(world.target, world.amsterdam)[risk.TOPIC_IMBALANCE]
    # 6 company meetings on platform work against 1 with a union; the peers' 4 to 1 set the fence.
    assert summary(imbalance) == (6.0, 4.0, True, True)
    assert imbalance["explanation"].startswith(
        "On Platform work, company meetings outnumber union and civil-society meetings 6.0 to 1 (6 against 1)"
    )
    assert summary(indicators(world.peers[1], world.amsterdam)[risk.TOPIC_IMBALANCE]) == (4.0, 4.0, False, True)


def test_a_record_of_broken_overdue_and_moved_commitments_fires(world):
    compute_lobbying_risk(on=today())

    in_amsterdam = indicators(world.target, world.amsterdam)[risk.COMMITMENT_RECORD]
    assert summary(in_amsterdam) == (0.75, 0.25, True, True)
    # One commitment in Barcelona is too few to judge there ...
    assert summary(indicators(world.target, world.barcelona)[risk.COMMITMENT_RECORD]) == (0.0, None, False, False)
    # ... but counts in the overall record: 3 of 5.
    assert summary(indicators(world.target)[risk.COMMITMENT_RECORD]) == (0.6, 0.25, True, True)
    assert summary(indicators(world.peers[0])[risk.COMMITMENT_RECORD]) == (0.0, 0.25, False, True)


def test_promising_less_in_one_city_than_another_on_the_same_principle_fires_there(world):
    compute_lobbying_risk(on=today())

    in_barcelona = indicators(world.target, world.barcelona)[risk.INCONSISTENCY]
    assert summary(in_barcelona) == (1, 0, True, True)
    assert in_barcelona["explanation"] == (
        "The company committed on Fair representation in Amsterdam but not in Barcelona."
    )
    assert summary(indicators(world.target, world.amsterdam)[risk.INCONSISTENCY]) == (0, 0, False, True)
    overall = indicators(world.target)[risk.INCONSISTENCY]
    assert summary(overall) == (1, 0, True, True)
    assert overall["explanation"] == in_barcelona["explanation"]
    # A company in one city has nothing to compare; nor has a city without commitments.
    assert summary(indicators(world.peers[0])[risk.INCONSISTENCY]) == (None, None, False, False)
    negotiate(world.target, CityFactory(name="London"), days_open=30)
    compute_lobbying_risk(on=today())
    london = indicators(world.target, RiskAssessment.objects.get(organisation=world.target, city__name="London").city)
    assert london[risk.INCONSISTENCY]["explanation"] == (
        "Not applicable: the company made no public commitment here to compare with its other cities."
    )


# --- what the score is built from ---------------------------------------------------------------------------------


def test_only_the_public_record_counts(world):
    """Embargoed meetings and unannounced negotiations stay out, so a public score cannot reveal them."""
    company = TechCompanyFactory()
    staff = CouncilStaffUserFactory(city=world.amsterdam)
    announced = negotiate(company, world.amsterdam, days_open=365)
    hold_meetings(announced, 3, staff=staff)
    hold_meetings(announced, 2, staff=staff, confidential=True)  # embargoed for years
    MeetingFactory(negotiation=announced, submitted=True)  # not yet published
    hold_meetings(negotiate(company, world.barcelona, days_open=365, unannounced=True), 4, staff=staff)

    compute_lobbying_risk(on=today())

    assert set(RiskAssessment.objects.filter(organisation=company).values_list("city", flat=True)) == {
        None, world.amsterdam.pk
    }
    assert indicators(company)[risk.MEETING_FREQUENCY]["sample_size"] == 3


def test_restricted_minutes_are_left_out_of_the_minutes_share(world):
    staff = CouncilStaffUserFactory(city=world.amsterdam)
    hold_meetings(
        Meeting.objects.filter(negotiation__company=world.peers[0]).first().negotiation, 2, staff=staff,
        restricted=True, minutes_conclusions="",
    )

    compute_lobbying_risk(on=today())

    vague = indicators(world.peers[0])[risk.VAGUE_MINUTES]
    assert (vague["value"], vague["sample_size"]) == (0.0, 4)
    assert indicators(world.peers[0])[risk.LATE_DISCLOSURE]["sample_size"] == 6


def test_spend_declared_only_in_another_currency_is_not_applicable(world):
    LobbyingDisclosureFactory._meta.model.objects.filter(organisation=world.peers[0]).update(currency="GBP")

    compute_lobbying_risk(on=today())

    spend = indicators(world.peers[0])[risk.LOBBYING_SPEND]
    assert summary(spend) == (None, None, False, False)
    assert spend["explanation"] == "Not applicable: no recent lobbying spend declared in EUR."
    # The headcount does not depend on the currency.
    assert indicators(world.peers[0])[risk.LOBBYIST_HEADCOUNT]["applicable"]


@pytest.mark.parametrize(
    ("main_points", "positions", "conclusions"),
    [
        ("", "", ""),
        ("The company presented its data specification.", "Both agree on weekly aggregates.", ""),
        ("   ", "The city asks for trip-level data.", "   "),
        ("General discussion.", "The city asks for trip-level data.", "A draft follows in May."),
        ("General discussion on current affairs", "Positions were exchanged.", "A draft follows."),
        ("Current affairs", "N/A", "Next meeting in June."),
        ("The city asks for trip-level data within 24 hours.", "Catch-up", "The company sends a draft."),
        ("The company presented its data specification.", "Both agree on weekly aggregates.", "A draft follows."),
        ("A general discussion of the kerbside pilot, its costs, and the data the city needs", "x", "y"),
    ],
)
def test_the_sql_vague_minutes_check_agrees_with_the_python_one(main_points, positions, conclusions):
    meeting = MeetingFactory(
        minutes_main_points=main_points, minutes_positions=positions, minutes_conclusions=conclusions
    )
    in_sql = Meeting.objects.filter(vague_minutes_condition(), pk=meeting.pk).exists()
    in_python = bool(
        vague_minutes_reasons(main_points=main_points, positions=positions, conclusions=conclusions)
    )
    assert in_sql == in_python


# --- runs, coverage, warnings -------------------------------------------------------------------------------------


def test_each_run_stores_how_many_companies_each_indicator_was_computed_and_fired_for(world):
    run = compute_lobbying_risk(on=today())

    run.refresh_from_db()
    assert run.coverage["companies"] == 6
    coverage = run.coverage["indicators"]
    assert coverage[risk.LOBBYING_SPEND] == {"computed": 6, "fired": 1}
    assert coverage[risk.NO_REGISTRY_ID] == {"computed": 6, "fired": 1}
    assert coverage[risk.MEETING_FREQUENCY] == {"computed": 6, "fired": 0}
    assert coverage[risk.INCONSISTENCY] == {"computed": 1, "fired": 1}
    assert coverage[risk.COMMITMENT_RECORD] == {"computed": 6, "fired": 1}
    assert run.parameters["min_peers"] == 5 and run.parameters["weights"][risk.REVOLVING_DOOR] == 2.0
    assert run.started_at <= run.finished_at
    assert run.warnings == []


@pytest.mark.parametrize(("unregistered", "warns"), [(1, True), (0, False)])
def test_a_run_warns_when_an_indicator_fires_for_more_than_a_quarter_of_companies(unregistered, warns, caplog):
    # Three companies, one or none of them unregistered: 1 of 3 is more than a quarter; 1 of 4 would not be.
    city = CityFactory()
    for index in range(3):
        negotiate(TechCompanyFactory(unregistered=index < unregistered), city, days_open=30)

    with caplog.at_level(logging.WARNING, logger="ambassador.risk.services"):
        run = compute_lobbying_risk(on=today())

    warnings = [record for record in caplog.records if record.levelno == logging.WARNING]
    assert bool(warnings) is warns
    assert len(run.warnings) == len(warnings)
    if warns:
        assert "no_registry_id fired for 1 of 3 companies" in warnings[0].getMessage()


def test_exactly_a_quarter_of_companies_does_not_warn(caplog):
    city = CityFactory()
    for index in range(4):
        negotiate(TechCompanyFactory(unregistered=index == 0), city, days_open=30)

    with caplog.at_level(logging.WARNING, logger="ambassador.risk.services"):
        run = compute_lobbying_risk(on=today())

    assert run.coverage["indicators"][risk.NO_REGISTRY_ID] == {"computed": 4, "fired": 1}
    assert not [record for record in caplog.records if record.levelno == logging.WARNING]


# --- idempotence, history, locking --------------------------------------------------------------------------------


def test_running_twice_the_same_day_changes_nothing_more(world):
    first = compute_lobbying_risk(on=today())
    rows = {a.pk: (a.score, a.indicators, a.computed_at) for a in RiskAssessment.objects.all()}
    history = RiskAssessment.history.count()

    second = compute_lobbying_risk(on=today())

    assert second.pk == first.pk
    assert RiskRun.objects.count() == 1
    assert second.assessments_written == 0
    assert {a.pk: (a.score, a.indicators, a.computed_at) for a in RiskAssessment.objects.all()} == rows
    assert RiskAssessment.history.count() == history == 13


def test_a_second_run_the_same_day_updates_changed_scores_in_place_and_keeps_earlier_days(world):
    yesterday = today() - DAY
    compute_lobbying_risk(on=yesterday)
    compute_lobbying_risk(on=today())
    earlier = {a.pk: (a.score, a.indicators) for a in RiskAssessment.objects.filter(assessed_on=yesterday)}
    peer = world.peers[0]
    Meeting.objects.filter(negotiation__company=peer).update(minutes_conclusions="")

    run = compute_lobbying_risk(on=today())

    assert RiskAssessment.objects.filter(assessed_on=today()).count() == 13
    assert run.assessments_written >= 2  # the peer overall and in Amsterdam, at least
    assert indicators(peer)[risk.VAGUE_MINUTES]["value"] == 1.0
    changed = RiskAssessment.objects.get(organisation=peer, city=None, assessed_on=today())
    assert changed.history.count() == 2
    assert changed.history.first().history_change_reason.endswith("(computed again)")
    assert {
        a.pk: (a.score, a.indicators) for a in RiskAssessment.objects.filter(assessed_on=yesterday)
    } == earlier


def test_a_run_does_nothing_while_another_holds_the_lock(world):
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [_lock_key(LOCK_NAME)])
        assert compute_lobbying_risk(on=today()) is None
    finally:
        other.close()
    assert not RiskAssessment.objects.exists()
    assert not RiskRun.objects.exists()


# --- queries ------------------------------------------------------------------------------------------------------


def build_companies(count: int) -> None:
    cities = [CityFactory(name="Amsterdam"), CityFactory(name="Hanoi")]
    staff = CouncilStaffUserFactory(city=cities[0])
    topic = TopicFactory()
    for index in range(count):
        company = TechCompanyFactory()
        disclose(company, spend=100_000 * (index + 1), headcount=index + 1)
        person = official(cities[0])
        for city in cities:
            negotiation = negotiate(company, city, days_open=200)
            hold_meetings(negotiation, 3, staff=staff, topic=topic, attendees=lambda i, p=person: [p])
            commit(negotiation, Principle.FAIR_PAY)
            commit(negotiation, Principle.FAIR_CONDITIONS if city == cities[0] else Principle.FAIR_PAY, broken=True)
        AffiliationFactory(person=person, organisation=company, start_on=datetime.date(2024, 1, 1))


def queries_to_compute(*, companies: int) -> int:
    with CaptureQueriesContext(connection) as queries:
        run = compute_lobbying_risk(on=today())
    assert run.companies_assessed == companies and run.city_assessments == 2 * companies
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_the_number_of_companies():
    build_companies(3)
    few = queries_to_compute(companies=3)
    build_companies(9)
    RiskRun.objects.all().delete()
    RiskAssessment.objects.all().delete()
    many = queries_to_compute(companies=12)
    assert few == many


# --- the command and the task -------------------------------------------------------------------------------------


def test_compute_risk_command_prints_a_summary(world):
    out = StringIO()

    call_command("compute_risk", "--date", today().isoformat(), stdout=out)

    output = out.getvalue()
    assert f"Lobbying-risk run of {today()}: 6 companies, 7 city assessments, 13 created or changed." in output
    assert "Declared lobbying spend" in output and "Revolving door" in output
    assert RiskAssessment.objects.filter(assessed_on=today()).count() == 13


def test_compute_risk_command_refuses_a_malformed_date():
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("compute_risk", "--date", "26/11/2026")


def test_compute_lobbying_risk_task_calls_the_service_for_the_given_day(world):
    from ambassador.risk.tasks import compute_lobbying_risk as task

    yesterday = today() - DAY
    run_id = task.apply(kwargs={"on": yesterday.isoformat()}).get()

    assert RiskRun.objects.get(pk=run_id).assessed_on == yesterday
    assert RiskAssessment.objects.filter(assessed_on=yesterday).count() == 13
