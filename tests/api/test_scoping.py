"""Who sees what through the staff API: lists and details agree, and another city's ids are 404."""

import pytest
from rest_framework.test import APIClient

from .conftest import ENDPOINTS, client_for, detail_url, list_ids, list_url, token_client

pytestmark = pytest.mark.django_db

MEMBERS = [
    ("superuser", {"amsterdam", "barcelona"}),
    ("amsterdam envoy", {"amsterdam"}),
    ("amsterdam council staff", {"amsterdam"}),
    ("barcelona envoy", {"barcelona"}),
]


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize(("role", "cities"), MEMBERS, ids=[role for role, _ in MEMBERS])
def test_list_returns_exactly_the_rows_the_role_may_see(world, endpoint, role, cities):
    client = client_for(world.users[role])

    assert set(list_ids(client, endpoint)) == world.visible_ids(endpoint, cities, role)


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize(("role", "cities"), MEMBERS, ids=[role for role, _ in MEMBERS])
def test_every_listed_id_opens_and_every_other_id_is_not_found(world, endpoint, role, cities):
    client = client_for(world.users[role])
    listed = set(list_ids(client, endpoint))
    hidden = world.all_ids(endpoint) - listed

    for pk in listed:
        response = client.get(detail_url(endpoint, pk))
        assert response.status_code == 200, (pk, response.content)
        assert response.json()["id"] == pk
    for pk in hidden:
        assert client.get(detail_url(endpoint, pk)).status_code == 404, pk


@pytest.mark.parametrize("endpoint", [e for e in ENDPOINTS if e != "organisations"])
def test_an_envoy_sees_none_of_another_citys_rows(world, endpoint):
    """Organisations are shared reference data; every other endpoint hides Barcelona from Amsterdam."""
    client = client_for(world.users["amsterdam envoy"])
    barcelona_only = world.ids[endpoint]["barcelona"]

    assert barcelona_only
    assert not set(list_ids(client, endpoint)) & barcelona_only
    for pk in barcelona_only:
        assert client.get(detail_url(endpoint, pk)).status_code == 404


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_a_staff_user_without_a_city_is_forbidden(world, endpoint):
    client = client_for(world.users["staff user without a city"])
    some_id = next(iter(world.all_ids(endpoint)))

    assert client.get(list_url(endpoint)).status_code == 403
    assert client.get(detail_url(endpoint, some_id)).status_code == 403
    assert client.get(list_url(endpoint), {"format": "csv"}).status_code == 403


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_an_anonymous_visitor_is_refused(world, endpoint):
    client = APIClient()
    some_id = next(iter(world.all_ids(endpoint)))

    assert client.get(list_url(endpoint)).status_code in (401, 403)
    assert client.get(detail_url(endpoint, some_id)).status_code in (401, 403)
    assert client.get(list_url(endpoint), {"format": "csv"}).status_code in (401, 403)


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_an_inactive_envoy_is_refused_by_session_and_by_token(world, endpoint):
    user = world.users["inactive amsterdam envoy"]
    by_session = client_for(user)
    by_token = token_client(user)

    assert by_session.get(list_url(endpoint)).status_code in (401, 403)
    assert by_token.get(list_url(endpoint)).status_code == 401


def test_an_envoy_who_left_the_city_is_forbidden(world):
    user = world.users["amsterdam envoy"]
    user.city_membership.delete()

    assert client_for(user).get(list_url("meetings")).status_code == 403


def test_a_group_permission_grants_nothing_the_rules_do_not(world):
    """Permissions come from the rules alone: a Django permission on a group does not widen them."""
    from django.contrib.auth.models import Permission

    user = world.users["amsterdam envoy"]
    user.user_permissions.add(*Permission.objects.filter(codename__in=["publish_meeting", "change_city"]))

    assert not user.has_perm("negotiations.publish_meeting", world.objects["barcelona"]["draft"])
    assert not user.has_perm("stakeholders.change_city")


# --- token authentication -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("endpoint", ["meetings", "commitments", "risk-assessments"])
def test_a_token_authenticates_with_the_same_scope_as_a_session(world, endpoint):
    client = token_client(world.users["barcelona envoy"])

    assert set(list_ids(client, endpoint)) == world.visible_ids(endpoint, {"barcelona"})


def test_an_unknown_token_is_unauthorised(world):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token 0000000000000000000000000000000000000000")

    assert client.get(list_url("meetings")).status_code in (401, 403)


def test_a_token_with_a_nul_byte_is_refused_not_an_error(world):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token abc\x00def")

    assert client.get(list_url("meetings")).status_code in (401, 403)


def test_options_and_the_browsable_form_offer_only_the_users_own_negotiations(world):
    client = client_for(world.users["amsterdam envoy"])
    barcelona = world.objects["barcelona"]["announced"].title

    options = client.options(list_url("meetings"))
    page = client.get(list_url("meetings"), HTTP_ACCEPT="text/html")

    assert options.status_code == 200
    assert "POST" in options.json()["actions"]
    assert barcelona not in options.content.decode()
    assert page.status_code == 200
    assert world.objects["amsterdam"]["announced"].title in page.content.decode()
    assert barcelona not in page.content.decode()
