from rest_framework import serializers

from ..models import City, Organisation, Person, RiskAssessment


class CityBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = City
        fields = ["id", "slug", "name"]


class OrganisationBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = ["id", "slug", "name", "kind"]


class PersonBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Person
        fields = ["id", "full_name", "is_public_official", "is_public_figure"]


class CitySerializer(serializers.ModelSerializer):
    class Meta:
        model = City
        fields = ["id", "slug", "name", "country", "time_zone", "languages"]


class OrganisationSerializer(serializers.ModelSerializer):
    parent = OrganisationBriefSerializer(read_only=True)

    class Meta:
        model = Organisation
        fields = ["id", "slug", "name", "kind", "registry_id", "parent", "website", "description"]


class PersonSerializer(serializers.ModelSerializer):
    class Meta:
        model = Person
        fields = ["id", "full_name", "is_public_official", "is_public_figure", "recorded_by_city", "notes"]


class RiskAssessmentSerializer(serializers.ModelSerializer):
    organisation = OrganisationBriefSerializer(read_only=True)
    city = CityBriefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = RiskAssessment
        fields = ["id", "organisation", "city", "assessed_on", "computed_at", "score", "indicators"]
