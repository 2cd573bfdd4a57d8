"""Who is asking: the client's address, as far as the proxies the site trusts can tell.

Every limit that counts per address (the admin lockout, the API throttles, the limit on wrong API
credentials) asks this one function, so none of them can be reset by a made-up header.
"""

from __future__ import annotations

import ipaddress

from rest_framework.settings import api_settings


def client_address(request) -> str | None:
    """The client's IP address.

    With no trusted proxy (``DJANGO_NUM_PROXIES=0``, the default) it is the socket's address
    (``REMOTE_ADDR``) and ``X-Forwarded-For`` is ignored, because the client writes that header
    itself. Behind N proxies, each of which appends the address it received the request from, it is
    the Nth address from the right of ``X-Forwarded-For``: the one the outermost trusted proxy saw.
    An entry that is not an IP address falls back to the socket's address.
    """
    remote = request.META.get("REMOTE_ADDR") or None
    proxies = api_settings.NUM_PROXIES or 0
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR")
    if proxies <= 0 or not forwarded:
        return remote
    addresses = [part.strip() for part in forwarded.split(",")]
    # A request that passed fewer proxies than configured keeps DRF's rule: the leftmost entry.
    candidate = addresses[-min(proxies, len(addresses))]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
