"""Settings shared by every environment. Values come from the environment."""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from kombu import Exchange, Queue

BASE_DIR = Path(__file__).resolve().parent.parent.parent
APPS_DIR = BASE_DIR / "ambassador"

env = environ.Env()

DEBUG = env.bool("DJANGO_DEBUG", default=False)

TIME_ZONE = "UTC"
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("vi", "Tiếng Việt"),
]
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [APPS_DIR / "locale"]
# Local overrides of Django's number and date formats (e.g. thousands grouping in Vietnamese).
FORMAT_MODULE_PATH = ["ambassador.transparency.formats"]


def with_sqlite_options(database: dict) -> dict:
    """The database settings, made fit for several processes writing one SQLite file at once.

    ``make run`` writes SQLite from its web server, worker and beat. Write-ahead logging lets
    readers and one writer work side by side; every transaction (each request is one, as
    ATOMIC_REQUESTS is on) takes the write lock when it begins, so it never fails halfway when
    another process wrote first, and waits up to the busy timeout for that lock instead of
    answering "database is locked". Other engines are returned unchanged.
    """
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database.setdefault("OPTIONS", {}).update(
            {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
            }
        )
    return database


def with_replicas(databases: dict) -> dict:
    """The database settings with one alias per read replica in ``DATABASE_REPLICA_URLS``.

    The replicas are ``replica_1``, ``replica_2``, ... in the order given (comma-separated URLs,
    like ``DATABASE_URL``); ``ambassador.core.db_router`` sends public reads to them. They keep
    their connections as long as the primary does, check a kept connection once per request, give
    up connecting after 2 seconds (unless the URL says ``connect_timeout``), take no part in
    ``ATOMIC_REQUESTS`` (a replica that is down must not fail a request that does not read it),
    and mirror the primary in tests.
    """
    primary = databases["default"]
    for number, url in enumerate(env.list("DATABASE_REPLICA_URLS", default=[]), start=1):
        replica = env.db_url_config(url)
        replica["OPTIONS"] = {"connect_timeout": 2, **replica.get("OPTIONS", {})}
        replica.update(
            ATOMIC_REQUESTS=False,
            CONN_MAX_AGE=primary.get("CONN_MAX_AGE", 0),
            CONN_HEALTH_CHECKS=True,
            TEST={"MIRROR": "default"},
        )
        databases[f"replica_{number}"] = replica
    return databases


