"""The alert task on a real Celery worker and Redis: delivered twice at once, it still sends one email per person.

The worker runs in a thread of this process (``celery.contrib.testing``) on the test session's own
queues, as in tests/test_worker.py; the first delivery is held at a checkpoint with its flags marked
while the second arrives.
"""

import datetime
import time
from collections import Counter

import pytest
from celery.contrib.testing.worker import start_worker
from django.core import mail
from kombu import Exchange, Queue

from ambassador.commitments import notifications, overdue, tasks
from ambassador.commitments.checkpoints import times_reached
from ambassador.commitments.factories import CommitmentFactory
from ambassador.commitments.models import Notification, NotificationFlag
from ambassador.core import tasks as core_tasks
from ambassador.negotiations.factories import NegotiationFactory
from ambassador.stakeholders.factories import CityFactory, CouncilStaffUserFactory
from config.celery import app

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True), pytest.mark.timeout(180)]


def wait_for(condition, *, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"gave up after {timeout:g}s waiting for {what}")


@pytest.fixture
def queue():
    """This session's queues (jobs, emails, exports), empty before the test and deleted after it."""
    names = [declared.name for declared in app.conf.task_queues]
    with app.connection_for_write() as connection:
        for name in names:
            connection.default_channel.queue_purge(name)
    yield app.conf.task_default_queue
    with app.connection_for_write() as connection:
        for name in names:
            session_queue = Queue(name, Exchange(name), routing_key=name)(connection.default_channel)
            session_queue.declare()
            session_queue.delete()


def test_alert_task_delivered_twice_at_once_sends_one_email_per_person_listing_every_flag(
    queue, settings, tmp_path, monkeypatch
):
    monkeypatch.setattr(core_tasks, "LOCK_BUSY_RETRY_SECONDS", 1)
    settings.AMBASSADOR_JOB_CHECKPOINT_DIR = str(tmp_path)
    settings.AMBASSADOR_ALERT_LIST_LENGTH = 50
    hold = tmp_path / f"{notifications.MARKED_CHECKPOINT}.hold"
    hold.touch()
    city = CityFactory(name="Amsterdam")
    negotiation = NegotiationFactory(city=city)
    staff = CouncilStaffUserFactory(city=city)
    for number in range(50):
        CommitmentFactory(negotiation=negotiation, without_meeting=True, text=f"Deliver item {number:02d}.",
                          due_on=datetime.date(2025, 1, 15) - datetime.timedelta(days=number))
    assert overdue.flag_overdue_commitments().raised["overdue"] == 50
    mail.outbox = []

    app.conf.worker_hijack_root_logger = False
    with start_worker(app, pool="threads", concurrency=2, perform_ping_check=False, shutdown_timeout=10):
        tasks.send_notifications.delay()
        wait_for(lambda: times_reached(tmp_path, notifications.MARKED_CHECKPOINT), timeout=60,
                 what="the first delivery to mark the flags")
        tasks.send_notifications.delay()  # the same task again, e.g. redelivered: it finds the lock taken
        time.sleep(1.5)
        hold.unlink()
        wait_for(
            lambda: len(times_reached(tmp_path, notifications.QUEUE_JOB_NAME)) == 2
            and Notification.objects.filter(sent_at__isnull=False).count() == 2,
            timeout=60, what="both deliveries to finish",
        )

    assert Counter(tuple(message.to) for message in mail.outbox) == {
        (negotiation.lead_envoy.email,): 1, (staff.email,): 1,
    }
    for message in mail.outbox:
        assert all(message.body.count(f"Deliver item {number:02d}.") == 1 for number in range(50))
    pairs = list(NotificationFlag.objects.values_list("flag", "recipient"))
    assert len(pairs) == len(set(pairs)) == 100
