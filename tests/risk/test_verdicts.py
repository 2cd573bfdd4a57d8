"""Reviewers' verdicts on the indicators that fired: validation, who may give them, history, the current verdict."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError, RestrictedError

from ambassador.risk.choices import Verdict
from ambassador.risk.factories import IndicatorVerdictFactory, RiskAssessmentFactory
from ambassador.risk.models import IndicatorVerdict, RiskAssessment
from ambassador.risk.services import indicator_verdict_record
from ambassador.stakeholders.factories import (
    CouncilStaffUserFactory,
    EnvoyUserFactory,
    TechCompanyFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
FIRED = {"key": "lobbying_spend", "fired": True, "explanation": "Spend is above the peer fence.", "value": 9}
QUIET = {"key": "vague_minutes", "fired": False, "explanation": "Minutes are specific.", "value": 0.1}
NEW_KEY = {"key": "ad_spend", "fired": True, "explanation": "An indicator the engine added later."}


def score(company, city=None, *, on=datetime.date(2026, 6, 1), indicators=(FIRED, QUIET)) -> RiskAssessment:
    return RiskAssessmentFactory(organisation=company, city=city, assessed_on=on, score=70,
                                 indicators=list(indicators))


@pytest.fixture
def staff(amsterdam):
    return CouncilStaffUserFactory(city=amsterdam, first_name="Lotte", last_name="Kramer")


@pytest.fixture
def company(db):
    return TechCompanyFactory(name="Quorvex")


def record(assessment, user, key="lobbying_spend", verdict=Verdict.CONFIRMED, note="", **kwargs):
    return indicator_verdict_record(
        assessment=assessment, indicator_key=key, verdict=verdict, note=note, user=user, **kwargs
    )


# --- validation ---------------------------------------------------------------------------------------------------


def test_a_verdict_on_an_indicator_that_did_not_fire_is_refused(staff, company, amsterdam):
    assessment = score(company, amsterdam)

    with pytest.raises(ValidationError) as error:
        record(assessment, staff, key="vague_minutes")

    assert "did not fire" in " ".join(error.value.message_dict["indicator_key"])
    assert not IndicatorVerdict.objects.exists()


def test_a_verdict_on_an_indicator_the_assessment_does_not_carry_is_refused(staff, company, amsterdam):
    assessment = score(company, amsterdam)

    with pytest.raises(ValidationError) as error:
        record(assessment, staff, key="revolving_door")

    assert "has no indicator" in " ".join(error.value.message_dict["indicator_key"])


def test_an_indicator_the_engine_added_later_is_judged_from_the_assessments_own_list(staff, company, amsterdam):
    assessment = score(company, amsterdam, indicators=(FIRED, NEW_KEY))

    verdict = record(assessment, staff, key="ad_spend")

    assert verdict.indicator_key == "ad_spend"
    assert verdict.indicator_snapshot == NEW_KEY


@pytest.mark.parametrize("verdict", [Verdict.FALSE_POSITIVE, Verdict.NEEDS_DATA])
@pytest.mark.parametrize("note", ["", "   \n "])
def test_a_false_positive_or_needs_data_verdict_needs_a_note(staff, company, amsterdam, verdict, note):
    assessment = score(company, amsterdam)

    with pytest.raises(ValidationError) as error:
        record(assessment, staff, verdict=verdict, note=note)

    assert "note" in error.value.message_dict
    assert not IndicatorVerdict.objects.exists()


def test_a_confirmed_verdict_needs_no_note(staff, company, amsterdam):
    verdict = record(score(company, amsterdam), staff)

    assert verdict.verdict == Verdict.CONFIRMED
    assert verdict.note == ""
    assert verdict.decided_by == staff
    assert (verdict.organisation, verdict.city) == (company, amsterdam)
    assert verdict.indicator_snapshot == FIRED


def test_the_database_refuses_a_false_positive_without_a_note(staff, company, amsterdam):
    verdict = record(score(company, amsterdam), staff)

    with pytest.raises(IntegrityError), transaction.atomic():
        IndicatorVerdict.objects.filter(pk=verdict.pk).update(verdict=Verdict.FALSE_POSITIVE, note="")


def test_the_database_refuses_a_verdict_it_does_not_know(staff, company, amsterdam):
    verdict = record(score(company, amsterdam), staff)

    with pytest.raises(IntegrityError), transaction.atomic():
        IndicatorVerdict.objects.filter(pk=verdict.pk).update(verdict="maybe")


def test_a_verdict_of_another_company_than_its_assessment_is_refused(staff, company, amsterdam):
    verdict = IndicatorVerdict(
        assessment=score(company, amsterdam), organisation=TechCompanyFactory(), city=amsterdam,
        indicator_key="lobbying_spend", verdict=Verdict.CONFIRMED, decided_at=datetime.datetime.now(UTC),
    )
    verdict._state.adding = False  # as a changed row: the company is not filled in from the assessment

    with pytest.raises(ValidationError) as error:
        verdict.full_clean()

    assert "assessment" in error.value.message_dict


# --- who may give one ---------------------------------------------------------------------------------------------


def test_an_envoy_cannot_give_a_verdict(company, amsterdam):
    envoy = EnvoyUserFactory(city=amsterdam)

    with pytest.raises(PermissionDenied):
        record(score(company, amsterdam), envoy)

    assert not IndicatorVerdict.objects.exists()


def test_council_staff_cannot_judge_another_citys_score(staff, company, barcelona):
    with pytest.raises(PermissionDenied):
        record(score(company, barcelona), staff)


def test_council_staff_judge_overall_scores_and_superusers_any(staff, company, barcelona):
    assert record(score(company), staff).city is None
    assert record(score(company, barcelona), UserFactory(superuser=True)).city == barcelona


def test_council_staff_of_another_city_cannot_change_a_verdict_on_a_city_score(staff, company, amsterdam, barcelona):
    assessment = score(company, amsterdam)
    record(assessment, staff)

    with pytest.raises(PermissionDenied):
        record(assessment, CouncilStaffUserFactory(city=barcelona), verdict=Verdict.NEEDS_DATA, note="Old data.")


def test_envoys_see_no_verdict_and_council_staff_their_citys_and_the_overall_ones(staff, company, amsterdam,
                                                                                  barcelona):
    ours = IndicatorVerdictFactory(assessment=score(company, amsterdam))
    overall = IndicatorVerdictFactory(assessment=score(company))
    IndicatorVerdictFactory(assessment=score(company, barcelona))

    assert set(IndicatorVerdict.objects.visible_to(staff)) == {ours, overall}
    assert not IndicatorVerdict.objects.visible_to(EnvoyUserFactory(city=amsterdam)).exists()
    assert IndicatorVerdict.objects.visible_to(UserFactory(superuser=True)).count() == 3


# --- history and the current verdict ------------------------------------------------------------------------------


def test_changing_a_verdict_keeps_the_earlier_one_in_its_history(staff, company, amsterdam):
    assessment = score(company, amsterdam)
    first = record(assessment, staff, now=datetime.datetime(2026, 6, 2, 9, tzinfo=UTC))
    other = CouncilStaffUserFactory(city=amsterdam)

    second = record(assessment, other, verdict=Verdict.FALSE_POSITIVE, note="A one-off fine, not lobbying.",
                    now=datetime.datetime(2026, 6, 3, 9, tzinfo=UTC))

    assert second.pk == first.pk
    history = list(second.history.order_by("history_date").values_list(
        "history_type", "verdict", "note", "decided_by", "history_user"
    ))
    assert history == [
        ("+", Verdict.CONFIRMED, "", staff.pk, staff.pk),
        ("~", Verdict.FALSE_POSITIVE, "A one-off fine, not lobbying.", other.pk, other.pk),
    ]


def test_the_same_verdict_and_note_again_changes_nothing(staff, company, amsterdam):
    assessment = score(company, amsterdam)
    first = record(assessment, staff, verdict=Verdict.NEEDS_DATA, note="Register entry missing.")

    again = record(assessment, CouncilStaffUserFactory(city=amsterdam), verdict=Verdict.NEEDS_DATA,
                   note=" Register entry missing. ")

    assert again.decided_by == staff
    assert again.decided_at == first.decided_at
    assert again.history.count() == 1


def test_the_latest_verdict_is_current_and_stands_for_later_scores(staff, company, amsterdam):
    june = score(company, amsterdam, on=datetime.date(2026, 6, 1))
    july = score(company, amsterdam, on=datetime.date(2026, 7, 1))
    old = record(june, staff, now=datetime.datetime(2026, 6, 2, tzinfo=UTC))

    assert list(IndicatorVerdict.objects.current()) == [old]

    new = record(july, staff, verdict=Verdict.FALSE_POSITIVE, note="Spend fell.",
                 now=datetime.datetime(2026, 7, 2, tzinfo=UTC))

    assert list(IndicatorVerdict.objects.current()) == [new]
    assert set(IndicatorVerdict.objects.with_current_flag().values_list("pk", "current")) == {
        (old.pk, False), (new.pk, True),
    }


def test_overall_and_city_verdicts_and_other_companies_do_not_replace_each_other(staff, company, amsterdam):
    other_company = TechCompanyFactory()
    in_city = record(score(company, amsterdam), staff, now=datetime.datetime(2026, 6, 2, tzinfo=UTC))
    overall = record(score(company), staff, now=datetime.datetime(2026, 6, 3, tzinfo=UTC))
    overall_later = record(score(company, on=datetime.date(2026, 7, 1)), staff, verdict=Verdict.NEEDS_DATA,
                           note="Wait for the register.", now=datetime.datetime(2026, 7, 3, tzinfo=UTC))
    elsewhere = record(score(other_company), staff, now=datetime.datetime(2026, 7, 4, tzinfo=UTC))

    assert set(IndicatorVerdict.objects.current()) == {in_city, overall_later, elsewhere}
    assert overall not in IndicatorVerdict.objects.current()


def test_verdicts_given_at_the_same_instant_the_later_row_is_current(staff, company, amsterdam):
    at = datetime.datetime(2026, 6, 2, tzinfo=UTC)
    first = record(score(company, amsterdam, on=datetime.date(2026, 6, 1)), staff, now=at)
    second = record(score(company, amsterdam, on=datetime.date(2026, 6, 2)), staff, now=at)

    assert list(IndicatorVerdict.objects.current()) == [second]
    assert first.pk < second.pk


# --- the assessment a verdict was given on --------------------------------------------------------------------------


def test_an_assessment_with_a_verdict_is_not_deleted(staff, company, amsterdam):
    assessment = score(company, amsterdam)
    record(assessment, staff)

    with pytest.raises((RestrictedError, ProtectedError)), transaction.atomic():
        assessment.delete()

    assert RiskAssessment.objects.filter(pk=assessment.pk).exists()


def test_deleting_a_company_deletes_its_scores_and_their_verdicts(staff, company, amsterdam):
    record(score(company, amsterdam), staff)

    company.delete()

    assert not IndicatorVerdict.objects.exists()
    assert not RiskAssessment.objects.exists()
