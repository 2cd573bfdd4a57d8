import django_filters
from django.utils.translation import gettext_lazy as _

from ambassador.core.api import filters
from ambassador.stakeholders.filtersets import (
    BooleanFilter,
    SearchFilterSet,
    SlugFilter,
    city_filters,
    company_filters,
    visible_rows,
)

from .choices import Confidentiality, MeetingFormat, NegotiationStage, ReviewState
from .models import Meeting, Negotiation, Topic


def topic_filters(field_name: str):
    return (
        filters.ModelMultipleChoiceFilter(field_name=field_name, queryset=Topic.objects.all(), distinct=True),
        SlugFilter(field_name=f"{field_name}__slug", queryset=Topic.objects.all(), distinct=True),
    )


def negotiation_filters(field_name: str):
    """The pair of filters for a relation to Negotiation: `negotiation_id` (ids) and `negotiation` (slugs)."""
    return (
        filters.ModelMultipleChoiceFilter(field_name=field_name, queryset=visible_rows(Negotiation)),
        SlugFilter(field_name=f"{field_name}__slug", queryset=visible_rows(Negotiation)),
    )


class NegotiationFilterSet(SearchFilterSet):
    search_fields = ("title", "slug", "public_summary", "company__name")
    slug = django_filters.CharFilter(max_length=200)
    city_id, city = city_filters("city")
    company_id, company = company_filters("company")
    topic_id, topic = topic_filters("topics")
    stage = django_filters.MultipleChoiceFilter(choices=NegotiationStage.choices)
    is_public = BooleanFilter(label=_("Announced"))
    opened_after = django_filters.DateFilter(field_name="opened_on", lookup_expr="gte")
    opened_before = django_filters.DateFilter(field_name="opened_on", lookup_expr="lte")
    closed_after = django_filters.DateFilter(field_name="closed_on", lookup_expr="gte")
    closed_before = django_filters.DateFilter(field_name="closed_on", lookup_expr="lte")
    lead_envoy_id = filters.IntegerFilter(field_name="lead_envoy")

    class Meta:
        model = Negotiation
        fields = ["id"]


class MeetingFilterSet(SearchFilterSet):
    search_fields = ("subject", "location", "minutes_main_points", "minutes_positions", "minutes_conclusions")
    city_id, city = city_filters("city")
    company_id, company = company_filters("negotiation__company")
    negotiation_id, negotiation = negotiation_filters("negotiation")
    # Held outside any negotiation (e.g. with a union on a topic), or in one.
    standalone = BooleanFilter(field_name="negotiation", lookup_expr="isnull", label=_("Outside a negotiation"))
    topic_id, topic = topic_filters("topic")
    stage = django_filters.MultipleChoiceFilter(field_name="negotiation__stage", choices=NegotiationStage.choices)
    confidentiality = django_filters.MultipleChoiceFilter(choices=Confidentiality.choices)
    review_state = django_filters.MultipleChoiceFilter(choices=ReviewState.choices)
    # Not named `format`: that query parameter picks the response format (e.g. ?format=csv).
    meeting_format = django_filters.MultipleChoiceFilter(field_name="format", choices=MeetingFormat.choices)
    held_after = filters.DateTimeFilter(field_name="starts_at", lookup_expr="gte")
    held_before = filters.DateTimeFilter(field_name="starts_at", lookup_expr="lte")
    published_after = filters.DateTimeFilter(field_name="published_at", lookup_expr="gte")
    published_before = filters.DateTimeFilter(field_name="published_at", lookup_expr="lte")
    attendee_id = filters.IntegerFilter(field_name="attendees", distinct=True)
    organisation_id = filters.IntegerFilter(field_name="organisations", distinct=True)

    class Meta:
        model = Meeting
        fields = ["id"]
