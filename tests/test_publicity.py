"""``public_from`` agrees with the publication rules, row for row, whatever changes them.

The public site reads one indexed column (``Meeting.public_from``, ``Commitment.public_from``); the
rules (``public_by_rules``) read the review state, the negotiation's announcement, the
confidentiality and the release date on the city's clock. These tests change every input of the
rules through the services and jobs that change them, and after each step compare the two, at
instants around every release date, for meetings, withheld meetings, commitments, progress
updates and flags.
"""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ambassador.commitments.factories import CommitmentFactory, CommitmentUpdateFactory, OverdueFlagFactory
from ambassador.commitments.models import Commitment, CommitmentUpdate, OverdueFlag
from ambassador.commitments.publicity import refresh_everything
from ambassador.commitments.services import commitment_publish, commitment_return_to_draft, commitment_submit
from ambassador.negotiations import services as negotiation_services
from ambassador.negotiations.factories import MeetingFactory, NegotiationFactory
from ambassador.negotiations.models import Meeting
from ambassador.negotiations.publicity import ALWAYS
from ambassador.negotiations.releases import release_embargoed_meetings
from ambassador.stakeholders.factories import CouncilStaffUserFactory, EnvoyUserFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()
DAY = datetime.timedelta(days=1)


def ids(queryset) -> set[int]:
    return set(queryset.values_list("pk", flat=True))


def instants() -> list[datetime.datetime]:
    """Now, and a second either side of every local midnight on which a stored release date falls."""
    now = datetime.datetime.now(datetime.UTC)
    points = {now, now + 400 * DAY, now - 400 * DAY}
    for public_from in Meeting.objects.exclude(public_from=ALWAYS).exclude(public_from=None).values_list(
        "public_from", flat=True
    ).distinct():
        points |= {public_from - datetime.timedelta(seconds=1), public_from}
    return sorted(points)


