"""Broker outages and crashes on real Celery workers, against a Redis of each test's own.

Each test starts its own ``redis-server`` on a free port (``tests/redis_server.py``) as the broker
of this test process and of the worker processes it starts, so it may kill workers, stop Redis and
restart it without touching the Redis the rest of the suite (and other suites) share.

- A worker killed with SIGKILL mid-job: the job runs again on another worker within the bound
  ``config.celery.worst_case_redelivery_seconds`` gives for the workers' transport options (a few
  seconds here; 11 minutes with the default settings, see ``config/settings/base.py``).
- A task published just after Redis restarts (empty, as after a crash) is delivered and runs.
- A progress update saved while the broker is down answers 201; its overdue job waits in the
  outbox and runs once when the broker is back and a worker starts.
"""

import datetime
import json
import time

import pytest
from rest_framework.test import APIClient

from ambassador.commitments import tasks
from ambassador.commitments.checkpoints import times_reached
from ambassador.commitments.factories import CommitmentFactory, OverdueFlagFactory
from ambassador.commitments.models import OverdueFlag
from ambassador.commitments.overdue import JOB_NAME
from ambassador.core.models import QueuedJob
from ambassador.negotiations.factories import NegotiationFactory
from ambassador.stakeholders.factories import CityFactory, EnvoyUserFactory
from config.celery import app, worst_case_redelivery_seconds
from tests.redis_server import own_redis  # noqa: F401 - fixture
from tests.test_worker import (
    WorkerProcess,
    assert_flagged_and_notified_exactly_once,
    broker_is_idle,
    checkpoints,  # noqa: F401 - fixture
    overdue_world,
    wait_for,
    worker_env,
)

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True), pytest.mark.timeout(180)]

# Workers here may run a task 4 seconds; Redis hands an abandoned one back after 5, swept every second.
TIME_LIMIT, VISIBILITY_TIMEOUT = 4, 5


def transport_options(queue: str) -> dict:
    return {
        "visibility_timeout": VISIBILITY_TIMEOUT,
        "unacked_restore_interval": 1,
        "unacked_restore_throttle": 1,
        "unacked_mutex_expire": 5,
        "unacked_key": f"unacked:{queue}",
        "unacked_index_key": f"unacked_index:{queue}",
        "unacked_mutex_key": f"unacked_mutex:{queue}",
    }


@pytest.fixture
def broker(own_redis, checkpoints, tmp_path, monkeypatch):  # noqa: F811
    """This process and the workers it starts use ``own_redis`` as the broker."""
    queue = app.conf.task_default_queue
    monkeypatch.delenv("CELERY_BROKER_URL", raising=False)  # Celery prefers it to the configured URL
    monkeypatch.setitem(app.conf, "broker_url", own_redis.url())
    monkeypatch.setitem(app.conf, "broker_transport_options", transport_options(queue))
    forget_connections()  # pooled connections still lead to the shared broker
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    workers: list[WorkerProcess] = []

    def worker(name: str) -> WorkerProcess:
        env = worker_env(
            queue=queue, checkpoints=checkpoints, mail_dir=mail_dir,
            CELERY_BROKER_URL=own_redis.url(),
            CELERY_TASK_TIME_LIMIT=str(TIME_LIMIT), CELERY_TASK_SOFT_TIME_LIMIT=str(TIME_LIMIT - 1),
            CELERY_BROKER_TRANSPORT_OPTIONS=json.dumps(transport_options(queue)),
        )
        process = WorkerProcess(name, env=env, queue=queue, log=tmp_path / f"{name}.log")
        workers.append(process)
        return process.start()

    def logs() -> str:
        return "\n".join(f"--- {w.name}\n{w.output()[-4000:]}" for w in workers)

    yield {"redis": own_redis, "queue": queue, "worker": worker, "logs": logs}
    for process in workers:
        process.stop()
    forget_connections()


def forget_connections() -> None:
    """Drops the app's pooled broker connections, so the next publish connects to the broker configured now."""
    if app._pool is not None:
        app._pool.force_close_all()
    app._pool = None
    app.amqp._producer_pool = None


def wait_ready(worker: WorkerProcess) -> None:
    wait_for(lambda: " ready." in worker.output(), timeout=60, what=f"worker {worker.name} to be ready")


def test_the_default_settings_bound_redelivery_after_a_crash_to_eleven_minutes():
    assert worst_case_redelivery_seconds(app) == 11 * 60
    assert app.conf.task_time_limit == 4 * 60 < app.conf.broker_transport_options["visibility_timeout"]


