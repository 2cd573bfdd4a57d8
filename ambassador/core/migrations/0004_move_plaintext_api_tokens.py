"""Moves the staff API keys that were stored in plain text (rest_framework.authtoken) to hashed tokens.

Each old key becomes an ``ApiToken`` holding only the key's digest, computed the way knox checks a
key, so scripts using it keep working until the token expires (``REST_KNOX["TOKEN_TTL"]`` from now).
Then the plain-text table is dropped and its app forgotten by the migration history: a database
made before this migration no longer holds any key a reader of the database could use.
"""

import datetime

from django.db import migrations
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from knox.crypto import hash_token
from knox.settings import CONSTANTS, knox_settings

PLAINTEXT_TABLE = "authtoken_token"
NAME = "Key from before keys were hashed"


def _aware(value) -> datetime.datetime:
    if isinstance(value, str):
        value = parse_datetime(value)
    if value is None:
        return timezone.now()
    return timezone.make_aware(value, datetime.UTC) if timezone.is_naive(value) else value


def move_plaintext_tokens(apps, schema_editor):
    connection = schema_editor.connection
    if PLAINTEXT_TABLE not in connection.introspection.table_names():
        return
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {quote('key')}, {quote('user_id')}, {quote('created')} FROM {quote(PLAINTEXT_TABLE)}"
        )
        rows = cursor.fetchall()

    ApiToken = apps.get_model("core", "ApiToken")
    expiry = timezone.now() + knox_settings.TOKEN_TTL
    for key, user_id, created in rows:
        token = ApiToken.objects.create(
            digest=hash_token(key), token_key=key[: CONSTANTS.TOKEN_KEY_LENGTH], user_id=user_id, name=NAME,
            expiry=expiry,
        )
        # ``created`` is set on insert (auto_now_add); the key's own creation date is kept.
        ApiToken.objects.filter(pk=token.pk).update(created=_aware(created))

    schema_editor.execute(f"DROP TABLE {quote(PLAINTEXT_TABLE)}")
    MigrationRecorder(connection).migration_qs.filter(app="authtoken").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_api_tokens"),
    ]

    operations = [
        migrations.RunPython(move_plaintext_tokens, migrations.RunPython.noop, elidable=False),
    ]
