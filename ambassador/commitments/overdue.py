"""The overdue engine: which commitments are late, recorded as ``OverdueFlag`` rows by a few SQL statements.

The rule
    A commitment is *overdue* from the day after its due date in its city's time zone, until it is
    complete, withdrawn or broken. It is *due soon* when it is open and due today or within the next
    ``AMBASSADOR_DUE_SOON_DAYS`` days (default 14) of its city's today. ``flag_kind`` states the rule
    for one commitment as a function of plain values; ``CommitmentQuerySet.overdue()``,
    ``.due_soon()`` and ``.with_flag_kind()`` state it for a whole table, and the tests check that
    the flags a run leaves agree with ``flag_kind`` for every commitment.

What a run does, in one transaction under the advisory lock ``flag_overdue_commitments``
    1. *Clears* every active flag whose commitment is complete, or whose due date is no longer the
       commitment's due date (the date was moved: the new date gets its own flag if it passes too).
       A commitment that ends withdrawn or broken keeps its flag: it was never delivered.
    2. *Raises* a flag of each kind for every commitment that calls for one and has none for its
       current due date, and *re-raises* (empties ``cleared_at`` of) a cleared flag whose commitment
       calls for it again on the same due date, e.g. marked complete by mistake and reopened; its
       alert is not sent again. One statement does both: ``INSERT ... SELECT`` and ``UPDATE ...
       FROM`` over the ORM's compiled ``with_flag_kind()`` query (the union of ``overdue()`` and
       ``due_soon()``), read once, with ``ON CONFLICT DO NOTHING`` on the (commitment, kind, due
       date) constraint. A flag is therefore raised once per commitment, kind and due date, ever.
    Each statement writes the audit rows for the flags it changed in the same statement (a
    data-modifying CTE feeding ``INSERT INTO commitments_historicaloverdueflag``), with no user
    and the change reason ``flag_overdue_commitments: raised|re-raised|cleared``: the job, not a
    person, is the actor, and a null user cannot log in or be confused with staff.

No row is loaded into Python: the work is the same for ten commitments or a million. A second
run while one holds the lock does nothing and says so (``OverdueRun.ran`` is False); a run killed
half-way leaves nothing behind, because the transaction rolls back and the lock goes with it.
Alerts for new flags are queued by ``ambassador.commitments.notifications`` afterwards.

On databases other than PostgreSQL (SQLite, which ``make run`` uses for the demo) the same run
goes through bulk ORM operations instead (``_run_through_the_orm``); the tests run both.
"""

from __future__ import annotations

import dataclasses
import datetime
import logging

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import F, Q, QuerySet
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from ambassador.core.jobs import job_lock

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
        candidates = commitments.with_flag_kind(within_days=within_days, now=now)
        if set_based_sql():
            cleared = _clear(now=now, commitment_ids=commitment_ids)
            raised, reopened = _raise_and_reopen(candidates, now=now)
        else:
            cleared, raised, reopened = _run_through_the_orm(candidates, now=now, commitment_ids=commitment_ids)
        # Tests stop a run here, with its writes done but not committed, and kill its worker.
        checkpoint(JOB_NAME)
    run = OverdueRun(
        ran=True, now=now, local_dates=local_dates, raised=raised, reopened=reopened, cleared=cleared
    )
    logger.info(run.summary())
    return run


def set_based_sql() -> bool:
    """Whether the database runs the set-based statements below: PostgreSQL does; SQLite (the demo) does not."""
    return connection.vendor == "postgresql"


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


