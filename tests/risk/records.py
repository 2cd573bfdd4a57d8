"""Hand-built lobbying records for the risk tests: builders, and a world where one company shows every signal."""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from ambassador.commitments.choices import Area, CompletionLevel, Principle
from ambassador.commitments.factories import CommitmentFactory
from ambassador.commitments.models import Commitment
from ambassador.negotiations.factories import MeetingFactory, NegotiationFactory, TopicFactory
from ambassador.negotiations.models import Meeting
from ambassador.risk.models import RiskAssessment
from ambassador.stakeholders.factories import (
    AffiliationFactory,
    CityFactory,
    CouncilStaffUserFactory,
    EnvoyUserFactory,
    LobbyingDisclosureFactory,
    TechCompanyFactory,
    TradeUnionFactory,
)

DAY = datetime.timedelta(days=1)
# The target's meetings in Amsterdam; 10 of them have vague or no minutes.
TARGET_MEETINGS = 24


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


def build_world() -> World:
    """Five ordinary companies in Amsterdam, and one (the target) that shows every signal.

    Amsterdam's envoy attends every meeting, as envoys do. Peers: spend €100k..€140k, 10..14
    lobbyists, a year of negotiation with 4 meetings on one topic (one with a union present), two
    other officials each at 2 of the 4, published after 3 days, 4 commitments complete, one person on
    record. Target: unregistered, €1m and 50 lobbyists; in Amsterdam for 61 days with 24 meetings on
    the topic, all with one member of the council staff, 10 with vague minutes, published after 40
    days; 12 of 16 commitments broken, overdue or moved; a former city official joined it within the
    cooling-off period. In Barcelona it committed on fair pay but not fair representation. The
    target's samples are large enough for its shares to fire allowing for chance.
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
        in_amsterdam, TARGET_MEETINGS, staff=staff, lag_days=40, topic=topic, attendees=lambda i: [envoy, lobbied]
    )
    Meeting.objects.filter(pk__in=[meeting.pk for meeting in meetings[0:5]]).update(
        minutes_main_points="General discussion."
    )
    Meeting.objects.filter(pk__in=[meeting.pk for meeting in meetings[5:10]]).update(minutes_conclusions="")

    for _ in range(4):
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
