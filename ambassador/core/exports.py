"""Exports that stream rows straight from the database, through the one CSV writer.

An export is a list of ``Field``s: a header, a lookup path for ``values_list()`` and a kind. The
fields are read once per export, never per row, and the rows come from ``values_list()`` in chunks:
no model instances, no serializer per row, one query however many rows there are.

Each kind is written exactly as the staff API's serializers and the ``/data/`` downloads wrote it
before: a date in ISO 8601, a date and time in ISO 8601 on the clock of the row's city (or of a
fixed zone) with its UTC offset, a boolean as ``True``/``False``; the cell rules of
``csv_writer.csv_cell`` (nothing is an empty cell, text a spreadsheet would run is kept as text)
apply to every cell.

On PostgreSQL the database writes the CSV itself with ``COPY ... TO STDOUT`` (``copy_sql``: the same
cell rules in SQL, times converted with ``AT TIME ZONE`` per row's city, PostgreSQL's own quoting,
which is ``csv.writer``'s), and Python only ends its lines in CRLF as ``csv.writer`` does
(``crlf_lines``). Elsewhere (SQLite) the same fields are formatted in Python and written by
``csv_writer.csv_lines``.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import nullcontext
from dataclasses import dataclass

from django.db import connections
from django.db.models import QuerySet

from .csv_writer import csv_lines, json_default
from .spreadsheets import FORMULA_PREFIXES
from .timezones import city_localtime

TEXT = "text"
INTEGER = "integer"
BOOLEAN = "boolean"
DATE = "date"
DATETIME = "datetime"
KINDS = (TEXT, INTEGER, BOOLEAN, DATE, DATETIME)

# json_build_object takes at most 100 arguments: a name and a value per field.
MAX_JSON_FIELDS = 50
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


def _converter(field: Field, zone_index: int | None) -> Callable[[tuple, object], object] | None:
    """A function of (row, value) giving a date or time as the rows of the old exports carried it; None to keep it."""
    if field.kind == DATE:
        return lambda row, value: value.isoformat()
    if field.kind == DATETIME:
        if zone_index is None:
            return lambda row, value: _isoformat(value, field.zone, field.utc_as_z)
        return lambda row, value: _isoformat(value, row[zone_index], field.utc_as_z)
    return None


class Export:
    """The rows of a queryset as the ``fields`` say, as lists, dicts, CSV lines or a JSON list."""

    def __init__(self, fields: Sequence[Field]):
        self.fields = tuple(fields)
        self.header = [field.name for field in self.fields]
        paths = [field.path for field in self.fields]
        # Lookups read only for a time zone come after the fields' own.
        for field in self.fields:
            if field.zone_path and field.zone_path not in paths:
                paths.append(field.zone_path)
        self.paths = tuple(paths)
        converters = [
            (index, _converter(field, paths.index(field.zone_path) if field.zone_path else None))
            for index, field in enumerate(self.fields)
        ]
        self._converters = [(index, converter) for index, converter in converters if converter is not None]

    def values(self, queryset: QuerySet) -> QuerySet:
        """The queryset's rows as tuples of ``paths`` (raises ``FieldError`` for a path it cannot read)."""
        return queryset.values_list(*self.paths)

    def rows(self, queryset: QuerySet, *, chunk_size: int = CHUNK_SIZE) -> Iterator[list]:
        width, converters = len(self.fields), self._converters
        for row in self.values(queryset).iterator(chunk_size=chunk_size):
            cells = list(row[:width])
            for index, converter in converters:
                if cells[index] is not None:
                    cells[index] = converter(row, cells[index])
            yield cells

    def dicts(self, queryset: QuerySet, *, chunk_size: int = CHUNK_SIZE) -> Iterator[dict]:
        header = self.header
        for row in self.rows(queryset, chunk_size=chunk_size):
            yield dict(zip(header, row, strict=True))

    def csv(self, queryset: QuerySet, *, chunk_size: int = CHUNK_SIZE) -> Iterator[str]:
        """The header line, then every row: written by PostgreSQL where it can, else by ``csv_lines``."""
        if connections[queryset.db].vendor == "postgresql":
            return self._csv_from_postgresql(queryset, chunk_size)
        return csv_lines(self.header, self.rows(queryset, chunk_size=chunk_size))

    def json(self, queryset: QuerySet, *, chunk_size: int = CHUNK_SIZE) -> Iterator[str]:
        """A JSON list of one object per row, a row a line: built by PostgreSQL where it can, else by ``json``."""
        if connections[queryset.db].vendor == "postgresql" and len(self.fields) <= MAX_JSON_FIELDS:
            return self._json_from_postgresql(queryset, chunk_size)
        return json_list(self.dicts(queryset, chunk_size=chunk_size))

    def _copy(self, queryset: QuerySet, statement: str, params, chunk_size: int) -> Iterator[str]:
        """What ``statement`` (a COPY of this export's ``values_list()`` query) sends, in blocks of whole rows."""
        connection = connections[queryset.db]
        connection.ensure_connection()
        with connection.cursor() as cursor:
            # COPY does not pass through Django's execute(); it is logged (and counted by tests) here.
            logged = cursor.debug_sql(statement, params) if hasattr(cursor, "debug_sql") else nullcontext()
            with logged, cursor.cursor.copy(statement, params) as copy:
                encoding = cursor.connection.info.encoding
                # Each block holds whole rows, so it never splits a character.
                for block in _blocks(copy, chunk_size * 100):
                    yield block.decode(encoding)

    def _json_from_postgresql(self, queryset: QuerySet, chunk_size: int) -> Iterator[str]:
        inner, params = self.values(queryset).query.sql_with_params()
        yield "["
        separator = "\n"
        for block in self._copy(queryset, json_copy_sql(self.fields, self.paths, inner), params, chunk_size):
            # COPY's text format doubles each backslash, and JSON text holds no other character it escapes.
            rows = block.replace("\\\\", "\\") if "\\" in block else block
            yield separator + rows[:-1].replace("\n", ",\n")
            separator = ",\n"
        yield "\n]\n"

    def _csv_from_postgresql(self, queryset: QuerySet, chunk_size: int) -> Iterator[str]:
        inner, params = self.values(queryset).query.sql_with_params()
        yield next(csv_lines(self.header, ()))
        yield from crlf_lines(self._copy(queryset, copy_sql(self.fields, self.paths, inner), params, chunk_size))


