"""The scale benchmark's exports and jobs: CSV exports against COPY, the overdue job, compute_risk.

Used by ``bench_scale.py``; not a test (pytest does not collect it).
"""

# The SQL here is built from the project's own querysets and constants, never from input.
# ruff: noqa: S608

from __future__ import annotations

import json
import statistics
import time

from scale_bench_kit import (
    EXPORT_MB_TARGET,
    EXPORT_RATIO_TARGET,
    MEASURE_EXPORT,
    MEASURE_RISK,
    OVERDUE_RATIO_TARGET,
    RISK_BASE_SIZE,
    RISK_MB_TARGET,
    RISK_RATIO_TARGET,
    Bench,
    in_fresh_process,
    ms,
    peak_kb,
    results_path,
    setup_django,
)

# --- exports, each read in a fresh process ------------------------------------------------------------------------


EXPORTS = {
    "staff": "/api/v1/commitments/?format=csv",
    "public": "/data/commitments.csv",
}


def measure_export_in_this_process(name: str, seconds: float) -> None:
    """Reads the export for at most ``seconds``; prints rows, bytes and seconds as one JSON line."""
    from django.test import Client

    setup_django(migrate=False, force=True)
    client = Client()
    if name == "staff":
        from django.contrib.auth import get_user_model

        client.force_login(get_user_model().objects.filter(is_superuser=True).order_by("pk").first())
    started = time.perf_counter()
    response = client.get(EXPORTS[name])
    size = rows = 0
    finished = True
    parts = response.streaming_content if getattr(response, "streaming", False) else [response.content]
    for part in parts:
        size += len(part)
        rows += part.count(b"\n")
        if time.perf_counter() - started > seconds:
            finished = False
            break
    print(json.dumps({"status": response.status_code, "rows": rows, "bytes": size,
                      "seconds": time.perf_counter() - started, "finished": finished, "peak_kb": peak_kb()}))


def copy_rate(sql: str, params, *, cap: float) -> tuple[int, float] | None:
    """Rows and seconds of PostgreSQL's COPY of ``sql`` to this process, as ``psql \\copy`` does; None past ``cap``."""
    import psycopg
    from django.db import connection

    connection.ensure_connection()
    raw = connection.connection
    statement = psycopg.ClientCursor(raw).mogrify(sql, params)
    rows = 0
    with raw.cursor() as cursor:
        previous = cursor.execute("SHOW statement_timeout").fetchone()[0]
        cursor.execute(f"SET statement_timeout = {int(cap * 1000)}")
        started = time.perf_counter()
        try:
            with cursor.copy(f"COPY ({statement}) TO STDOUT WITH (FORMAT csv, HEADER)") as copy:
                for block in copy:
                    rows += bytes(block).count(b"\n")
        except psycopg.errors.QueryCanceled:
            return None
        finally:
            cursor.execute(f"SET statement_timeout = '{previous}'")
    return rows, time.perf_counter() - started


def export_rows_sql(name: str):
    """The SQL of the rows an export holds: every commitment for the staff, the public ones for /data/."""
    from ambassador.commitments.models import Commitment

    queryset = Commitment.objects.all() if name == "staff" else Commitment.objects.public()
    columns = [f.attname for f in Commitment._meta.concrete_fields]
    return queryset.order_by("pk").values(*columns).query.sql_with_params()


def measure_exports(bench: Bench, marks: dict) -> None:
    """Rows a second of each CSV export against COPY of the same rows (<= 3x), peak RSS < 200 MB."""
    print(f"CSV exports (read for at most {bench.args.export_seconds:.0f} s each, in a fresh process):", flush=True)
    for name, url in EXPORTS.items():
        sql, params = export_rows_sql(name)
        copied = copy_rate(sql, params, cap=bench.args.job_timeout)
        if copied is None:
            bench.add(f"export {url}: COPY of the same rows", f"> {bench.args.job_timeout:.0f} s", "", None)
            continue
        copy_rows, copy_seconds = copied
        copy_per_second = copy_rows / copy_seconds
        figures = in_fresh_process([MEASURE_EXPORT, name], timeout=bench.args.export_seconds + 300)
        if not figures or "rows" not in figures or figures.get("status") != 200:
            bench.add(f"export {url}", f"failed: {figures}", "<= 3x COPY", False)
            continue
        per_second = figures["rows"] / figures["seconds"] if figures["seconds"] else 0
        ratio = copy_per_second / per_second if per_second else float("inf")
        done = "all" if figures["finished"] else "stopped at"
        bench.add(
            f"export {url} ({done} {figures['rows']:,} rows in {figures['seconds']:.1f} s; COPY "
            f"{copy_rows:,} in {copy_seconds:.1f} s)",
            f"{ratio:,.1f}x COPY", "<= 3x", ratio <= EXPORT_RATIO_TARGET,
        )
        peak = figures["peak_kb"] / 1024
        bench.add(f"export {url} peak RSS", f"{peak:,.0f} MB", "< 200 MB", peak < EXPORT_MB_TARGET)


