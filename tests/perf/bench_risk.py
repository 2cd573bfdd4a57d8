"""Benchmark: the lobbying-risk job at two sizes, its time and its peak memory. Not a test.

pytest does not collect this file (it is not named ``test_*.py``); run it by hand on a database of
its own, which it creates, migrates and fills with the builder of ``bench_overdue.py`` (it refuses a
database whose name lacks "perf"):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/amb_perf \\
        .venv/bin/python tests/perf/bench_risk.py --commitments 1000000

At each size (``--risk-at``, default 100,000, then ``--commitments``) the job,
``ambassador.risk.services.compute_lobbying_risk(on=...)``, runs in a fresh Python process that
does nothing else, so neither the building of the data nor an earlier run counts towards its
memory. That process runs the job ``--repeat`` times (the time printed is the best run) and reports

- its peak resident set size (``ru_maxrss`` of the process, read by the parent with ``wait4``),
  and the same figure before the first run (Python, Django and the project imported, connected):
  the difference is what the job itself added;
- the peak of the Python objects the job allocates (``tracemalloc``), in one more run after the
  timed ones, since tracing slows every allocation down.

Targets: the time at the larger size within 12x the time at 100,000 commitments, and the peak
resident set size under 500 MB.
"""

# The SQL here is built from constants of this script, never from input.
# ruff: noqa: S608

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench_overdue  # noqa: E402  (the data builder, next to this file)

