from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.response import Response

from ambassador.core.api.base import ReadOnlyScopedViewSet

from ..filtersets import IndicatorVerdictFilterSet, RiskAssessmentFilterSet
from ..models import IndicatorVerdict, RiskAssessment
from .serializers import IndicatorVerdictCreateSerializer, IndicatorVerdictSerializer, RiskAssessmentSerializer


@extend_schema_view(
    list=extend_schema(summary="Lobbying-risk assessments: overall, and your city's"),
    retrieve=extend_schema(summary="A risk assessment with its indicators"),
)
class RiskAssessmentViewSet(ReadOnlyScopedViewSet):
    queryset = RiskAssessment.objects.all()
    serializer_class = RiskAssessmentSerializer
    filterset_class = RiskAssessmentFilterSet
    select_related = ("organisation", "city")
    ordering_fields = ["assessed_on", "score", "id"]
    ordering = ["-assessed_on", "-id"]


@extend_schema_view(
    list=extend_schema(summary="Reviewers' verdicts on the risk indicators that fired (council staff)"),
    retrieve=extend_schema(summary="A verdict on a risk indicator"),
    create=extend_schema(
        summary="Give a verdict on an indicator that fired in an assessment",
        description="Confirmed, false_positive or needs_data; the last two need a note. A verdict given again on "
        "the same indicator of the same assessment replaces it (its history keeps the earlier one). The "
        "newest verdict stands for the same indicator of the company's later scores until another is given.",
        request=IndicatorVerdictCreateSerializer,
        responses={201: IndicatorVerdictSerializer},
    ),
)
class IndicatorVerdictViewSet(mixins.CreateModelMixin, ReadOnlyScopedViewSet):
    queryset = IndicatorVerdict.objects.all()
    serializer_class = IndicatorVerdictSerializer
    filterset_class = IndicatorVerdictFilterSet
    select_related = ("organisation", "city", "decided_by", "assessment")
    ordering_fields = ["decided_at", "id"]
    ordering = ["-decided_at", "-id"]

    def annotate(self, queryset):
        return queryset.defer("assessment__indicators").with_current_flag()

    def get_serializer_class(self):
        return IndicatorVerdictCreateSerializer if self.action == "create" else self.serializer_class

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        verdict = serializer.save()
        row = self.get_queryset().get(pk=verdict.pk)
        return Response(IndicatorVerdictSerializer(row, context=self.get_serializer_context()).data,
                        status=status.HTTP_201_CREATED)
