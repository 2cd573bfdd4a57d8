"""Helpers shared by background jobs."""

from __future__ import annotations

import contextlib
import hashlib
import logging
from collections.abc import Iterator

from django.db import connection, transaction

logger = logging.getLogger(__name__)


def _lock_key(name: str) -> int:
    """A stable signed 64-bit key for PostgreSQL advisory locks."""
    return int.from_bytes(hashlib.blake2b(name.encode(), digest_size=8).digest(), "big", signed=True)


@contextlib.contextmanager
def job_lock(name: str) -> Iterator[bool]:
    """Runs the block in one transaction holding a lock named ``name``; yields whether it was acquired.

    On PostgreSQL this is a transaction-scoped advisory lock, released at commit or rollback, so a
    crashed worker never leaves it behind. A second run that arrives while the first holds the lock
    is told ``False`` and should return without doing anything. Other databases (SQLite, used for
    local demo runs) serialise writers anyway and always acquire.
    """
    with transaction.atomic():
        if connection.vendor != "postgresql":
            yield True
            return
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [_lock_key(name)])
            acquired = cursor.fetchone()[0]
        if not acquired:
            logger.info("job %s is already running elsewhere; this run does nothing", name)
        yield acquired
