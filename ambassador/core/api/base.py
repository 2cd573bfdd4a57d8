"""Machinery shared by the staff API's viewsets: scoping, permissions, CSV streaming."""

from __future__ import annotations

from django.core.exceptions import FieldError
from django.http import Http404, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import filters, mixins, permissions, renderers, serializers, viewsets
from rest_framework.settings import api_settings

from ambassador.core import exports
from ambassador.core.csv_writer import csv_lines
from ambassador.core.membership import is_city_staff
from ambassador.core.permissions import may
from ambassador.core.timezones import zone_name

from .authentication import TokenAuthentication
from .fields import CityDateTimeField, ScopedPrimaryKeyRelatedField
from .sessions import VerifiedSessionAuthentication
from .throttling import RefuseAfterFailedCredentials


class CSVRenderer(renderers.BaseRenderer):
    """Declares `?format=csv` to content negotiation and the schema; ScopedViewSet streams the rows."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        # Only errors and single records reach here (lists are streamed by ScopedViewSet.list).
        if isinstance(data, dict) and "id" in data:
            lines = csv_lines(list(data), [[data[key] for key in data]])
        else:
            lines = csv_lines(["field", "error"], _error_rows(data))
        return "".join(lines).encode()


def _error_rows(detail, field: str = ""):
    """(field, message) for every message of a DRF error detail, e.g. ("city", "Select a valid choice.")."""
    if isinstance(detail, dict):
        for key, value in detail.items():
            yield from _error_rows(value, f"{field}.{key}" if field else str(key))
    elif isinstance(detail, list):
        for value in detail:
            yield from _error_rows(value, field)
    else:
        yield (field, str(detail))


def csv_columns(serializer, prefix: str = "") -> list[tuple[str, tuple[str, ...]]]:
    """(header, path) for every column: a nested record becomes one column per field, e.g. ``city.slug``.

    The columns come from the serializer, not from the first row, so every row (and an empty
    list) has the same header, however empty a row's relations are.
    """
    columns = []
    for name, field in serializer.fields.items():
        if isinstance(field, serializers.Serializer):
            columns += [(header, (name, *path)) for header, path in csv_columns(field, prefix=f"{prefix}{name}.")]
        else:
            columns.append((f"{prefix}{name}", (name,)))
    return columns


# Serializer fields whose output is the database value as it is, by the kind of cell. Only these exact
# classes: a subclass may write its value otherwise.
_PLAIN_KINDS = {
    serializers.BooleanField: exports.BOOLEAN,
    serializers.IntegerField: exports.INTEGER,
    serializers.BigIntegerField: exports.INTEGER,  # as a number or as its digits in a string: the same cell
    serializers.CharField: exports.TEXT,
    serializers.EmailField: exports.TEXT,
    serializers.URLField: exports.TEXT,
    serializers.SlugField: exports.TEXT,
    serializers.ChoiceField: exports.TEXT,
}
_PRIMARY_KEYS = (serializers.PrimaryKeyRelatedField, ScopedPrimaryKeyRelatedField)


def _export_field(field, header: str, path: str) -> exports.Field | None:
    """The export field that writes what ``field`` writes, or None when only the serializer can."""
    kind = type(field)
    if kind is serializers.SlugRelatedField:
        return exports.Field(header, f"{path}__{field.slug_field}")
    if kind in _PRIMARY_KEYS and field.pk_field is None:
        return exports.Field(header, path, exports.INTEGER)
    if kind in (serializers.DateTimeField, CityDateTimeField):
        if getattr(field, "format", api_settings.DATETIME_FORMAT) not in (None, "iso-8601"):
            return None
        if kind is CityDateTimeField:
            zone_path = field.city_path.replace(".", "__") + "__time_zone"
            return exports.Field(header, path, exports.DATETIME, zone_path=zone_path, utc_as_z=True)
        zone = zone_name(field.timezone if hasattr(field, "timezone") else field.default_timezone())
        return exports.Field(header, path, exports.DATETIME, zone=zone, utc_as_z=True)
    if kind is serializers.DateField:
        if getattr(field, "format", api_settings.DATE_FORMAT) not in (None, "iso-8601"):
            return None
        return exports.Field(header, path, exports.DATE)
    if kind in _PLAIN_KINDS:
        return exports.Field(header, path, _PLAIN_KINDS[kind])
    return None


def export_fields(serializer, prefix: str = "", path: str = "") -> list[exports.Field] | None:
    """The serializer's CSV columns (``csv_columns``) as export fields read with ``values_list()``.

    None when a column holds something only the serializer can write (a method, a list, JSON):
    such a list is streamed through the serializer instead.
    """
    if type(serializer).to_representation is not serializers.Serializer.to_representation:
        return None  # it changes rows as it writes them (e.g. hides a name)
    fields = []
    for name, field in serializer.fields.items():
        if field.source == "*" or not getattr(field, "source_attrs", None):
            return None
        lookup = f"{path}{'__'.join(field.source_attrs)}"
        if isinstance(field, serializers.Serializer):
            nested = export_fields(field, prefix=f"{prefix}{name}.", path=f"{lookup}__")
            if nested is None:
                return None
            fields += nested
            continue
        if isinstance(field, CityDateTimeField) and path:
            return None  # its city is found from the outer record
        exported = _export_field(field, f"{prefix}{name}", lookup)
        if exported is None:
            return None
        fields.append(exported)
    return fields


def _at(data: dict, path: tuple[str, ...]):
    """The value at ``path`` in a serialized row (``("city", "slug")``), None where a relation is empty."""
    value = data
    for key in path:
        if value is None:
            return None
        value = value.get(key)
    return value


class OrderingFilter(filters.OrderingFilter):
    """DRF's `?ordering=`, with the fields a client may order by named in the schema."""

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        fields = ", ".join(f"`{field}`" for field in getattr(view, "ordering_fields", None) or ())
        for parameter in parameters:
            if parameter["name"] == self.ordering_param and fields:
                parameter["description"] = (
                    f"Order by {fields}. Prefix a field with `-` to reverse it; separate several with commas."
                )
        return parameters


