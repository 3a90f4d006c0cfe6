"""The mid-term survey in a real browser: a mentee answers it on a phone, and the
national coordinator of Poland sees the aggregate of Poland's answers only."""

import pytest
from django.test import override_settings
from playwright.sync_api import expect

from tandem.people.models import Person
from tandem.surveys.domain.answering import submit_response
from tandem.surveys.models import Answer, Survey
from tests.mentoring.helpers import make_application

pytestmark = pytest.mark.browser

COORDINATOR_PL = "agata.wisniewska@tandem.example"
MENTEE = "lukasz.wojcik.00@pl.members.example"
HU_MARKER = "Qqhungarytext"
PHONE = {"width": 390, "height": 844}


def answer_as(survey, person, often, note):
    questions = {q.text: str(q.pk) for q in survey.questions.all()}
    with override_settings(TANDEM_TODAY="2024-03-04"):
        submit_response(
            survey,
            {
                questions["How often do you meet?"]: often,
                questions["How useful were the trainings?"]: "4",
                questions["What should your national coordinator know?"]: note,
            },
            actor=person,
        )


@pytest.fixture
def mid_term(demo_edition):
    survey = Survey.objects.get(edition=demo_edition, kind=Survey.Kind.MID_TERM)
    for country, count, note in (("pl", 6, "All good"), ("hu", 5, HU_MARKER)):
        people = Person.objects.filter(
            email__endswith=f"@{country}.members.example"
        ).exclude(email=MENTEE)[:count]
        for person in people:
            association = person.memberships.get().association
            make_application(person, demo_edition, association, "mentee")
            answer_as(survey, person, "every month", note)
    mentee = Person.objects.get(email=MENTEE)
    make_application(
        mentee, demo_edition, mentee.memberships.get().association, "mentee"
    )
    return survey


def test_a_mentee_answers_and_the_coordinator_sees_poland_only(
    page, demo_edition, mid_term, login, axe_check, screenshot, settings
):
    settings.TANDEM_TODAY = "2024-03-05"
    slug = demo_edition.slug

    # The mentee answers on a phone; a value out of range is refused first.
    login(page, MENTEE)
    page.set_viewport_size(PHONE)
    page.goto(f"/e/{slug}/surveys/mine/")
    page.get_by_role("link", name="Answer the survey").click()
    expect(page.locator("h1")).to_have_text("Mid-term survey")
    screenshot(page, "answer-phone")
    axe_check(page)
    page.get_by_role("button", name="Send my answers").click()
    expect(page.locator("p.error").first).to_have_text("This question needs an answer.")
    page.get_by_label("every week").check()
    page.get_by_label("career plan").check()
    page.get_by_label("leadership").check()
    page.locator("fieldset", has_text="How useful were the trainings?").get_by_label(
        "5"
    ).check()
    page.locator("textarea").fill("My mentor is great")
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_role("status")).to_contain_text("your answers to")
    expect(page.locator(f"#survey-{mid_term.pk} .tag")).to_have_text("answered")
    assert Answer.objects.filter(response__person__email=MENTEE).count() == 4

    # Poland's coordinator sees seven answers from Poland, nothing of Hungary.
    page.context.clear_cookies()
    page.set_viewport_size({"width": 1280, "height": 900})
    login(page, COORDINATOR_PL)
    page.goto(f"/e/{slug}/surveys/")
    page.get_by_role("link", name="Results of Mid-term survey").click()
    often = page.locator("section.question-result", has_text="How often do you meet?")
    expect(often.locator(".summary")).to_have_text("7 answers.")
    expect(often.locator(".chart-legend")).to_contain_text("every week: 1 (14 %)")
    expect(often.locator("svg.bar-chart rect")).to_have_count(4)
    # One row per role of Poland's that the survey reaches, no other association.
    rate_rows = page.locator("table.rates tbody tr")
    expect(rate_rows.first).to_be_visible()
    associations = rate_rows.locator("td:first-child").all_inner_texts()
    assert set(associations) == {"AIESEC Alumni Poland"}
    expect(page.locator("body")).not_to_contain_text(HU_MARKER)
    expect(page.locator("body")).to_contain_text("My mentor is great")
    screenshot(page, "results-poland")
    axe_check(page)
