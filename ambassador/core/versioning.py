"""The version of the public data: a counter that every change to public data moves, read in one query.

The public site's ETags and its server-side page copies are keyed by this version
(``ambassador.transparency.caching``), so it must move with every change a reader could see and cost
next to nothing to read, however large the tables.

Writing
    ``public_data_changed()`` adds one to the version inside the caller's transaction, so the change
    and the new version become visible together, or not at all when the transaction rolls back. A
    reader that sees the new version therefore reads the new data; a copy is never stored under a
    version its content predates. Each domain app calls ``track_public_changes()`` from its
    ``AppConfig.ready()``: every save, delete and many-to-many change of its models moves the
    version. Bulk writes, which send no signals (``QuerySet.update()``, ``bulk_create``, raw SQL),
    call ``public_data_changed()`` themselves, after their last statement, so a long job holds its
    slot only for the moment before its commit.

Slots, not one row
    A single counter row would make every writer of public data wait for every other one until it
    commits, and two writers that lock records in different orders would deadlock on it. On
    PostgreSQL a writer instead takes the first slot no other transaction holds (``FOR UPDATE SKIP
    LOCKED``) and adds a slot when all are taken, so it never waits; the version is the sum of the
    slots. SQLite lets one writer in at a time, so it keeps one slot.

Every change, not once per transaction
    A second bump in the same transaction updates a slot again (the one it holds, unless a lower one
    came free): a few microseconds, and it never waits. Bumping
    once per transaction would break where a reader shares the writer's transaction (a test, or a
    request that writes and then reads), and a rolled-back savepoint would have to take the marker
    with it; not worth the saving.

Reading
    ``read_data_version()`` is one aggregate over the few slot rows: the sum of their counters and the
    latest change time (for Last-Modified).
"""

from __future__ import annotations

import datetime

from django.apps import apps
from django.db import DEFAULT_DB_ALIAS, connections, router
from django.db.models import Max, Sum
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone


def _model():
    # Looked up when used, not imported: the apps' configs import this module before models load.
    return apps.get_model("core", "DataVersion")


def public_data_changed(*, using: str | None = None) -> None:
    """Moves the public data's version, inside the current transaction (or at once, outside one)."""
    model = _model()
    using = using or router.db_for_write(model)
    connection = connections[using]
    now = timezone.now()
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"""
                WITH slot AS (SELECT id FROM {table} ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
                UPDATE {table} AS version SET number = version.number + 1, changed_at = %s
                FROM slot WHERE version.id = slot.id
                """,  # noqa: S608 - the name comes from the model
                [now],
            )
            if cursor.rowcount:
                return
            # Every slot is held by a transaction still running: add one rather than wait.
            cursor.execute(f"INSERT INTO {table} (number, changed_at) VALUES (1, %s)", [now])  # noqa: S608
            return
        cursor.execute(
            f"""
            INSERT INTO {table} (id, number, changed_at) VALUES (1, 1, %s)
            ON CONFLICT (id) DO UPDATE SET number = {table}.number + 1, changed_at = excluded.changed_at
            """,  # noqa: S608 - the name comes from the model
            [connection.ops.adapt_datetimefield_value(now)],
        )


def read_data_version(*, using: str | None = None) -> tuple[int, datetime.datetime | None]:
    """How many changes the public data has had, and when the latest was (None before the first); one query."""
    queryset = _model().objects.using(using) if using else _model().objects
    row = queryset.aggregate(number=Sum("number"), changed_at=Max("changed_at"))
    return row["number"] or 0, row["changed_at"]


def _on_write(sender, *, using: str = DEFAULT_DB_ALIAS, **kwargs) -> None:
    public_data_changed(using=using)


def _on_many_to_many(sender, *, action: str, using: str = DEFAULT_DB_ALIAS, **kwargs) -> None:
    if action in ("post_add", "post_remove", "post_clear"):
        public_data_changed(using=using)


def _is_history(model) -> bool:
    # Written next to their record's own save, or in bulk by a writer that moves the version itself.
    return getattr(model, "instance_type", None) is not None


def track_public_changes(app_config, *, exclude: tuple[str, ...] = ()) -> None:
    """Moves the version on every save, delete and many-to-many change of the app's models, but ``exclude``'s.

    ``exclude`` names models the public never sees (e.g. an outbox of emails), whose writes need not
    change any public page.
    """
    for model in app_config.get_models():
        if model.__name__ in exclude or _is_history(model):
            continue
        uid = f"public-data-version:{model._meta.label}"
        post_save.connect(_on_write, sender=model, dispatch_uid=f"{uid}:save")
        post_delete.connect(_on_write, sender=model, dispatch_uid=f"{uid}:delete")
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                _on_many_to_many, sender=field.remote_field.through, dispatch_uid=f"{uid}:{field.name}"
            )
