"""The Redis cache fails open: with Redis down, reads miss, writes do nothing, and pages still answer."""

import time
from unittest import mock

import pytest
import redis
from django.core.cache import cache, caches

from ambassador.core import cache as cache_module
from ambassador.core.cache import FailOpenRedisCache
from ambassador.stakeholders.factories import CityFactory
from tests.redis_server import own_redis  # noqa: F401 - fixture

API = "/api/public/v1"


def _cache_settings(url: str, prefix: str = "ambassador-cache-test") -> dict:
    return {
        "default": {
            "BACKEND": "ambassador.core.cache.FailOpenRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": prefix,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }


def test_the_test_settings_cache_on_redis_as_production_does():
    assert isinstance(caches["default"], FailOpenRedisCache)
    cache.set("probe", 41)
    assert cache.incr("probe") == 42


def test_with_redis_down_reads_miss_and_writes_do_nothing_within_milliseconds(
    own_redis, settings, monkeypatch  # noqa: F811
):
    monkeypatch.setattr(FailOpenRedisCache, "_last_logged", 0.0)  # no outage logged in the last minute
    settings.CACHES = _cache_settings(own_redis.url())
    cache.set("kept", "value")
    assert cache.get("kept") == "value"
    own_redis.stop()

    warning = mock.patch.object(cache_module.logger, "warning")
    started = time.monotonic()
    with warning as logged:
        assert cache.get("kept", "default") == "default"
        assert cache.get_many(["kept"]) == {}
        assert cache.add("new", 1) is False
        cache.set("new", 1)
        cache.delete("kept")
        with pytest.raises(ValueError, match="not found"):
            cache.incr("kept")
        assert cache.has_key("kept") is False
    assert time.monotonic() - started < 2

    logged.assert_called_once()  # once a minute, not once per call
    assert "not answering" in logged.call_args.args[0]


def test_clear_deletes_only_this_caches_keys(own_redis, settings):  # noqa: F811
    settings.CACHES = _cache_settings(own_redis.url(), prefix="ambassador[1]")
    other = redis.Redis.from_url(own_redis.url())
    other.set("_kombu.binding.celery", "a broker key sharing the database")
    other.set(":1:unprefixed", "another cache's key")
    for n in range(1200):
        cache.set(f"key-{n}", n)

    cache.clear()

    assert cache.get("key-7") is None
    assert sorted(other.keys()) == [b":1:unprefixed", b"_kombu.binding.celery"]
    other.close()


@pytest.mark.django_db
def test_public_api_answers_unthrottled_while_the_cache_redis_is_down(client, own_redis, settings):  # noqa: F811
    CityFactory()
    settings.CACHES = _cache_settings(own_redis.url())
    settings.AMBASSADOR_PUBLIC_API_RATE = "2/min"
    assert [client.get(f"{API}/cities/").status_code for _ in range(3)] == [200, 200, 429]

    own_redis.stop()
    started = time.monotonic()
    codes = [client.get(f"{API}/cities/").status_code for _ in range(5)]
    assert codes == [200] * 5
    assert time.monotonic() - started < 5

    own_redis.start()  # back, and empty: counting starts again
    assert [client.get(f"{API}/cities/").status_code for _ in range(3)] == [200, 200, 429]
