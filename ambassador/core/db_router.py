"""Read replicas: the public site's reads on PostgreSQL streaming replicas, every other query on the primary.

With ``DATABASE_REPLICA_URLS`` set, the settings add one database alias per replica
(``replica_1``, ``replica_2``, ...; ``config/settings/base.py``, ``with_replicas``). Then:

- ``ReplicaReadMiddleware`` marks a request as one whose reads may go to a replica when it is a
  safe request (GET, HEAD, OPTIONS) for a public surface (the public site's pages, feeds and
  downloads, and the public API: the URL namespaces in ``REPLICA_READ_NAMESPACES``), carries no
  session cookie and no ``Authorization`` header (a signed-in reader sees their own writes at
  once), and no *read-your-writes* cookie. Everything else reads from the primary: the admin,
  the staff dashboard and API, background jobs and commands.
- The read-your-writes cookie (``ambassador_fresh``) is set on the answer to
  every unsafe request (POST, PUT, PATCH, DELETE: a publish, a release, a logout) and lives
  ``AMBASSADOR_READ_YOUR_WRITES_SECONDS`` (10 by default): for that long the same browser reads the
  public site from the primary, so the page it opens right after publishing shows the change even
  if the replicas are a moment behind. A cookie, not a mark in one process, because the next
  request may reach another web process or machine.
- ``ReplicaRouter`` sends such a request's reads to one replica, picked at random when the request
  first reads and kept for the whole request, so every query of one page sees one replica's
  moment; writes always go to the primary, and migrations run only there.
- A replica that refuses a connection, or fails a health check of a kept connection, is left out
  for ``AMBASSADOR_REPLICA_RETRY_SECONDS`` (30) and the request reads from another replica or the
  primary. A replica that fails in the middle of a page is left out likewise and the page is made
  again on the primary (``process_exception``), so a replica going down never answers 500.
- A download streams its rows from the request's replica too (they are read as it is sent, after
  the view has returned); one already streaming when its replica fails is cut short, and the
  reader asks again.

Without replicas none of this does anything: the router answers None and Django uses the primary.
"""

from __future__ import annotations

import contextvars
import dataclasses
import logging
import random
import time
from collections.abc import Callable, Iterable, Iterator

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.http import HttpRequest, HttpResponse

logger = logging.getLogger(__name__)

REPLICA_PREFIX = "replica_"
# URL namespaces whose safe requests may read from a replica: the public site and the public API.
REPLICA_READ_NAMESPACES = {"transparency", "public-api"}
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
READ_YOUR_WRITES_COOKIE = "ambassador_fresh"
DEFAULT_READ_YOUR_WRITES_SECONDS = 10
DEFAULT_RETRY_SECONDS = 30


@dataclasses.dataclass
class _Reads:
    """Where one request reads: ``replica_allowed`` once the middleware says so, ``alias`` once chosen."""

    replica_allowed: bool = False
    alias: str | None = None


_current: contextvars.ContextVar[_Reads | None] = contextvars.ContextVar("ambassador_reads", default=None)
# Replicas left out until a time.monotonic() value, per process.
_down_until: dict[str, float] = {}


def replica_aliases() -> list[str]:
    """The configured replicas' aliases, in order."""
    return [alias for alias in settings.DATABASES if alias.startswith(REPLICA_PREFIX)]


def mark_replica_down(alias: str) -> None:
    seconds = getattr(settings, "AMBASSADOR_REPLICA_RETRY_SECONDS", DEFAULT_RETRY_SECONDS)
    _down_until[alias] = time.monotonic() + seconds


def _replica_answers(alias: str) -> bool:
    connection = connections[alias]
    try:
        # A kept connection is checked once per request (CONN_HEALTH_CHECKS); a new one is opened.
        connection.close_if_health_check_failed()
        connection.ensure_connection()
    except DatabaseError as error:
        logger.warning("Read replica %s is not answering (%s); reading another replica or the primary", alias, error)
        connection.close()
        mark_replica_down(alias)
        return False
    return True


