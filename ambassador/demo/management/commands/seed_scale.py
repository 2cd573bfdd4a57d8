"""``manage.py seed_scale``: empty a database of its own and fill it with a whole record at a chosen size."""

from __future__ import annotations

import datetime
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from ambassador.core.progress import format_seconds, progress
from ambassador.demo import scale

# A database whose name says it is for measurements; any other is refused without --force.
SCALE_DATABASE_WORDS = ("perf", "scale")


class Command(BaseCommand):
    help = (
        "Empty the database and build a whole, fictional record with N commitments (default 1,000,000) and, in "
        "proportion, cities, organisations, people, negotiations and meetings, with PostgreSQL's generate_series. "
        "Refuses a database whose name lacks 'perf' or 'scale' unless --force is given."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--commitments", type=int, default=1_000_000, help="How many commitments (default 1,000,000)."
        )
        parser.add_argument("--seed", type=int, default=1, help="The same seed and day give the same record.")
        parser.add_argument(
            "--today", type=datetime.date.fromisoformat, default=None,
            help="The day the record is laid around (YYYY-MM-DD; default: today in UTC).",
        )
        parser.add_argument("--force", action="store_true", help="Empty a database whatever its name.")

    def handle(self, *args, **options) -> None:
        if connection.vendor != "postgresql":
            raise CommandError(
                f"seed_scale needs PostgreSQL (it writes with generate_series); the database is {connection.vendor}. "
                "Set DATABASE_URL to a PostgreSQL database of its own, e.g. postgres://postgres@127.0.0.1:5432/amb_perf."
            )
        name = str(connection.settings_dict["NAME"])
        if not options["force"] and not any(word in name.lower() for word in SCALE_DATABASE_WORDS):
            raise CommandError(
                f"seed_scale empties the database it runs on, and {name!r} does not look like one of its own: its "
                f"name lacks {' or '.join(repr(word) for word in SCALE_DATABASE_WORDS)}. Use --force to empty it "
                "anyway."
            )
        if options["commitments"] < 1:
            raise CommandError("--commitments must be at least 1.")
        if not 0 <= options["seed"] < 2**31 // 1_000:
            raise CommandError(f"--seed must lie between 0 and {2**31 // 1_000 - 1}.")
        sizes = scale.Sizes.for_commitments(options["commitments"])
        today = options["today"] or timezone.now().date()
        self.stdout.write(
            f"Building into {name!r} around {today}: {sizes.commitments:,} commitments, {sizes.cities:,} cities, "
            f"{sizes.organisations:,} organisations, {sizes.people:,} people, {sizes.negotiations:,} negotiations, "
            f"{sizes.meetings:,} meetings (seed {options['seed']})."
        )
        started = time.monotonic()
        builder = scale.ScaleBuilder(sizes=sizes, seed=options["seed"], today=today, stream=self.stdout)
        try:
            with transaction.atomic():
                builder.build()
        except scale.ScaleBuildError as error:
            raise CommandError(f"seed_scale wrote nothing: {error}") from error
        tables = scale.FILLED_TABLES
        with progress(total=len(tables), label="ANALYZE", stream=self.stdout) as bar, \
                connection.cursor() as cursor:
            for table in tables:
                cursor.execute(f"ANALYZE {table}")
                bar.update()
        self.stdout.write(self.style.SUCCESS(f"Done in {format_seconds(time.monotonic() - started)}."))
