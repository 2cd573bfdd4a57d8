"""Alerts for new flags and the weekly digest per city, through an outbox of ``Notification`` rows.

Who hears what
    A new *overdue* flag goes to the negotiation's lead envoy and to the council staff of the
    negotiation's city; a *due-soon* warning goes to the lead envoy only. The weekly digest goes to
    every envoy and council-staff member of the city. Only active logins with an email address
    that belong to the city concerned (a ``CityMembership``) receive anything, so no email carries
    one city's records to another city's staff.

One email per person per run
    Each run of ``queue_flag_notifications`` queues at most one alert per person, listing every
    flag raised for them since their last alert, grouped by negotiation, the most urgent first.
    An alert lists at most ``AMBASSADOR_ALERT_LIST_LENGTH`` flags (default 50) and links to the
    full list (the flag list in the admin, filtered to that alert) for the rest, so a backlog of
    100,000 flags makes one email per person, not one per flag.

Once, and how
    ``queue_flag_notifications`` works in one transaction under its own lock: one ``UPDATE ...
    RETURNING`` marks every unnotified flag notified and returns their ids; the (flag, recipient)
    pairs of exactly those flags are collected in a temporary table by ``INSERT ... SELECT``, then
    one ``INSERT ... SELECT ... GROUP BY`` writes one alert per recipient and another lists the
    pairs under their alerts (``NotificationFlag``), with the flags' audit rows: the same few
    statements for one flag or a million, and the same SQL on PostgreSQL and SQLite. So a flag is
    either notified with its alerts queued, or neither (the flags it marks stay locked to other
    writers until the transaction commits); the database holds each flag once per recipient (a
    unique constraint on ``NotificationFlag``). A flag raised while a run builds its alerts is not
    among the ones it marked: the next run lists it. A run killed before it commits leaves nothing
    behind; a rerun finds nothing left to do. A flag cleared before its alert went out (the
    commitment completed in the meantime) is marked notified without an email.
    ``deliver_notifications`` then sends the queued rows a batch at a time: it locks a batch
    (``FOR UPDATE SKIP LOCKED``, so two senders never take the same rows), hands the messages to
    Django's email backend and sets ``sent_at`` in the same transaction. A sender killed after the
    backend accepted a batch but before the commit sends that batch again: delivery is
    at-least-once for at most one batch, and each message carries a stable Message-ID
    (``<commitments-notification-<id>@...>``) so a resend is recognisable as the same email.
"""

from __future__ import annotations

import dataclasses
import datetime
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import connection, transaction
from django.db.models import Case, Count, F, Q, Value, When, Window
from django.db.models.functions import RowNumber
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.http import urlencode

from ambassador.core.jobs import job_lock
from ambassador.core.timezones import city_today, zone_name
from ambassador.negotiations.models import Negotiation
from ambassador.stakeholders.choices import MembershipRole
from ambassador.stakeholders.models import City, CityMembership

from .checkpoints import checkpoint
from .choices import FlagKind, NotificationKind
from .models import Commitment, Notification, NotificationFlag, OverdueFlag
from .overdue import audit_flags, due_soon_days, explain, id_batches, instant, returned_ids

logger = logging.getLogger(__name__)

QUEUE_JOB_NAME = "queue_flag_notifications"
MARKED_CHECKPOINT = f"{QUEUE_JOB_NAME}.marked"
DEFAULT_BATCH_SIZE = 50
DIGEST_LIST_LENGTH = 20
DEFAULT_ALERT_LIST_LENGTH = 50
# The flag list in the admin takes ``?alert=<id>`` for the flags one alert listed.
ALERT_QUERY_PARAMETER = "alert"


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


@transaction.atomic
def queue_flag_notifications(*, now: datetime.datetime | None = None) -> tuple[int, int] | None:
    """Queues the alerts of every flag not yet notified and marks those flags notified.

    Returns (flags notified, emails queued), or None when another run held the lock. The flags get
    audit rows with the change reason ``queue_flag_notifications: notified`` and no user.
    """
    now = now or timezone.now()
    with job_lock(QUEUE_JOB_NAME) as acquired:
        if not acquired:
            return None
        flags, emails = _mark_notified_and_queue(now)
        checkpoint(QUEUE_JOB_NAME)
    if flags:
        logger.info("%s: %d flags notified, %d emails queued", QUEUE_JOB_NAME, flags, emails)
    return flags, emails


