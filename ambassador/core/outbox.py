"""Jobs a write asks for reach the broker even if it is down when the write commits (a transactional outbox).

``enqueue(task, **kwargs)`` saves a ``QueuedJob`` row in the caller's transaction, so the job exists
exactly when the write does. After the commit it is published at once, on a connection that tries
once with a one-second connect timeout, so a broker outage costs the request milliseconds and
never an error: the write has committed and the user is told so. A row the broker did not take
waits for ``publish_queued_jobs``, which beat runs every minute (and a worker runs when it starts).

Publishing claims rows with ``SELECT ... FOR UPDATE SKIP LOCKED`` and marks them published in the
same transaction, so the after-commit publish and a drain never both send a row. A crash between
the broker taking a message and the mark committing would send it once more; every task is
idempotent, so that changes nothing.
"""

from __future__ import annotations

import datetime
import logging
import time

from celery import current_app
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .models import QueuedJob

logger = logging.getLogger(__name__)

# One quick try per publish: the request path must not wait for a broker that is down.
PUBLISH_TRANSPORT_OPTIONS = {"max_retries": 0, "socket_connect_timeout": 1, "socket_timeout": 2}
PUBLISH_CONNECT_TIMEOUT = 1
DRAIN_BATCH = 500
# Published rows are kept this long, to see what was sent, then deleted by the drain.
KEEP_PUBLISHED_DAYS = 7


def enqueue(task, **kwargs) -> QueuedJob:
    """Saves the job in the current transaction and publishes it after the commit (or later, by the drain).

    ``task`` is a Celery task or its name; ``kwargs`` must be JSON (ids, ISO dates).
    """
    name = task if isinstance(task, str) else task.name
    job = QueuedJob.objects.create(task=name, kwargs=kwargs)
    transaction.on_commit(lambda: _publish_after_commit(job.pk))
    return job


def _publish_after_commit(job_id: int) -> None:
    # The write has committed: whatever happens here, the drain still has the row.
    try:
        publish_jobs(ids=[job_id])
    except Exception:
        logger.exception("Queued job %s is left for the drain", job_id)


def _connection():
    return current_app.connection_for_write(
        connect_timeout=PUBLISH_CONNECT_TIMEOUT, transport_options=PUBLISH_TRANSPORT_OPTIONS
    )


def publish_jobs(*, ids: list[int] | None = None, limit: int = DRAIN_BATCH) -> int:
    """Sends unpublished jobs (these ``ids``, or the oldest ``limit``) to the broker; returns how many it sent.

    Stops at the first broker error and leaves the rest for the next drain; never raises for one.
    """
    sent = 0
    with transaction.atomic():
        jobs = QueuedJob.objects.unpublished().select_for_update(skip_locked=True).order_by("created_at", "pk")
        jobs = list(jobs.filter(pk__in=ids) if ids is not None else jobs[:limit])
        if not jobs:
            return 0
        published = []
        try:
            with _connection() as connection:
                for job in jobs:
                    current_app.send_task(
                        job.task, kwargs=job.kwargs, task_id=f"queued-job-{job.pk}-{time.time_ns()}",
                        connection=connection, retry=False,
                    )
                    published.append(job.pk)
        except Exception as error:  # noqa: BLE001 - any broker failure leaves the job for the next drain
            failed = [job.pk for job in jobs if job.pk not in published]
            QueuedJob.objects.filter(pk__in=failed).update(
                attempts=F("attempts") + 1, last_error=f"{type(error).__name__}: {error}"[:1000]
            )
            logger.warning(
                "The broker did not take %d queued job(s) (%s: %s); the drain sends them later",
                len(failed), type(error).__name__, error,
            )
        sent = QueuedJob.objects.filter(pk__in=published).update(published_at=timezone.now())
    return sent


def publish_queued_jobs(*, limit: int = DRAIN_BATCH) -> int:
    """Sends every job still waiting, in batches, while the broker takes them; forgets old published rows."""
    sent = 0
    while True:
        batch = publish_jobs(limit=limit)
        sent += batch
        if batch < limit:
            break
    cutoff = timezone.now() - datetime.timedelta(days=KEEP_PUBLISHED_DAYS)
    QueuedJob.objects.filter(published_at__lt=cutoff).delete()
    if sent:
        logger.info("publish_queued_jobs: %d job(s) sent", sent)
    return sent
