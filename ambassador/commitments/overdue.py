"""The overdue engine: which commitments are late, recorded as ``OverdueFlag`` rows by a few SQL statements.

The rule
    A commitment is *overdue* from the day after its due date in its city's time zone, until it is
    complete, withdrawn or broken. It is *due soon* when it is open and due today or within the next
    ``AMBASSADOR_DUE_SOON_DAYS`` days (default 14) of its city's today. ``flag_kind`` states the rule
    for one commitment as a function of plain values; ``CommitmentQuerySet.overdue()``,
    ``.due_soon()`` and ``.with_flag_kind()`` state it for a whole table, and the tests check that
    the flags a run leaves agree with ``flag_kind`` for every commitment.

What a run does, in one transaction under the lock ``flag_overdue_commitments`` (``job_lock``)
    1. *Clears* every active flag whose commitment is complete, or whose due date is no longer the
       commitment's due date (the date was moved: the new date gets its own flag if it passes too).
       A commitment that ends withdrawn or broken keeps its flag: it was never delivered. One
       ``UPDATE ... FROM`` returns the ids of the flags it cleared.
    2. *Raises* a flag of each kind for every commitment that calls for one and has none for its
       current due date, and *re-raises* (empties ``cleared_at`` of) a cleared flag whose commitment
       calls for it again on the same due date, e.g. marked complete by mistake and reopened; its
       alert is not sent again. One statement does both: an ``INSERT ... SELECT`` over the ORM's
       compiled ``with_flag_kind()`` query (the union of ``overdue()`` and ``due_soon()``), read
       once, skipping commitments whose flag is active (``NOT EXISTS``), with ``ON CONFLICT ... DO
       UPDATE`` on the (commitment, kind, due date) constraint turning the insert of a flag that
       exists, cleared, into its re-raising. A flag is therefore raised once per commitment, kind
       and due date, ever. The statement returns each flag's id and kind: the job alone inserts
       flags, under its lock, so those above the highest id before the statement are new and the
       others re-raised.
    3. *Audits* the flags each step changed, as they now are, with an ``INSERT ... SELECT`` into
       ``commitments_historicaloverdueflag`` per step (new flags by their id range, the few cleared
       and re-raised ones by id), with no user and the change reason
       ``flag_overdue_commitments: raised|re-raised|cleared``: the job, not a person, is the actor,
       and a null user cannot log in or be confused with staff.

The statements are plain SQL that PostgreSQL and SQLite (3.35 or newer, which ``make run`` uses
for the demo) both run, so the demo runs the code production runs; the tests run on both. No
commitment is loaded into Python, only the id and kind of each flag a run changes, and a run is
the same few statements for ten commitments or a million. On PostgreSQL the lock is an advisory
lock: a second run while one holds it does nothing and says so (``OverdueRun.ran`` is False); on
SQLite, which lets one writer in at a time, a second run waits for the first. A run killed
half-way leaves nothing behind, because the transaction rolls back and the lock goes with it.
Alerts for new flags are queued by ``ambassador.commitments.notifications`` afterwards, with the
same helpers.
"""

from __future__ import annotations

import dataclasses
import datetime
import logging
from collections.abc import Iterator, Sequence

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import QuerySet
from django.utils import timezone

from ambassador.core.actors import system_user
from ambassador.core.jobs import job_lock
from ambassador.core.timezones import local_dates_by_zone
from ambassador.core.versioning import public_data_changed

from .checkpoints import checkpoint
from .choices import FINISHED_LEVELS, CompletionLevel, FlagKind
from .models import Commitment, OverdueFlag

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
        cleared = _clear(now=now, commitment_ids=commitment_ids)
        raised, reopened = _raise_and_reopen(candidates, now=now)
        if cleared or sum(raised.values()) or sum(reopened.values()):
            # Last, so the run holds its slot of the version only until it commits.
            public_data_changed()
        # Tests stop a run here, with its writes done but not committed, and kill its worker.
        checkpoint(JOB_NAME)
    run = OverdueRun(
        ran=True, now=now, local_dates=local_dates, raised=raised, reopened=reopened, cleared=cleared
    )
    logger.info(run.summary())
    return run


# --- SQL, the same on PostgreSQL and SQLite ---------------------------------------------------------

# Ids passed to one statement at most; SQLite limits a statement's parameters.
ID_BATCH_SIZE = 10_000


def _quoted_table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def instant(value: datetime.datetime):
    """``value`` as the database stores a ``DateTimeField`` (SQLite keeps text in UTC)."""
    return connection.ops.adapt_datetimefield_value(value)


def _compiled(queryset: QuerySet) -> tuple[str, tuple] | None:
    """The queryset's SQL and parameters, or None when it can match nothing (e.g. no cities yet)."""
    try:
        return queryset.query.get_compiler(connection=connection).as_sql()
    except EmptyResultSet:
        return None


def _execute(sql: str, params: Sequence) -> int:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


