"""Alerts queued before alerts listed several flags keep their flag, and the once-per-person rule."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

BEFORE = [("commitments", "0003_review_of_every_public_fact")]
AFTER = [("commitments", "0004_alerts_list_every_new_flag")]


def migrate(targets=None):
    """Migrates to ``targets`` (None: every app's latest migration); returns the models as they were there."""
    executor = MigrationExecutor(connection)
    targets = targets or executor.loader.graph.leaf_nodes()
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


def test_an_existing_one_flag_alert_lists_its_flag_after_the_migration():
    old = migrate(BEFORE)
    try:
        city = old.get_model("stakeholders", "City").objects.create(
            name="Amsterdam", slug="amsterdam", country="NL", time_zone="Europe/Amsterdam", languages=[]
        )
        user = old.get_model("auth", "User").objects.create(username="envoy", email="envoy@example.org")
        company = old.get_model("stakeholders", "Organisation").objects.create(
            name="Quorrix", slug="quorrix", kind="tech_company"
        )
        negotiation = old.get_model("negotiations", "Negotiation").objects.create(
            title="Data", slug="data", city=city, company=company, lead_envoy=user, opened_on=datetime.date(2026, 1, 1)
        )
        commitment = old.get_model("commitments", "Commitment").objects.create(
            negotiation=negotiation, area="other", principle="other", text="Publish.", due_on=datetime.date(2026, 3, 1)
        )
        flag = old.get_model("commitments", "OverdueFlag").objects.create(
            commitment=commitment, kind="overdue", due_on=commitment.due_on
        )
        alert = old.get_model("commitments", "Notification").objects.create(
            kind="flag_raised", flag=flag, city=city, recipient=user, email=user.email
        )

        new = migrate(AFTER)
        migrated = new.get_model("commitments", "Notification").objects.get(pk=alert.pk)
        assert list(migrated.flags.values_list("pk", flat=True)) == [flag.pk]
        entry = new.get_model("commitments", "NotificationFlag").objects.get()
        assert (entry.notification_id, entry.flag_id, entry.recipient_id) == (alert.pk, flag.pk, user.pk)

        back = migrate(BEFORE)
        assert back.get_model("commitments", "Notification").objects.get(pk=alert.pk).flag_id == flag.pk
    finally:
        migrate()
