"""The overdue engine raises each flag once, in each city's time zone, clears settled ones, and audits itself."""

import datetime
import threading
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from ambassador.commitments import overdue
from ambassador.commitments.checkpoints import times_reached
from ambassador.commitments.choices import CompletionLevel, FlagKind
from ambassador.commitments.factories import CommitmentFactory
from ambassador.commitments.models import Commitment, OverdueFlag
from ambassador.commitments.services import commitment_update_log
from ambassador.core.jobs import _lock_key
from ambassador.negotiations.factories import NegotiationFactory
from ambassador.stakeholders.factories import CityFactory

pytestmark = pytest.mark.django_db

DUE = datetime.date(2026, 3, 1)
ADVISORY_LOCK = "the job's lock is a PostgreSQL advisory lock; SQLite lets one writer at a time in instead"
HistoricalOverdueFlag = OverdueFlag.history.model


def at(text: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text)


def run(now: str, **kwargs) -> overdue.OverdueRun:
    return overdue.flag_overdue_commitments(now=at(now), **kwargs)


def overdue_flags(commitment=None):
    flags = OverdueFlag.objects.filter(kind=FlagKind.OVERDUE)
    return flags.filter(commitment=commitment) if commitment is not None else flags


def commitment_in(city, **fields) -> Commitment:
    return CommitmentFactory(negotiation__city=city, without_meeting=True, **fields)


def complete(commitment, *, on: datetime.date) -> None:
    commitment_update_log(
        commitment=commitment, user=commitment.negotiation.lead_envoy, summary="Delivered.",
        completion=CompletionLevel.COMPLETE, reported_on=on, evidence="The city confirmed delivery.",
    )


def move_due_date(commitment, to: datetime.date) -> None:
    commitment_update_log(
        commitment=commitment, user=commitment.negotiation.lead_envoy, summary="The company asked for more time.",
        new_due_on=to, due_date_reason="The data-protection impact assessment is not finished.",
    )


# --- The rule, as a function of plain values ------------------------------------------------------

@pytest.mark.parametrize(
    ("due_on", "completion", "expected"),
    [
        (None, CompletionLevel.NOT_STARTED, None),
        (DUE - datetime.timedelta(days=1), CompletionLevel.NOT_STARTED, FlagKind.OVERDUE),
        (DUE - datetime.timedelta(days=1), CompletionLevel.SUBSTANTIAL, FlagKind.OVERDUE),
        (DUE - datetime.timedelta(days=1), CompletionLevel.COMPLETE, None),
        (DUE - datetime.timedelta(days=1), CompletionLevel.WITHDRAWN, None),
        (DUE - datetime.timedelta(days=1), CompletionLevel.BROKEN, None),
        (DUE, CompletionLevel.LIMITED, FlagKind.DUE_SOON),
        (DUE + datetime.timedelta(days=14), CompletionLevel.LIMITED, FlagKind.DUE_SOON),
        (DUE + datetime.timedelta(days=15), CompletionLevel.LIMITED, None),
    ],
)
def test_flag_kind_states_the_rule_for_one_commitment(due_on, completion, expected):
    assert overdue.flag_kind(due_on=due_on, completion=completion, local_today=DUE, due_soon_days=14) == expected


def test_explanation_names_the_due_date_the_city_date_and_the_days_late():
    why = overdue.explain(
        due_on=DUE, completion=CompletionLevel.LIMITED, local_today=DUE + datetime.timedelta(days=2),
        due_soon_days=14, time_zone="Asia/Ho_Chi_Minh",
    )
    assert why == (
        "It was due on 2026-03-01; it is 2026-03-03 in Asia/Ho_Chi_Minh and it is not complete, withdrawn or "
        "broken, so it is 2 days overdue."
    )
    assert "broken" in overdue.explain(
        due_on=DUE, completion=CompletionLevel.BROKEN, local_today=DUE, due_soon_days=14, time_zone="UTC"
    )
    assert "warning period" in overdue.explain(
        due_on=DUE, completion=CompletionLevel.LIMITED, local_today=DUE, due_soon_days=14, time_zone="UTC"
    )


# --- Time zones -----------------------------------------------------------------------------------

