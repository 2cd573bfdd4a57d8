"""Suite-wide fixtures. The suite needs PostgreSQL and Redis, as production does."""

import os
import socket
from urllib.parse import urlparse

import pytest

SERVICE_HINTS = {
    "PostgreSQL": "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start",
    "Redis": 'redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no',
}


def _answers(url: str, default_port: int) -> bool:
    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname or "127.0.0.1", parsed.port or default_port), timeout=2):
            return True
    except OSError:
        return False


def pytest_sessionstart(session):
    """Stop at once, saying how to start it, when a service the suite needs is not answering."""
    database_url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/ambassador")
    broker_url = os.environ.get("CELERY_BROKER_URL") or os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
    missing = [
        f"{name} is not answering at {url}. Start it with:\n    {SERVICE_HINTS[name]}"
        for name, url, port in (("PostgreSQL", database_url, 5432), ("Redis", broker_url, 6379))
        if not _answers(url, port)
    ]
    if missing:
        pytest.exit("\n".join(missing), returncode=3)


@pytest.fixture(autouse=True)
def _media_and_email(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
