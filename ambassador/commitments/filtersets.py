import django_filters
from django.utils.translation import gettext_lazy as _

from ambassador.core.api import filters
from ambassador.negotiations.choices import NegotiationStage
from ambassador.negotiations.filtersets import negotiation_filters
from ambassador.negotiations.models import Meeting
from ambassador.stakeholders.filtersets import (
    BooleanFilter,
    SearchFilterSet,
    city_filters,
    company_filters,
    visible_rows,
)

from .choices import Area, CompletionLevel, FlagKind, Principle, Promiser
from .models import Commitment, CommitmentUpdate, OverdueFlag


class CommitmentFilterSet(SearchFilterSet):
    search_fields = ("text", "evidence", "negotiation__title")
    city_id, city = city_filters("negotiation__city")
    company_id, company = company_filters("negotiation__company")
    negotiation_id, negotiation = negotiation_filters("negotiation")
    source_meeting_id = filters.ModelMultipleChoiceFilter(
        field_name="source_meeting", queryset=visible_rows(Meeting)
    )
    stage = django_filters.MultipleChoiceFilter(field_name="negotiation__stage", choices=NegotiationStage.choices)
    area = django_filters.MultipleChoiceFilter(choices=Area.choices)
    principle = django_filters.MultipleChoiceFilter(choices=Principle.choices)
    completion = django_filters.MultipleChoiceFilter(choices=CompletionLevel.choices, label=_("Completion level"))
    promiser = django_filters.MultipleChoiceFilter(choices=Promiser.choices)
    overdue = BooleanFilter(method="filter_overdue", label=_("Overdue in the city's time zone"))
    slipped = BooleanFilter(method="filter_slipped", label=_("Due date moved at least once"))
    due_after = django_filters.DateFilter(field_name="due_on", lookup_expr="gte")
    due_before = django_filters.DateFilter(field_name="due_on", lookup_expr="lte")

    class Meta:
        model = Commitment
        fields = ["id"]

    def filter_overdue(self, queryset, name, value):
        overdue = queryset.model.objects.overdue().values("pk")
        return queryset.filter(pk__in=overdue) if value else queryset.exclude(pk__in=overdue)

    def filter_slipped(self, queryset, name, value):
        return queryset.filter(slippage_count__gt=0) if value else queryset.filter(slippage_count=0)


class CommitmentUpdateFilterSet(SearchFilterSet):
    search_fields = ("summary", "evidence", "due_date_reason", "commitment__text")
    city_id, city = city_filters("commitment__negotiation__city")
    company_id, company = company_filters("commitment__negotiation__company")
    negotiation_id, negotiation = negotiation_filters("commitment__negotiation")
    commitment_id = filters.ModelMultipleChoiceFilter(field_name="commitment", queryset=visible_rows(Commitment))
    completion = django_filters.MultipleChoiceFilter(choices=CompletionLevel.choices)
    moves_due_date = BooleanFilter(field_name="new_due_on", lookup_expr="isnull", exclude=True)
    reported_after = django_filters.DateFilter(field_name="reported_on", lookup_expr="gte")
    reported_before = django_filters.DateFilter(field_name="reported_on", lookup_expr="lte")

    class Meta:
        model = CommitmentUpdate
        fields = ["id"]


class OverdueFlagFilterSet(SearchFilterSet):
    search_fields = ("commitment__text",)
    city_id, city = city_filters("commitment__negotiation__city")
    company_id, company = company_filters("commitment__negotiation__company")
    negotiation_id, negotiation = negotiation_filters("commitment__negotiation")
    commitment_id = filters.ModelMultipleChoiceFilter(field_name="commitment", queryset=visible_rows(Commitment))
    kind = django_filters.MultipleChoiceFilter(choices=FlagKind.choices)
    active = BooleanFilter(field_name="cleared_at", lookup_expr="isnull", label=_("Not cleared"))
    raised_after = filters.DateTimeFilter(field_name="raised_at", lookup_expr="gte")
    raised_before = filters.DateTimeFilter(field_name="raised_at", lookup_expr="lte")
    due_after = django_filters.DateFilter(field_name="due_on", lookup_expr="gte")
    due_before = django_filters.DateFilter(field_name="due_on", lookup_expr="lte")

    class Meta:
        model = OverdueFlag
        fields = ["id"]