def assert_column_agrees_with_rules():
    for now in instants():
        assert ids(Meeting.objects.public(now=now)) == ids(Meeting.objects.public_by_rules(now=now)), now
        assert ids(Meeting.objects.withheld(now=now)) == ids(Meeting.objects.withheld_by_rules(now=now)), now
        assert ids(Commitment.objects.public(now=now)) == ids(Commitment.objects.public_by_rules(now=now)), now
        by_rules = CommitmentUpdate.objects.filter(
            review_state="published", commitment__in=Commitment.objects.public_by_rules(now=now)
        )
        assert ids(CommitmentUpdate.objects.public(now=now)) == ids(by_rules), now
        flags = OverdueFlag.objects.filter(kind="overdue", commitment__in=Commitment.objects.public_by_rules(now=now))
        assert ids(OverdueFlag.objects.public(now=now)) == ids(flags), now
    call_command("check_publicity", stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.fixture
def world(amsterdam, new_york, hanoi):
    """Records in three time zones, in every state the rules distinguish."""
    records = {}
    for city in (amsterdam, new_york, hanoi):
        announced = NegotiationFactory(city=city)
        unannounced = NegotiationFactory(city=city, unannounced=True)
        for negotiation in (announced, unannounced):
            meetings = [
                MeetingFactory(negotiation=negotiation, published=True),
                MeetingFactory(negotiation=negotiation, published=True, confidential=True, release_on=TODAY + DAY),
            ]
            if negotiation.is_public:
                meetings += [
                    MeetingFactory(negotiation=negotiation, published=True, restricted=True),
                    MeetingFactory(negotiation=negotiation, submitted=True),
                    MeetingFactory(negotiation=negotiation, published=True, confidential=True, release_on=TODAY),
                    MeetingFactory(negotiation=negotiation, published=True, confidential=True, release_on=TODAY - DAY),
                    MeetingFactory(negotiation=negotiation, confidential=True, release_on=TODAY - DAY),
                ]
            for meeting in meetings:
                commitment = CommitmentFactory(negotiation=negotiation, source_meeting=meeting)
                CommitmentUpdateFactory(commitment=commitment)
                OverdueFlagFactory(commitment=commitment)
            CommitmentFactory(negotiation=negotiation, without_meeting=True)
            CommitmentFactory(negotiation=negotiation, without_meeting=True, draft=True)
            records[(city.name, negotiation.is_public)] = (negotiation, meetings)
        MeetingFactory(standalone=True, city=city, published=True, confidential=True, release_on=TODAY + DAY)
    return records


def test_the_column_agrees_with_the_rules_for_records_in_every_state(world):
    # Something in each group is public and something is not: the comparison is not of empty sets.
    assert Meeting.objects.public().exists() and Meeting.objects.exclude(public_from__lte=ALWAYS).exists()
    assert Commitment.objects.public().exists() and Commitment.objects.filter(public_from=None).exists()
    assert Meeting.objects.withheld().exists()
    assert_column_agrees_with_rules()


def test_announcing_and_withdrawing_a_negotiation_moves_its_records(world, amsterdam):
    negotiation, meetings = world[("Amsterdam", False)]
    envoy = negotiation.lead_envoy
    staff = CouncilStaffUserFactory(city=amsterdam)
    before = ids(Commitment.objects.public())
    negotiation_services.negotiation_propose_announcement(negotiation=negotiation, user=envoy)
    negotiation_services.negotiation_announce(negotiation=negotiation, user=staff)
    assert ids(Commitment.objects.public()) > before
    assert_column_agrees_with_rules()
    negotiation.refresh_from_db()
    negotiation_services.negotiation_withdraw_announcement(
        negotiation=negotiation, user=staff, reason="Announced early"
    )
    assert ids(Commitment.objects.public()) == before
    assert_column_agrees_with_rules()


def test_publishing_and_withdrawing_meetings_and_commitments(world, amsterdam):
    negotiation, meetings = world[("Amsterdam", True)]
    staff = CouncilStaffUserFactory(city=amsterdam)
    submitted = meetings[3]
    assert submitted.review_state == "submitted"
    negotiation_services.meeting_publish(meeting=submitted, user=staff)
    assert Meeting.objects.public().filter(pk=submitted.pk).exists()
    assert_column_agrees_with_rules()
    negotiation_services.meeting_return_to_draft(meeting=meetings[0], user=staff, reason="Wrong minutes")
    assert not Meeting.objects.public().filter(pk=meetings[0].pk).exists()
    assert_column_agrees_with_rules()
    commitment = Commitment.objects.filter(negotiation=negotiation, source_meeting=None, review_state="draft").get()
    commitment_submit(commitment=commitment, user=negotiation.lead_envoy)
    commitment_publish(commitment=commitment, user=staff)
    assert Commitment.objects.public().filter(pk=commitment.pk).exists()
    assert_column_agrees_with_rules()
    commitment_return_to_draft(commitment=commitment, user=staff, reason="Not agreed")
    assert not Commitment.objects.public().filter(pk=commitment.pk).exists()
    assert_column_agrees_with_rules()


def test_editing_confidentiality_and_release_dates(world, amsterdam):
    negotiation, meetings = world[("Amsterdam", True)]
    embargoed = meetings[1]
    embargoed.release_on = TODAY + 30 * DAY
    embargoed.save()
    assert Meeting.objects.withheld().filter(pk=embargoed.pk).exists()
    assert_column_agrees_with_rules()
    public = meetings[0]
    public.confidentiality, public.withholding_ground, public.release_on = "confidential", "commercial", TODAY + 5 * DAY
    public.save(update_fields=["confidentiality", "withholding_ground", "release_on"])
    assert not Meeting.objects.public().filter(pk=public.pk).exists()
    assert not Commitment.objects.public().filter(source_meeting=public).exists()
    assert_column_agrees_with_rules()


def test_a_city_that_changes_time_zone_moves_its_embargoes(world, amsterdam):
    confidential = Meeting.objects.filter(city=amsterdam, confidentiality="confidential")
    before = dict(confidential.values_list("pk", "public_from"))
    amsterdam.time_zone = "Pacific/Auckland"
    amsterdam.save()
    after = dict(confidential.values_list("pk", "public_from"))
    assert any(before[pk] != after[pk] for pk in before if before[pk] is not None)
    assert_column_agrees_with_rules()


def test_the_release_job_keeps_the_column(world):
    released = release_embargoed_meetings()
    assert released
    assert_column_agrees_with_rules()


def test_moving_a_meeting_to_an_unannounced_negotiation(world, amsterdam):
    (_, meetings), (unannounced, _) = world[("Amsterdam", True)], world[("Amsterdam", False)]
    meeting = meetings[0]
    Commitment.objects.filter(source_meeting=meeting).update(negotiation=unannounced)  # kept consistent below
    meeting.negotiation = unannounced
    meeting.save()
    assert not Meeting.objects.public().filter(pk=meeting.pk).exists()
    assert_column_agrees_with_rules()


def test_public_reads_use_the_column_not_a_subquery_over_the_public_set(world):
    with CaptureQueriesContext(connection) as queries:
        list(Commitment.objects.public())
        list(CommitmentUpdate.objects.public())
        list(OverdueFlag.objects.public())
        list(Meeting.objects.public())
    for query in queries.captured_queries:
        assert "public_from" in query["sql"]
        assert "negotiations_meeting" not in query["sql"] or query["sql"].count("SELECT") == 1


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_the_public_commitments_plan_reads_no_meeting_table(world):
    with connection.cursor() as cursor:
        sql, params = Commitment.objects.public().query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "negotiations_meeting" not in plan
    assert "SubPlan" not in plan


def test_check_publicity_finds_and_repairs_a_row_that_disagrees(world):
    meeting = Meeting.objects.public().filter(commitments__isnull=False).first()
    Meeting.objects.filter(pk=meeting.pk).update(public_from=None)
    with pytest.raises(CommandError, match="disagrees"):
        call_command("check_publicity", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("check_publicity", "--repair", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Meeting.objects.public().filter(pk=meeting.pk).exists()


def test_refresh_everything_rebuilds_bulk_loaded_rows(world):
    Meeting.objects.update(public_from=None)
    Commitment.objects.update(public_from=None)
    refresh_everything()
    assert_column_agrees_with_rules()


def test_a_new_envoy_record_is_never_public_until_published(amsterdam):
    envoy = EnvoyUserFactory(city=amsterdam)
    negotiation = NegotiationFactory(city=amsterdam, lead_envoy=envoy)
    meeting = negotiation_services.meeting_create(
        user=envoy, negotiation=negotiation, subject="Data sharing terms",
        starts_at=datetime.datetime(2026, 3, 2, 10, tzinfo=datetime.UTC),
    )
    assert meeting.public_from is None
    assert not Meeting.objects.public().filter(pk=meeting.pk).exists()


def test_editing_a_negotiations_title_leaves_its_meetings_alone(world):
    negotiation, _ = world[("Amsterdam", True)]
    negotiation = type(negotiation).objects.get(pk=negotiation.pk)
    negotiation.title = "Data sharing, renamed"
    with CaptureQueriesContext(connection) as queries:
        negotiation.save()
    assert not [q for q in queries.captured_queries if 'UPDATE "negotiations_meeting"' in q["sql"]]
    negotiation.is_public = False
    with CaptureQueriesContext(connection) as queries:
        negotiation.save(update_fields=["is_public"])
    assert [q for q in queries.captured_queries if 'UPDATE "negotiations_meeting"' in q["sql"]]
    assert_column_agrees_with_rules()


def test_a_list_of_meetings_read_with_deferred_fields_costs_no_query_per_row(world):
    with CaptureQueriesContext(connection) as queries:
        list(Meeting.objects.only("id", "subject"))
        list(type(world[("Amsterdam", True)][0]).objects.only("id", "title"))
    assert len(queries.captured_queries) == 2
