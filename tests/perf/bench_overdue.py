"""Benchmark: the overdue job against hand-written SQL, and the risk job at two sizes. Not a test.

pytest does not collect this file (it is not named ``test_*.py``); run it by hand on a database of
its own, which it creates, migrates and fills (it refuses a database whose name lacks "perf"):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/amb_perf \\
        .venv/bin/python tests/perf/bench_overdue.py --commitments 1000000

What it builds, with ``generate_series`` (no Python loops): 5 cities in 4 time zones, 200 tech
companies, 10,000 negotiations with 2 published meetings each, lead envoys and council staff, and
N commitments spread over 2024-2027 in all completion levels (about 43% are overdue on the fixed
instant the jobs are run at, 2026-06-15 01:00 UTC).

What it prints:

- The overdue job (``ambassador.commitments.overdue.flag_overdue_commitments``: raise overdue and
  due-soon flags, re-raise, clear, and the audit rows of each) against
  (a) hand-written SQL doing the same work (the same flags and audit rows, local dates computed
      in SQL with ``AT TIME ZONE``), and
  (b) one hand-written ``INSERT ... SELECT`` raising the overdue flags only, without audit rows
      or due-soon warnings: the floor for any flagging at all.
  Each is timed from empty flag tables (the first run, the one that writes), median of
  ``--repeat`` runs in alternating order after a CHECKPOINT, and again on an unchanged table
  (every later run: nothing to write). The target is job / (a) <= 1.2.
- The job's statements one by one, so the cost of each part is visible.
- Queuing the alerts of every flag of a first run (``queue_flag_notifications``): how many
  emails (one per person) list how many (flag, person) pairs, and the seconds it takes.
- ``ambassador.risk.services.compute_lobbying_risk(on=...)`` at 100,000 and at N
  commitments (best of two runs), if that module exists yet.
"""

# The SQL here is built from constants of this script, never from input.
# ruff: noqa: S608

from __future__ import annotations

import argparse
import datetime
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

NOW = datetime.datetime(2026, 6, 15, 1, 0, tzinfo=datetime.UTC)
NEGOTIATIONS = 10_000
COMPANIES = 200
CITIES = [  # name, slug, country, time zone
    ("Amsterdam", "amsterdam", "NL", "Europe/Amsterdam"),
    ("Barcelona", "barcelona", "ES", "Europe/Madrid"),
    ("London", "london", "GB", "Europe/London"),
    ("Hanoi", "hanoi", "VN", "Asia/Ho_Chi_Minh"),
    ("Da Nang", "da-nang", "VN", "Asia/Ho_Chi_Minh"),
]
# Completion by i % 10: 70% open, then complete, withdrawn, broken.
COMPLETION = "(ARRAY['not_started','not_started','not_started','not_started','limited','limited','substantial'," \
    "'complete','withdrawn','broken'])[i % 10 + 1]"
PRINCIPLES = "(ARRAY['universal_access','privacy','transparency','participation','open_standards'])[i % 5 + 1]"


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--commitments", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--risk-at", type=int, default=100_000, help="Also time the risk job at this size.")
    parser.add_argument("--force", action="store_true", help="Allow a database whose name lacks 'perf'.")
    return parser.parse_args()


