from django.contrib import admin

from ambassador.core.admin import CityScopedAdmin, CityScopedInline, adopt_saved
from ambassador.core.membership import sees_every_city
from ambassador.core.permissions import may

from . import services
from .models import (
    Affiliation,
    City,
    CityMembership,
    LobbyingDisclosure,
    Organisation,
    Person,
)


class WritesThroughServices:
    """Saves and deletes through the app's services, which hold the rules; the admin only offers.

    ``services_for`` names the services: ``{"create": ..., "update": ..., "delete": ...}``, the
    update and delete ones taking the row under the keyword ``instance_name``.
    """

    services_for: dict = {}
    instance_name = ""

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        if change:
            changed = {name: data[name] for name in form.changed_data if name in data}
            saved = self.services_for["update"](**{self.instance_name: obj}, user=request.user, **changed)
        else:
            saved = self.services_for["create"](user=request.user, **data)
        adopt_saved(obj, saved)

    def delete_model(self, request, obj):
        self.services_for["delete"](**{self.instance_name: obj}, user=request.user)


@admin.register(City)
class CityAdmin(WritesThroughServices, CityScopedAdmin):
    services_for = {"create": services.city_create, "update": services.city_update, "delete": services.city_delete}
    instance_name = "city"
    list_display = ("name", "country", "time_zone")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}


class AffiliationInline(CityScopedInline):
    model = Affiliation
    fields = ("city", "organisation", "role", "start_on", "end_on")
    autocomplete_fields = ("organisation",)


@admin.register(Organisation)
class OrganisationAdmin(WritesThroughServices, CityScopedAdmin):
    services_for = {"create": services.organisation_create, "update": services.organisation_update,
                    "delete": services.organisation_delete}
    instance_name = "organisation"
    list_display = ("name", "kind", "registry_id", "parent")
    list_filter = ("kind",)
    search_fields = ("name", "slug", "registry_id")
    list_select_related = ("parent",)
    autocomplete_fields = ("parent",)
    prepopulated_fields = {"slug": ("name",)}

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and not may(request.user, "change_identity", obj):
            fields += Organisation.IDENTITY_FIELDS
        if not sees_every_city(request.user):
            fields.append("recorded_by_city")
        return fields

    def get_prepopulated_fields(self, request, obj=None):
        return {} if obj is not None and not may(request.user, "change_identity", obj) else self.prepopulated_fields


@admin.register(Person)
class PersonAdmin(WritesThroughServices, CityScopedAdmin):
    services_for = {"create": services.person_create, "update": services.person_update,
                    "delete": services.person_delete}
    instance_name = "person"
    list_display = ("full_name", "is_public_official", "is_public_figure", "recorded_by_city")
    list_filter = ("is_public_official", "is_public_figure")
    search_fields = ("full_name",)
    list_select_related = ("recorded_by_city",)
    inlines = [AffiliationInline]

    def records_of_own_city(self, request, obj) -> bool:
        """Whether the user's city recorded this person (superusers own every record)."""
        return services.records_person(person=obj, user=request.user)

    def get_exclude(self, request, obj=None):
        # Notes are internal to the city that recorded the person.
        if not self.records_of_own_city(request, obj):
            return ("notes",)
        return super().get_exclude(request, obj)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not sees_every_city(request.user):
            fields.append("recorded_by_city")
        return fields

    def save_formset(self, request, form, formset, change):
        """The person's affiliations are written through the affiliation services too."""
        formset.save(commit=False)
        for affiliation in formset.deleted_objects:
            services.affiliation_delete(affiliation=affiliation, user=request.user)
        for affiliation, changed in formset.changed_objects:
            services.affiliation_update(
                affiliation=affiliation, user=request.user,
                **{name: getattr(affiliation, name) for name in changed},
            )
        for affiliation in formset.new_objects:
            fields = {name: getattr(affiliation, name) for name in AffiliationInline.fields}
            created = services.affiliation_create(person=form.instance, user=request.user, **fields)
            adopt_saved(affiliation, created)


@admin.register(Affiliation)
class AffiliationAdmin(WritesThroughServices, CityScopedAdmin):
    services_for = {"create": services.affiliation_create, "update": services.affiliation_update,
                    "delete": services.affiliation_delete}
    instance_name = "affiliation"
    list_display = ("person", "role", "city", "organisation", "start_on", "end_on")
    list_filter = ("city", "organisation__kind")
    search_fields = ("person__full_name", "role", "organisation__name")
    list_select_related = ("person", "city", "organisation")
    autocomplete_fields = ("person", "organisation")
    date_hierarchy = "start_on"



@admin.register(LobbyingDisclosure)
class LobbyingDisclosureAdmin(WritesThroughServices, CityScopedAdmin):
    services_for = {"create": services.disclosure_create, "update": services.disclosure_update,
                    "delete": services.disclosure_delete}
    instance_name = "disclosure"
    list_display = ("organisation", "jurisdiction", "period_start", "period_end", "declared_spend",
                    "declared_lobbyist_headcount")
    list_filter = ("jurisdiction",)
    search_fields = ("organisation__name",)
    list_select_related = ("organisation",)
    autocomplete_fields = ("organisation",)


@admin.register(CityMembership)
class CityMembershipAdmin(WritesThroughServices, CityScopedAdmin):
    services_for = {"create": services.membership_create, "update": services.membership_update,
                    "delete": services.membership_delete}
    instance_name = "membership"
    list_display = ("user", "city", "role", "person")
    list_filter = ("city", "role")
    search_fields = ("user__username", "user__email")
    list_select_related = ("user", "city", "person")
    autocomplete_fields = ("person",)
