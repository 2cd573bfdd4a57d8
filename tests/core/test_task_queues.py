"""Which queue each task goes to: emails apart from the jobs, so a flood of emails never delays a job."""

import pytest
from django.conf import settings

from config.celery import app


def queue_of(task_name: str) -> str:
    return app.amqp.router.route({}, task_name)["queue"].name


@pytest.mark.parametrize(
    ("task_name", "kind"),
    [
        ("ambassador.commitments.tasks.flag_overdue_commitments", "jobs"),
        ("ambassador.commitments.tasks.send_weekly_digests", "jobs"),
        ("ambassador.negotiations.tasks.release_embargoed_meetings", "jobs"),
        ("ambassador.risk.tasks.compute_lobbying_risk", "jobs"),
        ("ambassador.core.tasks.publish_queued_jobs", "jobs"),
        ("ambassador.commitments.tasks.send_notifications", "emails"),
        ("ambassador.transparency.tasks.export_commitments", "exports"),
    ],
)
def test_each_task_goes_to_the_queue_of_its_kind(task_name, kind):
    assert queue_of(task_name) == settings.AMBASSADOR_TASK_QUEUES[kind]


def test_every_registered_task_has_a_queue_that_a_worker_consumes():
    declared = {queue.name for queue in app.conf.task_queues}
    tasks = [name for name in app.tasks if name.startswith("ambassador.")]
    assert tasks
    assert {queue_of(name) for name in tasks} <= declared


def test_queue_names_carry_the_prefix_and_jobs_is_the_default():
    prefix = settings.AMBASSADOR_QUEUE_PREFIX
    assert {kind: f"{prefix}{kind}" for kind in ("jobs", "emails", "exports")} == settings.AMBASSADOR_TASK_QUEUES
    assert app.conf.task_default_queue == f"{prefix}jobs"
