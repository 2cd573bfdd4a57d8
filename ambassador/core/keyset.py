"""Keyset pages: a page is "the rows after this one", so the thousandth page costs what the first does.

A position is the values of every ordering term of one row, ending with its id, so it is unique:
rows with equal values never appear on two pages or on none, in either direction. Empty values
sort after all others (where PostgreSQL puts NULL in ascending order) through a coalesced
annotation; the models keep an index on the same expression and the id, so the database reads
a page straight from the index instead of sorting the table.

The staff API's cursor pages (``ambassador.core.api.pagination``) and the public site's long lists
(``keyset_page``) share this machinery.
"""

from __future__ import annotations

import base64
import binascii
import datetime
import json
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce

# What an empty value sorts as: after every real value, where PostgreSQL puts NULL in ascending order.
LAST_VALUE = {
    models.DateTimeField: datetime.datetime(9999, 12, 31, tzinfo=datetime.UTC),
    models.DateField: datetime.date(9999, 12, 31),
    models.DecimalField: Decimal("9" * 15),
    models.BigIntegerField: 2**63 - 1,
    models.IntegerField: 2**31 - 1,
}


class InvalidCursor(ValueError):
    """A cursor that was not made by these pages, or whose values do not fit the ordering."""


def _output_field(queryset, name):
    if name in queryset.query.annotations:
        return queryset.query.annotations[name].output_field
    try:
        return queryset.model._meta.get_field(name)
    except Exception:  # noqa: BLE001 - not a plain field (e.g. a lookup path): leave it alone
        return None


def last_value(field):
    for field_class in type(field).__mro__:
        if field_class in LAST_VALUE:
            return LAST_VALUE[field_class]
    return None


def sort_position(name: str, field) -> Coalesce:
    """The expression a nullable field is ordered by: its value, or one after every real value.

    Indexes that serve keyset pages are built on this same expression (see the models' ``Meta.indexes``).
    """
    return Coalesce(F(name), Value(last_value(field), output_field=field))


def ordering_index(name: str, *, field=None, index_name: str) -> models.Index:
    """The index that serves keyset pages ordered by ``name`` (either direction), ties broken by the id.

    Pass the model's ``field`` when it is nullable: the index is then on the coalesced position
    the pages order by (``sort_position``), so the database reads it instead of sorting.
    """
    if field is None:
        return models.Index(fields=[name, "id"], name=index_name)
    return models.Index(sort_position(name, field), F("id"), name=index_name)


def positional(queryset, ordering) -> tuple[models.QuerySet, tuple[str, ...]]:
    """The ordering as keyset terms: empty values coalesced to a last value, and the id last."""
    terms = []
    for term in ordering:
        descending, name = term.startswith("-"), term.lstrip("-")
        if name == "id":
            name = "pk"
        field = _output_field(queryset, name)
        nullable = field is not None and (name in queryset.query.annotations or field.null)
        if nullable and last_value(field) is not None:
            alias = f"{name}_position"
            queryset = queryset.annotate(**{alias: sort_position(name, field)})
            name = alias
        terms.append(f"-{name}" if descending else name)
        if name == "pk":
            break  # the id is unique: later terms never decide anything
    if terms[-1].lstrip("-") != "pk":
        terms.append("-pk" if terms[0].startswith("-") else "pk")
    return queryset, tuple(terms)


def after(terms: tuple[str, ...], position: list[str]) -> Q:
    """Rows that come after ``position`` in the order of ``terms`` (lexicographic, per-term direction).

    The first term's bound is stated on its own as well (``a >= x AND (a > x OR (a = x AND ...))``),
    so the database starts reading the index at the position instead of filtering it from the start.
    """
    condition, equal = None, Q()
    for term, value in zip(terms, position, strict=True):
        name = term.lstrip("-")
        step = equal & Q(**{f"{name}__{'lt' if term.startswith('-') else 'gt'}": value})
        condition = step if condition is None else condition | step
        equal &= Q(**{name: value})
    first = terms[0]
    bound = Q(**{f"{first.lstrip('-')}__{'lte' if first.startswith('-') else 'gte'}": position[0]})
    return bound & condition if len(terms) > 1 else condition


def reversed_terms(terms: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(term[1:] if term.startswith("-") else f"-{term}" for term in terms)


def position_of(instance, terms: tuple[str, ...]) -> list[str]:
    return [str(getattr(instance, term.lstrip("-"))) for term in terms]


def encode(payload) -> str:
    token = json.dumps(payload, separators=(",", ":"))
    return base64.urlsafe_b64encode(token.encode()).decode().rstrip("=")


def decode(encoded: str):
    """The payload of a cursor made by ``encode``; ``InvalidCursor`` for anything else."""
    try:
        padded = encoded + "=" * (-len(encoded) % 4)
        return json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
    except (ValueError, TypeError, UnicodeError, binascii.Error) as exc:
        raise InvalidCursor(encoded) from exc


def valid_position(position, terms) -> list[str]:
    if not isinstance(position, list) or len(position) != len(terms):
        raise InvalidCursor(position)
    if not all(isinstance(value, str) and "\x00" not in value for value in position):
        raise InvalidCursor(position)
    return position


def rows_after(queryset, terms, position, limit: int) -> list:
    """Up to ``limit`` rows after ``position`` (None: from the start), in the order of ``terms``."""
    queryset = queryset.order_by(*terms)
    if position is not None:
        try:
            queryset = queryset.filter(after(terms, position))
            return list(queryset[:limit])
        except (ValidationError, ValueError, TypeError) as exc:  # a value that is not of the field's type
            raise InvalidCursor(position) from exc
    return list(queryset[:limit])


@dataclass
class KeysetPage:
    """One page of a keyset list, with the cursors of the pages before and after it."""

    object_list: list
    next_cursor: str | None
    previous_cursor: str | None
    page_size: int

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)

    @property
    def has_next(self) -> bool:
        return self.next_cursor is not None

    @property
    def has_previous(self) -> bool:
        return self.previous_cursor is not None

    @property
    def has_other_pages(self) -> bool:
        return self.has_next or self.has_previous


def keyset_page(queryset, ordering, *, after_cursor: str | None = None, before_cursor: str | None = None,
                page_size: int) -> KeysetPage:
    """The page after ``after_cursor`` (or before ``before_cursor``; else the first), one query.

    ``InvalidCursor`` when a cursor was not made here for this ordering.
    """
    queryset, terms = positional(queryset, ordering)
    backwards = before_cursor is not None and after_cursor is None
    cursor = before_cursor if backwards else after_cursor
    position = None if cursor is None else valid_position(decode(cursor), terms)
    walk = reversed_terms(terms) if backwards else terms
    rows = rows_after(queryset, walk, position, page_size + 1)
    more = len(rows) > page_size
    rows = rows[:page_size]
    if backwards:
        rows.reverse()
        has_next, has_previous = True, more
    else:
        has_next, has_previous = more, position is not None
    return KeysetPage(
        object_list=rows,
        next_cursor=encode(position_of(rows[-1], terms)) if has_next and rows else None,
        previous_cursor=encode(position_of(rows[0], terms)) if has_previous and rows else None,
        page_size=page_size,
    )
