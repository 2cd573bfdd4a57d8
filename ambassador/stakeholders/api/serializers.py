from rest_framework import serializers

from ..models import City, Organisation, Person
from ..services import records_person


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
        fields = ["id", "slug", "name", "country", "time_zone", "languages", "lobbying_registers"]


class OrganisationSerializer(serializers.ModelSerializer):
    parent = OrganisationBriefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Organisation
        fields = ["id", "slug", "name", "kind", "registry_id", "parent", "website", "description"]


class PersonSerializer(serializers.ModelSerializer):
    class Meta:
        model = Person
        fields = ["id", "full_name", "is_public_official", "is_public_figure", "recorded_by_city", "notes"]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        # Notes are internal to the city that recorded the person.
        request = self.context.get("request")
        if not records_person(person=instance, user=getattr(request, "user", None)):
            data["notes"] = ""
        return data
