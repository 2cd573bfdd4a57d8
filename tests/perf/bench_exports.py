"""Benchmark: the CSV and JSON exports against ``psql \\copy`` of the same rows. Not a test.

pytest does not collect this file; run it by hand on a database of its own (its name must contain
"perf"). It builds the commitments with bench_overdue.py's generator (``generate_series``; 5 cities
in 4 time zones, 10,000 negotiations, N commitments), or with ``--reuse`` exports what the database
already holds (e.g. one built by ``seed_scale``):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/amb_perf_exports \\
        .venv/bin/python tests/perf/bench_exports.py --commitments 1000000

For each export it runs a fresh process that makes one small request to warm up, then requests the
export through Django's test client, reads the whole streamed body and reports seconds, rows a
second, the time to the first piece and its peak RSS; then it times
``psql \\copy (<the export's own values_list() query>) TO '/dev/null' CSV`` and prints the ratio
(target <= 3) and the RSS (target < 200 MB). Each figure is the median of ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

EXPORTS = {
    "staff API commitments ?format=csv": "/api/v1/commitments/?format=csv",
    "/data/commitments.csv": "/data/commitments.csv",
    "/data/commitments.json": "/data/commitments.json",
    "/data/commitment-updates.csv": "/data/commitment-updates.csv",
    "/data/meetings.csv": "/data/meetings.csv",
    "/data/negotiations.csv": "/data/negotiations.csv",
}


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--commitments", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--reuse", action="store_true", help="Export the database as it is; build nothing.")
    parser.add_argument("--only", help="Run only the exports whose label contains this text.")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    return parser.parse_args()


def _database_url() -> str:
    url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/amb_perf_exports")
    if "perf" not in urlparse(url).path:
        sys.exit("The database's name must contain 'perf'.")
    os.environ["DATABASE_URL"] = url
    return url


def child(url: str) -> None:
    """In a process of its own: request ``url``, read the whole body, print the figures as JSON."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client

    from ambassador.core.models import ApiToken

    User = get_user_model()  # noqa: N806
    headers = {}
    if url.startswith("/api/"):
        user = User.objects.filter(is_superuser=True, username="bench-exports").first()
        _, key = ApiToken.objects.create(user=user, name="bench")
        headers["HTTP_AUTHORIZATION"] = f"Token {key}"
    # A first request loads the URLs, views and translations, as a running server has already done.
    Client().get("/api/v1/cities/?page_size=1" if url.startswith("/api/") else "/data/", **headers)
    started = time.perf_counter()
    response = Client().get(url, **headers)
    first = None
    size = lines = 0
    for piece in response.streaming_content:
        if first is None:
            first = time.perf_counter() - started
        size += len(piece)
        lines += piece.count(b"\n")
    seconds = time.perf_counter() - started
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"status": response.status_code, "seconds": seconds, "first": first, "bytes": size,
                      "lines": lines, "peak_mb": peak_kb / 1024}))


def run_child(url: str) -> dict:
    output = subprocess.run(  # noqa: S603 (this script, a URL of EXPORTS)
        [sys.executable, __file__, "--child", url], capture_output=True, text=True, check=True, env=os.environ
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def copy_sql_of(url: str) -> tuple[str, int]:
    """The SQL the export reads its rows with (its values_list() query, parameters filled in) and the row count."""
    import psycopg

    from ambassador.core.api.base import export_fields
    from ambassador.core.exports import Export
    from ambassador.transparency import downloads

    if url.startswith("/api/"):
        from ambassador.commitments.api.serializers import CommitmentSerializer
        from ambassador.commitments.models import Commitment

        export = Export(export_fields(CommitmentSerializer(context={})))
        queryset = Commitment.objects.all().with_overdue().order_by("-id")
    else:
        dataset = downloads.DATASETS[url.removeprefix("/data/").rsplit(".", 1)[0]]
        if dataset.export is None:  # rows built from model instances: copy the rows of its main query
            from ambassador.transparency import public

            queryset = {"meetings": public.public_meetings, "negotiations": public.public_negotiations}[dataset.slug]()
            export = None
        else:
            export, queryset = dataset.export, dataset.queryset()
    inner, params = (export.values(queryset) if export else queryset.order_by("pk")).query.sql_with_params()
    with psycopg.connect(os.environ["DATABASE_URL"]) as conn:
        sql = psycopg.ClientCursor(conn).mogrify(inner, params)
        rows = conn.execute(f"SELECT count(*) FROM ({sql}) AS rows").fetchone()[0]  # noqa: S608
    return sql, rows


def psql_copy_seconds(sql: str) -> float:
    parsed = urlparse(os.environ["DATABASE_URL"])
    command = ["psql", "-h", parsed.hostname, "-p", str(parsed.port or 5432), "-U", parsed.username or "postgres",
               "-d", parsed.path.lstrip("/"), "-qAt", "-c", f"\\copy ({sql}) TO '/dev/null' CSV"]
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)  # noqa: S603 (psql, SQL built by Django)
    return time.perf_counter() - started


def main() -> None:
    args = parse_args()
    _database_url()
    if args.child:
        child(args.child)
        return
    import bench_overdue

    bench_overdue.setup_django(argparse.Namespace(force=False))
    from django.contrib.auth import get_user_model

    User = get_user_model()  # noqa: N806

    if not args.reuse:
        started = time.perf_counter()
        bench_overdue.build_world()
        print(f"Adding {args.commitments:,} commitments ...")
        bench_overdue.add_commitments(1, args.commitments)
        bench_overdue.autocommit("VACUUM ANALYZE")
        print(f"Data built in {time.perf_counter() - started:.0f}s.")
    if not User.objects.filter(username="bench-exports").exists():
        User.objects.create_superuser("bench-exports", "bench@example.org", None)

    print(f"\n{'export':40} {'rows':>10} {'s':>7} {'rows/s':>9} {'1st row s':>9} {'MB':>6} "
          f"{'copy s':>7} {'ratio':>6} {'RSS MB':>7}")
    for label, url in EXPORTS.items():
        if args.only and args.only not in label:
            continue
        sql, rows = copy_sql_of(url)
        runs = [run_child(url) for _ in range(args.repeat)]
        copies = [psql_copy_seconds(sql) for _ in range(args.repeat)]
        assert all(run["status"] == 200 for run in runs), runs
        seconds = statistics.median(run["seconds"] for run in runs)
        copy = statistics.median(copies)
        peak = max(run["peak_mb"] for run in runs)
        print(f"{label:40} {rows:>10,} {seconds:>7.2f} {rows / seconds:>9,.0f} "
              f"{statistics.median(run['first'] or 0 for run in runs):>9.2f} {runs[0]['bytes'] / 1e6:>6.0f} "
              f"{copy:>7.2f} {seconds / copy:>6.2f} {peak:>7.0f}")
    print("\nTargets: ratio (export / psql \\copy of the same rows) <= 3; peak RSS < 200 MB.")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    main()
