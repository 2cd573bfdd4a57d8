"""The release workflow in the staff API: ``POST .../{id}/submit/``, ``.../publish/``, ``.../return-to-draft/``.

The steps call the owning app's services, which hold the rules: bad input (a missing reason, the
wrong state) is a 400 naming the field, a user who may not take the step a 403, and another
city's record a 404, as for every detail URL.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=1000, help_text=_("Why the record goes back."))


class ReviewActionsMixin:
    """Adds the review steps to a ScopedViewSet; subclasses name the services' steps.

    Each step asks the rule of its action (``action_permissions``) before the service asks again.

    ``review_submit``, ``review_publish`` and ``review_return_to_draft`` take ``(obj, user)`` (the
    last also ``reason``) and return the record.
    """

    action_permissions = {"submit": "submit", "publish": "publish", "return_to_draft": "return"}

    def review_submit(self, obj, user):
        raise NotImplementedError

    def review_publish(self, obj, user):
        raise NotImplementedError

    def review_return_to_draft(self, obj, user, reason):
        raise NotImplementedError

    def review_response(self, obj) -> Response:
        obj = self.get_queryset().get(pk=obj.pk)
        return Response(self.serializer_class(obj, context=self.get_serializer_context()).data)

    def reason_from(self, request) -> str:
        serializer = ReasonSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data["reason"]

    @extend_schema(request=None, summary="Submit a draft for review")
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        return self.review_response(self.review_submit(self.get_object(), request.user))

    @extend_schema(request=None, summary="Publish a submitted record (council staff; not the person who logged it)")
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        return self.review_response(self.review_publish(self.get_object(), request.user))

    @extend_schema(request=ReasonSerializer, summary="Return a record to draft, with a reason")
    @action(detail=True, methods=["post"], url_path="return-to-draft")
    def return_to_draft(self, request, pk=None):
        obj = self.get_object()
        return self.review_response(self.review_return_to_draft(obj, request.user, self.reason_from(request)))
