"""The production processes: the release step, gunicorn serving the site, and a clear refusal to
start when static files have not been collected (instead of a 500 on every page)."""

import http.client
import json
import os
import runpy
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.contrib.staticfiles import finders
from django.db import connection

from ambassador.core.deployment import static_files_problem
from tests.test_settings import PRODUCTION_ENV

ROOT = Path(__file__).resolve().parent.parent
NOT_COLLECTED = "Static files have not been collected: run `python manage.py collectstatic --noinput`"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(**extra: str) -> dict[str, str]:
    """The environment of a production process: production settings, this interpreter on PATH."""
    base = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "CELERY_", "GUNICORN_")) and key not in {"DATABASE_URL", "REDIS_URL"}
    }
    base["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{base.get('PATH', '')}"
    return {**base, **PRODUCTION_ENV, "PYTHON": sys.executable, "DJANGO_SECRET_KEY": secrets.token_urlsafe(50), **extra}


def database_url() -> str:
    """The test database as a URL, for processes started outside this one."""
    db = connection.settings_dict
    password = f":{quote(db['PASSWORD'], safe='')}" if db.get("PASSWORD") else ""
    host = f"{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    return f"postgres://{quote(db['USER'], safe='')}{password}@{host}/{db['NAME']}"


def request(port: int, path: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()


def start(script: str, env: dict[str, str]) -> subprocess.Popen:
    """Starts one of the production scripts in bin/, in a process group of its own."""
    return subprocess.Popen(  # noqa: S603 - fixed argv, no shell
        [str(ROOT / "bin" / script)], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        text=True, start_new_session=True,
    )


def start_web(env: dict[str, str]) -> subprocess.Popen:
    return start("web", env)


def stop(process: subprocess.Popen) -> str:
    """Stops the process group this test started and returns what it printed."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
    output, _ = process.communicate(timeout=10)
    return output


def wait_until_serving(process: subprocess.Popen, port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"gunicorn exited with {process.returncode}:\n{stop(process)}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"gunicorn did not listen on {port} within {timeout}s:\n{stop(process)}")


@pytest.fixture(scope="module")
def released(django_db_setup, tmp_path_factory) -> dict[str, str]:
    """The environment of a site whose release step has run against the test database."""
    static_root = tmp_path_factory.mktemp("released-static")
    env = production_env(DATABASE_URL=database_url(), DJANGO_STATIC_ROOT=str(static_root))
    result = subprocess.run(  # noqa: S603 - fixed argv, no shell
        [str(ROOT / "bin" / "release")], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return env


def shares_the_test_database(test):
    """Marks a test whose processes reach the test database by URL: it must exist, and be PostgreSQL."""
    test = pytest.mark.django_db(test)
    return pytest.mark.postgresql_only(reason="processes the test starts use its PostgreSQL database")(test)


@pytest.mark.slow
@shares_the_test_database
def test_release_step_migrates_collects_static_files_and_passes_the_deployment_checks(released):
    static_root = Path(released["DJANGO_STATIC_ROOT"])

    assert (static_root / "staticfiles.json").exists()
    assert (static_root / "css" / "site.css").exists()


@pytest.mark.slow
@shares_the_test_database
def test_gunicorn_serves_pages_healthz_and_static_files_with_production_settings(released):
    port = free_port()
    process = start_web({**released, "HOST": "127.0.0.1", "PORT": str(port), "WEB_CONCURRENCY": "2"})
    try:
        wait_until_serving(process, port)
        # Through the TLS-terminating proxy, which says the original request was HTTPS.
        status, headers, body = request(port, "/", Host="record.example.org", **{"X-Forwarded-Proto": "https"})
        assert status == 200, body[:2000]
        assert b"</html>" in body
        assert "max-age=31536000" in headers["strict-transport-security"]

        # A load balancer asks by IP address over plain HTTP.
        status, headers, body = request(port, "/healthz", Host=f"127.0.0.1:{port}")
        assert (status, json.loads(body)) == (200, {"database": "ok", "broker": "ok"})

        manifest = json.loads((Path(released["DJANGO_STATIC_ROOT"]) / "staticfiles.json").read_text())
        hashed = manifest["paths"]["css/site.css"]
        status, headers, body = request(
            port, f"/static/{hashed}", Host="record.example.org", **{"X-Forwarded-Proto": "https"}
        )
        assert status == 200
        assert body == (ROOT / "ambassador" / "static" / "css" / "site.css").read_bytes()
        assert "immutable" in headers["cache-control"]
    finally:
        output = stop(process)
    assert process.returncode == 0, output
    assert '"GET /healthz HTTP/1.1" 200' in output  # the access log goes to stdout


@pytest.mark.slow
def test_gunicorn_refuses_to_start_without_collected_static_files(tmp_path):
    env = production_env(DJANGO_STATIC_ROOT=str(tmp_path), HOST="127.0.0.1", PORT=str(free_port()), WEB_CONCURRENCY="1")
    process = start_web(env)
    try:
        process.wait(timeout=60)
    finally:
        output = stop(process)

    assert process.returncode != 0
    assert f"{NOT_COLLECTED} (STATIC_ROOT={tmp_path})" in output


@pytest.mark.slow
def test_the_wsgi_application_refuses_to_start_without_collected_static_files(tmp_path):
    result = subprocess.run(  # noqa: S603 - fixed argv, no shell
        [sys.executable, "-c", "import config.wsgi"], cwd=ROOT, env=production_env(DJANGO_STATIC_ROOT=str(tmp_path)),
        capture_output=True, text=True, timeout=120, check=False,
    )

    assert result.returncode != 0
    assert f"{NOT_COLLECTED} (STATIC_ROOT={tmp_path})" in result.stderr


@pytest.fixture
def own_redis(tmp_path):
    """A Redis server of this test's own on a free port, so its worker takes no other suite's tasks."""
    port = free_port()
    server = subprocess.Popen(  # noqa: S603 - fixed argv, no shell
        ["redis-server", "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no",  # noqa: S607
         "--dir", str(tmp_path)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    try:
        wait_until_serving(server, port, timeout=10)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        stop(server)


def wait_for_line(process: subprocess.Popen, text: str, timeout: float = 90) -> list[str]:
    """Reads the process's output until a line contains ``text``; returns the lines read."""
    lines: list[str] = []
    deadline = time.monotonic() + timeout
    os.set_blocking(process.stdout.fileno(), False)
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if line:
            lines.append(line)
            if text in line:
                return lines
        elif process.poll() is not None:
            break
        else:
            time.sleep(0.1)
    pytest.fail(f"no line with {text!r} within {timeout}s:\n{''.join(lines)}")


@pytest.mark.slow
@shares_the_test_database
def test_worker_and_beat_start_with_production_settings_and_stop_cleanly(released, own_redis, tmp_path):
    schedule = tmp_path / "beat" / "schedule"
    env = {
        **released,
        "REDIS_URL": own_redis,
        "CELERY_WORKER_CONCURRENCY": "1",
        "CELERY_BEAT_SCHEDULE_FILE": str(schedule),
    }
    worker = start("worker", env)
    beat = start("beat", env)
    try:
        banner = "".join(wait_for_line(worker, " ready."))
        wait_for_line(beat, "beat: Starting")
        assert "concurrency: 1 (prefork)" in banner
        # Named no queue, it takes all three.
        assert all(f".> {queue}" in banner for queue in ("jobs", "emails", "exports")), banner
        assert f"@{own_redis.removeprefix('redis://')}" in banner  # its transport, password masked
    finally:
        for process in (worker, beat):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        codes = [process.wait(timeout=60) for process in (worker, beat)]
    assert codes == [0, 0]
    assert list(schedule.parent.iterdir())  # beat keeps its schedule where it was told


MANIFEST_STORAGE = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}


def test_static_files_missing_from_the_manifest_are_named(settings, tmp_path):
    settings.STORAGES = MANIFEST_STORAGE
    settings.STATIC_ROOT = tmp_path
    collected = {path: path for finder in finders.get_finders() for path, _ in finder.list(["CVS", ".*", "*~"])}
    del collected["css/site.css"]  # added since the last collectstatic
    (tmp_path / "staticfiles.json").write_text(json.dumps({"version": "1.1", "paths": collected, "hash": ""}))

    problem = static_files_problem()

    assert problem is not None
    assert problem.startswith("Static files are out of date, css/site.css not collected")
    assert problem.endswith(f"not collected: run `python manage.py collectstatic --noinput` (STATIC_ROOT={tmp_path})")


def test_an_unreadable_manifest_says_to_collect_static_files_again(settings, tmp_path):
    settings.STORAGES = MANIFEST_STORAGE
    settings.STATIC_ROOT = tmp_path
    (tmp_path / "staticfiles.json").write_text("{not json")

    problem = static_files_problem()

    assert problem is not None
    assert problem.startswith("Static files cannot be used")
    assert "collectstatic --noinput" in problem


def test_static_files_need_no_collecting_without_a_manifest_storage(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path  # the test settings' plain StaticFilesStorage

    assert static_files_problem() is None


def test_the_production_process_file_names_a_release_step_and_every_process():
    processes = dict(
        line.split(": ", 1) for line in (ROOT / "Procfile.production").read_text().splitlines() if line.strip()
    )

    assert processes == {
        "release": "bin/release", "web": "bin/web", "beat": "bin/beat",
        # One worker per queue, so a flood of emails never delays the overdue job.
        "worker-jobs": "bin/worker jobs", "worker-emails": "bin/worker emails", "worker-exports": "bin/worker exports",
    }
    for command in processes.values():
        script = ROOT / command.split()[0]
        assert os.access(script, os.X_OK)
        assert subprocess.run(["sh", "-n", str(script)], check=False).returncode == 0  # noqa: S603, S607


def test_gunicorn_settings_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("HOST", "127.0.0.1")
    monkeypatch.setenv("PORT", "9123")
    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    monkeypatch.setenv("FORWARDED_ALLOW_IPS", "10.0.0.2")
    monkeypatch.delenv("GUNICORN_CONTROL_SOCKET", raising=False)

    config = runpy.run_path(str(ROOT / "config" / "gunicorn.py"))

    assert config["bind"] == ["127.0.0.1:9123"]
    assert config["workers"] == 3
    assert config["forwarded_allow_ips"] == "10.0.0.2"
    assert config["accesslog"] == "-"
    assert config["control_socket_disable"] is True


def test_gunicorn_runs_two_workers_a_core_plus_one_by_default_within_a_cap(monkeypatch):
    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)

    config = runpy.run_path(str(ROOT / "config" / "gunicorn.py"))

    assert config["workers"] == min(2 * os.cpu_count() + 1, 12)
    assert [config["default_workers"](cores) for cores in (1, 2, 4, 64)] == [3, 5, 9, 12]
