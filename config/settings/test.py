"""Settings for the test suite: PostgreSQL and Redis on localhost, as in production."""

import uuid

from .base import *  # noqa: F403
from .base import celery_queues, env, with_sqlite_options

DEBUG = False
SECRET_KEY = env("DJANGO_SECRET_KEY", default="test-only-not-a-secret")
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]

DATABASES = {
    "default": with_sqlite_options(env.db("DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/ambassador")),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=env("REDIS_URL", default="redis://127.0.0.1:6379/0"))
# Redis as the cache, as in production, under a prefix of this session's own so suites run side by
# side never share throttle counts, and cache.clear() deletes only this session's keys.
CACHES = {
    "default": {
        "BACKEND": "ambassador.core.cache.FailOpenRedisCache",
        "LOCATION": env("CACHE_URL", default=CELERY_BROKER_URL),
        "KEY_PREFIX": f"ambassador-test-{uuid.uuid4().hex[:12]}",
        "OPTIONS": CACHE_REDIS_OPTIONS,  # noqa: F405
    }
}

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = env("DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.locmem.EmailBackend")
# Worker processes started by the tests write their email to files here (filebased backend).
EMAIL_FILE_PATH = env("DJANGO_EMAIL_FILE_PATH", default=None)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

AMBASSADOR_DEMO_DATA = True
# Optional, as with local settings; the two-factor tests turn it on with the `settings` fixture.
AMBASSADOR_REQUIRE_TWO_FACTOR = False

# Real-worker tests (tests/test_worker.py): each test session sends and consumes on queues of its
# own (ambassador-test-<id>-jobs, -emails, -exports), so suites run side by side on one Redis never
# take each other's tasks; worker processes the tests start are given the same prefix, and a
# directory where jobs pause at named checkpoints.
AMBASSADOR_QUEUE_PREFIX = env("AMBASSADOR_QUEUE_PREFIX", default=f"ambassador-test-{uuid.uuid4().hex[:12]}-")
AMBASSADOR_TASK_QUEUES, CELERY_TASK_QUEUES, CELERY_TASK_ROUTES = celery_queues(AMBASSADOR_QUEUE_PREFIX)
CELERY_TASK_DEFAULT_QUEUE = AMBASSADOR_TASK_QUEUES["jobs"]
AMBASSADOR_JOB_CHECKPOINT_DIR = env("AMBASSADOR_JOB_CHECKPOINT_DIR", default=None)