# --- jobs ---------------------------------------------------------------------------------------------------------


class _RolledBack(Exception):
    pass


def _in_rolled_back_savepoint(work, cap: float) -> float | None:
    """What ``work`` returns, run in a savepoint that is rolled back; None when a statement passed ``cap``."""
    from django.db import OperationalError, connection, transaction

    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(f"SET LOCAL statement_timeout = {int(cap * 1000)}")
            raise _RolledBack(work())
    except _RolledBack as done:
        return done.args[0]
    except OperationalError:
        return None


def measure_overdue(bench: Bench, marks: dict) -> None:
    """The overdue job's first run (empty flags) and rerun against hand-written SQL doing the same work."""
    import bench_overdue
    from django.utils import timezone

    from ambassador.commitments.overdue import due_soon_days, flag_overdue_commitments

    now = timezone.now().replace(microsecond=0)
    days = due_soon_days()
    cap = bench.args.job_timeout
    print(f"Overdue job at {now:%Y-%m-%d %H:%M} UTC (rolled back afterwards; median of up to 3 runs):", flush=True)

    def job():
        flag_overdue_commitments(now=now, within_days=days)

    def hand():
        bench_overdue.hand_written_same_work(now, days)

    def empty_flags():
        # As on a fresh database: the table empty and its statistics saying so, which is what picks the plan.
        bench_overdue.reset_flags()
        bench_overdue.sql("ANALYZE commitments_overdueflag")

    def first_run(work):
        def run():
            empty_flags()
            started = time.perf_counter()
            work()
            return time.perf_counter() - started
        return run

    def rerun(work):
        def run():
            empty_flags()
            work()
            started = time.perf_counter()
            work()
            return time.perf_counter() - started
        return run

    results = {}
    for label, work in (("job", job), ("hand", hand)):
        for phase, runner in (("first run", first_run(work)), ("rerun", rerun(work))):
            runs = []
            for _ in range(3):
                runs.append(_in_rolled_back_savepoint(runner, cap))
                if runs[-1] is None or runs[-1] > 60:
                    break
            results[label, phase] = None if None in runs else statistics.median(runs)
    for phase in ("first run", "rerun"):
        job_seconds, hand_seconds = results["job", phase], results["hand", phase]
        if job_seconds is None or hand_seconds is None:
            def text(seconds):
                return f"> {cap:.0f} s" if seconds is None else ms(seconds)
            bench.add(f"overdue job {phase} / hand-written", f"job {text(job_seconds)}, hand {text(hand_seconds)}",
                      "<= 1.2", False if job_seconds is None else None)
            continue
        ratio = job_seconds / hand_seconds if hand_seconds else float("inf")
        bench.add(f"overdue job {phase} / hand-written ({ms(job_seconds)} / {ms(hand_seconds)})", f"{ratio:.2f}",
                  "<= 1.2", ratio <= OVERDUE_RATIO_TARGET)


def measure_risk_in_this_process() -> None:
    """Runs compute_risk once and prints its seconds and this process's peak memory as one JSON line."""
    setup_django(migrate=False, force=True)
    from django.db import connection

    from ambassador.risk.services import compute_lobbying_risk

    connection.ensure_connection()
    baseline_kb = peak_kb()
    started = time.perf_counter()
    run = compute_lobbying_risk()
    print(json.dumps({"seconds": time.perf_counter() - started, "baseline_kb": baseline_kb,
                      "companies": getattr(run, "companies_assessed", None), "peak_kb": peak_kb()}))


def measure_risk(bench: Bench, marks: dict) -> None:
    """compute_risk's time and peak memory; its time at N against at 100,000 when both are saved."""
    print("compute_risk (in a fresh process; its scores are kept):", flush=True)
    figures = in_fresh_process([MEASURE_RISK], timeout=bench.args.job_timeout)
    if figures is None or "seconds" not in figures:
        bench.add("compute_risk", f"> {bench.args.job_timeout:.0f} s" if figures is None else "failed", "", False)
        return
    peak = figures["peak_kb"] / 1024
    bench.saved["risk_seconds"] = figures["seconds"]
    bench.add(f"compute_risk time ({figures['companies']} companies)", f"{figures['seconds']:.1f} s", "", None)
    bench.add("compute_risk peak RSS", f"{peak:,.0f} MB", "< 500 MB", peak < RISK_MB_TARGET)
    if bench.args.commitments > RISK_BASE_SIZE:
        base = results_path(RISK_BASE_SIZE)
        base_seconds = json.loads(base.read_text()).get("risk_seconds") if base.exists() else None
        if base_seconds:
            ratio = figures["seconds"] / base_seconds
            bench.add(f"compute_risk at {bench.args.commitments:,} / at {RISK_BASE_SIZE:,}", f"{ratio:.1f}",
                      "<= 12", ratio <= RISK_RATIO_TARGET)
        else:
            bench.add(f"compute_risk at {bench.args.commitments:,} / at {RISK_BASE_SIZE:,}",
                      f"run at {RISK_BASE_SIZE:,} first", "<= 12", None)
