"""Background jobs on meeting records. Each task is thin: it calls one service and logs."""

import logging

from celery import shared_task
from django.db import InterfaceError, OperationalError

from .releases import release_embargoed_meetings as release_embargoed_meetings_service

logger = logging.getLogger(__name__)


@shared_task(
    acks_late=True,
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=True,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=5,
)
def release_embargoed_meetings() -> int:
    """Releases confidential meetings whose release date has come (hourly, so each city's midnight is met)."""
    released = release_embargoed_meetings_service()
    logger.info("release_embargoed_meetings: %d released", len(released))
    return len(released)
