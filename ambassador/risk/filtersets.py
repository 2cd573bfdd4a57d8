"""The staff API's filters of lobbying-risk assessments, built like every other app's (NetBox style)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from ambassador.core.api.filters import IntegerFilter
from ambassador.stakeholders.filtersets import BooleanFilter, SearchFilterSet, city_filters, company_filters

from .choices import Verdict
from .models import IndicatorVerdict, RiskAssessment


class RiskAssessmentFilterSet(SearchFilterSet):
    search_fields = ("organisation__name",)
    city_id, city = city_filters("city")
    company_id, company = company_filters("organisation")
    overall = BooleanFilter(field_name="city", lookup_expr="isnull", label=_("Overall scores only"))
    assessed_after = django_filters.DateFilter(field_name="assessed_on", lookup_expr="gte")
    assessed_before = django_filters.DateFilter(field_name="assessed_on", lookup_expr="lte")
    min_score = django_filters.NumberFilter(field_name="score", lookup_expr="gte")

    class Meta:
        model = RiskAssessment
        fields = ["id"]


class IndicatorVerdictFilterSet(SearchFilterSet):
    search_fields = ("organisation__name", "note")
    city_id, city = city_filters("city")
    company_id, company = company_filters("organisation")
    overall = BooleanFilter(field_name="city", lookup_expr="isnull", label=_("Verdicts on overall scores only"))
    # Any key: the engine may add indicators, which old verdicts and scores do not know.
    indicator = django_filters.CharFilter(field_name="indicator_key", max_length=64, label=_("Indicator key"))
    verdict = django_filters.MultipleChoiceFilter(choices=Verdict.choices, label=_("Verdict"))
    assessment = IntegerFilter(field_name="assessment_id", label=_("Assessment (id)"))
    current = BooleanFilter(method="filter_current", label=_("Current verdicts only (true) or replaced ones (false)"))

    class Meta:
        model = IndicatorVerdict
        fields = ["id"]

    def filter_current(self, queryset, name, value):
        current = IndicatorVerdict.objects.current().values("pk")
        return queryset.filter(pk__in=current) if value else queryset.exclude(pk__in=current)
