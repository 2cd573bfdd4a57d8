"""SQLite, which ``make run`` uses, takes writes from its web server, worker and beat at the same time.

Each writer is its own process on one database file (tests/sqlite_writers.py), as under ``make run``;
none may meet "database is locked".
"""

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
WRITERS = ROOT / "tests" / "sqlite_writers.py"
WEB_PROCESSES = 3
ROUNDS = 30

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]


def _environment(database: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("AMBASSADOR_", "PYTEST_"))}
    env["DATABASE_URL"] = f"sqlite:///{database}"
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    return env


def _last_json_line(output: str) -> dict:
    return json.loads(output.strip().splitlines()[-1])


def test_web_and_worker_processes_writing_at_once_all_succeed_on_sqlite(tmp_path):
    database = tmp_path / "db.sqlite3"
    env = _environment(database)
    seeded = subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, str(WRITERS), "seed"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=180,
        check=False,
    )
    assert seeded.returncode == 0, seeded.stderr[-3000:]
    seed = _last_json_line(seeded.stdout)
    assert seed["journal_mode"] == "wal"

    commands = [[str(WRITERS), "web", str(ROUNDS), str(seed["negotiation"])] for _ in range(WEB_PROCESSES)]
    commands.append([str(WRITERS), "worker", str(ROUNDS)])
    processes = [
        subprocess.Popen(  # noqa: S603 - fixed arguments
            [sys.executable, *command], cwd=ROOT, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True,
        )
        for command in commands
    ]
    try:
        for process in processes:  # every process is set up before any writes
            assert process.stdout.readline().strip() == "ready", process.stderr.read()[-3000:]
        for process in processes:
            process.stdin.write("go\n")
            process.stdin.flush()
        outputs = [process.communicate(timeout=240) for process in processes]
    finally:
        for process in processes:
            if process.poll() is None:
                process.kill()

    for process, (_, stderr) in zip(processes, outputs, strict=True):
        assert process.returncode == 0, stderr[-3000:]
    *web, worker = [_last_json_line(stdout) for stdout, _ in outputs]
    for result in web:
        assert result == {"statuses": {"201": ROUNDS}, "errors": []}
    assert worker == {"outcomes": {"ok": ROUNDS}, "errors": []}

    with sqlite3.connect(database) as check:
        assert check.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert check.execute("SELECT count(*) FROM commitments_commitment").fetchone()[0] == WEB_PROCESSES * ROUNDS
