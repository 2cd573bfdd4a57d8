"""The Content-Security-Policy in a real browser: no page the project serves trips it, the API docs
render under it, and the public site works with JavaScript turned off."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from ambassador.stakeholders.factories import UserFactory
from tests.transparency.conftest import build_world

from .conftest import screenshot

PASSWORD = "correct-horse-battery-staple"

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

# Runs in every page before its own scripts: records each violation the browser reports.
RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"} `
    + `at ${event.sourceFile || document.location.href}:${event.lineNumber}`);
});
"""


# ReDoc's menu shows redocly's logo from their CDN; the policy refuses it (ReDoc then hides it), and
# that is the one violation these pages are expected to report.
REDOC_LOGO = "img-src blocked https://cdn.redoc.ly/redoc/logo-mini.svg"


def unexpected(violations: list[str]) -> list[str]:
    return [
        violation for violation in violations
        if not violation.startswith(REDOC_LOGO) and "'https://cdn.redoc.ly/redoc/logo-mini.svg'" not in violation
    ]


@pytest.fixture
def world(transactional_db):
    return build_world()


class WatchedPage:
    """A desktop page that keeps every CSP violation and CSP console error of every page it loads."""

    def __init__(self, context):
        context.add_init_script(RECORD_VIOLATIONS)
        self.page = context.new_page()
        self.page.set_default_timeout(15_000)
        self.page.width_name = "desktop"
        self.violations: list[str] = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.violations.append(f"script error: {error}"))

    def _console(self, message):
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            self.violations.append(f"console: {message.text}")

    def visit(self, url: str, *, ready: str = "main, #content, #swagger-ui, #redoc-container"):
        self.collect()
        response = self.page.goto(url)
        assert response.status == 200, url
        assert "script-src 'self'" in response.headers.get("content-security-policy", ""), url
        self.page.wait_for_selector(ready)
        self.page.wait_for_load_state("networkidle")
        return response

    def collect(self) -> list[str]:
        """The violations so far, including those the page has recorded since it loaded."""
        try:
            recorded = self.page.evaluate("window.cspViolations || []")
        except Exception:  # noqa: BLE001 - a page still loading has nothing to report yet
            recorded = []
        for violation in recorded:
            if violation not in self.violations:
                self.violations.append(violation)
        return self.violations


# The docs build themselves from the schema in the browser; on a busy machine that takes a while.
DOCS_TIMEOUT = 60_000


