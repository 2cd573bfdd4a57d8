"""``manage.py seed_demo``: fictional, complete, valid, idempotent demo data and demo logins."""

import datetime
import os
import re
import statistics
import subprocess
import sys
from dataclasses import replace
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.utils import timezone

from ambassador.commitments.choices import Area, CompletionLevel, Promiser
from ambassador.commitments.models import Commitment, CommitmentUpdate
from ambassador.demo.data import LOGINS
from ambassador.negotiations.choices import CLOSED_STAGES, Confidentiality, NegotiationStage, ReviewState
from ambassador.negotiations.models import Meeting, Negotiation, Topic
from ambassador.stakeholders.choices import GROUP_FOR_ROLE, MembershipRole, OrganisationKind
from ambassador.stakeholders.models import (
    Affiliation,
    City,
    CityMembership,
    LobbyingDisclosure,
    Organisation,
    Person,
)

ROOT = Path(__file__).resolve().parents[2]
DOMAIN_APPS = ("stakeholders", "negotiations", "commitments")
CITY_SLUGS = ("amsterdam", "barcelona", "london", "hanoi", "da-nang", "new-york")

REAL_TECH_COMPANIES = (
    "Google", "Alphabet", "Uber", "Amazon", "Meta", "Facebook", "Microsoft", "Apple", "Deliveroo", "Glovo",
    "Airbnb", "Grab", "Bolt", "Lime", "Bird", "Tier", "Lyft", "DoorDash", "Alibaba", "Tencent", "Huawei",
    "Cisco", "IBM", "Oracle", "Palantir", "Siemens", "TikTok", "ByteDance", "Just Eat", "Takeaway",
    "Gorillas", "Getir", "Flink", "Wolt", "Foodpanda", "Gojek", "Be Group", "Xanh SM", "Viettel", "FPT",
    "Stratoscale", "Nimbus Data", "Gigwise", "Orbital Insight", "Here Technologies", "TomTom", "Sidewalk Labs",
    # Holiday rentals, home cleaning and care, street Wi-Fi and small cells, EV charging and battery swaps, and AI
    # for public services: the trades of the demo's other fictional companies.
    "Booking", "Booking.com", "Vrbo", "HomeAway", "Expedia", "Tripadvisor", "Holidu", "Sonder", "Helpling",
    "TaskRabbit", "Care.com", "Batmaid", "Vodafone", "BT", "Openreach", "Virgin Media", "CityFibre", "Telefonica",
    "Telefónica", "Ericsson", "Nokia", "JCDecaux", "Clear Channel", "VNPT", "MobiFone", "ChargePoint", "Ionity",
    "Allego", "EVgo", "Tesla", "VinFast", "V-Green", "Gogoro", "Selex", "OpenAI", "Anthropic", "Mistral",
    "Hikvision", "Dahua", "Clearview", "Zalo", "VNG",
)
# With these settings (production's), the demo should give every lobbying-risk indicator enough peers.
PRODUCTION_RISK_SETTINGS = {"AMBASSADOR_RISK_MIN_PEERS": 5, "AMBASSADOR_RISK_MIN_DATA_POINTS": 3}


def seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def row_counts() -> dict[str, int]:
    """Rows in every model of the domain apps (history and many-to-many tables included), users and groups."""
    User = get_user_model()
    models = [
        model for label in DOMAIN_APPS for model in apps.get_app_config(label).get_models(include_auto_created=True)
    ]
    models += [User, User.groups.through, Group]
    return {model._meta.label: model._default_manager.count() for model in models}


@pytest.fixture
def seeded(db):
    return seed()


def test_each_step_is_followed_on_stderr_and_the_summary_stays_on_stdout(db):
    out, err = StringIO(), StringIO()
    call_command("seed_demo", stdout=out, stderr=err)
    lines = err.getvalue().splitlines()
    assert lines[-1].startswith("seed_demo: history: 12/12 (100%)")
    assert any(line.startswith("seed_demo: meetings: ") for line in lines)
    assert len(lines) < 12  # a line each tenth of the work, not one per step
    assert "Demo data ready" in out.getvalue()
    assert "12/12" not in out.getvalue()
    quiet = StringIO()
    call_command("seed_demo", stdout=StringIO(), stderr=quiet, verbosity=0)
    assert quiet.getvalue() == ""


