"""The figures on the staff dashboard, gathered with a fixed number of aggregate queries.

Everything starts from ``visible_to(user)``: an envoy or council staff member sees their city,
a superuser every city.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Max, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from ambassador.commitments.models import Commitment
from ambassador.core.membership import city_of
from ambassador.core.timezones import city_date_q
from ambassador.negotiations.choices import NegotiationStage
from ambassador.negotiations.models import Meeting, Negotiation
from ambassador.risk.models import RiskAssessment
from ambassador.risk.verdicts import FiredIndicator, current_verdicts, fired_indicators, shows_verdicts
from ambassador.stakeholders.choices import OrganisationKind

# Stages in which a negotiation is expected to keep meeting; a long silence in one of them is a stall.
LIVE_STAGES = (NegotiationStage.SCOPING, NegotiationStage.ACTIVE, NegotiationStage.STALLED)
# Organisation kinds compared in the balance of who gets heard, in display order.
BALANCE_KINDS = (
    OrganisationKind.TECH_COMPANY,
    OrganisationKind.TRADE_UNION,
    OrganisationKind.CIVIL_SOCIETY,
    OrganisationKind.BUSINESS_ASSOCIATION,
    OrganisationKind.ACADEMIC,
    OrganisationKind.OTHER,
)
LIST_LIMIT = 50


@dataclass
class EnvoyLag:
    username: str
    name: str
    published: int
    average_days: float
    longest_days: int


@dataclass
class TopicBalance:
    topic: str
    counts: list[int]

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass
class WatchlistEntry:
    assessment: RiskAssessment
    fired: list[dict] = field(default_factory=list)
    # The same indicators with the reviewers' current verdicts (empty verdicts for those who may not see them).
    fired_indicators: list[FiredIndicator] = field(default_factory=list)


@dataclass
class StaffDashboard:
    city: object | None
    stage_counts: list[tuple[str, str, int]]
    stalled: list[Negotiation]
    stalled_after_days: int
    overdue: list[Commitment]
    overdue_count: int
    due_soon: list[Commitment]
    due_soon_count: int
    due_soon_days: int
    slipping: list[Commitment]
    slipping_count: int
    watchlist: list[WatchlistEntry]
    shows_verdicts: bool
    envoy_lags: list[EnvoyLag]
    balance_kinds: list[tuple[str, str]]
    balance: list[TopicBalance]


def _days(duration: datetime.timedelta | None) -> float:
    return 0.0 if duration is None else duration.total_seconds() / 86400


def staff_dashboard(*, user, now: datetime.datetime | None = None) -> StaffDashboard:
    """The dashboard of everything the user may see, as of ``now``."""
    now = now or timezone.now()
    stalled_after = settings.AMBASSADOR_STALLED_AFTER_DAYS
    due_soon_days = settings.AMBASSADOR_DUE_SOON_DAYS
    negotiations = Negotiation.objects.visible_to(user)
    meetings = Meeting.objects.visible_to(user)
    commitments = Commitment.objects.visible_to(user)

    by_stage = dict(negotiations.order_by().values_list("stage").annotate(n=Count("pk")))
    stage_counts = [(stage.value, str(stage.label), by_stage.get(stage.value, 0)) for stage in NegotiationStage]

    cutoff = now - datetime.timedelta(days=stalled_after)
    stalled = list(
        negotiations.filter(stage__in=LIVE_STAGES)
        .annotate(last_meeting_at=Max("meetings__starts_at"))
        .filter(
            Q(last_meeting_at__lt=cutoff)
            | (
                Q(last_meeting_at__isnull=True)
                & city_date_q("opened_on", "lt", zone_field="city__time_zone", now=now, offset_days=-stalled_after)
            )
        )
        .select_related("city", "company")
        .order_by(F("last_meeting_at").asc(nulls_first=True), "title")[:LIST_LIMIT]
    )

    overdue = commitments.overdue(now=now).select_related("negotiation__city", "negotiation__company")
    due_soon = commitments.due_soon(within_days=due_soon_days, now=now).select_related(
        "negotiation__city", "negotiation__company"
    )
    slipping = commitments.open().slipped().select_related("negotiation__city", "negotiation__company")
    counts = commitments.aggregate(
        overdue=Count("pk", filter=Q(pk__in=overdue.values("pk"))),
        due_soon=Count("pk", filter=Q(pk__in=due_soon.values("pk"))),
        slipping=Count("pk", filter=Q(pk__in=slipping.values("pk"))),
    )

    return StaffDashboard(
        city=city_of(user),
        stage_counts=stage_counts,
        stalled=stalled,
        stalled_after_days=stalled_after,
        overdue=list(overdue.order_by("due_on", "pk")[:LIST_LIMIT]),
        overdue_count=counts["overdue"],
        due_soon=list(due_soon.order_by("due_on", "pk")[:LIST_LIMIT]),
        due_soon_count=counts["due_soon"],
        due_soon_days=due_soon_days,
        slipping=list(slipping.order_by("-slippage_count", "due_on", "pk")[:LIST_LIMIT]),
        slipping_count=counts["slipping"],
        watchlist=_watchlist(user),
        shows_verdicts=shows_verdicts(user),
        envoy_lags=_envoy_lags(meetings),
        balance_kinds=[(kind.value, str(kind.label)) for kind in BALANCE_KINDS],
        balance=_balance(meetings),
    )


def _watchlist(user) -> list[WatchlistEntry]:
    """Each company's latest assessment (for the user's city; overall for superusers), highest first."""
    city = city_of(user)
    assessments = RiskAssessment.objects.visible_to(user)
    assessments = assessments.filter(city=city) if city is not None else assessments.filter(city__isnull=True)
    latest = RiskAssessment.objects.filter(
        organisation=OuterRef("organisation"), city=OuterRef("city")
    ).order_by("-assessed_on", "-pk")
    if city is None:
        latest = RiskAssessment.objects.filter(organisation=OuterRef("organisation"), city__isnull=True).order_by(
            "-assessed_on", "-pk"
        )
    rows = (
        assessments.filter(pk=Subquery(latest.values("pk")[:1]))
        .select_related("organisation", "city")
        .order_by("-score", "organisation__name")[:LIST_LIMIT]
    )
    rows = list(rows)
    verdicts = current_verdicts(rows, user=user)
    return [
        WatchlistEntry(
            assessment=row,
            fired=[item for item in (row.indicators or []) if item.get("fired")],
            fired_indicators=fired_indicators(row, verdicts),
        )
        for row in rows
    ]


def _envoy_lags(meetings) -> list[EnvoyLag]:
    """Disclosure lag (publication minus meeting) per envoy who logged the records."""
    lag = ExpressionWrapper(F("first_published_at") - F("starts_at"), output_field=DurationField())
    rows = (
        meetings.filter(first_published_at__isnull=False, logged_by__isnull=False)
        .annotate(lag=lag)
        .order_by()
        .values("logged_by__username", "logged_by__first_name", "logged_by__last_name")
        .annotate(published=Count("pk"), average=Avg("lag"), longest=Max("lag"))
        .order_by("-average")
    )
    return [
        EnvoyLag(
            username=row["logged_by__username"],
            name=" ".join(filter(None, [row["logged_by__first_name"], row["logged_by__last_name"]]))
            or row["logged_by__username"],
            published=row["published"],
            average_days=round(_days(row["average"]), 1),
            longest_days=int(_days(row["longest"])),
        )
        for row in rows
    ]


def _balance(meetings) -> list[TopicBalance]:
    """Per topic, how many meetings each kind of organisation attended."""
    rows = (
        meetings.filter(organisations__isnull=False)
        .order_by()
        .values("topic__name", "organisations__kind")
        .annotate(n=Count("pk", distinct=True))
    )
    table: dict[str, list[int]] = {}
    index = {kind.value: position for position, kind in enumerate(BALANCE_KINDS)}
    for row in rows:
        topic = row["topic__name"] or str(_("No topic"))
        counts = table.setdefault(topic, [0] * len(BALANCE_KINDS))
        counts[index[row["organisations__kind"]]] += row["n"]
    return sorted((TopicBalance(topic=topic, counts=counts) for topic, counts in table.items()),
                  key=lambda item: (-item.total, item.topic))
