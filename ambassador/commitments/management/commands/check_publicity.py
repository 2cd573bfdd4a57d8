"""``manage.py check_publicity``: does every meeting's and commitment's ``public_from`` agree with the rules?

    manage.py check_publicity            count the rows whose column disagrees; exit 1 if any does
    manage.py check_publicity --repair   rewrite every row's column from the rules, then check again

The public site reads ``public_from`` (see ``ambassador/negotiations/publicity.py``); the services
keep it. This command recomputes the rule for every row, set-based on PostgreSQL, and compares.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import F, Q

from ambassador.commitments.models import Commitment
from ambassador.commitments.publicity import public_from_expression, refresh_everything
from ambassador.negotiations.models import Meeting
from ambassador.negotiations.publicity import meeting_public_from, public_from_case


def _disagreeing(queryset, expected) -> int:
    rows = queryset.annotate(expected=expected)
    return rows.filter(
        Q(public_from__isnull=True, expected__isnull=False)
        | Q(public_from__isnull=False, expected__isnull=True)
        | (Q(public_from__isnull=False, expected__isnull=False) & ~Q(public_from=F("expected")))
    ).count()


def meetings_disagreeing() -> int:
    if connection.vendor == "postgresql":
        return _disagreeing(Meeting.objects.all(), public_from_case())
    # Elsewhere the zones are read in Python, a row at a time.
    rows = Meeting.objects.values_list(
        "public_from", "review_state", "negotiation__is_public", "negotiation_id", "confidentiality", "release_on",
        "city__time_zone",
    )
    wrong = 0
    for stored, state, announced, negotiation_id, confidentiality, release_on, zone in rows.iterator():
        expected = meeting_public_from(
            review_state=state, in_public_context=negotiation_id is None or bool(announced),
            confidentiality=confidentiality, release_on=release_on, time_zone=zone,
        )
        wrong += stored != expected
    return wrong


def commitments_disagreeing() -> int:
    return _disagreeing(Commitment.objects.all(), public_from_expression())


class Command(BaseCommand):
    help = "Checks that each meeting's and commitment's public_from agrees with the publication rules."

    def add_arguments(self, parser):
        parser.add_argument("--repair", action="store_true", help="Rewrite every row from the rules first.")

    def handle(self, *args, repair=False, **options):
        if repair:
            with transaction.atomic():
                refresh_everything()
            self.stdout.write("Rewrote public_from of every meeting and commitment from the rules.")
        meetings, commitments = meetings_disagreeing(), commitments_disagreeing()
        self.stdout.write(
            f"Meetings whose public_from disagrees with the rules: {meetings}\n"
            f"Commitments whose public_from disagrees with the rules: {commitments}"
        )
        if meetings or commitments:
            raise CommandError("public_from disagrees with the rules; run check_publicity --repair.")