TIME_RATIO_TARGET = 12.0
PEAK_MB_TARGET = 500.0
MEASURE = "--measure-in-this-process"


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--commitments", type=int, default=1_000_000)
    parser.add_argument("--risk-at", type=int, default=100_000, help="The smaller size the larger is compared with.")
    parser.add_argument("--repeat", type=int, default=2, help="Timed runs at each size; the best counts.")
    parser.add_argument("--force", action="store_true", help="Allow a database whose name lacks 'perf'.")
    parser.add_argument(MEASURE, dest="measure", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args()


def megabytes(kilobytes: int) -> float:
    """``ru_maxrss`` is in kilobytes on Linux."""
    return kilobytes / 1024


# --- the measuring process ----------------------------------------------------------------------------------------


def measure(repeat: int) -> None:
    """Runs the job ``repeat`` times, then once under tracemalloc; prints the figures as one JSON line."""
    import resource
    import tracemalloc

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from django.db import connection

    from ambassador.risk.services import compute_lobbying_risk

    connection.ensure_connection()
    baseline_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    durations = []
    run = None
    for _ in range(repeat):
        bench_overdue.autocommit("CHECKPOINT")
        started = time.perf_counter()
        run = compute_lobbying_risk(on=bench_overdue.NOW.date())
        durations.append(time.perf_counter() - started)
    timed_peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    tracemalloc.start()
    compute_lobbying_risk(on=bench_overdue.NOW.date())
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(json.dumps({
        "seconds": min(durations),
        "all_seconds": durations,
        "baseline_kb": baseline_kb,
        "timed_peak_kb": timed_peak_kb,
        "traced_peak_bytes": traced_peak,
        "companies": run.companies_assessed,
        "city_assessments": run.city_assessments,
    }))


def measure_in_fresh_process(repeat: int) -> dict:
    """Starts the measuring process and reads its figures and, from the kernel, its peak resident set size."""
    process = subprocess.Popen(  # noqa: S603  (this script, with this interpreter)
        [sys.executable, __file__, MEASURE, "--repeat", str(repeat)], stdout=subprocess.PIPE, env=os.environ.copy()
    )
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        sys.exit(f"The measuring process failed (exit code {process.returncode}).")
    figures = json.loads(output.decode().strip().splitlines()[-1])
    figures["peak_kb"] = usage.ru_maxrss
    return figures


# --- the building process -----------------------------------------------------------------------------------------


def build_attendees_and_voices() -> None:
    """What the risk job reads besides commitments, which the overdue benchmark's world leaves empty.

    Per city 30 officials, per company 5 staff; every meeting attended by two officials (one of
    three in most of them) and one of the company's staff, and on one of the topics; a union or
    civil-society group at every fourth meeting; at every tenth company one staffer who left a city
    role less than the cooling-off period before joining.
    """
    print("Adding officials, company staff, their roles, meeting attendees, topics and union meetings ...", flush=True)
    sql = bench_overdue.sql
    sql("""
        INSERT INTO stakeholders_person (full_name, is_public_official, is_public_figure, notes, recorded_by_city_id)
        SELECT 'Official ' || city.id || '-' || i, true, false, '', city.id
        FROM stakeholders_city AS city, generate_series(1, 30) AS i
    """)
    sql("""
        INSERT INTO stakeholders_person (full_name, is_public_official, is_public_figure, notes)
        SELECT 'Staff ' || company.id || '-' || i, false, false, ''
        FROM stakeholders_organisation AS company, generate_series(1, 5) AS i WHERE company.kind = 'tech_company'
    """)
    sql("""
        INSERT INTO stakeholders_affiliation (role, start_on, end_on, city_id, person_id)
        SELECT 'Adviser', DATE '2020-01-01', NULL, recorded_by_city_id, id
        FROM stakeholders_person WHERE full_name LIKE 'Official %'
    """)
    staff_company = "split_part(split_part(full_name, ' ', 2), '-', 1)::bigint"
    revolving = f"({staff_company} % 10 = 0 AND full_name LIKE '%-1')"
    sql(f"""
        INSERT INTO stakeholders_affiliation (role, start_on, end_on, organisation_id, person_id)
        SELECT 'Public affairs', CASE WHEN {revolving} THEN DATE '2025-06-01' ELSE DATE '2021-01-01' END, NULL,
               {staff_company}, id
        FROM stakeholders_person WHERE full_name LIKE 'Staff %'
    """)
    # The company's negotiations are all in one city: negotiation i has company i % 200 + 1 and city i % 5 + 1.
    sql(f"""
        INSERT INTO stakeholders_affiliation (role, start_on, end_on, city_id, person_id)
        SELECT 'Adviser', DATE '2022-01-01', DATE '2025-03-01', ({staff_company} - 1) % 5 + 1, id
        FROM stakeholders_person WHERE full_name LIKE 'Staff %' AND {revolving}
    """)
    sql("""
        INSERT INTO negotiations_meeting_attendees (meeting_id, person_id)
        SELECT DISTINCT meeting.id, person.id
        FROM negotiations_meeting AS meeting
        JOIN negotiations_negotiation AS n ON n.id = meeting.negotiation_id
        CROSS JOIN LATERAL (VALUES
            ('Official ' || n.city_id || '-' || (meeting.id % 3 + 1)),
            ('Official ' || n.city_id || '-' || (meeting.id * 7 % 30 + 1)),
            ('Staff ' || n.company_id || '-' || (meeting.id % 5 + 1))
        ) AS attendee (name)
        JOIN stakeholders_person AS person ON person.full_name = attendee.name
    """)
    sql("""
        UPDATE negotiations_meeting AS meeting SET topic_id = topic.id
        FROM (SELECT id, row_number() OVER (ORDER BY id) - 1 AS position, count(*) OVER () AS topics
              FROM negotiations_topic) AS topic
        WHERE topic.position = meeting.id % topic.topics
    """)
    sql("""
        INSERT INTO stakeholders_organisation (name, slug, kind, registry_id, website, description)
        SELECT CASE WHEN i <= 10 THEN 'Union ' ELSE 'Group ' END || i, 'voice-' || i,
               CASE WHEN i <= 10 THEN 'trade_union' ELSE 'civil_society' END, '', '', ''
        FROM generate_series(1, 20) AS i
    """)
    sql("""
        INSERT INTO negotiations_meeting_organisations (meeting_id, organisation_id)
        SELECT meeting.id, voice.id
        FROM negotiations_meeting AS meeting
        JOIN stakeholders_organisation AS voice ON voice.slug = 'voice-' || (meeting.id % 20 + 1)
        WHERE meeting.id % 4 = 0
    """)


def report(size: int, figures: dict) -> None:
    peak = megabytes(figures["peak_kb"])
    baseline = megabytes(figures["baseline_kb"])
    print(
        f"Risk job at {size:,} commitments: {figures['seconds']:.2f}s (best of "
        f"{', '.join(f'{s:.2f}' for s in figures['all_seconds'])}; {figures['companies']} companies, "
        f"{figures['city_assessments']} city assessments)\n"
        f"  peak memory {peak:.0f} MB resident (process before the job {baseline:.0f} MB, the job added "
        f"{peak - baseline:.0f} MB); Python objects at their peak {figures['traced_peak_bytes'] / 2**20:.0f} MB\n"
        f"  RATIO peak memory / target: {peak / PEAK_MB_TARGET:.2f}   ({peak:.0f} MB, target < "
        f"{PEAK_MB_TARGET:.0f} MB)",
        flush=True,
    )


def main() -> None:
    args = parse_args()
    if args.measure:
        measure(args.repeat)
        return
    bench_overdue.setup_django(args)
    started = time.perf_counter()
    bench_overdue.build_world()
    build_attendees_and_voices()
    sizes = sorted({min(args.risk_at, args.commitments), args.commitments})
    figures = {}
    built = 0
    for size in sizes:
        print(f"Adding commitments {built + 1:,} to {size:,} ...", flush=True)
        bench_overdue.add_commitments(built + 1, size)
        built = size
        bench_overdue.autocommit("VACUUM ANALYZE")
        figures[size] = measure_in_fresh_process(args.repeat)
        report(size, figures[size])
    print(f"Built and measured in {time.perf_counter() - started:.0f}s.")
    if len(sizes) == 2:
        small, large = sizes
        ratio = figures[large]["seconds"] / figures[small]["seconds"]
        print(
            f"RATIO risk job time {large:,} / {small:,} commitments: {ratio:.1f}x   "
            f"(target <= {TIME_RATIO_TARGET:.0f}x; the data grew {large / small:.0f}x)"
        )
    worst = max(megabytes(f["peak_kb"]) for f in figures.values())
    print(f"RATIO worst peak memory / target: {worst / PEAK_MB_TARGET:.2f}   ({worst:.0f} MB, target < "
          f"{PEAK_MB_TARGET:.0f} MB)")


if __name__ == "__main__":
    main()
