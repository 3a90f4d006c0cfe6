"""A national coordinator's first look at the demo year, in a real browser."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

COORDINATOR_PL = "agata.wisniewska@tandem.example"
PHONE = {"width": 390, "height": 844}


def test_dashboard_shows_the_phase_and_the_next_milestones(
    page, live_server, demo_edition, login, axe_check, screenshot
):
    login(page, COORDINATOR_PL)

    expect(page).to_have_url(f"{live_server.url}/e/{demo_edition.slug}/")
    expect(page.get_by_role("status")).to_have_text(
        "Successfully signed in as Agata Wiśniewska."
    )
    expect(page.locator("h1")).to_have_text("Edition 2023/24")
    expect(page.locator(".lead strong")).to_have_text("Matching")
    expect(page.locator(".lead")).to_contain_text("you are a national coordinator")
    upcoming = page.locator("ol.milestones li")
    expect(upcoming.locator(".name")).to_have_text(
        ["Matching", "Mentee training", "Mentor training 3"]
    )
    expect(upcoming.locator(".days")).to_have_text(
        ["running, 8 days left", "in 1 day", "in 3 days"]
    )
    expect(page.locator(".counts dt").first).to_have_text("Members")
    expect(page.locator(".counts dd").first).to_have_text("40")
    screenshot(page, "dashboard")
    axe_check(page)


def test_timeline_marks_today_and_lists_the_milestones(
    page, demo_edition, login, axe_check, screenshot
):
    login(page, COORDINATOR_PL)

    page.goto(f"/e/{demo_edition.slug}/timeline/")

    expect(page.locator("h1")).to_have_text("The year of edition 2023/24")
    chart = page.locator("svg.timeline-chart")
    # 20 November is day 80 of the edition's 304; the months start after the
    # 260-unit name column and span 730 units: 260 + 730 * 80 / 304.
    expect(chart.locator("line.today-line")).to_have_attribute("x1", "452.11")
    expect(chart.locator("text.bar-label").first).to_have_text(
        "Associations join and name coordi…"
    )
    expect(chart.locator("rect.bar")).to_have_count(18)
    expect(page.locator("figcaption")).to_contain_text("The red line is today.")
    rows = page.locator("table.table tbody tr")
    expect(rows).to_have_count(18)
    mentoring = rows.filter(has=page.get_by_role("cell", name="Mentoring", exact=True))
    expect(mentoring.locator("td").first).to_have_text("1 Dec 2023 – 30 Apr 2024")
    screenshot(page, "timeline")
    axe_check(page)


def test_dashboard_fits_a_phone(page, demo_edition, login, axe_check, screenshot):
    page.set_viewport_size(PHONE)
    login(page, COORDINATOR_PL)

    page.goto(f"/e/{demo_edition.slug}/")

    expect(page.locator("ol.milestones li")).to_have_count(3)
    scroll_width = page.evaluate("() => document.documentElement.scrollWidth")
    assert scroll_width == PHONE["width"]
    screenshot(page, "dashboard-phone")
    axe_check(page)
