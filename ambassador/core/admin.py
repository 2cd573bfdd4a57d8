"""The admin's city scoping, shared by every model registered in the admin.

Envoys and council staff see and change only their own city's records; superusers see
everything. The list, the change and delete pages, history, bulk actions, foreign-key choices
and autocomplete results all start from ``Model.objects.visible_to(user)``.

History is read-only: simple-history's "revert" writes a whole old version back, past the
services' rules (the release workflow, due dates that move only with a reason), so it is off.
"""

import datetime

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import models
from django.http import Http404
from django.utils.dateparse import parse_datetime
from django.utils.functional import cached_property
from simple_history.admin import SimpleHistoryAdmin

from .permissions import may
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


def _in_utc(value: str) -> str:
    """A date-time typed with an offset, as the same instant in UTC; other values as they are.

    The databases hold only some offsets (PostgreSQL refuses +23:45) and only years 1 to 9999 once
    read in UTC (SQLite overflows); read in UTC here, no engine meets either, and a time outside
    those years is a lookup the admin cannot use.
    """
    try:
        parsed = parse_datetime(value)
    except ValueError:
        return value
    if parsed is None or parsed.tzinfo is None:
        return value
    try:
        return parsed.astimezone(datetime.UTC).isoformat()
    except OverflowError as error:
        raise IncorrectLookupParameters(error) from error


class UTCChangeList(ChangeList):
    """The admin's list, with the date-times of a hand-written address read in UTC (see ``_in_utc``)."""

    def get_filters_params(self, params=None):
        lookup_params = super().get_filters_params(params)
        return {key: [_in_utc(value) for value in values] for key, values in lookup_params.items()}


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


class CappedCountPaginator(Paginator):
    """Counts a list only up to ``COUNT_CAP`` rows, so a page of a million-row table costs what a page of 10,000 does.

    Counting an envoy's share of a big table joins every row to its city; past the cap the list says
    "10,001" and offers the first pages, and a filter or a search narrows it to what is wanted.
    """

    COUNT_CAP = 10_000

    @cached_property
    def count(self):
        if not hasattr(self.object_list, "query"):
            return super().count
        return self.object_list.order_by()[: self.COUNT_CAP + 1].count()


class ScopedRelatedFieldListFilter(admin.RelatedFieldListFilter):
    """A relation filter offering the related rows the user may see, read from their own (small) table.

    Django's ``RelatedOnlyFieldListFilter`` reads the values found in the listed rows: a DISTINCT
    over the whole list, which on a big table (commitments, meetings) costs more than the page
    itself. This one reads the related table alone, e.g. the cities the user may see.
    """

    def field_choices(self, field, request, model_admin):
        related = visible_queryset(field.related_model, request.user)
        return [(row.pk, str(row)) for row in related.order_by(*(field.related_model._meta.ordering or ["pk"]))]


class CityScopedAdmin(ScopedChoicesMixin, SimpleHistoryAdmin):
    """A ModelAdmin whose every query is scoped to what the user may see.

    Lists of big tables name an ordering an index serves (a page is then read from the index, not
    sorted from the whole table), keep no ``date_hierarchy`` (its bounds and dates are read from
    the whole list on every page) and filter relations with ``ScopedRelatedFieldListFilter``. No
    list counts the unfiltered table beside the filtered one (``show_full_result_count``).
    """

    list_select_related: tuple[str, ...] | bool = ()
    list_per_page = 50
    show_full_result_count = False
    paginator = CappedCountPaginator

    def get_changelist(self, request, **kwargs):
        return UTCChangeList

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

    # Every permission is asked of the one rule set (``ambassador.core.permissions``), with the record.

    def may(self, request, action: str, obj=None) -> bool:
        return may(request.user, action, obj if obj is not None else self.model)

    def has_view_permission(self, request, obj=None):
        return self.may(request, "view", obj)

    def has_add_permission(self, request):
        return self.may(request, "add")

    def has_change_permission(self, request, obj=None):
        return self.may(request, "change", obj)

    def has_delete_permission(self, request, obj=None):
        return self.may(request, "delete", obj)

    def delete_queryset(self, request, queryset):
        """Bulk deletion asks the delete rule of every selected record, then deletes them one by one."""
        objs = list(queryset)
        if any(not self.has_delete_permission(request, obj) for obj in objs):
            raise PermissionDenied
        for obj in objs:
            self.delete_model(request, obj)

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
    """An inline whose rows and choices are scoped like CityScopedAdmin.

    Its rows are asked of the rules for their own model; adding, changing or deleting them also
    needs the right to change the record they hang from.
    """

    extra = 0

    def get_queryset(self, request):
        return visible_queryset(self.model, request.user)

    def _may_change_parent(self, request, obj) -> bool:
        return obj is None or may(request.user, "change", obj)

    def has_view_permission(self, request, obj=None):
        return may(request.user, "view", self.model) and (obj is None or may(request.user, "view", obj))

    def has_add_permission(self, request, obj=None):
        return may(request.user, "add", self.model) and self._may_change_parent(request, obj)

    def has_change_permission(self, request, obj=None):
        return may(request.user, "change", self.model) and self._may_change_parent(request, obj)

    def has_delete_permission(self, request, obj=None):
        return may(request.user, "delete", self.model) and self._may_change_parent(request, obj)


# Registers the API token admin (kept in its own module: tokens belong to a login, not to a city),
# the two-factor devices (after django-otp's own admin, which shows secrets) and the login attempts
# and lockouts (django-axes).
from . import admin_devices, admin_lockouts, admin_tokens  # noqa: E402, F401
