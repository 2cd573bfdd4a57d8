"""``manage.py seed_demo``: fill a local or test database with fictional demo data and demo logins."""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from ambassador.commitments.models import Commitment, CommitmentUpdate
from ambassador.core.progress import progress
from ambassador.demo import data
from ambassador.demo.seeder import STAGES, DemoSeeder
from ambassador.negotiations.models import Meeting, Negotiation
from ambassador.stakeholders.choices import MembershipRole
from ambassador.stakeholders.models import Affiliation, City, LobbyingDisclosure, Organisation, Person

# The models the summary reports on, in the order it lists them.
SUMMARY_MODELS = (
    City, Organisation, Person, Affiliation, LobbyingDisclosure, Negotiation, Meeting, Commitment, CommitmentUpdate,
)


class Command(BaseCommand):
    help = (
        "Create fictional demo data (cities, companies, negotiations, meetings, commitments) and demo logins "
        f"with the password '{data.DEMO_PASSWORD}'. Runs only where settings.AMBASSADOR_DEMO_DATA is True. "
        "Running it again creates nothing new and changes nothing that exists."
    )

    def handle(self, *args, verbosity: int = 1, **options) -> None:
        if not getattr(settings, "AMBASSADOR_DEMO_DATA", False):
            raise CommandError(
                "seed_demo refused: settings.AMBASSADOR_DEMO_DATA is not True. The demo creates logins with a "
                "published password and fictional records, so it only runs with local or test settings "
                "(e.g. DJANGO_SETTINGS_MODULE=config.settings.local), never in production."
            )
        started = time.monotonic()
        seeder = DemoSeeder(today=timezone.localdate())
        try:
            # Each step as it ends, on stderr (stdout keeps the summary); not with -v 0.
            with transaction.atomic(), progress(
                len(STAGES), label="seed_demo", stream=self.stderr if verbosity >= 1 else None
            ) as bar:
                seeder.seed(progress=bar)
        except ValidationError as error:
            raise CommandError(f"seed_demo stopped and wrote nothing: {seeder.current}: {error}") from error
        self._print_summary(seeder, elapsed=time.monotonic() - started)

    def _print_summary(self, seeder: DemoSeeder, *, elapsed: float) -> None:
        write = self.stdout.write
        write(self.style.SUCCESS(f"Demo data ready in {elapsed:.1f} s."))
        for model in (*SUMMARY_MODELS, get_user_model()):
            label = str(model._meta.verbose_name_plural).capitalize()
            write(f"  {label:<22} {model._default_manager.count():>4}  ({seeder.created[model]} new)")
        write("")
        write(f"Log in at {data.ADMIN_URL}")
        write(f"  {'username':<18} {'password':<10} {'role':<15} city")
        for spec in data.LOGINS:
            role = "superuser" if spec.is_superuser else str(MembershipRole(spec.role).label)
            city = seeder.cities[spec.city].name if spec.city else "all cities"
            write(f"  {spec.username:<18} {data.DEMO_PASSWORD:<10} {role:<15} {city}")
        if seeder.existing_usernames:
            write(
                f"  {len(seeder.existing_usernames)} of these logins existed before this run; "
                "their passwords were left unchanged."
            )