def test_commitment_past_due_in_city_time_zone_is_flagged_once():
    hanoi = commitment_in(CityFactory(name="Hanoi"), due_on=DUE)  # UTC+7
    london = commitment_in(CityFactory(name="London"), due_on=DUE)  # UTC+0 in March

    run("2026-03-01T16:59:59+00:00")  # 23:59:59 on the due date in Hanoi
    assert not overdue_flags().exists()

    result = run("2026-03-01T17:00:00+00:00")  # midnight after the due date in Hanoi; 17:00 in London
    assert result.raised[FlagKind.OVERDUE] == 1
    assert result.local_dates == {"Asia/Ho_Chi_Minh": datetime.date(2026, 3, 2), "Europe/London": DUE}
    assert list(overdue_flags().values_list("commitment", "due_on")) == [(hanoi.pk, DUE)]

    run("2026-03-02T00:00:00+00:00")  # midnight in London
    run("2026-03-02T00:00:00+00:00")
    run("2026-03-09T00:00:00+00:00")
    assert overdue_flags(hanoi).count() == 1
    assert overdue_flags(london).count() == 1
    assert overdue_flags(hanoi).get().raised_at == at("2026-03-01T17:00:00+00:00")
    assert overdue_flags(london).get().raised_at == at("2026-03-02T00:00:00+00:00")


@pytest.mark.parametrize("finished", ["complete", "withdrawn", "broken"])
def test_finished_commitments_are_not_flagged(finished):
    commitment = CommitmentFactory(due_on=DUE, **{finished: True})
    run("2026-04-01T12:00:00+00:00")
    assert not commitment.flags.exists()


def test_commitment_without_due_date_is_never_flagged():
    commitment = CommitmentFactory(due_on=None)
    run("2026-04-01T12:00:00+00:00")
    assert not commitment.flags.exists()


def test_a_run_with_no_cities_or_commitments_changes_nothing():
    result = run("2026-04-01T12:00:00+00:00")
    assert result.ran and result.raised == {FlagKind.OVERDUE: 0, FlagKind.DUE_SOON: 0} and result.cleared == 0


# --- Clearing, moved due dates, reopening ---------------------------------------------------------

def test_completing_a_commitment_clears_its_flag_with_an_audit_row_by_the_job():
    commitment = CommitmentFactory(due_on=DUE)
    run("2026-03-05T12:00:00+00:00")
    flag = overdue_flags(commitment).get()

    complete(commitment, on=datetime.date(2026, 3, 10))
    result = run("2026-03-10T12:00:00+00:00")

    flag.refresh_from_db()
    assert result.cleared == 1
    assert flag.cleared_at == at("2026-03-10T12:00:00+00:00")
    latest = flag.history.latest()
    assert (latest.history_type, latest.history_user.username, latest.history_change_reason) == (
        "~", "system", "flag_overdue_commitments: cleared",
    )
    assert latest.cleared_at == flag.cleared_at

    history_rows = HistoricalOverdueFlag.objects.count()
    run("2026-03-11T12:00:00+00:00")
    assert HistoricalOverdueFlag.objects.count() == history_rows


@pytest.mark.parametrize("ending", [CompletionLevel.WITHDRAWN, CompletionLevel.BROKEN])
def test_a_commitment_ending_undelivered_keeps_its_flag(ending):
    commitment = CommitmentFactory(due_on=DUE)
    run("2026-03-05T12:00:00+00:00")
    Commitment.objects.filter(pk=commitment.pk).update(completion=ending)
    run("2026-03-06T12:00:00+00:00")
    assert overdue_flags(commitment).get().cleared_at is None


def test_moved_due_date_is_flagged_again_only_when_it_passes():
    commitment = CommitmentFactory(due_on=DUE)
    run("2026-03-05T12:00:00+00:00")
    move_due_date(commitment, to=datetime.date(2026, 6, 30))

    result = run("2026-03-06T12:00:00+00:00")
    assert result.cleared == 1  # the flag of the old date no longer applies
    assert list(overdue_flags(commitment).values_list("due_on", "cleared_at")) == [
        (DUE, at("2026-03-06T12:00:00+00:00"))
    ]

    run("2026-06-30T12:00:00+00:00")  # the new due date itself: not late yet
    assert overdue_flags(commitment).count() == 1

    run("2026-07-01T12:00:00+00:00")
    run("2026-07-02T12:00:00+00:00")
    assert sorted(overdue_flags(commitment).values_list("due_on", flat=True)) == [DUE, datetime.date(2026, 6, 30)]
    assert overdue_flags(commitment).filter(cleared_at__isnull=True).get().due_on == datetime.date(2026, 6, 30)


