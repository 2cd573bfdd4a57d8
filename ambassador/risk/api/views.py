from drf_spectacular.utils import extend_schema, extend_schema_view

from ambassador.core.api.base import ReadOnlyScopedViewSet

from ..filtersets import RiskAssessmentFilterSet
from ..models import RiskAssessment
from .serializers import RiskAssessmentSerializer


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
