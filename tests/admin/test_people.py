"""People recorded by one city are seen by every city and changed only by their own."""


import pytest

from ambassador.stakeholders.factories import (
    PersonFactory,
)
from ambassador.stakeholders.models import Person
from tests.admin.helpers import logged_in, url

pytestmark = pytest.mark.django_db


# --- people recorded by another city -------------------------------------------------------------------------------


def test_a_public_official_recorded_by_another_city_is_visible_but_not_editable(client, envoy, barcelona):
    official = PersonFactory(public_official=True, recorded_by_city=barcelona, notes="Barcelona's internal note")
    logged_in(client, envoy)

    page = client.get(url("stakeholders_person_change", official.pk))
    refused = client.post(url("stakeholders_person_change", official.pk), {"full_name": "Renamed"})

    assert page.status_code == 200
    assert "Barcelona&#x27;s internal note" not in page.content.decode()
    assert "Barcelona's internal note" not in page.content.decode()
    assert refused.status_code == 403
    official.refresh_from_db()
    assert official.full_name != "Renamed"


def test_a_person_an_envoy_adds_is_recorded_by_the_envoys_city(client, envoy, amsterdam, barcelona):
    logged_in(client, envoy)

    response = client.post(url("stakeholders_person_add"), {
        "full_name": "Noor Visser", "is_public_official": "on", "recorded_by_city": barcelona.pk,
        "affiliations-TOTAL_FORMS": "0", "affiliations-INITIAL_FORMS": "0",
    })

    assert response.status_code == 302, response.content.decode()[:2000]
    person = Person.objects.get(full_name="Noor Visser")
    assert person.recorded_by_city == amsterdam


def test_an_envoy_edits_a_person_recorded_by_their_own_city(client, envoy, amsterdam):
    person = PersonFactory(recorded_by_city=amsterdam, full_name="Old Name")
    logged_in(client, envoy)

    response = client.post(url("stakeholders_person_change", person.pk), {
        "full_name": "New Name", "notes": "", "affiliations-TOTAL_FORMS": "0", "affiliations-INITIAL_FORMS": "0",
    })

    assert response.status_code == 302, response.content.decode()[:2000]
    person.refresh_from_db()
    assert person.full_name == "New Name"