def test_a_reopened_commitment_gets_its_flag_back_without_a_second_alert():
    commitment = CommitmentFactory(due_on=DUE)
    run("2026-03-05T12:00:00+00:00")
    OverdueFlag.objects.update(notified_at=at("2026-03-05T12:01:00+00:00"))
    complete(commitment, on=datetime.date(2026, 3, 6))
    run("2026-03-06T12:00:00+00:00")
    # Marked complete by mistake: back to substantial.
    Commitment.objects.filter(pk=commitment.pk).update(completion=CompletionLevel.SUBSTANTIAL, completed_on=None)

    result = run("2026-03-07T12:00:00+00:00")

    flag = overdue_flags(commitment).get()
    assert result.reopened[FlagKind.OVERDUE] == 1
    assert flag.cleared_at is None
    assert flag.notified_at == at("2026-03-05T12:01:00+00:00")
    assert flag.history.latest().history_change_reason == "flag_overdue_commitments: re-raised"


# --- Due-soon warnings ----------------------------------------------------------------------------

def test_due_soon_warning_is_raised_once_per_due_date():
    commitment = CommitmentFactory(due_on=DUE)
    run("2026-02-14T12:00:00+00:00")  # 15 days ahead
    assert not commitment.flags.exists()

    for day in ("2026-02-15", "2026-02-20", "2026-03-01"):
        run(f"{day}T12:00:00+00:00")
    assert list(commitment.flags.values_list("kind", "due_on")) == [(FlagKind.DUE_SOON, DUE)]

    move_due_date(commitment, to=datetime.date(2026, 3, 10))
    run("2026-03-01T13:00:00+00:00")
    warnings = commitment.flags.filter(kind=FlagKind.DUE_SOON)
    assert sorted(warnings.values_list("due_on", flat=True)) == [DUE, datetime.date(2026, 3, 10)]
    assert warnings.filter(cleared_at__isnull=True).get().due_on == datetime.date(2026, 3, 10)


def test_due_soon_period_follows_the_setting(settings):
    settings.AMBASSADOR_DUE_SOON_DAYS = 30
    commitment = CommitmentFactory(due_on=DUE)
    run("2026-02-01T12:00:00+00:00")  # 28 days ahead
    assert commitment.flags.get().kind == FlagKind.DUE_SOON


# --- Scope, set-based work, audit -----------------------------------------------------------------

def test_a_run_limited_to_some_commitments_leaves_the_others_alone():
    mine, other = CommitmentFactory.create_batch(2, due_on=DUE)
    run("2026-03-05T12:00:00+00:00", commitment_ids=[mine.pk])
    assert overdue_flags(mine).exists()
    assert not overdue_flags(other).exists()
    run("2026-03-05T12:00:00+00:00", commitment_ids=[])
    assert not overdue_flags(other).exists()


def test_raised_flags_are_audited_in_bulk_as_the_job():
    CommitmentFactory.create_batch(3, due_on=DUE)
    run("2026-03-05T12:00:00+00:00")
    rows = HistoricalOverdueFlag.objects.all()
    assert rows.count() == 3
    assert {(row.history_type, row.history_user.username, row.history_change_reason) for row in rows} == {
        ("+", "system", "flag_overdue_commitments: raised")
    }
    assert set(rows.values_list("id", flat=True)) == set(OverdueFlag.objects.values_list("pk", flat=True))


def _statements(count: int) -> list[str]:
    city = CityFactory(name="Hanoi")
    negotiation = NegotiationFactory(city=city)
    CommitmentFactory.create_batch(count, negotiation=negotiation, without_meeting=True, due_on=DUE)
    with CaptureQueriesContext(connection) as captured:
        result = run("2026-03-05T12:00:00+00:00")
    assert result.raised[FlagKind.OVERDUE] == count
    return [query["sql"] for query in captured.captured_queries]


