"""Public reads on a real streaming replica (``ambassador.core.db_router``), everything else on the primary.

The module starts a hot standby of the test database's cluster (``tests/postgres_replica.py``).
To tell the two apart, a test pauses the replica's replay and writes a city on the primary: a page
that reads the replica does not know the city (404), a page that reads the primary shows it.
"""

import psycopg
import pytest
from django.db import connections
from django.test import Client

from ambassador.core import db_router
from ambassador.stakeholders.factories import CityFactory, UserFactory
from tests.postgres_replica import REPLICA_ALIAS, streaming_replica  # noqa: F401 - the fixture

pytestmark = [
    pytest.mark.slow,
    pytest.mark.postgresql_only(reason="streaming replicas are PostgreSQL's"),
    pytest.mark.django_db(transaction=True, databases=["default", REPLICA_ALIAS]),
    pytest.mark.timeout(600),
    # One test process runs them all, so `make test` copies the cluster once (make test: --dist loadgroup).
    pytest.mark.xdist_group("streaming_replica"),
]


@pytest.fixture
def replica(streaming_replica):  # noqa: F811
    """The running replica, caught up with the primary, replaying, and tried again by the router."""
    db_router._down_until.clear()
    streaming_replica.wait_until_caught_up()
    yield streaming_replica
    db_router._down_until.clear()
    connections[REPLICA_ALIAS].close()
    streaming_replica.resume_replay()


@pytest.fixture
def city_only_on_primary(replica):
    """A city written on the primary while the replica's replay is paused, so only the primary has it."""
    replica.pause_replay()
    return CityFactory(name="Utrecht", slug="utrecht")


def _city_page(client: Client, slug: str = "utrecht") -> int:
    return client.get(f"/cities/{slug}/").status_code


def test_the_replica_serves_the_test_database_and_refuses_writes(replica):
    city = CityFactory(name="Leiden", slug="leiden")
    replica.wait_until_caught_up()
    with replica.connect() as connection:
        assert connection.execute("SELECT pg_is_in_recovery()").fetchone()[0] is True
        assert connection.execute("SELECT name FROM stakeholders_city WHERE id = %s", [city.pk]).fetchone() == (
            "Leiden",
        )
        with pytest.raises(psycopg.errors.ReadOnlySqlTransaction):
            connection.execute("DELETE FROM stakeholders_city")


def test_an_anonymous_public_page_and_the_public_api_read_from_the_replica(city_only_on_primary):
    client = Client()
    assert _city_page(client) == 404
    assert client.get("/api/public/v1/cities/utrecht/").status_code == 404
    assert client.get("/api/public/v1/cities/").json()["results"] == []


def test_once_the_replica_catches_up_the_anonymous_page_shows_the_change(replica, city_only_on_primary):
    client = Client()
    assert _city_page(client) == 404
    replica.resume_replay()
    replica.wait_until_caught_up()
    assert _city_page(client) == 200


def test_a_download_streams_its_rows_from_the_replica(city_only_on_primary):
    on_replica = []

    def record(execute, sql, params, many, context):
        on_replica.append(sql)
        return execute(sql, params, many, context)

    response = Client().get("/data/cities.csv")
    assert response.streaming
    with connections[REPLICA_ALIAS].execute_wrapper(record):
        body = b"".join(response.streaming_content).decode()
    assert any("stakeholders_city" in sql for sql in on_replica)
    assert "Utrecht" not in body


def test_a_signed_in_reader_reads_the_public_site_from_the_primary(city_only_on_primary):
    client = Client()
    client.force_login(UserFactory(superuser=True))
    assert _city_page(client) == 200
    assert client.get("/api/public/v1/cities/utrecht/").status_code == 200


def test_an_api_client_with_credentials_reads_from_the_primary(city_only_on_primary):
    response = Client().get("/api/public/v1/cities/utrecht/", HTTP_AUTHORIZATION="Token not-checked-here")
    assert response.status_code == 200


def test_after_a_write_the_same_browser_reads_from_the_primary_for_a_few_seconds(settings, city_only_on_primary):
    client = Client()
    assert _city_page(client) == 404
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    cookie = response.cookies[db_router.READ_YOUR_WRITES_COOKIE]
    assert 0 < int(cookie["max-age"]) <= settings.AMBASSADOR_READ_YOUR_WRITES_SECONDS
    assert cookie["httponly"]
    assert _city_page(client) == 200
    # Once the cookie has expired, the browser reads from the replica again.
    del client.cookies[db_router.READ_YOUR_WRITES_COOKIE]
    assert _city_page(client) == 404


def test_the_staff_api_and_the_admin_read_from_the_primary(city_only_on_primary):
    client = Client()
    client.force_login(UserFactory(superuser=True))
    assert b"Utrecht" in client.get("/admin/stakeholders/city/").content
    assert "utrecht" in [city["slug"] for city in client.get("/api/v1/cities/").json()["results"]]


def test_a_replica_that_is_down_is_passed_over_for_the_primary(replica, city_only_on_primary):
    replica.stop(mode="immediate")
    try:
        client = Client()
        assert _city_page(client) == 200
        assert client.get("/api/public/v1/cities/utrecht/").status_code == 200
        # Left out for a while: the next page does not wait for it again.
        assert db_router._down_until.get(REPLICA_ALIAS)
    finally:
        replica.restart()


def test_a_replica_that_fails_in_the_middle_of_a_page_is_replaced_by_the_primary(replica, city_only_on_primary):
    """The router connected to the replica, which dies as the page sends its first query: the page is made again."""
    queries = []

    def die_at_the_first_query(execute, sql, params, many, context):
        queries.append(sql)
        if len(queries) == 1:
            replica.stop(mode="immediate")
        return execute(sql, params, many, context)

    client = Client()
    try:
        with connections[REPLICA_ALIAS].execute_wrapper(die_at_the_first_query):
            response = client.get("/api/public/v1/cities/")
        assert queries, "the page never read from the replica"
        assert response.status_code == 200
        assert "utrecht" in [city["slug"] for city in response.json()["results"]]
        assert db_router._down_until.get(REPLICA_ALIAS)
    finally:
        replica.restart()
