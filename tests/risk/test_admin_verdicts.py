"""Council staff give verdicts on the assessment's page in the admin, as a browser would: GET the form, POST it."""

import datetime

import pytest
from django.urls import reverse

from ambassador.risk.choices import Verdict
from ambassador.risk.factories import IndicatorVerdictFactory, RiskAssessmentFactory
from ambassador.risk.models import IndicatorVerdict
from ambassador.stakeholders.factories import CouncilStaffUserFactory, EnvoyUserFactory, TechCompanyFactory

pytestmark = pytest.mark.django_db

SPEND = {"key": "lobbying_spend", "label": "Declared lobbying spend", "fired": True,
         "explanation": "Declared spend of €1.3m is above the peer fence of €0.9m."}
DOOR = {"key": "revolving_door", "label": "Revolving door", "fired": True,
        "explanation": "1 person held a city role and a company role within the cooling-off period."}
QUIET = {"key": "vague_minutes", "label": "Vague minutes", "fired": False, "explanation": "Minutes are specific."}


@pytest.fixture
def staff(amsterdam):
    return CouncilStaffUserFactory(city=amsterdam, first_name="Lotte", last_name="Kramer")


@pytest.fixture
def assessment(amsterdam):
    return RiskAssessmentFactory(organisation=TechCompanyFactory(name="Quorvex"), city=amsterdam, score=71,
                                 assessed_on=datetime.date(2026, 6, 1), indicators=[SPEND, QUIET, DOOR])


def verdicts_url(assessment):
    return reverse("admin:risk_riskassessment_verdicts", args=[assessment.pk])


def change_url(assessment):
    return reverse("admin:risk_riskassessment_change", args=[assessment.pk])


def post_data(*rows, total=None):
    """The verdicts form as the browser sends it: one (key, verdict, note) per indicator that fired."""
    data = {
        "verdicts-TOTAL_FORMS": str(total if total is not None else len(rows)),
        "verdicts-INITIAL_FORMS": str(len(rows)),
        "verdicts-MIN_NUM_FORMS": "0",
        "verdicts-MAX_NUM_FORMS": "50",
    }
    for index, (key, verdict, note) in enumerate(rows):
        data.update({f"verdicts-{index}-indicator": key, f"verdicts-{index}-verdict": verdict,
                     f"verdicts-{index}-note": note})
    return data


def test_the_assessment_page_lists_the_fired_indicators_and_links_to_the_verdicts_form(client, staff, assessment):
    client.force_login(staff)

    body = client.get(change_url(assessment)).content.decode()

    assert 'id="indicator-verdicts"' in body
    assert 'id="verdict-lobbying_spend"' in body and 'id="verdict-revolving_door"' in body
    assert 'id="verdict-vague_minutes"' not in body
    assert "not judged yet" in body
    assert verdicts_url(assessment) in body


def test_staff_give_verdicts_and_the_assessment_page_shows_who_and_when(client, staff, assessment):
    client.force_login(staff)
    form = client.get(verdicts_url(assessment))
    assert form.status_code == 200
    assert form.content.decode().count('name="verdicts-') >= 6  # indicator, verdict and note of each row

    response = client.post(verdicts_url(assessment), post_data(
        ("lobbying_spend", Verdict.CONFIRMED, ""),
        ("revolving_door", Verdict.FALSE_POSITIVE, "Two different people of the same name."),
    ))

    assert response.status_code == 302
    assert response["Location"] == change_url(assessment)
    verdicts = {v.indicator_key: v for v in IndicatorVerdict.objects.all()}
    assert verdicts["lobbying_spend"].verdict == Verdict.CONFIRMED
    assert verdicts["revolving_door"].note == "Two different people of the same name."
    assert {v.decided_by for v in verdicts.values()} == {staff}
    body = client.get(change_url(assessment)).content.decode()
    assert "Confirmed by Lotte Kramer on" in body
    assert "False positive by Lotte Kramer on" in body
    assert "Two different people of the same name." in body


def test_a_false_positive_without_a_note_shows_the_form_again_and_records_nothing(client, staff, assessment):
    client.force_login(staff)

    response = client.post(verdicts_url(assessment), post_data(
        ("lobbying_spend", Verdict.CONFIRMED, ""),
        ("revolving_door", Verdict.FALSE_POSITIVE, ""),
    ))

    assert response.status_code == 200
    assert "has a note" in response.content.decode()
    assert not IndicatorVerdict.objects.exists()


