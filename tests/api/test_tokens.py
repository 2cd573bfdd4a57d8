"""Staff API tokens: hashed at rest, named, expiring, created and revoked by their owner or a superuser."""

from __future__ import annotations

import datetime
import importlib
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, models
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.state import ModelState, ProjectState
from django.utils import timezone
from knox.crypto import hash_token
from rest_framework.test import APIClient

from ambassador.core.models import ApiToken
from ambassador.stakeholders.factories import EnvoyUserFactory, UserFactory

from .conftest import client_for, list_url, token_for

pytestmark = pytest.mark.django_db

TOKENS = "/api/v1/tokens/"


def key_client(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def stored_values() -> list[str]:
    """Every value of every token row, as the database holds it."""
    with connection.cursor() as cursor:
        table = connection.ops.quote_name(ApiToken._meta.db_table)
        cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 - the model's own table name
        return [str(value) for row in cursor.fetchall() for value in row]


# --- at rest ------------------------------------------------------------------------------------------------------


def test_only_the_digest_of_a_new_key_is_stored(world):
    response = client_for(world.users["amsterdam envoy"]).post(TOKENS, {"name": "nightly export"})

    assert response.status_code == 201, response.content
    key = response.json()["key"]
    assert len(key) == 64
    values = stored_values()
    assert hash_token(key) in values
    assert not any(key in value for value in values), "the key itself is in the database"
    token = ApiToken.objects.get()
    assert token.name == "nightly export"
    assert token.user == world.users["amsterdam envoy"]
    assert token.digest == hash_token(key)


def test_the_key_is_answered_once_and_never_listed(world):
    client = client_for(world.users["amsterdam envoy"])
    key = client.post(TOKENS, {"name": "script"}).json()["key"]

    listed = client.get(TOKENS)
    detail = client.get(f"{TOKENS}{ApiToken.objects.get().pk}/")

    assert key not in listed.content.decode()
    assert key not in detail.content.decode()
    assert "key" not in detail.json() and "digest" not in detail.json()


def test_a_new_token_expires_after_the_default_lifetime_or_the_owners_choice(world, settings):
    client = client_for(world.users["amsterdam envoy"])
    before = timezone.now()

    default = client.post(TOKENS, {"name": "default"}).json()
    chosen = client.post(TOKENS, {"name": "a week", "valid_for_days": 7}).json()

    assert ApiToken.objects.get(pk=default["id"]).expiry - before == pytest.approx(
        datetime.timedelta(days=90), abs=datetime.timedelta(minutes=1)
    )
    assert ApiToken.objects.get(pk=chosen["id"]).expiry - before == pytest.approx(
        datetime.timedelta(days=7), abs=datetime.timedelta(minutes=1)
    )


@pytest.mark.parametrize(
    "payload",
    [{}, {"name": ""}, {"name": "x" * 101}, {"name": "long", "valid_for_days": 366},
     {"name": "none", "valid_for_days": 0}, {"name": "huge", "valid_for_days": 10**30},
     {"name": "text", "valid_for_days": "soon"}],
)
def test_a_bad_token_request_is_a_400_naming_the_field(world, payload):
    response = client_for(world.users["amsterdam envoy"]).post(TOKENS, payload, format="json")

    assert response.status_code == 400, response.content
    assert set(response.json()) & {"name", "valid_for_days"}
    assert not ApiToken.objects.exists()


# --- authenticating -----------------------------------------------------------------------------------------------


def test_a_token_authenticates_and_its_last_use_is_recorded(world):
    key = token_for(world.users["amsterdam envoy"])

    response = key_client(key).get(list_url("meetings"))

    assert response.status_code == 200
    assert ApiToken.objects.get().last_used is not None


def test_an_expired_token_is_unauthorised(world):
    key = token_for(world.users["amsterdam envoy"])
    now = timezone.now()
    ApiToken.objects.update(created=now - datetime.timedelta(days=30), expiry=now - datetime.timedelta(seconds=1))

    response = key_client(key).get(list_url("meetings"))

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_a_revoked_token_is_unauthorised(world):
    owner = world.users["amsterdam envoy"]
    key = token_for(owner)
    client = key_client(key)
    assert client.get(list_url("meetings")).status_code == 200

    revoked = client_for(owner).delete(f"{TOKENS}{ApiToken.objects.get().pk}/")

    assert revoked.status_code == 204
    assert not ApiToken.objects.exists()
    assert key_client(key).get(list_url("meetings")).status_code == 401


@pytest.mark.parametrize(
    "credentials",
    [
        "Token abc\x00def",
        "Token " + "a" * 63 + "\x00",
        "Token " + "é" * 64,
        "Token " + "A" * 64,  # keys are lower-case hexadecimal
        "Token " + "g" * 64,
        "Token " + "0" * 64,  # well formed, but no such key
        "Token " + "0" * 40,  # the length of keys from before hashing, but no such key
        "Token " + "a" * 10_000,
        "Token",
        "Token one two",
    ],
    ids=["nul", "nul-at-end", "non-ascii", "upper-case", "not-hex", "unknown", "unknown-legacy", "huge", "empty",
         "spaces"],
)
def test_a_malformed_or_unknown_key_is_a_401_not_a_server_error(world, credentials):
    token_for(world.users["amsterdam envoy"])

    response = APIClient().get(list_url("meetings"), HTTP_AUTHORIZATION=credentials)

    assert response.status_code == 401


def test_an_anonymous_request_is_asked_for_a_token(world):
    response = APIClient().get(list_url("meetings"))

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


# --- who sees and revokes which token -----------------------------------------------------------------------------


def test_another_envoy_can_neither_see_nor_revoke_a_token(world):
    owner, other = world.users["amsterdam envoy"], EnvoyUserFactory(city=world.amsterdam)
    key = token_for(owner)
    token = ApiToken.objects.get()
    client = client_for(other)

    assert client.get(TOKENS).json()["results"] == []
    assert client.get(f"{TOKENS}{token.pk}/").status_code == 404
    assert client.delete(f"{TOKENS}{token.pk}/").status_code == 404
    assert key_client(key).get(list_url("meetings")).status_code == 200


def test_an_envoy_creates_tokens_for_themselves_only(world):
    owner = world.users["amsterdam envoy"]

    response = client_for(owner).post(
        TOKENS, {"name": "script", "user": world.users["barcelona envoy"].username}, format="json"
    )

    assert response.status_code == 201
    assert ApiToken.objects.get().user == owner


def test_a_superuser_sees_and_revokes_every_token(world):
    token_for(world.users["amsterdam envoy"])
    key = token_for(world.users["barcelona envoy"])
    client = client_for(world.users["superuser"])

    listed = client.get(TOKENS).json()["results"]
    barcelona = ApiToken.objects.get(user=world.users["barcelona envoy"])

    assert sorted(row["user"] for row in listed) == sorted(
        world.users[name].username for name in ("amsterdam envoy", "barcelona envoy")
    )
    assert client.delete(f"{TOKENS}{barcelona.pk}/").status_code == 204
    assert key_client(key).get(list_url("meetings")).status_code == 401
    assert ApiToken.objects.count() == 1


def test_a_login_without_a_city_cannot_create_a_token(world):
    response = client_for(world.users["staff user without a city"]).post(TOKENS, {"name": "script"})

    assert response.status_code == 403
    assert not ApiToken.objects.exists()


# --- keys from before hashing -------------------------------------------------------------------------------------

MOVE = importlib.import_module("ambassador.core.migrations.0004_move_plaintext_api_tokens")


def _plaintext_table():
    """rest_framework.authtoken's table of plain-text keys, as databases made before hashing hold it."""
    state = ProjectState()
    state.add_model(ModelState(
        "authtoken", "Token",
        [("key", models.CharField(max_length=40, primary_key=True)), ("user_id", models.IntegerField()),
         ("created", models.DateTimeField())],
        options={"db_table": MOVE.PLAINTEXT_TABLE},
    ))
    model = state.apps.get_model("authtoken", "Token")
    with connection.schema_editor() as editor:
        editor.create_model(model)
    return model


def test_a_plaintext_key_moves_to_a_hashed_token_that_still_authenticates(world):
    owner = world.users["barcelona envoy"]
    old_key = "0123456789abcdef0123456789abcdef01234567"
    created = datetime.datetime(2025, 3, 1, 9, 30, tzinfo=datetime.UTC)
    _plaintext_table().objects.create(key=old_key, user_id=owner.pk, created=created)
    apps = MigrationExecutor(connection).loader.project_state(("core", "0003_api_tokens")).apps

    with connection.schema_editor() as editor:
        MOVE.move_plaintext_tokens(apps, editor)

    token = ApiToken.objects.get()
    assert (token.user, token.created, token.digest) == (owner, created, hash_token(old_key))
    assert token.expiry - timezone.now() > datetime.timedelta(days=89)
    assert MOVE.PLAINTEXT_TABLE not in connection.introspection.table_names(), "the plain-text keys are gone"
    assert not any(old_key in value for value in stored_values())
    assert key_client(old_key).get(list_url("meetings")).status_code == 200


def test_moving_keys_does_nothing_on_a_database_that_never_had_plaintext_keys(world):
    apps = MigrationExecutor(connection).loader.project_state(("core", "0003_api_tokens")).apps

    with connection.schema_editor() as editor:
        MOVE.move_plaintext_tokens(apps, editor)

    assert not ApiToken.objects.exists()


# --- for scripts and operators ------------------------------------------------------------------------------------


def test_the_command_prints_a_new_key_once(world):
    out = io.StringIO()

    call_command("create_api_token", world.users["amsterdam envoy"].username, name="export", days=5,
                 stdout=out, stderr=io.StringIO())

    key = out.getvalue().strip()
    assert ApiToken.objects.get().digest == hash_token(key)
    assert key_client(key).get(list_url("meetings")).status_code == 200


@pytest.mark.parametrize(("username", "days"), [("nobody-by-that-name", 5), ("amsterdam envoy", 1000)])
def test_the_command_refuses_a_bad_request_with_a_message(world, username, days):
    username = world.users[username].username if username in world.users else username

    with pytest.raises(CommandError):
        call_command("create_api_token", username, name="export", days=days, stdout=io.StringIO())
    assert not ApiToken.objects.exists()


def test_the_schema_names_the_token_scheme(world):
    schema = client_for(UserFactory(superuser=True)).get("/api/schema/", {"format": "json"}).json()

    scheme = schema["components"]["securitySchemes"]["tokenAuth"]
    assert (scheme["type"], scheme["in"], scheme["name"]) == ("apiKey", "header", "Authorization")
    assert '"Token"' in scheme["description"]
    assert "/api/v1/tokens/" in schema["paths"]


def test_tokens_are_searched_by_name_and_a_nul_byte_is_a_400(world):
    owner = world.users["amsterdam envoy"]
    token_for(owner, name="nightly export")
    token_for(owner, name="dashboard")
    client = client_for(owner)

    found = client.get(TOKENS, {"q": "export"}).json()["results"]

    assert [row["name"] for row in found] == ["nightly export"]
    assert client.get(TOKENS, {"q": "a\x00b"}).status_code == 400
