import datetime

from django.utils import timezone
from rest_framework import serializers

from ambassador.core.membership import city_of
from ambassador.core.querysets import visible_queryset
from ambassador.core.timezones import city_localtime, city_zone, zone_name


class ScopedPrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField):
    """A primary-key relation that accepts only rows the requesting user may see.

    Naming another city's row is answered like naming one that does not exist: a 400 on the field.
    """

    def __init__(self, model=None, **kwargs):
        self.scoped_model = model
        kwargs.setdefault("queryset", model._default_manager.all())
        super().__init__(**kwargs)

    def get_queryset(self):
        request = self.context.get("request")
        if request is None:
            return self.scoped_model._default_manager.none()
        return visible_queryset(self.scoped_model, request.user)


class CityDateTimeField(serializers.DateTimeField):
    """A date and time on a city's clock.

    ``city_path`` leads from the record to its city, e.g. ``negotiation.city``. On output the value
    carries the city's UTC offset. On input an offset-aware value is honoured as given; a naive one
    is read in the city's zone: the record's city when updating, else the city of the related row
    posted in the field named by the path's first step (e.g. ``negotiation``, as the user may see
    it), else the user's own city.
    """

    def __init__(self, *, city_path: str, **kwargs):
        self.city_path = city_path
        super().__init__(**kwargs)

    def _city_of(self, obj):
        return _follow(obj, self.city_path)

    def get_attribute(self, instance):
        value = super().get_attribute(instance)
        city = self._city_of(instance)
        if isinstance(value, datetime.datetime) and timezone.is_aware(value) and city is not None:
            value = city_localtime(value, city)
        return value

    def to_representation(self, value):
        if isinstance(value, datetime.datetime) and timezone.is_aware(value):
            with timezone.override(value.tzinfo):
                return super().to_representation(value)
        return super().to_representation(value)

    def _input_city(self):
        parent = self.parent
        instance = getattr(parent, "instance", None)
        if instance is not None and not isinstance(instance, list | tuple):
            city = self._city_of(instance)
            if city is not None:
                return city
        related_name, _, rest = self.city_path.partition(".")
        related_field = parent.fields.get(related_name) if parent is not None else None
        data = getattr(parent, "initial_data", None)
        if related_field is not None and rest and hasattr(data, "get") and data.get(related_name) not in (None, ""):
            try:
                related = related_field.to_internal_value(data.get(related_name))
            except serializers.ValidationError:
                related = None  # the related field reports its own error
            city = _follow(related, rest)
            if city is not None:
                return city
        request = self.context.get("request")
        return city_of(request.user) if request is not None else None

    def to_internal_value(self, value):
        city = self._input_city()
        if city is None:
            return super().to_internal_value(value)
        zone = city_zone(city)
        try:
            with timezone.override(zone):
                result = super().to_internal_value(value)
            instant = result.astimezone(datetime.UTC)
        except OverflowError:  # e.g. 0001-01-01T00:10 on a clock ahead of UTC: before year 1 in UTC
            self.fail("overflow")
        # A time the city's clocks skip (the hour lost to daylight saving) is refused, as the admin refuses it.
        if instant.astimezone(zone).replace(tzinfo=None) != result.replace(tzinfo=None):
            self.fail("make_aware", timezone=zone_name(zone))
        return result


def _follow(obj, path: str):
    """The object at the end of a dotted attribute path, or None where a step is missing."""
    for step in path.split("."):
        obj = getattr(obj, step, None) if obj is not None else None
    return obj
