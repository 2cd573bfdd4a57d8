"""Background jobs on meeting records. Each task is thin: it calls one service and logs."""

import logging

from ambassador.core.tasks import job_task, retry_while_busy

from .releases import release_embargoed_meetings as release_embargoed_meetings_service

logger = logging.getLogger(__name__)


@job_task()
def release_embargoed_meetings(self) -> int:
    """Releases confidential meetings whose release date has come (hourly, so each city's midnight is met)."""
    released = release_embargoed_meetings_service()
    retry_while_busy(self, ran=released is not None)
    logger.info("release_embargoed_meetings: %d released", len(released))
    return len(released)
