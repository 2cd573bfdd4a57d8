"""What the scale benchmark's measurements share: set-up, timing a request, figures and saved results.

Used by ``bench_scale.py`` and ``bench_scale_jobs.py``; not a test (pytest does not collect it).
"""

# The SQL here is built from constants of this script, never from input.
# ruff: noqa: S608

from __future__ import annotations

import argparse
import json
import logging
import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
SCRIPT = HERE / "bench_scale.py"  # started again, with a flag, to measure in a fresh process
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/amb_perf_scale"
PAGE_TARGET = 0.200
API_TARGET = 0.100
DEEP_RATIO_TARGET = 1.5
ADMIN_TARGET = 0.500
ETAG_RATIO_TARGET = 0.1
EXPORT_RATIO_TARGET = 3.0
EXPORT_MB_TARGET = 200.0
OVERDUE_RATIO_TARGET = 1.2
RISK_RATIO_TARGET = 12.0
RISK_MB_TARGET = 500.0
RISK_BASE_SIZE = 100_000
GROUPS = ("pages", "api", "admin", "etag", "exports", "overdue", "risk")
MEASURE_EXPORT = "--measure-export-in-this-process"
MEASURE_RISK = "--measure-risk-in-this-process"
# A measuring process's statements are cancelled after this many seconds, so none outlives its cap.
TIMEOUT_VARIABLE = "BENCH_STATEMENT_TIMEOUT"


# --- set-up -------------------------------------------------------------------------------------------------------


def database_url() -> str:
    return os.environ.get("BENCH_DATABASE_URL") or os.environ.get("DATABASE_URL") or DEFAULT_URL


