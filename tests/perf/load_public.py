"""Load benchmark: the public site under 20, 50 and 100 simulated citizens. Not a test.

pytest does not collect this file. ``make bench`` runs it after the job benchmark; by hand:

    .venv/bin/python tests/perf/load_public.py [--users 20,50,100] [--duration 30]

What it does, all on 127.0.0.1 and bounded in time:

1. Builds the demo data (``seed_demo``, the overdue flags and the risk scores) in a PostgreSQL
   database of its own (LOAD_DATABASE_URL, default ``amb_load``; it refuses a name without "load"),
   and collects the static files.
2. Starts the production web process (bin/web: gunicorn with config/gunicorn.py) with the production
   settings (WhiteNoise, the Redis cache, DEBUG off) and ``--workers`` processes (default:
   WEB_CONCURRENCY, else 3), and waits for it to answer.
3. Runs locust headless (tests/perf/load/locustfile.py: pages, feeds, a download and the public API,
   each citizen waiting 0.5-1.5 s between requests) for ``--duration`` seconds per step, statistics
   reset once every citizen has arrived.
4. Prints, per step: requests, errors, throughput and p50/p95/p99 in milliseconds, then whether the
   target holds: no error at all, and p95 under 300 ms at 100 citizens.

The public API's per-address rate limit is raised for the run (every simulated citizen comes from
127.0.0.1); everything else is as in production, without TLS.
"""

# The commands run here are built from this script's constants and arguments, never from input.
# ruff: noqa: S603

from __future__ import annotations

import argparse
import csv
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
LOCUSTFILE = Path(__file__).resolve().parent / "load" / "locustfile.py"
TARGET_P95_MS = 300
TARGET_USERS = 100


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", default="20,50,100", help="Comma-separated numbers of simulated citizens.")
    parser.add_argument("--duration", type=int, default=30, help="Seconds measured per step.")
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "3")))
    parser.add_argument("--skip-data", action="store_true", help="Reuse the database as it is.")
    return parser.parse_args()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run(command: list[str], env: dict[str, str]) -> None:
    subprocess.run(command, cwd=ROOT, env=env, check=True)


