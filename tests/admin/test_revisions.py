"""Correcting a published meeting in the admin: the edit is a revision, reviewed and released by a second person."""

import datetime

import pytest

from ambassador.core.choices import NoticeKind
from ambassador.core.models import PublicNotice, Revision
from ambassador.negotiations.factories import MeetingFactory
from ambassador.stakeholders.factories import CouncilStaffUserFactory
from tests.admin.helpers import logged_in, meeting_post, url

from .test_release_workflow import workflow_labels

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(negotiation, envoy):
    return MeetingFactory(negotiation=negotiation, logged_by=envoy, published=True, subject="Kerbside data",
                          location="City Hall", starts_at=datetime.datetime(2025, 3, 4, 10, 0, tzinfo=datetime.UTC))


def _edit(client, meeting, **overrides):
    local = meeting.starts_at.astimezone(meeting.negotiation.city.zone)  # the admin types the city's clock
    data = meeting_post(
        meeting.negotiation, subject=meeting.subject, starts_at_0=f"{local:%Y-%m-%d}",
        starts_at_1=f"{local:%H:%M:%S}", location=meeting.location,
        minutes_main_points=meeting.minutes_main_points, minutes_positions=meeting.minutes_positions,
        minutes_conclusions=meeting.minutes_conclusions, format=meeting.format,
        organisations=[o.pk for o in meeting.organisations.all()],
    )
    data.update(overrides)
    return client.post(url("negotiations_meeting_change", meeting.pk), data)


def test_an_envoy_edits_a_published_meeting_as_a_revision_and_the_record_stays(client, envoy, published):
    client = logged_in(client, envoy)
    page = client.get(url("negotiations_meeting_change", published.pk)).content.decode()
    assert 'name="revision_reason"' in page and 'name="_save"' in page

    response = _edit(client, published, subject="Kerbside data feed", revision_reason="The subject was cut short")

    assert response.status_code == 302, response.context["adminform"].form.errors
    published.refresh_from_db()
    assert published.subject == "Kerbside data"
    revision = Revision.objects.get()
    assert (revision.changes, revision.reason) == ({"subject": "Kerbside data feed"}, "The subject was cut short")
    # The proposer sees the proposal in the form and edits it.
    form = client.get(url("negotiations_meeting_change", published.pk)).context["adminform"].form
    assert form.initial["subject"] == "Kerbside data feed"


def test_a_revision_needs_a_reason_in_the_admin(client, envoy, published):
    response = _edit(logged_in(client, envoy), published, subject="Kerbside data feed")

    assert response.status_code == 200
    assert "revision_reason" in response.context["adminform"].form.errors
    assert not Revision.objects.exists()


def test_council_staff_see_the_difference_and_release_it(client, envoy, staff, published):
    _edit(logged_in(client, envoy), published, subject="Kerbside data feed", revision_reason="Cut short")
    assert "Release the revision" not in workflow_labels(client.get(url("negotiations_meeting_change",
                                                                         published.pk)))

    client = logged_in(client, staff)
    page = client.get(url("negotiations_meeting_change", published.pk))
    assert workflow_labels(page)[-2:] == ["Release the revision", "Reject the revision"]
    assert "Kerbside data feed" in page.content.decode() and "Cut short" in page.content.decode()
    assert 'name="_save"' not in page.content.decode()  # another person's revision is not edited here

    response = client.post(url("negotiations_meeting_release_revision", published.pk))

    assert response.status_code == 302
    published.refresh_from_db()
    assert published.subject == "Kerbside data feed"
    assert PublicNotice.objects.get().kind == NoticeKind.CORRECTION


def test_the_proposer_cannot_release_their_own_revision_in_the_admin(client, staff, published):
    client = logged_in(client, staff)
    _edit(client, published, subject="Kerbside data feed", revision_reason="Cut short")

    assert "Release the revision" not in workflow_labels(client.get(url("negotiations_meeting_change",
                                                                         published.pk)))
    assert client.post(url("negotiations_meeting_release_revision", published.pk)).status_code == 403
    published.refresh_from_db()
    assert published.subject == "Kerbside data"


def test_council_staff_reject_a_revision(client, envoy, amsterdam, published):
    _edit(logged_in(client, envoy), published, subject="Kerbside data feed", revision_reason="Cut short")

    logged_in(client, CouncilStaffUserFactory(city=amsterdam)).post(
        url("negotiations_meeting_reject_revision", published.pk))

    published.refresh_from_db()
    assert published.subject == "Kerbside data"
    assert Revision.objects.get().state == "rejected"


def test_deleting_a_published_meeting_asks_for_the_public_reason(client, staff, published):
    client = logged_in(client, staff)
    assert 'name="reason"' in client.get(url("negotiations_meeting_delete", published.pk)).content.decode()

    client.post(url("negotiations_meeting_delete", published.pk), {"post": "yes", "reason": "Logged twice"})

    notice = PublicNotice.objects.get()
    assert (notice.kind, notice.reason) == (NoticeKind.WITHDRAWAL, "Logged twice")
