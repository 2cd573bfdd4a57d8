"""Token authentication that refuses a malformed key before it reaches the database."""

import re

from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

# Keys made by rest_framework.authtoken are 40 hexadecimal characters.
_TOKEN_KEY = re.compile(r"[0-9a-f]{40}")


class TokenAuthentication(authentication.TokenAuthentication):
    """DRF's token authentication; a key that cannot exist (e.g. with a NUL byte) is a 401, not a 500."""

    def authenticate_credentials(self, key):
        if not _TOKEN_KEY.fullmatch(key):
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        return super().authenticate_credentials(key)
