"""Celery tasks for the overdue engine and its emails. Each takes ids or nothing, calls one service, logs.

Reliability comes from the Celery settings (``config/settings/base.py``): late acks, requeue when a
worker dies, prefetch 1 and time limits. On top of that every task here

- retries with exponential backoff (5 s, 10 s, ... capped at 5 min, with jitter) when the database
  or the mail server is unreachable, up to 5 times;
- is idempotent: the services lock, and the database constraints make a second run a no-op, so a
  message delivered twice (after a crash, or beat and an on-demand run together) changes nothing
  more;
- when another run holds the job's lock, retries a minute later instead of returning, so a
  redelivered message that meets a dying run's lock is not lost.
"""

from __future__ import annotations

import datetime
import logging
import smtplib

from celery import shared_task
from django.conf import settings
from django.db import InterfaceError, OperationalError

from . import notifications, overdue

logger = logging.getLogger(__name__)

DATABASE_ERRORS = (OperationalError, InterfaceError)
MAIL_ERRORS = (smtplib.SMTPException, ConnectionError)
RETRY_OPTIONS = {
    "retry_backoff": 5,
    "retry_backoff_max": 300,
    "retry_jitter": True,
    "max_retries": 5,
}
LOCK_BUSY_RETRY_SECONDS = 60
DEFAULT_EMAILS_PER_RUN = 500


@shared_task(bind=True, autoretry_for=DATABASE_ERRORS, **RETRY_OPTIONS)
def flag_overdue_commitments(self, commitment_ids: list[int] | None = None) -> dict:
    """Raises, re-raises and clears overdue and due-soon flags; then queues the alerts of new flags."""
    run = overdue.flag_overdue_commitments(commitment_ids=commitment_ids)
    if not run.ran:
        raise self.retry(countdown=LOCK_BUSY_RETRY_SECONDS)
    send_notifications.delay_on_commit()
    return {"raised": dict(run.raised), "reopened": dict(run.reopened), "cleared": run.cleared}


@shared_task(bind=True, autoretry_for=DATABASE_ERRORS + MAIL_ERRORS, **RETRY_OPTIONS)
def send_notifications(self) -> dict:
    """Queues the alerts of flags not yet notified, then sends queued emails, a bounded number per run.

    When more emails are waiting than one run sends, the task queues itself again.
    """
    queued = notifications.queue_flag_notifications()
    if queued is None:
        raise self.retry(countdown=LOCK_BUSY_RETRY_SECONDS)
    limit = getattr(settings, "AMBASSADOR_EMAILS_PER_RUN", DEFAULT_EMAILS_PER_RUN)
    sent = notifications.deliver_notifications(limit=limit)
    if sent >= limit and notifications.pending_count():
        send_notifications.delay_on_commit()
    return {"flags_notified": queued[0], "emails_queued": queued[1], "emails_sent": sent}


@shared_task(bind=True, autoretry_for=DATABASE_ERRORS, **RETRY_OPTIONS)
def send_weekly_digests(self, week: str | None = None) -> dict:
    """Queues this week's digest (or the week of the ISO date ``week``) per city and person, then sends them."""
    queued = notifications.queue_weekly_digests(week=datetime.date.fromisoformat(week) if week else None)
    send_notifications.delay_on_commit()
    return {"digests_queued": queued}
