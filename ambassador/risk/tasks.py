"""Background jobs of lobbying risk. Each task is thin: it calls one service and logs."""

import datetime
import logging

from celery import shared_task
from django.db import InterfaceError, OperationalError

from .services import compute_lobbying_risk as compute_lobbying_risk_service

logger = logging.getLogger(__name__)


@shared_task(
    acks_late=True,
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=True,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=5,
)
def compute_lobbying_risk(on: str | None = None) -> int | None:
    """Computes the day's lobbying-risk assessments; ``on`` is an ISO date, today (UTC) when omitted.

    Returns the run's id, or None when another run held the lock and this one did nothing.
    """
    run = compute_lobbying_risk_service(on=datetime.date.fromisoformat(on) if on else None)
    if run is None:
        logger.info("compute_lobbying_risk: another run is in progress; nothing done")
        return None
    logger.info(
        "compute_lobbying_risk: run %s for %s, %d companies, %d written",
        run.pk, run.assessed_on, run.companies_assessed, run.assessments_written,
    )
    return run.pk
