"""The lobbying-risk validation: a synthetic population with planted patterns, and ``manage.py validate_risk``."""

import datetime
import json
from collections import Counter
from decimal import Decimal
from io import StringIO
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.db.models import Count, F, Q

from ambassador.commitments.choices import CompletionLevel
from ambassador.commitments.models import Commitment, CommitmentUpdate
from ambassador.negotiations.choices import Confidentiality, ReviewState
from ambassador.negotiations.models import Meeting, Negotiation
from ambassador.risk.choices import (
    COMMITMENT_RECORD,
    LATE_DISCLOSURE,
    OFFICIAL_CONCENTRATION,
    REVOLVING_DOOR,
    TOPIC_IMBALANCE,
)
from ambassador.risk.factories import RiskValidationFactory
from ambassador.risk.models import RiskAssessment, RiskRun, RiskValidation
from ambassador.risk.validation import (
    ASSESSED_ON,
    PLANTED_PATTERNS,
    PLANTED_TOPIC,
    build_population,
    rank_companies,
    validate,
)
from ambassador.stakeholders.choices import OrganisationKind
from ambassador.stakeholders.factories import TechCompanyFactory
from ambassador.stakeholders.models import Affiliation, City, LobbyingDisclosure, Organisation, Person

pytestmark = pytest.mark.django_db

SMALL = 20  # companies in the populations the suite builds


def _fingerprint() -> dict:
    """What the population says, by name and value (not by database id)."""
    return {
        "companies": sorted(
            Organisation.objects.filter(kind=OrganisationKind.TECH_COMPANY).values_list("name", "registry_id")
        ),
        "meetings": sorted(
            Meeting.objects.values_list(
                "negotiation__company__name", "negotiation__city__slug", "starts_at", "published_at",
                "confidentiality", "release_on", "topic__slug", "minutes_main_points", "review_state",
            ).annotate(
                attendees=Count("attendees", distinct=True), organisations=Count("organisations", distinct=True)
            ),
            key=repr,
        ),
        "commitments": sorted(
            Commitment.objects.values_list(
                "negotiation__company__name", "principle", "due_on", "completion", "slippage_count", "review_state"
            ),
            key=repr,
        ),
        "affiliations": sorted(
            Affiliation.objects.values_list("person__full_name", "role", "start_on", "end_on"), key=repr
        ),
        "disclosures": sorted(
            LobbyingDisclosure.objects.values_list(
                "organisation__name", "jurisdiction", "declared_spend", "declared_lobbyist_headcount"
            ),
            key=repr,
        ),
    }


def _built(seed: int, companies: int = SMALL):
    """The population of a seed, with its fingerprint; the records are rolled back after."""
    with transaction.atomic():
        population = build_population(seed=seed, companies=companies)
        fingerprint = _fingerprint()
        transaction.set_rollback(True)
    return population, fingerprint


# --- the population -----------------------------------------------------------------------------------------------


def test_the_same_seed_builds_the_same_population_and_another_seed_another():
    first, first_print = _built(7)
    again, again_print = _built(7)
    other, other_print = _built(8)

    assert first_print == again_print
    assert [(plant.name, plant.pattern) for plant in first.plants] == [
        (plant.name, plant.pattern) for plant in again.plants
    ]
    assert first.counts == again.counts
    assert other_print != first_print
    assert len(first_print["meetings"]) > 5 * SMALL  # a population, not a handful of rows


