"""Envoys and council staff may read their city's email outbox in the admin."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = ("Envoy", "Council staff")


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.get(content_type__app_label="commitments", codename="view_notification")
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.filter(content_type__app_label="commitments", codename="view_notification")
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(*permission)


class Migration(migrations.Migration):
    dependencies = [
        ("stakeholders", "0003_risk_runs"),
        ("commitments", "0002_notification_outbox"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
