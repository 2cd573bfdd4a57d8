"""When each meeting becomes public, kept in an indexed column: ``Meeting.public_from``.

The rule (``MeetingQuerySet.public_by_rules``): a meeting is public when it is published, held
outside any negotiation or in an announced one, and not confidential before its release date in its
city's time zone. Everything in it but the release date is a fact of the records; the release date
is an instant. So the rule becomes one column:

- NULL: the meeting is not listed at all (not published, or in an unannounced negotiation);
- ``ALWAYS``: listed and public (public or restricted; a restricted meeting's existence is public);
- the first instant of its release date in its city's time zone: listed, confidential, and public
  from then on.

``public()`` is then ``public_from <= now`` and ``withheld()`` is ``public_from IS NOT NULL`` and
(restricted or ``public_from > now``): indexed comparisons whose plans do not depend on the size of
the public set. The column is written by ``Meeting.save()`` and refreshed, set-based, by whatever
changes an input of the rule elsewhere: a negotiation announced or withdrawn (``Negotiation.save``),
a city's time zone (``City`` saved), a release (``releases.py``) and bulk loads (``refresh_meetings``).
Each refresh sends ``publicity_changed`` so that the records that follow a meeting (commitments)
refresh theirs. ``check_publicity`` compares the column with the rule, row for row.
"""

from __future__ import annotations

import datetime
import zoneinfo

from django.db import connection
from django.db.models import Case, DateTimeField, Exists, F, Func, OuterRef, Q, Subquery, Value, When
from django.db.models.signals import post_save
from django.dispatch import Signal, receiver

from ambassador.core.choices import ReviewState
from ambassador.core.versioning import public_data_changed
from ambassador.stakeholders.models import City

from .choices import Confidentiality
from .models import Meeting, Negotiation

# Listed and public with no date to wait for. Any instant before every record will do; this one is
# plain in every database and every time zone.
ALWAYS = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)

# Sent after meetings' ``public_from`` may have changed, with the scope that was refreshed:
# ``meeting_ids``, ``negotiation_ids``, ``city_ids`` (lists, or None) or ``everything=True``.
publicity_changed = Signal()


def start_of_local_day(day: datetime.date, time_zone: str) -> datetime.datetime:
    """The first instant of ``day`` on the clock of ``time_zone`` (in UTC)."""
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=zoneinfo.ZoneInfo(time_zone)).astimezone(
        datetime.UTC
    )


def meeting_public_from(
    *, review_state: str, in_public_context: bool, confidentiality: str, release_on: datetime.date | None,
    time_zone: str,
) -> datetime.datetime | None:
    """The rule for one meeting, from its facts."""
    if review_state != ReviewState.PUBLISHED or not in_public_context:
        return None
    if confidentiality == Confidentiality.CONFIDENTIAL:
        return start_of_local_day(release_on, time_zone) if release_on else None
    return ALWAYS


def public_from_of(meeting) -> datetime.datetime | None:
    """The value of ``meeting.public_from`` for a meeting about to be saved, read from fresh rows:
    the negotiation's announcement and the city's zone are read from the database, not from copies
    the caller may hold."""
    if meeting.review_state != ReviewState.PUBLISHED:
        return None
    in_public_context = meeting.negotiation_id is None or Negotiation.objects.filter(
        pk=meeting.negotiation_id, is_public=True
    ).exists()
    time_zone = "UTC"
    if in_public_context and meeting.confidentiality == Confidentiality.CONFIDENTIAL:
        time_zone = City.objects.filter(pk=meeting.city_id).values_list("time_zone", flat=True).first() or "UTC"
    return meeting_public_from(
        review_state=meeting.review_state, in_public_context=in_public_context,
        confidentiality=meeting.confidentiality, release_on=meeting.release_on, time_zone=time_zone,
    )


