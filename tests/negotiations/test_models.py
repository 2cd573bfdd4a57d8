"""Negotiations' and meetings' named constraints and counterparty triggers hold in PostgreSQL and full_clean().

Bad rows are written with ``QuerySet.update()`` or ``objects.create()``, which skip model validation,
so only the database stands in the way; each test checks that the named rule is the one refusing.
"""

import datetime
from functools import partial

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction

from ambassador.negotiations.choices import Confidentiality, NegotiationStage, ReviewState, WithholdingGround
from ambassador.negotiations.factories import MeetingFactory, NegotiationFactory, TopicFactory
from ambassador.negotiations.models import Meeting, Negotiation, vague_minutes_reasons
from ambassador.stakeholders.choices import OrganisationKind
from ambassador.stakeholders.factories import CityFactory, TechCompanyFactory, TradeUnionFactory
from ambassador.stakeholders.models import Organisation
from tests.constraint_cases import constraint_tests

pytestmark = pytest.mark.django_db

ONE_DAY = datetime.timedelta(days=1)
COUNTERPARTY_RULE = "negotiations_negotiation_counterparty_is_tech_company"

# (constraint, factory, bad values for the saved object, key of the full_clean() error)
CHECK_CASES = [
    pytest.param("negotiations_topic_slug_not_empty", TopicFactory, lambda o: {"slug": ""}, "slug", id="topic-slug"),
    pytest.param(
        "negotiations_negotiation_slug_not_empty", NegotiationFactory, lambda o: {"slug": ""}, "slug",
        id="negotiation-slug-empty",
    ),
    pytest.param(
        "negotiations_negotiation_stage_valid", NegotiationFactory, lambda o: {"stage": "paused"}, "stage",
        id="negotiation-stage-unknown",
    ),
    pytest.param(
        "negotiations_negotiation_closed_not_before_opened", NegotiationFactory,
        lambda o: {"closed_on": o.opened_on - ONE_DAY}, NON_FIELD_ERRORS, id="negotiation-closes-before-opening",
    ),
    pytest.param(
        "negotiations_negotiation_closed_stage_has_closed_date", NegotiationFactory,
        lambda o: {"stage": NegotiationStage.CONCLUDED}, NON_FIELD_ERRORS, id="negotiation-concluded-without-date",
    ),
    pytest.param(
        "negotiations_negotiation_closed_stage_has_closed_date", partial(NegotiationFactory, abandoned=True),
        lambda o: {"closed_on": None}, NON_FIELD_ERRORS, id="negotiation-abandoned-date-removed",
    ),
    pytest.param(
        "negotiations_meeting_subject_not_empty", MeetingFactory, lambda o: {"subject": ""}, "subject",
        id="meeting-subject-empty",
    ),
    pytest.param(
        # Restricted, with a ground, so that only the unknown level breaks a rule.
        "negotiations_meeting_confidentiality_valid", partial(MeetingFactory, restricted=True),
        lambda o: {"confidentiality": "secret"}, "confidentiality", id="meeting-confidentiality-unknown",
    ),
    pytest.param(
        "negotiations_meeting_review_state_valid", MeetingFactory, lambda o: {"review_state": "approved"},
        "review_state", id="meeting-review-state-unknown",
    ),
    pytest.param(
        "negotiations_meeting_confidential_has_release_date", partial(MeetingFactory, confidential=True),
        lambda o: {"release_on": None}, "release_on", id="meeting-confidential-without-release-date",
    ),
    pytest.param(
        "negotiations_meeting_withheld_has_ground", partial(MeetingFactory, restricted=True),
        lambda o: {"withholding_ground": ""}, "withholding_ground", id="meeting-restricted-without-ground",
    ),
    pytest.param(
        "negotiations_meeting_withheld_has_ground", partial(MeetingFactory, confidential=True),
        lambda o: {"withholding_ground": ""}, "withholding_ground", id="meeting-confidential-without-ground",
    ),
    pytest.param(
        "negotiations_meeting_published_is_stamped", partial(MeetingFactory, published=True),
        lambda o: {"published_at": None}, NON_FIELD_ERRORS, id="meeting-published-without-time",
    ),
    pytest.param(
        "negotiations_meeting_published_is_stamped", partial(MeetingFactory, published=True),
        lambda o: {"published_by": None}, NON_FIELD_ERRORS, id="meeting-published-without-publisher",
    ),
    pytest.param(
        "negotiations_meeting_second_person_publishes", partial(MeetingFactory, published=True),
        lambda o: {"published_by": o.logged_by}, NON_FIELD_ERRORS, id="meeting-published-by-its-logger",
    ),
    pytest.param(
        "negotiations_negotiation_announced_is_stamped", NegotiationFactory, lambda o: {"announced_at": None},
        NON_FIELD_ERRORS, id="negotiation-announced-without-date",
    ),
    pytest.param(
        "negotiations_negotiation_second_person_announces", NegotiationFactory,
        lambda o: {"announcement_proposed_by": o.lead_envoy, "announced_by": o.lead_envoy}, NON_FIELD_ERRORS,
        id="negotiation-announced-by-its-proposer",
    ),
]

