from django.contrib import admin

from ambassador.core.admin import CityScopedAdmin, CityScopedInline
from ambassador.core.membership import city_of

from .models import (
    Affiliation,
    City,
    CityMembership,
    LobbyingDisclosure,
    Organisation,
    Person,
)


@admin.register(City)
class CityAdmin(CityScopedAdmin):
    list_display = ("name", "country", "time_zone")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}


class AffiliationInline(CityScopedInline):
    model = Affiliation
    fields = ("city", "organisation", "role", "start_on", "end_on")
    autocomplete_fields = ("organisation",)


@admin.register(Organisation)
class OrganisationAdmin(CityScopedAdmin):
    list_display = ("name", "kind", "registry_id", "parent")
    list_filter = ("kind",)
    search_fields = ("name", "slug", "registry_id")
    list_select_related = ("parent",)
    autocomplete_fields = ("parent",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Person)
class PersonAdmin(CityScopedAdmin):
    list_display = ("full_name", "is_public_official", "is_public_figure", "recorded_by_city")
    list_filter = ("is_public_official", "is_public_figure")
    search_fields = ("full_name",)
    list_select_related = ("recorded_by_city",)
    inlines = [AffiliationInline]

    def records_of_own_city(self, request, obj) -> bool:
        """Whether the user's city recorded this person (superusers own every record)."""
        if obj is None or request.user.is_superuser:
            return True
        city = city_of(request.user)
        return city is not None and obj.recorded_by_city_id == city.pk

    def has_change_permission(self, request, obj=None):
        # Public officials recorded by another city are visible, but only their own city edits them.
        return super().has_change_permission(request, obj) and self.records_of_own_city(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self.records_of_own_city(request, obj)

    def get_exclude(self, request, obj=None):
        # Notes are internal to the city that recorded the person.
        if not self.records_of_own_city(request, obj):
            return ("notes",)
        return super().get_exclude(request, obj)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields.append("recorded_by_city")
        return fields

    def save_model(self, request, obj, form, change):
        if not change and not request.user.is_superuser:
            obj.recorded_by_city = city_of(request.user)
        super().save_model(request, obj, form, change)


@admin.register(Affiliation)
class AffiliationAdmin(CityScopedAdmin):
    list_display = ("person", "role", "city", "organisation", "start_on", "end_on")
    list_filter = ("city", "organisation__kind")
    search_fields = ("person__full_name", "role", "organisation__name")
    list_select_related = ("person", "city", "organisation")
    autocomplete_fields = ("person", "organisation")
    date_hierarchy = "start_on"


@admin.register(LobbyingDisclosure)
class LobbyingDisclosureAdmin(CityScopedAdmin):
    list_display = ("organisation", "jurisdiction", "period_start", "period_end", "declared_spend",
                    "declared_lobbyist_headcount")
    list_filter = ("jurisdiction",)
    search_fields = ("organisation__name",)
    list_select_related = ("organisation",)
    autocomplete_fields = ("organisation",)


@admin.register(CityMembership)
class CityMembershipAdmin(CityScopedAdmin):
    list_display = ("user", "city", "role", "person")
    list_filter = ("city", "role")
    search_fields = ("user__username", "user__email")
    list_select_related = ("user", "city", "person")
    autocomplete_fields = ("person",)
