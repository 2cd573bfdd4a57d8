"""The admin's city scoping, shared by every model registered in the admin.

Envoys and council staff see and change only their own city's records; superusers see
everything. The list, the change and delete pages, history, bulk actions, foreign-key choices
and autocomplete results all start from ``Model.objects.visible_to(user)``.

History is read-only: simple-history's "revert" writes a whole old version back, past the
services' rules (the release workflow, due dates that move only with a reason), so it is off.
"""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404
from simple_history.admin import SimpleHistoryAdmin

from .querysets import visible_queryset

# A link typed without a scheme is taken as https.
URL_FIELDS_ASSUME_HTTPS = {models.URLField: {"assume_scheme": "https"}}


def adopt_saved(obj, saved) -> None:
    """Makes the admin's unsaved instance stand for the row a service saved.

    The admin goes on to save many-to-many data and inlines against ``obj`` and to redirect to
    its change page, so ``obj`` takes over the saved row's identity and field values.
    """
    for field in saved._meta.concrete_fields:
        setattr(obj, field.attname, getattr(saved, field.attname))
    obj._state.adding = False
    obj._state.db = saved._state.db


def _is_relation_path(model, path: str) -> bool:
    from django.contrib.admin.utils import get_fields_from_path

    try:
        return get_fields_from_path(model, path)[-1].is_relation
    except Exception:  # noqa: BLE001 - not a field path (e.g. a method); leave it alone
        return False


class ScopedChoicesMixin:
    """Foreign-key and many-to-many choices offer only the rows the user may see."""

    formfield_overrides = URL_FIELDS_ASSUME_HTTPS

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "queryset" not in kwargs:
            kwargs["queryset"] = visible_queryset(db_field.related_model, request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "queryset" not in kwargs:
            kwargs["queryset"] = visible_queryset(db_field.related_model, request.user)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class CityScopedAdmin(ScopedChoicesMixin, SimpleHistoryAdmin):
    """A ModelAdmin whose every query is scoped to what the user may see."""

    list_select_related: tuple[str, ...] | bool = ()
    list_per_page = 50

    def get_queryset(self, request):
        queryset = visible_queryset(self.model, request.user)
        ordering = self.get_ordering(request)
        if ordering:
            queryset = queryset.order_by(*ordering)
        return queryset

    def get_list_filter(self, request):
        """Relation filters offer only the values found in the user's own rows."""
        scoped = []
        for entry in super().get_list_filter(request):
            if isinstance(entry, str) and _is_relation_path(self.model, entry):
                entry = (entry, admin.RelatedOnlyFieldListFilter)
            scoped.append(entry)
        return scoped

    def is_visible(self, request, obj) -> bool:
        return obj is None or self.get_queryset(request).filter(pk=obj.pk).exists()

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and self.is_visible(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self.is_visible(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self.is_visible(request, obj)

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        # An object outside the user's city is answered as if it did not exist at all.
        raise Http404

    def _require_visible_object(self, request, object_id) -> None:
        # simple-history falls back to the latest historical version when the object is not in
        # get_queryset(), which would reveal another city's (or a deleted) record; only
        # superusers, who see everything, keep that fallback for deleted records.
        if request.user.is_superuser:
            return
        if self.get_object(request, unquote(object_id)) is None:
            raise Http404

    def history_view(self, request, object_id, extra_context=None):
        self._require_visible_object(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """Shows one past version; it cannot be written back."""
        self._require_visible_object(request, object_id)
        if request.method not in ("GET", "HEAD"):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def revert_disabled(self, request, obj=None):
        return True


class CityScopedInline(ScopedChoicesMixin, admin.TabularInline):
    """An inline whose rows and choices are scoped like CityScopedAdmin."""

    extra = 0

    def get_queryset(self, request):
        return visible_queryset(self.model, request.user)