class LocalMidnight(Func):
    """PostgreSQL: the first instant of a date column's day in a time zone given by an expression."""

    output_field = DateTimeField()
    template = "(CAST(%(expressions)s AS timestamp) AT TIME ZONE %(zone)s)"

    def __init__(self, date, zone, **extra):
        super().__init__(date, **extra)
        self.zone = zone

    def resolve_expression(self, *args, **kwargs):
        clone = super().resolve_expression(*args, **kwargs)
        clone.zone = self.zone.resolve_expression(*args, **kwargs)
        return clone

    def as_sql(self, compiler, connection, **extra):
        zone_sql, zone_params = compiler.compile(self.zone)
        sql, params = super().as_sql(compiler, connection, zone=zone_sql, **extra)
        # The date comes first in the template, then the zone.
        return sql, (*params, *zone_params)


def _listed_q() -> Q:
    announced = Exists(Negotiation.objects.filter(pk=OuterRef("negotiation_id"), is_public=True))
    return Q(review_state=ReviewState.PUBLISHED) & (Q(negotiation__isnull=True) | announced)


def refresh_meetings(
    *, meeting_ids=None, negotiation_ids=None, city_ids=None, everything: bool = False, confidential_only=False
) -> int:
    """Rewrites ``public_from`` of the meetings in scope from the rule, set-based; returns how many
    rows changed, and tells the followers (``publicity_changed``)."""
    scope = Q()
    if not everything:
        scope = Q(pk__in=[])
        if meeting_ids is not None:
            scope |= Q(pk__in=list(meeting_ids))
        if negotiation_ids is not None:
            scope |= Q(negotiation_id__in=list(negotiation_ids))
        if city_ids is not None:
            scope |= Q(city_id__in=list(city_ids))
    if confidential_only:
        scope &= Q(confidentiality=Confidentiality.CONFIDENTIAL)
    meetings = Meeting.objects.filter(scope)
    listed = _listed_q()
    changed = meetings.filter(~listed, public_from__isnull=False).update(public_from=None)
    changed += (
        meetings.filter(listed).exclude(confidentiality=Confidentiality.CONFIDENTIAL)
        .exclude(public_from=ALWAYS).update(public_from=Value(ALWAYS))
    )
    confidential = meetings.filter(listed, confidentiality=Confidentiality.CONFIDENTIAL)
    if connection.vendor == "postgresql":
        zone = Subquery(City.objects.filter(pk=OuterRef("city_id")).values("time_zone")[:1])
        changed += confidential.update(public_from=LocalMidnight(F("release_on"), zone))
    else:
        rows = list(confidential.values_list("pk", "release_on", "city__time_zone"))
        for pk, release_on, time_zone in rows:
            Meeting.objects.filter(pk=pk).update(public_from=start_of_local_day(release_on, time_zone))
        changed += len(rows)
    publicity_changed.send(
        sender=Meeting, meeting_ids=meeting_ids, negotiation_ids=negotiation_ids, city_ids=city_ids,
        everything=everything,
    )
    # Set-based updates send no model signal: the public pages' version moves here.
    public_data_changed()
    return changed


def public_from_case() -> Case:
    """``public_from`` as the rules give it, as an expression (PostgreSQL), for the checks."""
    zone = Subquery(City.objects.filter(pk=OuterRef("city_id")).values("time_zone")[:1])
    return Case(
        When(~_listed_q(), then=Value(None, output_field=DateTimeField())),
        When(confidentiality=Confidentiality.CONFIDENTIAL, then=LocalMidnight(F("release_on"), zone)),
        default=Value(ALWAYS),
        output_field=DateTimeField(),
    )


@receiver(post_save, sender=City, dispatch_uid="meetings_follow_city_time_zone")
def _city_saved(sender, instance, created, raw=False, **kwargs):
    # A confidential meeting's embargo ends at midnight on its city's clock.
    if not created and not raw:
        refresh_meetings(city_ids=[instance.pk], confidential_only=True)
