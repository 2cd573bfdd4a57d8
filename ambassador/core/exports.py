"""Exports that stream rows straight from the database, through the one CSV writer.

An export is a list of ``Field``s: a header, a lookup path for ``values_list()`` and a kind. The
fields are read once per export, never per row, and the rows come from ``values_list()`` in chunks:
no model instances, no serializer per row, one query however many rows there are.

Each kind is written exactly as the staff API's serializers and the ``/data/`` downloads wrote it
before: a date in ISO 8601, a date and time in ISO 8601 on the clock of the row's city (or of a
fixed zone) with its UTC offset, a boolean as ``True``/``False``; the cell rules of
``csv_writer.csv_cell`` (nothing is an empty cell, text a spreadsheet would run is kept as text)
apply to every cell.

On PostgreSQL the database writes each CSV line itself (``csv_line_sql``: the same cell and quoting
rules in SQL, times converted with ``AT TIME ZONE`` per row's city) and the rows are read through a
server-side cursor, so Python only joins finished lines. Elsewhere (SQLite) the same fields are
formatted in Python and written by ``csv_writer.csv_lines``.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from django.db import connections
from django.db.models import QuerySet

from .csv_writer import csv_lines
from .spreadsheets import FORMULA_PREFIXES
from .timezones import city_localtime

TEXT = "text"
INTEGER = "integer"
BOOLEAN = "boolean"
DATE = "date"
DATETIME = "datetime"
KINDS = (TEXT, INTEGER, BOOLEAN, DATE, DATETIME)

# Rows fetched from the server-side cursor at a time, and joined into one piece of the response.
CHUNK_SIZE = 2000


@dataclass(frozen=True)
class Field:
    """One column of an export.

    ``path`` is a ``values_list()`` lookup (``negotiation__city__slug``, or an annotation).
    A ``DATETIME`` is shown on the clock of ``zone_path`` (the lookup of the row's city's time zone,
    e.g. ``negotiation__city__time_zone``), else of the fixed ``zone``; ``utc_as_z`` writes an
    offset of zero as ``Z``, as the API's date-time fields do.
    """

    name: str
    path: str
    kind: str = TEXT
    zone_path: str | None = None
    zone: str = "UTC"
    utc_as_z: bool = False

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"Unknown kind {self.kind!r}; use one of {KINDS}.")


# --- Python: the value each kind had in a row before it reached the CSV writer -----------------------------------


def _isoformat(value: datetime.datetime, zone, utc_as_z: bool) -> str:
    text = city_localtime(value, zone).isoformat()
    if utc_as_z and text.endswith("+00:00"):
        text = text[:-6] + "Z"
    return text


def _formatter(field: Field, zone_index: int | None) -> Callable[[tuple, object], object]:
    """A function of (row, value) giving the cell's value as the rows of the old exports carried it."""
    if field.kind == DATE:
        return lambda row, value: None if value is None else value.isoformat()
    if field.kind == DATETIME:
        if zone_index is None:
            return lambda row, value: None if value is None else _isoformat(value, field.zone, field.utc_as_z)
        return lambda row, value: None if value is None else _isoformat(value, row[zone_index], field.utc_as_z)
    return lambda row, value: value


class Export:
    """The rows of a queryset as the ``fields`` say, as lists, dicts or CSV lines."""

    def __init__(self, fields: Sequence[Field]):
        self.fields = tuple(fields)
        self.header = [field.name for field in self.fields]
        paths = [field.path for field in self.fields]
        # Lookups read only for a time zone come after the fields' own.
        for field in self.fields:
            if field.zone_path and field.zone_path not in paths:
                paths.append(field.zone_path)
        self.paths = tuple(paths)
        self._formatters = [
            _formatter(field, paths.index(field.zone_path) if field.zone_path else None) for field in self.fields
        ]

    def values(self, queryset: QuerySet) -> QuerySet:
        """The queryset's rows as tuples of ``paths`` (raises ``FieldError`` for a path it cannot read)."""
        return queryset.values_list(*self.paths)

    def rows(self, queryset: QuerySet, *, chunk_size: int = CHUNK_SIZE) -> Iterator[list]:
        formatters = self._formatters
        for row in self.values(queryset).iterator(chunk_size=chunk_size):
            yield [formatter(row, value) for formatter, value in zip(formatters, row, strict=False)]

    def dicts(self, queryset: QuerySet, *, chunk_size: int = CHUNK_SIZE) -> Iterator[dict]:
        header = self.header
        for row in self.rows(queryset, chunk_size=chunk_size):
            yield dict(zip(header, row, strict=True))

    def csv(self, queryset: QuerySet, *, chunk_size: int = CHUNK_SIZE) -> Iterator[str]:
        """The header line, then every row: written by PostgreSQL where it can, else by ``csv_lines``."""
        if connections[queryset.db].vendor == "postgresql":
            return self._csv_from_postgresql(queryset, chunk_size)
        return csv_lines(self.header, self.rows(queryset, chunk_size=chunk_size))

    def _csv_from_postgresql(self, queryset: QuerySet, chunk_size: int) -> Iterator[str]:
        inner, params = self.values(queryset).query.sql_with_params()
        sql = csv_line_sql(self.fields, self.paths, inner)
        yield next(csv_lines(self.header, ()))
        connection = connections[queryset.db]
        with connection.chunked_cursor() as cursor:
            cursor.execute(sql, params)
            while lines := cursor.fetchmany(chunk_size):
                yield "".join([line for (line,) in lines])