def test_the_job_runs_the_same_few_statements_for_one_commitment_or_fifty():
    one = _statements(1)
    Commitment.objects.all().delete()
    fifty = _statements(50)
    assert len(one) == len(fifty) <= 12


# Planner settings that leave nested loops over sequential scans as the cheapest joins: the plan
# PostgreSQL may choose on a first run, when the statistics say the flag table is empty.
NESTED_LOOPS_ONLY = ("enable_hashjoin", "enable_mergejoin", "enable_material", "enable_indexscan",
                     "enable_indexonlyscan", "enable_bitmapscan")
SCANS = {"Seq Scan", "Index Scan", "Index Only Scan", "Bitmap Heap Scan"}


def _flag_table_scans(plan: dict) -> list[dict]:
    found = [plan] if plan.get("Node Type") in SCANS and plan.get("Relation Name") == OverdueFlag._meta.db_table else []
    for child in plan.get("Plans", []):
        found += _flag_table_scans(child)
    return found


@pytest.mark.postgresql_only(reason="EXPLAIN ANALYZE and the planner settings are PostgreSQL's")
@pytest.mark.parametrize("also_off", [(), ("enable_hashagg",)], ids=["hashed", "sorted"])
def test_raising_flags_reads_the_flag_table_once_whatever_the_plan(also_off):
    """The statement that raises flags never rescans the table it inserts into.

    A first run whose anti-join was planned as a nested loop scanned the flag table once per
    candidate, each scan reading every row inserted so far: quadratic (82 s for 44,000 flags).
    """
    CommitmentFactory.create_batch(5, due_on=DUE)
    plans = []

    def explain_first(execute, sql, params, many, context):
        if sql.lstrip().startswith("WITH candidate"):
            raw = context["cursor"].cursor
            raw.execute("SAVEPOINT explain_raise")
            for setting in NESTED_LOOPS_ONLY + also_off:
                raw.execute(f"SET LOCAL {setting} = off")
            raw.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}", params)
            plans.append(raw.fetchone()[0][0]["Plan"])
            raw.execute("ROLLBACK TO SAVEPOINT explain_raise")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(explain_first):
        result = run("2026-03-05T12:00:00+00:00")
    assert result.raised[FlagKind.OVERDUE] == 5
    (plan,) = plans
    scans = _flag_table_scans(plan)
    assert scans, "the statement reads the active flags"
    assert [scan["Actual Loops"] for scan in scans] == [1] * len(scans)


@pytest.mark.postgresql_only(reason=ADVISORY_LOCK)
def test_a_run_does_nothing_while_another_holds_the_lock():
    CommitmentFactory(due_on=DUE)
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [_lock_key(overdue.JOB_NAME)])
        result = run("2026-03-05T12:00:00+00:00")
    finally:
        other.close()
    assert not result.ran
    assert "another run holds the lock" in result.summary()
    assert not OverdueFlag.objects.exists()


# --- The set-based query agrees with the rule -----------------------------------------------------

ZONES = {"London": "Europe/London", "Hanoi": "Asia/Ho_Chi_Minh", "Barcelona": "Europe/Madrid"}


@hypothesis_settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    instant=st.datetimes(
        min_value=datetime.datetime(2026, 1, 1), max_value=datetime.datetime(2026, 12, 31),
        timezones=st.just(datetime.UTC),
    ),
    rows=st.lists(
        st.tuples(
            st.sampled_from(sorted(ZONES)),
            st.one_of(st.none(), st.integers(min_value=-20, max_value=20)),
            st.sampled_from(CompletionLevel.values),
        ),
        min_size=1, max_size=12,
    ),
)
def test_flags_after_a_run_match_the_rule_for_every_commitment(instant, rows):
    from django.db import transaction

    with transaction.atomic():
        negotiations = {name: NegotiationFactory(city=CityFactory(name=name)) for name in ZONES}
        expected = set()
        for city_name, offset, completion in rows:
            due_on = None if offset is None else instant.date() + datetime.timedelta(days=offset)
            commitment = CommitmentFactory(
                negotiation=negotiations[city_name], without_meeting=True, due_on=due_on, completion=completion,
                completed_on=instant.date() if completion == CompletionLevel.COMPLETE else None,
            )
            local_today = instant.astimezone(negotiations[city_name].city.zone).date()
            kind = overdue.flag_kind(due_on=due_on, completion=completion, local_today=local_today, due_soon_days=14)
            if kind is not None:
                expected.add((commitment.pk, kind, due_on))

        overdue.flag_overdue_commitments(now=instant, within_days=14)

        assert set(OverdueFlag.objects.active().values_list("commitment", "kind", "due_on")) == expected
        transaction.set_rollback(True)