def test_a_job_whose_worker_is_killed_runs_again_on_another_worker_within_the_redelivery_bound(broker, checkpoints):  # noqa: F811
    world = overdue_world()
    bound = worst_case_redelivery_seconds(app)
    assert bound == VISIBILITY_TIMEOUT + 1
    hold = checkpoints / f"{JOB_NAME}.hold"
    hold.touch()
    survivor = broker["worker"]("survivor")
    doomed = broker["worker"]("doomed")
    wait_ready(survivor)
    wait_ready(doomed)

    tasks.flag_overdue_commitments.delay()
    (first_pid,) = wait_for(lambda: times_reached(checkpoints, JOB_NAME), timeout=60, what="a worker to start the job")
    victim, other = (doomed, survivor) if _runs_in(doomed, first_pid) else (survivor, doomed)
    victim.kill()
    killed_at = time.monotonic()
    hold.unlink()
    assert not OverdueFlag.objects.exists()  # its writes were not committed

    wait_for(lambda: len(times_reached(checkpoints, JOB_NAME)) == 2, timeout=60, what="the job to run again")
    redelivered_after = time.monotonic() - killed_at
    try:
        wait_for(
            lambda: OverdueFlag.objects.filter(notified_at__isnull=False).count() == len(world["late"])
            and broker_is_idle(broker["queue"]),
            timeout=60, what="the job and its alerts to finish",
        )
    except AssertionError as error:
        raise AssertionError(f"{error}\n{broker['logs']()}") from None

    assert redelivered_after <= bound + 3, f"redelivered after {redelivered_after:.1f}s; bound {bound:g}s"
    assert _runs_in(other, times_reached(checkpoints, JOB_NAME)[1])
    assert_flagged_and_notified_exactly_once(world)


def _runs_in(worker: WorkerProcess, pid: int) -> bool:
    """Whether the process ``pid`` is the worker's pool process (or the worker itself)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            parent = int(stat.read().rsplit(")", 1)[1].split()[1])
    except FileNotFoundError:
        return False
    return worker.process.pid in (pid, parent)


def test_a_task_published_just_after_redis_restarts_is_delivered_and_runs(broker):
    city = CityFactory()
    before, after = (
        CommitmentFactory(negotiation__city=city, without_meeting=True, due_on=datetime.date(2025, 1, 15))
        for _ in range(2)
    )
    worker = broker["worker"]("steady")
    wait_ready(worker)
    tasks.flag_overdue_commitments.delay(commitment_ids=[before.pk])
    wait_for(lambda: OverdueFlag.objects.filter(commitment=before).exists(), timeout=60, what="the first job")

    broker["redis"].restart()  # empty: queues, bindings and unacknowledged messages are gone
    tasks.flag_overdue_commitments.delay(commitment_ids=[after.pk])

    try:
        wait_for(
            lambda: OverdueFlag.objects.filter(commitment=after).exists(), timeout=90, what="the job after restart"
        )
    except AssertionError as error:
        raise AssertionError(f"{error}\n{broker['logs']()}") from None
    assert OverdueFlag.objects.count() == 2


def test_progress_saved_while_the_broker_is_down_succeeds_and_its_job_runs_once_when_it_is_back(
    broker, checkpoints  # noqa: F811
):
    amsterdam = CityFactory(name="Amsterdam")
    envoy = EnvoyUserFactory(city=amsterdam)
    commitment = CommitmentFactory(negotiation=NegotiationFactory(city=amsterdam), due_on=datetime.date(2025, 1, 1))
    flag = OverdueFlagFactory(commitment=commitment, due_on=datetime.date(2025, 1, 1))
    broker["redis"].stop()

    client = APIClient()
    client.force_login(envoy)
    started = time.monotonic()
    response = client.post(
        "/api/v1/commitment-updates/",
        {"commitment": commitment.pk, "summary": "Delivered.", "completion": "complete",
         "evidence": "Published at data.amsterdam.example", "reported_on": "2026-02-01"},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert time.monotonic() - started < 5
    job = QueuedJob.objects.get()
    assert job.published_at is None and job.attempts == 1
    flag.refresh_from_db()
    assert flag.cleared_at is None

    broker["redis"].start()
    broker["worker"]("after-outage")  # a starting worker sends what waits in the outbox
    try:
        wait_for(
            lambda: OverdueFlag.objects.filter(pk=flag.pk, cleared_at__isnull=False).exists()
            and broker_is_idle(broker["queue"]),
            timeout=90, what="the saved job to run",
        )
    except AssertionError as error:
        raise AssertionError(f"{error}\n{broker['logs']()}") from None
    time.sleep(1)  # a second run, were one sent, would have started by now
    assert len(times_reached(checkpoints, JOB_NAME)) == 1
    job.refresh_from_db()
    assert job.published_at is not None
