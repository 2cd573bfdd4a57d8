"""Session authentication for the staff API that asks for the second factor, as the admin does."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.authentication import SessionScheme
from rest_framework import authentication, exceptions

from ambassador.core.two_factor import passed_second_factor


class VerifiedSessionAuthentication(authentication.SessionAuthentication):
    """DRF's session authentication, for sessions that have passed the second factor where one is needed.

    A session that has not is refused with a clear message, unless the request carries its own
    credentials (a token), which the next authentication class checks.
    """

    def authenticate(self, request):
        result = super().authenticate(request)
        if result is None or passed_second_factor(result[0]):
            return result
        if request.META.get("HTTP_AUTHORIZATION"):
            return None
        raise exceptions.AuthenticationFailed(
            _("This session has not given its second factor: sign in again at /admin/login/.")
        )


class VerifiedSessionScheme(SessionScheme):
    """The schema names it as it names Django's session cookie (``cookieAuth``)."""

    target_class = "ambassador.core.api.sessions.VerifiedSessionAuthentication"