def returned_ids(sql: str, params: Sequence) -> list[int]:
    """The first column of every row a statement returns (its ``RETURNING id``)."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def id_batches(ids: Sequence[int]) -> Iterator[tuple[str, list[int]]]:
    """``("%s, %s, ...", ids)`` for an ``IN (...)`` list, a batch of at most ``ID_BATCH_SIZE`` ids at a time."""
    size = min(ID_BATCH_SIZE, (connection.features.max_query_params or ID_BATCH_SIZE) - 10)
    for start in range(0, len(ids), size):
        batch = list(ids[start:start + size])
        yield ", ".join(["%s"] * len(batch)), batch


def audit_flags(condition: str, params: Sequence, *, now: datetime.datetime, reason: str, history_type: str) -> int:
    """Writes one history row per flag matching ``condition`` (on the alias ``flag``), as it now is, by a job.

    The rows are written as the ``system`` account (the job, named in the reason, is the actor),
    with ``history_date`` ``now`` and the given change reason; returns how many were written.
    """
    columns = ", ".join(connection.ops.quote_name(field.column) for field in OverdueFlag._meta.concrete_fields)
    sql = (
        f"INSERT INTO {_quoted_table(OverdueFlag.history.model)} "  # noqa: S608 - names from model metadata
        f"({columns}, history_date, history_change_reason, history_type, history_user_id) "
        f"SELECT {columns}, %s, %s, %s, %s FROM {_quoted_table(OverdueFlag)} AS flag WHERE {condition}"
    )
    return _execute(sql, [instant(now), reason, history_type, system_user().pk, *params])


def audit_flag_ids(ids: Sequence[int], *, now: datetime.datetime, reason: str, history_type: str) -> int:
    """``audit_flags`` for the flags with these ids."""
    return sum(
        audit_flags(f"flag.id IN ({placeholders})", batch, now=now, reason=reason, history_type=history_type)
        for placeholders, batch in id_batches(ids)
    )


def _no_flags() -> dict[str, int]:
    return {kind.value: 0 for kind in FlagKind}


def _clear(*, now: datetime.datetime, commitment_ids: list[int] | None) -> int:
    """Clears active flags of complete commitments and of due dates that were moved; returns how many."""
    flags = _quoted_table(OverdueFlag)  # not aliased: SQLite's RETURNING names the table itself
    scope, scope_params = "", []
    if commitment_ids is not None:
        if not commitment_ids:
            return 0
        scope = f"AND {flags}.commitment_id IN ({', '.join(['%s'] * len(commitment_ids))})"
        scope_params = commitment_ids
    # The CASE keeps the "cleared after raised" constraint when a run is given an earlier ``now``.
    sql = f"""
        UPDATE {flags}
        SET cleared_at = CASE WHEN {flags}.raised_at > %s THEN {flags}.raised_at ELSE %s END
        FROM {_quoted_table(Commitment)} AS commitment
        WHERE commitment.id = {flags}.commitment_id
          AND {flags}.cleared_at IS NULL
          AND (commitment.completion = %s OR commitment.due_on IS NULL OR commitment.due_on <> {flags}.due_on)
          {scope}
        RETURNING {flags}.id
    """  # noqa: S608 - names from model metadata, values as parameters
    at = instant(now)
    cleared = returned_ids(sql, [at, at, CompletionLevel.COMPLETE.value, *scope_params])
    audit_flag_ids(cleared, now=now, reason=f"{JOB_NAME}: cleared", history_type="~")
    return len(cleared)


def _raise_and_reopen(candidates: QuerySet, *, now: datetime.datetime) -> tuple[dict[str, int], dict[str, int]]:
    """Raises each flag the candidates call for and lacks, and re-raises cleared ones they call for again.

    One statement: the candidates (the ORM's ``with_flag_kind()`` query: open commitments overdue or
    due soon in their city's time zone, with the kind of flag each calls for) are read once; those
    whose flag of that kind and due date is active are skipped (``NOT EXISTS``: one anti-join, so a
    run with nothing new writes nothing); the others are inserted, and an insert that meets a
    cleared flag of the same commitment, kind and due date re-raises it instead (``ON CONFLICT ...
    DO UPDATE``). Then each group gets its audit rows. Returns the counts raised and re-raised, by kind.
    """
    raised, reopened = _no_flags(), _no_flags()
    compiled = _compiled(candidates.order_by().values_list("pk", "flag_kind", "due_on"))
    if compiled is None:
        return raised, reopened
    candidates_sql, candidates_params = compiled
    flags = _quoted_table(OverdueFlag)
    with connection.cursor() as cursor:
        # Flags are inserted by this job alone, under its lock: those above this id are the ones it raises.
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {flags}")  # noqa: S608 - name from model metadata
        last_id = cursor.fetchone()[0]
        cursor.execute(
            f"""
            WITH candidate (commitment_id, kind, due_on) AS ({candidates_sql})
            INSERT INTO {flags} (commitment_id, kind, due_on, raised_at)
            SELECT candidate.commitment_id, candidate.kind, candidate.due_on, %s FROM candidate
            WHERE NOT EXISTS (
                SELECT 1 FROM {flags} AS flag
                WHERE flag.commitment_id = candidate.commitment_id AND flag.kind = candidate.kind
                  AND flag.due_on = candidate.due_on AND flag.cleared_at IS NULL
            )
            ON CONFLICT (commitment_id, kind, due_on) DO UPDATE SET cleared_at = NULL
            WHERE {flags}.cleared_at IS NOT NULL
            RETURNING id, kind
            """,  # noqa: S608 - names from model metadata, values as parameters
            [*candidates_params, instant(now)],
        )
        reopened_ids = []
        while rows := cursor.fetchmany(ID_BATCH_SIZE):
            for flag_id, kind in rows:
                if flag_id > last_id:
                    raised[kind] += 1
                else:
                    reopened[kind] += 1
                    reopened_ids.append(flag_id)
    if sum(raised.values()):
        audit_flags("flag.id > %s", [last_id], now=now, reason=f"{JOB_NAME}: raised", history_type="+")
    audit_flag_ids(reopened_ids, now=now, reason=f"{JOB_NAME}: re-raised", history_type="~")
    return raised, reopened
