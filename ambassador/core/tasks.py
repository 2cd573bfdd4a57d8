"""One set of options for every background task, and one behaviour when a job's lock is busy.

Reliability comes first from the Celery settings (``config/settings/base.py``): late acks, requeue
when a worker dies, prefetch 1 and time limits. On top of that every task declared with
``job_task``
- acknowledges late, so a message whose worker died is delivered again;
- retries with exponential backoff (5 s, 10 s, ... capped at 5 min, with jitter) when the database,
  or what the task names in ``retry_for`` (e.g. the mail server), is unreachable, up to 5 times;
- when another run holds the job's lock, retries a minute later (``retry_while_busy``) instead of
  returning, so a redelivered message that meets a dying run's lock is not lost. The services
  behind the tasks are idempotent, so the retried run finds nothing left to do.
"""

from __future__ import annotations

from celery import shared_task
from django.db import InterfaceError, OperationalError

from . import outbox

DATABASE_ERRORS = (OperationalError, InterfaceError)
RETRY_OPTIONS = {
    "acks_late": True,
    "retry_backoff": 5,
    "retry_backoff_max": 300,
    "retry_jitter": True,
    "max_retries": 5,
}
LOCK_BUSY_RETRY_SECONDS = 60


def job_task(*, retry_for: tuple[type[BaseException], ...] = (), **options):
    """``shared_task(bind=True)`` with the shared retry options; the task receives itself first."""
    return shared_task(bind=True, autoretry_for=DATABASE_ERRORS + tuple(retry_for), **RETRY_OPTIONS, **options)


def retry_while_busy(task, *, ran: bool) -> None:
    """Schedules the task again a minute later when its run found the job's lock taken."""
    if not ran:
        raise task.retry(countdown=LOCK_BUSY_RETRY_SECONDS)


@job_task()
def publish_queued_jobs(self) -> int:
    """Sends the jobs that writes saved while the broker was not answering (beat, every minute)."""
    return outbox.publish_queued_jobs()
