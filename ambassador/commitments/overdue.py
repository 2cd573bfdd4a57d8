"""The overdue engine: which commitments are late, recorded as ``OverdueFlag`` rows by a few SQL statements.

The rule
    A commitment is *overdue* from the day after its due date in its city's time zone, until it is
    complete, withdrawn or broken. It is *due soon* when it is open and due today or within the next
    ``AMBASSADOR_DUE_SOON_DAYS`` days (default 14) of its city's today. ``flag_kind`` states the rule
    for one commitment as a function of plain values; ``CommitmentQuerySet.overdue()`` and
    ``.due_soon()`` state it for a whole table, and the tests check that both agree.

What a run does, in one transaction under the advisory lock ``flag_overdue_commitments``
    1. *Clears* every active flag whose commitment is complete, or whose due date is no longer the
       commitment's due date (the date was moved: the new date gets its own flag if it passes too).
       A commitment that ends withdrawn or broken keeps its flag: it was never delivered.
    2. *Raises* a flag of each kind for every commitment that calls for one and has none for its
       current due date: ``INSERT ... SELECT`` from the ORM's compiled ``overdue()`` /
       ``due_soon()`` query, ``ON CONFLICT DO NOTHING`` on the (commitment, kind, due date)
       constraint. A flag is therefore raised once per commitment, kind and due date, ever.
    3. *Re-raises* (clears ``cleared_at`` of) a flag whose commitment is overdue again on the same
       due date, e.g. marked complete by mistake and reopened. Its alert is not sent again.
    Each statement writes the audit rows for the flags it changed in the same statement (a
    data-modifying CTE feeding ``INSERT INTO commitments_historicaloverdueflag``), with no user
    and the change reason ``flag_overdue_commitments: raised|re-raised|cleared``: the job, not a
    person, is the actor, and a null user cannot log in or be confused with staff.

No row is loaded into Python: the work is the same for ten commitments or a million. A second
run while one holds the lock does nothing and says so (``OverdueRun.ran`` is False); a run killed
half-way leaves nothing behind, because the transaction rolls back and the lock goes with it.
Alerts for new flags are queued by ``ambassador.commitments.notifications`` afterwards.
"""

from __future__ import annotations

import dataclasses
import datetime
import logging

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Exists, F, OuterRef, QuerySet
from django.utils import timezone

from ambassador.stakeholders.jobs import job_lock

from .checkpoints import checkpoint
from .choices import FINISHED_LEVELS, CompletionLevel, FlagKind
from .models import Commitment, OverdueFlag
from .querysets import local_dates_by_zone

logger = logging.getLogger(__name__)

JOB_NAME = "flag_overdue_commitments"
DEFAULT_DUE_SOON_DAYS = 14


def due_soon_days() -> int:
    """How many days ahead a due-soon warning looks (setting ``AMBASSADOR_DUE_SOON_DAYS``)."""
    return int(getattr(settings, "AMBASSADOR_DUE_SOON_DAYS", DEFAULT_DUE_SOON_DAYS))


def flag_kind(
    *, due_on: datetime.date | None, completion: str, local_today: datetime.date, due_soon_days: int
) -> FlagKind | None:
    """The flag a commitment calls for on its city's ``local_today``: overdue, due soon, or none."""
    if due_on is None or completion in FINISHED_LEVELS:
        return None
    if due_on < local_today:
        return FlagKind.OVERDUE
    if due_on <= local_today + datetime.timedelta(days=due_soon_days):
        return FlagKind.DUE_SOON
    return None