DATABASES = {"default": with_sqlite_options(env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"))}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
DATABASES = with_replicas(DATABASES)
# Public reads on the read replicas, when there are any; everything else on the primary.
DATABASE_ROUTERS = ["ambassador.core.db_router.ReplicaRouter"]
# Seconds a browser reads the public site from the primary after a write (ambassador/core/db_router.py).
AMBASSADOR_READ_YOUR_WRITES_SECONDS = env.int("AMBASSADOR_READ_YOUR_WRITES_SECONDS", default=10)
# Seconds a replica that did not answer is left out before it is tried again.
AMBASSADOR_REPLICA_RETRY_SECONDS = env.int("AMBASSADOR_REPLICA_RETRY_SECONDS", default=30)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

DJANGO_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # django.contrib.admin, with the admin site that asks for the second factor.
    "ambassador.core.apps.AdminConfig",
]
THIRD_PARTY_APPS = [
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "simple_history",
    "rest_framework",
    "knox",
    "django_filters",
    "drf_spectacular",
    # Swagger UI and ReDoc from the project's own static files, not a CDN.
    "drf_spectacular_sidecar",
    "csp",
    "axes",
]
LOCAL_APPS = [
    # Shared records about records (revisions, public notices); names no domain app.
    "ambassador.core",
    "ambassador.stakeholders",
    "ambassador.negotiations",
    "ambassador.commitments",
    "ambassador.risk",
    "ambassador.transparency",
    # Last: the demo data sits on top of every other app, and nothing imports from it.
    "ambassador.demo",
]
INSTALLED_APPS = DJANGO_APPS + THIRD_PARTY_APPS + LOCAL_APPS

MIDDLEWARE = [
    # First: /healthz answers a load balancer on any host name and over plain HTTP (ambassador/core/health.py).
    "ambassador.core.health.HealthCheckMiddleware",
    # Public, anonymous reads on a read replica when there are any (ambassador/core/db_router.py).
    "ambassador.core.db_router.ReplicaReadMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # LocaleMiddleware, except that the public site takes its language from the URL alone.
    "ambassador.transparency.middleware.SiteLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): the session passed the second factor (ambassador/core/two_factor.py).
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: turns a locked login into the lockout page (ambassador/core/lockout.py).
    "axes.middleware.AxesMiddleware",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [APPS_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Every permission comes from one rule set (ambassador/core/permissions.py); the login backend
# checks passwords and grants nothing. First, the lockout backend refuses locked logins.
AUTHENTICATION_BACKENDS = [
    "ambassador.core.lockout.LockoutBackend",
    "ambassador.core.permissions.RulesBackend",
    "ambassador.core.permissions.LoginBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "admin:login"

# Two factors (django-otp): an authenticator app (TOTP) and recovery codes. Required for every
# login of the admin, /staff/ and the session-authenticated staff API unless a settings module
# says otherwise (local and test settings make it optional; production requires it).
AMBASSADOR_REQUIRE_TWO_FACTOR = True
OTP_TOTP_ISSUER = "Tech ambassador record"
# The device admin never shows a secret or a recovery code, not even to superusers.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
# Login lockout (django-axes, ambassador/core/lockout.py) on every login form: after
# AXES_FAILURE_LIMIT failures for one username (from any address), or from one address (for any
# usernames), that username or address is refused for the cool-off; each further attempt starts it
# again. Superusers unlock in the admin (Access attempts). Attempts are kept in the database.
AXES_FAILURE_LIMIT = env.int("AMBASSADOR_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AMBASSADOR_LOGIN_COOLOFF_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_CLIENT_IP_CALLABLE = "ambassador.core.clients.client_address"
AXES_LOCKOUT_CALLABLE = "ambassador.core.lockout.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_ENABLE_ADMIN = False  # ambassador/core/admin_lockouts.py registers it under the project's rules
AXES_VERBOSE = False  # no banner at every start of a command or process

STATIC_URL = "/static/"
# Where collectstatic puts the files the site serves (WhiteNoise in production).
STATIC_ROOT = Path(env("DJANGO_STATIC_ROOT", default=str(BASE_DIR / "var" / "static")))
STATICFILES_DIRS = [APPS_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

EMAIL_BACKEND = env("DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", default="record@ambassador.invalid")
# A mail server that stops answering fails the send (the task retries) instead of holding it forever.
EMAIL_TIMEOUT = env.int("DJANGO_EMAIL_TIMEOUT", default=10)

# Celery: broker from CELERY_BROKER_URL, falling back to REDIS_URL.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=env("REDIS_URL", default="redis://127.0.0.1:6379/0"))
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = "UTC"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Every job finishes in seconds at a million commitments (tests/perf/bench_overdue.py), and the
# email sender stops after AMBASSADOR_EMAILS_PER_RUN and queues itself again, so a few minutes is
# plenty: a task still running after 4 minutes is stopped.
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=4 * 60)
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=3 * 60 + 30)
# Redis hands a task that is still unacknowledged after visibility_timeout to another worker; with
# late acks that includes running tasks, so it must exceed every time limit (config/celery.py checks
# this at start-up). It is also the worst-case delay before a task whose worker was killed (SIGKILL,
# lost machine) runs again: 10 minutes, plus up to a minute until a running worker sweeps for
# abandoned messages (unacked_restore_interval x unacked_restore_throttle), so 11 minutes at worst.
# A pool process killed under a live worker is requeued at once. Extra transport options may come
# as JSON, e.g. '{"visibility_timeout": 900}'.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": 10 * 60,
    "unacked_restore_interval": 10,
    "unacked_restore_throttle": 6,
    **env.json("CELERY_BROKER_TRANSPORT_OPTIONS", default={}),
}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True


def celery_queues(prefix: str) -> tuple[dict[str, str], list[Queue], dict[str, dict]]:
    """The task queues by kind, their declarations, and which tasks go where.

    Three queues, each consumed by workers of its own in production (``Procfile.production``), so
    a flood of one kind of work never delays another: ``jobs`` (the overdue job, the risk score,
    embargo release, digests and the outbox drain; the default), ``emails`` (sending alerts and
    digests) and ``exports`` (any task named ``export_*``). ``prefix`` tells apart the queues of
    installations, or test sessions, that share one Redis.
    """
    names = {kind: f"{prefix}{kind}" for kind in ("jobs", "emails", "exports")}
    declarations = [Queue(name, Exchange(name), routing_key=name) for name in names.values()]
    routes = {
        "ambassador.commitments.tasks.send_notifications": {"queue": names["emails"]},
        "ambassador.*.tasks.export_*": {"queue": names["exports"]},
    }
    return names, declarations, routes


AMBASSADOR_QUEUE_PREFIX = env("AMBASSADOR_QUEUE_PREFIX", default="")
AMBASSADOR_TASK_QUEUES, CELERY_TASK_QUEUES, CELERY_TASK_ROUTES = celery_queues(AMBASSADOR_QUEUE_PREFIX)
CELERY_TASK_DEFAULT_QUEUE = AMBASSADOR_TASK_QUEUES["jobs"]
# With late acks, a task that loses the broker connection is redelivered; stop it rather than finish it twice.
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = True
CELERY_BEAT_SCHEDULE: dict = {}
# Jobs saved by writes while the broker was down (ambassador/core/outbox.py) are sent within a minute.
CELERY_BEAT_SCHEDULE["publish-queued-jobs"] = {
    "task": "ambassador.core.tasks.publish_queued_jobs",
    "schedule": 60.0,
}

# Options of every Redis cache (ambassador/core/cache.py): a Redis that is down costs a request
# half a second at most, and the cache then fails open.
CACHE_REDIS_OPTIONS = {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}

# Overdue engine (ambassador.commitments). Beat times are UTC (CELERY_TIMEZONE). Each city's day
# starts at a different UTC hour, so the daily judgement runs every hour at :05: a commitment is
# flagged within the hour after midnight in its own city, and a run with nothing new writes nothing.
CELERY_BEAT_SCHEDULE["flag-overdue-commitments"] = {
    "task": "ambassador.commitments.tasks.flag_overdue_commitments",
    "schedule": crontab(minute=5),
}
# The weekly digest per city: Mondays 06:00 UTC (07:00/08:00 in Europe, 13:00 in Viet Nam).
CELERY_BEAT_SCHEDULE["send-weekly-commitment-digests"] = {
    "task": "ambassador.commitments.tasks.send_weekly_digests",
    "schedule": crontab(minute=0, hour=6, day_of_week="mon"),
}
AMBASSADOR_SITE_URL = env("AMBASSADOR_SITE_URL", default="http://127.0.0.1:8000")
# Small enough that one run of the sending task ends well within the task time limit.
AMBASSADOR_EMAILS_PER_RUN = env.int("AMBASSADOR_EMAILS_PER_RUN", default=200)
# An alert lists this many of its recipient's new flags, then links to the full list.
AMBASSADOR_ALERT_LIST_LENGTH = env.int("AMBASSADOR_ALERT_LIST_LENGTH", default=50)
# The public API's rate limit per client address.
AMBASSADOR_PUBLIC_API_RATE = env("AMBASSADOR_PUBLIC_API_RATE", default="120/min")
# Rendered public pages are kept in the cache, keyed by the data's version, and served again to
# readers without a session until the data changes (ambassador/transparency/caching.py).
AMBASSADOR_PUBLIC_PAGE_COPIES = env.bool("AMBASSADOR_PUBLIC_PAGE_COPIES", default=True)
AMBASSADOR_PUBLIC_PAGE_COPY_SECONDS = env.int("AMBASSADOR_PUBLIC_PAGE_COPY_SECONDS", default=600)

# Demo data (seed_demo) and its logins exist only where a settings module turns them on.
AMBASSADOR_DEMO_DATA = False

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # First: an address that brought too many wrong credentials is refused (429) before any is checked.
        "ambassador.core.api.throttling.RefuseAfterFailedCredentials",
        "ambassador.core.api.authentication.TokenAuthentication",
        "ambassador.core.api.sessions.VerifiedSessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "ambassador.core.api.pagination.StaffCursorPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "EXCEPTION_HANDLER": "ambassador.core.api.errors.exception_handler",
    # Staff API limits (ambassador/core/api/throttling.py), counted in the cache; the public API has its own.
    "DEFAULT_THROTTLE_CLASSES": [
        "ambassador.core.api.throttling.StaffUserThrottle",
        "ambassador.core.api.throttling.StaffAddressThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "staff_user": env("AMBASSADOR_STAFF_API_RATE", default="600/min"),
        "staff_address": env("AMBASSADOR_STAFF_API_ADDRESS_RATE", default="1200/min"),
        "failed_credentials": env("AMBASSADOR_API_FAILED_CREDENTIALS_RATE", default="10/min"),
    },
    # Who the client is: the number of reverse proxies in front of the site that append the address they
    # received a request from to X-Forwarded-For. 0 (the default) uses the socket's address and ignores
    # the header, which any client can write; with N, the Nth address from the right is the client's.
    # Every per-address limit (login lockout, API throttles) asks ambassador.core.clients.client_address.
    "NUM_PROXIES": env.int("DJANGO_NUM_PROXIES", default=0),
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
# Staff API tokens (django-rest-knox): stored as a SHA-512 digest, named, and always expiring. An owner
# chooses the lifetime up to the maximum; a token is sent as "Authorization: Token <key>".
KNOX_TOKEN_MODEL = "core.ApiToken"  # noqa: S105 - a model label, not a secret
# knox's own token model is swapped out for core.ApiToken, so knox's migrations are not run: they
# would make a table no model stands for, which still refers to the logins (and so stops Django
# from emptying the logins' table, as transactional tests and `flush` do).
MIGRATION_MODULES = {"knox": None}
REST_KNOX = {
    "TOKEN_TTL": timedelta(days=env.int("AMBASSADOR_API_TOKEN_DAYS", default=90)),
    "AUTO_REFRESH": False,
}
AMBASSADOR_API_TOKEN_MAX_DAYS = env.int("AMBASSADOR_API_TOKEN_MAX_DAYS", default=365)

SPECTACULAR_SETTINGS = {
    "TITLE": "Tech ambassador record: staff API",
    "DESCRIPTION": "Negotiations, meetings and commitments of the cities' tech ambassadors, scoped to your city.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Every operation's error answers (400, 401, 403, 404, 429) are in the schema too.
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "ambassador.core.api.schema.document_error_responses",
    ],
    "ENUM_NAME_OVERRIDES": {
        "OrganisationKindEnum": "ambassador.stakeholders.choices.OrganisationKind",
        "FlagKindEnum": "ambassador.commitments.choices.FlagKind",
    },
}

# Content-Security-Policy on every response: scripts, styles, fonts and images come from the site itself, so
# no inline script, event handler, <style> block or style="..." attribute runs. A page that needs more
# (ReDoc's generated styles) adds a per-request nonce to its own response, never 'unsafe-inline'.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        # The admin's and Swagger UI's stylesheets draw their icons as data: URIs.
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "INFO"},
}

