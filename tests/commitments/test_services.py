"""The commitment services: recording a commitment and logging progress, with due dates that move only with a reason."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ambassador.commitments import services
from ambassador.commitments.choices import Area, CompletionLevel, Principle
from ambassador.commitments.factories import CommitmentFactory
from ambassador.commitments.models import Commitment, CommitmentUpdate
from ambassador.negotiations.factories import MeetingFactory, NegotiationFactory
from ambassador.stakeholders.factories import CityFactory

pytestmark = pytest.mark.django_db

DUE = datetime.date(2026, 9, 30)
LATER = datetime.date(2026, 12, 31)


@pytest.fixture
def commitment(amsterdam):
    return CommitmentFactory(negotiation=NegotiationFactory(city=amsterdam), due_on=DUE)


# --- commitment_create ---------------------------------------------------------------------------------------------


def test_commitment_create_records_a_commitment_with_the_acting_user_in_history(amsterdam, envoy):
    negotiation = NegotiationFactory(city=amsterdam)

    commitment = services.commitment_create(
        negotiation=negotiation, user=envoy, area=Area.WORKERS_RIGHTS, principle=Principle.FAIR_PAY,
        text="Pay couriers the living wage.", due_on=DUE,
    )

    assert commitment.original_due_on == DUE
    assert commitment.history.latest().history_user == envoy


def test_commitment_created_complete_is_dated_today(amsterdam, envoy):
    commitment = services.commitment_create(
        negotiation=NegotiationFactory(city=amsterdam), user=envoy, area=Area.OTHER, principle=Principle.OTHER,
        text="Fund a study.", completion=CompletionLevel.COMPLETE, evidence="The study was published.",
    )

    assert commitment.completed_on is not None


def test_commitment_create_refuses_a_principle_from_another_area(amsterdam, envoy):
    with pytest.raises(ValidationError):
        services.commitment_create(
            negotiation=NegotiationFactory(city=amsterdam), user=envoy, area=Area.WORKERS_RIGHTS,
            principle=Principle.PRIVACY, text="Mismatched.",
        )


def test_commitment_create_refuses_a_source_meeting_from_another_negotiation(amsterdam, envoy):
    with pytest.raises(ValidationError):
        services.commitment_create(
            negotiation=NegotiationFactory(city=amsterdam), user=envoy,
            source_meeting=MeetingFactory(negotiation=NegotiationFactory(city=amsterdam)),
            area=Area.OTHER, principle=Principle.OTHER, text="Crossed wires.",
        )


def test_commitment_create_in_another_citys_negotiation_is_refused(envoy):
    with pytest.raises(PermissionDenied):
        services.commitment_create(
            negotiation=NegotiationFactory(city=CityFactory(name="Barcelona")), user=envoy,
            area=Area.OTHER, principle=Principle.OTHER, text="Not ours.",
        )
    assert not Commitment.objects.filter(text="Not ours.").exists()


# --- commitment_update_log -------------------------------------------------------------------------------------------


def test_moving_the_due_date_with_a_reason_counts_one_slip_and_records_both_dates(commitment, envoy):
    update = services.commitment_update_log(
        commitment=commitment, user=envoy, summary="Awaiting the DPIA.", new_due_on=LATER,
        due_date_reason="The data-protection impact assessment is not finished.",
    )

    commitment.refresh_from_db()
    assert (commitment.due_on, commitment.original_due_on, commitment.slippage_count) == (LATER, DUE, 1)
    assert (update.previous_due_on, update.new_due_on, update.logged_by) == (DUE, LATER, envoy)


def test_moving_the_due_date_without_a_reason_is_refused_and_changes_nothing(commitment, envoy):
    with pytest.raises(ValidationError):
        services.commitment_update_log(commitment=commitment, user=envoy, summary="Later.", new_due_on=LATER,
                                       due_date_reason="  ")

    commitment.refresh_from_db()
    assert (commitment.due_on, commitment.slippage_count) == (DUE, 0)
    assert not CommitmentUpdate.objects.exists()


def test_giving_the_same_due_date_is_not_a_slip(commitment, envoy):
    update = services.commitment_update_log(commitment=commitment, user=envoy, summary="On track.", new_due_on=DUE)

    commitment.refresh_from_db()
    assert commitment.slippage_count == 0
    assert update.new_due_on is None


def test_every_move_of_the_due_date_counts(commitment, envoy):
    for new_due_on in (LATER, LATER + datetime.timedelta(days=30)):
        services.commitment_update_log(commitment=commitment, user=envoy, summary="Later again.",
                                       new_due_on=new_due_on, due_date_reason="Supplier delay.")

    commitment.refresh_from_db()
    assert commitment.slippage_count == 2


def test_a_first_due_date_needs_a_reason_but_is_not_a_slip(amsterdam, envoy):
    commitment = CommitmentFactory(negotiation=NegotiationFactory(city=amsterdam), due_on=None)

    services.commitment_update_log(commitment=commitment, user=envoy, summary="Date agreed.", new_due_on=DUE,
                                   due_date_reason="Agreed at the follow-up meeting.")

    commitment.refresh_from_db()
    assert (commitment.due_on, commitment.original_due_on, commitment.slippage_count) == (DUE, DUE, 0)


def test_completing_a_commitment_dates_it_and_appends_the_evidence(commitment, envoy):
    commitment.evidence = "Draft specification received."
    commitment.save()

    services.commitment_update_log(
        commitment=commitment, user=envoy, summary="Feed is live.", completion=CompletionLevel.COMPLETE,
        evidence="The feed has delivered data daily for a month.", evidence_url="https://example.org/feed",
        reported_on=datetime.date(2026, 5, 2),
    )

    commitment.refresh_from_db()
    assert (commitment.completion, commitment.completed_on) == (CompletionLevel.COMPLETE, datetime.date(2026, 5, 2))
    assert commitment.evidence == "Draft specification received.\n\nThe feed has delivered data daily for a month."
    assert commitment.evidence_url == "https://example.org/feed"
    latest = commitment.history.latest()
    assert latest.history_user == envoy
    assert latest.history_change_reason.startswith("Progress update: Feed is live.")


def test_progress_on_another_citys_commitment_is_refused(envoy):
    foreign = CommitmentFactory(negotiation=NegotiationFactory(city=CityFactory(name="Barcelona")))

    with pytest.raises(PermissionDenied):
        services.commitment_update_log(commitment=foreign, user=envoy, summary="Not ours.")
    assert not CommitmentUpdate.objects.exists()


def test_completing_an_overdue_commitment_clears_its_flag_once_the_update_commits(
    commitment, envoy, django_capture_on_commit_callbacks
):
    from unittest import mock

    from ambassador.commitments import tasks
    from ambassador.commitments.factories import OverdueFlagFactory
    from ambassador.core import outbox
    from ambassador.core.models import QueuedJob

    Commitment.objects.filter(pk=commitment.pk).update(due_on=datetime.date(2025, 1, 1))
    flag = OverdueFlagFactory(commitment=commitment, due_on=datetime.date(2025, 1, 1))
    app = outbox.current_app
    published = []

    def run_now(name, kwargs, **options):
        published.append((name, kwargs))
        if name == tasks.flag_overdue_commitments.name:
            app.tasks[name].apply(kwargs=kwargs)

    with mock.patch.object(app, "send_task", side_effect=run_now):
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            services.commitment_update_log(
                commitment=commitment, user=envoy, summary="Delivered", completion=CompletionLevel.COMPLETE,
                evidence="Published at data.amsterdam.example",
            )
        flag.refresh_from_db()
        assert flag.cleared_at is None  # nothing is sent before the transaction commits
        (job,) = QueuedJob.objects.all()  # but the job is saved with it
        assert (job.task, job.kwargs, job.published_at) == (
            tasks.flag_overdue_commitments.name, {"commitment_ids": [commitment.pk]}, None
        )
        for callback in callbacks:
            callback()

    assert published[0] == (tasks.flag_overdue_commitments.name, {"commitment_ids": [commitment.pk]})
    job.refresh_from_db()
    assert job.published_at is not None
    flag.refresh_from_db()
    assert flag.cleared_at is not None


def test_progress_that_changes_no_date_or_level_queues_no_flag_run(
    commitment, envoy, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.commitment_update_log(commitment=commitment, user=envoy, summary="Met again", evidence="Minutes")

    assert callbacks == []
