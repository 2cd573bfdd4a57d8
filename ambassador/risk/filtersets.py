"""The staff API's filters of lobbying-risk assessments, built like every other app's (NetBox style)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from ambassador.stakeholders.filtersets import BooleanFilter, SearchFilterSet, city_filters, company_filters

from .models import RiskAssessment


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
