"""Celery application for the ambassador project.

Settings come from Django settings with the ``CELERY_`` prefix, so the broker and the
reliability options live next to the rest of the configuration.

Start-up check: Redis (and SQS) hand an unacknowledged message to another worker once the
broker's ``visibility_timeout`` has passed. With late acks a task is unacknowledged while it
runs, so a task allowed to run longer than the visibility timeout would run twice at once. A
worker therefore refuses to start unless the visibility timeout is longer than every time limit
(``VisibilityTimeoutCheck``), and ``manage.py check`` reports the same problem (``celery.E001``).
Retry countdowns longer than the timeout are redelivered early too; the worker logs a warning.
"""

import logging
import os
from urllib.parse import urlparse

from celery import Celery, bootsteps
from celery.signals import worker_ready
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

logger = logging.getLogger(__name__)

app = Celery("ambassador")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Transports that redeliver unacknowledged messages after a visibility timeout, and kombu's default.
VISIBILITY_TIMEOUT_TRANSPORTS = {"redis", "rediss", "sentinel", "sqs"}
DEFAULT_VISIBILITY_TIMEOUT = 3600


def _visibility_timeout(celery_app: Celery) -> float | None:
    """The broker's visibility timeout in seconds, or None when the transport has none."""
    scheme = urlparse(str(celery_app.conf.broker_url or "")).scheme.split("+")[0]
    if scheme not in VISIBILITY_TIMEOUT_TRANSPORTS:
        return None
    options = celery_app.conf.broker_transport_options or {}
    return float(options.get("visibility_timeout", DEFAULT_VISIBILITY_TIMEOUT))


def worst_case_redelivery_seconds(celery_app: Celery = app) -> float | None:
    """How long at most before a task whose worker was killed runs again, or None on a transport without a timeout.

    Redis hands back an unacknowledged message once ``visibility_timeout`` has passed since its
    delivery, at the next sweep for abandoned messages by a running worker; sweeps come every
    ``unacked_restore_interval`` x ``unacked_restore_throttle`` seconds (kombu's defaults: 10 x 10).
    """
    timeout = _visibility_timeout(celery_app)
    if timeout is None:
        return None
    options = celery_app.conf.broker_transport_options or {}
    sweep = float(options.get("unacked_restore_interval", 10)) * float(options.get("unacked_restore_throttle", 10))
    return timeout + sweep


def visibility_timeout_problems(celery_app: Celery = app) -> list[str]:
    """Why tasks could run twice at once on this broker: one sentence per problem, none if safe."""
    timeout = _visibility_timeout(celery_app)
    if timeout is None:
        return []
    conf = celery_app.conf
    if conf.task_time_limit is None:
        return [
            f"task_time_limit is not set, so a task may run longer than the broker's visibility_timeout "
            f"({timeout:g}s) and be delivered to a second worker while it runs."
        ]
    # Tasks inherit task_time_limit unless they set their own; name only those that do.
    limits = {"task_time_limit": conf.task_time_limit}
    limits.update(
        (name, task.time_limit)
        for name, task in celery_app.tasks.items()
        if task.time_limit and task.time_limit != conf.task_time_limit
    )
    return [
        f"The broker's visibility_timeout ({timeout:g}s) must be longer than {name} ({limit:g}s), or a task "
        "still running is delivered to a second worker."
        for name, limit in sorted(limits.items())
        if timeout <= limit
    ]


def retry_countdown_warnings(celery_app: Celery = app) -> list[str]:
    """Tasks whose retry backoff can wait longer than the visibility timeout (they may run early, twice)."""
    timeout = _visibility_timeout(celery_app)
    if timeout is None:
        return []
    return [
        f"{name}: retry_backoff_max ({task.retry_backoff_max}s) is not shorter than the visibility_timeout "
        f"({timeout:g}s); a retry waiting that long is redelivered early."
        for name, task in sorted(celery_app.tasks.items())
        if getattr(task, "retry_backoff", False) and task.retry_backoff_max >= timeout
    ]


class VisibilityTimeoutCheck(bootsteps.Step):
    """Stops a worker from starting when the broker could deliver a running task to a second worker."""

    label = "visibility timeout check"

    def __init__(self, parent, **kwargs):
        problems = visibility_timeout_problems(parent.app)
        if problems:
            raise ImproperlyConfigured("Refusing to start the worker: " + " ".join(problems))
        for warning in retry_countdown_warnings(parent.app):
            logger.warning(warning)
        bound = worst_case_redelivery_seconds(parent.app)
        if bound is not None:
            logger.info("A task whose worker dies runs again within %gs (visibility timeout and sweep)", bound)
        super().__init__(parent, **kwargs)


app.steps["worker"].add(VisibilityTimeoutCheck)


@checks.register("celery")
def check_visibility_timeout(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    return [checks.Error(problem, id="celery.E001") for problem in visibility_timeout_problems(app)]


@worker_ready.connect
def publish_queued_jobs_at_start(sender=None, **kwargs) -> None:
    """A worker starting after a broker outage sends the jobs writes saved meanwhile, without waiting for beat."""
    sender.app.send_task("ambassador.core.tasks.publish_queued_jobs")
