"""The pager of a long list in a real browser: usable by keyboard, axe-clean."""

import re

import pytest
from playwright.sync_api import expect

from tandem.applications.models import Application

pytestmark = pytest.mark.browser

INTERNATIONAL = "karolina.nowicka@tandem.example"


def test_the_next_page_of_the_applications_list_keeps_the_sort(
    page, demo_edition, login, axe_check, screenshot
):
    total = Application.objects.filter(edition=demo_edition).count()
    login(page, INTERNATIONAL)

    page.goto(f"/e/{demo_edition.slug}/applications/?sort=-name")
    expect(page.locator(".pager-summary")).to_have_text(f"Showing 1–100 of {total}")
    axe_check(page)
    pages = page.get_by_role("navigation", name="Pages")
    pages.get_by_role("link", name="Next page").click()

    expect(page).to_have_url(re.compile(r"\?sort=-name&page=2$"))
    expect(page.locator(".pager-summary")).to_have_text(
        f"Showing 101–{total} of {total}"
    )
    expect(pages.locator("[aria-current=page]")).to_have_text("Page 2")
    expect(page.get_by_label("Sort by")).to_have_value("-name")
    expect(page.locator("table.applications tbody tr")).to_have_count(total - 100)
    screenshot(page, "applications-page-2")
    axe_check(page)
