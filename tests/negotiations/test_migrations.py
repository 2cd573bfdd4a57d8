"""Meetings logged before a meeting had its own city take their negotiation's city, history included."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

BEFORE = [("negotiations", "0005_review_of_every_public_fact")]
AFTER = [("negotiations", "0007_meeting_negotiation_optional")]


def migrate(targets=None):
    """Migrates to ``targets`` (None: every app's latest migration); returns the models as they were there."""
    executor = MigrationExecutor(connection)
    targets = targets or executor.loader.graph.leaf_nodes()
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


def _city(old, name, slug):
    return old.get_model("stakeholders", "City").objects.create(
        name=name, slug=slug, country="NL", time_zone="Europe/Amsterdam", languages=[]
    )


def test_existing_meetings_and_their_history_take_the_negotiations_city():
    old = migrate(BEFORE)
    try:
        amsterdam, barcelona = _city(old, "Amsterdam", "amsterdam"), _city(old, "Barcelona", "barcelona")
        company = old.get_model("stakeholders", "Organisation").objects.create(
            name="Quorrix", slug="quorrix", kind="tech_company"
        )
        Negotiation = old.get_model("negotiations", "Negotiation")
        negotiations = {
            city: Negotiation.objects.create(
                title=f"Data in {city.name}", slug=f"data-{city.slug}", city=city, company=company,
                opened_on=datetime.date(2026, 1, 1),
            )
            for city in (amsterdam, barcelona)
        }
        starts_at = datetime.datetime(2026, 2, 1, 9, tzinfo=datetime.UTC)
        meetings = {
            city: old.get_model("negotiations", "Meeting").objects.create(
                negotiation=negotiation, starts_at=starts_at, subject=f"Scope in {city.name}"
            )
            for city, negotiation in negotiations.items()
        }
        old.get_model("negotiations", "HistoricalMeeting").objects.create(
            id=meetings[barcelona].pk, negotiation_id=negotiations[barcelona].pk, starts_at=starts_at,
            subject="Scope in Barcelona", history_date=starts_at, history_type="+",
            confidentiality="public", review_state="draft", logged_at=starts_at,
        )

        new = migrate(AFTER)
        Meeting = new.get_model("negotiations", "Meeting")
        assert dict(Meeting.objects.values_list("pk", "city_id")) == {
            meetings[amsterdam].pk: amsterdam.pk, meetings[barcelona].pk: barcelona.pk,
        }
        history = new.get_model("negotiations", "HistoricalMeeting").objects.get(id=meetings[barcelona].pk)
        assert history.city_id == barcelona.pk
    finally:
        migrate()
