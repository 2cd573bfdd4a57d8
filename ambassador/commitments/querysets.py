from __future__ import annotations

import datetime
import functools
import operator
import zoneinfo

from django.db.models import BooleanField, Case, CharField, Q, Value, When
from django.utils import timezone

from ambassador.core.choices import ReviewState
from ambassador.core.querysets import CityScopedQuerySet
from ambassador.negotiations.models import Meeting
from ambassador.stakeholders.models import City

from .choices import OPEN_LEVELS, FlagKind


def local_dates_by_zone(now: datetime.datetime) -> dict[str, datetime.date]:
    """Today's date in every time zone a city uses, at the given instant."""
    zones = City.objects.order_by().values_list("time_zone", flat=True).distinct()
    return {zone: now.astimezone(zoneinfo.ZoneInfo(zone)).date() for zone in zones}


def _commitments(queryset):
    """The commitments a queryset's rows belong to (the queryset's model has a ``commitment`` key)."""
    return queryset.model._meta.get_field("commitment").related_model.objects


class CommitmentQuerySet(CityScopedQuerySet):
    city_path = "negotiation__city"

    def public(self, *, today: datetime.date | None = None) -> CommitmentQuerySet:
        """Published commitments of announced negotiations whose source meeting, if any, is public."""
        return self.filter(review_state=ReviewState.PUBLISHED, negotiation__is_public=True).filter(
            Q(source_meeting__isnull=True) | Q(source_meeting__in=Meeting.objects.public(today=today))
        )

    def open(self) -> CommitmentQuerySet:
        """Commitments not yet complete, withdrawn or broken."""
        return self.filter(completion__in=OPEN_LEVELS)

    def _due_before_local_day(self, *, today, now, offset_days: int = 0) -> Q:
        """A condition on ``due_on`` against each city's own today (or a given ``today`` for all)."""
        if today is not None:
            return Q(due_on__lt=today + datetime.timedelta(days=offset_days))
        dates = local_dates_by_zone(now or timezone.now())
        if not dates:
            return Q(pk__in=[])
        return functools.reduce(
            operator.or_,
            (
                Q(negotiation__city__time_zone=zone, due_on__lt=local + datetime.timedelta(days=offset_days))
                for zone, local in dates.items()
            ),
        )

    def overdue(
        self, *, today: datetime.date | None = None, now: datetime.datetime | None = None
    ) -> CommitmentQuerySet:
        """Open commitments whose due date has passed.

        A commitment is overdue from the day after its due date in its city's time zone. Pass
        ``today`` to judge every city by one date, or ``now`` (default: the current instant) to
        judge each city by its own local date.
        """
        return self.open().filter(due_on__isnull=False).filter(self._due_before_local_day(today=today, now=now))

    def due_soon(
        self, *, within_days: int, today: datetime.date | None = None, now: datetime.datetime | None = None
    ) -> CommitmentQuerySet:
        """Open commitments due within the next ``within_days`` days (today included), not yet overdue."""
        return (
            self.open()
            .filter(due_on__isnull=False)
            .exclude(self._due_before_local_day(today=today, now=now))
            .filter(self._due_before_local_day(today=today, now=now, offset_days=within_days + 1))
        )

    def with_flag_kind(
        self, *, within_days: int, today: datetime.date | None = None, now: datetime.datetime | None = None
    ) -> CommitmentQuerySet:
        """Commitments that call for a flag, annotated with ``flag_kind``: overdue or due soon.

        The union of ``overdue()`` and ``due_soon()`` in one query, for the overdue job, which
        raises both kinds of flag with one statement.
        """
        is_overdue = self._due_before_local_day(today=today, now=now)
        return (
            self.open()
            .filter(due_on__isnull=False)
            .filter(self._due_before_local_day(today=today, now=now, offset_days=within_days + 1))
            .annotate(
                flag_kind=Case(
                    When(is_overdue, then=Value(FlagKind.OVERDUE.value)),
                    default=Value(FlagKind.DUE_SOON.value),
                    output_field=CharField(),
                )
            )
        )

    def with_overdue(self, *, now: datetime.datetime | None = None) -> CommitmentQuerySet:
        """Annotates ``is_overdue`` (the rule of ``overdue()``) without an extra query per row."""
        condition = Q(completion__in=OPEN_LEVELS, due_on__isnull=False) & self._due_before_local_day(
            today=None, now=now
        )
        return self.annotate(
            is_overdue=Case(When(condition, then=Value(True)), default=Value(False), output_field=BooleanField())
        )

    def slipped(self) -> CommitmentQuerySet:
        """Commitments whose due date has been moved at least once."""
        return self.filter(slippage_count__gt=0)

    def with_related(self) -> CommitmentQuerySet:
        return self.select_related("negotiation__city", "negotiation__company", "source_meeting")


class CommitmentUpdateQuerySet(CityScopedQuerySet):
    city_path = "commitment__negotiation__city"

    def public(self, *, today: datetime.date | None = None) -> CommitmentUpdateQuerySet:
        """Published progress on public commitments."""
        return self.filter(review_state=ReviewState.PUBLISHED, commitment__in=_commitments(self).public(today=today))

    def pending(self) -> CommitmentUpdateQuerySet:
        """Progress whose effects wait for a second person to release it."""
        return self.filter(applied_at__isnull=True)


class OverdueFlagQuerySet(CityScopedQuerySet):
    city_path = "commitment__negotiation__city"

    def public(self, *, today: datetime.date | None = None) -> OverdueFlagQuerySet:
        """Overdue flags (not due-soon warnings) on public commitments."""
        return self.filter(kind=FlagKind.OVERDUE, commitment__in=_commitments(self).public(today=today))

    def active(self) -> OverdueFlagQuerySet:
        return self.filter(cleared_at__isnull=True)

    def overdue(self, **kwargs) -> OverdueFlagQuerySet:
        """Active overdue flags on commitments that are overdue now (see CommitmentQuerySet.overdue)."""
        return self.active().filter(kind=FlagKind.OVERDUE, commitment__in=_commitments(self).overdue(**kwargs))

    def unnotified(self) -> OverdueFlagQuerySet:
        """Flags whose alert has not been queued yet."""
        return self.filter(notified_at__isnull=True)


class NotificationQuerySet(CityScopedQuerySet):
    city_path = "city"

    def pending(self) -> NotificationQuerySet:
        """Queued emails not sent yet."""
        return self.filter(sent_at__isnull=True)
