"""A streaming read replica of the test database's PostgreSQL cluster, on a free port, for one test module.

``pg_basebackup -R`` copies the primary (the cluster the test database lives on, so the replica
has the test database) into a temporary directory, and ``pg_ctl`` starts it as a hot standby that
streams from the primary through a replication slot of its own, so the primary keeps the WAL a
stopped replica has not received yet (other databases on the cluster may write a lot meanwhile).
The slot is dropped with the replica; slots left by a test process that died are dropped by the
next run. The fixture waits until the replica has replayed everything the primary
had written, registers it as the ``replica_1`` database (as ``DATABASE_REPLICA_URLS`` would), and
at the end unregisters it, stops it and deletes its directory.

The primary must take replication connections from this machine: ``host replication all
127.0.0.1/32 trust`` in its ``pg_hba.conf`` (``.ci/run`` adds it). PostgreSQL refuses to run as
root, so when the tests run as root the replica's files belong to, and its server runs as, the
``postgres`` system user.
"""

from __future__ import annotations

import copy
import os
import pwd
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.db import connections

from tests.redis_server import free_port

REPLICA_ALIAS = "replica_1"
SLOT_PREFIX = "ambassador_test_replica_"
# Settings a hot standby must hold at least at the primary's values, or it refuses to start.
STANDBY_MINIMUMS = ("max_connections", "max_worker_processes", "max_wal_senders", "max_prepared_transactions",
                    "max_locks_per_transaction")


def _conninfo(database: dict, **overrides) -> str:
    parts = {
        "host": database["HOST"] or "127.0.0.1", "port": str(database["PORT"] or 5432),
        "user": database["USER"], "dbname": database["NAME"], **overrides,
    }
    if database.get("PASSWORD"):
        parts["password"] = database["PASSWORD"]
    return " ".join(f"{key}={value}" for key, value in parts.items())


