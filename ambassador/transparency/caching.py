"""Conditional GET for the public site: ETag, Last-Modified and 304s that never serve stale records.

A public page depends on the records and on the date (a confidential meeting appears on its
release date with no write at all). Its version is therefore the public data's change counter
(``ambassador.core.versioning``: every save, delete and bulk write of public data moves it, in the
writing transaction) together with the date, which turns at each city's own midnight. One query
reads the counter, however large the tables, another the cities' time zones, so a publish is
visible at once, an embargo ends on the page when its city's day begins, and an unchanged page
answers 304 without rendering.

The same version keys a server-side copy of each rendered page (in the Django cache; Redis in
production): a citizen without a session who asks for a page someone else asked for since the last
change gets that copy, for the price of the version query. A change to the data changes the key, so
a copy never outlives the record it shows; copies are kept only for pages that set no cookie and
carry no form token (a CSRF token belongs to one visitor).
"""

from __future__ import annotations

import datetime
import functools
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language
from django.views.decorators.http import condition

from ambassador.core.db_router import read_alias
from ambassador.core.timezones import latest_city_midnight
from ambassador.core.versioning import read_data_version


def _data_version() -> tuple[int, datetime.datetime | None, datetime.datetime]:
    """The public data's version: how many changes it has had, when the latest was (None before the
    first), and the latest midnight in any city's time zone."""
    # From the database the page reads (a replica, for a public read): a version read from the primary
    # while the page came from a replica a moment behind would file an old page under the new version.
    number, changed_at = read_data_version(using=read_alias())
    return number, changed_at, latest_city_midnight()


def data_changed_at() -> datetime.datetime:
    """The latest change to the public data, never earlier than the latest midnight in any city's time zone."""
    _, changed, midnight = _data_version()
    return max(midnight, changed) if changed else midnight


def _request_version(request) -> tuple[int, datetime.datetime | None, datetime.datetime]:
    # Computed once per request: the ETag, Last-Modified and the copy's key all need it.
    if not hasattr(request, "_public_data_version"):
        request._public_data_version = _data_version()
    return request._public_data_version


def _etag(request, *args, **kwargs) -> str:
    # Both parts, not only the later one: a day that turns changes the page even when the latest
    # recorded change is later than the midnight (a clock set back, a record dated ahead).
    number, changed, midnight = _request_version(request)
    key = (
        f"{number}|{changed.isoformat() if changed else ''}|{midnight.isoformat()}|{get_language()}"
        f"|{request.get_full_path()}"
    )
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def _last_modified(request, *args, **kwargs) -> datetime.datetime:
    _, changed, midnight = _request_version(request)
    return max(midnight, changed) if changed else midnight


def _copy_key(request) -> str | None:
    """The key of the page's server-side copy, or None when this request is not served from copies."""
    if request.method not in ("GET", "HEAD") or not getattr(settings, "AMBASSADOR_PUBLIC_PAGE_COPIES", True):
        return None
    if settings.SESSION_COOKIE_NAME in request.COOKIES:  # a signed-in reader may see more; render afresh
        return None
    return f"public-page:{_etag(request)}"


def _storable(request, response) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        # The page used the visitor's CSRF token (a form): it is that visitor's alone.
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and "cookie" not in response.get("Vary", "").lower()
    )


def _served_from_copies(view):
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        key = _copy_key(request)
        copy = cache.get(key) if key else None
        if copy is not None:
            response = HttpResponse(copy["content"], status=200)
            for header, value in copy["headers"]:
                response.headers[header] = value
            return response
        response = view(request, *args, **kwargs)
        if key:
            if getattr(response, "is_rendered", True):
                _store_copy(request, key, response)
            else:
                # Stored once rendered, when its headers are final and a use of the form token is known;
                # the public API's responses are rendered only after the view returns.
                response.add_post_render_callback(functools.partial(_store_copy, request, key))
        return response

    return wrapper


def _store_copy(request, key: str, response) -> None:
    if _storable(request, response):
        headers = [(header, value) for header, value in response.headers.items() if header.lower() != "set-cookie"]
        cache.set(key, {"content": response.content, "headers": headers},
                  getattr(settings, "AMBASSADOR_PUBLIC_PAGE_COPY_SECONDS", 600))


def public_page(view):
    """Adds ETag / Last-Modified with 304s, cache headers that make caches revalidate each time, and
    the server-side copies keyed by the same version."""
    conditional = condition(etag_func=_etag, last_modified_func=_last_modified)(_served_from_copies(view))

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        response = conditional(request, *args, **kwargs)
        if response.status_code in (200, 304):
            patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
            patch_vary_headers(response, ("Accept-Language",))
        return response

    return wrapper
