"""``manage.py validate_risk``: test the lobbying-risk score on synthetic populations with planted patterns."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.utils import timezone

from ambassador.core.progress import progress
from ambassador.risk.models import RiskValidation
from ambassador.risk.validation import (
    DEFAULT_COMPANIES,
    DEFAULT_SEEDS,
    MAX_COMPANIES,
    MIN_COMPANIES,
    PLANTED_PATTERNS,
    ValidationReport,
    validate,
)
from ambassador.stakeholders.models import Organisation

MAX_SEEDS = 50


@contextlib.contextmanager
def throwaway_database() -> Iterator[str]:
    """Points the default connection at a new, migrated database for the block, then drops it and points back.

    PostgreSQL: a database named after the current one with a random suffix; SQLite: a file in a
    temporary directory. Uses Django's test-database machinery, which restores the settings after.
    """
    connection = connections[DEFAULT_DB_ALIAS]
    if connection.in_atomic_block:
        raise CommandError("A throwaway database cannot be made inside a transaction; use --in-transaction.")
    old_name = connection.settings_dict["NAME"]
    test_settings = connection.settings_dict.setdefault("TEST", {})
    saved = dict(test_settings)
    directory = None
    if connection.vendor == "sqlite":
        directory = tempfile.mkdtemp(prefix="riskvalidation-")
        name = os.path.join(directory, "riskvalidation.sqlite3")
    else:
        name = f"{str(old_name)[:30]}_riskvalidation_{uuid.uuid4().hex[:8]}"
    test_settings["NAME"] = name
    created = False
    try:
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False, keepdb=False)
        created = True
        yield name
    finally:
        if created:
            connection.creation.destroy_test_db(old_name, verbosity=0, keepdb=False)
        else:
            connection.close()
            connection.settings_dict["NAME"] = old_name
        test_settings.clear()
        test_settings.update(saved)
        if directory:
            shutil.rmtree(directory, ignore_errors=True)


def parse_seeds(seed: list[int] | None, seeds: str | None) -> list[int]:
    """The seeds from ``--seed`` (repeated) and ``--seeds 1,2,3``, in order, each once; the default set without."""
    values = list(seed or [])
    if seeds is not None:
        for part in seeds.split(","):
            part = part.strip()
            try:
                values.append(int(part))
            except ValueError as error:
                raise CommandError(f"--seeds takes whole numbers separated by commas, e.g. 1,2,3; not {seeds!r}.") \
                    from error
    if any(value < 0 for value in values):
        raise CommandError("Seeds are whole numbers from 0 up.")
    values = list(dict.fromkeys(values)) or list(DEFAULT_SEEDS)
    if len(values) > MAX_SEEDS:
        raise CommandError(f"At most {MAX_SEEDS} seeds at a time, not {len(values)}.")
    return values


def _mark(plant) -> str:
    if plant.rank is None:
        return "n/a"
    return f"{plant.rank}{'F' if plant.fired else ''}{'N' if plant.named else ''}"


def render_table(report: ValidationReport) -> str:
    """Per seed: precision at k and each plant's rank (F: its indicator fired, N: it was named); then the summary."""
    summary = report.summary()
    patterns = list(PLANTED_PATTERNS)
    width = max(len(pattern) for pattern in patterns)
    lines = [
        f"Lobbying-risk validation: {summary['companies']} companies per population, {summary['k']} planted, "
        f"scored on {summary['assessed_on']}.",
        "",
        f"{'seed':>6} {'P@k':>5} {'ranked':>7}  " + "  ".join(f"{pattern:>{width}}" for pattern in patterns),
    ]
    for result in report.seeds:
        by_pattern = {plant.pattern: plant for plant in result.plants}
        lines.append(
            f"{result.seed:>6} {result.precision_at_k:>5.2f} {result.ranked:>7}  "
            + "  ".join(f"{_mark(by_pattern[pattern]):>{width}}" if pattern in by_pattern else f"{'-':>{width}}"
                        for pattern in patterns)
        )
    lines += [
        "",
        "Cells: the planted company's rank by overall score; F: its planted indicator fired; N: it was named "
        "(the top contributor to its score).",
        f"Precision at k: mean {summary['mean_precision_at_k']:.2f}, lowest {summary['min_precision_at_k']:.2f} "
        f"over {len(report.seeds)} seeds.",
        f"Plants named: {summary['named_share']:.0%}; their indicator fired: {summary['fired_share']:.0%}.",
    ]
    for pattern, figures in summary["patterns"].items():
        lines.append(
            f"  {pattern:<{width}}  fired {figures['fired']}/{figures['planted']}, "
            f"named {figures['named']}/{figures['planted']}"
        )
    for result in report.seeds:
        top = ", ".join(
            f"{row['rank']}. {row['company']} {row['score']:.1f}{' (planted)' if row['planted'] else ''}"
            f" [{row['top_indicator'] or '-'}]"
            for row in result.top[: result.k]
        )
        lines.append(f"Seed {result.seed}, top {result.k}: {top}")
    lines.append(f"Took {report.seconds:.1f} s.")
    return "\n".join(lines)