# (constraint, factory for two rows, fields copied from the first row onto the second, full_clean() error key)
UNIQUE_CASES = [
    pytest.param("negotiations_topic_unique_slug", TopicFactory, ["slug"], "slug", id="topic-slug"),
    pytest.param("negotiations_negotiation_unique_slug", NegotiationFactory, ["slug"], "slug", id="negotiation-slug"),
]


globals().update(constraint_tests("negotiations", CHECK_CASES, UNIQUE_CASES))


def test_confidential_meeting_without_release_date_is_rejected_by_the_database():
    negotiation = NegotiationFactory()

    with pytest.raises(IntegrityError, match="negotiations_meeting_confidential_has_release_date"), (
        transaction.atomic()
    ):
        Meeting.objects.create(
            negotiation=negotiation,
            starts_at=datetime.datetime(2025, 11, 4, 9, 30, tzinfo=datetime.UTC),
            subject="Hosting of resident data inside the EU",
            confidentiality=Confidentiality.CONFIDENTIAL,
            withholding_ground=WithholdingGround.SECURITY,
            logged_by=negotiation.lead_envoy,
        )


def test_meeting_published_by_whoever_logged_it_is_rejected_by_the_database():
    negotiation = NegotiationFactory()

    with pytest.raises(IntegrityError, match="negotiations_meeting_second_person_publishes"), transaction.atomic():
        Meeting.objects.create(
            negotiation=negotiation,
            starts_at=datetime.datetime(2025, 11, 4, 9, 30, tzinfo=datetime.UTC),
            subject="Minimum earnings guarantee for couriers",
            review_state=ReviewState.PUBLISHED,
            logged_by=negotiation.lead_envoy,
            published_by=negotiation.lead_envoy,
            published_at=datetime.datetime(2025, 11, 6, 12, 0, tzinfo=datetime.UTC),
        )


def test_published_meeting_without_publisher_is_rejected_by_the_database():
    negotiation = NegotiationFactory()

    with pytest.raises(IntegrityError, match="negotiations_meeting_published_is_stamped"), transaction.atomic():
        Meeting.objects.bulk_create(
            [
                Meeting(
                    negotiation=negotiation,
                    city=negotiation.city,
                    starts_at=datetime.datetime(2025, 11, 4, 9, 30, tzinfo=datetime.UTC),
                    subject="Anonymisation standard for shared location data",
                    review_state=ReviewState.PUBLISHED,
                    logged_by=negotiation.lead_envoy,
                )
            ]
        )


# The counterparty rule: a check constraint cannot look across a foreign key, so triggers hold it.


def test_negotiation_with_a_trade_union_as_company_is_rejected_by_the_database():
    union = TradeUnionFactory()

    with pytest.raises(IntegrityError, match=COUNTERPARTY_RULE), transaction.atomic():
        Negotiation.objects.create(
            city=CityFactory(),
            company=union,
            title="Courier working conditions covenant",
            slug="courier-working-conditions-covenant",
            opened_on=datetime.date(2025, 2, 1),
        )

    assert not Negotiation.objects.exists()


def test_moving_a_negotiation_to_a_trade_union_counterparty_is_rejected_by_the_database():
    negotiation = NegotiationFactory()
    union = TradeUnionFactory()

    with pytest.raises(IntegrityError, match=COUNTERPARTY_RULE), transaction.atomic():
        Negotiation.objects.filter(pk=negotiation.pk).update(company=union)

    negotiation.refresh_from_db()
    assert negotiation.company.kind == OrganisationKind.TECH_COMPANY


