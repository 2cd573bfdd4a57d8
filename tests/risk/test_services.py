"""compute_lobbying_risk runs: coverage and warnings, idempotence and history, locking, queries, the command."""

import datetime
import logging
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext

from ambassador.commitments.choices import Principle
from ambassador.core.jobs import _lock_key
from ambassador.negotiations.factories import TopicFactory
from ambassador.negotiations.models import Meeting
from ambassador.risk import scoring as risk
from ambassador.risk.models import RiskAssessment, RiskRun
from ambassador.risk.services import LOCK_NAME, compute_lobbying_risk
from ambassador.stakeholders.factories import (
    AffiliationFactory,
    CityFactory,
    CouncilStaffUserFactory,
    TechCompanyFactory,
)
from tests.risk.records import (
    DAY,
    commit,
    disclose,
    hold_meetings,
    indicators,
    negotiate,
    official,
    today,
)

pytestmark = pytest.mark.django_db


# --- runs, coverage, warnings -------------------------------------------------------------------------------------


def test_each_run_stores_how_many_companies_each_indicator_was_computed_and_fired_for(world):
    run = compute_lobbying_risk(on=today())

    run.refresh_from_db()
    assert run.coverage["companies"] == 6
    coverage = run.coverage["indicators"]
    assert coverage[risk.LOBBYING_SPEND] == {"computed": 6, "fired": 1}
    assert coverage[risk.NO_REGISTRY_ID] == {"computed": 6, "fired": 1}
    assert coverage[risk.MEETING_FREQUENCY] == {"computed": 6, "fired": 1}
    assert coverage[risk.INCONSISTENCY] == {"computed": 1, "fired": 1}
    assert coverage[risk.COMMITMENT_RECORD] == {"computed": 6, "fired": 1}
    assert run.parameters["min_peers"] == 5 and run.parameters["weights"][risk.REVOLVING_DOOR] == 2.0
    assert run.started_at <= run.finished_at
    assert run.warnings == []


@pytest.mark.parametrize(("unregistered", "warns"), [(1, True), (0, False)])
def test_a_run_warns_when_an_indicator_fires_for_more_than_a_quarter_of_companies(unregistered, warns, caplog):
    # Three companies, one or none of them unregistered: 1 of 3 is more than a quarter; 1 of 4 would not be.
    city = CityFactory(country="NL")  # covered by the EU Transparency Register
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
    city = CityFactory(country="NL")  # covered by the EU Transparency Register
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

# --- scoring a batch of companies at a time -----------------------------------------------------------------------


def _stored_assessments() -> dict:
    return {
        (row.organisation_id, row.city_id): (row.score, row.confidence, row.enough_data, row.indicators)
        for row in RiskAssessment.objects.filter(assessed_on=today())
    }


@pytest.mark.parametrize("batch", [1, 2])
def test_scores_confidence_and_evidence_are_the_same_whatever_the_batch_of_companies(world, monkeypatch, batch):
    from ambassador.risk import services

    whole = compute_lobbying_risk(on=today())
    expected = _stored_assessments()
    RiskAssessment.objects.all().delete()
    RiskRun.objects.all().delete()
    monkeypatch.setattr(services, "SCORE_BATCH_COMPANIES", batch)

    batched = compute_lobbying_risk(on=today())

    assert len(expected) == 13
    assert any(score > 0 for score, *_ in expected.values())  # indicators fired: the peers' figures mattered
    assert _stored_assessments() == expected
    assert (batched.coverage, batched.companies_assessed, batched.city_assessments) == (
        whole.coverage, whole.companies_assessed, whole.city_assessments
    )


# --- the command and the task -------------------------------------------------------------------------------------


def test_compute_risk_command_prints_a_summary(world):
    out = StringIO()

    call_command("compute_risk", "--date", today().isoformat(), stdout=out)

    output = out.getvalue()
    assert f"Lobbying-risk run of {today()}: 6 companies, 7 city assessments, 13 created or changed." in output
    assert "Declared lobbying spend" in output and "Revolving door" in output
    assert RiskAssessment.objects.filter(assessed_on=today()).count() == 13


def test_compute_risk_command_follows_each_stage_on_stderr(world):
    out, err = StringIO(), StringIO()

    call_command("compute_risk", "--date", today().isoformat(), stdout=out, stderr=err)

    lines = err.getvalue().splitlines()
    assert lines[0].startswith("compute_risk: read the negotiations: 1/7 ")
    assert any(line.startswith("compute_risk: read the commitments: ") for line in lines)
    assert lines[-1].startswith("compute_risk: scored and stored 6 companies: 8/8 (100%)")
    assert "compute_risk:" not in out.getvalue()
    quiet = StringIO()
    call_command("compute_risk", "--date", today().isoformat(), stdout=StringIO(), stderr=quiet, verbosity=0)
    assert quiet.getvalue() == ""


def test_compute_risk_command_refuses_a_malformed_date():
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("compute_risk", "--date", "26/11/2026")


def test_compute_lobbying_risk_task_calls_the_service_for_the_given_day(world):
    from ambassador.risk.tasks import compute_lobbying_risk as task

    yesterday = today() - DAY
    run_id = task.apply(kwargs={"on": yesterday.isoformat()}).get()

    assert RiskRun.objects.get(pk=run_id).assessed_on == yesterday
    assert RiskAssessment.objects.filter(assessed_on=yesterday).count() == 13
