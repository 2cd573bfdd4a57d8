"""Factories for commitments, their progress updates, overdue flags and the notifications about them."""

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from ambassador.core.choices import ReviewState

from .choices import PRINCIPLES_BY_AREA, Area, CompletionLevel, FlagKind, NotificationKind, Principle, Promiser
from .models import Commitment, CommitmentUpdate, Notification, NotificationFlag, OverdueFlag

COMMITMENT_TEXTS = {
    Principle.UNIVERSAL_ACCESS: "Offer the service in every official language of the city and run digital-skills "
    "sessions in public libraries.",
    Principle.PRIVACY: "Share trip data with the city only in anonymised form and keep it on servers inside the EU.",
    Principle.TRANSPARENCY: "Publish the main parameters of the ranking and pricing algorithms on a public page.",
    Principle.PARTICIPATION: "Hold two public consultations a year on the service's operation in the city.",
    Principle.OPEN_STANDARDS: "Provide the mobility data feed in the open MDS format through a documented API.",
    Principle.FAIR_PAY: "Guarantee couriers at least the city's living wage per logged-in hour, after costs.",
    Principle.FAIR_CONDITIONS: "Provide free accident insurance and rest areas for couriers in the city centre.",
    Principle.FAIR_CONTRACTS: "Publish terms and conditions for workers in plain language and notify changes "
    "30 days ahead.",
    Principle.FAIR_MANAGEMENT: "Give deactivated workers a written reason and an appeal heard by a person.",
    Principle.FAIR_REPRESENTATION: "Recognise and meet the couriers' union every quarter.",
    Principle.OTHER: "Fund a joint study of kerbside congestion near delivery hubs.",
}


def _released_with_meeting(o) -> str:
    """Published when its meeting is (released with it), or, without a meeting, when recorded."""
    if o.source_meeting is None or o.source_meeting.review_state == ReviewState.PUBLISHED:
        return ReviewState.PUBLISHED
    return ReviewState.DRAFT


def _published_at(o):
    if o.review_state != ReviewState.PUBLISHED:
        return None
    meeting_published = o.source_meeting.published_at if o.source_meeting is not None else None
    return meeting_published or timezone.now()


class CommitmentFactory(DjangoModelFactory):
    """An open data-governance promise by the company, made in a (draft) meeting of its negotiation.

    It is released with its meeting: published when the meeting is, or, without a meeting, at
    once (``draft=True`` or ``submitted=True`` keep it back).
    """

    negotiation = factory.SubFactory("ambassador.negotiations.factories.NegotiationFactory")
    source_meeting = factory.SubFactory(
        "ambassador.negotiations.factories.MeetingFactory", negotiation=factory.SelfAttribute("..negotiation")
    )
    promiser = Promiser.COMPANY
    area = Area.DATA_GOVERNANCE
    # The principle always belongs to the area (the database checks it).
    principle = factory.LazyAttributeSequence(
        lambda o, n: PRINCIPLES_BY_AREA[o.area][n % len(PRINCIPLES_BY_AREA[o.area])]
    )
    text = factory.LazyAttribute(lambda o: COMMITMENT_TEXTS[o.principle])
    due_on = factory.Faker("date_between", start_date=datetime.date(2026, 6, 1), end_date=datetime.date(2027, 6, 30))
    completion = CompletionLevel.NOT_STARTED
    completed_on = None
    evidence = ""
    evidence_url = ""
    logged_by = factory.LazyAttribute(
        lambda o: o.source_meeting.logged_by if o.source_meeting is not None else o.negotiation.lead_envoy
    )
    review_state = factory.LazyAttribute(_released_with_meeting)
    published_at = factory.LazyAttribute(_published_at)
    first_published_at = factory.SelfAttribute("published_at")
    published_by = factory.LazyAttribute(
        lambda o: o.source_meeting.published_by
        if o.review_state == ReviewState.PUBLISHED and o.source_meeting is not None else None
    )

    class Meta:
        model = Commitment

    class Params:
        workers_rights = factory.Trait(area=Area.WORKERS_RIGHTS)
        by_city = factory.Trait(promiser=Promiser.CITY)
        without_meeting = factory.Trait(source_meeting=None)
        complete = factory.Trait(
            completion=CompletionLevel.COMPLETE,
            completed_on=factory.LazyAttribute(lambda o: o.due_on or datetime.date(2026, 1, 15)),
            evidence="The company published the feed documentation and the city confirmed receipt of data.",
            evidence_url=factory.LazyAttribute(lambda o: f"https://{o.negotiation.company.slug}.example/commitments"),
        )
        withdrawn = factory.Trait(completion=CompletionLevel.WITHDRAWN)
        broken = factory.Trait(completion=CompletionLevel.BROKEN)
        draft = factory.Trait(review_state=ReviewState.DRAFT)
        submitted = factory.Trait(review_state=ReviewState.SUBMITTED)


