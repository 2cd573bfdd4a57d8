"""The ``system`` account that scheduled jobs write their history as (see ambassador/core/actors.py)."""

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import migrations

SYSTEM_USERNAME = "system"


def create_system_account(apps, schema_editor):
    app_label, model_name = settings.AUTH_USER_MODEL.split(".")
    User = apps.get_model(app_label, model_name)
    User.objects.get_or_create(
        username=SYSTEM_USERNAME,
        defaults={"is_active": False, "is_staff": False, "first_name": "System", "last_name": "(scheduled jobs)",
                  "password": make_password(None)},
    )


class Migration(migrations.Migration):
    dependencies = [
        ("stakeholders", "0006_organisation_recorded_by_city"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [migrations.RunPython(create_system_account, migrations.RunPython.noop)]