# The (flag, recipient) pairs of one run, while it writes their alerts; dropped before it commits.
PAIRS_TABLE = "commitments_alert_pairs_of_run"


def _mark_notified_and_queue(now: datetime.datetime) -> tuple[int, int]:
    """Marks unnotified flags notified, queues one alert per recipient and writes the audit rows.

    Returns (flags notified, alerts queued).
    """
    notified = returned_ids(
        f"UPDATE {_table(OverdueFlag)} SET notified_at = %s WHERE notified_at IS NULL RETURNING id",  # noqa: S608
        [instant(now)],
    )
    # Tests stop a run here, its flags marked, to raise another flag while it builds its alerts.
    checkpoint(MARKED_CHECKPOINT)
    if not notified:
        return 0, 0
    entries = _table(NotificationFlag)
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMPORARY TABLE {PAIRS_TABLE} (flag_id bigint NOT NULL, recipient_id bigint NOT NULL, "
            "city_id bigint NOT NULL, email varchar(254) NOT NULL)"
        )
        for placeholders, batch in id_batches(notified):
            sql = f"""
                INSERT INTO {PAIRS_TABLE} (flag_id, recipient_id, city_id, email)
                SELECT flag.id, account.id, negotiation.city_id, account.email
                FROM {_table(OverdueFlag)} AS flag
                JOIN {_table(Commitment)} AS commitment ON commitment.id = flag.commitment_id
                JOIN {_table(Negotiation)} AS negotiation ON negotiation.id = commitment.negotiation_id
                JOIN {_table(CityMembership)} AS membership ON membership.city_id = negotiation.city_id
                JOIN {_table(get_user_model())} AS account ON account.id = membership.user_id
                WHERE flag.id IN ({placeholders})
                  AND flag.cleared_at IS NULL
                  AND account.is_active AND account.email <> ''
                  AND (account.id = negotiation.lead_envoy_id
                       OR (flag.kind = %s AND membership.role = %s))
                  AND NOT EXISTS (
                      SELECT 1 FROM {entries} AS entry
                      WHERE entry.flag_id = flag.id AND entry.recipient_id = account.id
                  )
            """  # noqa: S608 - names from model metadata, values as parameters
            cursor.execute(sql, [*batch, FlagKind.OVERDUE.value, MembershipRole.COUNCIL_STAFF.value])
            audit_flags(
                f"flag.id IN ({placeholders})", batch, now=now, reason=f"{QUEUE_JOB_NAME}: notified", history_type="~"
            )
        # A person belongs to one city (a one-to-one membership), so each recipient's pairs share it.
        alerts = returned_ids(
            f"""
            INSERT INTO {_table(Notification)} (kind, city_id, recipient_id, email, queued_at)
            SELECT %s, MIN(pair.city_id), pair.recipient_id, MIN(pair.email), %s
            FROM {PAIRS_TABLE} AS pair GROUP BY pair.recipient_id
            RETURNING id
            """,  # noqa: S608 - names from model metadata, values as parameters
            [NotificationKind.FLAG_RAISED.value, instant(now)],
        )
        for placeholders, batch in id_batches(alerts):
            cursor.execute(
                f"""
                INSERT INTO {entries} (notification_id, flag_id, recipient_id)
                SELECT alert.id, pair.flag_id, pair.recipient_id
                FROM {_table(Notification)} AS alert
                JOIN {PAIRS_TABLE} AS pair ON pair.recipient_id = alert.recipient_id
                WHERE alert.id IN ({placeholders})
                ON CONFLICT DO NOTHING
                """,  # noqa: S608 - names from model metadata, values as parameters
                batch,
            )
        cursor.execute(f"DROP TABLE {PAIRS_TABLE}")
    return len(notified), len(alerts)


def week_of(day: datetime.date) -> datetime.date:
    """The Monday of the week ``day`` falls in; a digest is queued once per city, week and person."""
    return day - datetime.timedelta(days=day.weekday())


