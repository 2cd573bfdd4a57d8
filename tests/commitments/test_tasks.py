"""The tasks are thin, retry what can be retried, queue follow-ups after commit, and are scheduled in UTC.

These run the tasks in-process (``Task.apply``); tests/test_worker.py runs them on a real worker.
"""

import datetime
from unittest import mock

import pytest
from celery import Celery
from celery.exceptions import Retry
from celery.schedules import crontab
from django.db import OperationalError
from django.utils import timezone

from ambassador.commitments import overdue, tasks
from ambassador.commitments.choices import NotificationKind
from ambassador.commitments.factories import CommitmentFactory
from ambassador.commitments.models import Notification, OverdueFlag
from ambassador.core import tasks as core_tasks
from ambassador.stakeholders.factories import CouncilStaffUserFactory
from config import celery as celery_config
from config.celery import app, retry_countdown_warnings, visibility_timeout_problems

pytestmark = pytest.mark.django_db

LONG_AGO = datetime.date(2025, 1, 15)


def test_flag_task_runs_the_job_and_queues_the_alerts_after_commit(django_capture_on_commit_callbacks):
    commitment = CommitmentFactory(due_on=LONG_AGO)
    with (
        mock.patch.object(tasks.send_notifications, "delay") as delay,
        django_capture_on_commit_callbacks(execute=True) as callbacks,
    ):
        result = tasks.flag_overdue_commitments.apply()
        delay.assert_not_called()  # not before the job's writes are committed
    assert result.successful(), result.traceback
    assert result.result["raised"]["overdue"] == 1
    assert OverdueFlag.objects.filter(commitment=commitment).exists()
    assert len(callbacks) == 1
    delay.assert_called_once_with()


def test_flag_task_takes_commitment_ids():
    mine, other = CommitmentFactory.create_batch(2, due_on=LONG_AGO)
    with mock.patch.object(tasks.send_notifications, "delay"):
        tasks.flag_overdue_commitments.apply(kwargs={"commitment_ids": [mine.pk]})
    assert list(OverdueFlag.objects.values_list("commitment", flat=True)) == [mine.pk]


def test_flag_task_retries_later_when_another_run_holds_the_lock():
    busy = overdue.OverdueRun(ran=False, now=timezone.now())
    with (
        mock.patch.object(overdue, "flag_overdue_commitments", return_value=busy),
        mock.patch.object(tasks.flag_overdue_commitments, "retry", side_effect=Retry) as retry,
    ):
        result = tasks.flag_overdue_commitments.apply()
    assert isinstance(result.result, Retry)
    retry.assert_called_once_with(countdown=core_tasks.LOCK_BUSY_RETRY_SECONDS)


def test_database_errors_are_retried_with_backoff():
    ok = overdue.OverdueRun(ran=True, now=timezone.now())
    with (
        mock.patch.object(overdue, "flag_overdue_commitments", side_effect=[OperationalError("gone away"), ok]) as job,
        mock.patch.object(tasks.send_notifications, "delay"),
    ):
        result = tasks.flag_overdue_commitments.apply()
    assert result.successful(), result.traceback
    assert job.call_count == 2
    for task in (tasks.flag_overdue_commitments, tasks.send_notifications, tasks.send_weekly_digests):
        assert OperationalError in task.autoretry_for
        assert task.retry_backoff and task.retry_jitter and task.max_retries == 5


def test_send_task_sends_a_bounded_number_and_requeues_itself(settings, mailoutbox, django_capture_on_commit_callbacks):
    settings.AMBASSADOR_EMAILS_PER_RUN = 2
    commitment = CommitmentFactory(due_on=LONG_AGO)
    CouncilStaffUserFactory.create_batch(2, city=commitment.negotiation.city)
    overdue.flag_overdue_commitments()

    with (
        mock.patch.object(tasks.send_notifications, "delay") as delay,
        django_capture_on_commit_callbacks(execute=True),
    ):
        result = tasks.send_notifications.apply()
    assert result.result == {"flags_notified": 1, "emails_queued": 3, "emails_sent": 2}
    assert len(mailoutbox) == 2
    delay.assert_called_once_with()

    with (
        mock.patch.object(tasks.send_notifications, "delay") as delay,
        django_capture_on_commit_callbacks(execute=True),
    ):
        result = tasks.send_notifications.apply()
    assert result.result == {"flags_notified": 0, "emails_queued": 0, "emails_sent": 1}
    delay.assert_not_called()


