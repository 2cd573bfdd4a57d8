"""Every filter of every FilterSet, each against a small named dataset, and bad values as 400s."""

import datetime

import pytest
from django.utils import timezone

from ambassador.commitments.choices import Area, CompletionLevel, FlagKind, Principle, Promiser
from ambassador.commitments.factories import CommitmentFactory, CommitmentUpdateFactory, OverdueFlagFactory
from ambassador.commitments.filtersets import CommitmentFilterSet, CommitmentUpdateFilterSet, OverdueFlagFilterSet
from ambassador.negotiations.choices import MeetingFormat
from ambassador.negotiations.factories import MeetingFactory, NegotiationFactory, TopicFactory
from ambassador.negotiations.filtersets import MeetingFilterSet, NegotiationFilterSet
from ambassador.risk.factories import RiskAssessmentFactory
from ambassador.risk.filtersets import RiskAssessmentFilterSet
from ambassador.stakeholders.factories import (
    AffiliationFactory,
    CityFactory,
    EnvoyFactory,
    PersonFactory,
    TechCompanyFactory,
    TradeUnionFactory,
    UserFactory,
)
from ambassador.stakeholders.filtersets import (
    CityFilterSet,
    OrganisationFilterSet,
    PersonFilterSet,
)

from .conftest import client_for, list_ids, list_url

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


def at(year, month, day, hour=12):
    return datetime.datetime(year, month, day, hour, tzinfo=UTC)


