"""Serializers of the public API: an explicit allow-list of fields for each record.

Nothing is serialised with ``fields = "__all__"``: a field added to a model stays off the public
API until someone lists it here (a test compares the OpenAPI schema with the allow-list).
Meetings are serialised from their public presentation, so the redaction is the pages' own.
"""

from __future__ import annotations

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ambassador.commitments.models import Commitment, CommitmentUpdate
from ambassador.core.api.fields import CityDateTimeField
from ambassador.negotiations.models import Negotiation
from ambassador.risk.models import RiskAssessment
from ambassador.stakeholders.models import Affiliation, City, LobbyingDisclosure, Organisation, Person

from .. import public


class PublicCitySerializer(serializers.ModelSerializer):
    page_url = serializers.SerializerMethodField()

    class Meta:
        model = City
        fields = ("slug", "name", "country", "time_zone", "languages", "page_url")

    def get_page_url(self, obj) -> str:
        return reverse("transparency:city", args=[obj.slug])


class PublicOrganisationSerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    page_url = serializers.SerializerMethodField()

    class Meta:
        model = Organisation
        fields = ("slug", "name", "kind", "registry_id", "parent", "website", "description", "page_url")

    def get_page_url(self, obj) -> str:
        return reverse("transparency:company", args=[obj.slug])


class PublicPersonSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="full_name")

    class Meta:
        model = Person
        fields = ("id", "name", "is_public_official", "is_public_figure")


class PublicMembershipSerializer(serializers.ModelSerializer):
    person_name = serializers.CharField(source="person.full_name")
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    city = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)

    class Meta:
        model = Affiliation
        fields = ("id", "person", "person_name", "organisation", "city", "role", "start_on", "end_on")


class PublicNegotiationSerializer(serializers.ModelSerializer):
    city = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    company = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    topics = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    published_meetings = serializers.IntegerField(source="public_meeting_count")
    page_url = serializers.SerializerMethodField()

    class Meta:
        model = Negotiation
        fields = (
            "slug", "title", "city", "company", "stage", "opened_on", "closed_on", "topics", "public_summary",
            "published_meetings", "page_url",
        )

    def get_page_url(self, obj) -> str:
        return reverse("transparency:negotiation", args=[obj.slug])


class PublicNamedPersonSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    role = serializers.CharField()
    affiliation = serializers.CharField()


class PublicUnnamedGroupSerializer(serializers.Serializer):
    affiliation = serializers.CharField()
    count = serializers.IntegerField()


class PublicMeetingSerializer(serializers.Serializer):
    """A meeting as the public may see it: restricted meetings have empty minutes and location."""

    id = serializers.IntegerField()
    subject = serializers.CharField()
    # On the city's clock, with its UTC offset, labelled by ``time_zone``.
    starts_at = CityDateTimeField(city_path="city")
    time_zone = serializers.CharField()
    city = serializers.CharField(source="city.slug")
    negotiation = serializers.CharField(source="negotiation.slug")
    company = serializers.CharField(source="company.slug")
    format = serializers.CharField()
    topic = serializers.CharField()
    location = serializers.CharField()
    confidentiality = serializers.CharField()
    withholding_ground = serializers.CharField()
    minutes_main_points = serializers.CharField()
    minutes_positions = serializers.CharField()
    minutes_conclusions = serializers.CharField()
    organisations = serializers.ListField(child=serializers.CharField(), source="organisation_slugs")
    named_attendees = PublicNamedPersonSerializer(many=True, source="named_people")
    other_attendees = PublicUnnamedGroupSerializer(many=True, source="unnamed_groups")
    published_at = CityDateTimeField(city_path="city", allow_null=True)
    page_url = serializers.SerializerMethodField()

    def to_representation(self, instance):
        return super().to_representation(public.present_meeting(instance))

    def get_page_url(self, obj) -> str:
        return reverse("transparency:meeting", args=[obj.id])


class PublicCommitmentUpdateSerializer(serializers.ModelSerializer):
    class Meta:
        model = CommitmentUpdate
        fields = (
            "id", "commitment", "reported_on", "summary", "evidence", "evidence_url", "completion",
            "previous_due_on", "new_due_on", "due_date_reason",
        )


class PublicCommitmentSerializer(serializers.ModelSerializer):
    city = serializers.CharField(source="negotiation.city.slug")
    company = serializers.CharField(source="negotiation.company.slug")
    negotiation = serializers.CharField(source="negotiation.slug")
    overdue = serializers.SerializerMethodField()
    page_url = serializers.SerializerMethodField()

    class Meta:
        model = Commitment
        fields = (
            "id", "negotiation", "city", "company", "source_meeting", "promiser", "area", "principle", "text",
            "due_on", "original_due_on", "slippage_count", "completion", "completed_on", "overdue", "evidence",
            "evidence_url", "page_url",
        )

    def get_overdue(self, obj) -> bool:
        return public.is_overdue(obj)

    def get_page_url(self, obj) -> str:
        return reverse("transparency:commitment", args=[obj.pk])


class PublicLobbyingDisclosureSerializer(serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = LobbyingDisclosure
        fields = (
            "id", "organisation", "period_start", "period_end", "jurisdiction", "declared_spend", "currency",
            "declared_lobbyist_headcount", "source_url",
        )


class PublicIndicatorSerializer(serializers.Serializer):
    key = serializers.CharField()
    value = serializers.JSONField()
    threshold = serializers.JSONField()
    fired = serializers.BooleanField()
    contribution = serializers.FloatField()
    sample_size = serializers.JSONField()
    applicable = serializers.BooleanField()
    explanation = serializers.CharField()
    evidence = serializers.FloatField(allow_null=True, help_text="How much evidence stands behind it, 0 to 1.")
    group = serializers.CharField(help_text="The fact it measures; indicators of one fact count once.")
    counted = serializers.BooleanField(help_text="Whether the score counts its fact with this indicator.")
    facts = serializers.ListField(child=serializers.CharField(), help_text="The public facts behind a fired indicator.")


class PublicRiskAssessmentSerializer(serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    # Empty for the overall score of a company.
    city = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    indicators = serializers.SerializerMethodField()

    class Meta:
        model = RiskAssessment
        fields = ("id", "organisation", "city", "assessed_on", "score", "confidence", "enough_data", "indicators")

    @extend_schema_field(PublicIndicatorSerializer(many=True))
    def get_indicators(self, obj) -> list[dict]:
        return PublicIndicatorSerializer(public.indicators_of(obj), many=True).data
