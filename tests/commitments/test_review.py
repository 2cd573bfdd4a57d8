"""Every commitment and every piece of progress is public only once a second person has released it."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ambassador.commitments import services
from ambassador.commitments.choices import Area, CompletionLevel, Principle
from ambassador.commitments.factories import CommitmentFactory
from ambassador.commitments.models import COMPLETION_NEEDS_EVIDENCE, Commitment, CommitmentUpdate
from ambassador.negotiations import services as negotiation_services
from ambassador.negotiations.choices import ReviewState
from ambassador.negotiations.factories import MeetingFactory
from ambassador.stakeholders.factories import CouncilStaffUserFactory, EnvoyUserFactory

pytestmark = pytest.mark.django_db

DUE = datetime.date(2026, 6, 30)


def loose_commitment(negotiation, envoy):
    return services.commitment_create(
        negotiation=negotiation, user=envoy, area=Area.DATA_GOVERNANCE, principle=Principle.PRIVACY,
        text="Keep resident data inside the EU.", due_on=DUE,
    )


def release(commitment, *, envoy, staff):
    services.commitment_submit(commitment=commitment, user=envoy)
    return services.commitment_publish(commitment=commitment, user=staff)


def is_public(commitment) -> bool:
    return Commitment.objects.public().filter(pk=commitment.pk).exists()


def test_a_commitment_without_a_meeting_is_not_public_until_a_second_person_publishes_it(negotiation, envoy, staff):
    commitment = loose_commitment(negotiation, envoy)
    assert not is_public(commitment)

    services.commitment_submit(commitment=commitment, user=envoy)
    assert not is_public(commitment)
    with pytest.raises(PermissionDenied):
        services.commitment_publish(commitment=commitment, user=envoy)
    with pytest.raises(PermissionDenied):
        services.commitment_publish(commitment=commitment, user=EnvoyUserFactory(city=negotiation.city))

    services.commitment_publish(commitment=commitment, user=staff)
    commitment.refresh_from_db()
    assert is_public(commitment)
    assert (commitment.published_by, commitment.review_state) == (staff, ReviewState.PUBLISHED)
    assert commitment.first_published_at == commitment.published_at
    assert commitment.history.latest().history_user == staff


def test_council_staff_do_not_publish_a_commitment_they_logged(negotiation, staff):
    commitment = loose_commitment(negotiation, staff)
    services.commitment_submit(commitment=commitment, user=staff)

    with pytest.raises(PermissionDenied, match="someone other than the person who logged it"):
        services.commitment_publish(commitment=commitment, user=staff)
    services.commitment_publish(commitment=commitment, user=CouncilStaffUserFactory(city=negotiation.city))


def test_returning_a_commitment_to_draft_needs_a_reason_and_keeps_its_first_publication(negotiation, envoy, staff):
    commitment = release(loose_commitment(negotiation, envoy), envoy=envoy, staff=staff)
    first = commitment.first_published_at

    with pytest.raises(ValidationError) as excinfo:
        services.commitment_return_to_draft(commitment=commitment, user=staff, reason=" ")
    assert "reason" in excinfo.value.message_dict
    with pytest.raises(PermissionDenied):
        services.commitment_return_to_draft(commitment=commitment, user=envoy, reason="Wrong date.")

    services.commitment_return_to_draft(commitment=commitment, user=staff, reason="Wrong date.")
    commitment.refresh_from_db()
    assert not is_public(commitment)
    assert commitment.first_published_at == first
    assert "Wrong date." in commitment.history.latest().history_change_reason


def test_an_envoy_edits_a_published_commitment_only_as_a_revision_with_a_reason_and_cannot_delete_it(
    negotiation, envoy, staff
):
    commitment = release(loose_commitment(negotiation, envoy), envoy=envoy, staff=staff)

    with pytest.raises(ValidationError, match="Say why the published record changes"):
        services.commitment_edit(commitment=commitment, user=envoy, text="Keep some data inside the EU.")
    with pytest.raises(PermissionDenied, match="return it to draft"):
        services.commitment_delete(commitment=commitment, user=envoy)
    commitment.refresh_from_db()
    assert commitment.text == "Keep resident data inside the EU."


def test_a_draft_commitment_is_edited(negotiation, envoy):
    commitment = loose_commitment(negotiation, envoy)
    services.commitment_edit(commitment=commitment, user=envoy, text="Keep all resident data inside the EU.")
    commitment.refresh_from_db()
    assert commitment.text == "Keep all resident data inside the EU."


def test_progress_on_a_published_commitment_changes_nothing_public_until_it_is_released(negotiation, envoy, staff):
    commitment = release(loose_commitment(negotiation, envoy), envoy=envoy, staff=staff)

    update = services.commitment_update_log(
        commitment=commitment, user=envoy, summary="The company needs more time.",
        new_due_on=datetime.date(2026, 12, 31), due_date_reason="The impact assessment is late.",
    )
    done = services.commitment_update_log(
        commitment=commitment, user=envoy, summary="Delivered.", completion=CompletionLevel.COMPLETE,
        evidence="The city received the feed.",
    )

    public = Commitment.objects.public().get(pk=commitment.pk)
    assert (public.due_on, public.slippage_count, public.completion, public.evidence) == (
        DUE, 0, CompletionLevel.NOT_STARTED, ""
    )
    assert not CommitmentUpdate.objects.public().exists()

    services.commitment_update_submit(update=update, user=envoy)
    with pytest.raises(PermissionDenied):
        services.commitment_update_publish(update=update, user=envoy)
    services.commitment_update_publish(update=update, user=staff)

    public = Commitment.objects.public().get(pk=commitment.pk)
    assert (public.due_on, public.original_due_on, public.slippage_count) == (datetime.date(2026, 12, 31), DUE, 1)
    assert public.completion == CompletionLevel.NOT_STARTED
    assert list(CommitmentUpdate.objects.public()) == [update]
    assert public.history.latest().history_user == staff
    assert CommitmentUpdate.objects.get(pk=done.pk).applied_at is None


def test_progress_on_a_draft_commitment_applies_at_once_and_is_published_with_it(negotiation, envoy, staff):
    commitment = loose_commitment(negotiation, envoy)
    update = services.commitment_update_log(
        commitment=commitment, user=envoy, summary="Started.", completion=CompletionLevel.LIMITED,
    )
    commitment.refresh_from_db()
    assert commitment.completion == CompletionLevel.LIMITED

    release(commitment, envoy=envoy, staff=staff)

    update.refresh_from_db()
    assert (update.review_state, update.published_by) == (ReviewState.PUBLISHED, staff)
    assert list(CommitmentUpdate.objects.public()) == [update]


def test_completion_needs_evidence_in_the_service(negotiation, envoy):
    commitment = loose_commitment(negotiation, envoy)

    with pytest.raises(ValidationError) as excinfo:
        services.commitment_update_log(
            commitment=commitment, user=envoy, summary="Done.", completion=CompletionLevel.COMPLETE
        )

    assert excinfo.value.message_dict == {"evidence": [str(COMPLETION_NEEDS_EVIDENCE)]}
    assert not CommitmentUpdate.objects.exists()


def test_published_progress_is_not_returned_to_draft(negotiation, envoy, staff):
    commitment = loose_commitment(negotiation, envoy)
    services.commitment_update_log(commitment=commitment, user=envoy, summary="Started.")
    release(commitment, envoy=envoy, staff=staff)

    with pytest.raises(ValidationError, match="new progress update"):
        services.commitment_update_return_to_draft(update=commitment.updates.get(), user=staff, reason="No.")


def test_publishing_a_meeting_publishes_its_commitments_and_returning_it_returns_them(negotiation, envoy, staff):
    meeting = services.meeting_create_with_commitments(
        negotiation=negotiation, user=envoy, subject="Data feed", starts_at=datetime.datetime(
            2025, 3, 4, 10, tzinfo=datetime.UTC),
        commitments=[{"area": Area.DATA_GOVERNANCE, "principle": Principle.PRIVACY, "text": "Keep data in the EU."}],
    )
    commitment = meeting.commitments.get()
    negotiation_services.meeting_submit(meeting=meeting, user=envoy)
    assert not is_public(commitment)

    negotiation_services.meeting_publish(meeting=meeting, user=staff)
    commitment.refresh_from_db()
    assert is_public(commitment) and commitment.published_by == staff

    negotiation_services.meeting_return_to_draft(meeting=meeting, user=staff, reason="Minutes incomplete.")
    commitment.refresh_from_db()
    assert commitment.review_state == ReviewState.DRAFT
    services.commitment_edit(commitment=commitment, user=envoy, text="Keep all data in the EU.")


def test_a_commitment_of_a_published_meeting_logged_by_its_publisher_waits_for_someone_else(negotiation, envoy, staff):
    meeting = MeetingFactory(negotiation=negotiation, logged_by=envoy, submitted=True)
    commitment = CommitmentFactory(negotiation=meeting.negotiation, source_meeting=meeting, logged_by=staff)

    negotiation_services.meeting_publish(meeting=meeting, user=staff)

    commitment.refresh_from_db()
    assert commitment.review_state == ReviewState.DRAFT