def json_list(rows: Iterable[dict], *, batch: int = 500) -> Iterator[str]:
    """``[``, then one object a line, separated by commas, then ``]``; a batch of rows at a time."""
    yield "["
    separator, lines = "\n", []
    for row in rows:
        lines.append(json.dumps(row, default=json_default, ensure_ascii=False))
        if len(lines) >= batch:
            yield separator + ",\n".join(lines)
            separator, lines = ",\n", []
    if lines:
        yield separator + ",\n".join(lines)
    yield "\n]\n"


def _blocks(copy, size: int) -> Iterator[bytes]:
    """COPY's rows (one message each) joined into blocks of about ``size`` bytes."""
    buffer = bytearray()
    for data in copy:
        buffer += data
        if len(buffer) >= size:
            yield bytes(buffer)
            buffer.clear()
    if buffer:
        yield bytes(buffer)


def crlf_lines(blocks: Iterable[str]) -> Iterator[str]:
    """CSV from PostgreSQL (rows end in LF) with rows ending in CRLF, as ``csv.writer`` ends them.

    A line feed inside a quoted cell is the cell's own and stays as it is. Cells are quoted by pairs
    of double quotes (a quote inside a cell is doubled), so a line feed is outside every cell exactly
    when an even number of quotes came before it.
    """
    in_quotes = False
    for block in blocks:
        if not in_quotes and '"' not in block:
            yield block.replace("\n", "\r\n")
            continue
        parts = block.split('"')
        for index in range(1 if in_quotes else 0, len(parts), 2):
            parts[index] = parts[index].replace("\n", "\r\n")
        in_quotes ^= len(parts) % 2 == 0
        yield '"'.join(parts)


# --- PostgreSQL: the same cells, written by the database -----------------------------------------------------------


def _literal(text: str) -> str:
    """A constant of this module as an SQL string literal (E'' so that \\t and \\r are control characters)."""
    escaped = text.replace("\\", "\\\\").replace("'", "\\'").replace("\t", "\\t").replace("\r", "\\r")
    return f"E'{escaped.replace(chr(10), chr(92) + 'n')}'"


# A plain number (``-3.50``) starting with a formula prefix stays as it is (spreadsheets.py); Python's ``$``
# also matches before a final newline.
_NUMBER_RE = r"^[+-]?[0-9]+(\.[0-9]+)?\n?$"
_PREFIX_CODES = ", ".join(str(ord(prefix)) for prefix in FORMULA_PREFIXES)


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


def _text_cell(value: str) -> str:
    """``spreadsheet_safe``: an apostrophe before text a spreadsheet would run; empty text as NULL (see copy_sql)."""
    return (
        f"NULLIF(CASE WHEN ascii({value}) IN ({_PREFIX_CODES}) AND {value} !~ {_literal(_NUMBER_RE)} "
        f"THEN '''' || {value} ELSE {value} END, '')"
    )


