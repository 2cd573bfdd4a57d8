"""Settings shared by every environment. Values come from the environment."""

from pathlib import Path

import environ
from celery.schedules import crontab

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

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

DJANGO_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.admin",
]
THIRD_PARTY_APPS = [
    "simple_history",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
]
LOCAL_APPS = [
    "ambassador.stakeholders",
    "ambassador.negotiations",
    "ambassador.commitments",
    "ambassador.transparency",
]
INSTALLED_APPS = DJANGO_APPS + THIRD_PARTY_APPS + LOCAL_APPS

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # LocaleMiddleware, except that the public site takes its language from the URL alone.
    "ambassador.transparency.middleware.SiteLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
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

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "admin:login"

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [APPS_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

EMAIL_BACKEND = env("DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", default="record@ambassador.invalid")

# Celery: broker from CELERY_BROKER_URL, falling back to REDIS_URL.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=env("REDIS_URL", default="redis://127.0.0.1:6379/0"))
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = "UTC"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=30 * 60)
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=25 * 60)
# Redis hands a task that is still unacknowledged after visibility_timeout to another worker; with
# late acks that includes running tasks, so it must exceed every time limit (config/celery.py checks
# this at start-up). Extra transport options may come as JSON, e.g. '{"visibility_timeout": 7200}'.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": CELERY_TASK_TIME_LIMIT * 2,
    **env.json("CELERY_BROKER_TRANSPORT_OPTIONS", default={}),
}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# With late acks, a task that loses the broker connection is redelivered; stop it rather than finish it twice.
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = True
CELERY_BEAT_SCHEDULE: dict = {}

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
AMBASSADOR_EMAILS_PER_RUN = env.int("AMBASSADOR_EMAILS_PER_RUN", default=500)

# Demo data (seed_demo) and its logins exist only where a settings module turns them on.
AMBASSADOR_DEMO_DATA = False

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "ambassador.stakeholders.api.pagination.StaffCursorPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "EXCEPTION_HANDLER": "ambassador.stakeholders.api.errors.exception_handler",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Tech ambassador record: staff API",
    "DESCRIPTION": "Negotiations, meetings and commitments of the cities' tech ambassadors, scoped to your city.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "OrganisationKindEnum": "ambassador.stakeholders.choices.OrganisationKind",
        "FlagKindEnum": "ambassador.commitments.choices.FlagKind",
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
