"""Filters whose values always fit the database, for every FilterSet of the staff and public APIs.

A value that no column can hold (an id past 64 bits, a time that leaves years 1 to 9999 once
read in UTC) is a 400 naming the filter, on SQLite and PostgreSQL alike. Left to the database,
SQLite raises OverflowError on such an integer and PostgreSQL a DataError on a time with an
offset it does not know, both 500s.
"""

import datetime

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_filters import fields

# A signed 64-bit integer: the widest integer column of any engine the project runs on.
SMALLEST_INTEGER = -(2**63)
LARGEST_INTEGER = 2**63 - 1


def fits_in_an_integer_column(value) -> bool:
    """Whether ``value`` is not an integer, or one a 64-bit column can hold.

    Anything that is not an integer at all is left to the field's own check, with its own message.
    """
    try:
        number = int(str(value).strip())
    except ValueError:
        return True
    return SMALLEST_INTEGER <= number <= LARGEST_INTEGER


class IntegerField(forms.IntegerField):
    """A whole number that fits a 64-bit column."""

    def __init__(self, *, min_value=SMALLEST_INTEGER, max_value=LARGEST_INTEGER, **kwargs):
        super().__init__(min_value=min_value, max_value=max_value, **kwargs)


class UTCDateTimeField(fields.IsoDateTimeField):
    """An ISO 8601 date and time, returned in UTC; one that leaves years 1 to 9999 in UTC is an error.

    Any offset ISO 8601 allows is read (``+23:45`` too); the value reaches the database already in
    UTC, so no engine has to convert an offset it does not know.
    """

    default_error_messages = {
        "overflow": _("Enter a date and time between the years 1 and 9999 in UTC."),
    }

    def to_python(self, value):
        try:
            value = super().to_python(value)
        except OverflowError as exc:  # a naive time read on a clock that leaves the calendar
            raise ValidationError(self.error_messages["overflow"], code="overflow") from exc
        if value is None:
            return value
        try:
            return value.astimezone(datetime.UTC)
        except OverflowError as exc:
            raise ValidationError(self.error_messages["overflow"], code="overflow") from exc


def _integer_key(queryset, to_field_name: str | None) -> bool:
    """Whether the relation is chosen by an integer column (the primary key, unless told otherwise)."""
    if queryset is None:
        return False
    meta = queryset.model._meta
    field = meta.get_field(to_field_name) if to_field_name else meta.pk
    return isinstance(field, models.IntegerField | models.AutoField)


class _BoundedChoice:
    """Refuses an integer key no column can hold before it reaches the database, as a choice that does not exist."""

    def _refuse_out_of_range(self, values) -> None:
        if not _integer_key(self.queryset, self.to_field_name):
            return
        for value in values:
            if not fits_in_an_integer_column(value):
                raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice",
                                      params={"value": value})


class ModelChoiceField(_BoundedChoice, fields.ModelChoiceField):
    def to_python(self, value):
        if value not in self.empty_values:
            self._refuse_out_of_range([value])
        return super().to_python(value)


class ModelMultipleChoiceField(_BoundedChoice, fields.ModelMultipleChoiceField):
    def _check_values(self, value):
        try:
            values = list(value)
        except TypeError:
            values = []  # the field's own check names the malformed list
        self._refuse_out_of_range(values)
        return super()._check_values(value)


class IntegerFilter(django_filters.NumberFilter):
    """An integer filter (an id, a count): a value past 64 bits is a 400, not a database error."""

    field_class = IntegerField


class DateTimeFilter(django_filters.IsoDateTimeFilter):
    """An ISO 8601 date-time filter, compared in UTC; a time outside years 1 to 9999 in UTC is a 400."""

    field_class = UTCDateTimeField


class ModelChoiceFilter(django_filters.ModelChoiceFilter):
    """A relation chosen by id; an id past 64 bits is answered like one that does not exist."""

    field_class = ModelChoiceField


class ModelMultipleChoiceFilter(django_filters.ModelMultipleChoiceFilter):
    """Relations chosen by ids (repeat the parameter); an id past 64 bits is answered like one that does not exist."""

    field_class = ModelMultipleChoiceField


_INTEGER_FIELDS = (
    models.AutoField, models.BigAutoField, models.SmallAutoField, models.IntegerField, models.BigIntegerField,
    models.SmallIntegerField, models.PositiveIntegerField, models.PositiveBigIntegerField,
    models.PositiveSmallIntegerField,
)


class FilterSet(django_filters.FilterSet):
    """The base of every FilterSet: filters generated from ``Meta.fields`` are the bounded ones above too.

    Declared filters use ``IntegerFilter``, ``DateTimeFilter``, ``ModelChoiceFilter`` and
    ``ModelMultipleChoiceFilter`` from this module (tests/api/test_out_of_range.py walks every
    FilterSet of both APIs to check).
    """

    FILTER_DEFAULTS = {
        **django_filters.FilterSet.FILTER_DEFAULTS,
        **{field: {"filter_class": IntegerFilter} for field in _INTEGER_FIELDS},
        models.DateTimeField: {"filter_class": DateTimeFilter},
        models.ForeignKey: {
            **django_filters.FilterSet.FILTER_DEFAULTS[models.ForeignKey], "filter_class": ModelChoiceFilter,
        },
        models.OneToOneField: {
            **django_filters.FilterSet.FILTER_DEFAULTS[models.OneToOneField], "filter_class": ModelChoiceFilter,
        },
        models.ManyToManyField: {
            **django_filters.FilterSet.FILTER_DEFAULTS[models.ManyToManyField],
            "filter_class": ModelMultipleChoiceFilter,
        },
    }
