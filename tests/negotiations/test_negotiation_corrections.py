"""Corrections in the open for announced negotiations: an edit is a revision a second person releases,
and withdrawing the announcement leaves a notice."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ambassador.core.choices import NoticeKind, RevisionState
from ambassador.core.models import PublicNotice, Revision
from ambassador.negotiations import negotiation_corrections, services
from ambassador.negotiations.factories import NegotiationFactory
from ambassador.negotiations.models import Topic
from ambassador.stakeholders.factories import CouncilStaffUserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_staff(amsterdam):
    return CouncilStaffUserFactory(city=amsterdam)


def test_editing_an_announced_negotiation_opens_a_revision_and_leaves_the_row_alone(negotiation, envoy):
    title = negotiation.title
    services.negotiation_update(negotiation=negotiation, user=envoy, reason="Wrong title",
                                title="Scooter data sharing", slug=negotiation.slug)

    negotiation.refresh_from_db()
    assert negotiation.title == title
    revision = Revision.objects.open().for_record(negotiation).get()
    assert (revision.changes, revision.reason, revision.proposed_by) == (
        {"title": "Scooter data sharing"}, "Wrong title", envoy)


def test_a_revision_of_an_announced_negotiation_needs_a_reason(negotiation, envoy):
    with pytest.raises(ValidationError):
        services.negotiation_update(negotiation=negotiation, user=envoy, title="Scooter data sharing")
    assert not Revision.objects.exists()


def test_an_unannounced_negotiation_is_edited_directly(amsterdam, envoy):
    negotiation = NegotiationFactory(city=amsterdam, lead_envoy=envoy, is_public=False)
    services.negotiation_update(negotiation=negotiation, user=envoy, title="Quiet talks")

    negotiation.refresh_from_db()
    assert negotiation.title == "Quiet talks"
    assert not Revision.objects.exists()


def test_an_announced_negotiation_keeps_its_address(negotiation, envoy):
    with pytest.raises(ValidationError):
        services.negotiation_update(negotiation=negotiation, user=envoy, reason="New slug", slug="another-slug")


def test_the_proposer_cannot_release_their_own_revision(negotiation, staff):
    services.negotiation_update(negotiation=negotiation, user=staff, reason="Typo", public_summary="Corrected.")

    with pytest.raises(PermissionDenied):
        negotiation_corrections.negotiation_release_revision(negotiation=negotiation, user=staff)
    negotiation.refresh_from_db()
    assert negotiation.public_summary != "Corrected."


def test_an_envoy_cannot_release_a_revision(negotiation, envoy, staff):
    services.negotiation_update(negotiation=negotiation, user=staff, reason="Typo", public_summary="Corrected.")

    with pytest.raises(PermissionDenied):
        negotiation_corrections.negotiation_release_revision(negotiation=negotiation, user=envoy)


def test_a_second_person_releases_it_with_a_correction_notice_and_history(negotiation, envoy, staff):
    topic = Topic.objects.create(name="Kerbside robots", slug="kerbside-robots-test")
    earlier_title, company = negotiation.title, negotiation.company.name
    services.negotiation_update(negotiation=negotiation, user=envoy, reason="The title was wrong",
                                title="Scooter data sharing", stage="concluded", topics=[topic],
                                closed_on=negotiation.opened_on)

    negotiation_corrections.negotiation_release_revision(negotiation=negotiation, user=staff)

    negotiation.refresh_from_db()
    assert negotiation.title == "Scooter data sharing"
    assert list(negotiation.topics.all()) == [topic]
    assert negotiation.history.first().history_change_reason == "Corrected: The title was wrong"
    assert Revision.objects.get().state == RevisionState.RELEASED
    notice = PublicNotice.objects.get()
    assert notice.kind == NoticeKind.CORRECTION
    assert notice.earlier_version["title"] == earlier_title
    assert notice.earlier_version["company"] == company
    assert notice.earlier_version["topics"] == []


def test_a_rejected_revision_leaves_the_negotiation_alone(negotiation, envoy, staff):
    title = negotiation.title
    services.negotiation_update(negotiation=negotiation, user=envoy, reason="Typo", title="Something else")
    negotiation_corrections.negotiation_reject_revision(negotiation=negotiation, user=staff, note="Not a typo")

    negotiation.refresh_from_db()
    assert negotiation.title == title
    assert Revision.objects.get().state == RevisionState.REJECTED
    assert not PublicNotice.objects.exists()


def test_withdrawing_an_announcement_leaves_a_notice_and_announcing_again_a_republication(negotiation, envoy,
                                                                                          staff, other_staff):
    services.negotiation_withdraw_announcement(negotiation=negotiation, user=staff, reason="Talks are paused")

    notice = PublicNotice.objects.get()
    assert (notice.kind, notice.reason, notice.city_id) == (NoticeKind.WITHDRAWAL, "Talks are paused",
                                                            negotiation.city_id)
    assert negotiation.title not in str(notice.earlier_version)

    services.negotiation_propose_announcement(negotiation=negotiation, user=envoy)
    services.negotiation_announce(negotiation=negotiation, user=other_staff)
    assert PublicNotice.objects.latest("occurred_at").kind == NoticeKind.REPUBLICATION


def test_withdrawing_a_proposal_that_was_never_public_leaves_no_notice(amsterdam, envoy, staff):
    negotiation = NegotiationFactory(city=amsterdam, lead_envoy=envoy, is_public=False)
    services.negotiation_propose_announcement(negotiation=negotiation, user=envoy)
    services.negotiation_withdraw_announcement(negotiation=negotiation, user=staff, reason="Too early")

    assert not PublicNotice.objects.exists()


def test_the_admin_change_page_asks_for_a_reason_and_offers_the_review(client, negotiation, envoy, staff):
    client.force_login(envoy)
    url = f"/admin/negotiations/negotiation/{negotiation.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200
    assert b"revision_reason" in page.content

    services.negotiation_update(negotiation=negotiation, user=envoy, reason="Typo", title="Scooter data sharing")
    client.force_login(staff)
    page = client.get(url)
    assert b"Scooter data sharing" in page.content
    assert f"/admin/negotiations/negotiation/{negotiation.pk}/revision/release/".encode() in page.content
    response = client.post(f"/admin/negotiations/negotiation/{negotiation.pk}/revision/release/")
    assert response.status_code == 302
    negotiation.refresh_from_db()
    assert negotiation.title == "Scooter data sharing"


def test_deleting_an_announced_negotiation_in_the_admin_asks_the_public_reason(client, amsterdam, staff, envoy):
    negotiation = NegotiationFactory(city=amsterdam, lead_envoy=envoy)
    client.force_login(staff)
    url = f"/admin/negotiations/negotiation/{negotiation.pk}/delete/"
    assert b'name="reason"' in client.get(url).content

    client.post(url, {"post": "yes", "reason": "Logged twice"})

    notice = PublicNotice.objects.get()
    assert (notice.kind, notice.reason) == (NoticeKind.WITHDRAWAL, "Logged twice")
