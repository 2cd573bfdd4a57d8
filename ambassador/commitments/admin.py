from django.contrib import admin

from ambassador.stakeholders.admin_base import CityScopedAdmin

from .models import Commitment, CommitmentUpdate, OverdueFlag


@admin.register(Commitment)
class CommitmentAdmin(CityScopedAdmin):
    list_display = ("__str__", "negotiation", "promiser", "area", "principle", "due_on", "completion",
                    "slippage_count")
    list_filter = ("negotiation__city", "negotiation__company", "area", "principle", "completion", "promiser")
    search_fields = ("text", "evidence", "negotiation__title")
    list_select_related = ("negotiation",)
    autocomplete_fields = ("negotiation", "source_meeting")
    readonly_fields = ("original_due_on", "slippage_count", "created_at")
    date_hierarchy = "due_on"


@admin.register(CommitmentUpdate)
class CommitmentUpdateAdmin(CityScopedAdmin):
    list_display = ("commitment", "reported_on", "completion", "new_due_on")
    list_filter = ("commitment__negotiation__city", "completion")
    search_fields = ("summary", "evidence", "commitment__text")
    list_select_related = ("commitment",)
    autocomplete_fields = ("commitment",)
    readonly_fields = ("logged_by", "logged_at")
    date_hierarchy = "reported_on"

    def save_model(self, request, obj, form, change):
        if not change:
            obj.logged_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(OverdueFlag)
class OverdueFlagAdmin(CityScopedAdmin):
    list_display = ("commitment", "kind", "due_on", "raised_at", "cleared_at", "notified_at")
    list_filter = ("kind", "commitment__negotiation__city")
    search_fields = ("commitment__text",)
    list_select_related = ("commitment",)
    readonly_fields = ("commitment", "kind", "due_on", "raised_at", "cleared_at", "notified_at")
    date_hierarchy = "raised_at"

    def has_add_permission(self, request):
        return False
