"""A reader's path through the public site in a real browser, at desktop and phone width."""

import re

import pytest
from playwright.sync_api import expect

from ambassador.risk.factories import RiskAssessmentFactory
from tests.transparency.conftest import build_world

from .conftest import screenshot

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(transactional_db):
    return build_world()


def test_home_to_city_to_negotiation(live_server, page, world):
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("What cities negotiate")
    screenshot(page, "home")

    page.get_by_role("link", name="Amsterdam", exact=True).first.click()
    expect(page).to_have_url(re.compile(r"/cities/amsterdam/$"))
    expect(page.get_by_role("heading", name="Negotiations by stage")).to_be_visible()
    screenshot(page, "city")

    page.get_by_role("link", name="Scooter data").first.click()
    expect(page).to_have_url(re.compile(r"/negotiations/scooter-data/$"))
    expect(page.get_by_text("Restricted: the minutes are withheld")).to_be_visible()
    expect(page.get_by_text("1 other person from Ridelyn Mobility").first).to_be_visible()
    assert "Xavier Privatus" not in page.content()
    screenshot(page, "negotiation")


def test_switching_to_vietnamese_keeps_the_page(live_server, page, world):
    page.goto(live_server.url + "/cities/amsterdam/")
    page.get_by_role("link", name="Tiếng Việt").click()
    expect(page).to_have_url(re.compile(r"/vi/cities/amsterdam/$"))
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.get_by_role("heading", name="Các cuộc đàm phán theo giai đoạn")).to_be_visible()
    screenshot(page, "city-vi")
    page.get_by_role("link", name="English").click()
    expect(page).to_have_url(re.compile(r"/cities/amsterdam/$"))


def test_commitment_filters(live_server, page, world):
    page.goto(live_server.url + "/commitments/")
    expect(page.get_by_role("status")).to_have_text("1 commitment")
    page.get_by_label("Completion level").select_option("complete")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_role("status")).to_have_text("0 commitments")
    page.get_by_label("Completion level").select_option("")
    page.get_by_label("Overdue only").check()
    page.get_by_label("City").select_option("amsterdam")
    page.get_by_label("Text contains").fill("anonymised")
    page.get_by_label("Text contains").press("Enter")
    expect(page).to_have_url(re.compile(r"overdue=on"))
    expect(page.get_by_role("status")).to_have_text("1 commitment")
    expect(page.get_by_text("Share anonymised trips weekly")).to_be_visible()
    screenshot(page, "commitments-filtered")


def test_keyboard_reaches_the_skip_link_and_the_navigation_first(live_server, page, world):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Skip to content")
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Tech ambassador record")


@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("home", "/"),
        ("home-vi", "/vi/"),
        ("company", "/companies/ridelyn-mobility/"),
        ("meeting", "/meetings/{world.restricted.pk}/"),
        ("commitment", "/commitments/{world.public_commitment.pk}/"),
        ("commitments", "/commitments/"),
        ("risk", "/risk/"),
        ("methodology", "/methodology/"),
        ("withheld", "/withheld/"),
        ("data", "/data/"),
    ],
)
def test_every_page_renders_without_horizontal_scrolling(live_server, page, world, name, path):
    response = page.goto(live_server.url + path.format(world=world))
    assert response.status == 200
    screenshot(page, name)
    # Wide tables scroll inside their own box; the page itself never does.
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{path} is {overflow}px wider than the {page.width_name} viewport"


def test_from_the_risk_ranking_to_a_companys_score_over_time(live_server, page, world):
    RiskAssessmentFactory(organisation=world.company, score=20, confidence="0.700", assessed_on="2026-10-01")
    page.goto(live_server.url + "/risk/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Lobbying-risk scores")
    expect(page.get_by_text("ranked by what the evidence supports")).to_be_visible()
    page.get_by_role("link", name=world.company.name).first.click()
    expect(page.locator("figcaption", has_text="Lobbying-risk score over time")).to_be_visible()
    page.get_by_text("The figures as a table").first.click()
    expect(page.get_by_role("cell", name="70%")).to_be_visible()
    screenshot(page, "company-score-over-time")
