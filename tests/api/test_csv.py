"""`?format=csv` on every list endpoint: streamed, a header row, exactly the visible (and filtered) rows."""

import csv
import io

import pytest

from ambassador.risk.factories import RiskAssessmentFactory
from ambassador.stakeholders.factories import CityFactory, EnvoyFactory, UserFactory

from .conftest import ENDPOINTS, STAFF_ONLY, client_for, list_url, read_csv

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize(
    ("role", "cities"), [("amsterdam envoy", {"amsterdam"}), ("superuser", {"amsterdam", "barcelona"})]
)
def test_csv_streams_a_header_and_exactly_the_visible_rows(world, endpoint, role, cities):
    response = client_for(world.users[role]).get(list_url(endpoint), {"format": "csv"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment; filename=")
    rows = read_csv(response)
    ids = [int(row["id"]) for row in rows]
    assert len(ids) == len(set(ids))
    assert set(ids) == world.visible_ids(endpoint, cities, role)


@pytest.mark.parametrize("endpoint", [e for e in ENDPOINTS if e != "organisations"])
def test_csv_never_includes_another_citys_rows(world, endpoint):
    reader = "barcelona council staff" if endpoint in STAFF_ONLY else "barcelona envoy"
    response = client_for(world.users[reader]).get(list_url(endpoint), {"format": "csv"})

    ids = {int(row["id"]) for row in read_csv(response)}
    assert ids
    assert not ids & world.ids[endpoint]["amsterdam"]


@pytest.mark.parametrize(
    ("endpoint", "params", "expected"),
    [
        ("meetings", {"review_state": "draft"}, lambda w: {w.objects["amsterdam"]["draft"].pk}),
        ("commitments", {"overdue": "true"}, lambda w: {w.objects["amsterdam"]["commitment"].pk}),
        ("negotiations", {"is_public": "false"}, lambda w: {w.objects["amsterdam"]["unannounced"].pk}),
        ("commitments", {"city": "no-such-city"}, None),
    ],
    ids=["meetings review_state", "commitments overdue", "negotiations is_public", "a bad filter"],
)
def test_csv_applies_the_filters(world, endpoint, params, expected):
    response = client_for(world.users["amsterdam envoy"]).get(list_url(endpoint), {"format": "csv", **params})

    if expected is None:
        assert response.status_code == 400
        assert "city" in response.content.decode()
    else:
        assert {int(row["id"]) for row in read_csv(response)} == expected(world)


def test_csv_also_answers_to_the_accept_header(world):
    response = client_for(world.users["amsterdam envoy"]).get(list_url("meetings"), HTTP_ACCEPT="text/csv")

    assert response["Content-Type"].startswith("text/csv")
    assert {int(row["id"]) for row in read_csv(response)} == world.ids["meetings"]["amsterdam"]


def test_csv_flattens_nested_records_into_named_columns(world):
    response = client_for(world.users["amsterdam envoy"]).get(list_url("meetings"), {"format": "csv"})
    draft = world.objects["amsterdam"]["draft"]

    row = next(row for row in read_csv(response) if int(row["id"]) == draft.pk)

    assert row["negotiation.slug"] == draft.negotiation.slug
    assert row["city.name"] == "Amsterdam"
    assert set(row["organisations"].split("; ")) == {org.name for org in draft.organisations.all()}
    assert row["attendees"] == draft.attendees.get().full_name


def test_csv_columns_do_not_depend_on_which_row_comes_first():
    """An overall score (no city) first must not drop the city columns of the rows after it."""
    company = RiskAssessmentFactory(score=50).organisation
    city = CityFactory(name="Amsterdam")
    in_city = RiskAssessmentFactory(organisation=company, city=city, score=40)
    client = client_for(UserFactory(superuser=True))

    response = client.get(list_url("risk-assessments"), {"format": "csv", "ordering": "-score"})
    rows = read_csv(response)
    assert rows[0]["city.slug"] == ""
    assert next(row for row in rows if int(row["id"]) == in_city.pk)["city.slug"] == city.slug


def test_csv_of_an_empty_list_has_the_same_header_as_a_full_one(world):
    envoy = client_for(world.users["amsterdam envoy"])
    full = b"".join(envoy.get(list_url("meetings"), {"format": "csv"}).streaming_content).decode()
    empty = b"".join(
        envoy.get(list_url("meetings"), {"format": "csv", "q": "nothing matches this"}).streaming_content
    ).decode()

    assert empty.splitlines() == [full.splitlines()[0]]


def test_csv_writes_json_values_as_json_not_as_none(world):
    envoy = client_for(world.users["amsterdam envoy"])

    rows = read_csv(envoy.get(list_url("risk-assessments"), {"format": "csv"}))

    assert rows
    for row in rows:
        assert "None" not in row["indicators"]
        assert '"key": "lobbying_spend"' in row["indicators"]


def test_csv_is_refused_to_a_user_without_a_city(world):
    response = client_for(world.users["staff user without a city"]).get(list_url("meetings"), {"format": "csv"})

    assert response.status_code == 403
    assert not getattr(response, "streaming", False)


def test_csv_for_an_envoy_of_a_city_without_records_is_just_a_header(db):
    envoy = EnvoyFactory(city=CityFactory(name="London")).user

    response = client_for(envoy).get(list_url("commitments"), {"format": "csv"})

    assert response.status_code == 200
    assert read_csv(response) == []
    assert b"".join(client_for(envoy).get(list_url("commitments"), {"format": "csv"}).streaming_content).startswith(
        b"id,"
    )


def test_a_csv_error_lists_each_field_and_message(world):
    response = client_for(world.users["amsterdam envoy"]).get(
        list_url("commitments"), {"format": "csv", "city": "atlantis", "due_after": "soon"}
    )

    assert response.status_code == 400
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["field", "error"]
    assert {row[0] for row in rows[1:]} == {"city", "due_after"}


def test_a_single_record_in_csv_is_a_header_and_one_row(world):
    draft = world.objects["amsterdam"]["draft"]

    response = client_for(world.users["amsterdam envoy"]).get(f"{list_url('meetings')}{draft.pk}/", {"format": "csv"})

    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [int(row["id"]) for row in rows] == [draft.pk]
    assert rows[0]["subject"] == draft.subject