def test_the_population_has_the_countries_companies_and_plants_asked_for():
    population = build_population(seed=3, companies=SMALL)

    assert set(City.objects.values_list("country", flat=True)) == {"NL", "ES", "GB", "VN"}
    assert len(set(City.objects.values_list("time_zone", flat=True))) == 4
    assert Organisation.objects.filter(kind=OrganisationKind.TECH_COMPANY).count() == SMALL
    assert Organisation.objects.filter(kind=OrganisationKind.TRADE_UNION).exists()
    assert Organisation.objects.filter(kind=OrganisationKind.CIVIL_SOCIETY).exists()
    assert sorted(plant.pattern for plant in population.plants) == sorted(PLANTED_PATTERNS)
    assert len({plant.company_id for plant in population.plants}) == len(PLANTED_PATTERNS)
    # Natural variation: companies without a register id, sparse ones, vague minutes.
    assert Organisation.objects.filter(kind=OrganisationKind.TECH_COMPANY, registry_id="").exists()
    meetings_per_company = Counter(Meeting.objects.values_list("negotiation__company", flat=True))
    assert min(meetings_per_company.values()) <= 3 < 15 <= max(meetings_per_company.values())


def test_every_planted_pattern_is_in_the_public_record():
    population = build_population(seed=5, companies=SMALL)
    plant = {plant.pattern: plant.company_id for plant in population.plants}
    public = Meeting.objects.public(today=ASSESSED_ON)

    # Revolving door: two former officials, hired weeks after leaving, at the company's public meetings.
    company = plant[REVOLVING_DOOR]
    movers = Person.objects.filter(
        affiliations__organisation=company, is_public_official=True,
        affiliations__start_on__gte=ASSESSED_ON - datetime.timedelta(days=365),
    ).distinct()
    assert movers.count() == 2
    for person in movers:
        left = person.affiliations.get(city__isnull=False).end_on
        joined = person.affiliations.get(organisation=company).start_on
        assert datetime.timedelta(days=7) <= joined - left <= datetime.timedelta(days=60)
        assert public.filter(negotiation__company=company, attendees=person).exists()

    # Topic imbalance: the company on its topic, many times; unions and civil society once.
    company = plant[TOPIC_IMBALANCE]
    on_topic = public.filter(negotiation__company=company, topic__slug=PLANTED_TOPIC[0])
    voices = public.filter(
        topic__slug=PLANTED_TOPIC[0],
        organisations__kind__in=[OrganisationKind.TRADE_UNION, OrganisationKind.CIVIL_SOCIETY],
    )
    assert on_topic.count() >= 8
    assert voices.count() == 1

    # Late disclosure: published months after the meeting, and confidential with a late release date.
    company = plant[LATE_DISCLOSURE]
    meetings = list(public.filter(negotiation__company=company))
    late = [m for m in meetings if m.first_published_at - m.starts_at > datetime.timedelta(days=60)]
    released = [m for m in meetings if m.release_on and m.release_on - m.starts_at.date() > datetime.timedelta(100)]
    assert len(late) >= len(meetings) / 3
    assert released
    assert all(m.released_at is not None and m.confidentiality == Confidentiality.PUBLIC for m in released)

    # One official at nearly every meeting.
    company = plant[OFFICIAL_CONCENTRATION]
    meetings = public.filter(negotiation__company=company)
    top = (
        Person.objects.filter(meetings__in=meetings, is_public_official=True, membership__isnull=True)
        .annotate(n=Count("meetings", filter=Q(meetings__in=meetings)))
        .order_by("-n")
        .first()
    )
    assert top.n >= 0.8 * meetings.count()

    # Broken promises: most public commitments broken or moved, each move with a published reason.
    company = plant[COMMITMENT_RECORD]
    commitments = Commitment.objects.public(today=ASSESSED_ON).filter(negotiation__company=company)
    troubled = commitments.filter(Q(completion=CompletionLevel.BROKEN) | Q(slippage_count__gt=0))
    assert commitments.count() >= 5
    assert troubled.count() >= commitments.count() / 2
    moves = CommitmentUpdate.objects.public(today=ASSESSED_ON).filter(
        commitment__in=commitments, new_due_on__isnull=False
    )
    assert moves.exists() and not moves.filter(due_date_reason="").exists()


