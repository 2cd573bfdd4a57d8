"""The lobbying-risk scores in the admin: read-only assessments, and each negotiation's latest score in its city.

The negotiation admin belongs to the negotiations app, which knows nothing of risk; the score
column is added here by registering a subclass in its place.
"""

from django.contrib import admin
from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext_lazy as _

from ambassador.core.admin import CityScopedAdmin
from ambassador.negotiations.admin import NegotiationAdmin
from ambassador.negotiations.models import Negotiation

from .models import RiskAssessment


@admin.register(RiskAssessment)
class RiskAssessmentAdmin(CityScopedAdmin):
    list_display = ("organisation", "city_or_overall", "assessed_on", "score")
    list_filter = ("city", "assessed_on")
    search_fields = ("organisation__name",)
    list_select_related = ("organisation", "city")
    date_hierarchy = "assessed_on"
    readonly_fields = ("organisation", "city", "assessed_on", "computed_at", "score", "indicators")

    @admin.display(description=_("city"))
    def city_or_overall(self, obj):
        return obj.city or _("Overall")

    # Scores are history, written by the risk job only: nobody adds, changes or deletes one here.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def _before(names: tuple[str, ...], name: str, anchor: str) -> tuple[str, ...]:
    """``names`` with ``name`` inserted before ``anchor`` (at the end when ``anchor`` is not there)."""
    at = names.index(anchor) if anchor in names else len(names)
    return (*names[:at], name, *names[at:])


class NegotiationWithRiskAdmin(NegotiationAdmin):
    """The negotiation admin with the company's latest risk score in the negotiation's city."""

    list_display = _before(tuple(NegotiationAdmin.list_display), "latest_risk_score", "log_meeting_link")
    readonly_fields = ("latest_risk_score", *NegotiationAdmin.readonly_fields)

    def get_queryset(self, request):
        latest = RiskAssessment.objects.filter(
            organisation=OuterRef("company"), city=OuterRef("city")
        ).order_by("-assessed_on", "-pk")
        return super().get_queryset(request).annotate(latest_risk=Subquery(latest.values("score")[:1]))

    @admin.display(description=_("latest risk score"), ordering="latest_risk")
    def latest_risk_score(self, obj):
        score = getattr(obj, "latest_risk", None)
        return "—" if score is None else f"{score:.0f}"


admin.site.unregister(Negotiation)
admin.site.register(Negotiation, NegotiationWithRiskAdmin)
