"""Jobs a write asks for are saved with the write and reach the broker after it commits, or later."""

import datetime
import json
import time
from unittest import mock

import pytest
import redis
from django.db import transaction
from django.utils import timezone
from rest_framework.test import APIClient

from ambassador.commitments import tasks as commitment_tasks
from ambassador.commitments.factories import CommitmentFactory
from ambassador.core import outbox
from ambassador.core.models import QueuedJob
from ambassador.negotiations.factories import NegotiationFactory
from config.celery import app
from tests.redis_server import own_redis  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db


@pytest.fixture
def broker_at(monkeypatch):
    """Points this process's publishing at another broker URL for the test."""

    def point(url: str) -> None:
        monkeypatch.delenv("CELERY_BROKER_URL", raising=False)  # Celery prefers it to the configured URL
        monkeypatch.setitem(app.conf, "broker_url", url)

    return point


def _log_completion(user, commitment) -> tuple[int, float]:
    client = APIClient()
    client.force_login(user)
    started = time.monotonic()
    response = client.post(
        "/api/v1/commitment-updates/",
        {"commitment": commitment.pk, "summary": "Delivered.", "completion": "complete",
         "evidence": "Published at data.amsterdam.example", "reported_on": "2026-02-01"},
        format="json",
    )
    assert response.status_code == 201, response.content
    return response.status_code, time.monotonic() - started


def test_a_job_asked_for_by_a_write_that_rolls_back_is_neither_saved_nor_sent():
    with mock.patch.object(app, "send_task") as send_task, pytest.raises(RuntimeError), transaction.atomic():
        outbox.enqueue(commitment_tasks.flag_overdue_commitments, commitment_ids=[1])
        raise RuntimeError("the write fails")
    assert not QueuedJob.objects.exists()
    send_task.assert_not_called()


def test_with_the_broker_down_a_progress_update_succeeds_and_its_job_is_sent_once_the_broker_is_back(
    own_redis, broker_at, envoy, amsterdam, django_capture_on_commit_callbacks  # noqa: F811
):
    commitment = CommitmentFactory(negotiation=NegotiationFactory(city=amsterdam), due_on=datetime.date(2025, 1, 1))
    own_redis.stop()
    broker_at(own_redis.url())

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        _status, seconds = _log_completion(envoy, commitment)

    assert callbacks  # the publish after commit was tried ...
    assert seconds < 3  # ... once, quickly, and failed without failing the request
    commitment.refresh_from_db()
    assert commitment.completion == "complete"
    job = QueuedJob.objects.get()
    assert job.task == commitment_tasks.flag_overdue_commitments.name
    assert job.kwargs == {"commitment_ids": [commitment.pk]}
    assert job.published_at is None and job.attempts == 1
    assert "OperationalError" in job.last_error

    own_redis.start()
    assert outbox.publish_queued_jobs() == 1
    assert outbox.publish_queued_jobs() == 0  # nothing is sent twice
    job.refresh_from_db()
    assert job.published_at is not None
    broker = redis.Redis.from_url(own_redis.url())
    (message,) = broker.lrange(app.conf.task_default_queue, 0, -1)
    broker.close()
    headers = json.loads(message)["headers"]
    assert headers["task"] == commitment_tasks.flag_overdue_commitments.name
    assert headers["kwargsrepr"] == repr({"commitment_ids": [commitment.pk]})


def test_the_drain_sends_waiting_jobs_oldest_first_in_batches_and_forgets_old_published_ones():
    long_ago = timezone.now() - datetime.timedelta(days=outbox.KEEP_PUBLISHED_DAYS + 1)
    sent_long_ago = QueuedJob.objects.create(task="ambassador.core.tasks.publish_queued_jobs", published_at=long_ago)
    waiting = [
        QueuedJob.objects.create(task=commitment_tasks.flag_overdue_commitments.name, kwargs={"commitment_ids": [n]})
        for n in range(5)
    ]
    with mock.patch.object(app, "send_task") as send_task:
        assert outbox.publish_queued_jobs(limit=2) == 5
        assert outbox.publish_queued_jobs(limit=2) == 0
    assert [call.kwargs["kwargs"] for call in send_task.call_args_list] == [{"commitment_ids": [n]} for n in range(5)]
    assert not QueuedJob.objects.unpublished().exists()
    assert not QueuedJob.objects.filter(pk=sent_long_ago.pk).exists()
    assert QueuedJob.objects.count() == len(waiting)


def test_a_failed_publish_keeps_the_job_and_counts_the_attempt():
    job = QueuedJob.objects.create(task=commitment_tasks.send_notifications.name)
    with mock.patch.object(app, "send_task", side_effect=OSError("broker gone")):
        assert outbox.publish_queued_jobs() == 0
    job.refresh_from_db()
    assert job.published_at is None and job.attempts == 1 and job.last_error == "OSError: broker gone"


def test_beat_drains_the_outbox_every_minute():
    entry = app.conf.beat_schedule["publish-queued-jobs"]
    assert entry["task"] == "ambassador.core.tasks.publish_queued_jobs" in app.tasks
    assert entry["schedule"] == 60.0
