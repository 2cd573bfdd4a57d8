"""Corrections in the open for commitments: a published commitment changes through a reviewed revision."""

import pytest
from django.core.exceptions import PermissionDenied

from ambassador.commitments import corrections, services
from ambassador.commitments.choices import Area, Principle
from ambassador.core.choices import NoticeKind
from ambassador.core.models import PublicNotice, Revision
from ambassador.negotiations import services as negotiation_services
from ambassador.negotiations.factories import MeetingFactory
from ambassador.stakeholders.factories import CouncilStaffUserFactory

from .test_review import loose_commitment, release

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(negotiation, envoy, staff):
    return release(loose_commitment(negotiation, envoy), envoy=envoy, staff=staff)


def test_editing_a_published_commitment_opens_a_revision_and_leaves_the_row_alone(published, envoy):
    services.commitment_edit(commitment=published, user=envoy, reason="Wrong region", text="Keep data in NL.")

    published.refresh_from_db()
    assert published.text == "Keep resident data inside the EU."
    assert Revision.objects.open().for_record(published).get().changes == {"text": "Keep data in NL."}


def test_the_proposer_cannot_release_their_own_revision(published, staff):
    services.commitment_edit(commitment=published, user=staff, reason="Wrong region", text="Keep data in NL.")

    with pytest.raises(PermissionDenied):
        corrections.commitment_release_revision(commitment=published, user=staff)
    published.refresh_from_db()
    assert published.text == "Keep resident data inside the EU."


def test_a_second_person_releases_and_the_public_gets_the_earlier_version(published, envoy, staff, amsterdam):
    services.commitment_edit(commitment=published, user=envoy, reason="Wrong region", text="Keep data in NL.")
    corrections.commitment_release_revision(commitment=published, user=CouncilStaffUserFactory(city=amsterdam))

    published.refresh_from_db()
    assert published.text == "Keep data in NL."
    notice = PublicNotice.objects.for_record(published).get()
    assert (notice.kind, notice.reason) == (NoticeKind.CORRECTION, "Wrong region")
    assert notice.earlier_version["text"] == "Keep resident data inside the EU."
    assert notice.earlier_version["principle"] == published.principle


def test_rejecting_keeps_the_released_version(published, envoy, staff):
    services.commitment_edit(commitment=published, user=envoy, reason="Wrong region", text="Keep data in NL.")
    corrections.commitment_reject_revision(commitment=published, user=staff)

    published.refresh_from_db()
    assert published.text == "Keep resident data inside the EU."
    assert not PublicNotice.objects.exists()


def test_return_to_draft_and_republication_leave_notices(published, envoy, staff):
    services.commitment_return_to_draft(commitment=published, user=staff, reason="Logged twice")
    notice = PublicNotice.objects.for_record(published).get()
    assert (notice.kind, notice.reason) == (NoticeKind.WITHDRAWAL, "Logged twice")

    release(published, envoy=envoy, staff=staff)
    assert PublicNotice.objects.for_record(published).order_by("pk").last().kind == NoticeKind.REPUBLICATION


def test_deleting_a_published_commitment_needs_a_reason_and_leaves_a_withdrawal(published, staff):
    services.commitment_delete(commitment=published, user=staff, reason="Not a commitment")

    notice = PublicNotice.objects.get()
    assert (notice.kind, notice.reason, notice.object_id) == (NoticeKind.WITHDRAWAL, "Not a commitment", published.pk)


def test_a_commitment_withdrawn_with_its_meeting_leaves_a_notice(negotiation, envoy, staff):
    meeting = MeetingFactory(negotiation=negotiation, logged_by=envoy, published=True)
    commitment = services.commitment_create(
        negotiation=negotiation, source_meeting=meeting, user=envoy, area=Area.DATA_GOVERNANCE,
        principle=Principle.PRIVACY, text="Open the API.",
    )
    release(commitment, envoy=envoy, staff=staff)
    assert corrections.is_public(commitment)

    negotiation_services.meeting_return_to_draft(meeting=meeting, user=staff, reason="Wrong meeting")

    kinds = set(PublicNotice.objects.for_record(commitment).values_list("kind", flat=True))
    assert kinds == {NoticeKind.WITHDRAWAL}


def test_a_commitment_never_public_leaves_no_notice(negotiation, envoy, staff):
    commitment = loose_commitment(negotiation, envoy)
    services.commitment_submit(commitment=commitment, user=envoy)
    services.commitment_return_to_draft(commitment=commitment, user=staff, reason="Not yet")
    assert not PublicNotice.objects.exists()

