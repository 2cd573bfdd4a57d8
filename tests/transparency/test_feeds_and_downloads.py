"""Atom feeds and the open-data downloads."""

import csv
import io
import json

import pytest
from django.http import StreamingHttpResponse

from ambassador.commitments.factories import OverdueFlagFactory

from .conftest import body_of

pytestmark = pytest.mark.django_db


def test_meetings_feed_is_atom_with_published_meetings_only(client, world):
    response = client.get("/feeds/meetings/")
    assert response["Content-Type"].startswith("application/atom+xml")
    body = body_of(response)
    assert "Open kerbside talk" in body
    assert "Restricted pricing talk" in body
    assert "Restricted: the minutes are withheld" in body
    assert "Main points of Open kerbside talk" in body
    for secret in world.secrets:
        assert secret not in body


def test_city_and_company_feeds_hold_their_own_meetings(client, world):
    assert "Open kerbside talk" in body_of(client.get(f"/feeds/cities/{world.city.slug}/meetings/"))
    assert "Open kerbside talk" in body_of(client.get(f"/feeds/companies/{world.company.slug}/meetings/"))
    assert client.get("/feeds/cities/nowhere/meetings/").status_code == 404


def test_overdue_feed_lists_flags_of_public_commitments_only(client, world):
    OverdueFlagFactory(commitment=world.public_commitment)
    OverdueFlagFactory(commitment=world.embargoed_commitment, due_on=world.embargoed_commitment.due_on)
    body = body_of(client.get("/feeds/overdue/"))
    assert "Share anonymised trips weekly" in body
    assert "Grant two years of exclusivity" not in body


@pytest.mark.parametrize("dataset", ["cities", "organisations", "people", "memberships", "negotiations", "meetings",
                                     "commitments", "commitment-updates", "lobbying-disclosures", "risk-assessments"])
def test_every_dataset_streams_as_csv_and_json_without_withheld_text(client, world, dataset):
    csv_response = client.get(f"/data/{dataset}.csv")
    assert isinstance(csv_response, StreamingHttpResponse)
    csv_body = body_of(csv_response)
    header = next(csv.reader(io.StringIO(csv_body)))
    json_rows = json.loads(body_of(client.get(f"/data/{dataset}.json")))
    assert all(set(row) == set(header) for row in json_rows)
    for secret in world.secrets:
        assert secret not in csv_body


def test_meetings_download_withholds_restricted_minutes(client, world):
    rows = {row["subject"]: row for row in json.loads(body_of(client.get("/data/meetings.json")))}
    assert set(rows) == {"Open kerbside talk", "Restricted pricing talk", "Released hosting talk"}
    assert rows["Restricted pricing talk"]["minutes_main_points"] == ""
    assert rows["Open kerbside talk"]["named_attendees"] == ["Petra Publica"]
    assert rows["Open kerbside talk"]["other_attendees"] == 1
    assert rows["Open kerbside talk"]["starts_at"].endswith("+01:00")  # Amsterdam in March


def test_popolo_has_organizations_persons_memberships_and_events(client, world):
    data = json.loads(body_of(client.get("/data/popolo.json")))
    assert set(data) == {"organizations", "persons", "memberships", "events"}
    assert {p["name"] for p in data["persons"]} == {"Petra Publica"}
    assert {m["person_id"] for m in data["memberships"]} == {f"person/{world.public_person.pk}"}
    assert len(data["events"]) == 3


def test_unknown_dataset_or_format_is_404(client, world):
    assert client.get("/data/secrets.csv").status_code == 404
    assert client.get("/data/meetings.xml").status_code == 404


def test_data_page_has_a_dictionary_of_every_field(client, world):
    body = body_of(client.get("/data/"))
    assert "minutes_main_points" in body
    assert "/data/meetings.csv" in body


def test_csv_download_writes_a_formula_as_text(client, world):
    commitment = world.public_commitment
    type(commitment).objects.filter(pk=commitment.pk).update(text='=HYPERLINK("http://evil.example","Click")')

    rows = list(csv.DictReader(io.StringIO(body_of(client.get("/data/commitments.csv")))))
    texts = [row["text"] for row in rows]

    assert '\'=HYPERLINK("http://evil.example","Click")' in texts
    assert not any(text.startswith("=") for text in texts)
