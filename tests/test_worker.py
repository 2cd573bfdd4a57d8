"""The overdue job on a real Celery worker and Redis: delivery, two runs at once, and workers killed mid-job.

Every test here starts a worker: in a thread of this process (``celery.contrib.testing``), or as a
separate ``celery -A config worker`` process on the test database when the worker must be killed
with SIGKILL. They send and consume on the test session's own queues (``AMBASSADOR_QUEUE_PREFIX``
in the test settings), so suites run side by side on one Redis never take each other's tasks, and
every wait is bounded.

The crash tests stop the job at a named checkpoint (``ambassador.commitments.checkpoints``): its
flags are written but not committed, and it holds the job's advisory lock. There the worker is
killed. Worker processes get a 10-second visibility timeout (above their 8-second time limit, as
the start-up check demands) so Redis hands the unacknowledged task to the next worker quickly.
"""

import json
import os
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
import redis
from celery.contrib.testing.worker import start_worker
from django.conf import settings
from django.core import mail
from kombu import Exchange, Queue

from ambassador.commitments import notifications, tasks
from ambassador.commitments.checkpoints import times_reached
from ambassador.commitments.factories import CommitmentFactory
from ambassador.commitments.models import Commitment, Notification, OverdueFlag
from ambassador.commitments.overdue import JOB_NAME
from ambassador.core import tasks as core_tasks
from ambassador.stakeholders.factories import CityFactory, CouncilStaffUserFactory
from config.celery import app

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True), pytest.mark.timeout(180)]

ROOT = Path(__file__).resolve().parent.parent
LONG_AGO = "2025-01-15"
VISIBILITY_TIMEOUT = 10
HistoricalOverdueFlag = OverdueFlag.history.model


def wait_for(condition, *, timeout: float, what: str, interval: float = 0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"gave up after {timeout:g}s waiting for {what}")


def session_queues() -> list[str]:
    """This session's queues: jobs (the default), emails and exports."""
    return list(settings.AMBASSADOR_TASK_QUEUES.values())


@pytest.fixture
def queue():
    """This session's queues, empty before the test and deleted with their bindings after it; names the jobs queue."""
    with app.connection_for_write() as connection:
        for name in session_queues():
            connection.default_channel.queue_purge(name)
    yield app.conf.task_default_queue
    with app.connection_for_write() as connection:
        for name in session_queues():
            # Declared on this channel first: kombu deletes only the bindings a channel knows about.
            session_queue = Queue(name, Exchange(name), routing_key=name)(connection.default_channel)
            session_queue.declare()
            session_queue.delete()


@pytest.fixture
def checkpoints(tmp_path, settings):
    directory = tmp_path / "checkpoints"
    directory.mkdir()
    settings.AMBASSADOR_JOB_CHECKPOINT_DIR = str(directory)
    return directory


def overdue_world() -> dict:
    """Three overdue commitments in two cities with a council-staff member each, and two that are not late."""
    import datetime

    amsterdam, hanoi = CityFactory(name="Amsterdam"), CityFactory(name="Hanoi")
    for city in (amsterdam, hanoi):
        CouncilStaffUserFactory(city=city)
    late = [
        CommitmentFactory(negotiation__city=city, without_meeting=True, due_on=datetime.date.fromisoformat(LONG_AGO))
        for city in (amsterdam, amsterdam, hanoi)
    ]
    CommitmentFactory(negotiation__city=hanoi, due_on=datetime.date.today() + datetime.timedelta(days=400))
    CommitmentFactory(negotiation__city=amsterdam, due_on=datetime.date.fromisoformat(LONG_AGO), complete=True)
    # Each late commitment is announced to its negotiation's lead envoy and its city's council staff,
    # one email per person listing all of that person's new flags: three lead envoys, two staff.
    return {"late": late, "emails": len(late) + 2}


