"""``manage.py seed_scale``: a whole, valid, deterministic record at any size, and only where it belongs."""

import datetime
import hashlib
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from ambassador.commitments.choices import Area, CompletionLevel, FlagKind, Promiser
from ambassador.commitments.models import Commitment, CommitmentUpdate, OverdueFlag
from ambassador.core.actors import SYSTEM_USERNAME
from ambassador.core.choices import ReviewState
from ambassador.demo import scale
from ambassador.negotiations.choices import Confidentiality, NegotiationStage, WithholdingGround
from ambassador.negotiations.models import Meeting, Negotiation, Topic
from ambassador.stakeholders.choices import MembershipRole, OrganisationKind
from ambassador.stakeholders.models import (
    Affiliation,
    City,
    CityMembership,
    LobbyingDisclosure,
    Organisation,
    Person,
)

TODAY = datetime.date(2026, 6, 15)
COMMITMENTS = 600
SAMPLE = 40  # rows of each model put through full_clean()
MODELS = (
    City, Organisation, Person, Affiliation, LobbyingDisclosure, CityMembership, Topic, Negotiation, Meeting,
    Commitment, CommitmentUpdate, OverdueFlag,
)


def seed_scale(**options) -> str:
    out = StringIO()
    call_command("seed_scale", commitments=COMMITMENTS, today=TODAY, force=True, stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def record(db):
    return seed_scale()


def test_sizes_follow_the_issue_at_a_million_and_keep_minimums_when_tiny():
    sizes = scale.Sizes.for_commitments(1_000_000)
    assert (sizes.cities, sizes.organisations, sizes.people, sizes.negotiations, sizes.meetings) == (
        50, 5_000, 20_000, 50_000, 500_000
    )
    assert scale.Sizes.for_commitments(100_000).meetings == 50_000
    tiny = scale.Sizes.for_commitments(1)
    assert tiny.cities >= 6
    assert tiny.tech_companies >= 8
    assert tiny.people >= 20 * tiny.cities  # every city has officials to attend its meetings
    assert tiny.standalone_meetings >= 1


def test_refuses_a_database_not_named_for_measurements(db, monkeypatch):
    monkeypatch.setitem(connection.settings_dict, "NAME", "ambassador")
    with pytest.raises(CommandError, match="lacks 'perf' or 'scale'"):
        call_command("seed_scale", commitments=10, stdout=StringIO())
    assert not Commitment.objects.exists()


def test_refuses_sqlite_with_a_clear_error(db, monkeypatch):
    monkeypatch.setattr(connection, "vendor", "sqlite")
    with pytest.raises(CommandError, match="needs PostgreSQL"):
        call_command("seed_scale", commitments=10, force=True, stdout=StringIO())


def test_prints_a_line_per_stage_and_ends_with_analyze(record):
    for label, _, _ in scale.ScaleBuilder(sizes=scale.Sizes.for_commitments(10), seed=1, today=TODAY,
                                          stream=StringIO()).stages():
        assert label in record
    assert "checking keys and rules" in record
    assert "ANALYZE" in record
    assert "Done in" in record


def test_fills_every_table_it_builds(record):
    with connection.cursor() as cursor:
        for table in scale.FILLED_TABLES:
            cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608 - the module's own table names
            assert cursor.fetchone()[0] > 0, table
    assert Commitment.objects.count() == COMMITMENTS


def test_every_state_is_present(record):
    def values(queryset, field):
        return set(queryset.values_list(field, flat=True).distinct())

    assert values(Organisation.objects, "kind") == set(OrganisationKind.values)
    assert values(Negotiation.objects, "stage") == set(NegotiationStage.values)
    assert values(Negotiation.objects, "is_public") == {True, False}
    assert values(Meeting.objects, "confidentiality") == set(Confidentiality.values)
    assert values(Meeting.objects, "review_state") == set(ReviewState.values)
    assert values(Meeting.objects.exclude(withholding_ground=""), "withholding_ground") == set(WithholdingGround.values)
    assert values(Commitment.objects, "review_state") == set(ReviewState.values)
    assert values(Commitment.objects, "completion") == set(CompletionLevel.values)
    assert values(Commitment.objects, "area") == set(Area.values)
    assert values(Commitment.objects, "promiser") == set(Promiser.values)
    assert values(CommitmentUpdate.objects, "review_state") == set(ReviewState.values)
    assert values(OverdueFlag.objects, "kind") == set(FlagKind.values)
    assert values(CityMembership.objects, "role") == set(MembershipRole.values)


def test_the_record_has_the_cases_the_pages_and_jobs_must_handle(record):
    confidential = Meeting.objects.filter(confidentiality=Confidentiality.CONFIDENTIAL, review_state="published")
    assert confidential.filter(release_on__lte=TODAY).exists()
    assert confidential.filter(release_on__gt=TODAY).exists()
    assert Meeting.objects.filter(negotiation__isnull=True).exists()
    assert not Meeting.objects.filter(negotiation__isnull=True, organisations__isnull=True).exists()
    assert Meeting.objects.filter(attendees__isnull=False).exists()
    assert Commitment.objects.filter(source_meeting__isnull=False).exists()
    assert Commitment.objects.filter(source_meeting__isnull=True).exists()
    assert Commitment.objects.filter(due_on__lt=TODAY).exists()
    assert Commitment.objects.filter(due_on__gt=TODAY).exists()
    assert Commitment.objects.filter(due_on__isnull=True).exists()
    assert Commitment.objects.filter(slippage_count__gt=0).exists()
    assert CommitmentUpdate.objects.filter(new_due_on__isnull=False).exists()
    assert OverdueFlag.objects.filter(cleared_at__isnull=False).exists()
    assert OverdueFlag.objects.filter(cleared_at__isnull=True).exists()
    assert Person.objects.filter(is_public_official=True).exists()
    assert Person.objects.filter(is_public_figure=True).exists()
    assert Person.objects.filter(is_public_official=False, is_public_figure=False).exists()
    assert Affiliation.objects.filter(end_on__isnull=False).exists()
    # The revolving door: a person who left a city role and then joined a tech company.
    assert Affiliation.objects.filter(
        organisation__kind=OrganisationKind.TECH_COMPANY,
        person__affiliations__city__isnull=False, person__affiliations__end_on__isnull=False,
    ).exists()
    assert Organisation.objects.filter(parent__isnull=False).exists()
    assert Organisation.objects.filter(kind=OrganisationKind.TECH_COMPANY, registry_id="").exists()
    assert len(set(City.objects.values_list("time_zone", flat=True))) >= 5
    assert Commitment.objects.public().exists()
    assert Meeting.objects.withheld().exists()


def test_a_sample_of_every_model_passes_full_clean(record):
    for model in MODELS:
        rows = list(model.objects.order_by("pk")[:SAMPLE]) + list(model.objects.order_by("-pk")[:SAMPLE])
        assert rows, model
        for row in rows:
            row.full_clean()


def test_foreign_keys_hold(record):
    connection.check_constraints()  # the deferred keys, checked now rather than at a commit the test never makes


def test_a_broken_key_is_found_and_nothing_is_written(db, monkeypatch):
    flags = scale.ScaleBuilder.flags

    def flags_and_a_stray(self, low, high):
        flags(self, low, high)
        self.execute("INSERT INTO commitments_overdueflag (commitment_id, kind, due_on, raised_at) "
                     "VALUES (999999999, 'overdue', DATE '2026-01-01', now())")

    monkeypatch.setattr(scale.ScaleBuilder, "flags", flags_and_a_stray)
    stray = r"commitments_overdueflag\.commitment_id -> commitments_commitment\.id: 1 rows"
    with pytest.raises(CommandError, match=stray):
        seed_scale()
    assert not Commitment.objects.exists()


def test_the_migrations_topics_and_system_account_are_kept(record):
    from django.contrib.auth import get_user_model

    assert Topic.objects.filter(slug__in=["data-sharing", "workers-rights", "digital-inclusion"]).count() == 3
    system = get_user_model().objects.get(username=SYSTEM_USERNAME)
    assert not system.is_active
    assert not system.has_usable_password()


def _fingerprint() -> str:
    with connection.cursor() as cursor:
        cursor.execute("""
            SELECT md5(string_agg(concat_ws('|', id, negotiation_id, source_meeting_id, due_on, completion,
                                            review_state, published_at), ',' ORDER BY id))
            FROM commitments_commitment
        """)
        commitments = cursor.fetchone()[0]
        cursor.execute("""
            SELECT md5(string_agg(concat_ws('|', id, city_id, negotiation_id, starts_at, confidentiality,
                                            release_on, review_state), ',' ORDER BY id))
            FROM negotiations_meeting
        """)
        meetings = cursor.fetchone()[0]
    return hashlib.sha256(f"{commitments}{meetings}".encode()).hexdigest()


def test_the_same_seed_and_day_give_the_same_record_and_another_seed_another(db):
    seed_scale(seed=7)
    first = _fingerprint()
    seed_scale(seed=7)
    assert _fingerprint() == first
    seed_scale(seed=8)
    assert _fingerprint() != first


def test_public_pages_render_on_the_record(record, client):
    city = City.objects.order_by("pk").first()
    company = Organisation.objects.filter(negotiations__is_public=True).order_by("pk").first()
    negotiation = Negotiation.objects.public().order_by("pk").first()
    urls = [
        "/", f"/cities/{city.slug}/", f"/companies/{company.slug}/", f"/negotiations/{negotiation.slug}/",
        "/commitments/", "/commitments/?page=3", "/risk/", "/withheld/", "/data/", "/api/public/v1/commitments/",
        "/api/public/v1/meetings/",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url


def test_public_since_dates_agree_with_the_rules(record):
    out = StringIO()
    call_command("check_publicity", stdout=out)
    assert "disagrees with the rules: 0" in out.getvalue()
    # Some of each are public and some are not, so the agreement is not of empty sets.
    assert Meeting.objects.public().exists() and Meeting.objects.filter(public_from=None).exists()
    assert Commitment.objects.public().exists() and Commitment.objects.filter(public_from=None).exists()