@pytest.fixture
def watched(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield WatchedPage(context)
    context.close()


def log_in(watched: WatchedPage, live_server, user) -> None:
    watched.visit(f"{live_server.url}/admin/login/")
    watched.page.fill("#id_username", user.username)
    watched.page.fill("#id_password", PASSWORD)
    watched.page.click("input[type=submit]")
    watched.page.wait_for_url(f"{live_server.url}/admin/")


def test_public_pages_trip_no_policy(live_server, watched, world):
    paths = [
        "/", "/vi/", "/cities/amsterdam/", "/negotiations/scooter-data/", "/companies/ridelyn-mobility/",
        f"/meetings/{world.restricted.pk}/", f"/commitments/{world.public_commitment.pk}/", "/commitments/",
        "/risk/", "/methodology/", "/withheld/", "/corrections/", "/data/",
    ]
    for path in paths:
        watched.visit(live_server.url + path)
        assert watched.page.locator("link[rel=stylesheet]").count() >= 1
        # The site's own stylesheet applied: the skip link is moved off screen until focused.
        assert watched.page.evaluate("getComputedStyle(document.querySelector('.skip-link')).position") == "absolute"

    assert watched.collect() == []


def test_admin_and_staff_dashboard_trip_no_policy(live_server, watched, world):
    log_in(watched, live_server, UserFactory(superuser=True))
    meeting = world.submitted
    paths = [
        "/admin/",
        "/admin/negotiations/meeting/",
        f"/admin/negotiations/meeting/{meeting.pk}/change/",
        f"/admin/negotiations/meeting/add/?negotiation={world.negotiation.pk}",
        "/admin/negotiations/negotiation/",
        f"/admin/negotiations/negotiation/{world.negotiation.pk}/change/",
        "/admin/commitments/commitment/",
        f"/admin/commitments/commitment/{world.public_commitment.pk}/change/",
        f"/admin/negotiations/meeting/{world.public_meeting.pk}/return-to-draft/",
        f"/admin/negotiations/meeting/{world.public_meeting.pk}/delete/",
        "/admin/password_change/",
        "/staff/",
    ]
    for path in paths:
        watched.visit(live_server.url + path)

    watched.visit(f"{live_server.url}/admin/negotiations/meeting/{meeting.pk}/change/")
    # The workflow's buttons sit in one row with the admin's object tools, as the stylesheet says.
    step = watched.page.locator("form.workflow-step").first
    assert step.evaluate("form => getComputedStyle(form).display") == "inline"
    screenshot(watched.page, "admin-meeting-under-csp")
    watched.visit(f"{live_server.url}/admin/negotiations/meeting/add/?negotiation={world.negotiation.pk}")
    # The admin's own scripts run: the date shortcuts are drawn by JavaScript.
    expect(watched.page.locator(".datetimeshortcuts").first).to_be_visible()
    watched.visit(f"{live_server.url}/staff/")
    expect(watched.page.locator("svg.chart").first).to_be_visible()
    assert watched.page.locator("svg.chart").first.bounding_box()["width"] <= 640

    assert watched.collect() == []


def test_the_staff_api_docs_render_under_the_policy(live_server, watched, world):
    log_in(watched, live_server, UserFactory(superuser=True))

    watched.visit(f"{live_server.url}/api/docs/")
    expect(watched.page.locator(".opblock").first).to_be_visible(timeout=DOCS_TIMEOUT)
    assert watched.page.locator(".opblock-summary-path", has_text="/api/v1/commitments/").count() >= 1
    # Swagger UI's own stylesheet applied.
    assert watched.page.locator(".swagger-ui .opblock-tag").first.evaluate(
        "tag => getComputedStyle(tag).display"
    ) == "flex"
    screenshot(watched.page, "api-docs")

    watched.visit(f"{live_server.url}/api/redoc/")
    expect(watched.page.get_by_role("heading", name=re.compile("staff API"))).to_be_visible(
        timeout=DOCS_TIMEOUT
    )
    expect(watched.page.locator("[data-section-id^='tag/']").first).to_be_attached()
    # ReDoc's generated styles were admitted by the nonce: its menu is laid out beside the content.
    assert watched.page.locator(".menu-content").first.evaluate("menu => getComputedStyle(menu).position") in (
        "sticky", "fixed",
    )
    screenshot(watched.page, "api-redoc")

    assert unexpected(watched.collect()) == [], "\n".join(watched.violations)


def test_the_browsable_staff_api_keeps_its_layout_and_scripts_under_the_policy(live_server, watched, world):
    log_in(watched, live_server, UserFactory(superuser=True))

    watched.visit(f"{live_server.url}/api/v1/commitments/")
    filters = watched.page.locator("button[data-target='#filtersModal']")
    # Django REST framework floats this button with a style attribute the policy refuses; the
    # project's stylesheet floats it instead.
    assert filters.evaluate("button => getComputedStyle(button).float") == "right"
    filters.click()  # Bootstrap's script, from the site, opens the filter form
    expect(watched.page.locator("#filtersModal")).to_be_visible()
    screenshot(watched.page, "browsable-api-under-csp")
    # The only reports are of those refused style attributes in REST framework's own template.
    assert [v for v in watched.collect() if "style-src-attr" not in v and "inline style" not in v] == []


def test_the_public_api_docs_render_anonymously_under_the_policy(live_server, watched, world):
    watched.visit(f"{live_server.url}/api/public/v1/docs/")
    expect(watched.page.locator(".opblock").first).to_be_visible(timeout=DOCS_TIMEOUT)
    assert watched.page.locator(".opblock-summary-path", has_text="/api/public/v1/meetings/").count() >= 1

    watched.visit(f"{live_server.url}/api/public/v1/redoc/")
    expect(watched.page.get_by_role("heading", name=re.compile("public API"))).to_be_visible(
        timeout=DOCS_TIMEOUT
    )

    assert unexpected(watched.collect()) == [], "\n".join(watched.violations)


@pytest.fixture
def page_without_javascript(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.width_name = "desktop"
    yield page
    context.close()


def test_the_public_site_works_without_javascript(live_server, page_without_javascript, world):
    page = page_without_javascript
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("What cities negotiate")

    page.get_by_role("link", name="Amsterdam", exact=True).first.click()
    expect(page).to_have_url(re.compile(r"/cities/amsterdam/$"))
    page.get_by_role("link", name="Scooter data").first.click()
    expect(page).to_have_url(re.compile(r"/negotiations/scooter-data/$"))
    expect(page.get_by_text("Restricted: the minutes are withheld")).to_be_visible()

    page.get_by_role("link", name="Commitments", exact=True).first.click()
    expect(page.get_by_role("status")).to_have_text("1 commitment")
    page.get_by_label("Completion level").select_option("complete")
    page.get_by_role("button", name="Filter").click()
    expect(page).to_have_url(re.compile(r"completion_level=complete|complete"))
    expect(page.get_by_role("status")).to_have_text("0 commitments")
    page.get_by_label("Completion level").select_option("")
    page.get_by_label("Overdue only").check()
    page.get_by_label("Text contains").fill("anonymised")
    page.get_by_role("button", name="Filter").click()
    expect(page).to_have_url(re.compile(r"overdue=on"))
    expect(page.get_by_role("status")).to_have_text("1 commitment")

    page.get_by_role("link", name="Share anonymised trips weekly").first.click()
    expect(page).to_have_url(re.compile(rf"/commitments/{world.public_commitment.pk}/$"))
    expect(page.get_by_text("Share anonymised trips weekly").first).to_be_visible()
    # The progress reports fold away in a <details> element, which opens without a script.
    page.get_by_text("Progress reports (1)").click()
    expect(page.get_by_text("First sample shared").first).to_be_visible()
    screenshot(page, "commitment-without-javascript")
