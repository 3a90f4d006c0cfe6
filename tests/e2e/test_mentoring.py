"""One pair's year in a real browser: contract, meetings, a missed month, a case,
the coordinator resolving it, and the March checkpoint."""

import re

import pytest
from django.core import mail
from django.core.management import call_command
from playwright.sync_api import expect

from tandem.demo.edition import DemoPassword
from tandem.mentoring.domain.pairs import create_pairs
from tandem.mentoring.models import Case, Pair
from tandem.people.models import Person
from tests.mentoring.helpers import make_application

pytestmark = pytest.mark.browser

COORDINATOR_PL = "agata.wisniewska@tandem.example"
MENTEE = "lukasz.wojcik.00@pl.members.example"
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def demo_pair(demo_edition, settings):
    mentee = Person.objects.get(email=MENTEE)
    mentor = Person.objects.filter(email__endswith="@pl.members.example").exclude(
        pk=mentee.pk
    )[0]
    DemoPassword().apply(mentor)
    pl = mentee.memberships.get().association
    mentor_app = make_application(mentor, demo_edition, pl, "mentor")
    mentee_app = make_application(mentee, demo_edition, pl, "mentee")
    settings.TANDEM_TODAY = "2023-11-30"
    (pair,) = create_pairs(
        demo_edition,
        [(mentor_app.pk, mentee_app.pk, "local", "Polish")],
        actor=None,
        source="demo run 1",
    )
    return pair


def sign_in_as(page, login, email):
    page.context.clear_cookies()
    login(page, email)


def check(page, name, screenshot, axe_check):
    screenshot(page, name)
    axe_check(page)


def log_meeting(page, slug, pair, day, minutes, topics):
    page.goto(f"/e/{slug}/mentoring/pairs/{pair.pk}/meetings/new/")
    page.get_by_label("Date").fill(day)
    page.get_by_label("Duration in minutes").fill(str(minutes))
    page.get_by_label("in person").check()
    page.get_by_label("Topics (optional)").fill(topics)
    page.get_by_role("button", name="Log the meeting").click()
    expect(page.get_by_role("status")).to_contain_text("Meeting logged")


def test_a_pair_walks_through_the_year(
    page, demo_edition, demo_pair, login, axe_check, screenshot, settings
):
    slug, pair = demo_edition.slug, demo_pair
    mine = f"/e/{slug}/mentoring/mine/"
    settings.TANDEM_TODAY = "2023-12-01"

    # Both accept the contract; the pair becomes active.
    sign_in_as(page, login, MENTEE)
    page.goto(mine)
    expect(page.locator("h1")).to_have_text(f"My pair, edition {demo_edition.name}")
    expect(page.locator(".pair-state")).to_have_text("waiting for contract")
    check(page, "contract", screenshot, axe_check)
    page.get_by_role("button", name="I accept the contract").click()
    expect(page.get_by_role("status")).to_contain_text("your partner's acceptance")
    sign_in_as(page, login, pair.mentor.person.email)
    page.goto(mine)
    page.get_by_role("button", name="I accept the contract").click()
    expect(page.get_by_role("status")).to_contain_text("your pair is active")
    expect(page.locator(".pair-state")).to_have_text("active")

    # The mentee logs three meetings on a phone.
    settings.TANDEM_TODAY = "2024-01-12"
    sign_in_as(page, login, MENTEE)
    page.set_viewport_size(PHONE)
    page.goto(f"/e/{slug}/mentoring/pairs/{pair.pk}/meetings/new/")
    check(page, "log-meeting-phone", screenshot, axe_check)
    log_meeting(page, slug, pair, "2023-12-05", 60, "Goals for the year")
    log_meeting(page, slug, pair, "2023-12-19", 45, "CV review")
    log_meeting(page, slug, pair, "2024-01-10", 90, "Interview practice")
    expect(page.locator("table.meetings tbody tr")).to_have_count(3)

    # The mentor confirms one of them.
    sign_in_as(page, login, pair.mentor.person.email)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(mine)
    row = page.locator("table.meetings tbody tr").filter(has_text="Interview practice")
    row.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("status")).to_contain_text("Meeting confirmed")
    expect(row.locator(".tag")).to_have_text("confirmed")
    check(page, "meetings-confirmed", screenshot, axe_check)

    # A missed month: a reminder, then a second missed window opens a case.
    call_command("mentoring_daily", "--date", "2024-02-10")
    reminders = [m for m in mail.outbox if m.subject.startswith("Time for")]
    assert sorted(m.to[0] for m in reminders) == sorted(
        [MENTEE, pair.mentor.person.email]
    )
    call_command("mentoring_daily", "--date", "2024-03-11")
    case = Case.objects.get(pair=pair)
    assert (case.kind, case.state, case.association.country) == (
        "inactive",
        "open",
        "PL",
    )

    # The national coordinator takes the case and resolves it.
    settings.TANDEM_TODAY = "2024-03-12"
    sign_in_as(page, login, COORDINATOR_PL)
    page.goto(f"/e/{slug}/mentoring/cases/")
    check(page, "cases", screenshot, axe_check)
    page.get_by_role("link", name=f"Case {case.pk}").click()
    page.get_by_label("State").select_option("resolved")
    page.get_by_label("I own this case").check()
    page.get_by_label("Note").fill("Called both; they meet again next week.")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".case-state")).to_have_text("resolved")
    expect(page.locator(".case-notes li")).to_have_text(
        [re.compile(r"State: resolved\. Owner: Agata Wiśniewska\. Called both")]
    )
    check(page, "case-resolved", screenshot, axe_check)

    # The March checkpoint: the pair is listed; the coordinator confirms its state.
    page.goto(f"/e/{slug}/mentoring/checkpoint/PL/")
    row = page.locator(f"#pair-{pair.pk}")
    expect(row.locator("td").nth(3)).to_have_text("3 (1 confirmed)")
    expect(row.locator("td").nth(4)).to_have_text("10 Jan 2024")
    expect(row.locator(".computed")).to_have_text("inactive")
    row.get_by_label(f"Comment on pair {pair.pk}").fill("They restarted in March.")
    row.get_by_label(f"State of pair {pair.pk}").select_option("at_risk")
    row.get_by_role("button", name="Save").click()
    expect(page.locator(f"#pair-{pair.pk} .reviewed")).to_have_text(
        "at risk: They restarted in March."
    )
    expect(page.locator(".chart-legend li")).to_contain_text(["AIESEC Alumni Poland"])
    check(page, "checkpoint", screenshot, axe_check)
    assert Pair.objects.get(pk=pair.pk).checkpoint_review.confirmed == "at_risk"