def _raise_and_reopen(candidates: QuerySet, *, now: datetime.datetime) -> tuple[dict[str, int], dict[str, int]]:
    """Raises each flag the candidates call for and lacks, and re-raises cleared ones they call for again.

    One statement: the candidates (the ORM's ``with_flag_kind()`` query: open commitments overdue or
    due soon in their city's time zone, with the kind of flag each calls for) are read once; new
    flags are inserted for those without a flag of that kind and due date (``NOT EXISTS`` lets
    PostgreSQL skip flagged rows with one anti-join; ``ON CONFLICT`` is the guarantee should
    another writer get in between); cleared flags matching a candidate are re-raised; and both
    get their audit rows. Returns the counts raised and re-raised, by kind.
    """
    counts = {"raised": _no_flags(), "reopened": _no_flags()}
    compiled = _compiled(candidates.order_by().values_list("pk", "flag_kind", "due_on"))
    if compiled is None:
        return counts["raised"], counts["reopened"]
    candidates_sql, candidates_params = compiled
    flags = _quoted_table(OverdueFlag)
    raised_audit, raised_audit_params = flag_audit_sql(
        "raised", now=now, reason=f"{JOB_NAME}: raised", history_type="+"
    )
    reopened_audit, reopened_audit_params = flag_audit_sql(
        "reopened", now=now, reason=f"{JOB_NAME}: re-raised", history_type="~"
    )
    same_flag = "flag.commitment_id = candidate.id AND flag.kind = candidate.kind AND flag.due_on = candidate.due_on"
    sql = f"""
        WITH candidate (id, kind, due_on) AS MATERIALIZED ({candidates_sql}),
        raised AS (
            INSERT INTO {flags} (commitment_id, kind, due_on, raised_at)
            SELECT candidate.id, candidate.kind, candidate.due_on, %s FROM candidate
            WHERE NOT EXISTS (SELECT FROM {flags} AS flag WHERE {same_flag})
            ON CONFLICT (commitment_id, kind, due_on) DO NOTHING
            RETURNING *
        ),
        reopened AS (
            UPDATE {flags} AS flag SET cleared_at = NULL FROM candidate
            WHERE flag.cleared_at IS NOT NULL AND {same_flag}
            RETURNING flag.*
        ),
        raised_audit AS ({raised_audit}),
        reopened_audit AS ({reopened_audit})
        SELECT 'raised', kind, count(*) FROM raised GROUP BY kind
        UNION ALL
        SELECT 'reopened', kind, count(*) FROM reopened GROUP BY kind
    """  # noqa: S608 - names from model metadata, values as parameters
    params = [*candidates_params, now, *raised_audit_params, *reopened_audit_params]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for action, kind, count in cursor.fetchall():
            counts[action][kind] = count
    return counts["raised"], counts["reopened"]


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


# --- Other databases -------------------------------------------------------------------------------

def _no_flags() -> dict[str, int]:
    return {kind.value: 0 for kind in FlagKind}


def _run_through_the_orm(
    candidates: QuerySet, *, now: datetime.datetime, commitment_ids: list[int] | None
) -> tuple[int, dict[str, int], dict[str, int]]:
    """The same run for databases without data-modifying CTEs: SQLite, which ``make run`` uses.

    The same rule (the same ``with_flag_kind()`` query), the same changes and the same audit rows
    (by simple-history's bulk helpers), in a few bulk statements; but the flags pass through
    Python, which suits a demo's thousands of rows and not production's million.
    """
    stale = OverdueFlag.objects.active().filter(
        Q(commitment__completion=CompletionLevel.COMPLETE)
        | Q(commitment__due_on__isnull=True)
        | ~Q(due_on=F("commitment__due_on"))
    )
    if commitment_ids is not None:
        stale = stale.filter(commitment_id__in=commitment_ids)
    cleared = list(stale)
    for flag in cleared:
        flag.cleared_at = max(now, flag.raised_at)
    bulk_update_with_history(
        cleared, OverdueFlag, ["cleared_at"], default_change_reason=f"{JOB_NAME}: cleared", default_date=now
    )

    wanted = set(candidates.order_by().values_list("pk", "flag_kind", "due_on"))
    existing = {(flag.commitment_id, flag.kind, flag.due_on): flag for flag in OverdueFlag.objects.all()}
    new = [
        OverdueFlag(commitment_id=commitment_id, kind=kind, due_on=due_on, raised_at=now)
        for commitment_id, kind, due_on in sorted(wanted)
        if (commitment_id, kind, due_on) not in existing
    ]
    bulk_create_with_history(new, OverdueFlag, default_change_reason=f"{JOB_NAME}: raised", default_date=now)
    reopened = [flag for key, flag in existing.items() if key in wanted and flag.cleared_at is not None]
    for flag in reopened:
        flag.cleared_at = None
    bulk_update_with_history(
        reopened, OverdueFlag, ["cleared_at"], default_change_reason=f"{JOB_NAME}: re-raised", default_date=now
    )
    raised, again = _no_flags(), _no_flags()
    for flag in new:
        raised[flag.kind] += 1
    for flag in reopened:
        again[flag.kind] += 1
    return len(cleared), raised, again
