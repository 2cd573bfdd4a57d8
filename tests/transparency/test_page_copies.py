"""Server-side copies of public pages (ambassador/transparency/caching.py).

A page someone without a session asked for is served again from its copy until the data changes;
a change (a publish, a withdrawal) changes the key, so a withdrawn record is never served from a copy.
"""

import pytest
from django.core.cache import cache
from django.db import connection
from django.middleware.csrf import get_token
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from ambassador.negotiations.services import meeting_publish, meeting_return_to_draft
from ambassador.stakeholders.factories import CouncilStaffUserFactory
from ambassador.transparency import caching

from .conftest import body_of

pytestmark = pytest.mark.django_db

# A page served from its copy: SAVEPOINT, the data version, the cities' time zones, RELEASE.
COPY_QUERIES = 4


def test_a_second_reader_gets_the_copy_for_the_price_of_the_version_query(client, world, django_assert_max_num_queries):
    url = f"/negotiations/{world.negotiation.slug}/"
    first = body_of(client.get(url))

    # The data version and the cities' time zones, inside the request's savepoint; nothing rendered.
    with django_assert_max_num_queries(COPY_QUERIES):
        second = client.get(url)

    assert second.status_code == 200
    assert body_of(second) == first
    assert second["ETag"]
    assert "Content-Security-Policy" in second


def queries_of(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_copies_are_off_when_the_setting_says_so(client, world, settings):
    settings.AMBASSADOR_PUBLIC_PAGE_COPIES = False
    url = f"/negotiations/{world.negotiation.slug}/"
    client.get(url)

    assert queries_of(client, url) > COPY_QUERIES  # rendered again


def test_a_publish_and_a_withdrawal_show_at_once_despite_the_copy(client, world):
    url = f"/negotiations/{world.negotiation.slug}/"
    assert "Submitted phone talk" not in body_of(client.get(url))
    staff = CouncilStaffUserFactory(city=world.city)

    world.submitted.refresh_from_db()
    meeting_publish(meeting=world.submitted, user=staff)
    assert "Submitted phone talk" in body_of(client.get(url))

    world.submitted.refresh_from_db()
    meeting_return_to_draft(meeting=world.submitted, user=staff, reason="Minutes name a private person")
    assert "Submitted phone talk" not in body_of(client.get(url))


def test_each_language_has_its_own_copy(client, world):
    english = body_of(client.get(f"/cities/{world.city.slug}/"))
    vietnamese = body_of(client.get(f"/vi/cities/{world.city.slug}/"))

    assert '<html lang="en">' in english
    assert '<html lang="vi">' in vietnamese
    assert '<html lang="vi">' in body_of(client.get(f"/vi/cities/{world.city.slug}/"))
    assert '<html lang="en">' in body_of(client.get(f"/cities/{world.city.slug}/"))


def test_a_reader_with_a_session_is_never_served_a_copy(client, world):
    url = f"/negotiations/{world.negotiation.slug}/"
    client.get(url)
    client.force_login(CouncilStaffUserFactory(city=world.city))

    assert queries_of(client, url) > COPY_QUERIES + 2  # the session and the login, then a full render


def test_a_page_that_used_the_visitors_form_token_is_not_copied(world):
    def page_with_a_form(request):
        from django.http import HttpResponse

        return HttpResponse(f"<form>{get_token(request)}</form>")

    view = caching.public_page(page_with_a_form)
    request = RequestFactory().get("/a-page-with-a-form/")

    response = view(request)

    assert response.status_code == 200
    assert cache.get(caching._copy_key(request)) is None