def test_negotiation_can_move_to_another_tech_company():
    negotiation = NegotiationFactory()
    other_company = TechCompanyFactory()

    Negotiation.objects.filter(pk=negotiation.pk).update(company=other_company)

    negotiation.refresh_from_db()
    assert negotiation.company == other_company


def test_changing_a_negotiating_tech_companys_kind_to_trade_union_is_rejected_by_the_database():
    company = NegotiationFactory().company

    with pytest.raises(IntegrityError, match=COUNTERPARTY_RULE), transaction.atomic():
        Organisation.objects.filter(pk=company.pk).update(kind=OrganisationKind.TRADE_UNION)

    company.refresh_from_db()
    assert company.kind == OrganisationKind.TECH_COMPANY


def test_changing_a_non_negotiating_tech_companys_kind_to_trade_union_works():
    company = TechCompanyFactory()
    NegotiationFactory()  # someone else's negotiation does not bind this company

    Organisation.objects.filter(pk=company.pk).update(kind=OrganisationKind.TRADE_UNION)

    company.refresh_from_db()
    assert company.kind == OrganisationKind.TRADE_UNION


def test_negotiating_tech_company_can_change_anything_but_its_kind():
    company = NegotiationFactory().company

    Organisation.objects.filter(pk=company.pk).update(name="Ridelyn Mobility Europe B.V.")

    company.refresh_from_db()
    assert company.name == "Ridelyn Mobility Europe B.V."


def test_negotiation_with_a_trade_union_as_company_fails_full_clean():
    negotiation = NegotiationFactory()
    negotiation.company = TradeUnionFactory()

    with pytest.raises(ValidationError) as excinfo:
        negotiation.full_clean()

    # limit_choices_to refuses the choice too; the model's own rule explains why.
    assert "The counterparty of a negotiation must be a tech company." in excinfo.value.message_dict["company"]


# Vague minutes.


def test_minutes_saying_only_general_discussion_are_flagged():
    meeting = MeetingFactory.build(minutes_main_points="General discussion.")

    assert meeting.vague_minutes_reasons == ["the main points only say “General discussion.”"]


def test_minutes_with_empty_conclusions_are_flagged():
    meeting = MeetingFactory.build(minutes_conclusions="   ")

    assert meeting.vague_minutes_reasons == ["the conclusions are empty"]


def test_meeting_without_any_minutes_is_flagged_as_having_none():
    meeting = MeetingFactory.build(minutes_main_points="", minutes_positions="", minutes_conclusions="")

    assert meeting.vague_minutes_reasons == ["no minutes were recorded"]


def test_specific_minutes_are_not_flagged():
    meeting = MeetingFactory.build(
        minutes_main_points="The company offered weekly aggregated trip counts per district.",
        minutes_positions="The city asks for trip-level data within 24 hours, anonymised to its standard.",
        minutes_conclusions="The company sends a draft data specification by 1 December.",
    )

    assert meeting.vague_minutes_reasons == []


@pytest.mark.parametrize(
    "phrase", ["Current affairs", "general   DISCUSSION", "Catch-up.", "N/A"], ids=lambda phrase: phrase.lower()
)
def test_vague_phrases_are_flagged_whatever_their_case_spacing_or_full_stop(phrase):
    reasons = vague_minutes_reasons(
        main_points="Kerbside rules for delivery vans.", positions=phrase, conclusions="Pilot starts in May."
    )

    assert reasons == [f"the positions taken only say “{phrase}”"]


def test_a_specific_sentence_that_mentions_a_vague_phrase_is_not_flagged():
    reasons = vague_minutes_reasons(
        main_points="After a general discussion of the pilot, the company agreed to share curb occupancy data daily.",
        positions="The city wants the data in MDS format.",
        conclusions="Pilot starts in May.",
    )

    assert reasons == []


def test_disclosure_lag_is_the_time_from_meeting_to_publication():
    meeting = MeetingFactory.build(
        starts_at=datetime.datetime(2025, 5, 1, 10, 0, tzinfo=datetime.UTC),
        published_at=datetime.datetime(2025, 5, 15, 10, 0, tzinfo=datetime.UTC),
    )

    assert meeting.disclosure_lag == datetime.timedelta(days=14)
    assert MeetingFactory.build().disclosure_lag is None