@pytest.fixture
def rows(db):
    """Two cities, two companies, three negotiations, and a handful of every record, each with a name."""
    r = {}
    r["ams"] = CityFactory(name="Amsterdam", slug="amsterdam")
    r["bcn"] = CityFactory(name="Barcelona", slug="barcelona")
    r["alpha"] = TechCompanyFactory(name="Alpha Rides", slug="alpha-rides", registry_id="111")
    r["beta"] = TechCompanyFactory(name="Beta Cloud", slug="beta-cloud", registry_id="", parent=r["alpha"])
    r["union"] = TradeUnionFactory(name="Couriers Union", slug="couriers-union", registry_id="")
    r["t_mob"] = TopicFactory(name="Mobility data", slug="mob")
    r["t_work"] = TopicFactory(name="Platform work", slug="work")
    r["lead"] = EnvoyFactory(city=r["ams"]).user

    r["n1"] = NegotiationFactory(
        city=r["ams"], company=r["alpha"], title="Alpha mobility feed", slug="alpha-mobility",
        opened_on=datetime.date(2024, 1, 10), topics=[r["t_mob"]], lead_envoy=r["lead"],
        public_summary="Trip data for the kerbside plan.",
    )
    r["n2"] = NegotiationFactory(
        city=r["ams"], company=r["beta"], title="Beta hosting", slug="beta-hosting", concluded=True,
        opened_on=datetime.date(2024, 6, 1), closed_on=datetime.date(2025, 3, 1), topics=[r["t_work"]],
        unannounced=True,
    )
    r["n3"] = NegotiationFactory(
        city=r["bcn"], company=r["alpha"], title="Alpha couriers", slug="alpha-couriers", stalled=True,
        opened_on=datetime.date(2025, 2, 1), topics=[r["t_mob"], r["t_work"]],
    )

    r["p_official"] = PersonFactory(full_name="Ada Official", public_official=True)
    r["p_figure"] = PersonFactory(full_name="Bea Figure", public_figure=True)
    r["p_bcn"] = PersonFactory(full_name="Cas Private", recorded_by_city=r["bcn"])
    r["p_ams"] = PersonFactory(full_name="Dirk Private", recorded_by_city=r["ams"])
    AffiliationFactory(person=r["p_official"], at_city=True, city=r["ams"])
    AffiliationFactory(person=r["p_figure"], organisation=r["alpha"])
    AffiliationFactory(person=r["p_bcn"], at_city=True, city=r["bcn"])
    AffiliationFactory(person=r["p_ams"], organisation=r["beta"])

    r["m1"] = MeetingFactory(
        negotiation=r["n1"], starts_at=at(2024, 2, 1), format=MeetingFormat.IN_PERSON, subject="Kerbside sensors",
        location="City Hall", topic=r["t_mob"], attendees=[r["p_official"]], organisations=[r["alpha"], r["union"]],
        published=True, published_at=at(2024, 2, 4),
    )
    r["m2"] = MeetingFactory(
        negotiation=r["n2"], starts_at=at(2024, 7, 1), format=MeetingFormat.VIDEO, subject="Hosting in the EU",
        location="Video call", topic=r["t_work"], organisations=[r["beta"]], restricted=True,
    )
    r["m3"] = MeetingFactory(
        negotiation=r["n3"], starts_at=at(2025, 3, 1), format=MeetingFormat.PHONE, subject="Courier pay",
        location="Phone", attendees=[r["p_bcn"]], organisations=[r["alpha"]], submitted=True, confidential=True,
    )

    r["c1"] = CommitmentFactory(
        negotiation=r["n1"], source_meeting=r["m1"], promiser=Promiser.COMPANY, area=Area.DATA_GOVERNANCE,
        principle=Principle.PRIVACY, text="Anonymise trip data", due_on=datetime.date(2025, 1, 31),
    )
    r["c2"] = CommitmentFactory(
        negotiation=r["n2"], source_meeting=r["m2"], promiser=Promiser.CITY, area=Area.WORKERS_RIGHTS,
        principle=Principle.FAIR_PAY, text="Pay the living wage", due_on=datetime.date(2030, 1, 1),
        completion=CompletionLevel.LIMITED, slippage_count=2, evidence="Payslips reviewed",
    )
    r["c3"] = CommitmentFactory(
        negotiation=r["n3"], source_meeting=r["m3"], promiser=Promiser.COMPANY, area=Area.OTHER,
        principle=Principle.OTHER, text="Study kerbside congestion", due_on=datetime.date(2024, 12, 31),
        complete=True, completed_on=datetime.date(2024, 12, 20),
    )

    r["u1"] = CommitmentUpdateFactory(
        commitment=r["c1"], reported_on=datetime.date(2025, 1, 10), completion=CompletionLevel.LIMITED,
        summary="First sample shared",
    )
    r["u2"] = CommitmentUpdateFactory(
        commitment=r["c2"], reported_on=datetime.date(2025, 6, 1), completion="", summary="Later start",
        previous_due_on=datetime.date(2029, 1, 1), new_due_on=datetime.date(2030, 1, 1),
        due_date_reason="Needs a data-protection impact assessment",
    )
    r["u3"] = CommitmentUpdateFactory(
        commitment=r["c3"], reported_on=datetime.date(2025, 9, 1), completion=CompletionLevel.COMPLETE,
        summary="Study published",
    )

    r["f1"] = OverdueFlagFactory(commitment=r["c1"], due_on=datetime.date(2025, 1, 31), raised_at=at(2025, 2, 1, 0))
    r["f2"] = OverdueFlagFactory(
        commitment=r["c2"], kind=FlagKind.DUE_SOON, due_on=datetime.date(2025, 5, 10), raised_at=at(2025, 4, 26, 0),
        cleared_at=at(2025, 5, 2),
    )
    r["f3"] = OverdueFlagFactory(
        commitment=r["c3"], due_on=datetime.date(2024, 12, 31), raised_at=at(2025, 1, 1, 0), cleared_at=at(2025, 1, 5)
    )

    r["r1"] = RiskAssessmentFactory(organisation=r["alpha"], assessed_on=datetime.date(2025, 1, 1), score=80)
    r["r2"] = RiskAssessmentFactory(
        organisation=r["alpha"], city=r["ams"], assessed_on=datetime.date(2025, 2, 1), score=40
    )
    r["r3"] = RiskAssessmentFactory(
        organisation=r["beta"], city=r["bcn"], assessed_on=datetime.date(2025, 3, 1), score=10
    )
    return r