@pytest.mark.django_db
def test_second_run_leaves_every_row_count_unchanged_including_history():
    seed()
    first = row_counts()
    output = seed()
    assert row_counts() == first
    assert first["negotiations.HistoricalMeeting"] > 0
    assert set(re.findall(r"\((\d+) new\)", output)) == {"0"}


@pytest.mark.django_db
def test_second_run_does_not_save_existing_rows_again():
    seed()
    latest_history = {
        model._meta.label: model.history.order_by("-history_id").values_list("history_id", flat=True).first()
        for model in (City, Organisation, Person, Negotiation, Meeting, Commitment, CommitmentUpdate)
    }
    seed()
    assert {
        model._meta.label: model.history.order_by("-history_id").values_list("history_id", flat=True).first()
        for model in (City, Organisation, Person, Negotiation, Meeting, Commitment, CommitmentUpdate)
    } == latest_history


def test_every_new_row_has_one_creation_history_row_with_its_links(seeded):
    for model in (City, Organisation, Person, Negotiation, Meeting, Commitment, CommitmentUpdate):
        assert model.history.count() == model.objects.count(), model
        assert set(model.history.values_list("history_type", "history_change_reason")) == {
            ("+", "Demo data (seed_demo)")
        }, model
    for meeting in Meeting.objects.prefetch_related("attendees", "organisations"):
        (history,) = meeting.history.all()
        assert {row.person_id for row in history.attendees.all()} == {p.pk for p in meeting.attendees.all()}
        assert {row.organisation_id for row in history.organisations.all()} == {
            o.pk for o in meeting.organisations.all()
        }
    for negotiation in Negotiation.objects.all():
        (history,) = negotiation.history.all()
        assert {row.topic_id for row in history.topics.all()} == set(negotiation.topics.values_list("pk", flat=True))


@pytest.mark.django_db
def test_a_second_seed_demo_run_writes_nothing():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    seed()
    with CaptureQueriesContext(connection) as queries:
        seed()
    writes = [
        q["sql"] for q in queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
        # Re-adding a login to its group is a no-op by construction.
        and not q["sql"].rstrip().upper().endswith("ON CONFLICT DO NOTHING")
    ]
    assert writes == []


@pytest.mark.django_db
def test_refuses_without_demo_setting_and_writes_nothing(settings):
    settings.AMBASSADOR_DEMO_DATA = False
    before = row_counts()
    with pytest.raises(CommandError, match="AMBASSADOR_DEMO_DATA"):
        seed()
    assert row_counts() == before
    assert not City.objects.filter(slug__in=CITY_SLUGS).exists()


@pytest.mark.django_db
def test_invalid_demo_row_stops_the_run_and_rolls_back_everything(monkeypatch):
    from ambassador.demo import data as demo_data

    broken = replace(demo_data.CITIES[-1], time_zone="Asia/Da_Nang")  # not an IANA zone
    monkeypatch.setattr(demo_data, "CITIES", (*demo_data.CITIES[:-1], broken))
    before = row_counts()
    with pytest.raises(CommandError, match="wrote nothing.*time_zone"):
        seed()
    assert row_counts() == before


@pytest.mark.django_db
def test_missing_topics_stop_the_run_with_a_hint_to_migrate():
    Topic.objects.filter(slug="platform-work").delete()
    before = row_counts()
    with pytest.raises(CommandError, match="platform-work.*migrate"):
        seed()
    assert row_counts() == before


# The logins the demo promises: every city has an envoy, who logs meetings, and council staff, who publish them.
CITY_LOGINS = [
    (f"{prefix}-{city}", city, role)
    for city in CITY_SLUGS
    for prefix, role in (("envoy", MembershipRole.ENVOY), ("staff", MembershipRole.COUNCIL_STAFF))
]