# --- Concurrency ----------------------------------------------------------------------------------

@pytest.mark.postgresql_only(reason=ADVISORY_LOCK)
@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_do_not_double_anything(settings, tmp_path):
    settings.AMBASSADOR_JOB_CHECKPOINT_DIR = str(tmp_path)
    CommitmentFactory.create_batch(4, due_on=DUE)
    hold = tmp_path / f"{overdue.JOB_NAME}.hold"
    hold.touch()
    results = {}

    def first():
        try:
            results["first"] = run("2026-03-05T12:00:00+00:00")
        finally:
            connection.close()

    thread = threading.Thread(target=first)
    thread.start()
    try:
        for _ in range(200):  # the first run reaches its checkpoint, holding the lock and its writes
            if times_reached(tmp_path, overdue.JOB_NAME):
                break
            thread.join(0.05)
        assert times_reached(tmp_path, overdue.JOB_NAME)
        results["second"] = run("2026-03-05T12:00:00+00:00")
    finally:
        hold.unlink()
        thread.join(30)
    assert not thread.is_alive()

    assert not results["second"].ran
    assert results["first"].raised[FlagKind.OVERDUE] == 4
    assert OverdueFlag.objects.count() == 4
    assert HistoricalOverdueFlag.objects.count() == 4


# --- The management command -----------------------------------------------------------------------

def _call(*args) -> str:
    out = StringIO()
    call_command("flag_overdue", *args, stdout=out)
    return out.getvalue()


def test_dry_run_reports_what_would_change_and_why_without_writing():
    CommitmentFactory(due_on=DUE, negotiation__city=CityFactory(name="Hanoi"))
    output = _call("--dry-run", "--no-email", "--now", "2026-03-03T00:00:00+00:00", "-v", "2")
    assert output.startswith("Would have: flag_overdue_commitments at 2026-03-03 00:00:00 UTC: raised 1 overdue")
    assert "it is 2026-03-03 in Asia/Ho_Chi_Minh" in output
    assert "2 days overdue" in output
    assert not OverdueFlag.objects.exists()


def test_on_demand_run_flags_and_sends_the_alerts(mailoutbox):
    commitment = CommitmentFactory(due_on=DUE)
    output = _call("--now", "2026-03-03T00:00:00+00:00")
    assert "raised 1 overdue" in output
    assert "Alerts: 1 flags notified, 1 emails queued, 1 emails sent." in output
    assert overdue_flags(commitment).get().notified_at is not None
    assert [message.to for message in mailoutbox] == [[commitment.negotiation.lead_envoy.email]]


def test_with_verbosity_2_each_stage_is_followed_on_stderr_and_the_report_stays_on_stdout(mailoutbox):
    CommitmentFactory(due_on=DUE)
    out, err = StringIO(), StringIO()
    call_command("flag_overdue", "--now", "2026-03-03T00:00:00+00:00", "-v", "2", stdout=out, stderr=err)
    lines = err.getvalue().splitlines()
    assert [line.split(": ")[1] for line in lines] == [
        "cleared settled flags", "raised and re-raised flags", "queued the alerts", "sent the alerts",
    ]
    assert lines[0].startswith("flag_overdue_commitments: cleared settled flags: 1/2 ( 50%)")
    assert lines[1].startswith("flag_overdue_commitments: raised and re-raised flags: 2/2 (100%)")
    assert lines[-1].startswith("flag_overdue: sent the alerts: 2/2 (100%)")
    assert "raised 1 overdue" in out.getvalue()
    assert "2/2" not in out.getvalue()


def test_without_verbosity_2_nothing_is_written_to_stderr():
    CommitmentFactory(due_on=DUE)
    err = StringIO()
    call_command("flag_overdue", "--no-email", "--now", "2026-03-03T00:00:00+00:00", stdout=StringIO(), stderr=err)
    assert err.getvalue() == ""
