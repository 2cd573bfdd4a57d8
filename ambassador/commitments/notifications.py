"""Alerts for new flags and the weekly digest per city, through an outbox of ``Notification`` rows.

Who hears what
    A new *overdue* flag goes to the negotiation's lead envoy and to the council staff of the
    negotiation's city; a *due-soon* warning goes to the lead envoy only. The weekly digest goes to
    every envoy and council-staff member of the city. Only active logins with an email address
    that belong to the city concerned (a ``CityMembership``) receive anything, so no email carries
    one city's records to another city's staff.

Once, and how
    ``queue_flag_notifications`` works in one transaction under its own lock: one ``UPDATE ...
    RETURNING`` marks every unnotified flag notified and returns their ids, and the emails and the
    flags' audit rows are written for exactly those flags by ``INSERT ... SELECT`` statements, the
    same SQL on PostgreSQL and SQLite. So a flag is either notified with its emails queued, or
    neither (the flags it marks stay locked to other writers until the transaction commits); the
    database holds one row per flag and recipient (a unique constraint). A run killed before it
    commits leaves nothing behind; a rerun finds nothing left to do. A flag cleared before its
    alert went out (the commitment completed in the meantime) is marked notified without an email.
    ``deliver_notifications`` then sends the queued rows a batch at a time: it locks a batch
    (``FOR UPDATE SKIP LOCKED``, so two senders never take the same rows), hands the messages to
    Django's email backend and sets ``sent_at`` in the same transaction. A sender killed after the
    backend accepted a batch but before the commit sends that batch again: delivery is
    at-least-once for at most one batch, and each message carries a stable Message-ID
    (``<commitments-notification-<id>@...>``) so a resend is recognisable as the same email.
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import connection, transaction
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from ambassador.core.jobs import job_lock
from ambassador.core.timezones import city_today
from ambassador.negotiations.models import Negotiation
from ambassador.stakeholders.choices import MembershipRole
from ambassador.stakeholders.models import CityMembership

from .checkpoints import checkpoint
from .choices import FlagKind, NotificationKind
from .models import Commitment, Notification, OverdueFlag
from .overdue import audit_flags, due_soon_days, explain, id_batches, instant, returned_ids

logger = logging.getLogger(__name__)

QUEUE_JOB_NAME = "queue_flag_notifications"
DEFAULT_BATCH_SIZE = 50
DIGEST_LIST_LENGTH = 20


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


def _mark_notified_and_queue(now: datetime.datetime) -> tuple[int, int]:
    """Marks unnotified flags notified, then queues their emails and audit rows; returns (flags, emails)."""
    notified = returned_ids(
        f"UPDATE {_table(OverdueFlag)} SET notified_at = %s WHERE notified_at IS NULL RETURNING id",  # noqa: S608
        [instant(now)],
    )
    queued = 0
    for placeholders, batch in id_batches(notified):
        sql = f"""
            INSERT INTO {_table(Notification)} (kind, flag_id, city_id, recipient_id, email, queued_at)
            SELECT %s, flag.id, negotiation.city_id, account.id, account.email, %s
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
            ON CONFLICT DO NOTHING
        """  # noqa: S608 - names from model metadata, values as parameters
        params = [
            NotificationKind.FLAG_RAISED.value, instant(now), *batch,
            FlagKind.OVERDUE.value, MembershipRole.COUNCIL_STAFF.value,
        ]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            queued += cursor.rowcount
        audit_flags(
            f"flag.id IN ({placeholders})", batch, now=now, reason=f"{QUEUE_JOB_NAME}: notified", history_type="~"
        )
    return len(notified), queued


def week_of(day: datetime.date) -> datetime.date:
    """The Monday of the week ``day`` falls in; a digest is queued once per city, week and person."""
    return day - datetime.timedelta(days=day.weekday())


@transaction.atomic
def queue_weekly_digests(*, week: datetime.date | None = None, now: datetime.datetime | None = None) -> int:
    """Queues this week's digest for every envoy and council-staff member of every city; returns how many.

    A digest already queued for the person, city and week is not queued again.
    """
    now = now or timezone.now()
    week = week_of(week or now.date())
    sql = f"""
        INSERT INTO {_table(Notification)} (kind, city_id, week_of, recipient_id, email, queued_at)
        SELECT %s, membership.city_id, %s, account.id, account.email, %s
        FROM {_table(CityMembership)} AS membership
        JOIN {_table(get_user_model())} AS account ON account.id = membership.user_id
        WHERE account.is_active AND account.email <> ''
        ON CONFLICT DO NOTHING
    """  # noqa: S608 - names from model metadata, values as parameters
    with connection.cursor() as cursor:
        cursor.execute(sql, [NotificationKind.WEEKLY_DIGEST.value, week, instant(now)])
        queued = cursor.rowcount
    logger.info("queue_weekly_digests: %d digests queued for the week of %s", queued, week)
    return queued


def deliver_notifications(*, limit: int | None = None, batch_size: int | None = None) -> int:
    """Sends queued emails through Django's email backend; returns how many were sent.

    Stops after ``limit`` emails (None: when none are left), so a task can hand the rest to its
    next run instead of running into its time limit.
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
                    .select_related(
                        "recipient", "city", "flag__commitment__negotiation__city",
                        "flag__commitment__negotiation__company",
                    )
                    .select_for_update(skip_locked=True, of=("self",))
                    .order_by("pk")[:size]
                )
                if not batch:
                    break
                mailer.send_messages([_message(notification, digests) for notification in batch])
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


def _admin_url(name: str, *args) -> str:
    try:
        return _site_url(reverse(f"admin:{name}", args=args))
    except NoReverseMatch:
        return ""


def _message(notification: Notification, digests: dict) -> mail.EmailMessage:
    if notification.kind == NotificationKind.FLAG_RAISED:
        context = _flag_context(notification)
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


def _flag_context(notification: Notification) -> dict:
    """An alert describes the commitment as at the moment the alert was queued."""
    flag = notification.flag
    commitment = flag.commitment
    city = commitment.negotiation.city
    local_today = city_today(city, notification.queued_at)
    return {
        "flag": flag,
        "commitment": commitment,
        "negotiation": commitment.negotiation,
        "city": city,
        "is_overdue": flag.kind == FlagKind.OVERDUE,
        "days_overdue": (local_today - flag.due_on).days,
        "days_left": (flag.due_on - local_today).days,
        "why": explain(
            due_on=flag.due_on, completion=commitment.completion, local_today=local_today,
            due_soon_days=due_soon_days(), time_zone=city.time_zone,
        ),
        "url": _admin_url("commitments_commitment_change", commitment.pk),
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