@pytest.fixture
def client(rows):
    return client_for(UserFactory(superuser=True))


# (endpoint, FilterSet, {case id: (params from rows, names of the expected rows)})
# Params are functions of the named rows so ids and slugs come from the data.
CASES = {
    "cities": (CityFilterSet, {
        "id": (lambda r: {"id": r["bcn"].pk}, {"bcn"}),
        "slug": (lambda r: {"slug": "amsterdam"}, {"ams"}),
        "country": (lambda r: {"country": "ES"}, {"bcn"}),
        "q": (lambda r: {"q": "AMSTER"}, {"ams"}),
    }),
    "organisations": (OrganisationFilterSet, {
        "id": (lambda r: {"id": r["beta"].pk}, {"beta"}),
        "slug": (lambda r: {"slug": "couriers-union"}, {"union"}),
        "kind": (lambda r: {"kind": "trade_union"}, {"union"}),
        "kind, two values": (lambda r: {"kind": ["trade_union", "tech_company"]}, {"alpha", "beta", "union"}),
        "parent_id": (lambda r: {"parent_id": r["alpha"].pk}, {"beta"}),
        "parent": (lambda r: {"parent": "alpha-rides"}, {"beta"}),
        "has_registry_id true": (lambda r: {"has_registry_id": "true"}, {"alpha"}),
        "has_registry_id false": (lambda r: {"has_registry_id": "false"}, {"beta", "union"}),
        "q": (lambda r: {"q": "cloud"}, {"beta"}),
    }),
    "people": (PersonFilterSet, {
        "id": (lambda r: {"id": r["p_bcn"].pk}, {"p_bcn"}),
        "is_public_official": (lambda r: {"is_public_official": "true"}, {"p_official"}),
        "is_public_figure": (lambda r: {"is_public_figure": "true"}, {"p_figure"}),
        "city_id": (lambda r: {"city_id": r["ams"].pk}, {"p_official"}),
        "city": (lambda r: {"city": "barcelona"}, {"p_bcn"}),
        "organisation_id": (lambda r: {"organisation_id": r["alpha"].pk}, {"p_figure"}),
        "organisation": (lambda r: {"organisation": "beta-cloud"}, {"p_ams"}),
        "q": (lambda r: {"q": "private"}, {"p_bcn", "p_ams"}),
    }),
    "risk-assessments": (RiskAssessmentFilterSet, {
        "id": (lambda r: {"id": r["r2"].pk}, {"r2"}),
        "city_id": (lambda r: {"city_id": r["ams"].pk}, {"r2"}),
        "city": (lambda r: {"city": "barcelona"}, {"r3"}),
        "company_id": (lambda r: {"company_id": r["alpha"].pk}, {"r1", "r2"}),
        "company": (lambda r: {"company": "beta-cloud"}, {"r3"}),
        "overall true": (lambda r: {"overall": "true"}, {"r1"}),
        "overall false": (lambda r: {"overall": "false"}, {"r2", "r3"}),
        "assessed_after": (lambda r: {"assessed_after": "2025-02-01"}, {"r2", "r3"}),
        "assessed_before": (lambda r: {"assessed_before": "2025-02-01"}, {"r1", "r2"}),
        "min_score": (lambda r: {"min_score": "40"}, {"r1", "r2"}),
        "q": (lambda r: {"q": "beta"}, {"r3"}),
    }),
    "negotiations": (NegotiationFilterSet, {
        "id": (lambda r: {"id": r["n2"].pk}, {"n2"}),
        "slug": (lambda r: {"slug": "alpha-couriers"}, {"n3"}),
        "city_id": (lambda r: {"city_id": r["ams"].pk}, {"n1", "n2"}),
        "city": (lambda r: {"city": "barcelona"}, {"n3"}),
        "city, two values": (lambda r: {"city": ["barcelona", "amsterdam"]}, {"n1", "n2", "n3"}),
        "company_id": (lambda r: {"company_id": r["alpha"].pk}, {"n1", "n3"}),
        "company": (lambda r: {"company": "beta-cloud"}, {"n2"}),
        "topic_id": (lambda r: {"topic_id": r["t_work"].pk}, {"n2", "n3"}),
        "topic": (lambda r: {"topic": "mob"}, {"n1", "n3"}),
        "stage": (lambda r: {"stage": "stalled"}, {"n3"}),
        "stage, two values": (lambda r: {"stage": ["active", "concluded"]}, {"n1", "n2"}),
        "is_public true": (lambda r: {"is_public": "true"}, {"n1", "n3"}),
        "is_public false": (lambda r: {"is_public": "false"}, {"n2"}),
        "opened_after": (lambda r: {"opened_after": "2024-06-01"}, {"n2", "n3"}),
        "opened_before": (lambda r: {"opened_before": "2024-06-01"}, {"n1", "n2"}),
        "closed_after": (lambda r: {"closed_after": "2025-01-01"}, {"n2"}),
        "closed_before": (lambda r: {"closed_before": "2025-01-01"}, set()),
        "lead_envoy_id": (lambda r: {"lead_envoy_id": r["lead"].pk}, {"n1"}),
        "q": (lambda r: {"q": "kerbside"}, {"n1"}),
        "q on the company name": (lambda r: {"q": "beta cloud"}, {"n2"}),
    }),
    "meetings": (MeetingFilterSet, {
        "id": (lambda r: {"id": r["m2"].pk}, {"m2"}),
        "city_id": (lambda r: {"city_id": r["bcn"].pk}, {"m3"}),
        "city": (lambda r: {"city": "amsterdam"}, {"m1", "m2"}),
        "company_id": (lambda r: {"company_id": r["alpha"].pk}, {"m1", "m3"}),
        "company": (lambda r: {"company": "beta-cloud"}, {"m2"}),
        "negotiation_id": (lambda r: {"negotiation_id": r["n1"].pk}, {"m1"}),
        "negotiation": (lambda r: {"negotiation": "alpha-couriers"}, {"m3"}),
        "standalone true": (lambda r: {"standalone": "true"}, set()),
        "standalone false": (lambda r: {"standalone": "false"}, {"m1", "m2", "m3"}),
        "topic_id": (lambda r: {"topic_id": r["t_work"].pk}, {"m2"}),
        "topic": (lambda r: {"topic": "mob"}, {"m1"}),
        "stage": (lambda r: {"stage": "concluded"}, {"m2"}),
        "confidentiality": (lambda r: {"confidentiality": "confidential"}, {"m3"}),
        "confidentiality, two values": (lambda r: {"confidentiality": ["public", "restricted"]}, {"m1", "m2"}),
        "review_state": (lambda r: {"review_state": "submitted"}, {"m3"}),
        "meeting_format": (lambda r: {"meeting_format": "video"}, {"m2"}),
        "held_after": (lambda r: {"held_after": "2024-07-01T12:00:00Z"}, {"m2", "m3"}),
        "held_before": (lambda r: {"held_before": "2024-07-01T12:00:00Z"}, {"m1", "m2"}),
        "published_after": (lambda r: {"published_after": "2024-02-01T00:00:00Z"}, {"m1"}),
        "published_before": (lambda r: {"published_before": "2024-02-01T00:00:00Z"}, set()),
        "attendee_id": (lambda r: {"attendee_id": r["p_bcn"].pk}, {"m3"}),
        "organisation_id": (lambda r: {"organisation_id": r["alpha"].pk}, {"m1", "m3"}),
        "q on the subject": (lambda r: {"q": "courier"}, {"m3"}),
        "q on the location": (lambda r: {"q": "city hall"}, {"m1"}),
    }),
    "commitments": (CommitmentFilterSet, {
        "id": (lambda r: {"id": r["c3"].pk}, {"c3"}),
        "city_id": (lambda r: {"city_id": r["ams"].pk}, {"c1", "c2"}),
        "city": (lambda r: {"city": "barcelona"}, {"c3"}),
        "company_id": (lambda r: {"company_id": r["beta"].pk}, {"c2"}),
        "company": (lambda r: {"company": "alpha-rides"}, {"c1", "c3"}),
        "negotiation_id": (lambda r: {"negotiation_id": r["n2"].pk}, {"c2"}),
        "negotiation": (lambda r: {"negotiation": "alpha-mobility"}, {"c1"}),
        "source_meeting_id": (lambda r: {"source_meeting_id": r["m3"].pk}, {"c3"}),
        "stage": (lambda r: {"stage": "active"}, {"c1"}),
        "area": (lambda r: {"area": "workers_rights"}, {"c2"}),
        "principle": (lambda r: {"principle": "privacy"}, {"c1"}),
        "completion": (lambda r: {"completion": "complete"}, {"c3"}),
        "completion, two values": (lambda r: {"completion": ["not_started", "limited"]}, {"c1", "c2"}),
        "promiser": (lambda r: {"promiser": "city"}, {"c2"}),
        "overdue true": (lambda r: {"overdue": "true"}, {"c1"}),
        "overdue false": (lambda r: {"overdue": "false"}, {"c2", "c3"}),
        "slipped true": (lambda r: {"slipped": "true"}, {"c2"}),
        "slipped false": (lambda r: {"slipped": "false"}, {"c1", "c3"}),
        "due_after": (lambda r: {"due_after": "2025-01-31"}, {"c1", "c2"}),
        "due_before": (lambda r: {"due_before": "2025-01-31"}, {"c1", "c3"}),
        "q on the text": (lambda r: {"q": "living wage"}, {"c2"}),
        "q on the evidence": (lambda r: {"q": "payslips"}, {"c2"}),
        "q on the negotiation title": (lambda r: {"q": "alpha couriers"}, {"c3"}),
    }),
    "commitment-updates": (CommitmentUpdateFilterSet, {
        "id": (lambda r: {"id": r["u1"].pk}, {"u1"}),
        "city_id": (lambda r: {"city_id": r["bcn"].pk}, {"u3"}),
        "city": (lambda r: {"city": "amsterdam"}, {"u1", "u2"}),
        "company_id": (lambda r: {"company_id": r["beta"].pk}, {"u2"}),
        "company": (lambda r: {"company": "alpha-rides"}, {"u1", "u3"}),
        "negotiation_id": (lambda r: {"negotiation_id": r["n3"].pk}, {"u3"}),
        "negotiation": (lambda r: {"negotiation": "alpha-mobility"}, {"u1"}),
        "commitment_id": (lambda r: {"commitment_id": r["c2"].pk}, {"u2"}),
        "completion": (lambda r: {"completion": "complete"}, {"u3"}),
        "moves_due_date true": (lambda r: {"moves_due_date": "true"}, {"u2"}),
        "moves_due_date false": (lambda r: {"moves_due_date": "false"}, {"u1", "u3"}),
        "reported_after": (lambda r: {"reported_after": "2025-06-01"}, {"u2", "u3"}),
        "reported_before": (lambda r: {"reported_before": "2025-06-01"}, {"u1", "u2"}),
        "q on the reason": (lambda r: {"q": "impact assessment"}, {"u2"}),
        "q on the commitment": (lambda r: {"q": "anonymise"}, {"u1"}),
    }),
    "overdue-flags": (OverdueFlagFilterSet, {
        "id": (lambda r: {"id": r["f2"].pk}, {"f2"}),
        "city_id": (lambda r: {"city_id": r["ams"].pk}, {"f1", "f2"}),
        "city": (lambda r: {"city": "barcelona"}, {"f3"}),
        "company_id": (lambda r: {"company_id": r["beta"].pk}, {"f2"}),
        "company": (lambda r: {"company": "alpha-rides"}, {"f1", "f3"}),
        "negotiation_id": (lambda r: {"negotiation_id": r["n1"].pk}, {"f1"}),
        "negotiation": (lambda r: {"negotiation": "alpha-couriers"}, {"f3"}),
        "commitment_id": (lambda r: {"commitment_id": r["c2"].pk}, {"f2"}),
        "kind": (lambda r: {"kind": "due_soon"}, {"f2"}),
        "active true": (lambda r: {"active": "true"}, {"f1"}),
        "active false": (lambda r: {"active": "false"}, {"f2", "f3"}),
        "raised_after": (lambda r: {"raised_after": "2025-01-01T00:05:00Z"}, {"f1", "f2"}),
        "raised_before": (lambda r: {"raised_before": "2025-02-01T00:00:00Z"}, {"f1", "f3"}),
        "due_after": (lambda r: {"due_after": "2025-01-31"}, {"f1", "f2"}),
        "due_before": (lambda r: {"due_before": "2025-01-31"}, {"f1", "f3"}),
        "q": (lambda r: {"q": "living wage"}, {"f2"}),
    }),
}

