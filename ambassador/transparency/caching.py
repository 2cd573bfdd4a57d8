"""Conditional GET for the public site: ETag, Last-Modified and 304s that never serve stale records.

A public page depends on the records and on the date (a confidential meeting appears on its
release date with no write at all). Its version is therefore the latest change recorded anywhere
in the data (every model keeps a history table, which also records deletions) together with the
flags and scores written in bulk, and the date, which turns at each city's own midnight. One query
reads the changes, another the cities' time zones, so a publish is visible at once, an embargo
ends on the page when its city's day begins, and an unchanged page answers 304 without rendering.
"""

from __future__ import annotations

import datetime
import functools
import hashlib

from django.apps import apps
from django.db import connection
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.dateparse import parse_datetime
from django.utils.translation import get_language
from django.views.decorators.http import condition

from ambassador.core.timezones import latest_city_midnight

DATA_APPS = ("stakeholders", "negotiations", "commitments", "risk")

# Columns written by bulk operations, which skip the history tables.
BULK_WRITTEN = (
    ("commitments", "OverdueFlag", "raised_at"),
    ("commitments", "OverdueFlag", "cleared_at"),
    ("risk", "RiskAssessment", "computed_at"),
    ("risk", "RiskRun", "finished_at"),
    # Public notices keep no history table of their own.
    ("core", "PublicNotice", "occurred_at"),
)


@functools.cache
def _version_sql() -> str:
    quote = connection.ops.quote_name
    columns = []
    for model in apps.get_models():
        is_history = model._meta.app_label in DATA_APPS and model.__name__.startswith("Historical")
        if is_history and any(f.name == "history_date" for f in model._meta.get_fields()):
            columns.append((model._meta.db_table, model._meta.get_field("history_date").column))
    for app_label, model_name, field_name in BULK_WRITTEN:
        try:
            model = apps.get_model(app_label, model_name)
        except LookupError:  # a model another part of the project has not added (yet)
            continue
        columns.append((model._meta.db_table, model._meta.get_field(field_name).column))
    # Table and column names come from the models, never from input.
    selects = ", ".join(f"(SELECT MAX({quote(column)}) FROM {quote(table)})" for table, column in columns)  # noqa: S608
    return f"SELECT {selects}"


def _as_datetime(value) -> datetime.datetime | None:
    if value is None:
        return None
    if isinstance(value, str):  # SQLite returns text
        value = parse_datetime(value)
        if value is None:
            return None
    if timezone.is_naive(value):
        value = timezone.make_aware(value, datetime.UTC)
    return value


def data_changed_at() -> datetime.datetime:
    """The latest change to the public data, never earlier than the latest midnight in any city's time zone."""
    with connection.cursor() as cursor:
        cursor.execute(_version_sql())
        row = cursor.fetchone()
    changes = [value for value in (_as_datetime(v) for v in row) if value is not None]
    return max([latest_city_midnight(), *changes])


def _request_version(request) -> datetime.datetime:
    # Computed once per request: the ETag and Last-Modified functions both need it.
    if not hasattr(request, "_public_data_changed_at"):
        request._public_data_changed_at = data_changed_at()
    return request._public_data_changed_at


def _etag(request, *args, **kwargs) -> str:
    changed = _request_version(request)
    key = f"{changed.isoformat()}|{get_language()}|{request.get_full_path()}"
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def _last_modified(request, *args, **kwargs) -> datetime.datetime:
    return _request_version(request)


def public_page(view):
    """Adds ETag / Last-Modified with 304s, and cache headers that make caches revalidate each time."""
    conditional = condition(etag_func=_etag, last_modified_func=_last_modified)(view)

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        response = conditional(request, *args, **kwargs)
        if response.status_code in (200, 304):
            patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
            patch_vary_headers(response, ("Accept-Language",))
        return response

    return wrapper