def test_records_are_released_by_a_second_person():
    build_population(seed=2, companies=SMALL)

    published = Meeting.objects.filter(review_state=ReviewState.PUBLISHED)
    assert published.exists()
    assert not published.filter(Q(published_by__isnull=True) | Q(published_by=F("logged_by"))).exists()
    assert not published.exclude(published_by__city_membership__role="council_staff").exists()
    announced = Negotiation.objects.filter(is_public=True)
    assert not announced.filter(announced_by=F("announcement_proposed_by")).exists()
    assert not Commitment.objects.filter(review_state=ReviewState.PUBLISHED, published_by=F("logged_by")).exists()
    # Records are dated as they happened, not when the population was written.
    assert not Commitment.objects.filter(created_at__gt=datetime.datetime(2026, 7, 1, tzinfo=datetime.UTC),
                                         review_state=ReviewState.PUBLISHED).exists()


# --- the run ------------------------------------------------------------------------------------------------------


def _rows() -> dict:
    models = (Organisation, City, Person, Affiliation, Negotiation, Meeting, Commitment, CommitmentUpdate,
              LobbyingDisclosure, RiskAssessment, RiskRun, RiskValidation, get_user_model())
    return {model.__name__: model.objects.count() for model in models}


def _command(*args, stderr: StringIO | None = None) -> str:
    out = StringIO()
    call_command("validate_risk", *args, stdout=out, stderr=stderr or StringIO())
    return out.getvalue()


def test_the_command_runs_in_a_rolled_back_transaction_and_leaves_no_rows_behind():
    before = _rows()
    err = StringIO()

    output = _command("--in-transaction", "--seeds", "1,2", "--companies", str(SMALL), stderr=err)

    assert _rows() == before
    progress = err.getvalue().splitlines()
    assert progress[0].startswith("validate_risk: seed 1: 1/2 ( 50%)")
    assert progress[-1].startswith("validate_risk: seed 2: 2/2 (100%)")
    assert "Precision at k: mean" in output
    for pattern in PLANTED_PATTERNS:
        assert pattern in output
    assert [line.split()[0] for line in output.splitlines() if line.strip()[:1].isdigit()][:2] == ["1", "2"]


def test_the_command_prints_json_and_saves_the_summary():
    output = _command("--in-transaction", "--seed", "4", "--seed", "6", "--companies", str(SMALL), "--json", "--save")

    report = json.loads(output)
    assert report["seeds"] == [4, 6]
    assert report["k"] == len(PLANTED_PATTERNS)
    assert set(report["patterns"]) == set(PLANTED_PATTERNS)
    assert len(report["per_seed"]) == 2
    saved = RiskValidation.objects.get()
    assert saved.seeds == [4, 6]
    assert saved.companies == SMALL
    assert saved.planted == len(PLANTED_PATTERNS)
    assert saved.precision_at_k == report["precision_at_k"]
    assert saved.mean_precision == report["mean_precision_at_k"]
    assert saved.min_precision == min(report["precision_at_k"].values())
    assert saved.named_share == report["named_share"]
    assert saved.parameters["min_peers"] == report["parameters"]["min_peers"]
    # Only the summary stays; the populations are gone.
    assert not Organisation.objects.exists() and not RiskAssessment.objects.exists()


def test_precision_and_ranks_are_read_from_the_engine_scores():
    report = validate(seeds=[11], companies=SMALL)

    (result,) = report.seeds
    planted = sum(row["planted"] for row in result.top[: result.k])
    assert result.precision_at_k == planted / result.k
    ranks = [plant.rank for plant in result.plants if plant.rank is not None]
    assert len(set(ranks)) == len(ranks)
    assert all(1 <= rank <= result.ranked for rank in ranks)
    assert all(plant.named <= plant.fired for plant in result.plants)
    assert [row["score"] for row in result.top] == sorted((row["score"] for row in result.top), reverse=True)


