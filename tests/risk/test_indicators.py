"""Each lobbying-risk indicator on hand-built records: its exact value, threshold, and what counts."""

import datetime

import pytest

from ambassador.core.timezones import city_localtime
from ambassador.negotiations.factories import MeetingFactory
from ambassador.negotiations.models import Meeting, vague_minutes_reasons
from ambassador.risk import scoring as risk
from ambassador.risk.evidence.meetings import vague_minutes_condition
from ambassador.risk.evidence.record import DAYS_PER_MONTH
from ambassador.risk.models import RiskAssessment
from ambassador.risk.services import compute_lobbying_risk
from ambassador.stakeholders.factories import (
    AffiliationFactory,
    CityFactory,
    CouncilStaffUserFactory,
    LobbyingDisclosureFactory,
    TechCompanyFactory,
)
from tests.risk.records import (
    DAY,
    TARGET_MEETINGS,
    hold_meetings,
    indicators,
    negotiate,
    official,
    summary,
    today,
)

pytestmark = pytest.mark.django_db


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
    assert all(
        set(indicator) >= {"evidence", "severity", "shrunk_toward", "group", "counted", "measured", "facts"}
        for indicator in target.indicators
    )
    peers = RiskAssessment.objects.filter(organisation__in=world.peers, city=None)
    assert target.enough_data and target.confidence > max(peer.confidence for peer in peers)
    assert target.score > 2 * max(peer.score for peer in peers)


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
    assert in_amsterdam["value"] == pytest.approx(TARGET_MEETINGS / (61 / DAYS_PER_MONTH), abs=1e-4)
    # The peers' 4 meetings a year set a fence of 0.33 a month; the configured minimum, 1 a month, is higher.
    assert in_amsterdam["threshold"] == 1.0
    assert in_amsterdam["fired"] and in_amsterdam["sample_size"] == TARGET_MEETINGS
    # Overall the meetings spread over 61 + 365 days of negotiation: 1.7 a month, still above.
    overall = indicators(world.target)[risk.MEETING_FREQUENCY]
    assert overall["value"] == pytest.approx(TARGET_MEETINGS / (426 / DAYS_PER_MONTH), abs=1e-4)
    assert overall["fired"]
    assert overall["severity"] < in_amsterdam["severity"]
    assert summary(indicators(world.target, world.barcelona)[risk.MEETING_FREQUENCY])[:3] == (0, 1.0, False)


