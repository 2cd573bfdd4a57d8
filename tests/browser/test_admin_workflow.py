"""The envoy's and the council staff's path through the admin, in a real browser.

An envoy in Hanoi logs a meeting at 10:00 on the city's clock and submits it; they are offered no
way to publish their own record. A second person, on Hanoi's council staff, publishes it, and the
public page shows the meeting at 10 a.m., the time the envoy typed.
"""

from __future__ import annotations

import pytest

from ambassador.negotiations.choices import ReviewState
from ambassador.negotiations.factories import NegotiationFactory
from ambassador.negotiations.models import Meeting
from ambassador.stakeholders.factories import CityFactory, CouncilStaffUserFactory, EnvoyUserFactory

from .conftest import screenshot

PASSWORD = "correct-horse-battery-staple"

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def hanoi_team(db):
    hanoi = CityFactory(name="Hanoi", slug="hanoi", country="VN", time_zone="Asia/Ho_Chi_Minh")
    envoy = EnvoyUserFactory(city=hanoi, username="hanoi-envoy")
    staff = CouncilStaffUserFactory(city=hanoi, username="hanoi-staff")
    negotiation = NegotiationFactory(city=hanoi, lead_envoy=envoy, title="Traffic camera data")
    return envoy, staff, negotiation


def _log_in(browser, live_server, username):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.width_name = "desktop"
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    return context, page


def test_a_meeting_typed_on_the_citys_clock_is_released_by_a_second_person(live_server, browser, hanoi_team):
    envoy, staff, negotiation = hanoi_team

    context, page = _log_in(browser, live_server, envoy.username)
    page.goto(f"{live_server.url}/admin/negotiations/meeting/add/?negotiation={negotiation.pk}")
    assert "Asia/Ho_Chi_Minh" in page.inner_text("#meeting_form")
    page.fill("#id_subject", "Camera data retention")
    page.fill("#id_starts_at_0", "2025-03-04")
    page.fill("#id_starts_at_1", "10:00")
    page.fill("#id_minutes_main_points", "The company presented its retention schedule for camera footage.")
    page.fill("#id_minutes_positions", "The city wants 30 days at most; the company proposes 90.")
    page.fill("#id_minutes_conclusions", "The company sends a 30-day proposal within two weeks.")
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist")
    meeting = Meeting.objects.get(subject="Camera data retention")
    assert meeting.starts_at.isoformat() == "2025-03-04T03:00:00+00:00"

    page.click("form.workflow-step button:has-text('Submit for review')")
    page.wait_for_selector("text=submitted for review")
    assert page.locator("form.workflow-step button:has-text('Publish')").count() == 0  # not for its author
    screenshot(page, "admin-meeting-submitted")
    context.close()

    context, page = _log_in(browser, live_server, staff.username)
    page.goto(f"{live_server.url}/admin/negotiations/meeting/{meeting.pk}/change/")
    page.click("form.workflow-step button:has-text('Publish')")
    page.wait_for_selector(".messagelist")
    context.close()
    meeting.refresh_from_db()
    assert meeting.review_state == ReviewState.PUBLISHED
    assert meeting.published_by == staff

    public = browser.new_page()
    public.goto(f"{live_server.url}/meetings/{meeting.pk}/")
    assert "10 a.m." in public.inner_text("main")
    public.close()