def test_assessments_without_enough_data_are_left_out_of_the_ranking():
    thin = SimpleNamespace(score=Decimal("50.00"), organisation_id=1, enough_data=False)
    unmarked = SimpleNamespace(score=Decimal("20.00"), organisation_id=2)  # an engine without the mark
    enough = SimpleNamespace(score=Decimal("30.00"), organisation_id=3, enough_data=True)
    tied = SimpleNamespace(score=Decimal("30.00"), organisation_id=4, enough_data=True)

    assert [a.organisation_id for a in rank_companies([thin, unmarked, tied, enough])] == [3, 4, 2]


def test_the_engine_ranks_and_names_every_planted_pattern():
    report = validate(seeds=[1, 2, 3])

    summary = report.summary()
    print(json.dumps({key: summary[key] for key in ("precision_at_k", "named_share", "patterns")}, indent=1))
    assert min(report.precisions) >= 0.8, summary["precision_at_k"]
    assert all(plant.named for result in report.seeds for plant in result.plants), summary["patterns"]


# --- bad input ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--seeds", "1,two"], "--seeds takes whole numbers"),
        (["--seeds", "1,-2"], "from 0 up"),
        (["--seed", "x"], "invalid int value"),
        (["--companies", "5"], "between 20 and 400"),
        (["--companies", "many"], "invalid int value"),
        (["--seeds", ",".join(str(n) for n in range(60))], "At most 50 seeds"),
        (["--bogus"], "unrecognized arguments"),
    ],
)
def test_bad_input_is_a_command_error(args, message):
    with pytest.raises(CommandError, match=message):
        _command("--in-transaction", *args)


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_by_default_the_command_runs_in_a_throwaway_database_and_drops_it():
    name = connection.settings_dict["NAME"]
    TechCompanyFactory(name="A real company")  # would be a peer in this database; not in the throwaway one

    output = _command("--seed", "1", "--companies", str(SMALL), "--save")

    assert "Precision at k: mean" in output
    assert connection.settings_dict["NAME"] == name
    assert list(Organisation.objects.values_list("name", flat=True)) == ["A real company"]
    assert RiskValidation.objects.get().seeds == [1]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # Only this database's throwaways: other runs on the same server make their own.
            cursor.execute("SELECT datname FROM pg_database WHERE datname LIKE %s", [f"{name[:30]}_riskvalidation_%"])
            assert cursor.fetchall() == []


def test_in_transaction_refuses_a_database_that_holds_organisations():
    TechCompanyFactory()

    with pytest.raises(CommandError, match="already holds organisations"):
        _command("--in-transaction", "--seed", "1", "--companies", str(SMALL))
    assert Organisation.objects.count() == 1


# --- the methodology page -----------------------------------------------------------------------------------------


def test_methodology_page_shows_the_latest_saved_validation(client):
    RiskValidationFactory(mean_precision=0.2, min_precision=0.1, named_share=0.5,
                          precision_at_k={"1": 0.1, "2": 0.3, "3": 0.2})
    RiskValidationFactory(mean_precision=0.73, min_precision=0.6, named_share=0.8667)

    body = client.get("/methodology/").content.decode()

    assert "How we test the score" in body
    assert "0.73 on average, 0.60 at the lowest" in body
    assert "named: 0.87" in body
    assert "0.20 on average" not in body
    assert 'id="validation-revolving_door"' in body
    section = body[body.index("how-we-test-the-score"):]
    assert section.index("Revolving door") < section.index("Commitment record")


def test_methodology_page_says_when_the_score_was_never_tested(client):
    body = client.get("/methodology/").content.decode()

    assert "How we test the score" in body
    assert "No test of the score has been recorded yet." in body


def test_a_saved_validation_changes_the_public_pages_version(client):
    first = client.get("/methodology/")
    RiskValidationFactory(ran_at=datetime.datetime(2030, 1, 1, tzinfo=datetime.UTC))

    second = client.get("/methodology/")

    assert first["ETag"] != second["ETag"]
    assert "0.80 on average" in second.content.decode()
