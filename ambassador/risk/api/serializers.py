from rest_framework import serializers

from ambassador.stakeholders.api.serializers import CityBriefSerializer, OrganisationBriefSerializer

from ..models import RiskAssessment


class RiskAssessmentSerializer(serializers.ModelSerializer):
    organisation = OrganisationBriefSerializer(read_only=True)
    city = CityBriefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = RiskAssessment
        fields = [
            "id", "organisation", "city", "assessed_on", "computed_at", "score", "confidence", "enough_data",
            "indicators",
        ]
