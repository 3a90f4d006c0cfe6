"""From an application to an acceptance, in a real browser, in the demo edition."""

import pytest
from playwright.sync_api import expect

from tandem.applications.models import Application
from tandem.core.models import AuditEntry
from tandem.people.models import Membership, Person

pytestmark = pytest.mark.browser

MEMBER = "lukasz.wojcik.00@pl.members.example"
COORDINATOR_PL = "agata.wisniewska@tandem.example"
INTERNATIONAL = "karolina.nowicka@tandem.example"


@pytest.fixture
def window_open(settings, demo_edition):
    """A day inside the demo's application window, with the applicant unverified."""
    settings.TANDEM_TODAY = "2023-10-20"
    person = Person.objects.get(email=MEMBER)
    Application.objects.filter(person=person, edition=demo_edition).delete()
    Membership.objects.filter(person=person).update(state="unverified")
    return demo_edition


def test_a_mentee_applies_is_verified_reviewed_and_accepted(
    page, window_open, login, axe_check, screenshot
):
    edition = window_open
    base = f"/e/{edition.slug}/applications"

    login(page, MEMBER)
    page.set_default_timeout(10_000)
    page.goto(f"{base}/apply/mentee/")
    expect(page.locator("h1")).to_have_text("Apply as a mentee: edition 2023/24")
    screenshot(page, "apply-form")
    axe_check(page)
    page.get_by_label("Member number").fill("0100")
    page.get_by_label("Pair preference").select_option("international")
    page.get_by_label("Native language").fill("Polish")
    page.get_by_label("Other working languages").fill("English, German")
    page.get_by_label("City").fill("Kraków")
    page.get_by_label("Industry").fill("IT & software")
    page.get_by_label("Your goals").fill("Lead my first team of engineers.")
    page.get_by_label("Motivation").fill("I want to learn from someone abroad.")
    page.get_by_label("I agree to the privacy notice (version 1).").check()
    page.get_by_role("button", name="Submit application").click()
    expect(page.get_by_role("status")).to_have_text("Your application is submitted.")
    expect(page.locator("table.table tbody tr").first).to_contain_text("submitted")
    screenshot(page, "my-applications")
    axe_check(page)
    page.context.clear_cookies()

    login(page, COORDINATOR_PL)
    page.goto(f"{base}/members/")
    row = page.locator("tr", has_text=MEMBER)
    expect(row.locator(".tag")).to_have_text("unverified")
    screenshot(page, "membership-list")
    axe_check(page)
    row.get_by_role("button", name="Verify Łukasz Wójcik").click()
    expect(page.get_by_role("status")).to_have_text(
        "Membership of Łukasz Wójcik: verified."
    )
    page.locator("tr", has_text=MEMBER).get_by_role("link").click()
    expect(page.locator("h1")).to_contain_text("Łukasz Wójcik")
    page.get_by_label("Maturity").select_option("4")
    page.get_by_label("Motivation").select_option("5")
    page.get_by_label("Comment").fill("Clear goals, ready for an international pair.")
    page.get_by_role("button", name="Save review").click()
    expect(page.get_by_role("status")).to_have_text("Your review is saved.")
    review = page.locator("section[aria-labelledby=reviews-title] tbody td")
    expect(review).to_have_text(
        ["Agata Wiśniewska", "4", "5", "Clear goals, ready for an international pair."]
    )
    screenshot(page, "review")
    axe_check(page)
    page.context.clear_cookies()

    login(page, INTERNATIONAL)
    page.goto(f"{base}/?association=PL&role=mentee&state=submitted")
    listed = page.locator("tr", has_text="Łukasz Wójcik")
    expect(listed.locator("td").nth(7)).to_have_text("4.5")
    screenshot(page, "application-list")
    axe_check(page)
    listed.get_by_role("link", name="Łukasz Wójcik").click()
    page.get_by_role("button", name="Accept", exact=True).click()
    expect(page.get_by_role("status")).to_have_text("Decision recorded: accepted.")
    expect(page.locator("main p").first).to_contain_text(
        "decision accepted by Karolina Nowicka"
    )
    screenshot(page, "accepted")
    axe_check(page)

    application = Application.objects.get(person__email=MEMBER, edition=edition)
    assert (application.state, application.decision) == ("submitted", "accepted")
    assert application.decided_by.email == INTERNATIONAL
    assert application.other_languages == ["English", "German"]
    assert application.consents.count() == 1
    assert list(
        AuditEntry.objects.filter(
            object_type="applications.application", object_id=str(application.pk)
        )
        .order_by("pk")
        .values_list("action", flat=True)
    ) == ["application.submitted", "application.reviewed", "application.accepted"]


def test_the_coordinator_merges_two_applications_of_one_person(
    page, demo_edition, login, axe_check, screenshot
):
    twin = Application.objects.filter(
        edition=demo_edition, association__country="PL", role="mentee"
    ).first()
    person = Person.objects.create_user(
        twin.person.email.replace("@", "+again@"), full_name=twin.person.full_name
    )
    Application.objects.create(
        person=person,
        edition=demo_edition,
        association=twin.association,
        role="mentee",
        state="submitted",
        source="form",
        city="Gdańsk",
    )
    login(page, COORDINATOR_PL)

    page.goto(f"/e/{demo_edition.slug}/applications/duplicates/")
    pair = page.locator("section.duplicate-pair")
    expect(pair).to_have_count(1)
    expect(pair.locator("h2")).to_contain_text("same name in the same association")
    screenshot(page, "duplicates")
    axe_check(page)
    pair.get_by_role("button", name=f"Merge into {twin.person.email}").click()

    expect(page.locator(".messages")).to_contain_text("is merged into")
    expect(page.locator("section.duplicate-pair")).to_have_count(0)
    axe_check(page)
    merged = Application.objects.get(person=person)
    assert (merged.state, merged.merged_into_id) == ("withdrawn", twin.pk)