@transaction.atomic
def queue_weekly_digests(*, week: datetime.date | None = None, now: datetime.datetime | None = None) -> int:
    """Queues this week's digest for every envoy and council-staff member of every city; returns how many.

    A digest already queued for the person, city and week is not queued again. The week is the
    one each city is in by its own date (or ``week`` for every city, when given).
    """
    now = now or timezone.now()
    sql = f"""
        INSERT INTO {_table(Notification)} (kind, city_id, week_of, recipient_id, email, queued_at)
        SELECT %s, membership.city_id, %s, account.id, account.email, %s
        FROM {_table(CityMembership)} AS membership
        JOIN {_table(get_user_model())} AS account ON account.id = membership.user_id
        WHERE account.is_active AND account.email <> '' AND membership.city_id IN ({{cities}})
        ON CONFLICT DO NOTHING
    """  # noqa: S608 - names from model metadata, values as parameters
    weeks: dict[datetime.date, list[int]] = {}
    for city in City.objects.only("pk", "time_zone"):
        weeks.setdefault(week_of(week or city_today(city, now)), []).append(city.pk)
    queued = 0
    with connection.cursor() as cursor:
        for monday, cities in sorted(weeks.items()):
            cursor.execute(
                sql.format(cities=", ".join(["%s"] * len(cities))),
                [NotificationKind.WEEKLY_DIGEST.value, monday, instant(now), *cities],
            )
            queued += cursor.rowcount
    logger.info("queue_weekly_digests: %d digests queued for the weeks of %s", queued, sorted(weeks))
    return queued


def alert_list_length() -> int:
    """How many flags one alert lists before it links to the rest (setting ``AMBASSADOR_ALERT_LIST_LENGTH``)."""
    return max(int(getattr(settings, "AMBASSADOR_ALERT_LIST_LENGTH", DEFAULT_ALERT_LIST_LENGTH)), 1)


def deliver_notifications(*, limit: int | None = None, batch_size: int | None = None) -> int:
    """Sends queued emails through Django's email backend; returns how many were sent.

    Stops after ``limit`` emails (None: when none are left), so a task can hand the rest to its
    next run instead of running into its time limit. A batch takes the same few queries however
    many flags its alerts list. An alert whose flags are all gone (their commitments were deleted
    after it was queued) leaves the outbox without an email.
    """
    batch_size = batch_size or getattr(settings, "AMBASSADOR_NOTIFICATION_BATCH_SIZE", DEFAULT_BATCH_SIZE)
    sent = 0
    digests: dict[tuple[int, datetime.date], dict] = {}
    with mail.get_connection() as mailer:
        while limit is None or sent < limit:
            size = batch_size if limit is None else min(batch_size, limit - sent)
            with transaction.atomic():
                batch = list(
                    Notification.objects.pending()
                    .select_related("recipient__city_membership", "city")
                    .select_for_update(skip_locked=True, of=("self",))
                    .order_by("pk")[:size]
                )
                if not batch:
                    break
                alerts = _alert_flags([n.pk for n in batch if n.kind == NotificationKind.FLAG_RAISED])
                messages = [_message(notification, alerts, digests) for notification in batch]
                mailer.send_messages([message for message in messages if message is not None])
                Notification.objects.filter(pk__in=[n.pk for n in batch]).update(sent_at=timezone.now())
                checkpoint("deliver_notifications")
            sent += len(batch)
    if sent:
        logger.info("deliver_notifications: %d emails sent", sent)
    return sent


def pending_count() -> int:
    return Notification.objects.pending().count()


# --- Messages --------------------------------------------------------------------------------------

def _site_url(path: str) -> str:
    return f"{getattr(settings, 'AMBASSADOR_SITE_URL', '').rstrip('/')}{path}"


def _admin_url(name: str, *args, query: dict | None = None) -> str:
    try:
        path = reverse(f"admin:{name}", args=args)
    except NoReverseMatch:
        return ""
    return _site_url(path + (f"?{urlencode(query)}" if query else ""))


@dataclasses.dataclass
class _AlertFlags:
    """What one alert lists: its first flags, most urgent first, and how many it covers of each kind."""

    listed: list[OverdueFlag] = dataclasses.field(default_factory=list)
    total: int = 0
    overdue: int = 0


def _alert_flags(alert_ids: list[int]) -> dict[int, _AlertFlags]:
    """The flags each alert lists (up to ``alert_list_length()``) and its counts: two queries for any batch."""
    if not alert_ids:
        return {}
    alerts = {pk: _AlertFlags() for pk in alert_ids}
    entries = NotificationFlag.objects.filter(notification_id__in=alert_ids)
    counts = (
        entries.order_by().values("notification_id")
        .annotate(total=Count("pk"), overdue=Count("pk", filter=Q(flag__kind=FlagKind.OVERDUE)))
    )
    for row in counts:
        alerts[row["notification_id"]].total = row["total"]
        alerts[row["notification_id"]].overdue = row["overdue"]
    urgency = Case(When(flag__kind=FlagKind.OVERDUE, then=Value(0)), default=Value(1))
    listed = (
        entries.annotate(
            rank=Window(RowNumber(), partition_by=[F("notification_id")],
                        order_by=[urgency.asc(), F("flag__due_on").asc(), F("flag_id").asc()])
        )
        .filter(rank__lte=alert_list_length())
        .select_related("flag__commitment__negotiation__city", "flag__commitment__negotiation__company")
        .order_by("notification_id", "rank")
    )
    for entry in listed:
        alerts[entry.notification_id].listed.append(entry.flag)
    return alerts


