"""Suite-wide fixtures. The suite needs PostgreSQL and Redis, as production does.

Some modules also run on SQLite, which ``make run`` uses for the demo (see
tests/commitments/test_on_sqlite.py); there the tests marked ``postgresql_only`` are skipped.
"""

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


def _database_url() -> str:
    return os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/ambassador")


def _on_sqlite() -> bool:
    return urlparse(_database_url()).scheme == "sqlite"


def pytest_sessionstart(session):
    """Stop at once, saying how to start it, when a service the suite needs is not answering."""
    broker_url = os.environ.get("CELERY_BROKER_URL") or os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
    services = [("Redis", broker_url, 6379)]
    if not _on_sqlite():  # an SQLite database is a file, always there
        services.insert(0, ("PostgreSQL", _database_url(), 5432))
    missing = [
        f"{name} is not answering at {url}. Start it with:\n    {SERVICE_HINTS[name]}"
        for name, url, port in services
        if not _answers(url, port)
    ]
    if missing:
        pytest.exit("\n".join(missing), returncode=3)


def pytest_collection_modifyitems(config, items):
    """On SQLite, skip the tests of PostgreSQL behaviour, saying why; on PostgreSQL, skip nothing."""
    if not _on_sqlite():
        return
    for item in items:
        marker = item.get_closest_marker("postgresql_only")
        if marker is not None:
            item.add_marker(pytest.mark.skip(reason=f"PostgreSQL only: {marker.kwargs['reason']}"))


@pytest.fixture(autouse=True)
def _media_and_email(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language: a request to /vi/ leaves Vietnamese active in the thread."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with nothing cached (throttle counts included): the cache is Redis, shared by the session."""
    from django.core.cache import cache

    yield
    cache.clear()  # this session's keys only (ambassador/core/cache.py)


# Data migrations whose rows the suite relies on: (migration module, forward function).
DATA_MIGRATIONS = [
    ("ambassador.stakeholders.migrations.0002_role_groups", "create_groups"),
    ("ambassador.stakeholders.migrations.0004_notification_permissions", "grant"),
    ("ambassador.negotiations.migrations.0003_topics", "add_topics"),
    ("ambassador.stakeholders.migrations.0007_system_account", "create_system_account"),
]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Puts back the rows data migrations made, when a reused test database has lost them.

    Transactional tests (real workers, browsers) end by emptying every table, data migrations'
    rows included. pytest-django runs them last, so one session never notices, but the next one
    run with ``--reuse-db`` would start without the role groups and topics. The functions run on
    the migrated state's models, as ``migrate`` runs them, and are idempotent.
    """
    import importlib

    from django.contrib.auth.models import Group
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    from ambassador.negotiations.models import Topic

    with django_db_blocker.unblock():
        from django.contrib.auth import get_user_model

        if (
            Group.objects.filter(name__in=["Envoy", "Council staff"]).count() == 2
            and Topic.objects.exists()
            and get_user_model().objects.filter(username="system").exists()
        ):
            return
        state_apps = MigrationLoader(connection).project_state().apps
        for module, function in DATA_MIGRATIONS:
            getattr(importlib.import_module(module), function)(state_apps, None)


# --- people and places many tests start from ---------------------------------------------------------------------
# Factories are imported inside the fixtures: this module is loaded before Django is set up.


@pytest.fixture
def amsterdam(db):
    from ambassador.stakeholders.factories import CityFactory

    return CityFactory(name="Amsterdam")


@pytest.fixture
def barcelona(db):
    from ambassador.stakeholders.factories import CityFactory

    return CityFactory(name="Barcelona")


@pytest.fixture
def new_york(db):
    """A city west of UTC that keeps daylight saving time (UTC-5 in winter, UTC-4 in summer)."""
    from ambassador.stakeholders.factories import CityFactory

    return CityFactory(name="New York", slug="new-york", country="US", time_zone="America/New_York", languages=["en"])


@pytest.fixture
def hanoi(db):
    """A city east of UTC without daylight saving time (UTC+7)."""
    from ambassador.stakeholders.factories import CityFactory

    return CityFactory(name="Hanoi")


@pytest.fixture
def envoy(amsterdam):
    """Amsterdam's envoy, Anna Vos."""
    from ambassador.stakeholders.factories import EnvoyUserFactory

    return EnvoyUserFactory(city=amsterdam, username="ams-envoy", first_name="Anna", last_name="Vos")


@pytest.fixture
def staff(amsterdam):
    """A member of Amsterdam's council staff."""
    from ambassador.stakeholders.factories import CouncilStaffUserFactory

    return CouncilStaffUserFactory(city=amsterdam, username="ams-staff")


@pytest.fixture
def superuser(db):
    from ambassador.stakeholders.factories import UserFactory

    return UserFactory(superuser=True)


@pytest.fixture
def negotiation(amsterdam, envoy):
    """An Amsterdam negotiation led by ``envoy``."""
    from ambassador.negotiations.factories import NegotiationFactory

    return NegotiationFactory(city=amsterdam, lead_envoy=envoy)
