"""Factories for topics, negotiations and meetings.

``MeetingFactory`` makes a draft, public meeting logged by an envoy of the negotiation's city. The
traits ``submitted``, ``published``, ``restricted``, ``confidential`` and ``standalone`` (a meeting of
a city with a trade union, outside any negotiation) combine, e.g.
``MeetingFactory(published=True, confidential=True)`` or ``MeetingFactory(standalone=True, city=city)``.
"""

import datetime

import factory
from django.utils.text import slugify
from factory.django import DjangoModelFactory

from ambassador.stakeholders.factories import TradeUnionFactory

from .choices import Confidentiality, MeetingFormat, NegotiationStage, ReviewState, WithholdingGround
from .models import Meeting, Negotiation, Topic

TOPIC_NAMES = [
    "Mobility data", "Data localisation", "Algorithmic management", "Digital inclusion",
    "Kerbside management", "Platform work", "Public Wi-Fi", "Smart-city sensors",
]

NEGOTIATION_SUBJECTS = [
    "mobility data-sharing agreement",
    "data localisation for municipal services",
    "courier working conditions covenant",
    "public-space sensor data governance",
    "digital inclusion programme",
]

MEETING_SUBJECTS = [
    "Scope of the trip-level mobility data feed",
    "Anonymisation standard for shared location data",
    "Minimum earnings guarantee for couriers",
    "Appeal procedure for deactivated workers",
    "Hosting of resident data inside the EU",
    "Publication of the ranking algorithm's main parameters",
]

STANDALONE_SUBJECTS = [
    "Riders' access to their own platform data",
    "Algorithmic management in delivery work",
    "Residents' concerns about street sensors",
]

MEETING_LOCATIONS = ["City Hall, room 2.14", "Video call", "Company office", "Depot visit"]


class TopicFactory(DjangoModelFactory):
    name = factory.Iterator(TOPIC_NAMES)
    # The suffix keeps clear of the topics the data migration creates (e.g. "mobility-data").
    slug = factory.LazyAttributeSequence(lambda o, n: f"{slugify(o.name)}-{n}")

    class Meta:
        model = Topic


class NegotiationFactory(DjangoModelFactory):
    """An announced, active negotiation led by an envoy of its city."""

    city = factory.SubFactory("ambassador.stakeholders.factories.CityFactory")
    company = factory.SubFactory("ambassador.stakeholders.factories.TechCompanyFactory")
    title = factory.LazyAttributeSequence(
        lambda o, n: f"{o.company.name}: {NEGOTIATION_SUBJECTS[n % len(NEGOTIATION_SUBJECTS)]}"
    )
    slug = factory.LazyAttributeSequence(lambda o, n: f"{slugify(o.title)[:180]}-{n}")
    stage = NegotiationStage.ACTIVE
    opened_on = factory.Faker("date_between", start_date=datetime.date(2023, 1, 1), end_date=datetime.date(2025, 6, 30))
    closed_on = None
    lead_envoy = factory.SubFactory(
        "ambassador.stakeholders.factories.EnvoyUserFactory", city=factory.SelfAttribute("..city")
    )
    public_summary = factory.LazyAttribute(
        lambda o: f"{o.city.name} and {o.company.name} are negotiating the terms under which the company "
        "operates in the city, including what data it shares with the city."
    )
    is_public = True
    # Announced (by council staff, in the demo and the suite's records alike) when it opened.
    announced_at = factory.LazyAttribute(
        lambda o: datetime.datetime.combine(o.opened_on, datetime.time(12), tzinfo=datetime.UTC)
        if o.is_public else None
    )

    class Meta:
        model = Negotiation
        skip_postgeneration_save = True

    class Params:
        unannounced = factory.Trait(is_public=False, public_summary="")
        stalled = factory.Trait(stage=NegotiationStage.STALLED)
        concluded = factory.Trait(
            stage=NegotiationStage.CONCLUDED,
            closed_on=factory.LazyAttribute(lambda o: o.opened_on + datetime.timedelta(days=240)),
        )
        abandoned = factory.Trait(
            stage=NegotiationStage.ABANDONED,
            closed_on=factory.LazyAttribute(lambda o: o.opened_on + datetime.timedelta(days=90)),
        )

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(extracted)


