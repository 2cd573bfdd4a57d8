from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers

from ambassador.stakeholders.api.serializers import CityBriefSerializer, OrganisationBriefSerializer

from ..choices import Verdict
from ..models import IndicatorVerdict, RiskAssessment
from ..services import indicator_verdict_record


class RiskAssessmentSerializer(serializers.ModelSerializer):
    organisation = OrganisationBriefSerializer(read_only=True)
    city = CityBriefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = RiskAssessment
        fields = [
            "id", "organisation", "city", "assessed_on", "computed_at", "score", "confidence", "enough_data",
            "indicators",
        ]


class IndicatorVerdictSerializer(serializers.ModelSerializer):
    organisation = OrganisationBriefSerializer(read_only=True)
    city = CityBriefSerializer(read_only=True, allow_null=True)
    indicator = serializers.CharField(source="indicator_key", read_only=True)
    assessed_on = serializers.DateField(source="assessment.assessed_on", read_only=True)
    decided_by = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)
    is_current = serializers.BooleanField(
        read_only=True, source="current", help_text="No later verdict replaces this one.",
    )

    class Meta:
        model = IndicatorVerdict
        fields = [
            "id", "organisation", "city", "indicator", "assessment", "assessed_on", "verdict", "note",
            "decided_by", "decided_at", "is_current", "indicator_snapshot",
        ]
        read_only_fields = fields


class IndicatorVerdictCreateSerializer(serializers.Serializer):
    """A verdict on an indicator that fired in an assessment the user sees; it becomes the current one."""

    assessment = serializers.PrimaryKeyRelatedField(queryset=RiskAssessment.objects.none())
    indicator = serializers.CharField(max_length=64, help_text="The indicator's key, as the assessment carries it.")
    verdict = serializers.ChoiceField(choices=Verdict.choices)
    note = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=5000,
        help_text="Required for false_positive and needs_data.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        # Another city's assessment is answered like one that does not exist.
        self.fields["assessment"].queryset = RiskAssessment.objects.visible_to(getattr(request, "user", None))

    def create(self, validated_data):
        try:
            return indicator_verdict_record(
                assessment=validated_data["assessment"], indicator_key=validated_data["indicator"],
                verdict=validated_data["verdict"], note=validated_data.get("note", ""),
                user=self.context["request"].user,
            )
        except DjangoValidationError as error:
            raise serializers.ValidationError(_api_fields(error)) from error


def _api_fields(error) -> dict:
    """A model's validation errors under the API's field names (``indicator_key`` is ``indicator``)."""
    if not hasattr(error, "error_dict"):
        return {"non_field_errors": error.messages}
    names = {"indicator_key": "indicator", "__all__": "non_field_errors"}
    return {names.get(field, field): messages for field, messages in error.message_dict.items()}
