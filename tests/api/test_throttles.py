"""Rate limits of the staff and public APIs, and who the client is behind proxies.

The counts are kept in Redis, as in production (``redis_cache``), each test under a key prefix of
its own so that suites running side by side on one Redis never share a count.
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
import redis
from django.test import RequestFactory
from rest_framework.test import APIClient

from ambassador.core.api.base import ScopedViewSet
from ambassador.core.api.throttling import RefuseAfterFailedCredentials
from ambassador.core.clients import client_address
from ambassador.stakeholders.factories import CouncilStaffUserFactory

ROOT = Path(__file__).resolve().parent.parent.parent
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
STAFF_API = "/api/v1/cities/"
PUBLIC_API = "/api/public/v1/cities/"
WRONG_TOKEN = "Token " + "0" * 40
# A refused credential: 403, or 401 when the first credential class names its scheme.
REFUSED = {401, 403}


def refusals(codes: list[int]) -> list[str]:
    """``[403, 403, 429]`` -> ``["refused", "refused", "throttled"]``."""
    return ["refused" if code in REFUSED else "throttled" if code == 429 else str(code) for code in codes]


@pytest.fixture
def redis_cache(settings):
    """The default cache is Redis, under this test's own key prefix; its keys are removed afterwards."""
    prefix = f"test-throttles-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL,
                    "KEY_PREFIX": prefix},
    }
    connection = redis.Redis.from_url(REDIS_URL)
    yield lambda: [key.decode() for key in connection.scan_iter(match=f"{prefix}:*")]
    for key in connection.scan_iter(match=f"{prefix}:*"):
        connection.delete(key)
    connection.close()


@pytest.fixture
def rates(settings, redis_cache):
    """Sets the staff API's throttle rates for this test: ``rates(staff_user="3/min")``."""

    def set_rates(**changed):
        settings.REST_FRAMEWORK = {
            **settings.REST_FRAMEWORK,
            "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], **changed},
        }

    return set_rates


@pytest.fixture
def trusted_proxies(settings):
    def set_proxies(count: int):
        settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": count}

    return set_proxies


def get(client, url, *, address="203.0.113.5", forwarded=None, token=None):
    extra = {"REMOTE_ADDR": address}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    if token is not None:
        extra["HTTP_AUTHORIZATION"] = token
    return client.get(url, **extra)


def logged_in(user) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


# --- wrong credentials --------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_wrong_tokens_are_refused_with_429_and_retry_after_once_the_address_reaches_the_limit(rates, redis_cache):
    rates(failed_credentials="5/min")
    client = APIClient()
    codes = [get(client, STAFF_API, token=WRONG_TOKEN).status_code for _ in range(6)]

    assert refusals(codes) == ["refused"] * 5 + ["throttled"]
    refused = get(client, STAFF_API, token=WRONG_TOKEN)
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 60
    assert "wrong credentials" in refused.json()["detail"]
    assert any("failed_credentials" in key for key in redis_cache())  # counted in Redis

    # Another address is not refused: the limit is per address.
    assert get(client, STAFF_API, token=WRONG_TOKEN, address="198.51.100.7").status_code in REFUSED


@pytest.mark.django_db
def test_sixty_wrong_tokens_with_the_default_limit_are_not_all_answered(redis_cache):
    client = APIClient()
    codes = [get(client, STAFF_API, token=WRONG_TOKEN).status_code for _ in range(60)]
    assert codes.count(429) >= 50


@pytest.mark.django_db
def test_malformed_tokens_count_as_wrong_credentials(rates):
    rates(failed_credentials="2/min")
    client = APIClient()
    codes = [get(client, STAFF_API, token=token).status_code for token in ("Token abc", "Token a\x00b", "Token x")]
    assert refusals(codes) == ["refused", "refused", "throttled"]


@pytest.mark.django_db
def test_a_made_up_forwarded_for_header_does_not_reset_the_wrong_credentials_limit(rates):
    rates(failed_credentials="3/min")
    client = APIClient()
    codes = [
        get(client, STAFF_API, token=WRONG_TOKEN, forwarded=f"10.1.2.{n}").status_code for n in range(5)
    ]
    assert refusals(codes) == ["refused"] * 3 + ["throttled"] * 2


@pytest.mark.django_db
def test_behind_one_trusted_proxy_wrong_tokens_count_against_the_address_the_proxy_saw(rates, trusted_proxies):
    rates(failed_credentials="3/min")
    trusted_proxies(1)
    client = APIClient()
    proxy = "10.0.0.1"
    codes = [
        get(client, STAFF_API, token=WRONG_TOKEN, address=proxy, forwarded=f"192.0.2.{n}, 198.51.100.1").status_code
        for n in range(4)
    ]
    assert refusals(codes) == ["refused"] * 3 + ["throttled"]
    # Another client behind the same proxy is not throttled.
    assert get(client, STAFF_API, token=WRONG_TOKEN, address=proxy, forwarded="198.51.100.2").status_code in REFUSED


@pytest.mark.django_db
def test_the_limit_keeps_the_status_of_a_refused_credential():
    """DRF asks the first class for the WWW-Authenticate header; the limit's class answers as the next would."""
    classes = ScopedViewSet.authentication_classes
    assert classes[0] is RefuseAfterFailedCredentials
    scheme = classes[1]().authenticate_header(None)

    response = get(APIClient(), STAFF_API, token=WRONG_TOKEN)
    assert response.status_code == (401 if scheme else 403)
    assert response.get("WWW-Authenticate") == scheme


@pytest.mark.django_db
def test_requests_without_credentials_are_not_counted_as_wrong_ones(rates):
    rates(failed_credentials="2/min")
    client = APIClient()
    assert refusals([get(client, STAFF_API).status_code for _ in range(4)]) == ["refused"] * 4


