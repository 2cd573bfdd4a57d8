"""The read-only public API: anonymous, throttled, cursor-paginated, and built on ``.public()``.

It takes no login at all (no session, no token), so every reader gets the same answer and a
withheld record is a 404 like any id that never existed. Lists and records answer conditional GETs
and are served from copies keyed by the public data's version, as the public pages are
(``caching.public_page``); the throttle counts those answers too, since it runs first.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils.decorators import method_decorator
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.pagination import CursorPagination
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from ambassador.commitments.models import Commitment, CommitmentUpdate
from ambassador.core.clients import client_address
from ambassador.negotiations.models import Meeting, Negotiation
from ambassador.risk.models import RiskAssessment
from ambassador.stakeholders.models import City

from .. import public
from ..caching import public_page
from . import filtersets, serializers


class PublicCursorPagination(CursorPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
    ordering = "pk"


class PublicAnonThrottle(AnonRateThrottle):
    """Per-address rate limit; the rate comes from AMBASSADOR_PUBLIC_API_RATE (e.g. "120/min").

    The address is ``client_address``'s: a made-up X-Forwarded-For does not start a new count.
    """

    scope = "public_api"

    def get_ident(self, request):
        return client_address(request) or ""

    def get_rate(self):
        return getattr(settings, "AMBASSADOR_PUBLIC_API_RATE", "120/min")


class PublicAPIMixin:
    authentication_classes: tuple = ()
    permission_classes = (AllowAny,)
    throttle_classes = (PublicAnonThrottle,)
    pagination_class = PublicCursorPagination
    renderer_classes = (JSONRenderer,)
    filter_backends = (DjangoFilterBackend,)

    @method_decorator(public_page)
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @method_decorator(public_page)
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)


class CityViewSet(PublicAPIMixin, viewsets.ReadOnlyModelViewSet):
    queryset = City.objects.public()
    serializer_class = serializers.PublicCitySerializer
    lookup_field = "slug"


class OrganisationViewSet(PublicAPIMixin, viewsets.ReadOnlyModelViewSet):
    queryset = public.public_organisations()
    serializer_class = serializers.PublicOrganisationSerializer
    filterset_class = filtersets.OrganisationFilterSet
    lookup_field = "slug"


class PersonViewSet(PublicAPIMixin, viewsets.ReadOnlyModelViewSet):
    queryset = public.public_people()
    serializer_class = serializers.PublicPersonSerializer


class MembershipViewSet(PublicAPIMixin, viewsets.ReadOnlyModelViewSet):
    queryset = public.public_affiliations()
    serializer_class = serializers.PublicMembershipSerializer
    filterset_class = filtersets.MembershipFilterSet


def building_schema(view) -> bool:
    """Whether the view only describes itself for the schema, which is built without a database.

    The public querysets read the cities' time zones (each embargo ends on its city's date), a query.
    """
    return getattr(view, "swagger_fake_view", False)


class NegotiationViewSet(PublicAPIMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.PublicNegotiationSerializer
    filterset_class = filtersets.NegotiationFilterSet
    lookup_field = "slug"

    def get_queryset(self):
        if building_schema(self):
            return Negotiation.objects.none()
        return public.public_negotiations()


class MeetingViewSet(PublicAPIMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.PublicMeetingSerializer
    filterset_class = filtersets.MeetingFilterSet

    def get_queryset(self):
        if building_schema(self):
            return Meeting.objects.none()
        return public.public_meetings()


class CommitmentViewSet(PublicAPIMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.PublicCommitmentSerializer
    filterset_class = filtersets.CommitmentFilterSet

    def get_queryset(self):
        if building_schema(self):
            return Commitment.objects.none()
        return public.public_commitments()


class CommitmentUpdateViewSet(PublicAPIMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.PublicCommitmentUpdateSerializer
    filterset_class = filtersets.CommitmentUpdateFilterSet

    def get_queryset(self):
        if building_schema(self):
            return CommitmentUpdate.objects.none()
        return public.public_updates()


class LobbyingDisclosureViewSet(PublicAPIMixin, viewsets.ReadOnlyModelViewSet):
    queryset = public.public_disclosures()
    serializer_class = serializers.PublicLobbyingDisclosureSerializer
    filterset_class = filtersets.LobbyingDisclosureFilterSet


class RiskAssessmentViewSet(PublicAPIMixin, viewsets.ReadOnlyModelViewSet):
    queryset = RiskAssessment.objects.public().select_related("organisation", "city")
    serializer_class = serializers.PublicRiskAssessmentSerializer
    filterset_class = filtersets.RiskAssessmentFilterSet


ENDPOINTS = (
    "cities", "organisations", "people", "memberships", "negotiations", "meetings", "commitments",
    "commitment-updates", "lobbying-disclosures", "risk-assessments",
)


class PublicAPIRootView(PublicAPIMixin, APIView):
    """Links to every collection of the public API and to its OpenAPI schema."""

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def get(self, request):
        links = {name: reverse(f"public-api:{name}-list") for name in ENDPOINTS}
        links["schema"] = reverse("public-api:schema")
        return Response(links)