def test_city_logins_authenticate_with_demo_password_in_their_group_and_city(seeded):
    for username, city, role in CITY_LOGINS:
        user = authenticate(username=username, password="demo")
        assert user is not None, username
        assert user.is_staff and not user.is_superuser, username
        assert list(user.groups.values_list("name", flat=True)) == [GROUP_FOR_ROLE[role]], username
        assert (user.city_membership.city.slug, user.city_membership.role) == (city, role), username


def test_admin_login_is_a_superuser_with_demo_password(seeded):
    user = authenticate(username="admin", password="demo")
    assert user is not None
    assert user.is_superuser and user.is_staff


def test_envoys_appear_in_public_as_public_officials(seeded):
    envoys = CityMembership.objects.filter(role=MembershipRole.ENVOY).select_related("person", "city")
    assert {membership.city.slug for membership in envoys} == set(CITY_SLUGS)
    for membership in envoys:
        assert membership.person is not None
        assert membership.person.is_public_official
        assert membership.person.affiliations.filter(city=membership.city).exists()


@pytest.mark.django_db
def test_rerun_keeps_the_password_of_an_existing_login():
    get_user_model().objects.create_user("envoy-amsterdam", password="chosen-by-me", is_staff=True)
    seed()
    assert authenticate(username="envoy-amsterdam", password="chosen-by-me") is not None
    assert authenticate(username="envoy-amsterdam", password="demo") is None


def test_output_lists_admin_url_logins_and_password(seeded):
    assert "http://127.0.0.1:8000/admin/" in seeded
    for spec in LOGINS:
        assert re.search(rf"^\s+{re.escape(spec.username)}\s+demo\s", seeded, re.MULTILINE)
    assert re.search(r"Meetings\s+\d+", seeded)


def test_cities_are_the_five_of_the_domain_and_new_york_west_of_utc(seeded):
    cities = {city.slug: city for city in City.objects.all()}
    assert set(cities) == set(CITY_SLUGS)
    assert (cities["amsterdam"].country, cities["amsterdam"].time_zone, cities["amsterdam"].languages) == (
        "NL", "Europe/Amsterdam", ["nl", "en"],
    )
    assert (cities["barcelona"].country, cities["barcelona"].time_zone, cities["barcelona"].languages) == (
        "ES", "Europe/Madrid", ["ca", "es", "en"],
    )
    assert (cities["london"].country, cities["london"].time_zone, cities["london"].languages) == (
        "GB", "Europe/London", ["en"],
    )
    for slug in ("hanoi", "da-nang"):
        assert (cities[slug].country, cities[slug].time_zone, cities[slug].languages) == (
            "VN", "Asia/Ho_Chi_Minh", ["vi", "en"],
        )
    assert (cities["new-york"].country, cities["new-york"].time_zone, cities["new-york"].languages) == (
        "US", "America/New_York", ["en"],
    )


def test_new_york_meetings_are_on_new_yorks_clock_and_its_embargo_ends_on_new_yorks_date(seeded):
    evening = Meeting.objects.get(subject="Retention of curb-use data")
    local = evening.starts_at.astimezone(evening.negotiation.city.zone)
    assert local.hour == 21
    assert evening.starts_at.astimezone(datetime.UTC).date() == local.date() + datetime.timedelta(days=1)
    embargoed = Meeting.objects.get(subject="Pricing of the curb-use data feed")
    assert embargoed.confidentiality == Confidentiality.CONFIDENTIAL
    assert embargoed in Meeting.objects.withheld()


def test_no_organisation_is_named_after_a_real_tech_company(seeded):
    names = list(Organisation.objects.values_list("name", flat=True))
    for name in names:
        for real in REAL_TECH_COMPANIES:
            assert name.casefold() != real.casefold()
            assert not re.search(rf"\b{re.escape(real)}\b", name, re.IGNORECASE), f"{name} contains {real}"


