"""Celery tasks for the overdue engine and its emails. Each takes ids or nothing, calls one service, logs.

The retry options and the behaviour when the lock is busy are every task's (``ambassador.core.tasks``).
Each task is idempotent: the services lock, and the database constraints make a second run a
no-op, so a message delivered twice (after a crash, or beat and an on-demand run together)
changes nothing more.
"""

from __future__ import annotations

import datetime
import logging
import smtplib

from django.conf import settings

from ambassador.core.tasks import job_task, retry_while_busy

from . import notifications, overdue

logger = logging.getLogger(__name__)

MAIL_ERRORS = (smtplib.SMTPException, ConnectionError)
DEFAULT_EMAILS_PER_RUN = 500


@job_task()
def flag_overdue_commitments(self, commitment_ids: list[int] | None = None) -> dict:
    """Raises, re-raises and clears overdue and due-soon flags; then queues the alerts of new flags."""
    run = overdue.flag_overdue_commitments(commitment_ids=commitment_ids)
    retry_while_busy(self, ran=run.ran)
    send_notifications.delay_on_commit()
    return {"raised": dict(run.raised), "reopened": dict(run.reopened), "cleared": run.cleared}


@job_task(retry_for=MAIL_ERRORS)
def send_notifications(self) -> dict:
    """Queues the alerts of flags not yet notified, then sends queued emails, a bounded number per run.

    When more emails are waiting than one run sends, the task queues itself again.
    """
    queued = notifications.queue_flag_notifications()
    retry_while_busy(self, ran=queued is not None)
    limit = getattr(settings, "AMBASSADOR_EMAILS_PER_RUN", DEFAULT_EMAILS_PER_RUN)
    sent = notifications.deliver_notifications(limit=limit)
    if sent >= limit and notifications.pending_count():
        send_notifications.delay_on_commit()
    return {"flags_notified": queued[0], "emails_queued": queued[1], "emails_sent": sent}


@job_task()
def send_weekly_digests(self, week: str | None = None) -> dict:
    """Queues this week's digest (or the week of the ISO date ``week``) per city and person, then sends them."""
    queued = notifications.queue_weekly_digests(week=datetime.date.fromisoformat(week) if week else None)
    send_notifications.delay_on_commit()
    return {"digests_queued": queued}
