"""Machinery shared by the staff API's viewsets: scoping, permissions, CSV streaming."""

from __future__ import annotations

import csv
import io

from django.http import StreamingHttpResponse
from django.utils import timezone
from rest_framework import authentication, mixins, permissions, renderers, viewsets
from rest_framework.settings import api_settings

from ambassador.stakeholders.querysets import city_of

from .authentication import TokenAuthentication


class CSVRenderer(renderers.BaseRenderer):
    """Declares `?format=csv` to content negotiation and the schema; ScopedViewSet streams the rows."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        # Only errors reach here (lists are streamed by ScopedViewSet.list); render them as one row.
        buffer = io.StringIO()
        csv.writer(buffer).writerow([str(data)])
        return buffer.getvalue().encode()


class _Echo:
    def write(self, value):
        return value


def _flatten(row: dict, prefix: str = "") -> dict:
    flat = {}
    for key, value in row.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, prefix=f"{name}."))
        elif isinstance(value, list):
            flat[name] = "; ".join(
                str(item.get("name") or item.get("full_name") or item.get("slug") or item.get("id"))
                if isinstance(item, dict) else str(item)
                for item in value
            )
        else:
            flat[name] = "" if value is None else value
    return flat


class StaffMember(permissions.BasePermission):
    """Envoys and council staff with a city, and superusers."""

    message = "The staff API is for envoys and council staff of a city."

    def has_permission(self, request, view):
        user = request.user
        return bool(user and user.is_authenticated and user.is_active and (user.is_superuser or city_of(user)))


class ModelPermissions(permissions.DjangoModelPermissions):
    """Django model permissions, with the view permission required for reading too."""

    perms_map = {
        **permissions.DjangoModelPermissions.perms_map,
        "GET": ["%(app_label)s.view_%(model_name)s"],
        "HEAD": ["%(app_label)s.view_%(model_name)s"],
        "OPTIONS": ["%(app_label)s.view_%(model_name)s"],
    }


class ScopedViewSet(viewsets.GenericViewSet):
    """A viewset over ``Model.objects.visible_to(user)``: list and detail always agree.

    Subclasses declare ``queryset`` (for the model and the schema), ``serializer_class``,
    ``filterset_class``, ``ordering_fields``, and optionally ``select_related`` /
    ``prefetch_related`` and ``annotate(queryset)``.
    """

    authentication_classes = [authentication.SessionAuthentication, TokenAuthentication]
    permission_classes = [StaffMember, ModelPermissions]
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
        """Streams every matching row as CSV, a chunk at a time, in constant memory."""
        serializer_class = self.get_serializer_class()
        context = self.get_serializer_context()
        if not queryset.ordered:
            queryset = queryset.order_by("pk")

        def rows():
            writer = None
            out = _Echo()
            for obj in queryset.iterator(chunk_size=self.csv_chunk_size):
                flat = _flatten(serializer_class(obj, context=context).data)
                if writer is None:
                    writer = csv.DictWriter(out, fieldnames=list(flat), extrasaction="ignore")
                    yield writer.writeheader()
                yield writer.writerow(flat)
            if writer is None:
                yield csv.writer(out).writerow(list(serializer_class(context=context).fields))

        model_name = queryset.model._meta.verbose_name_plural
        filename = f"{str(model_name).replace(' ', '-')}-{timezone.now():%Y%m%d}.csv"
        response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


class ReadOnlyScopedViewSet(mixins.RetrieveModelMixin, ScopedViewSet):
    """List (JSON pages or streamed CSV) and detail, both over the user's visible rows."""