def setup_django(*, force: bool = False, migrate: bool = True) -> None:
    url = database_url()
    name = urlparse(url).path.lstrip("/")
    if not force and not any(word in name.lower() for word in ("perf", "scale")):
        sys.exit(f"Refusing to empty the database {name!r}: its name lacks 'perf' or 'scale' (use --force).")
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    _create_database(url, name)
    import django

    django.setup()
    from django.test.utils import override_settings, setup_test_environment

    setup_test_environment()  # the test client's templates and context capture, outbox email
    logging.getLogger("axes").setLevel(logging.WARNING)  # a line per login would bury the figures
    logging.getLogger("django.request").setLevel(logging.CRITICAL)  # a request past the cap is in the figures
    # Every request renders: no server-side page copies, and no throttle counts between runs.
    override_settings(
        CACHES={"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}},
        DEBUG=False,
    ).enable()
    if migrate:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
    if os.environ.get(TIMEOUT_VARIABLE):
        limit_statements(float(os.environ[TIMEOUT_VARIABLE]))


def limit_statements(seconds: float) -> None:
    """Cancels any statement of this process that runs longer than ``seconds``, on every connection it opens.

    The cap on a request or a job: a query the planner got wrong can run for an hour, and the test
    client cannot be interrupted otherwise. A cancelled statement is an ``OperationalError``.
    """
    from django.db import connection
    from django.db.backends.signals import connection_created

    milliseconds = max(1, int(seconds * 1000))

    def apply(sender=None, connection=connection, **kwargs):
        with connection.cursor() as cursor:
            cursor.execute(f"SET statement_timeout = {milliseconds}")

    connection_created.connect(apply, weak=False, dispatch_uid="bench-statement-timeout")
    connection.ensure_connection()
    apply()


def _create_database(url: str, name: str) -> None:
    import psycopg

    maintenance = urlparse(url)._replace(path="/postgres").geturl()
    with psycopg.connect(maintenance, autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')



# --- figures ------------------------------------------------------------------------------------------------------


@dataclass
class Figure:
    name: str
    measured: str
    target: str
    ok: bool | None  # None: not measured, or nothing to compare with yet


@dataclass
class Bench:
    args: argparse.Namespace
    figures: list[Figure] = field(default_factory=list)
    queries: dict[str, int] = field(default_factory=dict)
    saved: dict = field(default_factory=dict)

    def add(self, name: str, measured: str, target: str, ok: bool | None) -> None:
        self.figures.append(Figure(name, measured, target, ok))
        mark = {True: "ok", False: "MISSED", None: "-"}[ok]
        print(f"  {name:<58} {measured:>22}  {target:<18} {mark}", flush=True)


@dataclass
class Timing:
    seconds: float | None  # the median, or None when the request failed
    capped: bool  # a run took longer than the cap: the one run is the figure
    status: int
    queries: int
    size: int
    runs: list[float]

    def text(self, cap: float) -> str:
        if self.seconds is None:
            return f"HTTP {self.status}"
        if self.capped:
            return f"> {cap:g} s ({self.seconds:.1f} s)"
        return f"{self.seconds * 1000:,.0f} ms"


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms"


def read(response) -> int:
    """Reads the body to its end (a streaming one too) and returns its length in bytes."""
    if getattr(response, "streaming", False):
        return sum(len(part) for part in response.streaming_content)
    return len(response.content)


def timed_get(client, url: str, *, repeat: int, cap: float, headers: dict | None = None) -> Timing:
    """The median server time of ``url`` over ``repeat`` runs after one counted for its queries."""
    from django.db import OperationalError, connection
    from django.test.utils import CaptureQueriesContext

    headers = headers or {}
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as captured:
        try:
            response = client.get(url, headers=headers)
            size = read(response)
        except OperationalError:  # a statement passed the cap (limit_statements) and was cancelled
            return Timing(time.perf_counter() - started, True, 0, len(captured.captured_queries), 0, [])
    first = time.perf_counter() - started
    queries = len(captured.captured_queries)
    if response.status_code not in (200, 304):
        return Timing(None, False, response.status_code, queries, size, [first])
    if first > cap:
        return Timing(first, True, response.status_code, queries, size, [first])
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        try:
            response = client.get(url, headers=headers)
            read(response)
        except OperationalError:
            return Timing(time.perf_counter() - started, True, 0, queries, size, runs)
        runs.append(time.perf_counter() - started)
        if runs[-1] > cap:
            return Timing(runs[-1], True, response.status_code, queries, size, runs)
    return Timing(statistics.median(runs), False, response.status_code, queries, size, runs)



def in_fresh_process(flag: list[str], timeout: float) -> dict | None:
    """Runs this script with ``flag``; returns the figures of its last JSON line, None on timeout."""
    import threading

    environment = {**os.environ, "DATABASE_URL": database_url(), TIMEOUT_VARIABLE: str(timeout)}
    process = subprocess.Popen(  # noqa: S603  (this script, with this interpreter)
        [sys.executable, str(SCRIPT), *flag], stdout=subprocess.PIPE, env=environment
    )
    timer = threading.Timer(timeout, process.kill)
    timer.start()
    output = process.stdout.read()
    _, status, _ = os.wait4(process.pid, 0)
    timed_out = not timer.is_alive()
    timer.cancel()
    process.returncode = os.waitstatus_to_exitcode(status)
    if timed_out:
        return None
    lines = output.decode().strip().splitlines()
    if process.returncode or not lines:
        return {"failed": process.returncode}
    return json.loads(lines[-1])


def peak_kb() -> int:
    """This process's peak resident set size since it started its program (kilobytes).

    Read from ``VmHWM``, which starts afresh at ``exec``: ``ru_maxrss`` of a child also counts the
    memory of the parent it was forked from, so a large parent would show as the child's peak.
    """
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


# --- results ------------------------------------------------------------------------------------------------------


def results_dir() -> Path:
    path = ROOT / "var" / "bench"
    path.mkdir(parents=True, exist_ok=True)
    return path


def results_path(commitments: int) -> Path:
    return results_dir() / f"scale-{commitments}.json"


def save(bench: Bench) -> None:
    path = results_path(bench.args.commitments)
    previous = json.loads(path.read_text()) if path.exists() else {}
    path.write_text(json.dumps({**previous, **bench.saved}, indent=2, sort_keys=True))
