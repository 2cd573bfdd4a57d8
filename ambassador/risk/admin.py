"""The lobbying-risk scores in the admin: read-only assessments with the reviewers' verdicts on the indicators
that fired, the verdicts themselves, and each negotiation's latest score in its city.

The negotiation admin belongs to the negotiations app, which knows nothing of risk; the score
column is added here by registering a subclass in its place.
"""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ambassador.core.admin import CityScopedAdmin, adopt_saved
from ambassador.core.permissions import may
from ambassador.negotiations.admin import NegotiationAdmin
from ambassador.negotiations.models import Negotiation

from .forms import IndicatorVerdictFormSet
from .models import IndicatorVerdict, RiskAssessment
from .services import indicator_verdict_record
from .verdicts import current_verdicts, fired_indicators, shows_verdicts


@admin.register(RiskAssessment)
class RiskAssessmentAdmin(CityScopedAdmin):
    list_display = ("organisation", "city_or_overall", "assessed_on", "score", "confidence", "enough_data")
    list_filter = ("city", "assessed_on")
    search_fields = ("organisation__name",)
    list_select_related = ("organisation", "city")
    date_hierarchy = "assessed_on"
    readonly_fields = (
        "organisation", "city", "assessed_on", "computed_at", "score", "confidence", "enough_data", "indicators",
    )
    change_form_template = "admin/risk/riskassessment/change_form.html"

    @admin.display(description=_("city"))
    def city_or_overall(self, obj):
        return obj.city or _("Overall")

    def get_urls(self):
        verdicts = path(
            "<path:object_id>/verdicts/", self.admin_site.admin_view(self.verdicts_view),
            name="risk_riskassessment_verdicts",
        )
        # Before the admin's own URLs, whose catch-all "<object_id>/" would take it.
        return [verdicts, *super().get_urls()]

    def may_judge(self, request) -> bool:
        return may(request.user, "add", IndicatorVerdict)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        extra = {"fired_indicators": [], "may_view_verdicts": False, "may_judge": False}
        if obj is not None:
            extra = {
                "fired_indicators": fired_indicators(obj, current_verdicts([obj], user=request.user)),
                "may_view_verdicts": shows_verdicts(request.user),
                "may_judge": self.may_judge(request),
            }
        return super().change_view(request, object_id, form_url, {**(extra_context or {}), **extra})

    def verdicts_view(self, request, object_id):
        """Staff give verdicts on the indicators that fired in the assessment, all in one form.

        A row left as it was (the current verdict and note, or no verdict) records nothing; the
        others are recorded together, or none is when one is refused.
        """
        assessment = self.get_object(request, unquote(object_id))
        if assessment is None:
            raise Http404
        if not self.may_judge(request):
            raise PermissionDenied
        fired = fired_indicators(assessment, current_verdicts([assessment], user=request.user))
        initial = [
            {"indicator": item.key, "verdict": item.verdict.verdict if item.verdict else "",
             "note": item.verdict.note if item.verdict else ""}
            for item in fired
        ]
        change_url = reverse("admin:risk_riskassessment_change", args=[assessment.pk])
        formset = IndicatorVerdictFormSet(request.POST or None, initial=initial, prefix="verdicts")
        if request.method == "POST" and formset.is_valid():
            current = {item.key: item.verdict for item in fired}
            try:
                recorded = self._record_verdicts(request, assessment, formset, current)
            except ValidationError:
                pass  # the errors are on the forms; the page is shown again
            else:
                if recorded:
                    self.message_user(
                        request, gettext("%(count)d verdict(s) recorded.") % {"count": recorded}, messages.SUCCESS
                    )
                else:
                    self.message_user(request, gettext("No verdict changed."), messages.INFO)
                return HttpResponseRedirect(change_url)
        rows = list(zip(fired, formset.forms, strict=False))
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Verdicts on the indicators that fired"),
            "opts": self.opts,
            "original": assessment,
            "formset": formset,
            "rows": rows,
            "change_url": change_url,
        }
        return TemplateResponse(request, "admin/risk/riskassessment/verdicts.html", context)

    @transaction.atomic
    def _record_verdicts(self, request, assessment, formset, current) -> int:
        recorded = 0
        failed = None
        for form in formset.forms:
            data = form.cleaned_data
            verdict, note, key = data.get("verdict"), data.get("note", ""), data.get("indicator")
            standing = current.get(key)
            if not verdict or (standing is not None and (standing.verdict, standing.note) == (verdict, note)):
                continue
            try:
                with transaction.atomic():
                    indicator_verdict_record(
                        assessment=assessment, indicator_key=key, verdict=verdict, note=note, user=request.user
                    )
            except ValidationError as error:
                for field, field_messages in error.message_dict.items():
                    name = {"indicator_key": None, "note": "note", "verdict": "verdict"}.get(field)
                    form.add_error(name, field_messages)
                failed = error
            else:
                recorded += 1
        if failed is not None:
            # Every row or none: the rows recorded before the refusal are undone too.
            raise failed
        return recorded

    # Scores are history, written by the risk job only: nobody adds, changes or deletes one here.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(IndicatorVerdict)
class IndicatorVerdictAdmin(CityScopedAdmin):
    """The verdicts, newest first, each with its history. Staff give them on the assessment's page, or add
    one here; changing one here changes its verdict and note only. Verdicts are never deleted."""

    list_display = ("organisation", "city_or_overall", "indicator_key", "verdict", "decided_by", "decided_at",
                    "is_current")
    list_filter = ("verdict", "indicator_key", "city")
    search_fields = ("organisation__name", "indicator_key")
    list_select_related = ("organisation", "city", "decided_by")
    date_hierarchy = "decided_at"
    fields = ("assessment", "indicator_key", "verdict", "note", "organisation", "city", "indicator_snapshot",
              "decided_by", "decided_at")
    raw_id_fields = ("assessment",)

    def get_readonly_fields(self, request, obj=None):
        always = ("organisation", "city", "indicator_snapshot", "decided_by", "decided_at")
        return (*always, "assessment", "indicator_key") if obj is not None else always

    def get_queryset(self, request):
        return super().get_queryset(request).with_current_flag()

    @admin.display(description=_("city"))
    def city_or_overall(self, obj):
        return obj.city or _("Overall")

    @admin.display(description=_("current"), boolean=True)
    def is_current(self, obj):
        return getattr(obj, "current", None)

    def has_view_permission(self, request, obj=None):
        # The rules let envoys list verdicts only to find none; the admin does not offer them the empty list.
        if obj is None and not shows_verdicts(request.user):
            return False
        return super().has_view_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        saved = indicator_verdict_record(
            assessment=obj.assessment, indicator_key=obj.indicator_key, verdict=obj.verdict, note=obj.note,
            user=request.user,
        )
        adopt_saved(obj, saved)


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
