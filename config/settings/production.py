"""Production settings: safe by default.

Secrets, hosts, the database and the broker come only from the environment; a missing one
fails at start-up rather than falling back to a default.
"""

from whitenoise.compress import Compressor

from .base import *  # noqa: F403
from .base import env, with_replicas, with_sqlite_options

DEBUG = False
SECRET_KEY = env("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")
DATABASES = {"default": with_sqlite_options(env.db("DATABASE_URL"))}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES = with_replicas(DATABASES)
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=None) or env("REDIS_URL")
# One cache for every process, so the public API's throttle counts each client once across workers.
# It fails open (ambassador/core/cache.py): with Redis down, pages and the API answer, unthrottled.
CACHES = {
    "default": {
        "BACKEND": "ambassador.core.cache.FailOpenRedisCache",
        "LOCATION": env("CACHE_URL", default=None) or env("REDIS_URL", default=None) or CELERY_BROKER_URL,
        "KEY_PREFIX": "ambassador",
        "OPTIONS": CACHE_REDIS_OPTIONS,  # noqa: F405
    }
}

# Static files are served by WhiteNoise, straight after the security middleware.
_security = MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1  # noqa: F405
MIDDLEWARE = [*MIDDLEWARE[:_security], "whitenoise.middleware.WhiteNoiseMiddleware", *MIDDLEWARE[_security:]]  # noqa: F405

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
# The language cookie holds no secret, but every cookie the site sets travels over HTTPS alone.
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# Source maps (the API docs' bundles ship megabytes of them) are fetched only by a browser's developer
# tools; compressing them would more than double the time collectstatic takes.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = [*Compressor.SKIP_COMPRESS_EXTENSIONS, "map"]
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

AMBASSADOR_DEMO_DATA = False
# Every login of the admin, /staff/ and the session-authenticated staff API gives a second
# factor. Deliberately not read from the environment: no variable turns it off in production.
AMBASSADOR_REQUIRE_TWO_FACTOR = True
