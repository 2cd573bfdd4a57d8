"""Benchmark: the public data's version, 304s against full renders, and the admin changelists. Not a test.

Run it by hand on a database of its own (its name must contain "perf"); ``--build`` creates, migrates
and fills it with ``tests/perf/bench_overdue.py``'s generator plus a flag run and a risk run, and the
later runs reuse it:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/amb_perf_etag \\
        .venv/bin/python tests/perf/bench_etag.py --build --commitments 100000
    DATABASE_URL=... .venv/bin/python tests/perf/bench_etag.py

What it prints, each the median of ``--repeat`` runs:

- The version query: the counter read by the public pages (``read_data_version``) against the query
  it replaced, the latest change time over every history table and bulk-written column.
- For each heavy public page and public API list: the full render (no copy, no ETag), the copy
  served to a second reader, and the 304 to a reader holding the ETag; 304 / full (target <= 0.1).
- Each big admin changelist, for a superuser and for an envoy (one city): the first page, with
  its query count (target < 500 ms).
"""

# The SQL here is built from model metadata, never from input.
# ruff: noqa: S608

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.perf import bench_overdue  # noqa: E402 - after the path is set

PAGES = [
    "/",
    "/cities/amsterdam/",
    "/companies/company-1/",
    "/negotiations/negotiation-1/",
    "/commitments/",
    "/risk/",
    "/api/public/v1/commitments/",
    "/api/public/v1/meetings/",
]
CHANGELISTS = [
    "/admin/commitments/commitment/",
    "/admin/negotiations/meeting/",
    "/admin/commitments/commitmentupdate/",
    "/admin/commitments/overdueflag/",
    "/admin/negotiations/negotiation/",
    "/admin/risk/riskassessment/",
]


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--build", action="store_true", help="Empty and fill the database first.")
    parser.add_argument("--commitments", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--force", action="store_true", help="Allow a database whose name lacks 'perf'.")
    return parser.parse_args()


def median_ms(function, repeat: int) -> float:
    durations = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        durations.append((time.perf_counter() - started) * 1000)
    return statistics.median(durations)


def build(commitments: int) -> None:
    from django.contrib.auth import get_user_model

    from ambassador.commitments.models import Commitment
    from ambassador.commitments.overdue import flag_overdue_commitments
    from ambassador.core.versioning import public_data_changed
    from ambassador.risk.services import compute_lobbying_risk

    started = time.perf_counter()
    bench_overdue.build_world()
    bench_overdue.add_commitments(1, commitments)
    # One progress update per tenth commitment, and one creation history row per commitment, as saves would.
    bench_overdue.sql("""
        INSERT INTO commitments_commitmentupdate (reported_on, summary, evidence, evidence_url, completion,
            previous_due_on, new_due_on, due_date_reason, review_state, logged_at, published_at, first_published_at,
            commitment_id)
        SELECT DATE '2025-01-01' + (c.id % 300)::int, 'Progress on ' || c.text, '', '', c.completion, NULL,
               NULL, '', 'published', c.logged_at, c.published_at, c.published_at, c.id
        FROM commitments_commitment c WHERE c.id % 10 = 0
    """)
    columns = ", ".join(f.column for f in Commitment._meta.concrete_fields)
    bench_overdue.sql(f"""
        INSERT INTO commitments_historicalcommitment ({columns}, history_date, history_change_reason, history_type)
        SELECT {columns}, logged_at, 'bench', '+' FROM commitments_commitment
    """)
    user = get_user_model().objects.create_superuser("bench-admin", "bench@example.org", "x")
    del user
    bench_overdue.autocommit("VACUUM ANALYZE")
    flag_overdue_commitments(now=bench_overdue.NOW)
    compute_lobbying_risk(on=bench_overdue.NOW.date())
    public_data_changed()
    bench_overdue.autocommit("VACUUM ANALYZE")
    print(f"Built {commitments:,} commitments in {time.perf_counter() - started:.0f}s.")


def replaced_version_sql() -> str:
    """The version query the counter replaced: the latest time over every history table and bulk-written column."""
    from django.apps import apps
    from django.db import connection

    bulk_written = (
        ("commitments", "OverdueFlag", "raised_at"), ("commitments", "OverdueFlag", "cleared_at"),
        ("risk", "RiskAssessment", "computed_at"), ("risk", "RiskRun", "finished_at"),
        ("risk", "RiskValidation", "ran_at"), ("core", "PublicNotice", "occurred_at"),
    )
    quote = connection.ops.quote_name
    columns = [
        (model._meta.db_table, model._meta.get_field("history_date").column)
        for model in apps.get_models()
        if model._meta.app_label in ("stakeholders", "negotiations", "commitments", "risk")
        and model.__name__.startswith("Historical") and any(f.name == "history_date" for f in model._meta.get_fields())
    ]
    columns += [
        (apps.get_model(app, name)._meta.db_table, apps.get_model(app, name)._meta.get_field(field).column)
        for app, name, field in bulk_written
    ]
    return "SELECT " + ", ".join(f"(SELECT MAX({quote(c)}) FROM {quote(t)})" for t, c in columns)


def server_ms(sql: str) -> float:
    """The statement's execution time inside PostgreSQL, median of five EXPLAIN ANALYZE runs."""
    from django.db import connection

    times = []
    for _ in range(5):
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}")
            times.append(cursor.fetchone()[0][0]["Execution Time"])
    return statistics.median(times)


