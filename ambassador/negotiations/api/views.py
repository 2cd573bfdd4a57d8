from django.db.models import Count, IntegerField, Max, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework.decorators import action
from rest_framework.response import Response

from ambassador.core.api.base import ReadOnlyScopedViewSet
from ambassador.core.api.review import ReasonSerializer

from .. import services
from ..filtersets import MeetingFilterSet, NegotiationFilterSet
from ..models import Meeting, Negotiation
from .serializers import MeetingSerializer, NegotiationSerializer, ReturnToDraftSerializer


@extend_schema_view(
    list=extend_schema(summary="Negotiations of your city"), retrieve=extend_schema(summary="A negotiation")
)
class NegotiationViewSet(ReadOnlyScopedViewSet):
    queryset = Negotiation.objects.all()
    serializer_class = NegotiationSerializer
    filterset_class = NegotiationFilterSet
    select_related = ("city", "company", "lead_envoy", "announcement_proposed_by", "announced_by")
    prefetch_related = ("topics",)
    ordering_fields = ["opened_on", "closed_on", "title", "stage", "id", "last_meeting_at"]
    ordering = ["-opened_on", "-id"]

    def annotate(self, queryset):
        # Per row of the page, not a join of every meeting and commitment grouped over the table: the
        # page is then read from an index in the order asked, and only its rows are counted.
        meetings = Meeting.objects.filter(negotiation=OuterRef("pk")).order_by().values("negotiation")
        # Commitments live in a later app: reached through the relation, not imported.
        commitment_model = Negotiation._meta.get_field("commitments").related_model
        commitments = commitment_model.objects.filter(negotiation=OuterRef("pk")).order_by().values("negotiation")
        return queryset.annotate(
            meeting_count=Coalesce(Subquery(meetings.annotate(n=Count("pk")).values("n")), Value(0),
                                   output_field=IntegerField()),
            commitment_count=Coalesce(Subquery(commitments.annotate(n=Count("pk")).values("n")), Value(0),
                                      output_field=IntegerField()),
            last_meeting_at=Subquery(meetings.annotate(last=Max("starts_at")).values("last")),
        )

    action_permissions = {"submit": "submit", "announce": "announce", "withdraw_announcement": "return"}

    def get_serializer_class(self):
        return ReasonSerializer if self.action == "withdraw_announcement" else NegotiationSerializer

    def _step(self, step, **kwargs):
        negotiation = step(negotiation=self.get_object(), user=self.request.user, **kwargs)
        negotiation = self.get_queryset().get(pk=negotiation.pk)
        return Response(NegotiationSerializer(negotiation, context=self.get_serializer_context()).data)

    @extend_schema(request=None, responses=NegotiationSerializer, summary="Propose announcing the negotiation")
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        return self._step(services.negotiation_propose_announcement)

    @extend_schema(request=None, responses=NegotiationSerializer,
                   summary="Announce a proposed negotiation (council staff; not the person who proposed it)")
    @action(detail=True, methods=["post"])
    def announce(self, request, pk=None):
        return self._step(services.negotiation_announce)

    @extend_schema(request=ReasonSerializer, responses=NegotiationSerializer,
                   summary="Withdraw a proposed or released announcement, with a reason")
    @action(detail=True, methods=["post"], url_path="withdraw-announcement")
    def withdraw_announcement(self, request, pk=None):
        serializer = ReasonSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return self._step(services.negotiation_withdraw_announcement, reason=serializer.validated_data["reason"])


@extend_schema_view(
    list=extend_schema(summary="Meetings of your city, in negotiations or outside any, in every review state"),
    retrieve=extend_schema(summary="A meeting with its minutes"),
)
class MeetingViewSet(ReadOnlyScopedViewSet):
    """Meetings and their release workflow; logging a meeting with its commitments is added by the
    commitments app (``commitments.api.views.MeetingViewSet``)."""

    queryset = Meeting.objects.all()
    serializer_class = MeetingSerializer
    filterset_class = MeetingFilterSet
    select_related = ("city", "negotiation", "topic", "logged_by", "published_by")
    prefetch_related = ("attendees", "organisations")
    ordering_fields = ["starts_at", "published_at", "id"]
    ordering = ["-starts_at", "-id"]
    action_permissions = {"submit": "submit", "publish": "publish", "return_to_draft": "return"}

    def get_serializer_class(self):
        if self.action == "return_to_draft":
            return ReturnToDraftSerializer
        return MeetingSerializer

    def _step(self, step, **kwargs):
        meeting = step(meeting=self.get_object(), user=self.request.user, **kwargs)
        meeting = self.get_queryset().get(pk=meeting.pk)
        return Response(MeetingSerializer(meeting, context=self.get_serializer_context()).data)

    @extend_schema(request=None, responses=MeetingSerializer, summary="Submit a draft for review")
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        return self._step(services.meeting_submit)

    @extend_schema(request=None, responses=MeetingSerializer,
                   summary="Publish a submitted record (council staff; not the person who logged it)")
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        return self._step(services.meeting_publish)

    @extend_schema(request=ReturnToDraftSerializer, responses=MeetingSerializer,
                   summary="Return a record to draft, with a reason")
    @action(detail=True, methods=["post"], url_path="return-to-draft")
    def return_to_draft(self, request, pk=None):
        serializer = ReturnToDraftSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return self._step(services.meeting_return_to_draft, reason=serializer.validated_data["reason"])