def _message(notification: Notification, alerts: dict[int, _AlertFlags], digests: dict) -> mail.EmailMessage | None:
    """The email of a queued row; None for an alert with nothing left to list (its commitments were deleted)."""
    if notification.kind == NotificationKind.FLAG_RAISED:
        if not alerts[notification.pk].total:
            return None
        context = _alert_context(notification, alerts[notification.pk])
        template = "commitments/email/flag_raised"
    else:
        key = (notification.city_id, notification.week_of)
        if key not in digests:
            digests[key] = _digest_context(notification.city, notification.week_of, as_of=notification.queued_at)
        context = digests[key]
        template = "commitments/email/weekly_digest"
    context = {**context, "recipient": notification.recipient}
    subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or "localhost"
    return mail.EmailMessage(
        subject=subject,
        body=render_to_string(f"{template}_body.txt", context),
        to=[notification.email],
        headers={"Message-ID": f"<commitments-notification-{notification.pk}@{domain}>"},
    )


def _alert_context(notification: Notification, alert: _AlertFlags) -> dict:
    """An alert describes its flags as at the moment it was queued, in its city's own time zone."""
    city = notification.city
    local_today = city_today(city, notification.queued_at)
    within = due_soon_days()
    rows, groups = [], {}
    for flag in alert.listed:
        commitment = flag.commitment
        row = {
            "flag": flag,
            "commitment": commitment,
            "is_overdue": flag.kind == FlagKind.OVERDUE,
            "days_overdue": (local_today - flag.due_on).days,
            "days_left": (flag.due_on - local_today).days,
            "why": explain(
                due_on=flag.due_on, completion=commitment.completion, local_today=local_today,
                due_soon_days=within, time_zone=zone_name(city),
            ),
            "url": _admin_url("commitments_commitment_change", commitment.pk),
        }
        rows.append(row)
        # Grouped by negotiation, in the order of each negotiation's most urgent flag.
        groups.setdefault(commitment.negotiation_id, {"negotiation": commitment.negotiation, "flags": []})
        groups[commitment.negotiation_id]["flags"].append(row)
    membership = getattr(notification.recipient, "city_membership", None)
    return {
        "city": city,
        "time_zone": zone_name(city),
        "local_today": local_today,
        "is_council_staff": membership is not None and membership.role == MembershipRole.COUNCIL_STAFF,
        "only": rows[0] if alert.total == 1 and rows else None,
        "groups": list(groups.values()),
        "total": alert.total,
        "overdue_count": alert.overdue,
        "due_soon_count": alert.total - alert.overdue,
        "more": max(alert.total - len(rows), 0),
        "full_list_url": _admin_url(
            "commitments_overdueflag_changelist", query={ALERT_QUERY_PARAMETER: notification.pk}
        ),
    }


def _digest_context(city, week: datetime.date, *, as_of: datetime.datetime) -> dict:
    """What a city's digest lists, judged at ``as_of``: overdue, due soon, and slipping (open, date moved)."""
    now = as_of
    local_today = city_today(city, now)
    within = due_soon_days()
    commitments = Commitment.objects.for_city(city).with_related()
    sections = {
        "overdue": commitments.overdue(now=now).order_by("due_on", "pk"),
        "due_soon": commitments.due_soon(within_days=within, now=now).order_by("due_on", "pk"),
        "slipping": commitments.open().slipped().order_by("-slippage_count", "due_on", "pk"),
    }
    context = {"city": city, "week_of": week, "local_today": local_today, "due_soon_days": within}
    for name, queryset in sections.items():
        rows = list(queryset[:DIGEST_LIST_LENGTH])
        for row in rows:
            row.days_overdue = (local_today - row.due_on).days if row.due_on else None
        context[name] = rows
        context[f"{name}_count"] = queryset.count()
        context[f"{name}_more"] = max(context[f"{name}_count"] - len(rows), 0)
    context["url"] = _admin_url("commitments_commitment_changelist")
    return context
