"""The staff API logs and lists meetings outside any negotiation, for the user's own city only."""

import pytest

from ambassador.negotiations.models import Meeting
from ambassador.stakeholders.factories import CouncilStaffUserFactory, TradeUnionFactory

from .conftest import client_for, list_ids, list_url

pytestmark = pytest.mark.django_db


def standalone_payload(city, organisations):
    return {
        "city": city.pk,
        "starts_at": "2025-10-01T09:30:00+02:00",
        "format": "in_person",
        "subject": "Couriers' working conditions across delivery apps",
        "minutes_main_points": "Couriers described shifts assigned by scores they cannot see.",
        "organisations": [organisation.pk for organisation in organisations],
        "confidentiality": "public",
    }


def test_council_staff_log_a_meeting_with_a_union_outside_any_negotiation(world):
    staff = CouncilStaffUserFactory(city=world.amsterdam)
    union = TradeUnionFactory()

    response = client_for(staff).post(
        list_url("meetings"), standalone_payload(world.amsterdam, [union]), format="json"
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["negotiation"] is None
    assert body["city"]["slug"] == world.amsterdam.slug
    assert body["starts_at"] == "2025-10-01T09:30:00+02:00"
    meeting = Meeting.objects.get(pk=body["id"])
    assert (meeting.city, meeting.negotiation, meeting.logged_by) == (world.amsterdam, None, staff)
    assert list(meeting.organisations.all()) == [union]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"city": "other city"}, "city"),
        ({"city": None}, "city"),
        ({"organisations": []}, "organisations"),
        ({"commitments": [{"area": "workers_rights", "principle": "fair_pay", "text": "Pay per hour."}]},
         "commitments"),
    ],
    ids=["another city", "no city", "no organisation", "commitments"],
)
def test_bad_input_is_a_400_naming_the_field_and_writes_nothing(world, overrides, field):
    envoy = world.users["amsterdam envoy"]
    if overrides.get("city") == "other city":
        overrides["city"] = world.barcelona.pk
    before = Meeting.objects.count()

    payload = {**standalone_payload(world.amsterdam, [TradeUnionFactory()]), **overrides}

    response = client_for(envoy).post(list_url("meetings"), payload, format="json")

    assert response.status_code == 400, response.content
    assert field in response.json()
    assert Meeting.objects.count() == before


def test_the_list_filters_the_own_citys_meetings_outside_negotiations(world):
    envoy = world.users["amsterdam envoy"]

    assert list_ids(client_for(envoy), "meetings", standalone="true") == [
        world.objects["amsterdam"]["standalone"].pk
    ]
    assert world.objects["amsterdam"]["standalone"].pk not in list_ids(client_for(envoy), "meetings",
                                                                        standalone="false")
