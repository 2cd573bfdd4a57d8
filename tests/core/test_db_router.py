"""The replica settings and router without a replica running (tests/core/test_replicas.py runs a real one)."""

import pytest
from django.db import DEFAULT_DB_ALIAS

from ambassador.core import db_router
from config.settings import base


def test_each_replica_url_becomes_an_alias_that_takes_no_part_in_request_transactions(monkeypatch):
    monkeypatch.setenv(
        "DATABASE_REPLICA_URLS",
        "postgres://reader@replica-a:5432/ambassador,postgres://reader@replica-b:5433/ambassador?connect_timeout=5",
    )
    primary = {"ENGINE": "django.db.backends.postgresql", "NAME": "ambassador", "CONN_MAX_AGE": 60}
    databases = base.with_replicas({"default": primary})

    assert list(databases) == ["default", "replica_1", "replica_2"]
    first, second = databases["replica_1"], databases["replica_2"]
    assert (first["HOST"], first["PORT"], second["HOST"], second["PORT"]) == ("replica-a", 5432, "replica-b", 5433)
    assert first["ATOMIC_REQUESTS"] is False and first["CONN_HEALTH_CHECKS"] is True
    assert first["CONN_MAX_AGE"] == 60
    assert first["OPTIONS"]["connect_timeout"] == 2
    assert int(second["OPTIONS"]["connect_timeout"]) == 5
    assert first["TEST"] == {"MIRROR": "default"}


def test_without_replica_urls_there_is_only_the_primary(monkeypatch):
    monkeypatch.delenv("DATABASE_REPLICA_URLS", raising=False)
    assert list(base.with_replicas({"default": {"ENGINE": "django.db.backends.sqlite3"}})) == ["default"]


def test_migrations_run_only_on_the_primary():
    router = db_router.ReplicaRouter()
    assert router.allow_migrate("replica_1", "commitments") is False
    assert router.allow_migrate(DEFAULT_DB_ALIAS, "commitments") is None
    assert router.db_for_write(None) == DEFAULT_DB_ALIAS


@pytest.mark.django_db
def test_without_replicas_public_reads_stay_on_the_primary_and_no_cookie_is_set(client, amsterdam):
    assert db_router.replica_aliases() == []
    assert db_router.ReplicaRouter().db_for_read(None) is None
    assert client.get(f"/cities/{amsterdam.slug}/").status_code == 200
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert db_router.READ_YOUR_WRITES_COOKIE not in response.cookies