def test_weekly_digest_task_queues_the_week_and_sends_after_commit(django_capture_on_commit_callbacks):
    CouncilStaffUserFactory()
    with (
        mock.patch.object(tasks.send_notifications, "delay") as delay,
        django_capture_on_commit_callbacks(execute=True),
    ):
        result = tasks.send_weekly_digests.apply(kwargs={"week": "2026-03-05"})
    assert result.result == {"digests_queued": 1}
    assert Notification.objects.get().week_of == datetime.date(2026, 3, 2)
    assert Notification.objects.get().kind == NotificationKind.WEEKLY_DIGEST
    delay.assert_called_once_with()


# --- Configuration --------------------------------------------------------------------------------

def test_workers_ack_late_requeue_lost_tasks_take_one_at_a_time_and_have_time_limits():
    conf = app.conf
    assert conf.task_acks_late is True
    assert conf.task_reject_on_worker_lost is True
    assert conf.worker_prefetch_multiplier == 1
    assert 0 < conf.task_soft_time_limit < conf.task_time_limit
    assert conf.broker_transport_options["visibility_timeout"] > conf.task_time_limit
    assert visibility_timeout_problems(app) == []
    assert retry_countdown_warnings(app) == []


def test_beat_runs_the_flag_job_hourly_and_the_digest_weekly_in_utc():
    schedule = app.conf.beat_schedule
    assert app.conf.timezone == "UTC"
    flag = schedule["flag-overdue-commitments"]
    digest = schedule["send-weekly-commitment-digests"]
    assert flag["task"] == tasks.flag_overdue_commitments.name
    assert digest["task"] == tasks.send_weekly_digests.name
    assert flag["schedule"] == crontab(minute=5)
    assert digest["schedule"] == crontab(minute=0, hour=6, day_of_week="mon")
    assert {flag["task"], digest["task"]} <= set(app.tasks)


@pytest.fixture
def broker_from_conf(monkeypatch):
    """Celery prefers CELERY_BROKER_URL from the environment to any configured broker_url."""
    monkeypatch.delenv("CELERY_BROKER_URL", raising=False)


def _app(broker: str, **conf) -> Celery:
    checked = Celery("visibility-check", set_as_current=False, fixups=[])
    checked.conf.update(broker_url=broker, **conf)
    return checked


@pytest.mark.parametrize(
    ("broker", "time_limit", "options", "problem"),
    [
        ("redis://127.0.0.1:6379/9", 600, {"visibility_timeout": 601}, None),
        ("redis://127.0.0.1:6379/9", 600, {"visibility_timeout": 600}, "longer than task_time_limit (600s)"),
        ("rediss://cache.example:6380/0", 600, {"visibility_timeout": 60}, "longer than task_time_limit"),
        ("redis://127.0.0.1:6379/9", 7200, {}, "visibility_timeout (3600s) must be longer"),
        ("redis://127.0.0.1:6379/9", None, {"visibility_timeout": 3600}, "task_time_limit is not set"),
        ("amqp://guest@localhost//", 7200, {}, None),
        ("filesystem://", None, {}, None),
    ],
)
@pytest.mark.usefixtures("broker_from_conf")
def test_visibility_timeout_must_exceed_every_time_limit(broker, time_limit, options, problem):
    problems = visibility_timeout_problems(
        _app(broker, task_time_limit=time_limit, broker_transport_options=options)
    )
    if problem is None:
        assert problems == []
    else:
        assert len(problems) == 1 and problem in problems[0]


@pytest.mark.usefixtures("broker_from_conf")
def test_visibility_timeout_check_covers_a_task_with_its_own_time_limit():
    checked = _app("redis://127.0.0.1:6379/9", task_time_limit=60, broker_transport_options={"visibility_timeout": 400})

    @checked.task(name="slow_report", time_limit=600, retry_backoff=True, retry_backoff_max=900)
    def slow_report():
        pass

    assert visibility_timeout_problems(checked) == [
        "The broker's visibility_timeout (400s) must be longer than slow_report (600s), or a task still running "
        "is delivered to a second worker."
    ]
    assert [warning.split(":")[0] for warning in retry_countdown_warnings(checked)] == ["slow_report"]


def test_manage_py_check_reports_a_short_visibility_timeout():
    original = {key: app.conf[key] for key in ("broker_url", "broker_transport_options")}
    app.conf.update(broker_url="redis://127.0.0.1:6379/9", broker_transport_options={"visibility_timeout": 10})
    try:
        errors = celery_config.check_visibility_timeout()
    finally:
        app.conf.update(original)
    assert [error.id for error in errors] == ["celery.E001"]
    assert celery_config.check_visibility_timeout() == []
