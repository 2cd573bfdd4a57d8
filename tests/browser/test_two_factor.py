"""Two-factor sign-in in a real browser: enrolment at the first sign-in, then a code at the next.

The test reads the secret off the enrolment page and computes the codes from it, as an
authenticator app does after typing the secret in.
"""

from __future__ import annotations

import time
from base64 import b32decode

import pytest
from django_otp.oath import TOTP

from ambassador.stakeholders.factories import CityFactory, CouncilStaffUserFactory

from .conftest import screenshot

PASSWORD = "correct-horse-battery-staple"

pytestmark = pytest.mark.django_db(transaction=True)


def _code(secret: str, steps_ahead: int = 0) -> str:
    totp = TOTP(b32decode(secret.replace(" ", "")), step=30, t0=0, digits=6)
    totp.time = time.time() + steps_ahead * 30
    return f"{totp.token():06d}"


def _new_page(browser, width_name="desktop", size=(1280, 900)):
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.width_name = width_name
    return context, page


def _password_step(page, live_server, username):
    page.goto(f"{live_server.url}/admin/login/?next=/staff/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")


def test_a_council_staff_member_enrols_an_authenticator_and_signs_in_with_its_code(live_server, browser, settings):
    settings.AMBASSADOR_REQUIRE_TWO_FACTOR = True
    staff = CouncilStaffUserFactory(city=CityFactory(name="Amsterdam"), username="ams-staff-2fa")

    context, page = _new_page(browser)
    console_errors = []
    page.on("console", lambda message: message.type == "error" and console_errors.append(message.text))
    _password_step(page, live_server, staff.username)
    page.wait_for_url(f"{live_server.url}/admin/login/enrol/")
    assert page.locator("svg.two-factor-qr").is_visible()
    secret = page.inner_text(".two-factor-secret")
    screenshot(page, "two-factor-enrol")

    page.fill("#id_code", _code(secret))
    page.click("#two-factor-enrol-form input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/two-factor/recovery-codes/")
    codes = page.locator("#recovery-codes code").all_inner_texts()
    assert len(codes) == 10
    screenshot(page, "two-factor-recovery-codes")
    page.click("text=I have saved them: continue")
    page.wait_for_url(f"{live_server.url}/staff/")
    # Nothing on these pages needs an inline script or style a Content-Security-Policy would refuse.
    assert [error for error in console_errors if "Content Security Policy" in error] == []
    context.close()

    # The next sign-in asks for the code the app shows.
    context, page = _new_page(browser, "phone", (390, 844))
    _password_step(page, live_server, staff.username)
    page.wait_for_url(f"{live_server.url}/admin/login/code/")
    screenshot(page, "two-factor-code")
    valid = {_code(secret, steps) for steps in (-1, 0, 1, 2)}
    page.fill("#id_code", next(code for code in ("000000", "111111", "222222") if code not in valid))
    page.click("#two-factor-code-form input[type=submit]")
    assert "That code is not right" in page.inner_text("#two-factor-code-form")
    page.wait_for_timeout(1100)  # django-otp makes the device wait a second after a wrong code
    page.fill("#id_code", _code(secret, 1))  # the code of the enrolment was used already
    page.click("#two-factor-code-form input[type=submit]")
    page.wait_for_url(f"{live_server.url}/staff/")
    page.goto(f"{live_server.url}/admin/two-factor/")
    assert "authenticator app" in page.inner_text("#two-factor-status")
    context.close()
