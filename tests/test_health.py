"""``/healthz`` tells a load balancer whether this process reaches PostgreSQL and the broker."""

import socket
import time

import pytest
from django.db import connection
from django.db.utils import ConnectionHandler

from ambassador.core import health

pytestmark = pytest.mark.django_db


def closed_port() -> int:
    """A local TCP port nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_healthz_answers_ok_when_the_database_and_the_broker_answer(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"database": "ok", "broker": "ok"}
    assert "no-store" in response["Cache-Control"]


def test_healthz_names_the_broker_when_it_does_not_answer(client, settings):
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{closed_port()}/0"

    started = time.monotonic()
    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"database": "ok", "broker": "unavailable"}
    assert time.monotonic() - started < 5


def test_healthz_names_the_database_when_it_does_not_answer(client, monkeypatch):
    unreachable_settings = {**connection.settings_dict, "HOST": "127.0.0.1", "PORT": closed_port()}
    unreachable = ConnectionHandler({"default": unreachable_settings})
    monkeypatch.setattr(health, "connections", unreachable)

    try:
        response = client.get("/healthz")
    finally:
        unreachable.close_all()

    assert response.status_code == 503
    assert response.json() == {"database": "unavailable", "broker": "ok"}


def test_healthz_answers_a_balancer_that_calls_by_ip_address_over_plain_http(client, settings):
    settings.ALLOWED_HOSTS = ["record.example.org"]
    settings.SECURE_SSL_REDIRECT = True

    response = client.get("/healthz", HTTP_HOST="10.0.0.7:8000")

    assert response.status_code == 200
    assert response.json() == {"database": "ok", "broker": "ok"}
    assert not response.cookies
    # The rest of the site still refuses that host and redirects plain HTTP.
    assert client.get("/", HTTP_HOST="10.0.0.7:8000").status_code == 400
    assert client.get("/", HTTP_HOST="record.example.org").status_code == 301


def test_healthz_with_a_trailing_slash_answers_the_same(client):
    response = client.get("/healthz/")

    assert response.status_code == 200
    assert response.json() == {"database": "ok", "broker": "ok"}


def test_healthz_refuses_writes(client):
    response = client.post("/healthz", data={"x": "1"})

    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
