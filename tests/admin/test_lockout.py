"""Login lockout (django-axes): repeated failures lock a username and an address, separately, for a cool-off.

Attempts are counted in the database (PostgreSQL here, as in production), so each test starts with none.
"""

import datetime

import pytest
from axes.models import AccessAttempt, AccessLog
from django.contrib.auth import authenticate
from django.db.models import F
from django.test import Client, RequestFactory
from django.urls import reverse

from ambassador.stakeholders.factories import CouncilStaffUserFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery-staple"  # the factories' password
LOGIN_URL = "/admin/login/"


def try_login(client, username, password, *, address="203.0.113.5", forwarded=None):
    extra = {"REMOTE_ADDR": address}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return client.post(LOGIN_URL, {"username": username, "password": password, "next": "/admin/"}, **extra)


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.fixture
def limit(settings):
    return settings.AXES_FAILURE_LIMIT


@pytest.fixture
def staff_login(amsterdam):
    return CouncilStaffUserFactory(city=amsterdam, username="ams-staff")


def test_repeated_wrong_passwords_lock_the_username_and_the_right_one_is_then_refused_with_a_clear_page(
    staff_login, limit, settings
):
    client = Client()
    for _ in range(limit - 1):
        response = try_login(client, "ams-staff", "wrong")
        assert response.status_code == 200  # the login form again, with its error

    locked = try_login(client, "ams-staff", "wrong")
    assert locked.status_code == 429
    assert "Too many failed logins" in locked.text

    refused = try_login(client, "ams-staff", PASSWORD)
    assert refused.status_code == 429
    assert not logged_in(client)
    assert "logging in is paused" in refused.text
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    assert f"for {minutes} minutes" in refused.text
    assert refused["Retry-After"] == str(minutes * 60)
    assert "admin/locked_out.html" in [template.name for template in refused.templates]


def test_a_locked_username_is_refused_from_every_address(staff_login, limit):
    for n in range(limit):
        try_login(Client(), "ams-staff", "wrong", address=f"198.51.100.{n + 1}")

    client = Client()
    assert try_login(client, "ams-staff", PASSWORD, address="192.0.2.200").status_code == 429
    assert not logged_in(client)


def test_a_locked_address_is_refused_for_every_username(staff_login, limit):
    for n in range(limit):
        try_login(Client(), f"someone-{n}", "wrong", address="203.0.113.9")

    client = Client()
    assert try_login(client, "ams-staff", PASSWORD, address="203.0.113.9").status_code == 429
    assert not logged_in(client)
    # The same login from another address is not locked: no username reached the limit.
    assert try_login(client, "ams-staff", PASSWORD, address="192.0.2.10").status_code == 302
    assert logged_in(client)


def test_the_lockout_ends_after_the_cool_off(staff_login, limit, settings):
    client = Client()
    for _ in range(limit):
        try_login(client, "ams-staff", "wrong")
    assert try_login(client, "ams-staff", PASSWORD).status_code == 429

    # As if the cool-off had passed since the last attempt.
    AccessAttempt.objects.update(
        attempt_time=F("attempt_time") - settings.AXES_COOLOFF_TIME - datetime.timedelta(seconds=1)
    )

    response = try_login(client, "ams-staff", PASSWORD)
    assert response.status_code == 302
    assert logged_in(client)


def test_the_failure_limit_and_the_cool_off_come_from_the_settings(staff_login, settings):
    settings.AXES_FAILURE_LIMIT = 2
    settings.AXES_COOLOFF_TIME = datetime.timedelta(minutes=5)
    client = Client()
    assert try_login(client, "ams-staff", "wrong").status_code == 200
    locked = try_login(client, "ams-staff", "wrong")
    assert locked.status_code == 429
    assert locked["Retry-After"] == "300"
    assert "for 5 minutes" in locked.text


def test_a_superuser_sees_the_lockout_in_the_admin_and_unlocks_it(staff_login, superuser, envoy, limit):
    for _ in range(limit):
        try_login(Client(), "ams-staff", "wrong")
    assert try_login(Client(), "ams-staff", PASSWORD).status_code == 429

    changelist = reverse("admin:axes_accessattempt_changelist")
    envoy_client = Client()
    envoy_client.force_login(envoy)
    assert envoy_client.get(changelist).status_code == 403

    admin_client = Client()
    admin_client.force_login(superuser)
    page = admin_client.get(changelist, {"locked_out": "yes"})
    assert page.status_code == 200
    assert "ams-staff" in page.text
    assert "Locked Out" in page.text

    attempts = list(AccessAttempt.objects.filter(username="ams-staff").values_list("pk", flat=True))
    response = admin_client.post(changelist, {"action": "unlock", "_selected_action": attempts})
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username="ams-staff").exists()

    client = Client()
    assert try_login(client, "ams-staff", PASSWORD).status_code == 302
    assert logged_in(client)