def explain(
    *, due_on: datetime.date | None, completion: str, local_today: datetime.date, due_soon_days: int,
    time_zone: str,
) -> str:
    """One plain sentence saying why a commitment is, or is not, flagged."""
    if due_on is None:
        return "It has no due date, so it cannot be late."
    if completion in FINISHED_LEVELS:
        return f"It is {CompletionLevel(completion).label.lower()}, so it is not flagged as late."
    today = f"it is {local_today:%Y-%m-%d} in {time_zone}"
    kind = flag_kind(due_on=due_on, completion=completion, local_today=local_today, due_soon_days=due_soon_days)
    if kind == FlagKind.OVERDUE:
        days = (local_today - due_on).days
        return (
            f"It was due on {due_on:%Y-%m-%d}; {today} and it is not complete, withdrawn or broken, "
            f"so it is {days} day{'s' if days != 1 else ''} overdue."
        )
    if kind == FlagKind.DUE_SOON:
        return f"It is due on {due_on:%Y-%m-%d}; {today}, within the {due_soon_days}-day warning period."
    return f"It is due on {due_on:%Y-%m-%d}; {today}, more than {due_soon_days} days ahead."


@dataclasses.dataclass(frozen=True)
class OverdueRun:
    """What one run did: the counts of flags it changed, and each time zone's date it judged by."""

    ran: bool
    now: datetime.datetime
    local_dates: dict[str, datetime.date] = dataclasses.field(default_factory=dict)
    raised: dict[str, int] = dataclasses.field(default_factory=dict)
    reopened: dict[str, int] = dataclasses.field(default_factory=dict)
    cleared: int = 0

    def summary(self) -> str:
        if not self.ran:
            return f"{JOB_NAME}: another run holds the lock; this one changed nothing"
        dates = ", ".join(f"{zone} {day:%Y-%m-%d}" for zone, day in sorted(self.local_dates.items())) or "no cities"
        return (
            f"{JOB_NAME} at {self.now:%Y-%m-%d %H:%M:%S %Z}: raised {self.raised.get(FlagKind.OVERDUE, 0)} overdue "
            f"and {self.raised.get(FlagKind.DUE_SOON, 0)} due-soon flags, re-raised {sum(self.reopened.values())}, "
            f"cleared {self.cleared} (local dates: {dates})"
        )


def flag_overdue_commitments(
    *,
    now: datetime.datetime | None = None,
    within_days: int | None = None,
    commitment_ids: list[int] | None = None,
) -> OverdueRun:
    """Brings the flags in line with the rule at ``now`` (default: the current instant).

    ``within_days`` overrides the due-soon period; ``commitment_ids`` limits the run to those
    commitments (e.g. after one was updated). Returns what changed; ``ran`` is False when another
    run held the lock, in which case nothing was done.
    """
    now = now or timezone.now()
    within_days = due_soon_days() if within_days is None else within_days
    with job_lock(JOB_NAME) as acquired:
        if not acquired:
            run = OverdueRun(ran=False, now=now)
            logger.info(run.summary())
            return run
        commitments = Commitment.objects.all()
        if commitment_ids is not None:
            commitments = commitments.filter(pk__in=commitment_ids)
        local_dates = local_dates_by_zone(now)
        cleared = _clear(now=now, commitment_ids=commitment_ids)
        candidates = {
            FlagKind.OVERDUE: commitments.overdue(now=now),
            FlagKind.DUE_SOON: commitments.due_soon(within_days=within_days, now=now),
        }
        raised = {kind: _raise(kind, queryset, now=now) for kind, queryset in candidates.items()}
        reopened = {kind: _reopen(kind, queryset, now=now) for kind, queryset in candidates.items()}
        # Tests stop a run here, with its writes done but not committed, and kill its worker.
        checkpoint(JOB_NAME)
    run = OverdueRun(
        ran=True, now=now, local_dates=local_dates, raised=raised, reopened=reopened, cleared=cleared
    )
    logger.info(run.summary())
    return run


# --- SQL -------------------------------------------------------------------------------------------

def _quoted_table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _compiled(queryset: QuerySet) -> tuple[str, tuple] | None:
    """The queryset's SQL and parameters, or None when it can match nothing (e.g. no cities yet)."""
    try:
        return queryset.query.get_compiler(connection=connection).as_sql()
    except EmptyResultSet:
        return None