CASE_PARAMS = [
    pytest.param(endpoint, params, expected, id=f"{endpoint}: {case}")
    for endpoint, (_, cases) in CASES.items()
    for case, (params, expected) in cases.items()
]


# Filters naming a city's own records (as opposed to shared reference data such as cities and companies).
SCOPED_RELATION_FILTERS = {"negotiation", "negotiation_id", "source_meeting_id", "commitment_id"}
BARCELONA_ROWS = {"bcn", "n3", "m3", "c3", "u3", "f3", "r3", "p_bcn"}


@pytest.mark.parametrize(("endpoint", "params", "expected"), CASE_PARAMS)
def test_filter_returns_exactly_the_matching_rows_and_to_an_envoy_only_their_citys(
    rows, client, endpoint, params, expected
):
    params = params(rows)
    envoy = client_for(EnvoyFactory(city=rows["ams"]).user)

    assert set(list_ids(client, endpoint, **params)) == {rows[name].pk for name in expected}
    if set(params) & SCOPED_RELATION_FILTERS and expected <= BARCELONA_ROWS:
        # Naming Barcelona's record is refused like naming one that does not exist (tested below).
        assert envoy.get(list_url(endpoint), params).status_code == 400
    else:
        assert set(list_ids(envoy, endpoint, **params)) == {rows[name].pk for name in expected - BARCELONA_ROWS}


