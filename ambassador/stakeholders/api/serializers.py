from rest_framework import serializers

from ambassador.core.membership import city_of

from ..models import City, Organisation, Person


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

    def to_representation(self, instance):
        data = super().to_representation(instance)
        # Notes are internal to the city that recorded the person.
        request = self.context.get("request")
        user = getattr(request, "user", None)
        if user is None or not user.is_superuser:
            city = city_of(user)
            if city is None or instance.recorded_by_city_id != city.pk:
                data["notes"] = ""
        return data