class StreamingReplica:
    def __init__(self, primary: dict):
        self.primary = primary
        self.port = free_port()
        self.directory = Path(tempfile.mkdtemp(prefix="ambassador-replica-"))
        self.data = self.directory / "data"
        self.log = self.directory / "server.log"
        self.bin: Path | None = None
        self.slot = f"{SLOT_PREFIX}{os.getpid()}_{self.port}"
        self.as_server_user: list[str] = []
        if os.geteuid() == 0:
            server_user = pwd.getpwnam("postgres")
            os.chown(self.directory, server_user.pw_uid, server_user.pw_gid)
            self.as_server_user = ["runuser", "-u", "postgres", "--"]

    def _primary_setting(self, cursor, name: str) -> str:
        cursor.execute(f"SHOW {name}")
        return cursor.fetchone()[0]

    def _binaries(self, major: str) -> Path:
        directory = Path(f"/usr/lib/postgresql/{major}/bin")
        if not (directory / "pg_basebackup").exists():
            found = shutil.which("pg_basebackup")
            if found is None:
                pytest.fail(f"pg_basebackup for PostgreSQL {major} is not installed (looked in {directory} and PATH)")
            directory = Path(found).parent
        return directory

    def _run(self, *argv: str, timeout: float) -> None:
        result = subprocess.run(  # noqa: S603 - fixed argv, no shell
            [*self.as_server_user, *argv], capture_output=True, text=True, timeout=timeout, check=False
        )
        if result.returncode != 0:
            raise AssertionError(f"{' '.join(argv)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")

    def start(self) -> StreamingReplica:
        with psycopg.connect(_conninfo(self.primary), autocommit=True) as primary, primary.cursor() as cursor:
            major = str(int(self._primary_setting(cursor, "server_version_num")) // 10000)
            minimums = {name: self._primary_setting(cursor, name) for name in STANDBY_MINIMUMS}
            _drop_abandoned_slots(cursor)
        self.bin = self._binaries(major)
        host, port, user = self.primary["HOST"] or "127.0.0.1", str(self.primary["PORT"] or 5432), self.primary["USER"]
        try:
            self._run(str(self.bin / "pg_basebackup"), "-h", host, "-p", port, "-U", user, "-D", str(self.data),
                      "-R", "-X", "stream", "-C", "-S", self.slot, "--checkpoint=fast", "--no-sync",
                      timeout=600)
        except AssertionError as error:
            if "replication connection" in str(error) or "pg_hba.conf" in str(error):
                pytest.fail(
                    "The primary refuses replication connections; add 'host replication all 127.0.0.1/32 trust' "
                    f"to its pg_hba.conf and reload it (.ci/run does):\n{error}"
                )
            raise
        # Debian keeps the configuration outside the data directory, so the copy has none of its own.
        settings_lines = [
            "listen_addresses = '127.0.0.1'", f"port = {self.port}", f"unix_socket_directories = '{self.directory}'",
            "hot_standby = on", "shared_buffers = 32MB", "fsync = off", "logging_collector = off",
            *(f"{name} = {value}" for name, value in minimums.items()),
        ]
        for name, text in (
            ("postgresql.conf", "\n".join(settings_lines) + "\ninclude_if_exists = 'postgresql.auto.conf'\n"),
            ("pg_hba.conf", "local all all trust\nhost all all 127.0.0.1/32 trust\n"),
            ("pg_ident.conf", ""),
        ):
            self._write(self.data / name, text)
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-w", "-t", "60", "start",
                  timeout=90)
        self.wait_until_caught_up()
        return self

    def _write(self, path: Path, text: str) -> None:
        path.write_text(text)
        if self.as_server_user:
            server_user = pwd.getpwnam("postgres")
            os.chown(path, server_user.pw_uid, server_user.pw_gid)

    def connect(self) -> psycopg.Connection:
        return psycopg.connect(_conninfo(self.primary, host="127.0.0.1", port=str(self.port)), autocommit=True)

    def wait_until_caught_up(self, timeout: float = 120) -> None:
        """Waits until the replica has replayed everything the primary has written so far."""
        with psycopg.connect(_conninfo(self.primary), autocommit=True) as primary:
            target = primary.execute("SELECT pg_current_wal_lsn()").fetchone()[0]
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                with self.connect() as replica:
                    caught_up = replica.execute(
                        "SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [str(target)]
                    ).fetchone()[0]
                if caught_up:
                    return
            except psycopg.OperationalError:
                pass
            time.sleep(0.1)
        raise AssertionError(f"the replica did not replay up to {target} within {timeout:g}s:\n{self.log.read_text()}")

    def pause_replay(self) -> None:
        with self.connect() as replica:
            replica.execute("SELECT pg_wal_replay_pause()")

    def resume_replay(self) -> None:
        with self.connect() as replica:
            replica.execute("SELECT pg_wal_replay_resume()")

    def stop(self, mode: str = "fast") -> None:
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop", timeout=60)

    def is_running(self) -> bool:
        status = subprocess.run(  # noqa: S603 - fixed argv, no shell
            [*self.as_server_user, str(self.bin / "pg_ctl"), "-D", str(self.data), "status"],
            capture_output=True, timeout=30, check=False,
        )
        return status.returncode == 0

    def restart(self) -> None:
        """Starts the replica again after ``stop``; it resumes streaming from where it was."""
        if self.is_running():
            return
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-w", "-t", "60", "start",
                  timeout=90)

    def remove(self) -> None:
        if self.bin is not None and (self.data / "postmaster.pid").exists():
            subprocess.run(  # noqa: S603 - fixed argv, no shell
                [*self.as_server_user, str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop"],
                capture_output=True, timeout=60, check=False,
            )
        shutil.rmtree(self.directory, ignore_errors=True)
        self._drop_slot()

    def _drop_slot(self) -> None:
        """Drops the replica's slot once its stopped server's sender has gone."""
        with psycopg.connect(_conninfo(self.primary), autocommit=True) as primary:
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                row = primary.execute(
                    "SELECT active FROM pg_replication_slots WHERE slot_name = %s", [self.slot]
                ).fetchone()
                if row is None:
                    return
                if not row[0]:
                    primary.execute("SELECT pg_drop_replication_slot(%s)", [self.slot])
                    return
                time.sleep(0.1)

    def database_settings(self) -> dict:
        """The Django settings of the replica's copy of the test database, as ``with_replicas`` makes them."""
        database = copy.deepcopy(self.primary)
        database.update(
            HOST="127.0.0.1", PORT=str(self.port), ATOMIC_REQUESTS=False, CONN_HEALTH_CHECKS=True,
            OPTIONS={**database.get("OPTIONS", {}), "connect_timeout": 2},
        )
        database["TEST"] = {**database.get("TEST", {}), "MIRROR": "default"}
        return database


def _drop_abandoned_slots(cursor) -> None:
    """Drops the inactive slots of replicas whose test process is gone, so they keep no WAL on the primary."""
    cursor.execute("SELECT slot_name FROM pg_replication_slots WHERE slot_name LIKE %s AND NOT active",
                   [SLOT_PREFIX + "%"])
    for (slot,) in cursor.fetchall():
        pid = int(slot.removeprefix(SLOT_PREFIX).split("_")[0])
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            cursor.execute("SELECT pg_drop_replication_slot(%s)", [slot])
        except PermissionError:
            pass  # its process still runs: its replica may be stopped by a test on purpose


@pytest.fixture(scope="module")
def streaming_replica(django_db_setup, django_db_blocker):
    """A running replica of the test database, registered as ``replica_1`` for this module's tests."""
    primary = settings.DATABASES["default"]
    if primary["ENGINE"] != "django.db.backends.postgresql":
        pytest.skip("read replicas are PostgreSQL streaming replicas")
    replica = StreamingReplica(primary)
    try:
        replica.start()
        settings.DATABASES[REPLICA_ALIAS] = replica.database_settings()
        yield replica
    finally:
        if REPLICA_ALIAS in settings.DATABASES:
            connections[REPLICA_ALIAS].close()
            del connections[REPLICA_ALIAS]
            del settings.DATABASES[REPLICA_ALIAS]
        replica.remove()