def assert_flagged_and_notified_exactly_once(world: dict) -> None:
    late = world["late"]
    flags = OverdueFlag.objects.filter(kind="overdue")
    assert sorted(flags.values_list("commitment", flat=True)) == sorted(c.pk for c in late)
    assert not OverdueFlag.objects.filter(commitment__in=Commitment.objects.exclude(pk__in=[c.pk for c in late]))
    assert not flags.filter(notified_at__isnull=True).exists()
    assert HistoricalOverdueFlag.objects.filter(history_type="+").count() == len(late)
    sent = Notification.objects.filter(sent_at__isnull=False)
    assert Notification.objects.count() == sent.count() == world["emails"]
    per_flag_and_person = Counter(sent.values_list("flags", "recipient"))
    assert set(per_flag_and_person.values()) == {1}
    for commitment in late:
        flag = flags.get(commitment=commitment)
        city_staff = commitment.negotiation.city.memberships.filter(role="council_staff").values_list("user", flat=True)
        assert set(Notification.objects.filter(flags=flag).values_list("recipient", flat=True)) == {
            commitment.negotiation.lead_envoy_id, *city_staff
        }


# --- In-thread worker -----------------------------------------------------------------------------

@pytest.fixture
def thread_worker(queue, checkpoints):
    app.conf.worker_hijack_root_logger = False
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10) as worker:
        yield worker


def test_real_worker_flags_each_overdue_commitment_and_alerts_once(thread_worker, checkpoints, mailoutbox):
    world = overdue_world()

    tasks.flag_overdue_commitments.delay()
    wait_for(
        lambda: Notification.objects.filter(sent_at__isnull=False).count() == world["emails"],
        timeout=60, what="the alerts to be sent",
    )
    tasks.flag_overdue_commitments.delay()  # a second run, e.g. the next hour's: nothing new
    wait_for(
        lambda: len(times_reached(checkpoints, "queue_flag_notifications")) == 2,
        timeout=60, what="the second run's alert step",
    )

    assert len(times_reached(checkpoints, JOB_NAME)) == 2
    assert_flagged_and_notified_exactly_once(world)
    assert len(mail.outbox) == world["emails"]
    assert Counter(tuple(message.to) for message in mail.outbox) == Counter(
        (email,) for email in Notification.objects.values_list("email", flat=True)
    )


def test_a_run_arriving_while_another_holds_the_lock_retries_and_doubles_nothing(queue, checkpoints, monkeypatch):
    """Two runs at once: the second finds the lock taken, retries after the first, and finds nothing to do."""
    monkeypatch.setattr(core_tasks, "LOCK_BUSY_RETRY_SECONDS", 1)
    world = overdue_world()
    hold = checkpoints / f"{JOB_NAME}.hold"
    hold.touch()
    app.conf.worker_hijack_root_logger = False
    with start_worker(app, pool="threads", concurrency=2, perform_ping_check=False, shutdown_timeout=10):
        tasks.flag_overdue_commitments.delay()
        wait_for(lambda: times_reached(checkpoints, JOB_NAME), timeout=60, what="the first run to hold the lock")
        tasks.flag_overdue_commitments.delay()
        time.sleep(1.5)  # the second run finds the lock taken and schedules its retry
        assert len(times_reached(checkpoints, JOB_NAME)) == 1
        hold.unlink()
        wait_for(lambda: len(times_reached(checkpoints, JOB_NAME)) == 2, timeout=60, what="the retried run")
        wait_for(
            lambda: Notification.objects.filter(sent_at__isnull=False).count() == world["emails"]
            and len(times_reached(checkpoints, "queue_flag_notifications")) == 2,
            timeout=60, what="both runs' alert steps",
        )
    assert_flagged_and_notified_exactly_once(world)


# --- Worker processes killed with SIGKILL ---------------------------------------------------------

