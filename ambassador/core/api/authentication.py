"""Token authentication for the staff API: hashed, expiring keys (django-rest-knox).

Clients send ``Authorization: Token <key>``. A key that cannot exist (a NUL byte, non-ASCII bytes,
the wrong length) is refused with a 401 before it reaches the database.
"""

import datetime
import re

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.plumbing import build_bearer_security_scheme_object
from knox import auth
from knox.settings import knox_settings
from rest_framework import exceptions

# Keys are hexadecimal: 64 characters (knox), or 40 for keys issued before keys were hashed.
_LEGACY_KEY_LENGTH = 40
# Writing the last use at most this often keeps authentication from writing on every request.
LAST_USED_PRECISION = datetime.timedelta(minutes=1)


def _is_possible_key(key: str) -> bool:
    lengths = {_LEGACY_KEY_LENGTH, knox_settings.AUTH_TOKEN_CHARACTER_LENGTH}
    return len(key) in lengths and re.fullmatch(r"[0-9a-f]+", key) is not None


class TokenAuthentication(auth.TokenAuthentication):
    """knox's token authentication: an unknown, expired or revoked key is a 401, never a 500."""

    def authenticate_credentials(self, token: bytes):
        try:
            key = token.decode("ascii")
        except UnicodeDecodeError:
            key = ""
        if not _is_possible_key(key):
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        user, auth_token = super().authenticate_credentials(token)
        self._record_use(auth_token)
        return user, auth_token

    @staticmethod
    def _record_use(auth_token) -> None:
        now = timezone.now()
        if auth_token.last_used is None or auth_token.last_used < now - LAST_USED_PRECISION:
            type(auth_token).objects.filter(pk=auth_token.pk).update(last_used=now)
            auth_token.last_used = now


class TokenScheme(OpenApiAuthenticationExtension):
    """The schema's security scheme: ``Authorization: Token <key>``."""

    target_class = TokenAuthentication
    match_subclasses = True
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        prefix = self.target.authenticate_header(None)
        return build_bearer_security_scheme_object(header_name="Authorization", token_prefix=prefix)
