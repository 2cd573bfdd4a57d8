from rest_framework import serializers

from ambassador.core.api.fields import CityDateTimeField, ScopedPrimaryKeyRelatedField
from ambassador.negotiations.api.serializers import MeetingSerializer, NegotiationBriefSerializer
from ambassador.negotiations.models import Meeting, Negotiation, Topic
from ambassador.stakeholders.api.serializers import CityBriefSerializer
from ambassador.stakeholders.models import City, Organisation, Person

from ..choices import Area, CompletionLevel, Principle, Promiser
from ..models import Commitment, CommitmentUpdate, OverdueFlag
from ..services import commitment_create, commitment_update_log, meeting_create_with_commitments
from .validation import validate_principle_in_area


class CommitmentBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Commitment
        fields = ["id", "text", "due_on", "completion"]


REVIEW_FIELDS = ["review_state", "logged_by", "logged_at", "submitted_at", "published_at", "published_by",
                 "first_published_at"]


class CommitmentSerializer(serializers.ModelSerializer):
    negotiation = NegotiationBriefSerializer(read_only=True)
    city = CityBriefSerializer(source="negotiation.city", read_only=True)
    is_overdue = serializers.BooleanField(read_only=True)
    logged_by = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)
    published_by = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)

    class Meta:
        model = Commitment
        fields = [
            "id", "negotiation", "city", "source_meeting", "promiser", "area", "principle", "text", "due_on",
            "original_due_on", "slippage_count", "completion", "completed_on", "evidence", "evidence_url",
            "is_overdue", "created_at", *REVIEW_FIELDS,
        ]


class CommitmentCreateSerializer(serializers.ModelSerializer):
    """Records a commitment through the commitment service."""

    negotiation = ScopedPrimaryKeyRelatedField(model=Negotiation)
    source_meeting = ScopedPrimaryKeyRelatedField(model=Meeting, required=False, allow_null=True)

    class Meta:
        model = Commitment
        fields = ["negotiation", "source_meeting", "promiser", "area", "principle", "text", "due_on", "completion",
                  "completed_on", "evidence", "evidence_url"]

    def validate(self, attrs):
        validate_principle_in_area(attrs)
        return attrs

    def create(self, validated_data):
        return commitment_create(user=self.context["request"].user, **validated_data)


class CommitmentUpdateSerializer(serializers.ModelSerializer):
    commitment = CommitmentBriefSerializer(read_only=True)
    logged_by = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)
    published_by = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)

    class Meta:
        model = CommitmentUpdate
        fields = ["id", "commitment", "reported_on", "summary", "evidence", "evidence_url", "completion",
                  "previous_due_on", "new_due_on", "due_date_reason", *REVIEW_FIELDS, "applied_at"]


class CommitmentUpdateCreateSerializer(serializers.ModelSerializer):
    """Logs progress through the commitment service; moving the due date needs a reason."""

    commitment = ScopedPrimaryKeyRelatedField(model=Commitment)

    class Meta:
        model = CommitmentUpdate
        fields = ["commitment", "reported_on", "summary", "evidence", "evidence_url", "completion", "new_due_on",
                  "due_date_reason"]
        extra_kwargs = {"reported_on": {"required": False}}

    def create(self, validated_data):
        return commitment_update_log(user=self.context["request"].user, **validated_data)


class OverdueFlagSerializer(serializers.ModelSerializer):
    commitment = CommitmentBriefSerializer(read_only=True)
    negotiation = NegotiationBriefSerializer(source="commitment.negotiation", read_only=True)
    city = CityBriefSerializer(source="commitment.negotiation.city", read_only=True)

    class Meta:
        model = OverdueFlag
        fields = ["id", "commitment", "negotiation", "city", "kind", "due_on", "raised_at", "cleared_at",
                  "notified_at"]


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
    """Logs a meeting as a draft, with the commitments made in it, in one transaction.

    A meeting outside any negotiation (with a union, civil society or academics on a topic) names
    its city instead, and the organisations present; it records no commitments.
    """

    negotiation = ScopedPrimaryKeyRelatedField(model=Negotiation, required=False, allow_null=True)
    city = ScopedPrimaryKeyRelatedField(model=City, required=False, allow_null=True)
    # A time without an offset is read on the clock of the negotiation's city (else the user's city).
    starts_at = CityDateTimeField(city_path="negotiation.city")
    topic = serializers.PrimaryKeyRelatedField(queryset=Topic.objects.all(), required=False, allow_null=True)
    attendees = ScopedPrimaryKeyRelatedField(model=Person, many=True, required=False)
    organisations = ScopedPrimaryKeyRelatedField(model=Organisation, many=True, required=False)
    commitments = CommitmentInMeetingSerializer(many=True, required=False)

    class Meta:
        model = Meeting
        fields = [
            "negotiation", "city", "starts_at", "location", "format", "subject", "topic", "minutes_main_points",
            "minutes_positions", "minutes_conclusions", "attendees", "organisations", "confidentiality",
            "withholding_ground", "release_on", "commitments",
        ]

    def create(self, validated_data):
        return meeting_create_with_commitments(user=self.context["request"].user, **validated_data)

    def to_representation(self, instance):
        return MeetingSerializer(instance, context=self.context).data
