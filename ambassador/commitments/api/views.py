from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.response import Response

from ambassador.core.api.base import ReadOnlyScopedViewSet
from ambassador.core.api.review import ReasonSerializer, ReviewActionsMixin
from ambassador.negotiations.api.serializers import MeetingSerializer
from ambassador.negotiations.api.views import MeetingViewSet as MeetingReviewViewSet

from .. import services
from ..filtersets import CommitmentFilterSet, CommitmentUpdateFilterSet, OverdueFlagFilterSet
from ..models import Commitment, CommitmentUpdate, OverdueFlag
from .serializers import (
    CommitmentCreateSerializer,
    CommitmentSerializer,
    CommitmentUpdateCreateSerializer,
    CommitmentUpdateSerializer,
    MeetingCreateSerializer,
    OverdueFlagSerializer,
)


class CreateThroughServiceMixin(mixins.CreateModelMixin):
    """Creates with the write serializer (which calls a service) and answers with the read serializer."""

    write_serializer_class = None

    def get_serializer_class(self):
        if self.action == "create":
            return self.write_serializer_class
        if self.action == "return_to_draft":
            return ReasonSerializer
        return self.serializer_class

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        obj = serializer.save()
        obj = self.get_queryset().get(pk=obj.pk)
        data = self.serializer_class(obj, context=self.get_serializer_context()).data
        return Response(data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(summary="Commitments of your city"),
    retrieve=extend_schema(summary="A commitment"),
    create=extend_schema(summary="Record a commitment (as a draft; a second person publishes it)",
                         responses={201: CommitmentSerializer}),
)
class CommitmentViewSet(ReviewActionsMixin, CreateThroughServiceMixin, ReadOnlyScopedViewSet):
    queryset = Commitment.objects.all()
    serializer_class = CommitmentSerializer
    write_serializer_class = CommitmentCreateSerializer
    filterset_class = CommitmentFilterSet
    select_related = ("negotiation__city", "logged_by", "published_by")
    ordering_fields = ["due_on", "created_at", "slippage_count", "id"]
    ordering = ["-id"]

    def annotate(self, queryset):
        return queryset.with_overdue()

    def review_submit(self, obj, user):
        return services.commitment_submit(commitment=obj, user=user)

    def review_publish(self, obj, user):
        return services.commitment_publish(commitment=obj, user=user)

    def review_return_to_draft(self, obj, user, reason):
        return services.commitment_return_to_draft(commitment=obj, user=user, reason=reason)


@extend_schema_view(
    list=extend_schema(summary="Progress updates on your city's commitments"),
    retrieve=extend_schema(summary="A progress update"),
    create=extend_schema(summary="Log progress on a commitment (moving the due date needs a reason, completion "
                                 "evidence); on a published commitment it waits for a second person's release",
                         responses={201: CommitmentUpdateSerializer}),
)
class CommitmentUpdateViewSet(ReviewActionsMixin, CreateThroughServiceMixin, ReadOnlyScopedViewSet):
    queryset = CommitmentUpdate.objects.all()
    serializer_class = CommitmentUpdateSerializer
    write_serializer_class = CommitmentUpdateCreateSerializer
    filterset_class = CommitmentUpdateFilterSet
    select_related = ("commitment", "logged_by", "published_by")
    ordering_fields = ["reported_on", "logged_at", "id"]
    ordering = ["-id"]

    def review_submit(self, obj, user):
        return services.commitment_update_submit(update=obj, user=user)

    def review_publish(self, obj, user):
        return services.commitment_update_publish(update=obj, user=user)

    def review_return_to_draft(self, obj, user, reason):
        return services.commitment_update_return_to_draft(update=obj, user=user, reason=reason)


@extend_schema_view(
    list=extend_schema(summary="Overdue flags and due-soon warnings on your city's commitments"),
    retrieve=extend_schema(summary="A flag"),
)
class OverdueFlagViewSet(ReadOnlyScopedViewSet):
    queryset = OverdueFlag.objects.all()
    serializer_class = OverdueFlagSerializer
    filterset_class = OverdueFlagFilterSet
    select_related = ("commitment__negotiation__city",)
    ordering_fields = ["raised_at", "due_on", "id"]
    ordering = ["-id"]


@extend_schema_view(create=extend_schema(summary="Log a meeting (as a draft) with the commitments made in it",
                                         responses={201: MeetingSerializer}))
class MeetingViewSet(mixins.CreateModelMixin, MeetingReviewViewSet):
    """The staff API's meetings: read, release workflow, and logging a meeting with its commitments."""

    def get_serializer_class(self):
        if self.action == "create":
            return MeetingCreateSerializer
        return super().get_serializer_class()

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        meeting = serializer.save()
        meeting = self.get_queryset().get(pk=meeting.pk)
        data = MeetingSerializer(meeting, context=self.get_serializer_context()).data
        return Response(data, status=status.HTTP_201_CREATED)
