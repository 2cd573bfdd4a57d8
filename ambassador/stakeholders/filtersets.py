"""One FilterSet per model (NetBox style): relations filter by id and by slug, and `q` searches."""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.drainage import set_override

from ambassador.core.api import filters

from .choices import OrganisationKind
from .models import City, Organisation, Person


class _BooleanSelect(forms.Select):
    def __init__(self, attrs=None):
        super().__init__(attrs, choices=[("", "---------"), ("true", _("Yes")), ("false", _("No"))])

    def format_value(self, value):
        return [{True: "true", False: "false"}.get(value, "")]


class StrictBooleanField(forms.NullBooleanField):
    """``true``/``false`` (or ``1``/``0``); anything else is an error rather than "no filter"."""

    widget = _BooleanSelect
    default_error_messages = {"invalid": _("Enter true or false.")}

    def to_python(self, value):
        if value is None or value == "":
            return None
        if isinstance(value, bool):
            return value
        normalised = str(value).strip().lower()
        if normalised in ("true", "1"):
            return True
        if normalised in ("false", "0"):
            return False
        raise ValidationError(self.error_messages["invalid"], code="invalid")

    def validate(self, value):
        pass


class BooleanFilter(django_filters.BooleanFilter):
    """A boolean filter that answers ``?overdue=maybe`` with a 400 instead of ignoring it."""

    field_class = StrictBooleanField


def visible_rows(model):
    """A filter queryset of the rows the requesting user may see.

    Naming another city's record in a filter then fails exactly like naming one that does not
    exist, so the difference between an empty list and a 400 reveals nothing.
    """

    def queryset(request):
        user = getattr(request, "user", None)
        if user is None:
            return model._default_manager.none()
        return model._default_manager.visible_to(user)

    return queryset


class SlugFilter(filters.ModelMultipleChoiceFilter):
    """Filters a relation by one or more slugs (repeat the parameter for several)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("to_field_name", "slug")
        super().__init__(*args, **kwargs)
        # The schema cannot find the type through the slug path, so it is given, per filter, with a
        # description; being a multiple-choice filter, the schema makes it a repeatable array.
        relation = self.field_name.removesuffix("__slug").split("__")[-1].replace("_", " ")
        self._spectacular_annotation = {}
        set_override(
            self, "field", {"type": "string", "description": f"Slug of the {relation}; repeat for several."}
        )


class SearchFilterSet(filters.FilterSet):
    """A FilterSet with a `q` parameter searching ``search_fields`` (case-insensitive, contains)."""

    search_fields: tuple[str, ...] = ()
    q = django_filters.CharFilter(method="search", label=_("Search"), max_length=200)

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        condition = Q()
        for field in self.search_fields:
            condition |= Q(**{f"{field}__icontains": value})
        return queryset.filter(condition)


def city_filters(field_name: str = "city"):
    """The pair of filters for a relation to City: `city_id` (ids) and `city` (slugs)."""
    return (
        filters.ModelMultipleChoiceFilter(
            field_name=field_name, queryset=City.objects.all(), label=_("City (id)")
        ),
        SlugFilter(
            field_name=f"{field_name}__slug", queryset=City.objects.all(),
            label=_("City (slug)"),
        ),
    )


def company_filters(field_name: str = "company"):
    """The pair of filters for a relation to a company: `company_id` (ids) and `company` (slugs)."""
    return (
        filters.ModelMultipleChoiceFilter(
            field_name=field_name, queryset=Organisation.objects.all(), label=_("Company (id)")
        ),
        SlugFilter(
            field_name=f"{field_name}__slug", queryset=Organisation.objects.all(),
            label=_("Company (slug)"),
        ),
    )


class CityFilterSet(SearchFilterSet):
    search_fields = ("name", "slug", "country")
    slug = django_filters.CharFilter(max_length=120)
    country = django_filters.CharFilter(max_length=2)

    class Meta:
        model = City
        fields = ["id", "slug", "country"]


class OrganisationFilterSet(SearchFilterSet):
    search_fields = ("name", "slug", "registry_id")
    slug = django_filters.CharFilter(max_length=200)
    kind = django_filters.MultipleChoiceFilter(choices=OrganisationKind.choices)
    parent_id = filters.ModelMultipleChoiceFilter(field_name="parent", queryset=Organisation.objects.all())
    parent = SlugFilter(field_name="parent__slug", queryset=Organisation.objects.all())
    has_registry_id = BooleanFilter(method="filter_has_registry_id")

    class Meta:
        model = Organisation
        fields = ["id", "slug", "kind"]

    def filter_has_registry_id(self, queryset, name, value):
        return queryset.exclude(registry_id="") if value else queryset.filter(registry_id="")


class PersonFilterSet(SearchFilterSet):
    search_fields = ("full_name",)
    city_id, city = city_filters("affiliations__city")
    organisation_id = filters.ModelMultipleChoiceFilter(
        field_name="affiliations__organisation", queryset=Organisation.objects.all(), distinct=True
    )
    organisation = SlugFilter(
        field_name="affiliations__organisation__slug", queryset=Organisation.objects.all(), distinct=True,
    )
    is_public_official = BooleanFilter()
    is_public_figure = BooleanFilter()

    class Meta:
        model = Person
        fields = ["id", "is_public_official", "is_public_figure"]
