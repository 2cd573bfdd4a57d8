"""Corrections in the open: withdrawals leave a notice, corrections show the earlier version, pending
revisions stay private."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ambassador.commitments import corrections as commitment_corrections
from ambassador.commitments import services as commitment_services
from ambassador.core.models import PublicNotice
from ambassador.negotiations import corrections, services
from ambassador.negotiations.factories import MeetingFactory
from ambassador.stakeholders.factories import CouncilStaffUserFactory, EnvoyUserFactory

from .conftest import body_of

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def envoy(world):
    return EnvoyUserFactory(city=world.city)


@pytest.fixture
def staff(world):
    return CouncilStaffUserFactory(city=world.city)


def _correct(meeting, envoy, staff, reason="The subject named the wrong street", **changes):
    services.meeting_update(meeting=meeting, user=envoy, reason=reason, **changes)
    corrections.meeting_release_revision(meeting=meeting, user=staff)


def test_a_withdrawn_meeting_leaves_a_public_notice_with_date_and_reason(client, world, staff):
    services.meeting_return_to_draft(meeting=world.public_meeting, user=staff, reason="Logged under the wrong city")

    assert client.get(f"/meetings/{world.public_meeting.pk}/").status_code == 404
    body = body_of(client.get("/corrections/"))
    assert "Logged under the wrong city" in body
    assert "Withdrawal" in body
    assert world.city.name in body
    assert "Open kerbside talk" not in body  # the notice says nothing of what was withdrawn


def test_a_corrected_meeting_shows_corrected_on_and_links_the_earlier_version(client, world, envoy, staff):
    _correct(world.public_meeting, envoy, staff, subject="Open kerbside talk on Damrak",
             minutes_main_points="Corrected main points")

    body = body_of(client.get(f"/meetings/{world.public_meeting.pk}/"))
    notice = PublicNotice.objects.get()
    assert "Corrected on" in body and "The subject named the wrong street" in body
    earlier_url = f"/meetings/{world.public_meeting.pk}/earlier/{notice.pk}/"
    assert earlier_url in body
    assert "Corrected main points" in body
    earlier = body_of(client.get(earlier_url))
    assert "Main points of Open kerbside talk" in earlier
    assert "Open kerbside talk on Damrak" in earlier  # the breadcrumb names the current version
    assert "Xavier Privatus" not in earlier and "Petra Publica" in earlier
    listing = body_of(client.get("/corrections/"))
    assert earlier_url in listing


def test_editing_a_published_meeting_changes_nothing_public_until_a_second_person_releases_it(client, world, envoy,
                                                                                              staff):
    url = f"/meetings/{world.public_meeting.pk}/"
    services.meeting_update(meeting=world.public_meeting, user=envoy, reason="Typo",
                            minutes_conclusions="PendingConclusionText")

    for path in (url, "/corrections/", "/feeds/meetings/", "/feeds/corrections/", "/data/meetings.csv",
                 f"/api/public/v1/meetings/{world.public_meeting.pk}/"):
        assert "PendingConclusionText" not in body_of(client.get(path)), path

    corrections.meeting_release_revision(meeting=world.public_meeting, user=staff)

    assert "PendingConclusionText" in body_of(client.get(url))


def test_a_restricted_meeting_corrected_keeps_its_minutes_out_of_the_earlier_version(client, world, envoy, staff):
    _correct(world.public_meeting, envoy, staff, reason="Commercially sensitive",
             confidentiality="restricted", withholding_ground="commercial")

    notice = PublicNotice.objects.get()
    earlier = body_of(client.get(f"/meetings/{world.public_meeting.pk}/earlier/{notice.pk}/"))
    assert "Commercially sensitive" in earlier
    assert "Main points of Open kerbside talk" not in earlier
    assert "Room of Open kerbside talk" not in earlier


def test_the_earlier_version_of_a_withdrawn_meeting_is_not_public(client, world, envoy, staff):
    _correct(world.public_meeting, envoy, staff, subject="Open kerbside talk on Damrak")
    notice = PublicNotice.objects.get()
    services.meeting_return_to_draft(meeting=world.public_meeting, user=staff, reason="Wrong meeting")

    assert client.get(f"/meetings/{world.public_meeting.pk}/earlier/{notice.pk}/").status_code == 404
    assert "Open kerbside talk" not in body_of(client.get("/corrections/"))


def test_a_republished_meeting_says_so(client, world, envoy, staff):
    meeting = world.public_meeting
    services.meeting_return_to_draft(meeting=meeting, user=staff, reason="Date to check")
    services.meeting_submit(meeting=meeting, user=envoy)
    services.meeting_publish(meeting=meeting, user=staff)

    body = body_of(client.get(f"/meetings/{meeting.pk}/"))
    assert "Published again on" in body and "Date to check" in body


def test_the_corrections_feed_is_atom(client, world, envoy, staff):
    _correct(world.public_meeting, envoy, staff, subject="Open kerbside talk on Damrak")
    services.meeting_return_to_draft(meeting=world.restricted, user=staff, reason="Duplicate record")

    response = client.get("/feeds/corrections/")

    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)  # noqa: S314 - our own feed
    assert feed.tag == f"{ATOM}feed"
    for element in ("id", "title", "updated"):
        assert feed.find(f"{ATOM}{element}") is not None
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 2
    for entry in entries:
        for element in ("id", "title", "updated", "link"):
            assert entry.find(f"{ATOM}{element}") is not None, element
    text = response.content.decode()
    assert "Duplicate record" in text and "The subject named the wrong street" in text
    assert "Main points of Restricted pricing talk" not in text


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        assert response.status_code == 200, url
        body_of(response)
    return len(queries)


def test_the_corrections_pages_run_the_same_number_of_queries_for_one_notice_and_for_many(client, world, envoy,
                                                                                          staff):
    _correct(world.public_meeting, envoy, staff, subject="Open kerbside talk on Damrak")
    notice = PublicNotice.objects.get()
    urls = ["/corrections/", "/feeds/corrections/", f"/meetings/{world.public_meeting.pk}/",
            f"/meetings/{world.public_meeting.pk}/earlier/{notice.pk}/"]
    before = {url: _count(client, url) for url in urls}
    for i in range(8):
        meeting = MeetingFactory(negotiation=world.negotiation, published=True, logged_by=envoy,
                                 starts_at=datetime.datetime(2025, 4, 1 + i, tzinfo=datetime.UTC))
        if i % 2:
            services.meeting_return_to_draft(meeting=meeting, user=staff, reason=f"Withdrawn {i}")
        else:
            _correct(meeting, envoy, staff, reason=f"Corrected {i}", subject=f"Corrected subject {i}")
    _correct(world.public_meeting, envoy, staff, reason="Second correction", subject="Second subject")

    after = {url: _count(client, url) for url in urls}

    assert after == before


def test_a_corrected_commitment_says_so_and_links_its_earlier_version(client, world, envoy, staff):
    commitment = world.public_commitment
    commitment_services.commitment_edit(commitment=commitment, user=envoy, reason="Weekly, not daily",
                                        text="Share anonymised trips every week")
    assert "Share anonymised trips every week" not in body_of(client.get(f"/commitments/{commitment.pk}/"))

    commitment_corrections.commitment_release_revision(commitment=commitment, user=staff)

    notice = PublicNotice.objects.get()
    page = body_of(client.get(f"/commitments/{commitment.pk}/"))
    assert "Corrected on" in page and "Weekly, not daily" in page
    assert f"/commitments/{commitment.pk}/earlier/{notice.pk}/" in page
    earlier = body_of(client.get(f"/commitments/{commitment.pk}/earlier/{notice.pk}/"))
    assert "Share anonymised trips weekly" in earlier
    assert "Weekly, not daily" in body_of(client.get("/corrections/"))
