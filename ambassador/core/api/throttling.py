"""Rate limits of the staff API: per user, per address, and on wrong credentials per address.

Rates are ``REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]`` (from the environment, see
config/settings/base.py), read when a request arrives; counts are kept in the Django cache (Redis in
production), so every worker counts each client once. Addresses come from
``ambassador.core.clients.client_address``, so a forged ``X-Forwarded-For`` starts no new count.

DRF authenticates before it throttles, so a guess at a token is answered before any throttle runs.
The limit on wrong credentials therefore has two halves that do not depend on the token class:
``exception_handler`` (ambassador/core/api/errors.py) records each refused credential, and
``RefuseAfterFailedCredentials``, the first authentication class, refuses (429, with
``Retry-After``) every request that brings credentials from an address that has failed too often.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.core.checks import Error, register
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle, UserRateThrottle

from ..clients import client_address

_RATE = re.compile(r"\d+/[smhd]\w*")  # as DRF reads a rate: a number, "/", a period by its first letter


@register()
def throttle_rates_are_readable(app_configs, **kwargs):
    """At start-up, every throttle rate reads as "<number>/<period>" (e.g. "600/min"), or is None: no limit."""
    rates = getattr(settings, "REST_FRAMEWORK", {}).get("DEFAULT_THROTTLE_RATES", {})
    return [
        Error(
            f"The throttle rate {rate!r} for {scope!r} is not of the form '<number>/<period>', e.g. '600/min'.",
            hint="Check AMBASSADOR_STAFF_API_RATE, AMBASSADOR_STAFF_API_ADDRESS_RATE and "
            "AMBASSADOR_API_FAILED_CREDENTIALS_RATE.",
            id="core.E101",
        )
        for scope, rate in rates.items()
        if rate is not None and not _RATE.fullmatch(str(rate))
    ]


class ClientAddressThrottleMixin:
    """A DRF throttle that names the client by ``client_address`` and reads its rate from the current settings."""

    def get_ident(self, request):
        return client_address(request) or ""

    def get_rate(self):
        try:
            return api_settings.DEFAULT_THROTTLE_RATES[self.scope]
        except KeyError:
            raise ImproperlyConfigured(f"No throttle rate set for the {self.scope!r} scope.") from None


class StaffUserThrottle(ClientAddressThrottleMixin, UserRateThrottle):
    """Requests per logged-in user, whichever token or session they come with."""

    scope = "staff_user"


class StaffAddressThrottle(ClientAddressThrottleMixin, SimpleRateThrottle):
    """Requests per client address, logged in or not."""

    scope = "staff_address"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class FailedCredentialsThrottle(ClientAddressThrottleMixin, SimpleRateThrottle):
    """Wrong credentials per client address: counted by ``record``, checked by ``allow_request``."""

    scope = "failed_credentials"

    def get_cache_key(self, request, view=None):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}

    def _load(self, request) -> None:
        self.key = self.get_cache_key(request)
        self.now = self.timer()
        self.history = [moment for moment in self.cache.get(self.key, []) if moment > self.now - self.duration]

    def allow_request(self, request, view=None) -> bool:
        """Whether the address may still try credentials; checking counts nothing."""
        if self.rate is None:
            return True
        self._load(request)
        return len(self.history) < self.num_requests

    def record(self, request) -> None:
        """Counts one refused credential from the request's address."""
        if self.rate is None:
            return
        self._load(request)
        self.history.insert(0, self.now)
        self.cache.set(self.key, self.history, self.duration)


def brings_credentials(request) -> bool:
    return bool(request.META.get("HTTP_AUTHORIZATION"))


def record_failed_credentials(request) -> None:
    """Counts a refused credential (a wrong, expired or malformed token) against the request's address."""
    FailedCredentialsThrottle().record(request)


class RefuseAfterFailedCredentials(BaseAuthentication):
    """First in ``DEFAULT_AUTHENTICATION_CLASSES``: an address that brought too many wrong credentials
    has every request with credentials refused (429) until its oldest failure leaves the window.

    It authenticates nobody itself; requests it lets through go on to the session and token classes.
    """

    def authenticate(self, request):
        if not brings_credentials(request):
            return None
        throttle = FailedCredentialsThrottle()
        if not throttle.allow_request(request):
            raise exceptions.Throttled(
                wait=throttle.wait(),
                detail=_("Too many requests with wrong credentials from this address."),
            )
        return None

    def authenticate_header(self, request):
        # Answer as the next class would have, had this one not been first (DRF asks the first only):
        # a missing or wrong credential keeps the status, 401 or 403, that the other classes give it.
        for authenticator in getattr(request, "authenticators", ()):
            if authenticator is not self:
                return authenticator.authenticate_header(request)
        return None


class RefuseAfterFailedCredentialsScheme(OpenApiAuthenticationExtension):
    """The limit is no way to authenticate: the schema lists no security scheme for it."""

    target_class = RefuseAfterFailedCredentials
    name: list[str] = []

    def get_security_requirement(self, auto_schema):
        return None

    def get_security_definition(self, auto_schema):
        return []