def test_a_forged_row_for_an_indicator_that_did_not_fire_is_refused_with_every_other_row(client, staff, assessment):
    client.force_login(staff)

    response = client.post(verdicts_url(assessment), post_data(
        ("lobbying_spend", Verdict.CONFIRMED, ""),
        ("vague_minutes", Verdict.CONFIRMED, ""),
    ))

    assert response.status_code == 200
    assert "did not fire" in response.content.decode()
    assert not IndicatorVerdict.objects.exists()


def test_an_unchanged_form_records_nothing(client, staff, assessment):
    IndicatorVerdictFactory(assessment=assessment, decided_by=staff)
    client.force_login(staff)

    response = client.post(verdicts_url(assessment), post_data(
        ("lobbying_spend", Verdict.CONFIRMED, ""), ("revolving_door", "", ""),
    ), follow=True)

    assert response.status_code == 200
    assert "No verdict changed." in response.content.decode()
    assert IndicatorVerdict.history.count() == 1


def test_a_verdict_on_an_earlier_score_shows_on_the_later_one(client, staff, assessment):
    IndicatorVerdictFactory(assessment=assessment, decided_by=staff,
                            decided_at=datetime.datetime(2026, 6, 2, 10, tzinfo=datetime.UTC))
    later = RiskAssessmentFactory(organisation=assessment.organisation, city=assessment.city, score=75,
                                  assessed_on=datetime.date(2026, 7, 1), indicators=[SPEND])
    client.force_login(staff)

    body = client.get(change_url(later)).content.decode()

    assert "Confirmed by Lotte Kramer on June 2, 2026" in body
    assert "(given on the score of June 1, 2026)" in body


def test_envoys_neither_see_nor_give_verdicts(client, assessment, amsterdam):
    IndicatorVerdictFactory(assessment=assessment, false_positive=True)
    client.force_login(EnvoyUserFactory(city=amsterdam))

    page = client.get(change_url(assessment))

    assert page.status_code == 200
    assert 'id="indicator-verdicts"' not in page.content.decode()
    assert "one-off fine" not in page.content.decode()
    assert client.get(verdicts_url(assessment)).status_code == 403
    assert client.post(verdicts_url(assessment), post_data(("lobbying_spend", "confirmed", ""))).status_code == 403
    assert IndicatorVerdict.objects.count() == 1


def test_another_citys_assessment_is_not_found(client, assessment, barcelona):
    client.force_login(CouncilStaffUserFactory(city=barcelona))

    assert client.get(verdicts_url(assessment)).status_code == 404
    assert client.post(verdicts_url(assessment), post_data(("lobbying_spend", "confirmed", ""))).status_code == 404
    assert not IndicatorVerdict.objects.exists()


def test_a_verdict_changed_in_the_verdicts_admin_keeps_its_history(client, staff, assessment):
    verdict = IndicatorVerdictFactory(assessment=assessment, decided_by=staff)
    client.force_login(staff)
    url = reverse("admin:risk_indicatorverdict_change", args=[verdict.pk])

    response = client.post(url, {"verdict": Verdict.NEEDS_DATA, "note": "The register entry is stale.",
                                 "_save": "Save"})

    assert response.status_code == 302
    verdict.refresh_from_db()
    assert (verdict.verdict, verdict.note) == (Verdict.NEEDS_DATA, "The register entry is stale.")
    assert verdict.history.count() == 2
    history = client.get(reverse("admin:risk_indicatorverdict_history", args=[verdict.pk]))
    assert history.status_code == 200


def test_a_verdict_added_in_the_verdicts_admin_goes_through_the_same_checks(client, staff, assessment):
    client.force_login(staff)
    url = reverse("admin:risk_indicatorverdict_add")

    refused = client.post(url, {"assessment": assessment.pk, "indicator_key": "vague_minutes",
                                "verdict": Verdict.CONFIRMED, "note": "", "_save": "Save"})
    added = client.post(url, {"assessment": assessment.pk, "indicator_key": "lobbying_spend",
                              "verdict": Verdict.CONFIRMED, "note": "", "_save": "Save"})

    assert refused.status_code == 200
    assert "did not fire" in refused.content.decode()
    assert added.status_code == 302
    assert IndicatorVerdict.objects.get().decided_by == staff


def test_the_verdicts_list_is_not_offered_to_envoys(client, amsterdam):
    client.force_login(EnvoyUserFactory(city=amsterdam))

    assert client.get(reverse("admin:risk_indicatorverdict_changelist")).status_code == 403
    assert "indicatorverdict" not in client.get(reverse("admin:index")).content.decode()
