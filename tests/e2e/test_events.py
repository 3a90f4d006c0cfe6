"""The training partner takes attendance; a participant finds the event at home."""

import re

import pytest
from playwright.sync_api import expect

from tandem.events.models import Event
from tandem.people.models import Person
from tandem.programs.models import Association
from tests.events.builders import accept

pytestmark = pytest.mark.browser

TRAINING_PARTNER = "marek.zielinski@tandem.example"


@pytest.fixture
def mentors(demo_edition):
    """Three Polish demo members accepted as mentors; the first, who has the demo
    log-in, has set his profile to Dubai's time zone."""
    poland = Association.objects.get(country="PL")
    people = list(
        Person.objects.filter(memberships__association=poland).order_by("email")[:3]
    )
    login_member = Person.objects.get(email__startswith="lukasz.wojcik.00@")
    people = [login_member, *[p for p in people if p != login_member][:2]]
    for person in people:
        accept(person, demo_edition, poland, "mentor")
    login_member.time_zone = "Asia/Dubai"
    login_member.save(update_fields=["time_zone"])
    return people


def test_the_partner_ticks_a_roster_and_a_mentor_sees_the_event_in_his_zone(
    page, demo_edition, mentors, login, axe_check, screenshot
):
    training = Event.objects.get(edition=demo_edition, title="Mentor training 1")
    login(page, TRAINING_PARTNER)

    page.get_by_role("link", name="Events").click()
    page.get_by_role("link", name="Mentor training 1").click()
    page.get_by_role("link", name="Roster").click()
    for mentor in mentors[:2]:
        page.get_by_label(mentor.full_name).check()
    page.get_by_role("button", name="Save the roster").click()

    expect(page.get_by_role("status")).to_have_text("Roster saved: 2 added, 0 removed.")
    expect(page.get_by_label(mentors[0].full_name)).to_be_checked()
    expect(page.get_by_label(mentors[2].full_name)).not_to_be_checked()
    expect(page.locator("main")).not_to_contain_text("@")
    screenshot(page, "roster")
    axe_check(page)

    page.context.clear_cookies()
    login(page, mentors[0].email)
    page.goto(f"/e/{demo_edition.slug}/events/mine/")

    expect(page.locator(".lead")).to_have_text(
        "Times are shown in your time zone, Asia/Dubai."
    )
    missing = page.locator("#missing-title + ul li a")
    expect(missing).to_have_text(["Mentor training 2", "Mentor training 3"])
    # The demo's today is 20 November: training 2 is missed, training 3 is ahead.
    expect(page.locator("#missing-title + ul li")).to_have_text(
        [
            "Mentor training 2, Thu 16 Nov 2023, 21:00–23:00 (missed)",
            "Mentor training 3, Thu 23 Nov 2023, 21:00–23:00",
        ]
    )
    row = page.locator("tbody tr").filter(has_text="Mentor training 1")
    expect(row.locator("td").first).to_have_text("Tue 14 Nov 2023, 21:00–23:00")
    expect(row.locator("td").nth(3)).to_have_text("yes")
    expect(row.get_by_role("link", name=re.compile(r"^\.ics"))).to_have_attribute(
        "href", f"/e/{demo_edition.slug}/events/{training.pk}/event.ics"
    )
    screenshot(page, "my-events")
    axe_check(page)
