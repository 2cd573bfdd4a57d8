"""Browser tests: Debian's headless chromium driven by Playwright, against pytest-django's live server.

No browser is downloaded: Playwright launches the system chromium. Screenshots of each page at
desktop and phone width go to test-artifacts/screenshots/ (kept by CI as test artifacts).
"""

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
SCREENSHOTS = Path(settings.BASE_DIR) / "test-artifacts" / "screenshots"
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        # A missing browser fails the run rather than skipping: skipped browser tests would hide it.
        pytest.fail("chromium is not installed: run `apt-get install chromium` (.ci/run installs it when missing)")
    # Playwright's sync API runs an event loop in this thread; the ORM calls made by the test
    # itself (building records) are still synchronous and safe.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture(params=list(WIDTHS), ids=list(WIDTHS))
def page(request, browser):
    width, height = WIDTHS[request.param]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.width_name = request.param
    yield page
    context.close()


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}-{page.width_name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
