from drf_spectacular.utils import extend_schema, extend_schema_view

from ambassador.core.api.base import ReadOnlyScopedViewSet

from ..filtersets import CityFilterSet, OrganisationFilterSet, PersonFilterSet
from ..models import City, Organisation, Person
from .serializers import CitySerializer, OrganisationSerializer, PersonSerializer


@extend_schema_view(list=extend_schema(summary="Cities you may see"), retrieve=extend_schema(summary="A city"))
class CityViewSet(ReadOnlyScopedViewSet):
    queryset = City.objects.all()
    serializer_class = CitySerializer
    filterset_class = CityFilterSet
    ordering_fields = ["name", "slug", "id"]
    ordering = ["name"]


@extend_schema_view(
    list=extend_schema(summary="Organisations: tech companies, unions, civil society and others"),
    retrieve=extend_schema(summary="An organisation"),
)
class OrganisationViewSet(ReadOnlyScopedViewSet):
    queryset = Organisation.objects.all()
    serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilterSet
    select_related = ("parent",)
    ordering_fields = ["name", "slug", "kind", "id"]
    ordering = ["name"]


@extend_schema_view(
    list=extend_schema(summary="People: public ones, and your own city's"),
    retrieve=extend_schema(summary="A person"),
)
class PersonViewSet(ReadOnlyScopedViewSet):
    queryset = Person.objects.all()
    serializer_class = PersonSerializer
    filterset_class = PersonFilterSet
    ordering_fields = ["full_name", "id"]
    ordering = ["full_name"]