class StaffMember(permissions.BasePermission):
    """Envoys and council staff with a city, and superusers."""

    message = "The staff API is for envoys and council staff of a city."

    def has_permission(self, request, view):
        return is_city_staff(request.user)


class ModelPermissions(permissions.DjangoObjectPermissions):
    """Every method asks the one rule set (``ambassador.core.permissions``): for the model, then for the record.

    Reading needs the view permission too. A record the user may not see is answered 404, one they
    may see but not change 403.
    """

    perms_map = {
        **permissions.DjangoObjectPermissions.perms_map,
        "GET": ["%(app_label)s.view_%(model_name)s"],
        "HEAD": ["%(app_label)s.view_%(model_name)s"],
        "OPTIONS": ["%(app_label)s.view_%(model_name)s"],
    }

    @staticmethod
    def _named_action(view) -> str | None:
        """The rule a viewset action asks instead of the method's (``action_permissions``, e.g. publish)."""
        return getattr(view, "action_permissions", {}).get(getattr(view, "action", None))

    def has_permission(self, request, view):
        action = self._named_action(view)
        if action is None:
            return super().has_permission(request, view)
        # The record is looked up first (a 404 for one the user may not see), then asked the action.
        return may(request.user, "view", self._queryset(view).model)

    def has_object_permission(self, request, view, obj):
        action = self._named_action(view)
        if action is None:
            return super().has_object_permission(request, view, obj)
        if not may(request.user, "view", obj):
            raise Http404
        if not may(request.user, action, obj):
            self.message = _("You may not %(action)s this record.") % {"action": action.replace("_", " ")}
            return False
        return True


class ScopedViewSet(viewsets.GenericViewSet):
    """A viewset over ``Model.objects.visible_to(user)``: list and detail always agree.

    Subclasses declare ``queryset`` (for the model and the schema), ``serializer_class``,
    ``filterset_class``, ``ordering_fields``, and optionally ``select_related`` /
    ``prefetch_related`` and ``annotate(queryset)``.
    """

    # First, the limit on wrong credentials per address (ambassador/core/api/throttling.py); then the
    # token: DRF answers a missing or refused key 401 with ``WWW-Authenticate: Token`` only when the
    # first scheme-naming class is the token's. A session counts only once its second factor is given.
    authentication_classes = [RefuseAfterFailedCredentials, TokenAuthentication, VerifiedSessionAuthentication]
    permission_classes = [StaffMember, ModelPermissions]
    filter_backends = [DjangoFilterBackend, OrderingFilter]
    renderer_classes = [*api_settings.DEFAULT_RENDERER_CLASSES, CSVRenderer]
    select_related: tuple[str, ...] = ()
    prefetch_related: tuple = ()
    csv_chunk_size = 2000

    def get_queryset(self):
        model = self.queryset.model
        queryset = model.objects.visible_to(self.request.user)
        if self.select_related:
            queryset = queryset.select_related(*self.select_related)
        if self.prefetch_related:
            queryset = queryset.prefetch_related(*self.prefetch_related)
        return self.annotate(queryset)

    def annotate(self, queryset):
        return queryset

    def list(self, request, *args, **kwargs):
        from rest_framework.response import Response

        queryset = self.filter_queryset(self.get_queryset())
        if getattr(request, "accepted_renderer", None) and request.accepted_renderer.format == "csv":
            return self.stream_csv(queryset)
        page = self.paginate_queryset(queryset)
        if page is not None:
            return self.get_paginated_response(self.get_serializer(page, many=True).data)
        return Response(self.get_serializer(queryset, many=True).data)

    def stream_csv(self, queryset):
        """Streams every matching row as CSV, a chunk at a time, in constant memory and a constant number of queries.

        The columns are the serializer's, read once. When every column is a database value, the rows
        come from ``values_list()`` (``exports.Export``), written by the database on PostgreSQL;
        otherwise one serializer writes every row, as a list page does.
        """
        serializer = self.get_serializer_class()(context=self.get_serializer_context())
        if not queryset.ordered:
            queryset = queryset.order_by("pk")
        lines = self._csv_from_values(serializer, queryset) or self._csv_from_serializer(serializer, queryset)
        model_name = queryset.model._meta.verbose_name_plural
        filename = f"{str(model_name).replace(' ', '-')}-{timezone.now():%Y%m%d}.csv"
        response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    def _csv_from_values(self, serializer, queryset):
        fields = export_fields(serializer)
        if fields is None:
            return None
        export = exports.Export(fields)
        try:
            # Reading values leaves out select_related / prefetch_related: every column is in the one query.
            export.values(queryset)
        except FieldError:
            return None
        return export.csv(queryset.select_related(None).prefetch_related(None), chunk_size=self.csv_chunk_size)

    def _csv_from_serializer(self, serializer, queryset):
        columns = csv_columns(serializer)

        def rows():
            for obj in queryset.iterator(chunk_size=self.csv_chunk_size):
                data = serializer.to_representation(obj)
                yield [_at(data, path) for _, path in columns]

        return csv_lines([header for header, _ in columns], rows())


class ReadOnlyScopedViewSet(mixins.RetrieveModelMixin, ScopedViewSet):
    """List (JSON pages or streamed CSV) and detail, both over the user's visible rows."""
