"""Who sees which rows (``visible_to``, ``public``) and when commitments run late (``overdue``, ``due_soon``)."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser

from ambassador.commitments.choices import CompletionLevel
from ambassador.commitments.factories import CommitmentFactory, CommitmentUpdateFactory, OverdueFlagFactory
from ambassador.commitments.models import Commitment, CommitmentUpdate, OverdueFlag
from ambassador.negotiations.factories import MeetingFactory, NegotiationFactory
from ambassador.negotiations.models import Meeting, Negotiation
from ambassador.risk.factories import RiskAssessmentFactory
from ambassador.risk.models import RiskAssessment
from ambassador.stakeholders.factories import (
    CityFactory,
    CouncilStaffFactory,
    EnvoyFactory,
    OrganisationFactory,
    PersonFactory,
    TechCompanyFactory,
    UserFactory,
)
from ambassador.stakeholders.models import City, Organisation, Person

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
ONE_DAY = datetime.timedelta(days=1)


def pks(queryset):
    return set(queryset.values_list("pk", flat=True))


# --- visible_to: staff see their own city's rows, superusers everything, everyone else nothing ---------------------

CITY_SCOPED_MODELS = [City, Negotiation, Meeting, Commitment, CommitmentUpdate, OverdueFlag]


def _records_of(city):
    """One row of each city-scoped model, all belonging to ``city``."""
    negotiation = NegotiationFactory(city=city)
    meeting = MeetingFactory(negotiation=negotiation, published=True)
    commitment = CommitmentFactory(negotiation=negotiation, source_meeting=meeting, due_on=datetime.date(2026, 1, 31))
    return {
        City: city,
        Negotiation: negotiation,
        Meeting: meeting,
        Commitment: commitment,
        CommitmentUpdate: CommitmentUpdateFactory(commitment=commitment),
        OverdueFlag: OverdueFlagFactory(commitment=commitment),
    }


@pytest.fixture
def records():
    return {
        "amsterdam": _records_of(CityFactory(name="Amsterdam")),
        "barcelona": _records_of(CityFactory(name="Barcelona")),
    }


@pytest.fixture
def viewers(records):
    amsterdam, barcelona = records["amsterdam"][City], records["barcelona"][City]
    return {
        "superuser": UserFactory(superuser=True),
        "amsterdam envoy": EnvoyFactory(city=amsterdam).user,
        "amsterdam council staff": CouncilStaffFactory(city=amsterdam).user,
        "barcelona envoy": EnvoyFactory(city=barcelona).user,
        "staff user without a city": UserFactory(is_staff=True),
        "anonymous user": AnonymousUser(),
        "no user": None,
        "inactive amsterdam envoy": EnvoyFactory(city=amsterdam, user__is_active=False).user,
        "inactive superuser": UserFactory(superuser=True, is_active=False),
    }


VISIBILITY = [
    ("superuser", {"amsterdam", "barcelona"}),
    ("amsterdam envoy", {"amsterdam"}),
    ("amsterdam council staff", {"amsterdam"}),
    ("barcelona envoy", {"barcelona"}),
    ("staff user without a city", set()),
    ("anonymous user", set()),
    ("no user", set()),
    ("inactive amsterdam envoy", set()),
    ("inactive superuser", set()),
]


@pytest.mark.parametrize("model", CITY_SCOPED_MODELS, ids=lambda model: model.__name__)
@pytest.mark.parametrize(("viewer", "cities_seen"), VISIBILITY, ids=[viewer for viewer, _ in VISIBILITY])
def test_visible_to_returns_exactly_the_rows_of_the_cities_the_viewer_works_for(
    records, viewers, model, viewer, cities_seen
):
    expected = {records[city][model].pk for city in cities_seen}

    assert pks(model.objects.visible_to(viewers[viewer])) == expected


@pytest.mark.parametrize("model", CITY_SCOPED_MODELS, ids=lambda model: model.__name__)
def test_for_city_returns_only_that_citys_rows(records, model):
    amsterdam = records["amsterdam"][City]

    assert pks(model.objects.for_city(amsterdam)) == {records["amsterdam"][model].pk}


def test_every_member_sees_all_organisations_and_outsiders_none(records, viewers):
    union = OrganisationFactory()
    every_organisation = {union.pk} | {records[city][Negotiation].company_id for city in records}

    assert pks(Organisation.objects.visible_to(viewers["barcelona envoy"])) == every_organisation
    assert pks(Organisation.objects.visible_to(viewers["superuser"])) == every_organisation
    assert pks(Organisation.objects.visible_to(viewers["staff user without a city"])) == set()
    assert pks(Organisation.objects.visible_to(viewers["anonymous user"])) == set()
    assert pks(Organisation.objects.visible_to(viewers["inactive amsterdam envoy"])) == set()


def test_members_see_public_people_and_their_own_citys_private_people(records, viewers):
    official = PersonFactory(public_official=True)
    amsterdam_private = PersonFactory(recorded_by_city=records["amsterdam"][City])
    barcelona_private = PersonFactory(recorded_by_city=records["barcelona"][City])

    assert pks(Person.objects.visible_to(viewers["amsterdam envoy"])) == {official.pk, amsterdam_private.pk}
    assert pks(Person.objects.visible_to(viewers["superuser"])) == {
        official.pk, amsterdam_private.pk, barcelona_private.pk,
    }
    assert pks(Person.objects.visible_to(viewers["anonymous user"])) == set()
    assert pks(Person.objects.visible_to(viewers["staff user without a city"])) == set()


def test_members_see_overall_risk_scores_and_their_own_citys(records, viewers):
    company = TechCompanyFactory()
    overall = RiskAssessmentFactory(organisation=company)
    in_amsterdam = RiskAssessmentFactory(organisation=company, city=records["amsterdam"][City])
    in_barcelona = RiskAssessmentFactory(organisation=company, city=records["barcelona"][City])

    assert pks(RiskAssessment.objects.visible_to(viewers["amsterdam envoy"])) == {overall.pk, in_amsterdam.pk}
    assert pks(RiskAssessment.objects.visible_to(viewers["superuser"])) == {
        overall.pk, in_amsterdam.pk, in_barcelona.pk,
    }
    assert pks(RiskAssessment.objects.visible_to(viewers["inactive amsterdam envoy"])) == set()
    assert pks(RiskAssessment.objects.visible_to(viewers["anonymous user"])) == set()


# --- public(): everything published and released, nothing else ----------------------------------------------------

TODAY = datetime.date(2026, 3, 1)


@pytest.fixture
def meetings():
    announced = NegotiationFactory()
    unannounced = NegotiationFactory(unannounced=True, city=announced.city)
    return {
        "published public": MeetingFactory(negotiation=announced, published=True),
        "published restricted": MeetingFactory(negotiation=announced, published=True, restricted=True),
        "draft": MeetingFactory(negotiation=announced),
        "submitted": MeetingFactory(negotiation=announced, submitted=True),
        "confidential, release tomorrow": MeetingFactory(
            negotiation=announced, published=True, confidential=True, release_on=TODAY + ONE_DAY
        ),
        "confidential, released today": MeetingFactory(
            negotiation=announced, published=True, confidential=True, release_on=TODAY
        ),
        "confidential, released yesterday": MeetingFactory(
            negotiation=announced, published=True, confidential=True, release_on=TODAY - ONE_DAY
        ),
        "draft confidential, released yesterday": MeetingFactory(
            negotiation=announced, confidential=True, release_on=TODAY - ONE_DAY
        ),
        "published, negotiation not announced": MeetingFactory(negotiation=unannounced, published=True),
    }


PUBLIC_MEETINGS = {
    "published public",
    "published restricted",
    "confidential, released today",
    "confidential, released yesterday",
}


def test_public_meetings_are_exactly_the_published_released_meetings_of_announced_negotiations(meetings):
    assert pks(Meeting.objects.public(today=TODAY)) == {meetings[name].pk for name in PUBLIC_MEETINGS}


@pytest.mark.parametrize(
    ("name", "is_public"),
    [
        ("published public", True),
        ("published restricted", True),
        ("draft", False),
        ("submitted", False),
        ("confidential, release tomorrow", False),
        ("confidential, released today", True),
        ("confidential, released yesterday", True),
        ("draft confidential, released yesterday", False),
        ("published, negotiation not announced", False),
    ],
)
def test_meeting_is_public_only_when_published_released_and_announced(meetings, name, is_public):
    assert Meeting.objects.public(today=TODAY).filter(pk=meetings[name].pk).exists() is is_public


def test_public_meetings_judge_release_dates_by_the_current_date_by_default():
    embargoed = MeetingFactory(published=True, confidential=True)  # released years from now
    released = MeetingFactory(published=True, confidential=True, release_on=datetime.date(2020, 1, 1))

    assert pks(Meeting.objects.public()) == {released.pk}
    assert embargoed.release_on > datetime.date.today()


def test_withheld_meetings_are_the_restricted_and_the_embargoed_published_ones(meetings):
    assert pks(Meeting.objects.withheld(today=TODAY)) == {
        meetings["published restricted"].pk,
        meetings["confidential, release tomorrow"].pk,
    }


def test_public_negotiations_are_the_announced_ones():
    announced = NegotiationFactory()
    NegotiationFactory(unannounced=True)

    assert pks(Negotiation.objects.public()) == {announced.pk}


@pytest.fixture
def commitments(meetings):
    announced = meetings["published public"].negotiation
    unannounced = meetings["published, negotiation not announced"].negotiation
    return {
        "from a public meeting": CommitmentFactory(negotiation=announced, source_meeting=meetings["published public"]),
        "from a restricted meeting": CommitmentFactory(
            negotiation=announced, source_meeting=meetings["published restricted"]
        ),
        "from a released confidential meeting": CommitmentFactory(
            negotiation=announced, source_meeting=meetings["confidential, released yesterday"]
        ),
        "without a meeting": CommitmentFactory(negotiation=announced, without_meeting=True),
        "from a draft meeting": CommitmentFactory(negotiation=announced, source_meeting=meetings["draft"]),
        "from a submitted meeting": CommitmentFactory(negotiation=announced, source_meeting=meetings["submitted"]),
        "from an embargoed meeting": CommitmentFactory(
            negotiation=announced, source_meeting=meetings["confidential, release tomorrow"]
        ),
        "of an unannounced negotiation": CommitmentFactory(negotiation=unannounced, without_meeting=True),
    }


PUBLIC_COMMITMENTS = {
    "from a public meeting",
    "from a restricted meeting",
    "from a released confidential meeting",
    "without a meeting",
}


def test_public_commitments_exclude_those_whose_source_meeting_is_not_public(commitments):
    assert pks(Commitment.objects.public(today=TODAY)) == {commitments[name].pk for name in PUBLIC_COMMITMENTS}


def test_public_commitment_updates_are_those_of_public_commitments(commitments):
    public_update = CommitmentUpdateFactory(commitment=commitments["from a public meeting"])
    CommitmentUpdateFactory(commitment=commitments["from a draft meeting"])
    CommitmentUpdateFactory(commitment=commitments["from an embargoed meeting"])

    assert pks(CommitmentUpdate.objects.public(today=TODAY)) == {public_update.pk}


def test_public_flags_are_overdue_flags_of_public_commitments(commitments):
    public_flag = OverdueFlagFactory(commitment=commitments["without a meeting"])
    OverdueFlagFactory(commitment=commitments["without a meeting"], due_soon=True)
    OverdueFlagFactory(commitment=commitments["from an embargoed meeting"])
    OverdueFlagFactory(commitment=commitments["of an unannounced negotiation"])

    assert pks(OverdueFlag.objects.public(today=TODAY)) == {public_flag.pk}


def test_public_people_are_only_public_officials_and_public_figures():
    official = PersonFactory(public_official=True)
    figure = PersonFactory(public_figure=True)
    both = PersonFactory(public_official=True, public_figure=True)
    PersonFactory()  # a private person, e.g. a company's junior engineer

    assert pks(Person.objects.public()) == {official.pk, figure.pk, both.pk}


# --- overdue and due soon, in each city's own time zone ------------------------------------------------------------

DUE = datetime.date(2026, 3, 1)
# 18:00 UTC on the due date: already 01:00 on 2 March in Hanoi (UTC+7), still 18:00 on 1 March in London (GMT).
EVENING_IN_LONDON = datetime.datetime(2026, 3, 1, 18, 0, tzinfo=UTC)


@pytest.fixture
def hanoi():
    return NegotiationFactory(city=CityFactory(name="Hanoi"))


@pytest.fixture
def london():
    return NegotiationFactory(city=CityFactory(name="London"))


def _due(negotiation, due_on, **kwargs):
    return CommitmentFactory(negotiation=negotiation, without_meeting=True, due_on=due_on, **kwargs)


def test_commitment_is_overdue_from_the_day_after_its_due_date_in_its_citys_time_zone(hanoi, london):
    in_hanoi, in_london = _due(hanoi, DUE), _due(london, DUE)

    assert pks(Commitment.objects.overdue(now=EVENING_IN_LONDON)) == {in_hanoi.pk}
    assert in_london.pk not in pks(Commitment.objects.overdue(now=EVENING_IN_LONDON))


@pytest.mark.parametrize(
    ("now", "overdue_in"),
    [
        (datetime.datetime(2026, 3, 1, 16, 59, tzinfo=UTC), set()),  # 23:59 in Hanoi on the due date
        (datetime.datetime(2026, 3, 1, 17, 0, tzinfo=UTC), {"hanoi"}),  # midnight in Hanoi
        (datetime.datetime(2026, 3, 1, 23, 59, tzinfo=UTC), {"hanoi"}),  # 23:59 in London on the due date
        (datetime.datetime(2026, 3, 2, 0, 0, tzinfo=UTC), {"hanoi", "london"}),  # midnight in London
    ],
    ids=["before-midnight-in-hanoi", "midnight-in-hanoi", "before-midnight-in-london", "midnight-in-london"],
)
def test_commitment_turns_overdue_at_midnight_local_time(hanoi, london, now, overdue_in):
    commitments = {"hanoi": _due(hanoi, DUE), "london": _due(london, DUE)}

    assert pks(Commitment.objects.overdue(now=now)) == {commitments[city].pk for city in overdue_in}


def test_overdue_with_a_given_date_judges_every_city_by_that_date(hanoi, london):
    in_hanoi, in_london = _due(hanoi, DUE), _due(london, DUE)

    assert pks(Commitment.objects.overdue(today=DUE)) == set()
    assert pks(Commitment.objects.overdue(today=DUE + ONE_DAY)) == {in_hanoi.pk, in_london.pk}


@pytest.mark.parametrize("now_or_today", [{"today": DUE + ONE_DAY}, {"now": EVENING_IN_LONDON}], ids=["today", "now"])
def test_complete_withdrawn_and_broken_commitments_are_never_overdue(hanoi, now_or_today):
    long_ago = datetime.date(2025, 6, 30)
    still_open = {
        _due(hanoi, long_ago, completion=CompletionLevel.NOT_STARTED),
        _due(hanoi, long_ago, completion=CompletionLevel.LIMITED),
        _due(hanoi, long_ago, completion=CompletionLevel.SUBSTANTIAL),
    }
    _due(hanoi, long_ago, complete=True)
    _due(hanoi, long_ago, withdrawn=True)
    _due(hanoi, long_ago, broken=True)
    _due(hanoi, None)  # no due date, nothing to be late for

    assert pks(Commitment.objects.overdue(**now_or_today)) == {commitment.pk for commitment in still_open}


def test_due_soon_covers_today_through_the_window_and_nothing_overdue_or_finished(hanoi):
    due_today = _due(hanoi, DUE)
    due_on_last_day = _due(hanoi, DUE + datetime.timedelta(days=14))
    _due(hanoi, DUE + datetime.timedelta(days=15))  # beyond the window
    _due(hanoi, DUE - ONE_DAY)  # already overdue
    _due(hanoi, DUE + ONE_DAY, complete=True)
    _due(hanoi, DUE + ONE_DAY, withdrawn=True)
    _due(hanoi, None)

    assert pks(Commitment.objects.due_soon(within_days=14, today=DUE)) == {due_today.pk, due_on_last_day.pk}


def test_due_soon_is_judged_in_each_citys_time_zone(hanoi, london):
    # At this instant it is 2 March in Hanoi and 1 March in London.
    last_day_in_hanoi = DUE + ONE_DAY + datetime.timedelta(days=14)
    hanoi_due_on_last_day = _due(hanoi, last_day_in_hanoi)
    _due(london, last_day_in_hanoi)  # one day beyond London's window
    _due(hanoi, DUE)  # overdue in Hanoi
    london_due_today = _due(london, DUE)

    assert pks(Commitment.objects.due_soon(within_days=14, now=EVENING_IN_LONDON)) == {
        hanoi_due_on_last_day.pk, london_due_today.pk,
    }


def test_active_overdue_flags_are_those_on_commitments_still_overdue(hanoi):
    late = _due(hanoi, DUE - ONE_DAY)
    since_completed = _due(hanoi, DUE - ONE_DAY, complete=True)
    active = OverdueFlagFactory(commitment=late)
    OverdueFlagFactory(commitment=late, due_soon=True)
    OverdueFlagFactory(commitment=since_completed)
    cleared = _due(hanoi, DUE - ONE_DAY)
    OverdueFlagFactory(commitment=cleared, cleared=True)

    assert pks(OverdueFlag.objects.overdue(today=DUE)) == {active.pk}
