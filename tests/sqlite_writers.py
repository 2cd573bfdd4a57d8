"""Processes that write one SQLite file at once, as ``make run``'s web server, worker and beat do.

Run by tests/test_sqlite.py, each in its own process with DATABASE_URL naming the file::

    python tests/sqlite_writers.py seed            # migrate, add a city, an envoy and a negotiation
    python tests/sqlite_writers.py web ROUNDS      # ROUNDS commitments logged through the staff API
    python tests/sqlite_writers.py worker ROUNDS   # ROUNDS runs of the overdue job

``web`` and ``worker`` print ``ready``, wait for a line on stdin so every process starts writing
at the same moment, then print one JSON line: the status codes (web) or outcomes (worker) and
every error met.
"""

import collections
import datetime
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import OperationalError, connection  # noqa: E402
from django.test import Client  # noqa: E402

ENVOY = "envoy-writer"


def seed() -> dict:
    from ambassador.negotiations.factories import NegotiationFactory
    from ambassador.stakeholders.factories import CityFactory, EnvoyFactory

    call_command("migrate", verbosity=0, interactive=False)
    city = CityFactory(name="Amsterdam")
    envoy = EnvoyFactory(city=city, user__username=ENVOY).user
    negotiation = NegotiationFactory(city=city, lead_envoy=envoy)
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        journal_mode = cursor.fetchone()[0]
    return {"negotiation": negotiation.pk, "journal_mode": journal_mode}


def wait_for_start() -> None:
    print("ready", flush=True)
    sys.stdin.readline()


def web(rounds: int, negotiation: int) -> dict:
    from django.contrib.auth import get_user_model

    client = Client(raise_request_exception=False)
    client.force_login(get_user_model().objects.get(username=ENVOY))
    statuses, errors = collections.Counter(), []
    wait_for_start()
    for i in range(rounds):
        response = client.post(
            "/api/v1/commitments/",
            {"negotiation": negotiation, "area": "other", "principle": "other", "text": f"Commitment {os.getpid()}-{i}",
             "due_on": str(datetime.date(2024, 1, 1) + datetime.timedelta(days=i))},
            content_type="application/json",
        )
        statuses[response.status_code] += 1
        if response.status_code != 201:
            errors.append(response.content.decode(errors="replace")[:300])
    return {"statuses": dict(statuses), "errors": errors}


def worker(rounds: int) -> dict:
    from ambassador.commitments.overdue import flag_overdue_commitments

    outcomes, errors = collections.Counter(), []
    wait_for_start()
    for _ in range(rounds):
        try:
            flag_overdue_commitments()
        except OperationalError as exc:
            outcomes["error"] += 1
            errors.append(str(exc))
        else:
            outcomes["ok"] += 1
    return {"outcomes": dict(outcomes), "errors": errors}


if __name__ == "__main__":
    role = sys.argv[1]
    if role == "seed":
        result = seed()
    elif role == "web":
        result = web(int(sys.argv[2]), int(sys.argv[3]))
    else:
        result = worker(int(sys.argv[2]))
    print(json.dumps(result), flush=True)