def create_database(url: str) -> None:
    import psycopg

    name = urlparse(url).path.lstrip("/")
    if "load" not in name:
        sys.exit(f"Refusing to empty the database {name!r}: its name lacks 'load'.")
    maintenance = urlparse(url)._replace(path="/postgres").geturl()
    with psycopg.connect(maintenance, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def build_data(env: dict[str, str]) -> None:
    print("Building the demo data ...", flush=True)
    local = {**env, "DJANGO_SETTINGS_MODULE": "config.settings.local"}
    python = str(BIN / "python")
    run([python, "manage.py", "migrate", "--noinput", "-v0"], local)
    run([python, "manage.py", "seed_demo"], local)
    run([python, "manage.py", "flag_overdue", "--no-email"], local)
    run([python, "manage.py", "compute_risk"], local)


def get_json(url: str):
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - our own server on loopback
        return json.load(response)


def wait_until_up(base: str, server: subprocess.Popen, seconds: int = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"gunicorn stopped with exit code {server.returncode}")
        try:
            with urllib.request.urlopen(base + "/", timeout=5):  # noqa: S310
                return
        except OSError:
            time.sleep(0.5)
    sys.exit("gunicorn did not answer within a minute")


def targets(base: str) -> dict[str, list]:
    """Slugs and ids the public API lists, so every request asks for something that exists."""

    def listed(path: str, key: str, keep=lambda row: True) -> list:
        rows = get_json(f"{base}/api/public/v1/{path}/?page_size=500")["results"]
        return [row[key] for row in rows if keep(row)]

    found = {
        "city_slugs": listed("cities", "slug"),
        "company_slugs": listed("organisations", "slug", lambda row: row.get("kind") == "tech_company"),
        "negotiation_slugs": listed("negotiations", "slug"),
        "meeting_ids": listed("meetings", "id"),
        "commitment_ids": listed("commitments", "id"),
    }
    empty = [kind for kind, values in found.items() if not values]
    if empty:
        sys.exit(f"The demo data lists no {', '.join(empty)}")
    return found


def step(base: str, users: int, duration: int, env: dict[str, str], folder: Path) -> dict[str, float]:
    prefix = folder / f"users{users}"
    spawn_rate = max(users // 5, 1)
    command = [
        str(BIN / "locust"), "-f", str(LOCUSTFILE), "--headless", "--host", base,
        "-u", str(users), "-r", str(spawn_rate), "--reset-stats",
        "--run-time", f"{duration + users // spawn_rate}s", "--stop-timeout", "5",
        "--csv", str(prefix), "--only-summary", "--loglevel", "WARNING",
    ]
    with open(f"{prefix}.log", "w") as log:
        subprocess.run(command, cwd=ROOT, env=env, check=False, stdout=log, stderr=subprocess.STDOUT)
    try:
        with open(f"{prefix}_stats.csv", newline="") as handle:
            total = next(row for row in csv.DictReader(handle) if row["Name"] == "Aggregated")
    except (OSError, StopIteration):
        sys.exit(f"locust wrote no statistics:\n{Path(f'{prefix}.log').read_text()[-3000:]}")
    with open(f"{prefix}_failures.csv", newline="") as handle:
        for row in csv.DictReader(handle):
            print(f"  {row['Occurrences']} x {row['Method']} {row['Name']}: {row['Error']}")
    return {
        "users": users,
        "requests": int(total["Request Count"]),
        "errors": int(total["Failure Count"]),
        "rps": float(total["Requests/s"]),
        "p50": float(total["50%"]),
        "p95": float(total["95%"]),
        "p99": float(total["99%"]),
    }


def main() -> int:
    args = parse_args()
    users = [int(value) for value in args.users.split(",")]
    database_url = os.environ.get("LOAD_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/amb_load")
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "REDIS_URL": os.environ.get("LOAD_REDIS_URL", "redis://127.0.0.1:6379/14"),
        "CELERY_BROKER_URL": os.environ.get("LOAD_REDIS_URL", "redis://127.0.0.1:6379/14"),
    }
    env.pop("CACHE_URL", None)
    if not args.skip_data:
        create_database(database_url)
        build_data(env)
    production = {
        **env,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": "load-benchmark-only-not-a-secret",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "AMBASSADOR_PUBLIC_API_RATE": "1000000/min",
    }
    run([str(BIN / "python"), "manage.py", "collectstatic", "--noinput", "-v0"], production)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    # The production web process (bin/web: gunicorn with config/gunicorn.py), access log off.
    server = subprocess.Popen(
        [str(ROOT / "bin" / "web"), "--access-logfile", "/dev/null"],
        cwd=ROOT,
        env={**production, "PYTHON": str(BIN / "python"), "HOST": "127.0.0.1", "PORT": str(port),
             "WEB_CONCURRENCY": str(args.workers), "GUNICORN_LOG_LEVEL": "warning"},
    )
    results = []
    try:
        wait_until_up(base, server)
        locust_env = {**env, "LOAD_TARGETS": json.dumps(targets(base))}
        with tempfile.TemporaryDirectory() as folder:
            for count in users:
                print(f"Measuring {count} citizens for {args.duration} s ...", flush=True)
                results.append(step(base, count, args.duration, locust_env, Path(folder)))
    finally:
        server.terminate()
        server.wait(timeout=30)

    print(f"\nThe public site on gunicorn ({args.workers} workers), demo data, {os.cpu_count()} cores:")
    print(f"{'citizens':>9} {'requests':>9} {'errors':>7} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7}")
    for row in results:
        print(
            f"{row['users']:>9} {row['requests']:>9} {row['errors']:>7} {row['rps']:>7.1f}"
            f" {row['p50']:>7.0f} {row['p95']:>7.0f} {row['p99']:>7.0f}"
        )
    errors = sum(row["errors"] for row in results)
    at_target = [row for row in results if row["users"] == TARGET_USERS]
    if at_target:
        p95 = at_target[0]["p95"]
        held = errors == 0 and p95 < TARGET_P95_MS
        print(
            f"Target (no errors, p95 < {TARGET_P95_MS} ms at {TARGET_USERS} citizens): "
            f"{'met' if held else 'missed'} ({errors} errors, p95 {p95:.0f} ms, "
            f"p95 / target = {p95 / TARGET_P95_MS:.2f})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