# Staff dashboard and deadlines.
AMBASSADOR_STALLED_AFTER_DAYS = env.int("AMBASSADOR_STALLED_AFTER_DAYS", default=60)
AMBASSADOR_DUE_SOON_DAYS = env.int("AMBASSADOR_DUE_SOON_DAYS", default=14)

# Lobbying-risk score (ambassador/risk/scoring.py explains the indicators and the score).

# Weight of each indicator in the score; 0 leaves an indicator out. Indicators of one fact (spend and
# headcount: lobbying capacity) count once, with the larger weight.
AMBASSADOR_RISK_WEIGHTS = {
    "lobbying_spend": 1.0,
    "lobbyist_headcount": 1.0,
    "no_registry_id": 0.5,
    "meeting_frequency": 1.0,
    "official_concentration": 1.5,
    "vague_minutes": 1.0,
    "late_disclosure": 1.5,
    "withheld_meetings": 1.0,
    "revolving_door": 2.0,
    "topic_imbalance": 1.5,
    "commitment_record": 1.5,
    "inconsistency": 1.0,
}
# Peer-compared indicators: the lowest the threshold may go, whatever the peer fence says.
# Fixed indicators (no_registry_id, revolving_door, inconsistency): the threshold itself.
AMBASSADOR_RISK_THRESHOLDS = {
    "lobbying_spend": 0.0,  # in AMBASSADOR_RISK_SPEND_CURRENCY
    "lobbyist_headcount": 0.0,  # people
    "no_registry_id": 0.0,  # 1 when neither the company nor its parent has a register id where one applies
    "meeting_frequency": 1.0,  # meetings a month
    "official_concentration": 0.5,  # share of meetings with recorded city attendees
    "vague_minutes": 0.2,  # share of meetings with public minutes
    "late_disclosure": 14.0,  # days from meeting to the day the public could read it, on average
    "withheld_meetings": 0.2,  # share of public meetings that were or are withheld
    "revolving_door": 0.0,  # people
    "topic_imbalance": 3.0,  # company meetings per union or civil-society meeting on a topic
    "commitment_record": 0.25,  # share of commitments overdue, broken or moved
    "inconsistency": 0.0,  # principles promised in another city but not in this one
}
# "Unusually high" is above Q3 + k x IQR of the other companies' values ...
AMBASSADOR_RISK_FENCE_MULTIPLIER = env.float("AMBASSADOR_RISK_FENCE_MULTIPLIER", default=1.5)
# ... with at least this many other companies to compare with; otherwise not applicable.
AMBASSADOR_RISK_MIN_PEERS = env.int("AMBASSADOR_RISK_MIN_PEERS", default=5)
# A topic needs at least this many company meetings before its balance is judged.
AMBASSADOR_RISK_MIN_DATA_POINTS = env.int("AMBASSADOR_RISK_MIN_DATA_POINTS", default=3)
# Evidence: n data points weigh n / (n + this) against the peers (rates are shrunk toward the peers' median).
AMBASSADOR_RISK_PRIOR_POINTS = env.float("AMBASSADOR_RISK_PRIOR_POINTS", default=5.0)
# Shares are judged by their Wilson lower bound at this z, against a threshold never above the ceiling.
AMBASSADOR_RISK_SHARE_Z = env.float("AMBASSADOR_RISK_SHARE_Z", default=1.645)
AMBASSADOR_RISK_SHARE_CEILING = env.float("AMBASSADOR_RISK_SHARE_CEILING", default=0.8)
# Below this confidence (weighted share of evidence) a company is "not enough data", listed but not ranked.
AMBASSADOR_RISK_MIN_CONFIDENCE = env.float("AMBASSADOR_RISK_MIN_CONFIDENCE", default=0.3)
# A city role and a company role less than this many days apart count as a revolving door.
AMBASSADOR_RISK_COOLING_OFF_DAYS = env.int("AMBASSADOR_RISK_COOLING_OFF_DAYS", default=365)
# Declared spend is compared in this currency; disclosures in others are left out, not converted.
AMBASSADOR_RISK_SPEND_CURRENCY = env("AMBASSADOR_RISK_SPEND_CURRENCY", default="EUR")
AMBASSADOR_RISK_DISCLOSURE_MAX_AGE_DAYS = env.int("AMBASSADOR_RISK_DISCLOSURE_MAX_AGE_DAYS", default=730)
# A run logs a warning when an indicator fires for more than this share of companies.
AMBASSADOR_RISK_WARN_FIRED_SHARE = env.float("AMBASSADOR_RISK_WARN_FIRED_SHARE", default=0.25)

CELERY_BEAT_SCHEDULE["compute-lobbying-risk"] = {
    "task": "ambassador.risk.tasks.compute_lobbying_risk",
    "schedule": crontab(hour=2, minute=30),  # UTC, nightly
}
CELERY_BEAT_SCHEDULE["release-embargoed-meetings"] = {
    "task": "ambassador.negotiations.tasks.release_embargoed_meetings",
    # Hourly: each city's release date begins at its own local midnight.
    "schedule": crontab(minute=5),
}
