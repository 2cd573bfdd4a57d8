"""Smaller guarantees of the staff API: internal notes stay with their city, CSV is safe in a spreadsheet,
and a malformed token never breaks the schema."""

import csv
import io

import pytest
from rest_framework.test import APIClient

from ambassador.commitments.factories import CommitmentFactory
from ambassador.core.spreadsheets import spreadsheet_safe
from ambassador.negotiations.factories import NegotiationFactory
from ambassador.stakeholders.factories import CityFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_notes_on_a_person_recorded_by_another_city_are_not_shown(envoy, amsterdam):
    barcelona = CityFactory(name="Barcelona")
    theirs = PersonFactory(public_official=True, recorded_by_city=barcelona, notes="Barcelona's internal note")
    ours = PersonFactory(public_official=True, recorded_by_city=amsterdam, notes="Amsterdam's own note")

    rows = {row["id"]: row for row in client_for(envoy).get("/api/v1/people/").json()["results"]}

    assert rows[theirs.pk]["notes"] == ""
    assert rows[ours.pk]["notes"] == "Amsterdam's own note"
    assert client_for(envoy).get(f"/api/v1/people/{theirs.pk}/").json()["notes"] == ""
    assert client_for(UserFactory(superuser=True)).get(f"/api/v1/people/{theirs.pk}/").json()["notes"] == (
        "Barcelona's internal note"
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
        ("+1+1", "'+1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("-2+3", "'-2+3"),
        ("-3.50", "-3.50"),
        ("Share trip data", "Share trip data"),
        (42, 42),
    ],
)
def test_spreadsheet_safe_neutralises_formulas_only(value, expected):
    assert spreadsheet_safe(value) == expected


def test_staff_csv_writes_a_formula_as_text(envoy, amsterdam):
    negotiation = NegotiationFactory(city=amsterdam)
    CommitmentFactory(negotiation=negotiation, text='=HYPERLINK("http://evil.example","Click")')

    response = client_for(envoy).get("/api/v1/commitments/?format=csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))

    assert [row["text"] for row in rows] == ['\'=HYPERLINK("http://evil.example","Click")']


@pytest.mark.parametrize("path", ["/api/schema/", "/api/docs/", "/api/v1/"])
def test_a_token_with_a_nul_byte_is_refused_not_a_server_error(path):
    response = APIClient().get(path, HTTP_AUTHORIZATION="Token a\x00b")

    assert response.status_code in (401, 403)