@pytest.mark.parametrize("endpoint", list(CASES))
def test_every_filter_of_the_filterset_has_a_case(endpoint):
    filterset, cases = CASES[endpoint]
    names = {case.split(" ")[0].rstrip(",") for case in cases}

    assert set(filterset.base_filters) <= names


def test_overdue_is_judged_in_the_citys_time_zone(db):
    """Due yesterday in Hanoi (already the next day there) is overdue; due today in London is not."""
    now = timezone.now()
    hanoi = CityFactory(name="Hanoi")
    london = CityFactory(name="London")
    hanoi_today = now.astimezone(hanoi.zone).date()
    london_today = now.astimezone(london.zone).date()
    late = CommitmentFactory(negotiation__city=hanoi, due_on=hanoi_today - datetime.timedelta(days=1))
    on_time = CommitmentFactory(negotiation__city=london, due_on=london_today)
    client = client_for(UserFactory(superuser=True))

    assert set(list_ids(client, "commitments", overdue="true")) == {late.pk}
    assert set(list_ids(client, "commitments", overdue="false")) == {on_time.pk}


# --- bad values: a 400 naming the parameter, never a 500 ----------------------------------------------------------

BAD_VALUES = [
    ("commitments", "stage", "sideways"),
    ("commitments", "area", "space"),
    ("commitments", "principle", "fair_weather"),
    ("commitments", "completion", "almost"),
    ("commitments", "due_after", "2025-13-45"),
    ("commitments", "due_before", "next week"),
    ("commitments", "city_id", "abc"),
    ("commitments", "city_id", "999999999"),
    ("commitments", "city", "atlantis"),
    ("commitments", "company_id", "1.5"),
    ("commitments", "negotiation", "no-such-negotiation"),
    ("commitments", "overdue", "maybe"),
    ("commitments", "slipped", "often"),
    ("commitments", "id", "abc"),
    ("meetings", "held_after", "yesterday"),
    ("meetings", "review_state", "lost"),
    ("meetings", "meeting_format", "telepathy"),
    ("meetings", "topic", "no-such-topic"),
    ("meetings", "attendee_id", "abc"),
    ("negotiations", "opened_before", "2025-02-30"),
    ("negotiations", "lead_envoy_id", "someone"),
    ("negotiations", "is_public", "perhaps"),
    ("organisations", "kind", "government"),
    ("organisations", "has_registry_id", "sometimes"),
    ("overdue-flags", "kind", "late"),
    ("overdue-flags", "raised_after", "2025-01-01T25:00"),
    ("overdue-flags", "active", "2"),
    ("risk-assessments", "min_score", "high"),
    ("risk-assessments", "min_score", "NaN"),
    ("commitment-updates", "commitment_id", "-"),
    ("people", "is_public_official", "unknown"),
    ("cities", "q", "x" * 201),
]


