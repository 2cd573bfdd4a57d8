from django.contrib import admin

from ambassador.commitments.models import Commitment
from ambassador.stakeholders.admin_base import CityScopedAdmin, CityScopedInline

from .models import Meeting, Negotiation, Topic


@admin.register(Topic)
class TopicAdmin(CityScopedAdmin):
    list_display = ("name", "slug")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Negotiation)
class NegotiationAdmin(CityScopedAdmin):
    list_display = ("title", "city", "company", "stage", "opened_on", "closed_on", "is_public")
    list_filter = ("city", "company", "stage", "is_public", "topics")
    search_fields = ("title", "slug", "company__name", "public_summary")
    list_select_related = ("city", "company")
    autocomplete_fields = ("company",)
    filter_horizontal = ("topics",)
    date_hierarchy = "opened_on"
    prepopulated_fields = {"slug": ("title",)}


class CommitmentInline(CityScopedInline):
    model = Commitment
    fk_name = "source_meeting"
    fields = ("promiser", "area", "principle", "text", "due_on", "completion")


@admin.register(Meeting)
class MeetingAdmin(CityScopedAdmin):
    list_display = ("subject", "negotiation", "starts_at", "confidentiality", "review_state")
    list_filter = ("negotiation__city", "negotiation__company", "confidentiality", "review_state", "format")
    search_fields = ("subject", "minutes_main_points", "minutes_positions", "minutes_conclusions")
    list_select_related = ("negotiation",)
    autocomplete_fields = ("negotiation", "attendees", "organisations")
    date_hierarchy = "starts_at"
    readonly_fields = ("review_state", "logged_by", "logged_at", "submitted_at", "published_at", "published_by")
    inlines = [CommitmentInline]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.logged_by = request.user
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        instances = formset.save(commit=False)
        for instance in instances:
            if isinstance(instance, Commitment):
                instance.negotiation = form.instance.negotiation
            instance.save()
        for obj in formset.deleted_objects:
            obj.delete()
        formset.save_m2m()