def setup_django(args: argparse.Namespace) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/amb_perf")
    os.environ["DATABASE_URL"] = url
    name = urlparse(url).path.lstrip("/")
    if "perf" not in name and not args.force:
        sys.exit(f"Refusing to empty the database {name!r}: its name lacks 'perf' (use --force).")
    _create_database(url, name)

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _create_database(url: str, name: str) -> None:
    import psycopg

    parsed = urlparse(url)
    maintenance = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(maintenance, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


def sql(statement: str, params=None) -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.rowcount


def scalar(statement: str, params=None):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.fetchone()[0]


def autocommit(statement: str) -> None:
    """VACUUM and CHECKPOINT cannot run inside a transaction block."""
    from django.db import connection

    connection.ensure_connection()
    with connection.cursor() as cursor:
        cursor.execute(statement)


# --- Data ---------------------------------------------------------------------------------------------

def build_world() -> None:
    """Everything but the commitments: cities, companies, people, negotiations, meetings, disclosures."""
    print("Emptying the database and building cities, companies, 10,000 negotiations and their meetings ...")
    tables = scalar(
        "SELECT string_agg(quote_ident(tablename), ', ') FROM pg_tables WHERE schemaname = 'public' "
        "AND (tablename LIKE 'commitments_%%' OR tablename LIKE 'negotiations_%%' OR tablename LIKE 'stakeholders_%%'"
        " OR tablename IN ('auth_user', 'auth_user_groups', 'auth_user_user_permissions', 'django_admin_log')) "
        "AND tablename NOT IN ('negotiations_topic')"
    )
    sql(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")
    for name, slug, country, zone in CITIES:
        sql(
            "INSERT INTO stakeholders_city (name, slug, country, time_zone, languages) VALUES (%s, %s, %s, %s, '[]')",
            [name, slug, country, zone],
        )
    sql(f"""
        INSERT INTO stakeholders_organisation (name, slug, kind, registry_id, website, description)
        SELECT 'Company ' || i, 'company-' || i, 'tech_company', CASE WHEN i % 7 = 0 THEN '' ELSE 'REG-' || i END,
               '', ''
        FROM generate_series(1, {COMPANIES}) AS i
    """)
    # Per city: 10 envoys and 3 council staff.
    sql("""
        INSERT INTO auth_user (password, is_superuser, username, first_name, last_name, email, is_staff, is_active,
                               date_joined)
        SELECT '!', false, 'member-' || city.id || '-' || i, 'Member', city.slug || i,
               'member-' || city.id || '-' || i || '@example.org', true, true, now()
        FROM stakeholders_city AS city, generate_series(1, 13) AS i
    """)
    sql("""
        INSERT INTO stakeholders_citymembership (role, city_id, user_id)
        SELECT CASE WHEN split_part(u.username, '-', 3)::int <= 10 THEN 'envoy' ELSE 'council_staff' END,
               split_part(u.username, '-', 2)::bigint, u.id
        FROM auth_user AS u WHERE u.username LIKE 'member-%%'
    """)
    sql(f"""
        INSERT INTO negotiations_negotiation (title, slug, stage, opened_on, public_summary, is_public, city_id,
                                              company_id, lead_envoy_id, announced_at)
        SELECT 'Negotiation ' || i, 'negotiation-' || i, 'active', DATE '2023-01-01' + (i % 700), '', true,
               city.id, (i % {COMPANIES}) + 1, envoy.user_id,
               TIMESTAMPTZ '2023-01-01 09:00+00' + (i % 700) * INTERVAL '1 day'
        FROM generate_series(1, {NEGOTIATIONS}) AS i
        JOIN stakeholders_city AS city ON city.id = (i % 5) + 1
        JOIN LATERAL (
            SELECT user_id FROM stakeholders_citymembership m
            WHERE m.city_id = city.id AND m.role = 'envoy' ORDER BY m.id OFFSET (i % 10) LIMIT 1
        ) AS envoy ON true
    """)
    sql("""
        INSERT INTO negotiations_meeting (starts_at, location, format, subject, minutes_main_points,
            minutes_positions, minutes_conclusions, confidentiality, withholding_ground, review_state, logged_at,
            submitted_at, published_at, first_published_at, logged_by_id, published_by_id, negotiation_id, city_id)
        SELECT starts_at, 'City Hall', 'in_person', 'Meeting ' || k || ' of ' || n.title,
               CASE WHEN n.id % 9 = 0 THEN 'General discussion' ELSE 'The company presented its data proposal.' END,
               'The city asked for trip-level data.', CASE WHEN n.id % 11 = 0 THEN '' ELSE 'A draft follows.' END,
               'public', '', 'published', starts_at, starts_at + INTERVAL '1 day',
               starts_at + (1 + n.id % 30) * INTERVAL '1 day', starts_at + (1 + n.id % 30) * INTERVAL '1 day',
               n.lead_envoy_id, staff.user_id, n.id, n.city_id
        FROM negotiations_negotiation AS n
        CROSS JOIN generate_series(1, 2) AS k
        CROSS JOIN LATERAL (
            SELECT TIMESTAMPTZ '2024-01-01 09:00+00' + (n.id * 37 + k * 101) % 800 * INTERVAL '1 day' AS starts_at
        ) AS meeting
        JOIN LATERAL (
            SELECT user_id FROM stakeholders_citymembership m
            WHERE m.city_id = n.city_id AND m.role = 'council_staff' ORDER BY m.id LIMIT 1
        ) AS staff ON true
    """)
    sql("""
        INSERT INTO negotiations_meeting_organisations (meeting_id, organisation_id)
        SELECT m.id, n.company_id FROM negotiations_meeting m JOIN negotiations_negotiation n ON n.id = m.negotiation_id
    """)
    sql(f"""
        INSERT INTO stakeholders_lobbyingdisclosure (period_start, period_end, jurisdiction, declared_spend, currency,
            declared_lobbyist_headcount, source_url, organisation_id)
        SELECT DATE '2025-01-01', DATE '2025-12-31', 'EU', 50000 + (i * 7919) % 3000000, 'EUR', 1 + i % 30,
               'https://register.example/' || i, i
        FROM generate_series(1, {COMPANIES}) AS i
    """)


# Logged and released over the second half of 2023, before any due date and before the instant the
# jobs are run at, so the risk job (which reads the record as it stood on its day) counts them all.
LOGGED_AT = "TIMESTAMPTZ '2023-07-01 09:00+00' + (i % 180) * INTERVAL '1 day'"


def add_commitments(first: int, last: int) -> None:
    """Commitments ``first`` .. ``last``: due dates spread over 2024-2027, about 6% moved once."""
    sql(f"""
        INSERT INTO commitments_commitment (promiser, area, principle, text, due_on, original_due_on, slippage_count,
            completion, completed_on, evidence, evidence_url, created_at, negotiation_id,
            review_state, logged_at, published_at, first_published_at)
        SELECT 'company', 'data_governance', {PRINCIPLES}, 'Commitment ' || i,
               DATE '2024-01-01' + ((i * 7919) % 1461)::int,
               DATE '2024-01-01' + ((i * 7919) % 1461)::int - CASE WHEN i % 17 = 0 THEN 90 ELSE 0 END,
               CASE WHEN i % 17 = 0 THEN 1 ELSE 0 END,
               {COMPLETION},
               CASE WHEN i % 10 = 7 THEN DATE '2024-01-01' + ((i * 7919) % 1461)::int END,
               '', '', logged_at, (i % {NEGOTIATIONS}) + 1,
               'published', logged_at, logged_at, logged_at
        FROM generate_series({first}::bigint, {last}::bigint) AS i
        CROSS JOIN LATERAL (SELECT {LOGGED_AT} AS logged_at) AS logged
    """)
    # Rows inserted in SQL skip save(): when each is public, from the rules.
    from ambassador.commitments.publicity import refresh_everything

    refresh_everything()
    autocommit("VACUUM ANALYZE commitments_commitment")


# --- The overdue job and its hand-written counterparts --------------------------------------------------

OPEN = "('not_started', 'limited', 'substantial')"
HISTORY_COLUMNS = "id, commitment_id, kind, due_on, raised_at, cleared_at, notified_at"


def hand_written_same_work(now: datetime.datetime, days: int) -> None:
    """What the job does, written by hand: raise both kinds with audit rows, re-raise, clear."""
    audit = (
        f"INSERT INTO commitments_historicaloverdueflag ({HISTORY_COLUMNS}, history_date, history_change_reason, "
        f"history_type, history_user_id) SELECT {HISTORY_COLUMNS}, %(now)s, %(reason)s, %(type)s, NULL FROM changed"
    )
    params = {"now": now, "days": days, "reason": "hand-written", "type": "~", "complete": "complete"}
    sql(f"""
        WITH changed AS (
            UPDATE commitments_overdueflag AS flag SET cleared_at = GREATEST(%(now)s, flag.raised_at)
            FROM commitments_commitment AS c
            WHERE c.id = flag.commitment_id AND flag.cleared_at IS NULL
              AND (c.completion = %(complete)s OR c.due_on IS DISTINCT FROM flag.due_on)
            RETURNING flag.*
        ) {audit}
    """, params)
    same_flag = "flag.commitment_id = candidate.id AND flag.kind = candidate.kind AND flag.due_on = candidate.due_on"
    sql(f"""
        WITH candidate AS MATERIALIZED (
            SELECT c.id, c.due_on,
                   CASE WHEN c.due_on < (%(now)s AT TIME ZONE city.time_zone)::date THEN 'overdue' ELSE 'due_soon'
                   END AS kind
            FROM commitments_commitment AS c
            JOIN negotiations_negotiation AS n ON n.id = c.negotiation_id
            JOIN stakeholders_city AS city ON city.id = n.city_id
            WHERE c.completion IN {OPEN}
              AND c.due_on <= (%(now)s AT TIME ZONE city.time_zone)::date + %(days)s
        ),
        raised AS (
            INSERT INTO commitments_overdueflag (commitment_id, kind, due_on, raised_at)
            SELECT candidate.id, candidate.kind, candidate.due_on, %(now)s FROM candidate
            WHERE NOT EXISTS (SELECT FROM commitments_overdueflag AS flag WHERE {same_flag})
            ON CONFLICT (commitment_id, kind, due_on) DO NOTHING
            RETURNING *
        ),
        reopened AS (
            UPDATE commitments_overdueflag AS flag SET cleared_at = NULL FROM candidate
            WHERE flag.cleared_at IS NOT NULL AND {same_flag}
            RETURNING flag.*
        ),
        audit_raised AS ({audit.replace("FROM changed", "FROM raised").replace("%(type)s", "'+'")}),
        audit_reopened AS ({audit.replace("FROM changed", "FROM reopened").replace("%(type)s", "'~'")})
        SELECT count(*) FROM raised
    """, params)


def hand_written_flags_only(now: datetime.datetime) -> None:
    """The least any flagging can do: one INSERT of the overdue flags, no audit rows, no due-soon warnings."""
    sql(f"""
        INSERT INTO commitments_overdueflag (commitment_id, kind, due_on, raised_at)
        SELECT c.id, 'overdue', c.due_on, %(now)s
        FROM commitments_commitment AS c
        JOIN negotiations_negotiation AS n ON n.id = c.negotiation_id
        JOIN stakeholders_city AS city ON city.id = n.city_id
        WHERE c.completion IN {OPEN} AND c.due_on < (%(now)s AT TIME ZONE city.time_zone)::date
        ON CONFLICT (commitment_id, kind, due_on) DO NOTHING
    """, {"now": now})


def the_job(now: datetime.datetime, days: int) -> None:
    from ambassador.commitments.overdue import flag_overdue_commitments

    run = flag_overdue_commitments(now=now, within_days=days)
    assert run.ran


def reset_flags() -> None:
    sql("TRUNCATE commitments_overdueflag, commitments_historicaloverdueflag, commitments_notification CASCADE")


def timed(function, *args) -> float:
    from django.db import transaction

    autocommit("CHECKPOINT")
    started = time.perf_counter()
    with transaction.atomic():
        function(*args)
    return time.perf_counter() - started


def flag_counts() -> tuple[int, int, int]:
    return (
        scalar("SELECT count(*) FROM commitments_overdueflag WHERE kind = 'overdue'"),
        scalar("SELECT count(*) FROM commitments_overdueflag WHERE kind = 'due_soon'"),
        scalar("SELECT count(*) FROM commitments_historicaloverdueflag"),
    )


def compare_overdue(repeat: int, days: int) -> None:
    contenders = {
        "job": lambda: the_job(NOW, days),
        "same work by hand": lambda: hand_written_same_work(NOW, days),
        "overdue INSERT only": lambda: hand_written_flags_only(NOW),
    }
    first_run = {name: [] for name in contenders}
    rerun = {name: [] for name in contenders}
    counts = {}
    for round_number in range(repeat):
        order = list(contenders) if round_number % 2 == 0 else list(reversed(contenders))
        for name in order:
            reset_flags()
            first_run[name].append(timed(contenders[name]))
            counts[name] = flag_counts()
            rerun[name].append(timed(contenders[name]))
    assert counts["job"] == counts["same work by hand"], counts
    overdue_flags, due_soon, audit_rows = counts["job"]
    print(f"\nOverdue job at {NOW:%Y-%m-%d %H:%M} UTC: {overdue_flags:,} overdue flags, {due_soon:,} due-soon "
          f"warnings, {audit_rows:,} audit rows (identical for the hand-written version); median of {repeat}.")
    print(f"  {'':24} {'first run (writes)':>20} {'rerun (no change)':>20}")
    for name in contenders:
        print(f"  {name:24} {statistics.median(first_run[name]):19.2f}s {statistics.median(rerun[name]):19.2f}s")
    job, same, bare = (statistics.median(first_run[name]) for name in contenders)
    job_again, same_again, bare_again = (statistics.median(rerun[name]) for name in contenders)
    print(f"  RATIO job / hand-written same work:  {job / same:.2f} first run, {job_again / same_again:.2f} rerun"
          "   (target <= 1.2)")
    print(f"  RATIO job / overdue INSERT only:     {job / bare:.2f} first run, {job_again / bare_again:.2f} rerun"
          "   (the job also writes audit rows and due-soon warnings)")


def job_statements(days: int) -> None:
    """Times each statement of one first run of the job."""
    from django.db import connection, transaction

    reset_flags()
    autocommit("CHECKPOINT")
    timings = []

    def record(execute, statement, params, many, context):
        started = time.perf_counter()
        try:
            return execute(statement, params, many, context)
        finally:
            timings.append((time.perf_counter() - started, " ".join(statement.split())))

    with connection.execute_wrapper(record), transaction.atomic():
        the_job(NOW, days)
    print("\nThe job's statements (one first run):")
    for seconds, statement in timings:
        print(f"  {seconds:7.3f}s  {statement[:110]}")


def time_alert_queue(days: int) -> None:
    """Queues the alerts of every flag a first run raises: the backlog a new deployment, or a long outage, leaves."""
    from django.test import override_settings

    from ambassador.commitments.notifications import deliver_notifications, queue_flag_notifications

    reset_flags()
    the_job(NOW, days)
    flags = scalar("SELECT count(*) FROM commitments_overdueflag WHERE notified_at IS NULL AND cleared_at IS NULL")
    seconds = timed(lambda: queue_flag_notifications(now=NOW))
    emails = scalar("SELECT count(*) FROM commitments_notification")
    listed = scalar("SELECT count(*) FROM commitments_notificationflag")
    rerun = timed(lambda: queue_flag_notifications(now=NOW))
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        sending = timed(deliver_notifications)
    print(f"\nAlert queue: {flags:,} new flags -> {emails:,} emails (one per person) listing {listed:,} "
          f"(flag, person) pairs in {seconds:.2f}s; rerun (nothing new) {rerun:.2f}s; "
          f"rendering and sending them (in-memory backend) {sending:.2f}s")


def time_risk_job(size: int) -> None:
    try:
        from ambassador.risk.services import compute_lobbying_risk
    except ImportError as error:
        print(f"\nRisk job at {size:,} commitments: not available yet ({error}).")
        return
    durations = []
    for _ in range(2):
        autocommit("CHECKPOINT")
        started = time.perf_counter()
        run = compute_lobbying_risk(on=NOW.date())
        durations.append(time.perf_counter() - started)
    assessed = getattr(run, "companies_assessed", "?")
    print(f"\nRisk job at {size:,} commitments: {min(durations):.2f}s (best of 2; {assessed} companies assessed)")
    return min(durations)


def main() -> None:
    args = parse_args()
    setup_django(args)
    from ambassador.commitments.overdue import due_soon_days

    days = due_soon_days()
    started = time.perf_counter()
    build_world()
    risk_times = {}
    sizes = sorted({min(args.risk_at, args.commitments), args.commitments})
    built = 0
    for size in sizes:
        print(f"Adding commitments {built + 1:,} to {size:,} ...")
        add_commitments(built + 1, size)
        built = size
        autocommit("VACUUM ANALYZE")
        risk_times[size] = time_risk_job(size)
    print(f"Data built in {time.perf_counter() - started:.0f}s.")

    compare_overdue(args.repeat, days)
    job_statements(days)
    time_alert_queue(days)
    timed_sizes = [size for size, seconds in risk_times.items() if seconds]
    if len(timed_sizes) == 2:
        small, large = timed_sizes
        print(f"\nRisk job scaling: {risk_times[large] / risk_times[small]:.1f}x the time for "
              f"{large / small:.0f}x the commitments (linear would be {large / small:.0f}x).")


if __name__ == "__main__":
    main()