def test_meetings_concentrated_on_one_official_other_than_the_envoys_fire(world):
    """The envoy attends every meeting by design, so the share of the most frequent *other* official counts."""
    compute_lobbying_risk(on=today())

    concentration = indicators(world.target, world.amsterdam)[risk.OFFICIAL_CONCENTRATION]
    assert summary(concentration) == (1.0, 0.5, True, True)
    assert concentration["explanation"].startswith(
        "One city official other than the envoys attended 24 of 24 meetings with recorded city attendees (100%); "
        "allowing for chance in 24 meetings with recorded city attendees, at least 90%, above"
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
        "No city official other than the envoys attended any of 3 meetings with recorded city attendees; allowing "
        "for chance in 3 meetings with recorded city attendees, at least 0%, within"
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
    # In office in Amsterdam from the day of the second meeting to the day of the first (both count), on
    # Amsterdam's clock: late in the UTC evening the meeting is already the next day there.
    current = AffiliationFactory(
        at_city=True, city=world.amsterdam, start_on=city_localtime(meetings[1].starts_at, world.amsterdam).date(),
        end_on=city_localtime(meetings[0].starts_at, world.amsterdam).date(),
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
    assert summary(vague) == (0.4167, 0.2, True, True)
    assert vague["sample_size"] == TARGET_MEETINGS
    assert summary(indicators(world.peers[0])[risk.VAGUE_MINUTES]) == (0.0, 0.2, False, True)


def test_late_disclosure_fires_on_the_average_days_from_meeting_to_publication(world):
    compute_lobbying_risk(on=today())

    late = indicators(world.target)[risk.LATE_DISCLOSURE]
    assert summary(late) == (40.0, 14.0, True, True)
    assert late["explanation"].startswith(
        "The public could read the record of a meeting 40 days after it took place, on average"
    )
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
    # 24 company meetings on platform work against 1 with a union; the peers' 4 to 1 set the fence.
    assert summary(imbalance) == (24.0, 4.0, True, True)
    assert imbalance["explanation"].startswith(
        "On Platform work, company meetings outnumber union and civil-society meetings 24.0 to 1 (24 against 1)"
    )
    assert summary(indicators(world.peers[1], world.amsterdam)[risk.TOPIC_IMBALANCE]) == (4.0, 4.0, False, True)


def test_a_record_of_broken_overdue_and_moved_commitments_fires(world):
    compute_lobbying_risk(on=today())

    in_amsterdam = indicators(world.target, world.amsterdam)[risk.COMMITMENT_RECORD]
    assert summary(in_amsterdam) == (0.75, 0.25, True, True)
    # One commitment in Barcelona is judged, with little evidence ...
    barcelona = indicators(world.target, world.barcelona)[risk.COMMITMENT_RECORD]
    assert summary(barcelona) == (0.0, 0.25, False, True)
    assert barcelona["evidence"] == pytest.approx(1 / 6, abs=1e-4)
    # ... and counts in the overall record: 12 of 17.
    assert summary(indicators(world.target)[risk.COMMITMENT_RECORD]) == (0.7059, 0.25, True, True)
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


# --- what the analyst's test showed ---------------------------------------------------------------------------------


def test_no_register_id_is_not_applicable_where_no_register_covers_the_cities(world):
    """Vietnam has no lobbying register: a company negotiating only there cannot be faulted for having no id."""
    hanoi = CityFactory(name="Hanoi", country="VN", time_zone="Asia/Ho_Chi_Minh")
    local = TechCompanyFactory(unregistered=True)
    negotiate(local, hanoi, days_open=200)
    # A city may say itself which registers apply, over its country's.
    opted_out = CityFactory(name="Rotterdam", country="NL", lobbying_registers=[])

    compute_lobbying_risk(on=today())

    register = indicators(local)[risk.NO_REGISTRY_ID]
    assert summary(register) == (None, None, False, False)
    assert register["explanation"] == (
        "Not applicable: no lobbying register covers Hanoi, so no register id can be expected."
    )
    assert indicators(local, hanoi)[risk.NO_REGISTRY_ID]["applicable"] is False
    # The target is unregistered where the EU register covers Amsterdam and Barcelona.
    target = indicators(world.target)[risk.NO_REGISTRY_ID]
    assert summary(target) == (1, 0, True, True)
    assert "EU Transparency Register covers Amsterdam and Barcelona" in target["explanation"]
    negotiate(local, opted_out, days_open=200)
    compute_lobbying_risk(on=today())
    assert indicators(local)[risk.NO_REGISTRY_ID]["applicable"] is False


def test_disclosure_lag_runs_to_the_day_the_public_could_read_the_record(world):
    """A meeting kept confidential for months was once read as timely: published (under embargo) after 3 days."""
    company = TechCompanyFactory()
    staff = CouncilStaffUserFactory(city=world.amsterdam)
    negotiation = negotiate(company, world.amsterdam, days_open=365)
    meetings = hold_meetings(negotiation, 4, staff=staff, lag_days=3)
    released = meetings[0]
    Meeting.objects.filter(pk=released.pk).update(
        confidentiality="confidential", withholding_ground="ongoing_negotiation",
        release_on=(released.starts_at + 83 * DAY).date(), released_at=released.starts_at + 83 * DAY,
    )
    Meeting.objects.filter(pk=meetings[1].pk).update(confidentiality="restricted", withholding_ground="commercial")

    compute_lobbying_risk(on=today())

    late = indicators(company)[risk.LATE_DISCLOSURE]
    # (83 + 3 + 3 + 3) / 4 days.
    assert late["value"] == pytest.approx(23.0)
    withheld = indicators(company)[risk.WITHHELD_MEETINGS]
    assert (withheld["value"], withheld["sample_size"], withheld["applicable"]) == (0.5, 4, True)
    assert "2 of 4 published meetings (50%) were or are withheld, released on average 83 days after" in (
        withheld["explanation"]
    )


def test_a_meeting_still_under_embargo_is_not_counted_as_withheld(world):
    """Its company must not be revealed by a score that moves."""
    company = TechCompanyFactory()
    staff = CouncilStaffUserFactory(city=world.amsterdam)
    negotiation = negotiate(company, world.amsterdam, days_open=365)
    hold_meetings(negotiation, 3, staff=staff)
    compute_lobbying_risk(on=today())
    before = RiskAssessment.objects.get(organisation=company, city=None)

    hold_meetings(negotiation, 5, staff=staff, confidential=True)
    compute_lobbying_risk(on=today())

    after = RiskAssessment.objects.get(organisation=company, city=None)
    assert (after.score, after.confidence, after.indicators) == (before.score, before.confidence, before.indicators)


def test_late_meetings_are_named_as_the_facts_behind_the_indicator(world):
    compute_lobbying_risk(on=today())

    late = indicators(world.target, world.amsterdam)[risk.LATE_DISCLOSURE]
    assert late["fired"] and len(late["facts"]) == 3
    assert all("could be read by the public 40 days after it took place" in fact for fact in late["facts"])
    assert all("(Amsterdam, " in fact for fact in late["facts"])


def test_the_revolving_door_names_a_public_official_and_never_a_private_person(world):
    company = TechCompanyFactory()
    staff = CouncilStaffUserFactory(city=world.amsterdam)
    hold_meetings(negotiate(company, world.amsterdam, days_open=365), 3, staff=staff)
    named = AffiliationFactory(
        at_city=True, city=world.amsterdam, person__full_name="Alderman Anna de Vries",
        person__public_official=True, role="Alderman for digital affairs",
        start_on=datetime.date(2019, 1, 1), end_on=today() - 60 * DAY,
    ).person
    AffiliationFactory(person=named, organisation=company, role="Head of public policy", start_on=today() - 30 * DAY)
    private = AffiliationFactory(
        at_city=True, city=world.amsterdam, person__full_name="Pieter Private", start_on=datetime.date(2019, 1, 1),
        end_on=today() - 60 * DAY,
    ).person
    AffiliationFactory(person=private, organisation=company, start_on=today() - 20 * DAY)

    compute_lobbying_risk(on=today())

    door = indicators(company, world.amsterdam)[risk.REVOLVING_DOOR]
    assert door["fired"] and door["value"] == 2
    facts = " ".join(door["facts"])
    assert (
        f"Alderman Anna de Vries held the role “Alderman for digital affairs” at Amsterdam until "
        f"{(today() - 60 * DAY).isoformat()} and took the role “Head of public policy” at the company on "
        f"{(today() - 30 * DAY).isoformat()}."
    ) in door["facts"]
    assert "Pieter Private" not in facts
    assert (
        "A person who is not a public official (name, roles and dates not published) held a role at Amsterdam and a "
        "role at the company within the cooling-off period."
    ) in door["facts"]
    assert "Pieter Private" not in str(RiskAssessment.objects.filter(organisation=company).values_list("indicators"))


def test_the_official_and_the_troubled_commitments_are_named_as_facts(world):
    compute_lobbying_risk(on=today())

    concentration = indicators(world.target, world.amsterdam)[risk.OFFICIAL_CONCENTRATION]
    assert concentration["facts"] == [
        "One official who is not a public official (name not published) attended 24 of the 24 meetings with city "
        "attendees."
    ]
    record = indicators(world.target, world.amsterdam)[risk.COMMITMENT_RECORD]
    assert len(record["facts"]) == 3
    assert record["facts"][0].endswith("(Amsterdam) had its due date moved 1 time.")
    assert all("(Amsterdam)" in fact for fact in record["facts"])
    # Named once the official is a public official.
    lobbied = Meeting.objects.filter(negotiation__company=world.target).first().attendees.exclude(pk=world.envoy.pk)
    lobbied.update(full_name="Councillor Joost Lobbied", is_public_official=True)
    compute_lobbying_risk(on=today())
    named = indicators(world.target, world.amsterdam)[risk.OFFICIAL_CONCENTRATION]
    assert named["facts"] == ["Councillor Joost Lobbied attended 24 of the 24 meetings with city attendees."]
