from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from ambassador.core.api.fields import CityDateTimeField
from ambassador.stakeholders.api.serializers import (
    CityBriefSerializer,
    OrganisationBriefSerializer,
    PersonBriefSerializer,
)

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
    last_meeting_at = CityDateTimeField(city_path="city", read_only=True, allow_null=True)
    announcement_proposed_by = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)
    announced_by = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)

    class Meta:
        model = Negotiation
        fields = [
            "id", "slug", "title", "city", "company", "topics", "stage", "opened_on", "closed_on", "lead_envoy",
            "public_summary", "is_public", "announcement_proposed_by", "announcement_proposed_at", "announced_by",
            "announced_at", "meeting_count", "commitment_count", "last_meeting_at",
        ]


class MeetingSerializer(serializers.ModelSerializer):
    # Empty for a meeting outside any negotiation.
    negotiation = NegotiationBriefSerializer(read_only=True, allow_null=True)
    city = CityBriefSerializer(read_only=True)
    # Times on the city's clock, with its UTC offset.
    starts_at = CityDateTimeField(city_path="city", read_only=True)
    logged_at = CityDateTimeField(city_path="city", read_only=True)
    submitted_at = CityDateTimeField(city_path="city", read_only=True, allow_null=True)
    published_at = CityDateTimeField(city_path="city", read_only=True, allow_null=True)
    topic = TopicBriefSerializer(read_only=True, allow_null=True)
    attendees = PersonBriefSerializer(many=True, read_only=True)
    organisations = OrganisationBriefSerializer(many=True, read_only=True)
    logged_by = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)
    published_by = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)
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


class ReturnToDraftSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=1000, help_text=_("Why the record goes back to draft."))
