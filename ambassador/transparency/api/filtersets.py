"""Filters of the public API. A foreign key filters by slug, as the public pages link by slug."""

import django_filters

from ambassador.commitments.choices import Area, CompletionLevel, Principle
from ambassador.commitments.models import Commitment, CommitmentUpdate
from ambassador.core.api import filters
from ambassador.negotiations.choices import Confidentiality, NegotiationStage
from ambassador.negotiations.models import Meeting, Negotiation
from ambassador.risk.models import RiskAssessment
from ambassador.stakeholders.choices import OrganisationKind
from ambassador.stakeholders.filtersets import BooleanFilter
from ambassador.stakeholders.models import Affiliation, LobbyingDisclosure, Organisation


class OrganisationFilterSet(filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=OrganisationKind.choices)
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains")

    class Meta:
        model = Organisation
        fields = ("kind", "q")


class MembershipFilterSet(filters.FilterSet):
    organisation = django_filters.CharFilter(field_name="organisation__slug")
    city = django_filters.CharFilter(field_name="city__slug")
    person = filters.IntegerFilter(field_name="person_id")

    class Meta:
        model = Affiliation
        fields = ("organisation", "city", "person")


class NegotiationFilterSet(filters.FilterSet):
    city = django_filters.CharFilter(field_name="city__slug")
    company = django_filters.CharFilter(field_name="company__slug")
    stage = django_filters.ChoiceFilter(choices=NegotiationStage.choices)

    class Meta:
        model = Negotiation
        fields = ("city", "company", "stage")


class MeetingFilterSet(filters.FilterSet):
    city = django_filters.CharFilter(field_name="city__slug")
    company = django_filters.CharFilter(field_name="negotiation__company__slug")
    negotiation = django_filters.CharFilter(field_name="negotiation__slug")
    organisation = django_filters.CharFilter(field_name="organisations__slug", distinct=True)
    confidentiality = django_filters.ChoiceFilter(
        choices=[(Confidentiality.PUBLIC, Confidentiality.PUBLIC.label),
                 (Confidentiality.RESTRICTED, Confidentiality.RESTRICTED.label),
                 (Confidentiality.CONFIDENTIAL, Confidentiality.CONFIDENTIAL.label)]
    )
    starts_after = filters.DateTimeFilter(field_name="starts_at", lookup_expr="gte")
    starts_before = filters.DateTimeFilter(field_name="starts_at", lookup_expr="lt")

    class Meta:
        model = Meeting
        fields = ("city", "company", "negotiation", "organisation", "confidentiality", "starts_after", "starts_before")


class CommitmentFilterSet(filters.FilterSet):
    city = django_filters.CharFilter(field_name="negotiation__city__slug")
    company = django_filters.CharFilter(field_name="negotiation__company__slug")
    negotiation = django_filters.CharFilter(field_name="negotiation__slug")
    area = django_filters.ChoiceFilter(choices=Area.choices)
    principle = django_filters.ChoiceFilter(choices=Principle.choices)
    completion = django_filters.ChoiceFilter(choices=CompletionLevel.choices)
    overdue = BooleanFilter(method="filter_overdue")
    q = django_filters.CharFilter(field_name="text", lookup_expr="icontains")

    class Meta:
        model = Commitment
        fields = ("city", "company", "negotiation", "area", "principle", "completion", "overdue", "q")

    def filter_overdue(self, queryset, name, value):
        overdue = queryset.overdue()
        return overdue if value else queryset.exclude(pk__in=overdue.values("pk"))


class CommitmentUpdateFilterSet(filters.FilterSet):
    commitment = filters.IntegerFilter(field_name="commitment_id")

    class Meta:
        model = CommitmentUpdate
        fields = ("commitment",)


class LobbyingDisclosureFilterSet(filters.FilterSet):
    organisation = django_filters.CharFilter(field_name="organisation__slug")
    jurisdiction = django_filters.CharFilter()

    class Meta:
        model = LobbyingDisclosure
        fields = ("organisation", "jurisdiction")


class RiskAssessmentFilterSet(filters.FilterSet):
    organisation = django_filters.CharFilter(field_name="organisation__slug")
    city = django_filters.CharFilter(field_name="city__slug")
    overall = BooleanFilter(field_name="city", lookup_expr="isnull")

    class Meta:
        model = RiskAssessment
        fields = ("organisation", "city", "overall")
