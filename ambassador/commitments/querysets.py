from __future__ import annotations

import datetime

from django.db.models import BooleanField, Case, CharField, Q, Value, When
from django.utils import timezone

from ambassador.core.choices import ReviewState
from ambassador.core.querysets import CityScopedQuerySet
from ambassador.core.timezones import city_date_q, local_dates_by_zone
from ambassador.negotiations.models import Meeting

from .choices import OPEN_LEVELS, FlagKind

# From a commitment to its city's time zone.
CITY_ZONE = "negotiation__city__time_zone"


def _local_dates(*, today, now) -> dict[str, datetime.date] | None:
    """Each zone's date at ``now``, read once for the conditions of one query (None when ``today`` judges all)."""
    return None if today is not None else local_dates_by_zone(now)


def _commitments(queryset):
    """The commitments a queryset's rows belong to (the queryset's model has a ``commitment`` key)."""
    return queryset.model._meta.get_field("commitment").related_model.objects


class CommitmentQuerySet(CityScopedQuerySet):
    city_path = "negotiation__city"

    def public(
        self, *, today: datetime.date | None = None, now: datetime.datetime | None = None
    ) -> CommitmentQuerySet:
        """Published commitments of announced negotiations whose source meeting, if any, is public.

        One indexed comparison with ``public_from`` (see ``publicity.py``), judged at ``now``
        (default: the current instant); ``today`` judges every city by that one date, by the rules.
        """
        if today is not None:
            return self.public_by_rules(today=today)
        return self.filter(public_from__lte=now or timezone.now())

    def public_by_rules(
        self, *, today: datetime.date | None = None, now: datetime.datetime | None = None
    ) -> CommitmentQuerySet:
        """``public()`` computed from the rules themselves, for the checks that ``public_from`` agrees."""
        return self.filter(review_state=ReviewState.PUBLISHED, negotiation__is_public=True).filter(
            Q(source_meeting__isnull=True)
            | Q(source_meeting__in=Meeting.objects.public_by_rules(today=today, now=now))
        )

    def open(self) -> CommitmentQuerySet:
        """Commitments not yet complete, withdrawn or broken."""
        return self.filter(completion__in=OPEN_LEVELS)

    @staticmethod
    def _due_before_local_day(*, today, now, dates=None, offset_days: int = 0) -> Q:
        """``due_on`` before each city's own today plus ``offset_days`` (or a given ``today`` for all)."""
        return city_date_q(
            "due_on", "lt", zone_field=CITY_ZONE, today=today, now=now, dates=dates, offset_days=offset_days
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
        dates = _local_dates(today=today, now=now)
        return (
            self.open()
            .filter(due_on__isnull=False)
            .exclude(self._due_before_local_day(today=today, now=now, dates=dates))
            .filter(self._due_before_local_day(today=today, now=now, dates=dates, offset_days=within_days + 1))
        )

    def with_flag_kind(
        self, *, within_days: int, today: datetime.date | None = None, now: datetime.datetime | None = None
    ) -> CommitmentQuerySet:
        """Commitments that call for a flag, annotated with ``flag_kind``: overdue or due soon.

        The union of ``overdue()`` and ``due_soon()`` in one query, for the overdue job, which
        raises both kinds of flag with one statement.
        """
        dates = _local_dates(today=today, now=now)
        is_overdue = self._due_before_local_day(today=today, now=now, dates=dates)
        return (
            self.open()
            .filter(due_on__isnull=False)
            .filter(self._due_before_local_day(today=today, now=now, dates=dates, offset_days=within_days + 1))
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

    def public(
        self, *, today: datetime.date | None = None, now: datetime.datetime | None = None
    ) -> CommitmentUpdateQuerySet:
        """Published progress on public commitments."""
        if today is not None:
            return self.filter(
                review_state=ReviewState.PUBLISHED, commitment__in=_commitments(self).public(today=today)
            )
        return self.filter(review_state=ReviewState.PUBLISHED, commitment__public_from__lte=now or timezone.now())

    def pending(self) -> CommitmentUpdateQuerySet:
        """Progress whose effects wait for a second person to release it."""
        return self.filter(applied_at__isnull=True)


class OverdueFlagQuerySet(CityScopedQuerySet):
    city_path = "commitment__negotiation__city"

    def public(
        self, *, today: datetime.date | None = None, now: datetime.datetime | None = None
    ) -> OverdueFlagQuerySet:
        """Overdue flags (not due-soon warnings) on public commitments."""
        if today is not None:
            return self.filter(kind=FlagKind.OVERDUE, commitment__in=_commitments(self).public(today=today))
        return self.filter(kind=FlagKind.OVERDUE, commitment__public_from__lte=now or timezone.now())

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
