"""``manage.py compute_risk``: compute the day's lobbying-risk assessments and print a summary."""

from __future__ import annotations

import datetime

from django.core.management.base import BaseCommand, CommandError

from ambassador.core.progress import progress
from ambassador.risk import scoring as risk
from ambassador.risk.services import STAGES, compute_lobbying_risk


class Command(BaseCommand):
    help = (
        "Compute the lobbying-risk assessment of every negotiating tech company, overall and per city, for one "
        "day (default: today, UTC). Running it again the same day updates that day's assessments in place; "
        "earlier days are never changed."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--date", dest="on", help="The day to assess, as YYYY-MM-DD (default: today).")

    def handle(self, *args, on: str | None = None, verbosity: int = 1, **options) -> None:
        try:
            day = datetime.date.fromisoformat(on) if on else None
        except ValueError as error:
            raise CommandError(f"--date must be YYYY-MM-DD, not {on!r}.") from error
        # Each stage as it ends, on stderr (stdout keeps the summary); not with -v 0.
        with progress(len(STAGES), label="compute_risk", stream=self.stderr if verbosity >= 1 else None) as bar:
            run = compute_lobbying_risk(on=day, progress=bar)
        if run is None:
            raise CommandError("Another lobbying-risk run is in progress; this one did nothing. Try again later.")
        self.stdout.write(
            f"Lobbying-risk run of {run.assessed_on}: {run.companies_assessed} companies, "
            f"{run.city_assessments} city assessments, {run.assessments_written} created or changed."
        )
        companies = run.coverage.get("companies", 0)
        indicators = run.coverage.get("indicators", {})
        labels = {key: str(risk.INDICATORS[key].label) if key in risk.INDICATORS else key for key in indicators}
        width = max((len(label) for label in labels.values()), default=9)
        self.stdout.write(f"{'indicator':<{width}} {'computed':>9} {'fired':>6}   (of {companies} companies)")
        for key, counts in indicators.items():
            self.stdout.write(f"{labels[key]:<{width}} {counts['computed']:>9} {counts['fired']:>6}")
        for warning in run.warnings:
            self.stdout.write(self.style.WARNING(f"Warning: {warning}"))
