"""Two factors: the password alone opens nothing where a second factor is needed; a code does.

Signed in through the real login pages with the test client. With ``AMBASSADOR_REQUIRE_TWO_FACTOR``
on (production), every envoy, council staff member and superuser gives a code from an
authenticator app or a recovery code; with it off (local settings, the demo), a login without an
authenticator signs in with its password alone.
"""

from __future__ import annotations

import re
import secrets
import time

import pytest
from django.contrib.auth.signals import user_login_failed
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from ambassador.core import two_factor
from ambassador.stakeholders.factories import UserFactory
from tests.api.conftest import token_for
from tests.test_settings import PRODUCTION_ENV, run_manage

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery-staple"  # UserFactory's
STAFF_PAGES = ("/admin/", "/staff/")
SESSION_API = "/api/v1/meetings/"


@pytest.fixture
def required(settings):
    settings.AMBASSADOR_REQUIRE_TWO_FACTOR = True


@pytest.fixture
def unthrottled(settings):
    # django-otp makes a device wait 1, 2, 4 ... seconds after each wrong code; tests that type
    # several wrong codes in a row do not wait.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


def enrolled(user) -> TOTPDevice:
    """Gives ``user`` a confirmed authenticator and recovery codes, as the enrolment page does."""
    device = TOTPDevice.objects.create(user=user, name=two_factor.AUTHENTICATOR_NAME, confirmed=True)
    two_factor.recovery_codes_renew(user=user)
    return device


