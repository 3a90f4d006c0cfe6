"""The "final survey answered" check against a real final survey."""

import datetime as dt

import pytest
from django.urls import reverse

from tandem.certificates.domain import eligibility, setup
from tests import factories
from tests.mentoring.helpers import activate, publish
from tests.surveys.helpers import answer, make_survey

IN_WINDOW = dt.date(2024, 6, 10)


@pytest.fixture
def final(closure):
    """The closure's rule asking for the final survey, and a final survey for
    mentors that the closure's mentor has not answered yet."""
    edition = closure["edition"]
    rule = eligibility.rule_for(edition, "mentor")
    setup.save_rule(rule, actor=closure["coordinator"], needs_final_survey=True)
    closure["survey"] = make_survey(
        edition,
        title="Final survey 2023/24",
        kind="final",
        audience="mentors",
        opens_on=dt.date(2024, 6, 1),
        closes_on=dt.date(2024, 6, 30),
    )
    return closure


def _survey_check(closure, person):
    (result,) = eligibility.of_person(closure["edition"], person)
    return result, {c.key: (c.state, c.detail) for c in result.checks}["survey"]


def test_an_unanswered_final_survey_is_missing(final):
    result, survey = _survey_check(final, final["mentor"])

    assert survey == ("missing", "The final survey is not answered.")
    assert result.eligible is False


def test_an_answered_final_survey_passes_and_makes_the_mentor_eligible(final):
    answer(
        final["survey"], final["mentor"], {"How is your pair going?": "5"}, on=IN_WINDOW
    )

    result, survey = _survey_check(final, final["mentor"])

    assert survey == ("passed", "")
    assert result.eligible is True


def test_the_role_list_tells_answered_from_unanswered(final):
    other = publish(
        final["edition"],
        (_member(final, "Šimon Dvořák"), final["association"]),
        (_member(final, "Ilona Kis"), final["association"]),
        actor=final["coordinator"],
    )
    activate(other)
    answer(
        final["survey"], final["mentor"], {"How is your pair going?": "4"}, on=IN_WINDOW
    )

    results = eligibility.of_role(final["edition"], "mentor")

    assert [(r.person.full_name, [c.state for c in r.checks]) for r in results] == [
        ("Őrs Łukasz Wójcik", ["passed", "passed", "passed"]),
        ("Šimon Dvořák", ["passed", "missing", "missing"]),
    ]


def test_a_survey_of_another_kind_does_not_count(final):
    mid_term = make_survey(
        final["edition"],
        title="Mid-term 2023/24",
        kind="mid_term",
        audience="mentors",
    )
    answer(mid_term, final["mentor"], {"How is your pair going?": "3"})

    _, survey = _survey_check(final, final["mentor"])

    assert survey == ("missing", "The final survey is not answered.")


def test_the_checklist_page_shows_the_survey_done_once_answered(client, final):
    client.force_login(final["mentor"])
    url = reverse("certificates:mine", args=[final["edition"].slug])

    before = client.get(url).content.decode()
    answer(
        final["survey"], final["mentor"], {"How is your pair going?": "5"}, on=IN_WINDOW
    )
    after = client.get(url).content.decode()

    assert (
        "Not yet: Final survey answered – The final survey is not answered." in before
    )
    assert "Done: Final survey answered" in after
    assert "Not yet: Final survey answered" not in after


def _member(closure, name):
    return factories.make_member(closure["association"], name)