# --- PostgreSQL: the same cells, written by the database -----------------------------------------------------------


def _literal(text: str) -> str:
    """A constant of this module as an SQL string literal (E'' so that \\t and \\r are control characters)."""
    escaped = text.replace("\\", "\\\\").replace("'", "\\'").replace("\t", "\\t").replace("\r", "\\r")
    return f"E'{escaped.replace(chr(10), chr(92) + 'n')}'"


# A plain number (``-3.50``) starting with a formula prefix stays as it is (spreadsheets.py); Python's ``$``
# also matches before a final newline.
_NUMBER_RE = r"^[+-]?[0-9]+(\.[0-9]+)?\n?$"
_PREFIXES = ", ".join(_literal(prefix) for prefix in FORMULA_PREFIXES)
_NEEDS_QUOTES_RE = '[,"\\r\\n]'


def _guarded(column: str) -> str:
    """Text that a spreadsheet would run as a formula, with an apostrophe in front (``spreadsheet_safe``)."""
    return (
        f"CASE WHEN left({column}, 1) IN ({_PREFIXES}) AND {column} !~ {_literal(_NUMBER_RE)} "
        f"THEN '''' || {column} ELSE {column} END"
    )


def _quoted(column: str) -> str:
    """A cell as ``csv.writer`` quotes it: in double quotes, doubled inside, when it holds , \" CR or LF."""
    return (
        f"CASE WHEN {column} ~ {_literal(_NEEDS_QUOTES_RE)} "
        f"THEN '\"' || replace({column}, '\"', '\"\"') || '\"' ELSE {column} END"
    )


def _offset(seconds: str) -> str:
    """An offset in seconds east of UTC as Python's ``isoformat`` writes it: +HH:MM, with :SS when not whole.

    (``%%`` is the modulo operator: the statement is run with parameters.)
    """
    magnitude = f"abs({seconds})"
    return (
        f"CASE WHEN {seconds} < 0 THEN '-' ELSE '+' END"
        f" || lpad(({magnitude} / 3600)::text, 2, '0') || ':' || lpad(({magnitude} %% 3600 / 60)::text, 2, '0')"
        f" || CASE WHEN {magnitude} %% 60 <> 0 THEN ':' || lpad(({magnitude} %% 60)::text, 2, '0') ELSE '' END"
    )


def csv_line_sql(fields: Sequence[Field], paths: Sequence[str], inner: str) -> str:
    """SQL giving one finished CSV line (ending in CRLF) per row of ``inner`` (a ``values_list`` of ``paths``).

    Three levels, each kept apart with ``OFFSET 0`` so that a value computed once (a local time, a
    guarded text) is not computed again everywhere it is used.
    """
    columns = [f"r0.c{index}" for index in range(len(paths))]
    inner_columns = ", ".join(f"c{index}" for index in range(len(paths)))
    middle, cells = [], []
    for index, field in enumerate(fields):
        column = columns[index]
        value = f"r1.v{index}"
        if field.kind == TEXT:
            middle.append(f"{_guarded(f'{column}::text')} AS v{index}")
            cells.append(f"COALESCE({_quoted(value)}, '')")
        elif field.kind == INTEGER:
            middle.append(f"{column}::text AS v{index}")
            cells.append(f"COALESCE({value}, '')")
        elif field.kind == BOOLEAN:
            middle.append(f"CASE WHEN {column} THEN 'True' WHEN NOT {column} THEN 'False' END AS v{index}")
            cells.append(f"COALESCE({value}, '')")
        elif field.kind == DATE:
            middle.append(f"to_char({column}, 'YYYY-MM-DD') AS v{index}")
            cells.append(f"COALESCE({value}, '')")
        else:
            zone = columns[paths.index(field.zone_path)] if field.zone_path else _literal(field.zone)
            middle.append(f"({column} AT TIME ZONE {zone}) AS v{index}")
            middle.append(
                f"extract(epoch FROM ({column} AT TIME ZONE {zone}) - ({column} AT TIME ZONE 'UTC'))::int AS o{index}"
            )
            offset = _offset(f"r1.o{index}")
            if field.utc_as_z:
                offset = f"CASE WHEN r1.o{index} = 0 THEN 'Z' ELSE {offset} END"
            cells.append(
                f"COALESCE(to_char({value}, 'YYYY-MM-DD\"T\"HH24:MI:SS')"
                f" || CASE WHEN to_char({value}, 'US') <> '000000' THEN '.' || to_char({value}, 'US') ELSE '' END"
                f" || {offset}, '')"
            )
    line = " || ',' || ".join(cells) + " || E'\\r\\n'"
    # Built from the fields' kinds and constants of this module; the inner query keeps its own parameters.
    return (
        f"SELECT {line} FROM ("  # noqa: S608
        f"SELECT {', '.join(middle)} FROM (SELECT * FROM ({inner}) AS r ({inner_columns}) OFFSET 0) AS r0 OFFSET 0"
        f") AS r1"
    )