def test_tech_companies_are_fictional_and_several_negotiate_in_every_city(seeded):
    companies = Organisation.objects.tech_companies()
    assert companies.count() >= 9
    for company in companies:
        assert "Fictional" in company.description, company.name
        assert company.website.endswith(".example"), company.name
    for slug in CITY_SLUGS:
        announced = Negotiation.objects.filter(city__slug=slug, is_public=True)
        assert announced.values("company").distinct().count() >= 3, slug


def test_every_kind_of_party_is_present_and_one_company_owns_another(seeded):
    kinds = set(Organisation.objects.values_list("kind", flat=True))
    assert kinds >= {
        OrganisationKind.TECH_COMPANY, OrganisationKind.TRADE_UNION, OrganisationKind.CIVIL_SOCIETY,
        OrganisationKind.BUSINESS_ASSOCIATION, OrganisationKind.ACADEMIC,
    }
    assert Organisation.objects.tech_companies().filter(parent__kind=OrganisationKind.TECH_COMPANY).exists()


def test_negotiations_cover_every_stage_and_closed_ones_have_a_closed_date(seeded):
    assert set(Negotiation.objects.values_list("stage", flat=True)) == set(NegotiationStage.values)
    assert not Negotiation.objects.filter(stage__in=CLOSED_STAGES, closed_on__isnull=True).exists()
    assert Negotiation.objects.filter(is_public=False).exists()
    assert Negotiation.objects.filter(is_public=True).count() > Negotiation.objects.filter(is_public=False).count()
    assert set(Negotiation.objects.values_list("city__slug", flat=True)) == set(CITY_SLUGS)
    for negotiation in Negotiation.objects.select_related("lead_envoy__city_membership"):
        assert negotiation.topics.exists()
        assert negotiation.lead_envoy.city_membership.city_id == negotiation.city_id
        assert negotiation.lead_envoy.city_membership.role == MembershipRole.ENVOY


def test_meetings_cover_every_confidentiality_and_review_state(seeded):
    today = timezone.localdate()
    assert set(Meeting.objects.values_list("confidentiality", flat=True)) == set(Confidentiality.values)
    assert set(Meeting.objects.values_list("review_state", flat=True)) == set(ReviewState.values)
    confidential = Meeting.objects.filter(confidentiality=Confidentiality.CONFIDENTIAL)
    assert confidential.filter(release_on__lt=today).exists()
    assert confidential.filter(release_on__gt=today).exists()
    assert not Meeting.objects.exclude(confidentiality=Confidentiality.PUBLIC).filter(withholding_ground="").exists()
    assert Meeting.objects.public().exists()
    assert Meeting.objects.withheld().exists()


def test_published_meetings_are_published_by_council_staff_of_their_city_after_the_meeting(seeded):
    now = timezone.now()
    published = Meeting.objects.filter(review_state=ReviewState.PUBLISHED).select_related(
        "logged_by__city_membership", "published_by__city_membership"
    )
    assert published.exists()
    for meeting in published:
        assert meeting.published_by != meeting.logged_by
        assert meeting.published_by.city_membership.role == MembershipRole.COUNCIL_STAFF
        assert meeting.published_by.city_membership.city_id == meeting.city_id
        assert meeting.starts_at < meeting.submitted_at <= meeting.published_at < now
    for meeting in Meeting.objects.select_related("negotiation", "logged_by__city_membership"):
        assert meeting.logged_by.city_membership.role == MembershipRole.ENVOY
        assert meeting.logged_by.city_membership.city_id == meeting.city_id
        assert meeting.attendees.exists()
        if meeting.negotiation is not None:
            assert meeting.organisations.filter(pk=meeting.negotiation.company_id).exists()
        else:
            # Outside a negotiation the city meets unions, civil society or academics, never a company.
            assert meeting.organisations.exists()
            assert not meeting.organisations.filter(kind=OrganisationKind.TECH_COMPANY).exists()
    amsterdam = published.filter(negotiation__city__slug="amsterdam")
    assert set(amsterdam.values_list("logged_by__username", "published_by__username")) == {
        ("envoy-amsterdam", "staff-amsterdam"),
    }
    assert not Meeting.objects.filter(review_state=ReviewState.DRAFT, submitted_at__isnull=False).exists()


