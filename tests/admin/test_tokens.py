"""The admin page of staff API tokens: owners create (the key shown once), list and revoke their own."""

import datetime

import pytest
from knox.crypto import hash_token
from rest_framework.test import APIClient

from ambassador.core.models import ApiToken
from ambassador.stakeholders.factories import CityFactory, CouncilStaffUserFactory, EnvoyUserFactory, UserFactory

from .helpers import logged_in, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def amsterdam():
    return CityFactory(name="Amsterdam")


@pytest.fixture
def envoy(amsterdam):
    return EnvoyUserFactory(city=amsterdam)


def new_token(user, name="script") -> tuple[ApiToken, str]:
    return ApiToken.objects.create(user=user, name=name, expiry=datetime.timedelta(days=30))


def api_status(key: str) -> int:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client.get("/api/v1/meetings/").status_code


def test_an_envoy_creates_a_token_and_sees_its_key_once(client, envoy):
    logged_in(client, envoy)

    form = client.get(url("core_apitoken_add"))
    response = client.post(url("core_apitoken_add"), {"name": "nightly export", "valid_for_days": "30"})

    assert form.status_code == 200
    assert "user" not in form.context["adminform"].form.fields, "an envoy creates tokens for themselves only"
    assert response.status_code == 200
    key = response.context["key"]
    token = ApiToken.objects.get()
    assert (token.user, token.name, token.digest) == (envoy, "nightly export", hash_token(key))
    assert key in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert api_status(key) == 200
    # Afterwards, neither the list nor the token's page shows it.
    assert key not in client.get(url("core_apitoken_changelist")).content.decode()
    assert key not in client.get(url("core_apitoken_change", token.pk)).content.decode()


@pytest.mark.parametrize("days", ["0", "366", "-1", "99999999999999999999999", "soon", ""])
def test_a_lifetime_out_of_bounds_is_a_form_error(client, envoy, days):
    response = logged_in(client, envoy).post(url("core_apitoken_add"), {"name": "script", "valid_for_days": days})

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["valid_for_days"]
    assert not ApiToken.objects.exists()


def test_an_envoy_lists_and_revokes_their_own_token(client, envoy):
    token, key = new_token(envoy, "nightly export")
    logged_in(client, envoy)

    listed = client.get(url("core_apitoken_changelist"))
    revoked = client.post(url("core_apitoken_delete", token.pk), {"post": "yes"})

    assert "nightly export" in listed.content.decode()
    assert revoked.status_code == 302
    assert not ApiToken.objects.exists()
    assert api_status(key) == 401


def test_nobody_changes_a_token(client, envoy):
    token, key = new_token(envoy)
    logged_in(client, envoy)

    page = client.get(url("core_apitoken_change", token.pk))
    forged = client.post(url("core_apitoken_change", token.pk), {"name": "renamed", "valid_for_days": "365"})

    assert page.status_code == 200  # read-only
    assert forged.status_code == 403
    token.refresh_from_db()
    assert (token.name, token.digest) == ("script", hash_token(key))


@pytest.mark.parametrize("make_other", [EnvoyUserFactory, CouncilStaffUserFactory], ids=["envoy", "council staff"])
def test_another_user_of_the_same_city_can_neither_see_nor_revoke_a_token(client, envoy, amsterdam, make_other):
    token, key = new_token(envoy, "envoy's script")
    logged_in(client, make_other(city=amsterdam))

    listed = client.get(url("core_apitoken_changelist"))

    assert listed.status_code == 200
    assert "envoy&#x27;s script" not in listed.content.decode()
    assert list(listed.context["cl"].queryset) == []
    assert client.get(url("core_apitoken_change", token.pk)).status_code == 404
    assert client.get(url("core_apitoken_delete", token.pk)).status_code == 404
    assert client.post(url("core_apitoken_delete", token.pk), {"post": "yes"}).status_code == 404
    bulk = client.post(url("core_apitoken_changelist"), {"action": "delete_selected", "_selected_action": [token.pk],
                                                         "post": "yes"})
    assert bulk.status_code in (200, 302)
    assert ApiToken.objects.filter(pk=token.pk).exists()
    assert api_status(key) == 200


def test_a_superuser_sees_revokes_and_creates_anyones_tokens(client, envoy, amsterdam):
    superuser = UserFactory(superuser=True)
    staff = CouncilStaffUserFactory(city=amsterdam)
    envoys_token, envoys_key = new_token(envoy, "envoy's script")
    new_token(staff, "staff's script")
    logged_in(client, superuser)

    listed = {token.name for token in client.get(url("core_apitoken_changelist")).context["cl"].queryset}
    revoked = client.post(url("core_apitoken_delete", envoys_token.pk), {"post": "yes"})
    created = client.post(url("core_apitoken_add"), {"name": "for staff", "user": staff.pk, "valid_for_days": "7"})

    assert listed == {"envoy's script", "staff's script"}
    assert revoked.status_code == 302
    assert api_status(envoys_key) == 401
    assert created.status_code == 200
    assert ApiToken.objects.get(name="for staff").user == staff
    assert api_status(created.context["key"]) == 200


def test_an_envoy_sees_the_tokens_in_the_admin_index(client, envoy):
    index = logged_in(client, envoy).get(url("index"))

    assert url("core_apitoken_changelist") in index.content.decode()
