"""The Envoy and Council staff groups with their model permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

VIEW = ("view",)
EDIT = ("add", "change", "view")
FULL = ("add", "change", "delete", "view")

ENVOY = {
    ("stakeholders", "city"): VIEW,
    ("stakeholders", "organisation"): EDIT,
    ("stakeholders", "person"): EDIT,
    ("stakeholders", "affiliation"): FULL,
    ("stakeholders", "lobbyingdisclosure"): VIEW,
    ("stakeholders", "riskassessment"): VIEW,
    ("negotiations", "topic"): VIEW,
    ("negotiations", "negotiation"): EDIT,
    ("negotiations", "meeting"): FULL,
    ("commitments", "commitment"): FULL,
    ("commitments", "commitmentupdate"): ("add", "view"),
    ("commitments", "overdueflag"): VIEW,
}
COUNCIL_STAFF = {
    **ENVOY,
    ("stakeholders", "lobbyingdisclosure"): EDIT,
    ("negotiations", "negotiation"): FULL,
}
GROUPS = {"Envoy": (ENVOY, []), "Council staff": (COUNCIL_STAFF, [("negotiations", "publish_meeting")])}
# Models that later moved to another app, where their permissions moved with them.
MOVED = {("stakeholders", "riskassessment"): "risk"}


def app_label_of(apps, app_label, model):
    """The app that holds the model in the state ``apps``: the one above, or the one it moved to since."""
    try:
        apps.get_model(app_label, model)
    except LookupError:
        return MOVED[(app_label, model)]
    return app_label


def create_groups(apps, schema_editor):
    # Permissions are normally created after migrations finish; create them now so the groups
    # can hold them on a fresh database.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, (model_actions, extra) in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        codenames = [
            (app_label_of(apps, app_label, model), f"{action}_{model}")
            for (app_label, model), actions in model_actions.items()
            for action in actions
        ] + extra
        permissions = [
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
            for app_label, codename in codenames
        ]
        group.permissions.set(permissions)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("stakeholders", "0001_initial"),
        ("negotiations", "0001_initial"),
        ("commitments", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