def test_nobody_edits_a_login_attempt_and_only_superusers_delete_one(staff_login, superuser, envoy):
    try_login(Client(), "ams-staff", "wrong")
    attempt = AccessAttempt.objects.get(username="ams-staff")
    change = reverse("admin:axes_accessattempt_change", args=[attempt.pk])
    delete = reverse("admin:axes_accessattempt_delete", args=[attempt.pk])

    envoy_client = Client()
    envoy_client.force_login(envoy)
    assert envoy_client.get(change).status_code == 403
    assert envoy_client.post(delete, {"post": "yes"}).status_code == 403

    admin_client = Client()
    admin_client.force_login(superuser)
    assert admin_client.get(change).status_code == 200
    assert admin_client.post(change, {"failures_since_start": 0}).status_code == 403
    assert admin_client.post(delete, {"post": "yes"}).status_code == 302
    assert not AccessAttempt.objects.exists()


def test_a_made_up_forwarded_for_header_does_not_reset_the_lockout(staff_login, limit):
    # No trusted proxy (the default): the socket's address counts, whatever the client writes.
    for n in range(limit):
        try_login(Client(), f"someone-{n}", "wrong", address="203.0.113.9", forwarded=f"10.9.8.{n}")

    client = Client()
    response = try_login(client, "ams-staff", PASSWORD, address="203.0.113.9", forwarded="10.9.8.200")
    assert response.status_code == 429
    assert not logged_in(client)
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.9"}


def test_behind_one_trusted_proxy_the_address_the_proxy_saw_is_locked(staff_login, limit, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    proxy = "10.0.0.1"
    for n in range(limit):
        # The client may put anything on the left; the proxy appends the address it saw.
        try_login(Client(), f"someone-{n}", "wrong", address=proxy, forwarded=f"192.0.2.{n}, 198.51.100.1")

    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"198.51.100.1"}
    locked_client = Client()
    assert try_login(locked_client, "ams-staff", PASSWORD, address=proxy, forwarded="198.51.100.1").status_code == 429

    other_client = Client()
    assert try_login(other_client, "ams-staff", PASSWORD, address=proxy, forwarded="198.51.100.2").status_code == 302
    assert logged_in(other_client)


def test_any_login_form_that_authenticates_with_the_request_is_counted(staff_login, limit):
    request_factory = RequestFactory()
    for _ in range(limit):
        request = request_factory.post("/another-login-form/", REMOTE_ADDR="203.0.113.20")
        assert authenticate(request, username="ams-staff", password="wrong") is None

    request = request_factory.post("/another-login-form/", REMOTE_ADDR="203.0.113.20")
    assert authenticate(request, username="ams-staff", password=PASSWORD) is None
    assert getattr(request, "axes_locked_out", False)


def test_a_superuser_is_locked_out_like_anyone(limit):
    UserFactory(superuser=True, username="root-admin")
    for _ in range(limit):
        try_login(Client(), "root-admin", "wrong")
    client = Client()
    assert try_login(client, "root-admin", PASSWORD).status_code == 429
    assert not logged_in(client)


@pytest.mark.parametrize("header", ["HTTP_USER_AGENT", "HTTP_ACCEPT"])
def test_a_failed_login_with_a_nul_byte_in_a_header_is_counted_not_a_server_error(staff_login, header):
    response = Client().post(LOGIN_URL, {"username": "ams-staff", "password": "wrong"}, **{header: "a\x00b"})
    assert response.status_code == 200
    assert AccessAttempt.objects.get(username="ams-staff").failures_since_start == 1


def test_a_login_with_a_nul_byte_in_its_user_agent_is_logged_in_and_recorded(staff_login):
    client = Client()
    response = client.post(LOGIN_URL, {"username": "ams-staff", "password": PASSWORD, "next": "/admin/"},
                           HTTP_USER_AGENT="a\x00b")
    assert response.status_code == 302
    assert AccessLog.objects.get(username="ams-staff").user_agent == "ab"