def _datetime_cell(field: Field, index: int, zone: str, local: list[str]) -> str:
    """ISO 8601 on the zone's clock, microseconds only when there are some, then the offset (or Z).

    A time in UTC is converted where it is written; on another clock the local time and its offset
    are computed once, in ``r1`` (``local``), as the offset is read several times.
    """
    iso = "'YYYY-MM-DD\"T\"HH24:MI:SS.US'"
    if field.zone_path is None and field.zone == "UTC":
        offset = "'Z'" if field.utc_as_z else "'+00:00'"
        return f"replace(to_char(r1.c{index} AT TIME ZONE 'UTC', {iso}), '.000000', '') || {offset}"
    local.append(f"r0.c{index} AT TIME ZONE {zone} AS l{index}")
    local.append(
        f"extract(epoch FROM (r0.c{index} AT TIME ZONE {zone}) - (r0.c{index} AT TIME ZONE 'UTC'))::int AS o{index}"
    )
    offset = _offset(f"r1.o{index}")
    if field.utc_as_z:
        offset = f"CASE WHEN r1.o{index} = 0 THEN 'Z' ELSE {offset} END"
    return f"replace(to_char(r1.l{index}, {iso}), '.000000', '') || {offset}"


def _cells(fields: Sequence[Field], paths: Sequence[str], *, for_json: bool) -> tuple[list[str], list[str]]:
    """Each field's value as SQL over ``r1`` (see ``_levels``), and the local times ``r1`` computes.

    For CSV, text gets the spreadsheet guard and booleans are written ``True``/``False``; for JSON
    both stay as they are. Dates and times are the same strings in both.
    """
    local, cells = [], []
    for index, field in enumerate(fields):
        column = f"r1.c{index}"
        if field.kind == TEXT:
            cells.append(f"{column}::text" if for_json else _text_cell(f"{column}::text"))
        elif field.kind == INTEGER or (field.kind == BOOLEAN and for_json):
            cells.append(column)
        elif field.kind == BOOLEAN:
            cells.append(f"CASE WHEN {column} THEN 'True' WHEN NOT {column} THEN 'False' END")
        elif field.kind == DATE:
            cells.append(f"to_char({column}, 'YYYY-MM-DD')")
        else:
            zone = f"r0.c{paths.index(field.zone_path)}" if field.zone_path else _literal(field.zone)
            cells.append(_datetime_cell(field, index, zone, local))
    return cells, local


def _levels(select: str, paths: Sequence[str], inner: str, local: list[str]) -> str:
    """``SELECT <select>`` over the rows of ``inner`` (``r0``) and their local times (``r1``).

    The levels are kept apart with ``OFFSET 0`` so that a value used twice (an annotation, a local
    time) is computed once. Without local times ``r1`` is ``r0`` itself.
    """
    inner_columns = ", ".join(f"c{index}" for index in range(len(paths)))
    rows = f"(SELECT * FROM ({inner}) AS r ({inner_columns}) OFFSET 0) AS r"  # noqa: S608
    if local:
        locals_ = "".join(f", {item}" for item in local)
        rows = f"(SELECT r0.*{locals_} FROM {rows}0 OFFSET 0) AS r"  # noqa: S608
    # Built from the fields' kinds and constants of this module; the inner query keeps its own parameters.
    return f"SELECT {select} FROM {rows}1"  # noqa: S608


def copy_sql(fields: Sequence[Field], paths: Sequence[str], inner: str) -> str:
    """``COPY ... TO STDOUT`` in CSV of the cells of every row of ``inner`` (a ``values_list`` of ``paths``).

    PostgreSQL quotes as ``csv.writer`` does (a cell holding a comma, a double quote, CR or LF, with
    quotes doubled inside), except that it quotes empty text: empty text is sent as NULL, which it
    writes as an empty cell. Booleans, dates and times are written as Python writes them, and text
    gets the spreadsheet guard.
    """
    cells, local = _cells(fields, paths, for_json=False)
    return f"COPY ({_levels(', '.join(cells), paths, inner, local)}) TO STDOUT (FORMAT csv)"


def json_copy_sql(fields: Sequence[Field], paths: Sequence[str], inner: str) -> str:
    """``COPY ... TO STDOUT`` of one JSON object a row, keys in the fields' order (text format)."""
    cells, local = _cells(fields, paths, for_json=True)
    pairs = ", ".join(f"{_literal(field.name)}, {cell}" for field, cell in zip(fields, cells, strict=True))
    return f"COPY ({_levels(f'json_build_object({pairs})', paths, inner, local)}) TO STDOUT"