def test_some_meetings_have_vague_minutes_and_some_hear_unions_and_civil_society(seeded):
    vague = [meeting for meeting in Meeting.objects.all() if meeting.vague_minutes_reasons]
    assert any(meeting.minutes_main_points == "General discussion." for meeting in vague)
    assert any(meeting.review_state == ReviewState.PUBLISHED for meeting in vague)
    assert Meeting.objects.filter(organisations__kind=OrganisationKind.TRADE_UNION).exists()
    assert Meeting.objects.filter(organisations__kind=OrganisationKind.CIVIL_SOCIETY).exists()


def test_some_public_meetings_are_held_with_unions_outside_any_negotiation(seeded):
    standalone = Meeting.objects.public().filter(negotiation__isnull=True)

    assert standalone.filter(organisations__kind=OrganisationKind.TRADE_UNION).exists()
    assert standalone.values("city").distinct().count() >= 2
    assert not standalone.filter(topic__isnull=True).exists()


def test_commitments_cover_every_completion_level_both_areas_and_both_promisers(seeded):
    assert set(Commitment.objects.values_list("completion", flat=True)) == set(CompletionLevel.values)
    assert set(Commitment.objects.values_list("area", flat=True)) >= {Area.DATA_GOVERNANCE, Area.WORKERS_RIGHTS}
    assert set(Commitment.objects.values_list("promiser", flat=True)) == set(Promiser.values)
    assert not Commitment.objects.filter(completion=CompletionLevel.COMPLETE, completed_on__isnull=True).exists()
    for commitment in Commitment.objects.exclude(source_meeting=None).select_related("source_meeting"):
        assert commitment.source_meeting.negotiation_id == commitment.negotiation_id


def test_some_commitments_are_overdue_and_some_due_soon(seeded):
    assert Commitment.objects.overdue().exists()
    assert Commitment.objects.due_soon(within_days=14).exists()
    assert CommitmentUpdate.objects.exclude(evidence="").exists()
    assert CommitmentUpdate.objects.exclude(evidence_url="").exists()


def test_slipped_commitments_keep_their_original_due_date_and_count_each_recorded_move(seeded):
    slipped = Commitment.objects.slipped()
    assert slipped.exists()
    assert slipped.filter(slippage_count__gt=1).exists()
    assert slipped.overdue().exists()
    for commitment in Commitment.objects.all():
        moves = list(commitment.updates.filter(new_due_on__isnull=False).order_by("reported_on"))
        assert commitment.slippage_count == len(moves)
        if not moves:
            assert commitment.original_due_on == commitment.due_on
            continue
        assert commitment.original_due_on == moves[0].previous_due_on
        assert commitment.due_on == moves[-1].new_due_on
        for earlier, later in zip(moves, moves[1:], strict=False):
            assert earlier.new_due_on == later.previous_due_on
        assert all(move.due_date_reason and move.moves_due_date for move in moves)


def test_an_official_joined_a_company_within_a_year_of_leaving_the_city(seeded):
    cooling_off = datetime.timedelta(days=365)
    revolving = [
        (left, joined)
        for left in Affiliation.objects.filter(city__isnull=False, end_on__isnull=False)
        for joined in Affiliation.objects.filter(
            person=left.person_id,
            organisation__kind=OrganisationKind.TECH_COMPANY,
            start_on__gte=left.end_on,
            start_on__lte=left.end_on + cooling_off,
        )
    ]
    assert revolving
    left, joined = revolving[0]
    assert Meeting.objects.filter(attendees=left.person, negotiation__company=joined.organisation).exists()