class WorkerProcess:
    """``celery -A config worker`` in its own process group, so a test can kill it and its pool at once."""

    def __init__(self, name: str, *, env: dict, queue: str, log: Path, queues: list[str] | None = None):
        self.name, self.env, self.queue, self.log_path = name, env, queue, log
        self.queues = queues or session_queues()
        self.process: subprocess.Popen | None = None

    def start(self) -> "WorkerProcess":
        self.log = self.log_path.open("ab")
        self.process = subprocess.Popen(  # noqa: S603 - fixed argv, no shell
            [
                sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=prefork", "--concurrency=1",
                f"--hostname={self.name}@%h", "--loglevel=INFO", "--without-gossip", "--without-mingle",
                "--without-heartbeat", "-Q", ",".join(self.queues),
            ],
            cwd=ROOT, env=self.env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True,
        )
        return self

    def kill(self) -> None:
        """SIGKILL to the worker and its pool: no shutdown, no acknowledgement, no requeue."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        self.log.close()

    def output(self) -> str:
        return self.log_path.read_text(errors="replace")


def _database_url() -> str:
    database = settings.DATABASES["default"]
    credentials = database["USER"] + (f":{database['PASSWORD']}" if database.get("PASSWORD") else "")
    return f"postgres://{credentials}@{database['HOST'] or '127.0.0.1'}:{database['PORT'] or 5432}/{database['NAME']}"


def worker_env(*, queue: str, checkpoints: Path, mail_dir: Path, **overrides: str) -> dict:
    """The environment of a worker process on this test's database, queue, checkpoints and mail directory."""
    inherited = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "CELERY_", "AMBASSADOR_"))}
    inherited.pop("DATABASE_URL", None)
    inherited.pop("REDIS_URL", None)
    transport = {
        "visibility_timeout": VISIBILITY_TIMEOUT,
        # Look for abandoned messages every second, under keys of this queue's own, so other
        # suites' unacknowledged tasks on the same Redis are never restored by these workers.
        "unacked_restore_interval": 1,
        "unacked_restore_throttle": 1,
        "unacked_mutex_expire": 5,
        "unacked_key": f"unacked:{queue}",
        "unacked_index_key": f"unacked_index:{queue}",
        "unacked_mutex_key": f"unacked_mutex:{queue}",
    }
    return {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": _database_url(),
        "CELERY_BROKER_URL": app.conf.broker_url,
        "AMBASSADOR_QUEUE_PREFIX": settings.AMBASSADOR_QUEUE_PREFIX,
        "CELERY_TASK_TIME_LIMIT": "8",
        "CELERY_TASK_SOFT_TIME_LIMIT": "6",
        "CELERY_BROKER_TRANSPORT_OPTIONS": json.dumps(transport),
        "AMBASSADOR_JOB_CHECKPOINT_DIR": str(checkpoints),
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "DJANGO_EMAIL_FILE_PATH": str(mail_dir),
        **overrides,
    }


def emails_written(mail_dir: Path) -> Counter:
    """How many times each notification's email was written by the workers' file backend."""
    ids = []
    for path in mail_dir.glob("*"):
        ids += re.findall(r"^Message-ID: <commitments-notification-(\d+)@", path.read_text(), flags=re.MULTILINE)
    return Counter(int(pk) for pk in ids)


def broker_is_idle(queue: str) -> bool:
    client = redis.Redis.from_url(app.conf.broker_url)
    try:
        waiting = sum(client.llen(name) for name in session_queues())
        return waiting == 0 and client.hlen(f"unacked:{queue}") == 0
    finally:
        client.close()


@pytest.fixture
def crash_setup(queue, checkpoints, tmp_path):
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    workers: list[WorkerProcess] = []

    def worker(name: str, queues: list[str] | None = None) -> WorkerProcess:
        process = WorkerProcess(
            name, env=worker_env(queue=queue, checkpoints=checkpoints, mail_dir=mail_dir), queue=queue,
            log=tmp_path / f"{name}.log", queues=queues,
        )
        workers.append(process)
        return process.start()

    yield {"worker": worker, "mail_dir": mail_dir, "queue": queue}
    for process in workers:
        process.stop()
    redis_client = redis.Redis.from_url(app.conf.broker_url)
    redis_client.delete(f"unacked:{queue}", f"unacked_index:{queue}", f"unacked_mutex:{queue}")
    redis_client.close()


def _wait_until_done(world: dict, setup: dict, workers: list[WorkerProcess]) -> None:
    def done():
        return (
            Notification.objects.filter(sent_at__isnull=False).count() >= world["emails"]
            and broker_is_idle(setup["queue"])
        )

    try:
        wait_for(done, timeout=90, what="the redelivered job and its alerts")
    except AssertionError as error:
        logs = "\n".join(f"--- {w.name}\n{w.output()[-4000:]}" for w in workers)
        raise AssertionError(f"{error}\n{logs}") from None


def _assert_emails_written_once(world: dict, mail_dir: Path) -> None:
    written = emails_written(mail_dir)
    assert set(written.values()) == {1}
    assert set(written) == set(Notification.objects.values_list("pk", flat=True))
    assert len(written) == world["emails"]