@pytest.mark.parametrize(
    ("endpoint", "param", "value"), BAD_VALUES, ids=[f"{e} {p}={v[:20]}" for e, p, v in BAD_VALUES]
)
def test_a_bad_filter_value_is_a_400_naming_the_parameter(rows, client, endpoint, param, value):
    response = client.get(list_url(endpoint), {param: value})

    assert response.status_code == 400, response.content
    assert param in response.json()


@pytest.mark.parametrize(("endpoint", "param", "value"), BAD_VALUES[:6], ids=[p for _, p, _ in BAD_VALUES[:6]])
def test_a_bad_filter_value_is_a_400_in_csv_too(rows, client, endpoint, param, value):
    response = client.get(list_url(endpoint), {param: value, "format": "csv"})

    assert response.status_code == 400
    assert param in response.content.decode()


# --- filters never reveal other cities' records -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("endpoint", "param", "value"),
    [
        ("meetings", "negotiation", lambda r: "alpha-couriers"),
        ("meetings", "negotiation_id", lambda r: r["n3"].pk),
        ("commitments", "source_meeting_id", lambda r: r["m3"].pk),
        ("commitment-updates", "commitment_id", lambda r: r["c3"].pk),
        ("overdue-flags", "negotiation", lambda r: "alpha-couriers"),
    ],
    ids=["meetings negotiation", "meetings negotiation_id", "commitments source_meeting_id",
         "commitment-updates commitment_id", "overdue-flags negotiation"],
)
def test_naming_another_citys_record_in_a_filter_answers_like_a_record_that_does_not_exist(
    rows, endpoint, param, value
):
    """Otherwise the difference between 200 and 400 tells an envoy which of Barcelona's slugs exist."""
    envoy = client_for(EnvoyFactory(city=rows["ams"]).user)
    other_city = envoy.get(list_url(endpoint), {param: value(rows)})
    nowhere = envoy.get(list_url(endpoint), {param: "no-such-record" if "slug" in param else 999999999})

    assert other_city.status_code == nowhere.status_code == 400
    assert param in other_city.json()


def test_the_browsable_filter_form_lists_only_the_users_own_negotiations(rows):
    envoy = client_for(EnvoyFactory(city=rows["ams"]).user)

    page = envoy.get(list_url("meetings"), HTTP_ACCEPT="text/html")

    assert page.status_code == 200
    content = page.content.decode()
    assert "Alpha mobility feed" in content
    assert "Alpha couriers" not in content