def code_of(device: TOTPDevice, steps_ahead: int = 0) -> str:
    """The code the app shows now (or ``steps_ahead`` periods later: a code is accepted only once)."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def wrong_code_for(device: TOTPDevice) -> str:
    valid = {code_of(device, steps) for steps in (-1, 0, 1)}
    return next(code for code in ("000000", "111111", "222222", "333333") if code not in valid)


def sign_in(client, user, next_url: str = "/admin/"):
    return client.post(reverse("admin:login"), {"username": user.username, "password": PASSWORD, "next": next_url})


def give_code(client, code: str):
    return client.post(reverse("admin:login_code"), {"code": code})


def reaches(client) -> dict[str, int]:
    """The status of every staff page and of the staff API, with this session."""
    statuses = {page: client.get(page).status_code for page in STAFF_PAGES}
    statuses[SESSION_API] = client.get(SESSION_API).status_code
    return statuses


REACHED = {"/admin/": 200, "/staff/": 200, SESSION_API: 200}
# The staff API answers 401 (with `WWW-Authenticate: Token`, its first scheme) and says a code is needed.
REFUSED = {"/admin/": 302, "/staff/": 302, SESSION_API: 401}


@pytest.fixture
def failed_logins():
    failures = []

    def record(sender, credentials, request=None, **kwargs):
        failures.append(credentials.get("username"))

    user_login_failed.connect(record)
    yield failures
    user_login_failed.disconnect(record)


# --- with two factors required ------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["envoy", "staff", "superuser"])
def test_the_password_alone_reaches_no_admin_page_no_staff_page_and_no_session_api(required, role, request):
    user = request.getfixturevalue(role)
    enrolled(user)
    client = Client()

    response = sign_in(client, user)

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:login_code")
    assert reaches(client) == REFUSED
    assert client.get("/admin/")["Location"].startswith(reverse("admin:login"))


@pytest.mark.parametrize("role", ["envoy", "staff", "superuser"])
def test_a_code_from_the_authenticator_after_the_password_reaches_the_admin_the_dashboard_and_the_api(
    required, role, request,
):
    user = request.getfixturevalue(role)
    device = enrolled(user)
    client = Client()
    sign_in(client, user, next_url="/staff/")

    response = give_code(client, code_of(device))

    assert response.status_code == 302
    assert response["Location"] == "/staff/"
    assert reaches(client) == REACHED


def test_a_wrong_code_is_a_form_error_and_counts_as_a_failed_login(required, envoy, failed_logins):
    device = enrolled(envoy)
    client = Client()
    sign_in(client, envoy)

    response = give_code(client, wrong_code_for(device))

    assert response.status_code == 200
    assert "That code is not right" in response.content.decode()
    assert failed_logins == [envoy.username]
    assert reaches(client) == REFUSED


def test_codes_typed_again_too_fast_are_refused_with_the_wait(required, envoy):
    device = enrolled(envoy)
    client = Client()
    sign_in(client, envoy)
    give_code(client, wrong_code_for(device))

    response = give_code(client, code_of(device))  # right, but within the second django-otp makes it wait

    assert response.status_code == 200
    assert "Too many wrong codes: wait" in response.content.decode()
    assert reaches(client) == REFUSED


def test_five_wrong_codes_ask_for_the_password_again(required, unthrottled, envoy, failed_logins, settings):
    settings.AXES_FAILURE_LIMIT = 20  # the lockout, which wrong codes also feed, is the next test's
    device = enrolled(envoy)
    client = Client()
    sign_in(client, envoy)

    for _ in range(5):
        response = give_code(client, wrong_code_for(device))

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:login")
    assert len(failed_logins) == 5
    response = give_code(client, code_of(device))
    assert response["Location"] == reverse("admin:login")  # the right code no longer helps
    assert reaches(client) == REFUSED


def test_wrong_codes_count_towards_the_login_lockout(required, unthrottled, envoy, settings):
    settings.AXES_FAILURE_LIMIT = 3
    device = enrolled(envoy)
    client = Client()
    sign_in(client, envoy)

    statuses = [give_code(client, wrong_code_for(device)).status_code for _ in range(3)]

    assert statuses[:2] == [200, 200]
    assert statuses[2] == 429  # the third failure locks the login out, as three wrong passwords would
    locked = sign_in(Client(), envoy)
    assert locked.status_code == 429
    assert reaches(client) == REFUSED


def test_a_bad_code_field_is_a_form_error_not_a_server_error(required, envoy):
    enrolled(envoy)
    client = Client()
    sign_in(client, envoy)

    for value in ("", "   ", "1\x002345", "x" * 500):
        response = give_code(client, value)
        assert response.status_code == 200, value
        assert "errorlist" in response.content.decode(), value


def test_the_code_page_without_the_password_step_asks_for_the_password(required, envoy):
    enrolled(envoy)

    response = Client().get(reverse("admin:login_code"))

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:login")


def test_a_wrong_password_does_not_reach_the_code_step(required, envoy, failed_logins):
    enrolled(envoy)
    client = Client()

    response = client.post(reverse("admin:login"), {"username": envoy.username, "password": "wrong", "next": "/"})

    assert response.status_code == 200
    assert failed_logins == [envoy.username]
    assert client.get(reverse("admin:login_code")).status_code == 302


def test_a_recovery_code_signs_in_once_and_not_twice(required, envoy):
    enrolled(envoy)
    recovery_code = StaticToken.objects.filter(device__user=envoy).first().token
    first = Client()
    sign_in(first, envoy)

    response = give_code(first, recovery_code.upper())  # as typed, in capitals

    assert response.status_code == 302
    assert reaches(first) == REACHED
    second = Client()
    sign_in(second, envoy)
    response = give_code(second, recovery_code)
    assert response.status_code == 200
    assert "used already" in response.content.decode()
    assert reaches(second) == REFUSED


def test_a_session_logged_in_before_two_factors_were_required_is_asked_for_them(required, envoy):
    client = Client()
    client.force_login(envoy)  # a password-only session, from before

    assert reaches(client) == REFUSED
    response = client.get(SESSION_API)
    assert "second factor" in response.json()["detail"]


def test_a_token_is_not_asked_for_a_code(required, envoy):
    enrolled(envoy)
    client = Client(HTTP_AUTHORIZATION=f"Token {token_for(envoy)}")

    assert client.get(SESSION_API).status_code == 200


def test_a_token_is_used_even_beside_a_session_that_has_not_given_its_code(required, envoy):
    client = Client(HTTP_AUTHORIZATION=f"Token {token_for(envoy)}")
    client.force_login(envoy)

    assert client.get(SESSION_API).status_code == 200


# --- enrolment ----------------------------------------------------------------------------------------------------


def _inline_code(html: str) -> list[str]:
    """Inline scripts and styles, which a strict Content-Security-Policy refuses."""
    scripts = [tag for tag in re.findall(r"<script\b[^>]*>", html) if "src=" not in tag]
    return scripts + re.findall(r"<style\b", html) + re.findall(r"\sstyle=", html) + re.findall(r"\son\w+=", html)


def test_enrolment_at_first_sign_in_shows_a_qr_code_confirms_a_code_and_shows_recovery_codes_once(required, staff):
    client = Client()

    response = sign_in(client, staff, next_url="/staff/")
    assert response["Location"] == reverse("admin:login_enrol")
    assert reaches(client) == REFUSED

    page = client.get(reverse("admin:login_enrol"))
    html = page.content.decode()
    assert page.status_code == 200
    assert "<svg" in html and "two-factor-qr" in html
    device = TOTPDevice.objects.get(user=staff, confirmed=False)
    assert two_factor.secret_of(device) in html
    assert _inline_code(html) == []
    assert "cdn" not in html.lower()
    assert client.get(reverse("admin:login_enrol")).content.decode().count(two_factor.secret_of(device)) == 1

    wrong = client.post(reverse("admin:login_enrol"), {"code": wrong_code_for(device)})
    assert wrong.status_code == 200
    assert "That code is not right" in wrong.content.decode()
    assert reaches(client) == REFUSED

    time.sleep(1.1)  # django-otp makes the device wait a second after the wrong code
    confirmed = client.post(reverse("admin:login_enrol"), {"code": code_of(device)})
    assert confirmed.status_code == 302
    assert confirmed["Location"] == reverse("admin:two_factor_recovery_codes")

    shown = client.get(reverse("admin:two_factor_recovery_codes")).content.decode()
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", shown)
    assert len(codes) == two_factor.RECOVERY_CODE_COUNT
    assert 'href="/staff/"' in shown
    assert sorted(codes) == sorted(StaticToken.objects.filter(device__user=staff).values_list("token", flat=True))
    again = client.get(reverse("admin:two_factor_recovery_codes")).content.decode()
    assert not any(code in again for code in codes)
    assert reaches(client) == REACHED

    # Signing in again asks for the code; one of the recovery codes works once.
    client.post(reverse("admin:logout"))
    assert sign_in(client, staff)["Location"] == reverse("admin:login_code")
    assert give_code(client, codes[0]).status_code == 302
    assert reaches(client) == REACHED
    other = Client()
    sign_in(other, staff)
    assert give_code(other, codes[0]).status_code == 200


def test_a_login_that_has_no_second_factor_cannot_skip_enrolment(required, envoy):
    client = Client()
    sign_in(client, envoy)

    assert client.get(reverse("admin:login_code"))["Location"] == reverse("admin:login_enrol")
    assert reaches(client) == REFUSED
    assert client.get(reverse("admin:two_factor_enrol")).status_code == 302


# --- with two factors optional (local settings, the demo) ---------------------------------------------------------


def test_with_two_factors_optional_the_password_alone_signs_in(envoy):
    client = Client()

    response = sign_in(client, envoy)

    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert reaches(client) == REACHED


def test_with_two_factors_optional_a_login_with_an_authenticator_still_gives_its_code(envoy):
    device = enrolled(envoy)
    client = Client()

    assert sign_in(client, envoy)["Location"] == reverse("admin:login_code")
    assert reaches(client) == REFUSED
    give_code(client, code_of(device))
    assert reaches(client) == REACHED


def test_a_user_enrols_from_their_two_factor_page_and_gives_codes_from_then_on(envoy):
    client = Client()
    sign_in(client, envoy)
    page = client.get(reverse("admin:two_factor"))
    assert "Set up an authenticator app" in page.content.decode()
    assert reverse("admin:two_factor") in client.get("/admin/").content.decode()  # linked in the user tools

    client.get(reverse("admin:two_factor_enrol"))
    device = TOTPDevice.objects.get(user=envoy, confirmed=False)
    response = client.post(reverse("admin:two_factor_enrol"), {"code": code_of(device)})
    assert response["Location"] == reverse("admin:two_factor_recovery_codes")
    assert reaches(client) == REACHED  # this session gave the code

    other = Client()
    assert sign_in(other, envoy)["Location"] == reverse("admin:login_code")
    assert reaches(other) == REFUSED


def test_new_recovery_codes_need_a_current_code_and_replace_the_old_ones(unthrottled, envoy):
    device = enrolled(envoy)
    old_codes = set(StaticToken.objects.filter(device__user=envoy).values_list("token", flat=True))
    client = Client()
    sign_in(client, envoy)
    give_code(client, code_of(device))

    refused = client.post(reverse("admin:two_factor"), {"action": "renew_codes", "renew_codes-code": "000000"})
    assert refused.status_code == 200
    assert set(StaticToken.objects.filter(device__user=envoy).values_list("token", flat=True)) == old_codes

    response = client.post(reverse("admin:two_factor"),
                           {"action": "renew_codes", "renew_codes-code": code_of(device, steps_ahead=1)})
    assert response["Location"] == reverse("admin:two_factor_recovery_codes")
    new_codes = set(StaticToken.objects.filter(device__user=envoy).values_list("token", flat=True))
    assert len(new_codes) == two_factor.RECOVERY_CODE_COUNT
    assert not new_codes & old_codes
    shown = client.get(reverse("admin:two_factor_recovery_codes")).content.decode()
    assert all(code in shown for code in new_codes)


def test_removing_the_authenticator_needs_a_current_code(envoy):
    device = enrolled(envoy)
    client = Client()
    sign_in(client, envoy)
    give_code(client, code_of(device))

    assert client.post(reverse("admin:two_factor"), {"action": "remove", "remove-code": ""}).status_code == 200
    assert TOTPDevice.objects.filter(user=envoy).exists()
    assert client.post(reverse("admin:two_factor"), {"action": "nonsense"}).status_code == 400

    response = client.post(reverse("admin:two_factor"), {"action": "remove", "remove-code": code_of(device, 1)})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=envoy).exists()
    assert not StaticDevice.objects.filter(user=envoy).exists()
    assert sign_in(Client(), envoy)["Location"] == "/admin/"  # optional here: the password alone again


# --- superusers reset devices -------------------------------------------------------------------------------------


def test_a_superuser_resets_a_users_devices_in_the_admin_without_seeing_their_secrets(envoy, superuser):
    device = enrolled(envoy)
    recovery_code = StaticToken.objects.filter(device__user=envoy).first().token
    client = Client()
    client.force_login(superuser)

    listing = client.get(reverse("admin:otp_totp_totpdevice_changelist"))
    assert listing.status_code == 200
    assert envoy.username in listing.content.decode()
    detail = client.get(reverse("admin:otp_totp_totpdevice_change", args=[device.pk])).content.decode()
    assert device.key not in detail and two_factor.secret_of(device) not in detail
    static = StaticDevice.objects.get(user=envoy)
    static_page = client.get(reverse("admin:otp_static_staticdevice_change", args=[static.pk]))
    assert recovery_code not in static_page.content.decode()
    assert client.get(reverse("admin:otp_totp_totpdevice_add")).status_code == 403

    for model, pk in (("otp_totp_totpdevice", device.pk), ("otp_static_staticdevice", static.pk)):
        response = client.post(reverse(f"admin:{model}_delete", args=[pk]), {"post": "yes"})
        assert response.status_code == 302

    assert not two_factor.has_device(UserFactory._meta.model.objects.get(pk=envoy.pk))


def test_envoys_and_council_staff_see_no_ones_devices_in_the_admin(envoy, staff):
    enrolled(staff)
    client = Client()
    client.force_login(envoy)

    assert client.get(reverse("admin:otp_totp_totpdevice_changelist")).status_code == 403
    assert client.get(reverse("admin:otp_static_staticdevice_changelist")).status_code == 403


# --- the settings -------------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_production_settings_require_two_factors_and_the_environment_cannot_turn_that_off():
    env = {**PRODUCTION_ENV, "DJANGO_SECRET_KEY": secrets.token_urlsafe(50), "AMBASSADOR_REQUIRE_TWO_FACTOR": "false"}
    code = (
        "from django.conf import settings as s;"
        "print(s.AMBASSADOR_REQUIRE_TWO_FACTOR, 'django_otp.middleware.OTPMiddleware' in s.MIDDLEWARE)"
    )
    result = run_manage("shell", "--verbosity", "0", "-c", code, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True"]


@pytest.mark.slow
def test_local_settings_leave_two_factors_optional_for_the_demo():
    code = "from django.conf import settings as s; print(s.AMBASSADOR_REQUIRE_TWO_FACTOR)"
    result = run_manage("shell", "--verbosity", "0", "-c", code,
                        env={"DJANGO_SETTINGS_MODULE": "config.settings.local"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False"]
