"""Login lockout (django-axes): the authentication backend that refuses locked logins, and the page that says so.

Every login form that calls ``django.contrib.auth.authenticate(request, ...)`` is counted: the
backend below refuses a locked username or address before any password is checked, and axes'
signal handlers count each failure (``AXES_*`` in config/settings/base.py). A username and an
address are locked separately: too many failures for one name from any address, or from one
address for any names, lock it for the cool-off. Superusers see the attempts and unlock in the
admin (``ambassador/core/admin_lockouts.py``).
"""

from __future__ import annotations

import math

from axes.backends import AxesStandaloneBackend
from axes.helpers import get_cool_off, get_failure_limit
from django.contrib import admin
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _


class LockoutBackend(AxesStandaloneBackend):
    """Refuses every login of a locked username or from a locked address; grants nothing.

    ``authenticate()`` called by code without a request (a management command, a test, the shell)
    comes from no client and has no address to count; it goes on to the password check.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        _drop_nul_bytes_from_recorded_headers(request)
        return super().authenticate(request, username, password, **kwargs)


# Headers axes stores with each attempt; PostgreSQL text cannot hold a NUL byte, which a client may send.
_RECORDED_HEADERS = ("HTTP_USER_AGENT", "HTTP_ACCEPT", "PATH_INFO")


def _drop_nul_bytes_from_recorded_headers(request) -> None:
    for key in _RECORDED_HEADERS:
        value = request.META.get(key)
        if isinstance(value, str) and "\x00" in value:
            request.META[key] = value.replace("\x00", "")


def lockout_response(request, original_response=None, credentials=None):
    """The login page's answer to a locked login: 429, in the admin's look, saying for how long."""
    cool_off = get_cool_off(request)
    minutes = math.ceil(cool_off.total_seconds() / 60) if cool_off else None
    context = {
        **admin.site.each_context(request),
        "title": _("Login paused"),
        "failure_limit": get_failure_limit(request, credentials),
        "cool_off_minutes": minutes,
        "try_again_at": timezone.now() + cool_off if cool_off else None,
    }
    response = render(request, "admin/locked_out.html", context, status=429)
    if cool_off:
        response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response
