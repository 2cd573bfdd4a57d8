"""Background jobs of lobbying risk. Each task is thin: it calls one service and logs."""

import datetime
import logging

from ambassador.core.tasks import job_task, retry_while_busy

from .services import compute_lobbying_risk as compute_lobbying_risk_service

logger = logging.getLogger(__name__)


@job_task()
def compute_lobbying_risk(self, on: str | None = None) -> int:
    """Computes the day's lobbying-risk assessments; ``on`` is an ISO date, today (UTC) when omitted.

    Returns the run's id. When another run holds the lock, this one does nothing and retries later.
    """
    run = compute_lobbying_risk_service(on=datetime.date.fromisoformat(on) if on else None)
    if run is None:
        logger.info("compute_lobbying_risk: another run is in progress; retrying later")
    retry_while_busy(self, ran=run is not None)
    logger.info(
        "compute_lobbying_risk: run %s for %s, %d companies, %d written",
        run.pk, run.assessed_on, run.companies_assessed, run.assessments_written,
    )
    return run.pk
