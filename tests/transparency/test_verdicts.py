"""Reviewers' verdicts where scores are shown: next to the score on the staff dashboard, and counted (never
quoted) on the public methodology page."""

import datetime
import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ambassador.risk.choices import Verdict
from ambassador.risk.factories import IndicatorVerdictFactory, RiskAssessmentFactory
from ambassador.risk.services import indicator_verdict_record
from ambassador.stakeholders.factories import CouncilStaffUserFactory, TechCompanyFactory
from ambassador.transparency.public import verdict_precision

from .conftest import body_of
from .test_leak_crawler import crawl

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
SPEND = {"key": "lobbying_spend", "fired": True, "explanation": "Spend is above the peer fence."}
DOOR = {"key": "revolving_door", "fired": True, "explanation": "A person moved from the city to the company."}
NOTE = "Spend counted twice: the parent company filed the same sum."


def judged(company, city=None, *, on, indicators=(SPEND, DOOR)):
    return RiskAssessmentFactory(organisation=company, city=city, score=80, assessed_on=on,
                                 indicators=list(indicators))


def verdict(assessment, key="lobbying_spend", value=Verdict.CONFIRMED, note="", *, at, by=None):
    return IndicatorVerdictFactory(assessment=assessment, indicator_key=key, verdict=value, note=note,
                                   decided_at=datetime.datetime(*at, tzinfo=UTC), **({"decided_by": by} if by else {}))


# --- the staff dashboard ------------------------------------------------------------------------------------------


@pytest.fixture
def reviewer(amsterdam):
    return CouncilStaffUserFactory(city=amsterdam, first_name="Lotte", last_name="Kramer")


def test_the_watchlist_shows_the_current_verdict_next_to_each_fired_indicator(client, reviewer, amsterdam):
    company = TechCompanyFactory(name="Quorvex")
    june = judged(company, amsterdam, on=datetime.date(2026, 6, 1))
    latest = judged(company, amsterdam, on=datetime.date(2026, 7, 1))
    verdict(june, at=(2026, 6, 2, 10), by=reviewer)
    client.force_login(reviewer)

    body = client.get(reverse("staff:dashboard")).content.decode()

    spend = re.search(rf'<li id="watch-{latest.pk}-lobbying_spend">(.*?)</li>', body, re.S).group(1)
    door = re.search(rf'<li id="watch-{latest.pk}-revolving_door">(.*?)</li>', body, re.S).group(1)
    assert "Confirmed by Lotte Kramer on June 2, 2026" in spend
    assert "(given on the score of June 1, 2026)" in spend
    assert "not judged yet" in door


def test_envoys_see_the_fired_indicators_on_the_watchlist_without_verdicts(client, envoy, amsterdam):
    assessment = judged(TechCompanyFactory(), amsterdam, on=datetime.date(2026, 6, 1))
    verdict(assessment, value=Verdict.FALSE_POSITIVE, note=NOTE, at=(2026, 6, 2))
    client.force_login(envoy)

    body = client.get(reverse("staff:dashboard")).content.decode()

    assert "Spend is above the peer fence." in body
    assert "False positive" not in body
    assert "not judged yet" not in body


def _dashboard_queries(client) -> int:
    ContentType.objects.clear_cache()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("staff:dashboard")).status_code == 200
    return len(queries)


def test_the_dashboard_costs_the_same_queries_for_few_and_many_verdicts(client, reviewer, amsterdam):
    client.force_login(reviewer)

    def grow(n):
        for _ in range(n):
            company = TechCompanyFactory()
            early = judged(company, amsterdam, on=datetime.date(2026, 6, 1))
            late = judged(company, amsterdam, on=datetime.date(2026, 7, 1))
            verdict(early, at=(2026, 6, 2), by=reviewer)
            verdict(late, "revolving_door", Verdict.NEEDS_DATA, "Dates of the role unknown.", at=(2026, 7, 2),
                    by=CouncilStaffUserFactory(city=amsterdam))

    grow(2)
    few = _dashboard_queries(client)
    grow(15)
    many = _dashboard_queries(client)

    assert many == few


# --- the methodology page -----------------------------------------------------------------------------------------


def _precision_row(body: str, key: str) -> list[str]:
    row = re.search(rf'<tr id="precision-{key}">(.*?)</tr>', body, re.S).group(1)
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td>(.*?)</td>", row, re.S)]