class Command(BaseCommand):
    help = (
        "Test the lobbying-risk score on synthetic populations: realistic companies, and a few planted with one "
        "unmistakable pattern each. Reports, per seed, precision at k (k: the planted companies) and whether "
        "each planted indicator fired and was named. Runs in a throwaway database by default."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--seed", type=int, action="append", help="A seed; repeat for several.")
        parser.add_argument(
            "--seeds", help=f"Seeds separated by commas (default: {','.join(map(str, DEFAULT_SEEDS))})."
        )
        parser.add_argument(
            "--companies", type=int, default=DEFAULT_COMPANIES,
            help=f"Tech companies per population, planted ones included ({MIN_COMPANIES} to {MAX_COMPANIES}; "
            f"default {DEFAULT_COMPANIES}).",
        )
        parser.add_argument(
            "--in-transaction", action="store_true",
            help="Run in the current database inside a transaction that is rolled back (it must hold no "
            "organisations), instead of a throwaway database.",
        )
        parser.add_argument("--json", action="store_true", help="Print the results as JSON.")
        parser.add_argument("--save", action="store_true", help="Store the summary for the methodology page.")

    def handle(self, *args, **options) -> None:
        seeds = parse_seeds(options["seed"], options["seeds"])
        # Each seed as it ends, on stderr (stdout keeps the table or the JSON); not with -v 0.
        bar = progress(len(seeds), label="validate_risk", stream=self.stderr if options["verbosity"] >= 1 else None)
        companies = options["companies"]
        if not MIN_COMPANIES <= companies <= MAX_COMPANIES:
            raise CommandError(f"--companies must be between {MIN_COMPANIES} and {MAX_COMPANIES}, not {companies}.")
        if options["in_transaction"]:
            if Organisation.objects.exists():
                raise CommandError(
                    "This database already holds organisations; real companies would be the synthetic ones' peers. "
                    "Run without --in-transaction to use a throwaway database."
                )
            with transaction.atomic(), bar:
                report = validate(seeds=seeds, companies=companies, progress=bar)
                transaction.set_rollback(True)
        else:
            with throwaway_database(), bar:
                report = validate(seeds=seeds, companies=companies, progress=bar)
        if options["save"]:
            save_report(report)
        if options["json"]:
            self.stdout.write(json.dumps(report.as_json(), indent=2, default=str))
        else:
            self.stdout.write(render_table(report))


def save_report(report: ValidationReport) -> RiskValidation:
    summary = report.summary()
    validation = RiskValidation(
        ran_at=timezone.now(), assessed_on=report.on, seeds=summary["seeds"], companies=report.companies,
        planted=summary["k"], precision_at_k=summary["precision_at_k"],
        mean_precision=summary["mean_precision_at_k"], min_precision=summary["min_precision_at_k"],
        named_share=summary["named_share"], patterns=summary["patterns"], parameters=summary["parameters"],
        seconds=summary["seconds"],
    )
    validation.full_clean()
    validation.save()
    return validation
