import base64
import binascii
import datetime
import json
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import NotFound
from rest_framework.pagination import CursorPagination
from rest_framework.utils.urls import replace_query_param

# What an empty value sorts as: after every real value, where PostgreSQL puts NULL in ascending order.
_LAST_VALUE = {
    models.DateTimeField: datetime.datetime(9999, 12, 31, tzinfo=datetime.UTC),
    models.DateField: datetime.date(9999, 12, 31),
    models.DecimalField: Decimal("9" * 15),
    models.BigIntegerField: 2**63 - 1,
    models.IntegerField: 2**31 - 1,
}


def _output_field(queryset, name):
    if name in queryset.query.annotations:
        return queryset.query.annotations[name].output_field
    try:
        return queryset.model._meta.get_field(name)
    except Exception:  # noqa: BLE001 - not a plain field (e.g. a lookup path): leave it alone
        return None


def _last_value(field):
    for field_class in type(field).__mro__:
        if field_class in _LAST_VALUE:
            return _LAST_VALUE[field_class]
    return None


def _after(terms: tuple[str, ...], position: list[str]) -> Q:
    """Rows that come after ``position`` in the order of ``terms`` (lexicographic, per-term direction)."""
    condition, equal = None, Q()
    for term, value in zip(terms, position, strict=True):
        name = term.lstrip("-")
        step = equal & Q(**{f"{name}__{'lt' if term.startswith('-') else 'gt'}": value})
        condition = step if condition is None else condition | step
        equal &= Q(**{name: value})
    return condition


def _reversed(terms: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(term[1:] if term.startswith("-") else f"-{term}" for term in terms)


class StaffCursorPagination(CursorPagination):
    """Cursor pagination: stable and constant-cost however deep the client pages.

    The cursor holds the position of a row as the values of every ordering term, ending with the
    id, so it is unique: rows with equal values (e.g. the same stage) never appear on two pages or
    on none, in either direction. DRF's own cursor keeps only the first term plus an offset, which
    skips and repeats rows when values tie and fails on an empty value. Empty values sort after
    all others (where PostgreSQL puts NULL in ascending order), through a coalesced annotation.
    """

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
    ordering = "-pk"
    invalid_cursor_message = _("Invalid cursor")

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        self.page_size = self.get_page_size(request)
        if not self.page_size:
            return None
        self.base_url = request.build_absolute_uri()
        queryset, self.ordering = self._positional(queryset, self.get_ordering(request, queryset, view))
        reverse, position = self._decode(request)

        terms = _reversed(self.ordering) if reverse else self.ordering
        queryset = queryset.order_by(*terms)
        if position is not None:
            if len(position) != len(terms):
                raise NotFound(self.invalid_cursor_message)
            try:
                queryset = queryset.filter(_after(terms, position))
            except (ValidationError, ValueError, TypeError) as exc:  # a value that is not of the field's type
                raise NotFound(self.invalid_cursor_message) from exc
        results = list(queryset[: self.page_size + 1])
        self.page = results[: self.page_size]
        more = len(results) > self.page_size
        if reverse:
            self.page.reverse()
            self.has_next, self.has_previous = position is not None, more
        else:
            self.has_next, self.has_previous = more, position is not None
        self.display_page_controls = bool(self.has_next or self.has_previous) and self.template is not None
        return self.page

    def get_next_link(self):
        if not self.has_next or not self.page:
            return None
        return self._link(reverse=False, instance=self.page[-1])

    def get_previous_link(self):
        if not self.has_previous or not self.page:
            return None
        return self._link(reverse=True, instance=self.page[0])

    def _position_of(self, instance) -> list[str]:
        return [str(getattr(instance, term.lstrip("-"))) for term in self.ordering]

    def _link(self, *, reverse: bool, instance) -> str:
        token = json.dumps({"r": reverse, "p": self._position_of(instance)}, separators=(",", ":"))
        encoded = base64.urlsafe_b64encode(token.encode()).decode()
        return replace_query_param(self.base_url, self.cursor_query_param, encoded)

    def _decode(self, request) -> tuple[bool, list[str] | None]:
        encoded = request.query_params.get(self.cursor_query_param)
        if encoded is None:
            return False, None
        try:
            token = json.loads(base64.urlsafe_b64decode(encoded.encode("ascii")))
            reverse, position = token["r"], token["p"]
        except (ValueError, TypeError, KeyError, UnicodeError, binascii.Error) as exc:
            raise NotFound(self.invalid_cursor_message) from exc
        if not isinstance(reverse, bool) or not isinstance(position, list):
            raise NotFound(self.invalid_cursor_message)
        if not all(isinstance(value, str) and "\x00" not in value for value in position):
            raise NotFound(self.invalid_cursor_message)
        return reverse, position

    def _positional(self, queryset, ordering):
        """The ordering as cursor terms: empty values coalesced to a last value, and the id last."""
        terms = []
        for term in ordering:
            descending, name = term.startswith("-"), term.lstrip("-")
            if name == "id":
                name = "pk"
            field = _output_field(queryset, name)
            if field is not None and (name in queryset.query.annotations or field.null):
                last = _last_value(field)
                if last is not None:
                    alias = f"{name}_position"
                    queryset = queryset.annotate(**{alias: Coalesce(F(name), Value(last, output_field=field))})
                    name = alias
            terms.append(f"-{name}" if descending else name)
            if name == "pk":
                break  # the id is unique: later terms never decide anything
        if terms[-1].lstrip("-") != "pk":
            terms.append("-pk" if terms[0].startswith("-") else "pk")
        return queryset, tuple(terms)