def test_worker_killed_mid_job_is_redelivered_and_every_overdue_commitment_gets_one_flag_and_one_alert(
    crash_setup, checkpoints
):
    world = overdue_world()
    hold = checkpoints / f"{JOB_NAME}.hold"
    hold.touch()

    first = crash_setup["worker"]("doomed")
    tasks.flag_overdue_commitments.delay()
    wait_for(lambda: times_reached(checkpoints, JOB_NAME), timeout=60, what="the first worker to start the job")
    first.kill()
    # Its flags were written but not committed: they died with it, and so did its lock.
    assert not OverdueFlag.objects.exists()
    assert not broker_is_idle(crash_setup["queue"])  # the task is still unacknowledged

    hold.unlink()
    second = crash_setup["worker"]("successor")
    _wait_until_done(world, crash_setup, [first, second])

    reached = times_reached(checkpoints, JOB_NAME)
    assert len(reached) == 2 and reached[0] != reached[1]
    assert_flagged_and_notified_exactly_once(world)
    _assert_emails_written_once(world, crash_setup["mail_dir"])


def test_pool_process_killed_mid_job_is_requeued_at_once_and_nothing_is_doubled(crash_setup, checkpoints):
    world = overdue_world()
    hold = checkpoints / f"{JOB_NAME}.hold"
    hold.touch()

    worker = crash_setup["worker"]("survivor")
    tasks.flag_overdue_commitments.delay()
    (child,) = wait_for(lambda: times_reached(checkpoints, JOB_NAME), timeout=60, what="the pool process to start")
    assert child != worker.process.pid
    os.kill(child, signal.SIGKILL)  # task_reject_on_worker_lost: the worker requeues the task
    hold.unlink()
    _wait_until_done(world, crash_setup, [worker])

    assert len(times_reached(checkpoints, JOB_NAME)) == 2
    assert "WorkerLostError" in worker.output() or "exited with 'signal 9" in worker.output()
    assert_flagged_and_notified_exactly_once(world)
    _assert_emails_written_once(world, crash_setup["mail_dir"])


def test_worker_refuses_to_start_when_the_visibility_timeout_is_not_longer_than_the_time_limit(
    queue, checkpoints, tmp_path
):
    env = worker_env(
        queue=queue, checkpoints=checkpoints, mail_dir=tmp_path,
        CELERY_BROKER_TRANSPORT_OPTIONS=json.dumps({"visibility_timeout": 8}),
    )
    worker = WorkerProcess("misconfigured", env=env, queue=queue, log=tmp_path / "misconfigured.log").start()
    try:
        worker.process.wait(timeout=60)
    finally:
        worker.stop()
    assert worker.process.returncode != 0
    assert "Refusing to start the worker: The broker's visibility_timeout (8s) must be longer than " \
        "task_time_limit (8s)" in worker.output()


def test_a_flood_of_slow_emails_does_not_delay_the_overdue_job(crash_setup, checkpoints):
    """Five hundred email tasks wait behind slow ones on the emails queue; the jobs queue's own worker runs the
    overdue job at once, as production's one worker per queue does."""
    world = overdue_world()
    queues = settings.AMBASSADOR_TASK_QUEUES
    hold = checkpoints / f"{notifications.QUEUE_JOB_NAME}.hold"
    hold.touch()  # every email task stalls until its time limit, like a mail server that hardly answers
    for _ in range(500):
        tasks.send_notifications.delay()
    broker = redis.Redis.from_url(app.conf.broker_url)
    try:
        assert broker.llen(queues["emails"]) == 500
        assert broker.llen(queues["jobs"]) == 0
        email_worker = crash_setup["worker"]("emails", queues=[queues["emails"]])
        job_worker = crash_setup["worker"]("jobs", queues=[queues["jobs"]])
        wait_for(lambda: times_reached(checkpoints, notifications.QUEUE_JOB_NAME), timeout=60,
                 what="the email worker to stall on an email")
        wait_for(lambda: " ready." in job_worker.output(), timeout=60, what="the jobs worker to be ready")

        started = time.monotonic()
        tasks.flag_overdue_commitments.delay()
        wait_for(lambda: OverdueFlag.objects.filter(kind="overdue").count() == len(world["late"]), timeout=20,
                 what="the overdue job, with the emails queue flooded")
        took = time.monotonic() - started

        assert took < 20
        assert broker.llen(queues["emails"]) >= 495  # the flood is still waiting
        assert len(times_reached(checkpoints, notifications.QUEUE_JOB_NAME)) <= 5
        assert email_worker.process.poll() is None
    finally:
        hold.unlink(missing_ok=True)
        broker.close()