# --- per user and per address -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_staff_api_throttles_each_user(rates, amsterdam):
    rates(staff_user="3/min")
    first = CouncilStaffUserFactory(city=amsterdam)
    second = CouncilStaffUserFactory(city=amsterdam)
    client = logged_in(first)

    codes = [get(client, STAFF_API).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    refused = get(client, STAFF_API)
    assert int(refused["Retry-After"]) > 0
    # The count follows the user, wherever they ask from; another user has a count of their own.
    assert get(client, STAFF_API, address="198.51.100.9").status_code == 429
    assert get(logged_in(second), STAFF_API).status_code == 200


@pytest.mark.django_db
def test_the_staff_api_throttles_each_address_across_users(rates, amsterdam):
    rates(staff_address="4/min")
    clients = [logged_in(CouncilStaffUserFactory(city=amsterdam)) for _ in range(2)]

    codes = [get(clients[n % 2], STAFF_API).status_code for n in range(5)]
    assert codes == [200, 200, 200, 200, 429]
    assert get(clients[0], STAFF_API, address="198.51.100.9").status_code == 200


@pytest.mark.django_db
def test_a_made_up_forwarded_for_header_does_not_reset_the_staff_address_limit(rates, amsterdam):
    rates(staff_address="3/min")
    clients = [logged_in(CouncilStaffUserFactory(city=amsterdam)) for _ in range(4)]
    codes = [get(clients[n], STAFF_API, forwarded=f"10.1.2.{n}").status_code for n in range(4)]
    assert codes == [200, 200, 200, 429]


# --- the public API -----------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_made_up_forwarded_for_header_does_not_reset_the_public_api_throttle(settings, redis_cache):
    settings.AMBASSADOR_PUBLIC_API_RATE = "3/min"
    client = APIClient()
    codes = [get(client, PUBLIC_API, forwarded=f"10.1.2.{n}").status_code for n in range(4)]
    assert codes == [200, 200, 200, 429]
    assert any("public_api" in key for key in redis_cache())


@pytest.mark.django_db
def test_behind_one_trusted_proxy_the_public_api_counts_each_forwarded_client(settings, redis_cache, trusted_proxies):
    settings.AMBASSADOR_PUBLIC_API_RATE = "2/min"
    trusted_proxies(1)
    client = APIClient()
    proxy = "10.0.0.1"
    first = [get(client, PUBLIC_API, address=proxy, forwarded=f"192.0.2.{n}, 198.51.100.1").status_code
             for n in range(3)]
    assert first == [200, 200, 429]
    assert get(client, PUBLIC_API, address=proxy, forwarded="198.51.100.2").status_code == 200


# --- who the client is --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("proxies", "remote", "forwarded", "expected"),
    [
        (0, "203.0.113.1", None, "203.0.113.1"),
        (0, "203.0.113.1", "192.0.2.1", "203.0.113.1"),  # no trusted proxy: the header is the client's own
        (1, "10.0.0.1", None, "10.0.0.1"),
        (1, "10.0.0.1", "192.0.2.1", "192.0.2.1"),
        (1, "10.0.0.1", "6.6.6.6, 192.0.2.1", "192.0.2.1"),  # what the client wrote on the left is ignored
        (2, "10.0.0.2", "6.6.6.6, 192.0.2.1, 10.0.0.1", "192.0.2.1"),
        (1, "10.0.0.1", " 2001:db8::1 ", "2001:db8::1"),
        (1, "10.0.0.1", "not-an-address", "10.0.0.1"),
        (1, "10.0.0.1", "", "10.0.0.1"),
    ],
)
def test_the_client_address_is_the_nth_from_the_right_behind_n_trusted_proxies(
    trusted_proxies, proxies, remote, forwarded, expected
):
    trusted_proxies(proxies)
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    assert client_address(RequestFactory().get("/", **extra)) == expected


def _settings_value(code: str, **env: str) -> str:
    base = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "AMBASSADOR_"))}
    result = subprocess.run(  # noqa: S603 - fixed argv, no shell
        [sys.executable, "manage.py", "shell", "--verbosity", "0", "-c", code],
        cwd=ROOT, env={**base, "DJANGO_SETTINGS_MODULE": "config.settings.local", **env},
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.mark.slow
def test_trusted_proxies_lockout_and_rates_come_from_the_environment():
    code = (
        "from django.conf import settings as s; r = s.REST_FRAMEWORK;"
        "print(r['NUM_PROXIES'], s.AXES_FAILURE_LIMIT, int(s.AXES_COOLOFF_TIME.total_seconds()),"
        " r['DEFAULT_THROTTLE_RATES']['staff_user'], r['DEFAULT_THROTTLE_RATES']['failed_credentials'])"
    )
    assert _settings_value(code).split() == ["0", "5", "1800", "600/min", "10/min"]
    assert _settings_value(
        code, DJANGO_NUM_PROXIES="2", AMBASSADOR_LOGIN_FAILURE_LIMIT="8", AMBASSADOR_LOGIN_COOLOFF_MINUTES="15",
        AMBASSADOR_STAFF_API_RATE="100/min", AMBASSADOR_API_FAILED_CREDENTIALS_RATE="3/min",
    ).split() == ["2", "8", "900", "100/min", "3/min"]


def test_an_unreadable_throttle_rate_stops_the_start_up_with_a_clear_message(settings):
    from ambassador.core.api.throttling import throttle_rates_are_readable

    assert throttle_rates_are_readable(None) == []
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"staff_user": "lots", "staff_address": None, "failed_credentials": "3/hour"},
    }
    errors = throttle_rates_are_readable(None)
    assert [error.id for error in errors] == ["core.E101"]
    assert "'lots'" in errors[0].msg
