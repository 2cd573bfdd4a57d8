"""The staff API's own tokens: ``/api/v1/tokens/`` lists your tokens, creates one, and revokes one.

The same rules as the admin (``core.apitoken`` in ``ambassador.core.permissions``): a user sees and
revokes their own tokens, a superuser everyone's. The key is in the answer to the create request
only; afterwards only its digest exists.
"""

import django_filters
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status
from rest_framework.response import Response
from rest_framework.settings import api_settings

from ..models import ApiToken
from ..services import api_token_create, api_token_default_days, api_token_revoke
from .base import ReadOnlyScopedViewSet
from .filters import FilterSet


class ApiTokenFilterSet(FilterSet):
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label=_("Search"), max_length=100)

    class Meta:
        model = ApiToken
        fields = ["q"]


class ApiTokenSerializer(serializers.ModelSerializer):
    user = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = ApiToken
        fields = ["id", "name", "user", "created", "expiry", "last_used"]
        read_only_fields = fields


class ApiTokenCreateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=100)
    valid_for_days = serializers.IntegerField(
        min_value=1, max_value=settings.AMBASSADOR_API_TOKEN_MAX_DAYS, required=False,
        help_text="Days until the token expires; the default is the site's (90 unless configured).",
    )

    def create(self, validated_data):
        request = self.context["request"]
        token, key = api_token_create(
            owner=request.user, name=validated_data["name"], by=request.user,
            valid_for_days=validated_data.get("valid_for_days", api_token_default_days()),
        )
        token.key = key
        return token


class NewApiTokenSerializer(ApiTokenSerializer):
    key = serializers.CharField(read_only=True, help_text="The key, shown this once: it is stored nowhere.")

    class Meta(ApiTokenSerializer.Meta):
        fields = [*ApiTokenSerializer.Meta.fields, "key"]
        read_only_fields = fields


@extend_schema_view(
    list=extend_schema(summary="Your API tokens (a superuser's: everyone's)"),
    retrieve=extend_schema(summary="An API token"),
    create=extend_schema(summary="Create an API token for yourself", responses={201: NewApiTokenSerializer}),
    destroy=extend_schema(summary="Revoke an API token"),
)
class ApiTokenViewSet(mixins.CreateModelMixin, mixins.DestroyModelMixin, ReadOnlyScopedViewSet):
    queryset = ApiToken.objects.all()
    serializer_class = ApiTokenSerializer
    filterset_class = ApiTokenFilterSet
    select_related = ("user",)
    ordering_fields = ["created", "expiry", "name", "id"]
    ordering = ["-created"]
    # Tokens are listed as JSON only: they are a person's credentials, not a dataset to export.
    renderer_classes = api_settings.DEFAULT_RENDERER_CLASSES

    def get_serializer_class(self):
        return ApiTokenCreateSerializer if self.action == "create" else self.serializer_class

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        token = serializer.save()
        return Response(NewApiTokenSerializer(token, context=self.get_serializer_context()).data,
                        status=status.HTTP_201_CREATED)

    def perform_destroy(self, instance):
        api_token_revoke(token=instance, by=self.request.user)
