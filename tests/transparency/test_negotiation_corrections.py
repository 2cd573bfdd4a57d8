"""Corrections in the open for announced negotiations, on the public site."""

import pytest
from django.core.exceptions import PermissionDenied

from ambassador.core.models import PublicNotice
from ambassador.negotiations import negotiation_corrections, services
from ambassador.stakeholders.factories import CouncilStaffUserFactory, EnvoyUserFactory

from .conftest import body_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def envoy(world):
    return EnvoyUserFactory(city=world.city)


@pytest.fixture
def staff(world):
    return CouncilStaffUserFactory(city=world.city)


def test_editing_an_announced_negotiation_changes_nothing_public_until_a_second_person_releases_it(
    client, world, envoy, staff
):
    url = f"/negotiations/{world.negotiation.slug}/"
    services.negotiation_update(negotiation=world.negotiation, user=envoy, reason="Clearer title",
                                title="PendingTitleText", public_summary="PendingSummaryText")

    for path in (url, "/corrections/", "/feeds/corrections/", f"/cities/{world.city.slug}/"):
        body = body_of(client.get(path))
        assert "PendingTitleText" not in body and "PendingSummaryText" not in body, path

    with pytest.raises(PermissionDenied):  # the proposer does not release their own revision
        negotiation_corrections.negotiation_release_revision(negotiation=world.negotiation, user=envoy)
    negotiation_corrections.negotiation_release_revision(negotiation=world.negotiation, user=staff)

    body = body_of(client.get(url))
    assert "PendingTitleText" in body and "PendingSummaryText" in body


def test_a_corrected_negotiation_shows_corrected_on_and_links_the_earlier_version(client, world, envoy, staff):
    services.negotiation_update(negotiation=world.negotiation, user=envoy, reason="The title named the wrong vehicles",
                                title="Bicycle data")
    negotiation_corrections.negotiation_release_revision(negotiation=world.negotiation, user=staff)

    url = f"/negotiations/{world.negotiation.slug}/"
    body = body_of(client.get(url))
    notice = PublicNotice.objects.get()
    assert "Corrected on" in body and "The title named the wrong vehicles" in body
    earlier_url = f"{url}earlier/{notice.pk}/"
    assert earlier_url in body
    earlier = body_of(client.get(earlier_url))
    assert "Scooter data" in earlier and world.negotiation.company.name in earlier
    assert earlier_url in body_of(client.get("/corrections/"))
    assert "The title named the wrong vehicles" in body_of(client.get("/feeds/corrections/"))


def test_a_withdrawn_announcement_leaves_a_notice_that_reveals_nothing_else(client, world, staff):
    services.negotiation_withdraw_announcement(negotiation=world.negotiation, user=staff, reason="Talks are paused")

    assert client.get(f"/negotiations/{world.negotiation.slug}/").status_code == 404
    for path in ("/corrections/", "/feeds/corrections/"):
        body = body_of(client.get(path))
        assert "Talks are paused" in body, path
        assert world.city.name in body
        assert "Scooter data" not in body and "scooter-data" not in body, path
        assert world.negotiation.company.name not in body, path
