"""A negotiation is announced by a second person: an envoy proposes, council staff of the city announce."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ambassador.negotiations import services
from ambassador.negotiations.factories import NegotiationFactory
from ambassador.negotiations.models import Negotiation
from ambassador.stakeholders.factories import CouncilStaffUserFactory, EnvoyUserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def unannounced(amsterdam, envoy):
    return NegotiationFactory(city=amsterdam, lead_envoy=envoy, unannounced=True)


def is_public(negotiation) -> bool:
    return Negotiation.objects.public().filter(pk=negotiation.pk).exists()


def test_an_envoy_alone_cannot_announce_a_negotiation(unannounced, envoy, amsterdam):
    services.negotiation_propose_announcement(negotiation=unannounced, user=envoy)

    for user in (envoy, EnvoyUserFactory(city=amsterdam)):
        with pytest.raises(PermissionDenied):
            services.negotiation_announce(negotiation=unannounced, user=user)
    assert not is_public(unannounced)


def test_council_staff_announce_a_proposed_negotiation_but_not_their_own_proposal(unannounced, staff, envoy,
                                                                                  amsterdam, barcelona):
    services.negotiation_propose_announcement(negotiation=unannounced, user=staff)
    with pytest.raises(PermissionDenied, match="someone other than the person who proposed"):
        services.negotiation_announce(negotiation=unannounced, user=staff)
    with pytest.raises(PermissionDenied):
        services.negotiation_announce(negotiation=unannounced, user=CouncilStaffUserFactory(city=barcelona))

    colleague = CouncilStaffUserFactory(city=amsterdam)
    services.negotiation_announce(negotiation=unannounced, user=colleague)

    unannounced.refresh_from_db()
    assert is_public(unannounced)
    assert (unannounced.announced_by, unannounced.announcement_proposed_by) == (colleague, staff)
    assert unannounced.history.latest().history_user == colleague


def test_an_announcement_is_released_only_once_proposed(unannounced, staff):
    with pytest.raises(ValidationError, match="propose the announcement first"):
        services.negotiation_announce(negotiation=unannounced, user=staff)


def test_withdrawing_an_announcement_needs_a_reason_and_council_staff(unannounced, envoy, staff):
    services.negotiation_propose_announcement(negotiation=unannounced, user=envoy)
    services.negotiation_announce(negotiation=unannounced, user=staff)

    with pytest.raises(ValidationError) as excinfo:
        services.negotiation_withdraw_announcement(negotiation=unannounced, user=staff, reason="")
    assert "reason" in excinfo.value.message_dict
    with pytest.raises(PermissionDenied):
        services.negotiation_withdraw_announcement(negotiation=unannounced, user=envoy, reason="Too early.")

    services.negotiation_withdraw_announcement(negotiation=unannounced, user=staff, reason="Talks are paused.")
    unannounced.refresh_from_db()
    assert not is_public(unannounced)
    assert "Talks are paused." in unannounced.history.latest().history_change_reason
