"""``manage.py flag_overdue``: run the overdue job now, in this process, and say what it did and why.

    manage.py flag_overdue                 raise/clear flags, then queue and send their alerts
    manage.py flag_overdue --no-email      raise/clear flags; leave the alerts to the worker
    manage.py flag_overdue --dry-run -v 2  show what a run would change, and why, without writing
    manage.py flag_overdue -v 2            ... and follow each stage on stderr as it ends
    manage.py flag_overdue --now 2026-03-02T00:30:00+00:00   judge as at another instant

It calls the same services as the Celery tasks, under the same lock, so it is safe to run while
the scheduled job runs: one of the two waits its turn or does nothing.
"""

from __future__ import annotations

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from ambassador.commitments import notifications, overdue
from ambassador.commitments.models import OverdueFlag
from ambassador.core.actors import system_user
from ambassador.core.progress import progress, step
from ambassador.core.timezones import city_today

ALERT_STAGES = ("queued the alerts", "sent the alerts")


class _DryRun(Exception):
    """Raised to roll back a dry run after reporting it."""


class Command(BaseCommand):
    help = "Raises overdue and due-soon flags in each city's time zone, clears settled ones, and sends the alerts."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Report what would change, then roll back.")
        parser.add_argument("--no-email", action="store_true", help="Do not queue or send alerts now.")
        parser.add_argument("--now", help="Judge as at this ISO 8601 instant (default: now).")
        parser.add_argument("--due-soon-days", type=int, help="Days ahead a due-soon warning looks.")

    def handle(self, *args, dry_run=False, no_email=False, now=None, due_soon_days=None, verbosity=1, **options):
        at = self._instant(now)
        # -v 2 follows each stage on stderr as it ends; stdout keeps the report, written between the bars.
        stream = self.stderr if verbosity >= 2 else None
        try:
            with transaction.atomic():
                with progress(len(overdue.STAGES), label="flag_overdue", stream=stream) as bar:
                    run = overdue.flag_overdue_commitments(now=at, within_days=due_soon_days, progress=bar)
                if dry_run:
                    self._report(run, verbosity=verbosity, within_days=due_soon_days, prefix="Would have: ")
                    raise _DryRun
        except _DryRun:
            return
        self._report(run, verbosity=verbosity, within_days=due_soon_days)
        if not run.ran:
            raise CommandError("Another run of the job holds its lock; nothing was done. Try again shortly.")
        if no_email:
            return
        with progress(len(ALERT_STAGES), label="flag_overdue", stream=stream) as bar:
            queued = notifications.queue_flag_notifications()
            step(bar, f"flag_overdue: {ALERT_STAGES[0]}")
            sent = notifications.deliver_notifications()
            step(bar, f"flag_overdue: {ALERT_STAGES[1]}")
        if queued is not None:
            self.stdout.write(f"Alerts: {queued[0]} flags notified, {queued[1]} emails queued, {sent} emails sent.")

    def _instant(self, value: str | None) -> datetime.datetime:
        if not value:
            return timezone.now()
        try:
            instant = datetime.datetime.fromisoformat(value)
        except ValueError as error:
            raise CommandError(f"--now: {error}") from error
        return instant if timezone.is_aware(instant) else timezone.make_aware(instant, datetime.UTC)

    def _report(self, run: overdue.OverdueRun, *, verbosity: int, within_days: int | None, prefix: str = "") -> None:
        self.stdout.write(prefix + run.summary())
        if verbosity < 2 or not run.ran:
            return
        within = overdue.due_soon_days() if within_days is None else within_days
        # The flags this run changed are those with an audit row written by the job at its instant.
        changed_ids = OverdueFlag.history.filter(history_date=run.now, history_user=system_user()).values("id")
        changed = (
            OverdueFlag.objects.filter(pk__in=changed_ids)
            .select_related("commitment__negotiation__city")
            .order_by("commitment__negotiation__city__name", "kind", "due_on", "pk")
        )
        for flag in changed:
            commitment = flag.commitment
            city = commitment.negotiation.city
            state = "cleared" if flag.cleared_at else "raised"
            why = overdue.explain(
                due_on=commitment.due_on, completion=commitment.completion,
                local_today=run.local_dates.get(city.time_zone, city_today(city, run.now)),
                due_soon_days=within, time_zone=city.time_zone,
            )
            self.stdout.write(f"  {state} {flag.get_kind_display().lower()} #{flag.pk} [{city}] {commitment}: {why}")
