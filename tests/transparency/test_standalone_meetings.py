"""Meetings outside any negotiation on the public site: pages, feeds, downloads and the public API.

A published one appears with its city and the organisations present; a draft, an embargoed one
and the minutes of a restricted one stay as absent as for any other meeting.
"""

import csv
import datetime
import io
import json
from dataclasses import dataclass

import pytest

from ambassador.core.models import PublicNotice
from ambassador.negotiations import corrections, services
from ambassador.negotiations.factories import MeetingFactory
from ambassador.negotiations.models import Meeting
from ambassador.stakeholders.factories import CouncilStaffUserFactory, TradeUnionFactory

from .conftest import body_of

pytestmark = pytest.mark.django_db

API = "/api/public/v1"


@dataclass
class Standalone:
    union: object
    published: object
    restricted: object
    draft: object
    embargoed: object
    secrets: list[str]


@pytest.fixture
def standalone(world) -> Standalone:
    union = TradeUnionFactory(name="Riders Collective", slug="riders-collective")

    def meeting(subject, **kwargs):
        return MeetingFactory(
            standalone=True, city=world.city, subject=subject, organisations=[union],
            attendees=[world.public_person, world.private_person],
            minutes_main_points=f"Main points of {subject}", location=f"Room of {subject}",
            starts_at=datetime.datetime(2025, 4, 2, 8, 0, tzinfo=datetime.UTC), **kwargs,
        )

    return Standalone(
        union=union,
        published=meeting("Union talk on rider data", published=True),
        restricted=meeting("Restricted union talk", published=True, restricted=True),
        draft=meeting("Draft union talk"),
        embargoed=meeting("Embargoed union talk", published=True, confidential=True),
        secrets=[
            "Draft union talk", "Embargoed union talk", "Main points of Restricted union talk",
            "Room of Restricted union talk", world.private_person.full_name,
        ],
    )


def _assert_no_secret(body, standalone):
    for secret in standalone.secrets:
        assert secret not in body


def test_the_meeting_page_shows_the_city_and_the_organisations_present(client, world, standalone):
    body = body_of(client.get(f"/meetings/{standalone.published.pk}/"))

    assert "Union talk on rider data" in body
    assert "Main points of Union talk on rider data" in body
    assert world.city.name in body
    assert "Riders Collective" in body
    assert "Outside any negotiation" in body
    _assert_no_secret(body, standalone)


@pytest.mark.parametrize("name", ["draft", "embargoed"])
def test_an_unpublished_or_embargoed_meeting_outside_a_negotiation_is_not_found(client, standalone, name):
    assert client.get(f"/meetings/{getattr(standalone, name).pk}/").status_code == 404
    assert client.get(f"{API}/meetings/{getattr(standalone, name).pk}/").status_code == 404


def test_the_restricted_one_shows_its_existence_without_its_minutes(client, standalone):
    body = body_of(client.get(f"/meetings/{standalone.restricted.pk}/"))

    assert "Restricted union talk" in body
    _assert_no_secret(body, standalone)


@pytest.mark.parametrize("page", ["/", "/cities/{city}/", "/companies/riders-collective/"])
def test_the_lists_include_the_published_one_only(client, world, standalone, page):
    body = body_of(client.get(page.format(city=world.city.slug)))

    assert "Union talk on rider data" in body
    _assert_no_secret(body, standalone)


def test_the_city_page_lists_the_citys_meetings_outside_negotiations(client, world, standalone):
    body = body_of(client.get(f"/cities/{world.city.slug}/"))

    section = body[body.index('id="standalone-heading"'):]
    assert "Union talk on rider data" in section
    assert "Open kerbside talk" not in section.split("</section>")[0]


@pytest.mark.parametrize(
    "feed", ["/feeds/meetings/", "/feeds/cities/{city}/meetings/", "/feeds/companies/riders-collective/meetings/"]
)
def test_the_feeds_carry_the_published_one_with_the_city_and_the_organisations(client, world, standalone, feed):
    body = body_of(client.get(feed.format(city=world.city.slug)))

    assert f"Union talk on rider data ({world.city.name}, Riders Collective)" in body
    _assert_no_secret(body, standalone)


def test_the_meetings_download_includes_the_published_one_without_a_negotiation(client, world, standalone):
    rows = list(csv.DictReader(io.StringIO(body_of(client.get("/data/meetings.csv")))))
    by_subject = {row["subject"]: row for row in rows}
    row = by_subject["Union talk on rider data"]

    assert (row["city"], row["negotiation"], row["company"]) == (world.city.slug, "", "")
    assert row["organisations"] == "riders-collective"
    _assert_no_secret(json.dumps(rows), standalone)

    items = json.loads(body_of(client.get("/data/meetings.json")))
    item = next(item for item in items if item["subject"] == "Union talk on rider data")
    assert (item["city"], item["negotiation"], item["company"]) == (world.city.slug, None, None)
    _assert_no_secret(json.dumps(items), standalone)


def test_the_public_api_lists_the_published_one_with_its_city(client, world, standalone):
    items = client.get(f"{API}/meetings/", {"city": world.city.slug, "page_size": 100}).json()["results"]
    item = next(item for item in items if item["subject"] == "Union talk on rider data")

    assert (item["city"], item["negotiation"], item["company"]) == (world.city.slug, None, None)
    assert item["organisations"] == ["riders-collective"]
    _assert_no_secret(json.dumps(items), standalone)
    detail = client.get(f"{API}/meetings/{standalone.published.pk}/").json()
    assert detail["negotiation"] is None


def test_withheld_counts_include_the_restricted_and_embargoed_ones(client, world, standalone):
    withheld = set(Meeting.objects.withheld().for_city(world.city).values_list("pk", flat=True))

    assert {standalone.restricted.pk, standalone.embargoed.pk} <= withheld
    assert standalone.published.pk not in withheld
    assert standalone.draft.pk not in withheld
    body = body_of(client.get("/withheld/"))
    assert world.city.name in body
    _assert_no_secret(body, standalone)


def test_a_corrected_meeting_outside_a_negotiation_shows_its_earlier_version(client, world, standalone):
    meeting = standalone.published
    services.meeting_update(meeting=meeting, user=meeting.logged_by, reason="Subject mistyped",
                            subject="Union talk on riders' data")
    corrections.meeting_release_revision(meeting=meeting, user=CouncilStaffUserFactory(city=world.city))
    notice = PublicNotice.objects.for_record(meeting).get()

    body = body_of(client.get(f"/meetings/{meeting.pk}/earlier/{notice.pk}/"))

    assert "Union talk on rider data" in body
    assert "Subject mistyped" in body
    _assert_no_secret(body, standalone)