class CommitmentUpdateFactory(DjangoModelFactory):
    commitment = factory.SubFactory(CommitmentFactory)
    reported_on = factory.Faker(
        "date_between", start_date=datetime.date(2025, 1, 1), end_date=datetime.date(2025, 12, 31)
    )
    summary = "The company shared a first sample of the data feed; the city's data team is checking its quality."
    evidence = ""
    evidence_url = ""
    completion = CompletionLevel.LIMITED
    previous_due_on = None
    new_due_on = None
    due_date_reason = ""
    logged_by = factory.SubFactory(
        "ambassador.stakeholders.factories.EnvoyUserFactory",
        city=factory.SelfAttribute("..commitment.negotiation.city"),
    )
    # Released with its commitment when that is published, its effects applied.
    review_state = factory.LazyAttribute(
        lambda o: ReviewState.PUBLISHED if o.commitment.review_state == ReviewState.PUBLISHED else ReviewState.DRAFT
    )
    published_at = factory.LazyAttribute(
        lambda o: timezone.now() if o.review_state == ReviewState.PUBLISHED else None
    )
    first_published_at = factory.SelfAttribute("published_at")
    applied_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = CommitmentUpdate

    class Params:
        moves_due_date = factory.Trait(
            previous_due_on=factory.SelfAttribute("commitment.due_on"),
            new_due_on=factory.LazyAttribute(
                lambda o: (o.previous_due_on or o.reported_on) + datetime.timedelta(days=90)
            ),
            due_date_reason="The company needs a data-protection impact assessment before it can share the feed.",
        )
        draft = factory.Trait(review_state=ReviewState.DRAFT)
        submitted = factory.Trait(review_state=ReviewState.SUBMITTED, applied_at=None)


class OverdueFlagFactory(DjangoModelFactory):
    """An active overdue flag on a commitment whose due date has passed."""

    commitment = factory.SubFactory(
        CommitmentFactory,
        due_on=factory.Faker(
            "date_between", start_date=datetime.date(2025, 1, 1), end_date=datetime.date(2025, 12, 31)
        ),
    )
    kind = FlagKind.OVERDUE
    due_on = factory.SelfAttribute("commitment.due_on")
    # Raised just after midnight following the due date, as the nightly check would.
    raised_at = factory.LazyAttribute(
        lambda o: datetime.datetime.combine(
            o.due_on + datetime.timedelta(days=1), datetime.time(0, 5), tzinfo=datetime.UTC
        )
    )
    cleared_at = None
    notified_at = None

    class Meta:
        model = OverdueFlag

    class Params:
        due_soon = factory.Trait(kind=FlagKind.DUE_SOON)
        cleared = factory.Trait(cleared_at=factory.LazyAttribute(lambda o: o.raised_at + datetime.timedelta(days=7)))


class NotificationFactory(DjangoModelFactory):
    """A queued alert listing one new overdue flag (``flag``), to the lead envoy of the flag's negotiation."""

    kind = NotificationKind.FLAG_RAISED
    city = factory.SelfAttribute("flag.commitment.negotiation.city")
    week_of = None
    recipient = factory.SelfAttribute("flag.commitment.negotiation.lead_envoy")
    email = factory.LazyAttribute(lambda o: o.recipient.email)
    queued_at = factory.LazyAttribute(lambda o: o.flag.raised_at if o.flag else timezone.now())
    sent_at = None
    flag_entry = factory.Maybe(
        "flag",
        yes_declaration=factory.RelatedFactory(
            "ambassador.commitments.factories.NotificationFlagFactory", factory_related_name="notification",
            flag=factory.SelfAttribute("..flag"),
        ),
        no_declaration=None,
    )

    class Meta:
        model = Notification

    class Params:
        flag = factory.SubFactory(OverdueFlagFactory)
        weekly_digest = factory.Trait(
            kind=NotificationKind.WEEKLY_DIGEST,
            flag=None,
            city=factory.SubFactory("ambassador.stakeholders.factories.CityFactory"),
            week_of=datetime.date(2026, 3, 2),
            recipient=factory.SubFactory(
                "ambassador.stakeholders.factories.CouncilStaffUserFactory", city=factory.SelfAttribute("..city")
            ),
        )
        sent = factory.Trait(sent_at=factory.LazyAttribute(lambda o: o.queued_at + datetime.timedelta(minutes=2)))


class NotificationFlagFactory(DjangoModelFactory):
    """A flag listed in an alert, to the alert's recipient."""

    notification = factory.SubFactory(
        NotificationFactory, flag=None,
        city=factory.SubFactory("ambassador.stakeholders.factories.CityFactory"),
        recipient=factory.SubFactory(
            "ambassador.stakeholders.factories.EnvoyUserFactory", city=factory.SelfAttribute("..city")
        ),
    )
    flag = factory.SubFactory(
        OverdueFlagFactory,
        commitment__negotiation__city=factory.SelfAttribute("....notification.city"),
        commitment__negotiation__lead_envoy=factory.SelfAttribute("....notification.recipient"),
    )
    recipient = factory.SelfAttribute("notification.recipient")

    class Meta:
        model = NotificationFlag
