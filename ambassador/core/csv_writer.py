"""The one CSV writer: the staff API's ``?format=csv`` and the public ``/data/`` downloads both use it.

Cells are written the same way everywhere: nothing (None) is an empty cell; a list of names or
of records that have a name is joined with ``"; "``; any other list or record is written as
JSON; text a spreadsheet would run as a formula is kept as text. Rows stream one at a time, so
memory stays constant however many rows there are.
"""

from __future__ import annotations

import csv
import datetime
import json
from collections.abc import Iterable, Iterator
from decimal import Decimal

from .spreadsheets import spreadsheet_safe

LIST_SEPARATOR = "; "
# Keys that name a nested record, in the order they are tried ("city": {"name": ..., "slug": ...}).
LABEL_KEYS = ("name", "full_name", "title", "slug")


def json_default(value):
    """JSON for the values rows carry besides JSON's own: decimals as strings, dates in ISO 8601."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def as_json(value) -> str:
    return json.dumps(value, default=json_default, ensure_ascii=False, sort_keys=True)


def _label(item):
    """The text that names a list item, or None for a record without a name."""
    if isinstance(item, dict):
        return next((str(item[key]) for key in LABEL_KEYS if item.get(key)), None)
    if isinstance(item, list | tuple):
        return None
    return str(item)


def csv_cell(value):
    """One value as a CSV cell."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        labels = [_label(item) for item in value]
        if all(label is not None for label in labels):
            return spreadsheet_safe(LIST_SEPARATOR.join(labels))
        return as_json(list(value))
    if isinstance(value, dict):
        return as_json(value)
    return spreadsheet_safe(value)


class _Echo:
    """A file that hands back what is written to it, so ``csv.writer`` yields lines one at a time."""

    def write(self, value):
        return value


def csv_lines(header: Iterable[str], rows: Iterable[Iterable]) -> Iterator[str]:
    """The header line, then one line per row, each cell written by ``csv_cell``."""
    writer = csv.writer(_Echo())
    yield writer.writerow(list(header))
    for row in rows:
        yield writer.writerow([csv_cell(value) for value in row])
