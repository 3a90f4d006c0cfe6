"""Matching in a real browser: the international coordinator runs matching on the
demo edition, pins a pair, sees the new result at once, and publishes; then a
national coordinator sees the proposals of its own members only."""

import re

import pytest
from playwright.sync_api import expect

from tandem.applications.models import Application
from tandem.matching.models import MatchRun
from tandem.mentoring.models import Pair
from tandem.people.models import Membership
from tests.mentoring.helpers import make_application

pytestmark = pytest.mark.browser

INTERNATIONAL = "karolina.nowicka@tandem.example"
COORDINATOR_PL = "agata.wisniewska@tandem.example"


@pytest.fixture
def demo_cohort(demo_edition):
    """The demo's accepted applicants, or a small cohort of PL and SE members."""
    accepted = Application.objects.filter(
        edition=demo_edition, decision=Application.Decision.ACCEPTED
    )
    if accepted.filter(role="mentor").exists() and accepted.filter(role="mentee"):
        return demo_edition
    # Swedes speak only Swedish here, so no pair joins PL and SE and the PL
    # coordinator must see no Swede at all.
    for country, language, others in (
        ("PL", "Polish", ["English"]),
        ("SE", "Swedish", []),
    ):
        members = Membership.objects.filter(
            association__country=country, state=Membership.State.VERIFIED
        ).select_related("person", "association")[:7]
        for k, membership in enumerate(members):
            role = "mentor" if k < 3 else "mentee"
            make_application(
                membership.person,
                demo_edition,
                membership.association,
                role,
                native_language=language,
                other_languages=others,
                industry="Banking" if k % 2 else "Retail",
                function="Finance",
                years_experience=18 if role == "mentor" else 4,
                employer=f"Firm {country} {k}",
            )
    return demo_edition


def test_coordinator_runs_pins_and_publishes_and_a_national_sees_its_members(
    page, demo_cohort, login, screenshot, axe_check
):
    slug = demo_cohort.slug
    login(page, INTERNATIONAL)
    page.goto(f"/e/{slug}/matching/")
    page.get_by_role("button", name="Run matching").click()

    expect(page.get_by_text("proven optimal")).to_be_visible()
    expect(page.locator("svg.scorebar").first).to_be_visible()
    screenshot(page, "board")
    axe_check(page)

    mentor, mentee = local_polish_pair(demo_cohort)
    page.get_by_label("Mentor", exact=True).select_option(str(mentor.pk))
    page.get_by_label("Mentee", exact=True).select_option(str(mentee.pk))
    page.get_by_label("Reason").fill("They met at the autumn event.")
    page.get_by_role("button", name="Pin pair").click()

    expect(page.get_by_text(re.compile(r"Since run \d+: total score"))).to_be_visible()
    pinned_row = page.locator("tr", has_text=mentee.person.full_name).first
    expect(pinned_row.get_by_text("pinned")).to_be_visible()
    expect(page).to_have_url(re.compile(rf"/e/{slug}/matching/runs/\d+/$"))
    screenshot(page, "after-pin")

    page.get_by_role("button", name=re.compile(r"Publish run \d+")).click()

    expect(
        page.get_by_text(re.compile(r"Published run \d+: \d+ new pairs"))
    ).to_be_visible()
    assert Pair.objects.filter(mentor=mentor, mentee=mentee).count() == 1

    page.context.clear_cookies()
    login(page, COORDINATOR_PL)
    page.goto(f"/e/{slug}/matching/")

    expect(
        page.get_by_role("table").filter(has_text="AIESEC Alumni Poland")
    ).to_be_visible()
    expect(page.get_by_text(mentee.person.full_name).first).to_be_visible()
    # A Swede may be shown as the partner of a Polish member, never otherwise.
    run = MatchRun.objects.filter(edition=demo_cohort).latest("pk")
    proposals = run.proposals.select_related(
        "mentor__association", "mentee__association"
    )
    beside_poles = {
        application.person_id
        for proposal in proposals
        if "PL"
        in {proposal.mentor.association.country, proposal.mentee.association.country}
        for application in (proposal.mentor, proposal.mentee)
    }
    swedes = Application.objects.filter(
        edition=demo_cohort, association__country="SE"
    ).exclude(person_id__in=beside_poles)
    assert swedes.exists()
    for application in swedes:
        expect(page.get_by_text(application.person.full_name)).to_have_count(0)
    screenshot(page, "national-pl")
    axe_check(page)


def local_polish_pair(edition):
    """A PL mentor and mentee whom the hard rules let form a local pair.

    Any two would not do: the demo's applicants state pair preferences, and a
    pin that breaks one is refused, as the board should.
    """
    accepted = Application.objects.filter(
        edition=edition,
        association__country="PL",
        decision=Application.Decision.ACCEPTED,
        preference__in=["local", "either"],
    )
    mentors = accepted.filter(role="mentor").order_by("pk")
    mentees = accepted.filter(role="mentee").order_by("-pk")
    for mentor in mentors:
        for mentee in mentees:
            if (
                mentee.native_language == mentor.native_language
                and mentee.employer.casefold() != mentor.employer.casefold()
                and mentee.person_id != mentor.person_id
            ):
                return mentor, mentee
    raise AssertionError("the demo edition has no possible local pair in Poland")