class MeetingFactory(DjangoModelFactory):
    negotiation = factory.SubFactory(NegotiationFactory)
    city = factory.Maybe(
        "negotiation",
        yes_declaration=factory.SelfAttribute("negotiation.city"),
        no_declaration=factory.SubFactory("ambassador.stakeholders.factories.CityFactory"),
    )
    starts_at = factory.Faker(
        "date_time_between",
        start_date=datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC),
        end_date=datetime.datetime(2025, 12, 31, tzinfo=datetime.UTC),
        tzinfo=datetime.UTC,
    )
    location = factory.Iterator(MEETING_LOCATIONS)
    format = factory.LazyAttribute(
        lambda o: MeetingFormat.VIDEO if o.location == "Video call" else MeetingFormat.IN_PERSON
    )
    subject = factory.Iterator(MEETING_SUBJECTS)
    topic = None
    minutes_main_points = factory.LazyAttribute(
        lambda o: f"The company presented its proposal on: {o.subject.lower()}. The city asked for the data "
        "specification and a timeline."
    )
    minutes_positions = (
        "The company prefers aggregated weekly figures; the city asks for trip-level data within 24 hours, "
        "anonymised to the city's standard."
    )
    minutes_conclusions = "The company sends a draft data specification within four weeks; the city reviews it."
    confidentiality = Confidentiality.PUBLIC
    withholding_ground = ""
    release_on = None
    review_state = ReviewState.DRAFT
    logged_by = factory.Maybe(
        factory.SelfAttribute("negotiation.lead_envoy", None),
        yes_declaration=factory.SelfAttribute("negotiation.lead_envoy"),
        no_declaration=factory.SubFactory(
            "ambassador.stakeholders.factories.EnvoyUserFactory", city=factory.SelfAttribute("..city")
        ),
    )
    submitted_at = None
    published_at = None
    published_by = None
    first_published_at = factory.LazyAttribute(lambda o: o.published_at)

    class Meta:
        model = Meeting
        skip_postgeneration_save = True

    class Params:
        submitted = factory.Trait(
            review_state=ReviewState.SUBMITTED,
            submitted_at=factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(days=1)),
        )
        published = factory.Trait(
            review_state=ReviewState.PUBLISHED,
            submitted_at=factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(days=1)),
            published_at=factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(days=3)),
            # A second person, on the council staff of the same city, releases the record.
            published_by=factory.SubFactory(
                "ambassador.stakeholders.factories.CouncilStaffUserFactory",
                city=factory.SelfAttribute("..city"),
            ),
        )
        restricted = factory.Trait(
            confidentiality=Confidentiality.RESTRICTED,
            withholding_ground=WithholdingGround.COMMERCIAL,
        )
        confidential = factory.Trait(
            confidentiality=Confidentiality.CONFIDENTIAL,
            withholding_ground=WithholdingGround.ONGOING_NEGOTIATION,
            # Far enough ahead that the meeting stays embargoed while the suite exists.
            release_on=factory.LazyAttribute(lambda o: o.starts_at.date() + datetime.timedelta(days=365 * 10)),
        )
        standalone = factory.Trait(
            negotiation=None,
            subject=factory.Iterator(STANDALONE_SUBJECTS),
            minutes_main_points=factory.LazyAttribute(
                lambda o: f"The union presented its members' experience on: {o.subject.lower()}."
            ),
            minutes_positions="The union asks the city to require data access for workers' representatives.",
            minutes_conclusions="The city takes the union's points into its next negotiations on the topic.",
        )

    @factory.post_generation
    def organisations(self, create, extracted, **kwargs):
        """The negotiating company (outside a negotiation, a new trade union) is present unless others are given."""
        if not create:
            return
        if extracted is None:
            extracted = [self.negotiation.company] if self.negotiation is not None else [TradeUnionFactory()]
        self.organisations.set(extracted)

    @factory.post_generation
    def attendees(self, create, extracted, **kwargs):
        if create and extracted:
            self.attendees.set(extracted)