def _choose_replica() -> str:
    now = time.monotonic()
    candidates = [alias for alias in replica_aliases() if _down_until.get(alias, 0) <= now]
    random.shuffle(candidates)
    for alias in candidates:
        if _replica_answers(alias):
            return alias
    return DEFAULT_DB_ALIAS


def read_alias() -> str:
    """The database this request's reads go to: a replica for a public read, else the primary."""
    reads = _current.get()
    if reads is None or not reads.replica_allowed:
        return DEFAULT_DB_ALIAS
    if reads.alias is None:
        reads.alias = _choose_replica()
    return reads.alias


def _reading_from(reads: _Reads, content: Iterable) -> Iterator:
    """A streamed response's content, each part made with the request's reads in place (after the view returned)."""
    parts = iter(content)
    while True:
        token = _current.set(reads)
        try:
            part = next(parts)
        except StopIteration:
            return
        finally:
            _current.reset(token)
        yield part


class ReplicaRouter:
    """Public reads to a replica, everything else to the primary (see the module's docstring)."""

    def db_for_read(self, model, **hints) -> str | None:
        reads = _current.get()
        if reads is None or not reads.replica_allowed:
            return None
        return read_alias()

    def db_for_write(self, model, **hints) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints) -> bool | None:
        # Replicas hold the primary's rows, so an object read from one may refer to one read from another.
        databases = {DEFAULT_DB_ALIAS, *replica_aliases()}
        if obj1._state.db in databases and obj2._state.db in databases:
            return True
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints) -> bool | None:
        # Replicas are read-only copies of the primary: migrations run on the primary alone.
        return False if db.startswith(REPLICA_PREFIX) else None


def _signed_in_or_credentialed(request: HttpRequest) -> bool:
    return settings.SESSION_COOKIE_NAME in request.COOKIES or "HTTP_AUTHORIZATION" in request.META


class ReplicaReadMiddleware:
    """Marks a public, anonymous, safe request's reads for a replica; sets the read-your-writes cookie."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not replica_aliases():
            return self.get_response(request)
        reads = _Reads()
        token = _current.set(reads)
        try:
            response = self.get_response(request)
        finally:
            _current.reset(token)
        if response.streaming and reads.replica_allowed:
            response.streaming_content = _reading_from(reads, response.streaming_content)
        if request.method not in SAFE_METHODS:
            response.set_cookie(
                READ_YOUR_WRITES_COOKIE, "1",
                max_age=getattr(settings, "AMBASSADOR_READ_YOUR_WRITES_SECONDS", DEFAULT_READ_YOUR_WRITES_SECONDS),
                secure=settings.SESSION_COOKIE_SECURE, httponly=True, samesite="Lax",
            )
        return response

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs) -> None:
        reads = _current.get()
        if reads is None or request.method not in SAFE_METHODS or _signed_in_or_credentialed(request):
            return
        if READ_YOUR_WRITES_COOKIE in request.COOKIES:
            return
        match = request.resolver_match
        reads.replica_allowed = bool(match and REPLICA_READ_NAMESPACES & set(match.namespaces))

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        """A page whose replica failed mid-way is made again on the primary."""
        reads = _current.get()
        if reads is None or reads.alias in (None, DEFAULT_DB_ALIAS) or not isinstance(exception, DatabaseError):
            return None
        if not connections[reads.alias].errors_occurred:
            return None  # the primary failed, not the replica
        logger.warning("Read replica %s failed during %s (%s); reading from the primary", reads.alias,
                       request.path, exception)
        connections[reads.alias].close()
        mark_replica_down(reads.alias)
        reads.replica_allowed, reads.alias = False, DEFAULT_DB_ALIAS
        match = request.resolver_match
        return match.func(request, *match.args, **match.kwargs)
