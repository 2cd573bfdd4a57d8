"""With production settings, a public page, the admin and the API docs send the security headers and
only Secure cookies.

The site runs in a subprocess with config.settings.production (its environment as in production, its
database the test database), after a release-style ``collectstatic`` into a folder of its own.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection

from ambassador.stakeholders.factories import UserFactory

ROOT = Path(__file__).resolve().parent.parent
HOST = "record.example.org"
PASSWORD = "correct-horse-battery-staple"

# Run inside the production-settings process: collect the static files, then request each page
# over HTTPS and report its status, headers and cookies as JSON.
PROBE = """
import json, sys, tempfile
import django
django.setup()
from django.core.management import call_command
from django.test import Client
from django.test.utils import override_settings

username, password, host = sys.argv[1:4]
report = {}
# Django's manifest storage: the production one (WhiteNoise's) also compresses every file, which takes
# minutes and changes no header.
storages = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}
with tempfile.TemporaryDirectory() as static_root, override_settings(STATIC_ROOT=static_root, STORAGES=storages):
    call_command("collectstatic", interactive=False, verbosity=0)
    client = Client(HTTP_HOST=host)

    def record(name, response):
        report[name] = {
            "status": response.status_code,
            "headers": dict(response.headers),
            "cookies": {
                key: {flag: morsel[flag] for flag in ("secure", "httponly", "samesite")}
                for key, morsel in response.cookies.items()
            },
        }

    record("insecure", client.get("/"))
    for path in ("/", "/commitments/", "/admin/login/", "/api/public/v1/docs/", "/api/public/v1/"):
        record(path, client.get(path, secure=True))
    record("language", client.post("/i18n/setlang/", {"language": "vi", "next": "/"}, secure=True))
    record("login", client.post(
        "/admin/login/?next=/admin/", {"username": username, "password": password}, secure=True
    ))
    for path in ("/admin/", "/api/docs/", "/api/redoc/", "/staff/"):
        record(path, client.get(path, secure=True))
print(json.dumps(report))
"""

PAGES = ["/", "/commitments/", "/admin/login/", "/admin/", "/api/docs/", "/api/redoc/", "/api/public/v1/docs/",
         "/api/public/v1/", "/staff/"]


def database_url() -> str:
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture(scope="module")
def production_site(django_db_setup, django_db_blocker):
    """The production-settings site's answers to each request of the probe, by page."""
    with django_db_blocker.unblock():
        # Hashed as production hashes passwords; the test settings' fast hasher is not one of them.
        hasher = PBKDF2PasswordHasher()
        user = UserFactory(superuser=True)
        user.password = hasher.encode(PASSWORD, hasher.salt(), iterations=1000)
        user.save(update_fields=["password"])
        try:
            base = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "CELERY_"))}
            env = {
                **base,
                "DJANGO_SETTINGS_MODULE": "config.settings.production",
                "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
                "DJANGO_ALLOWED_HOSTS": HOST,
                "DATABASE_URL": database_url(),
                "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
            }
            result = subprocess.run(  # noqa: S603 - fixed argv, no shell
                [sys.executable, "-c", PROBE, user.username, PASSWORD, HOST], cwd=ROOT, env=env,
                capture_output=True, text=True, timeout=300, check=False,
            )
        finally:
            user.delete()
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def policy_of(answer: dict) -> dict[str, list[str]]:
    directives = {}
    for part in answer["headers"]["Content-Security-Policy"].split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


# The marker also has pytest-django create the test database the production-settings process uses.
pytestmark = [pytest.mark.slow, pytest.mark.django_db]


def test_plain_http_is_redirected_to_https(production_site):
    answer = production_site["insecure"]

    assert answer["status"] == 301
    assert answer["headers"]["Location"] == f"https://{HOST}/"


def test_every_page_answers_with_the_production_settings(production_site):
    assert {page: production_site[page]["status"] for page in PAGES} == dict.fromkeys(PAGES, 200)
    assert production_site["login"]["status"] == 302
    assert production_site["login"]["headers"]["Location"] == "/admin/"


@pytest.mark.parametrize("page", PAGES)
def test_every_page_sends_the_security_headers(production_site, page):
    headers = production_site[page]["headers"]

    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    policy = policy_of(production_site[page])
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["base-uri"] == ["'self'"]
    assert not any("unsafe" in source for sources in policy.values() for source in sources)


def test_the_csrf_cookie_of_the_admin_login_page_is_https_only(production_site):
    cookie = production_site["/admin/login/"]["cookies"]["csrftoken"]

    assert cookie["secure"] is True
    assert cookie["samesite"] == "Lax"


def test_the_session_cookie_of_a_login_is_https_only_and_hidden_from_scripts(production_site):
    cookie = production_site["login"]["cookies"]["sessionid"]

    assert cookie == {"secure": True, "httponly": True, "samesite": "Lax"}


def test_the_language_cookie_is_https_only_and_hidden_from_scripts(production_site):
    answer = production_site["language"]

    assert answer["status"] == 302
    assert answer["cookies"]["django_language"] == {"secure": True, "httponly": True, "samesite": "Lax"}