def flag_audit_sql(source: str, *, now: datetime.datetime, reason: str, history_type: str) -> tuple[str, list]:
    """An ``INSERT ... SELECT`` writing one history row per row of the CTE ``source``, by a job (no user)."""
    columns = ", ".join(connection.ops.quote_name(field.column) for field in OverdueFlag._meta.concrete_fields)
    sql = (
        f"INSERT INTO {_quoted_table(OverdueFlag.history.model)} "  # noqa: S608 - names from model metadata
        f"({columns}, history_date, history_change_reason, history_type, history_user_id) "
        f"SELECT {columns}, %s, %s, %s, NULL FROM {source}"
    )
    return sql, [now, reason, history_type]


def _execute(sql: str, params: list) -> int:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


def _raise(kind: FlagKind, candidates: QuerySet, *, now: datetime.datetime) -> int:
    """Raises a ``kind`` flag for each candidate without one for its due date; returns how many."""
    already_flagged = OverdueFlag.objects.filter(commitment=OuterRef("pk"), kind=kind, due_on=OuterRef("due_on"))
    compiled = _compiled(candidates.exclude(Exists(already_flagged)).order_by().values_list("pk", "due_on"))
    if compiled is None:
        return 0
    select_sql, select_params = compiled
    audit_sql, audit_params = flag_audit_sql("raised", now=now, reason=f"{JOB_NAME}: raised", history_type="+")
    # The NOT EXISTS above lets PostgreSQL skip flagged rows with one anti-join; ON CONFLICT is
    # the guarantee, should another writer get a flag in between.
    sql = f"""
        WITH raised AS (
            INSERT INTO {_quoted_table(OverdueFlag)} (commitment_id, kind, due_on, raised_at)
            SELECT candidate.id, %s, candidate.due_on, %s FROM ({select_sql}) AS candidate (id, due_on)
            ON CONFLICT (commitment_id, kind, due_on) DO NOTHING
            RETURNING *
        )
        {audit_sql}
    """  # noqa: S608 - names from model metadata, values as parameters
    return _execute(sql, [kind.value, now, *select_params, *audit_params])


def _reopen(kind: FlagKind, candidates: QuerySet, *, now: datetime.datetime) -> int:
    """Re-raises cleared ``kind`` flags of candidates that call for one again on the same due date."""
    compiled = _compiled(
        OverdueFlag.objects.filter(
            kind=kind,
            cleared_at__isnull=False,
            commitment__in=candidates.order_by().values("pk"),
            due_on=F("commitment__due_on"),
        ).order_by().values("pk")
    )
    if compiled is None:
        return 0
    select_sql, select_params = compiled
    audit_sql, audit_params = flag_audit_sql("reopened", now=now, reason=f"{JOB_NAME}: re-raised", history_type="~")
    sql = f"""
        WITH reopened AS (
            UPDATE {_quoted_table(OverdueFlag)} SET cleared_at = NULL WHERE id IN ({select_sql}) RETURNING *
        )
        {audit_sql}
    """  # noqa: S608 - names from model metadata, values as parameters
    return _execute(sql, [*select_params, *audit_params])


def _clear(*, now: datetime.datetime, commitment_ids: list[int] | None) -> int:
    """Clears active flags of complete commitments and of due dates that were moved; returns how many."""
    audit_sql, audit_params = flag_audit_sql("cleared", now=now, reason=f"{JOB_NAME}: cleared", history_type="~")
    scope, scope_params = ("AND flag.commitment_id = ANY(%s)", [list(commitment_ids)]) if commitment_ids is not None \
        else ("", [])
    # GREATEST keeps the "cleared after raised" constraint when a run is given an earlier ``now``.
    sql = f"""
        WITH cleared AS (
            UPDATE {_quoted_table(OverdueFlag)} AS flag SET cleared_at = GREATEST(%s, flag.raised_at)
            FROM {_quoted_table(Commitment)} AS commitment
            WHERE commitment.id = flag.commitment_id
              AND flag.cleared_at IS NULL
              AND (commitment.completion = %s OR commitment.due_on IS DISTINCT FROM flag.due_on)
              {scope}
            RETURNING flag.*
        )
        {audit_sql}
    """  # noqa: S608 - names from model metadata, values as parameters
    return _execute(sql, [now, CompletionLevel.COMPLETE.value, *scope_params, *audit_params])