def test_people_include_officials_public_figures_and_private_individuals(seeded):
    assert Person.objects.filter(is_public_official=True).exists()
    assert Person.objects.filter(is_public_figure=True, is_public_official=False).exists()
    private = Person.objects.filter(is_public_official=False, is_public_figure=False)
    assert private.filter(affiliations__organisation__kind=OrganisationKind.TECH_COMPANY).exists()
    assert Meeting.objects.filter(attendees__in=private).exists()


def test_lobbying_disclosures_show_a_missing_registry_id_and_an_unusually_high_spender(seeded):
    companies = Organisation.objects.tech_companies()
    assert companies.filter(registry_id="").exists()
    registered = companies.exclude(registry_id="")
    for company in registered:
        assert company.lobbying_disclosures.count() >= 2
    spends = [
        float(spend)
        for spend in LobbyingDisclosure.objects.filter(currency="EUR", declared_spend__isnull=False).values_list(
            "declared_spend", flat=True
        )
    ]
    q1, _, q3 = statistics.quantiles(spends, n=4)
    fence = q3 + 1.5 * (q3 - q1)
    assert any(spend > fence for spend in spends)


def test_every_seeded_row_passes_full_clean(seeded):
    for model in (
        City, Organisation, Person, Affiliation, LobbyingDisclosure, CityMembership,
        Negotiation, Meeting, Commitment, CommitmentUpdate,
    ):
        rows = list(model._default_manager.all())
        assert rows, model
        for row in rows:
            row.full_clean()


def test_lobbying_risk_computes_every_indicator_for_most_companies_and_fires_for_a_minority(seeded, settings):
    from ambassador.risk import scoring as risk
    from ambassador.risk.services import compute_lobbying_risk

    for name, value in PRODUCTION_RISK_SETTINGS.items():
        setattr(settings, name, value)
    run = compute_lobbying_risk()
    assert run is not None
    companies = run.coverage["companies"]
    indicators = run.coverage["indicators"]
    assert companies == Negotiation.objects.filter(is_public=True).values("company").distinct().count()
    assert set(indicators) == set(risk.INDICATORS)
    for key, counts in indicators.items():
        assert counts["computed"] >= 6, (key, counts)
        assert counts["fired"] <= companies / 4, (key, counts)
    assert run.warnings == []
    # Signals, not noise: most indicators fire for someone, so the demo shows what each one looks like.
    assert sum(1 for counts in indicators.values() if counts["fired"]) >= 6


@pytest.mark.slow
def test_migrate_and_seed_demo_work_on_sqlite_with_local_settings(tmp_path):
    base = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "CELERY_"))}
    base.pop("REDIS_URL", None)
    env = {
        **base,
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "CELERY_BROKER_URL": "memory://",
    }

    def manage(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(  # noqa: S603 - fixed arguments
            [sys.executable, "manage.py", *args], cwd=ROOT, env=env,
            capture_output=True, text=True, timeout=120, check=False,
        )

    migrated = manage("migrate", "--no-input")
    assert migrated.returncode == 0, migrated.stdout + migrated.stderr

    first = manage("seed_demo")
    assert first.returncode == 0, first.stdout + first.stderr
    assert "http://127.0.0.1:8000/admin/" in first.stdout
    for spec in LOGINS:
        assert re.search(rf"^\s+{re.escape(spec.username)}\s+demo\s", first.stdout, re.MULTILINE)

    second = manage("seed_demo")
    assert second.returncode == 0, second.stdout + second.stderr
    assert set(re.findall(r"\((\d+) new\)", second.stdout)) == {"0"}

    # ``make seed`` then flags the overdue commitments, with the engine production runs; a second
    # run finds nothing to change.
    flagged = manage("flag_overdue", "--no-email")
    assert flagged.returncode == 0, flagged.stdout + flagged.stderr
    assert not re.search(r"raised 0 overdue and 0 due-soon flags", flagged.stdout), flagged.stdout
    again = manage("flag_overdue", "--no-email")
    assert again.returncode == 0, again.stdout + again.stderr
    assert "raised 0 overdue and 0 due-soon flags, re-raised 0, cleared 0" in again.stdout, again.stdout
