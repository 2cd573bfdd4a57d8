"""``/healthz``: whether this web process can reach its database and its task broker.

A load balancer or orchestrator calls it every few seconds, often over plain HTTP and with the
server's IP address as the Host header. So it is answered by the first middleware, before Django
validates the host against ALLOWED_HOSTS, redirects to HTTPS, loads a session or picks a language:
it costs one ``SELECT 1`` and one broker connection, and answers the same on every host name.

It answers 200 ``{"database": "ok", "broker": "ok"}`` when both answer, and 503 naming what is
``"unavailable"`` otherwise; the reason goes to the log, not to the caller. It never answers 500.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.db import connections
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.cache import add_never_cache_headers
from kombu import Connection

logger = logging.getLogger(__name__)

HEALTH_PATHS = {"/healthz", "/healthz/"}
# Seconds to wait for the broker; a balancer's own timeout is usually a few seconds.
BROKER_TIMEOUT = 1.5


def database_is_up(alias: str = "default") -> bool:
    """Whether the database answers ``SELECT 1``."""
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:
        logger.warning("health check: database %r is unavailable: %s", alias, error)
        return False
    return True


def broker_is_up() -> bool:
    """Whether a new connection to the Celery broker can be made within ``BROKER_TIMEOUT`` seconds."""
    transport_options = {
        **getattr(settings, "CELERY_BROKER_TRANSPORT_OPTIONS", {}),
        "socket_connect_timeout": BROKER_TIMEOUT,
        "socket_timeout": BROKER_TIMEOUT,
    }
    try:
        with Connection(
            settings.CELERY_BROKER_URL, connect_timeout=BROKER_TIMEOUT, transport_options=transport_options
        ) as connection:
            connection.ensure_connection(max_retries=1, interval_start=0, interval_step=0, timeout=BROKER_TIMEOUT)
    except Exception as error:
        logger.warning("health check: the broker is unavailable: %s", error)
        return False
    return True


def health_response(request: HttpRequest) -> HttpResponse:
    if request.method not in ("GET", "HEAD"):
        response = JsonResponse({"detail": "Method not allowed."}, status=405)
        response["Allow"] = "GET, HEAD"
        return response
    checks = {"database": database_is_up(), "broker": broker_is_up()}
    body = {name: "ok" if up else "unavailable" for name, up in checks.items()}
    response = JsonResponse(body, status=200 if all(checks.values()) else 503)
    add_never_cache_headers(response)
    return response


class HealthCheckMiddleware:
    """Answers ``/healthz`` before any other middleware; first in ``MIDDLEWARE``."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info in HEALTH_PATHS:
            return health_response(request)
        return self.get_response(request)