def test_methodology_counts_current_verdicts_per_indicator_and_their_precision(client, amsterdam, barcelona):
    companies = TechCompanyFactory.create_batch(4)
    # Lobbying spend: three confirmed and one false positive stand; one confirmed was replaced.
    for company in companies[:3]:
        verdict(judged(company, on=datetime.date(2026, 6, 1)), at=(2026, 6, 2))
    replaced = judged(companies[3], amsterdam, on=datetime.date(2026, 6, 1))
    verdict(replaced, at=(2026, 6, 2))
    verdict(judged(companies[3], amsterdam, on=datetime.date(2026, 7, 1)), value=Verdict.FALSE_POSITIVE, note=NOTE,
            at=(2026, 7, 2))
    # The same company's overall score and its score in another city are judged apart.
    verdict(judged(companies[3], barcelona, on=datetime.date(2026, 6, 1)), value=Verdict.NEEDS_DATA, note=NOTE,
            at=(2026, 6, 3))
    # Revolving door: needs data only, so no precision yet.
    verdict(judged(companies[0], amsterdam, on=datetime.date(2026, 6, 1)), "revolving_door", Verdict.NEEDS_DATA,
            note=NOTE, at=(2026, 6, 2))

    rows = {row.key: row for row in verdict_precision()}
    body = body_of(client.get("/methodology/"))

    assert (rows["lobbying_spend"].confirmed, rows["lobbying_spend"].false_positive,
            rows["lobbying_spend"].needs_data) == (3, 1, 1)
    assert rows["lobbying_spend"].precision == 0.75
    assert rows["revolving_door"].precision is None
    assert rows["vague_minutes"].judged == 0
    assert "Precision from reviewers&#x27; verdicts" in body or "Precision from reviewers' verdicts" in body
    assert _precision_row(body, "lobbying_spend") == ["3", "1", "1", "75&nbsp;%"]
    assert _precision_row(body, "revolving_door") == ["0", "0", "1", "—"]


def test_an_indicator_judged_under_a_key_the_methodology_does_not_describe_is_still_counted(client):
    new = {"key": "ad_spend", "fired": True, "explanation": "An indicator the engine added later."}
    verdict(judged(TechCompanyFactory(), on=datetime.date(2026, 6, 1), indicators=[new]), "ad_spend",
            at=(2026, 6, 2))

    assert _precision_row(body_of(client.get("/methodology/")), "ad_spend") == ["1", "0", "0", "100&nbsp;%"]


def test_a_new_verdict_changes_the_methodology_page_served_from_copies(client, amsterdam):
    staff = CouncilStaffUserFactory(city=amsterdam)
    assessment = judged(TechCompanyFactory(), amsterdam, on=datetime.date(2026, 6, 1))
    assert _precision_row(body_of(client.get("/methodology/")), "lobbying_spend") == ["0", "0", "0", "—"]

    indicator_verdict_record(assessment=assessment, indicator_key="lobbying_spend", verdict=Verdict.CONFIRMED,
                             user=staff)

    assert _precision_row(body_of(client.get("/methodology/")), "lobbying_spend") == ["1", "0", "0", "100&nbsp;%"]


def _methodology_queries(client) -> int:
    ContentType.objects.clear_cache()
    with CaptureQueriesContext(connection) as queries:
        body_of(client.get("/methodology/?n=" + str(len(connection.queries))))
    return len(queries)


def test_the_methodology_page_costs_the_same_queries_for_few_and_many_verdicts(client, amsterdam):
    def grow(n):
        for _ in range(n):
            company = TechCompanyFactory()
            verdict(judged(company, on=datetime.date(2026, 6, 1)), at=(2026, 6, 2))
            verdict(judged(company, amsterdam, on=datetime.date(2026, 6, 1)), "revolving_door",
                    Verdict.FALSE_POSITIVE, NOTE, at=(2026, 6, 2))

    grow(2)
    few = _methodology_queries(client)
    grow(20)
    many = _methodology_queries(client)

    assert many == few


# --- nothing but counts reaches the public --------------------------------------------------------------------------


def test_no_note_and_no_reviewer_appears_on_any_public_page_or_the_public_api(client, world):
    reviewer = CouncilStaffUserFactory(city=world.city, username="reviewer-lotte", first_name="Lottevoor",
                                       last_name="Krameracht", email="lotte.reviewer@example.org")
    assessment = judged(world.company, world.city, on=datetime.date(2026, 6, 1))
    IndicatorVerdictFactory(assessment=assessment, verdict=Verdict.FALSE_POSITIVE, note=NOTE, decided_by=reviewer)
    IndicatorVerdictFactory(assessment=assessment, indicator_key="revolving_door", verdict=Verdict.NEEDS_DATA,
                            note="Ask the register about Xavier.", decided_by=reviewer)
    secrets = [NOTE, "Ask the register", "reviewer-lotte", "Lottevoor", "Krameracht", "lotte.reviewer"]

    pages = crawl(client)

    assert "/methodology/" in pages
    assert any(path.startswith("/api/public/") for path in pages)
    leaks = {path: [s for s in secrets if s in body] for path, body in pages.items()}
    assert {path: found for path, found in leaks.items() if found} == {}
