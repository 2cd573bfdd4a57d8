"""The public API answers conditional GETs and serves copies, like the public pages, after its throttle."""

import pytest
from django.core.cache import cache

from ambassador.core.cache import glob_escape
from ambassador.negotiations.services import meeting_publish
from ambassador.stakeholders.factories import CouncilStaffUserFactory

from .conftest import body_of

pytestmark = pytest.mark.django_db

API = "/api/public/v1"
# A list served from its copy: SAVEPOINT, the data version, the cities' time zones, RELEASE.
COPY_QUERIES = 4


@pytest.mark.parametrize("path", ["/meetings/", "/commitments/", "/negotiations/", "/commitments/?completion=limited"])
def test_a_second_reader_of_a_list_gets_the_copy_for_the_price_of_the_version_query(
    client, world, path, django_assert_max_num_queries
):
    first = client.get(API + path)
    assert first.status_code == 200
    assert first["ETag"]
    assert "must-revalidate" in first["Cache-Control"]

    with django_assert_max_num_queries(COPY_QUERIES):
        second = client.get(API + path)

    assert second.status_code == 200
    assert body_of(second) == body_of(first)
    assert second["Content-Type"] == first["Content-Type"] == "application/json"


def test_an_unchanged_list_answers_304_and_a_publish_changes_it_at_once(client, world, django_assert_max_num_queries):
    url = f"{API}/meetings/"
    first = client.get(url)
    assert "Submitted phone talk" not in body_of(first)

    with django_assert_max_num_queries(COPY_QUERIES):
        assert client.get(url, headers={"if-none-match": first["ETag"]}).status_code == 304

    world.submitted.refresh_from_db()
    meeting_publish(meeting=world.submitted, user=CouncilStaffUserFactory(city=world.city))

    after = client.get(url, headers={"if-none-match": first["ETag"]})
    assert after.status_code == 200
    assert "Submitted phone talk" in body_of(after)


def test_a_record_answers_304_while_unchanged(client, world):
    url = f"{API}/meetings/{world.public_meeting.pk}/"
    first = client.get(url)
    assert first.status_code == 200

    assert client.get(url, headers={"if-none-match": first["ETag"]}).status_code == 304


def test_a_withheld_record_stays_a_404_and_is_never_copied(client, world):
    def copies() -> int:
        return len(list(cache._cache.get_client().scan_iter(match=f"{glob_escape(cache.key_prefix)}:*public-page*")))

    assert client.get(f"{API}/meetings/{world.public_meeting.pk}/").status_code == 200
    assert copies() == 1
    url = f"{API}/meetings/{world.embargoed.pk}/"

    assert client.get(url).status_code == 404
    assert client.get(url).status_code == 404
    assert copies() == 1


def test_a_bad_filter_is_a_400_each_time_and_is_not_copied(client, world):
    url = f"{API}/commitments/?completion=nearly"

    first, second = client.get(url), client.get(url)

    assert first.status_code == second.status_code == 400
    assert "completion" in body_of(second)


def test_the_throttle_counts_answers_served_from_copies_and_304s(client, world, settings):
    settings.AMBASSADOR_PUBLIC_API_RATE = "3/min"
    url = f"{API}/cities/"
    first = client.get(url)
    assert first.status_code == 200
    assert client.get(url).status_code == 200  # the copy
    assert client.get(url, headers={"if-none-match": first["ETag"]}).status_code == 304

    assert client.get(url).status_code == 429
