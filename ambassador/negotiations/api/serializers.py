from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from ambassador.commitments.api.validation import validate_principle_in_area
from ambassador.commitments.choices import Area, CompletionLevel, Principle, Promiser
from ambassador.core.api.fields import ScopedPrimaryKeyRelatedField
from ambassador.stakeholders.api.serializers import (
    CityBriefSerializer,
    OrganisationBriefSerializer,
    PersonBriefSerializer,
)
from ambassador.stakeholders.models import Organisation, Person

from ..models import Meeting, Negotiation, Topic


class TopicBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Topic
        fields = ["id", "slug", "name"]


class NegotiationBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Negotiation
        fields = ["id", "slug", "title"]


class NegotiationSerializer(serializers.ModelSerializer):
    city = CityBriefSerializer(read_only=True)
    company = OrganisationBriefSerializer(read_only=True)
    topics = TopicBriefSerializer(many=True, read_only=True)
    lead_envoy = serializers.SlugRelatedField(slug_field="username", read_only=True)
    meeting_count = serializers.IntegerField(read_only=True)
    commitment_count = serializers.IntegerField(read_only=True)
    last_meeting_at = serializers.DateTimeField(read_only=True, allow_null=True)

    class Meta:
        model = Negotiation
        fields = [
            "id", "slug", "title", "city", "company", "topics", "stage", "opened_on", "closed_on", "lead_envoy",
            "public_summary", "is_public", "meeting_count", "commitment_count", "last_meeting_at",
        ]


class MeetingSerializer(serializers.ModelSerializer):
    negotiation = NegotiationBriefSerializer(read_only=True)
    city = CityBriefSerializer(source="negotiation.city", read_only=True)
    topic = TopicBriefSerializer(read_only=True, allow_null=True)
    attendees = PersonBriefSerializer(many=True, read_only=True)
    organisations = OrganisationBriefSerializer(many=True, read_only=True)
    logged_by = serializers.SlugRelatedField(slug_field="username", read_only=True)
    published_by = serializers.SlugRelatedField(slug_field="username", read_only=True)
    disclosure_lag_days = serializers.SerializerMethodField()
    vague_minutes_reasons = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Meeting
        fields = [
            "id", "negotiation", "city", "starts_at", "location", "format", "subject", "topic",
            "minutes_main_points", "minutes_positions", "minutes_conclusions", "vague_minutes_reasons",
            "attendees", "organisations", "confidentiality", "withholding_ground", "release_on",
            "review_state", "logged_by", "logged_at", "submitted_at", "published_at", "published_by",
            "disclosure_lag_days",
        ]

    def get_disclosure_lag_days(self, obj) -> int | None:
        lag = obj.disclosure_lag
        return None if lag is None else lag.days


class CommitmentInMeetingSerializer(serializers.Serializer):
    """A commitment made in the meeting being logged; it belongs to the meeting's negotiation."""

    promiser = serializers.ChoiceField(choices=Promiser.choices, default=Promiser.COMPANY)
    area = serializers.ChoiceField(choices=Area.choices)
    principle = serializers.ChoiceField(choices=Principle.choices)
    text = serializers.CharField(max_length=5000)
    due_on = serializers.DateField(required=False, allow_null=True)
    completion = serializers.ChoiceField(choices=CompletionLevel.choices, default=CompletionLevel.NOT_STARTED)

    def validate(self, attrs):
        validate_principle_in_area(attrs)
        return attrs


class MeetingCreateSerializer(serializers.ModelSerializer):
    """Logs a meeting as a draft, with the commitments made in it, through the meeting service."""

    negotiation = ScopedPrimaryKeyRelatedField(model=Negotiation)
    topic = serializers.PrimaryKeyRelatedField(queryset=Topic.objects.all(), required=False, allow_null=True)
    attendees = ScopedPrimaryKeyRelatedField(model=Person, many=True, required=False)
    organisations = ScopedPrimaryKeyRelatedField(model=Organisation, many=True, required=False)
    commitments = CommitmentInMeetingSerializer(many=True, required=False)

    class Meta:
        model = Meeting
        fields = [
            "negotiation", "starts_at", "location", "format", "subject", "topic", "minutes_main_points",
            "minutes_positions", "minutes_conclusions", "attendees", "organisations", "confidentiality",
            "withholding_ground", "release_on", "commitments",
        ]

    def create(self, validated_data):
        from ..services import meeting_create

        return meeting_create(user=self.context["request"].user, **validated_data)

    def to_representation(self, instance):
        return MeetingSerializer(instance, context=self.context).data


class ReturnToDraftSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=1000, help_text=_("Why the record goes back to draft."))