def version_queries(repeat: int) -> None:
    from django.db import connection

    old_sql = replaced_version_sql()

    def old():
        with connection.cursor() as cursor:
            cursor.execute(old_sql)
            cursor.fetchone()

    before = median_ms(old, repeat * 4)
    print("\nThe public data's version (round trip from Python; server execution time from EXPLAIN ANALYZE)")
    print(f"  replaced query (MAX over history tables and bulk columns): {before:8.2f} ms"
          f"   server {server_ms(old_sql):8.3f} ms")
    try:
        from ambassador.core.versioning import read_data_version
    except ImportError:  # measuring the code before the counter
        return
    from ambassador.core.models import DataVersion

    after = median_ms(read_data_version, repeat * 4)
    counter_sql = f'SELECT SUM("number"), MAX("changed_at") FROM "{DataVersion._meta.db_table}"'
    print(f"  counter (read_data_version):                               {after:8.2f} ms"
          f"   server {server_ms(counter_sql):8.3f} ms   ({before / after:.0f}x faster)")


def pages(repeat: int) -> None:
    from django.core.cache import cache
    from django.test import Client, override_settings

    print("\nPublic pages: full render, copy, 304 (median ms); 304 / full, target <= 0.1")
    client = Client()
    for url in PAGES:
        with override_settings(AMBASSADOR_PUBLIC_PAGE_COPIES=False):
            first = client.get(url)
            if first.status_code != 200:
                print(f"  {url:40} answered {first.status_code}")
                continue
            full = median_ms(lambda url=url: client.get(url), repeat)
        etag = first.get("ETag")
        cache.clear()
        client.get(url)  # stores the copy
        copy = median_ms(lambda url=url: client.get(url), repeat)
        if etag:
            def conditional(url=url, etag=etag):
                assert client.get(url, headers={"if-none-match": etag}).status_code == 304
            not_modified = median_ms(conditional, repeat)
            ratio = f"{not_modified / full:.3f}"
        else:
            not_modified, ratio = float("nan"), "no ETag"
        print(f"  {url:40} full {full:8.1f}   copy {copy:6.1f}   304 {not_modified:6.1f}   304/full {ratio}")


def changelists(repeat: int) -> None:
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client

    users = get_user_model().objects
    superuser = users.get(username="bench-admin")
    envoy = users.filter(username__startswith="member-1-").order_by("pk").first()
    print("\nAdmin changelists, first page (median ms, queries); target < 500 ms")
    for who, user in (("superuser", superuser), ("envoy", envoy)):
        client = Client()
        client.force_login(user)
        for url in CHANGELISTS:
            client.get(url)  # the session and the content types, as any later page finds them
            queries = []
            with connection.execute_wrapper(lambda execute, *args, log=queries: log.append(args[0]) or execute(*args)):
                status = client.get(url).status_code
            if status != 200:
                print(f"  {who:9} {url:42} answered {status}")
                continue
            took = median_ms(lambda url=url, client=client: client.get(url), repeat)
            print(f"  {who:9} {url:42} {took:8.1f} ms  {len(queries):3d} queries")


def main() -> None:
    args = parse_args()
    bench_overdue.setup_django(args)
    if args.build:
        build(args.commitments)
    version_queries(args.repeat)
    pages(args.repeat)
    changelists(args.repeat)


if __name__ == "__main__":
    main()
