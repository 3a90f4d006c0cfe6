"""Pages of surveys and the pair pulse.

The world gets a named survey that mentee_a (A) and mentor_b (B) are invited to,
and a pulse check of the international pair mentor_b → mentee_a. The results
tests add answers from B whose free text carries a marker (``answered_by_b``).
"""

import datetime as dt

from tandem.surveys.models import PulseCheck, Question, Survey
from tests.permissions import Case
from tests.surveys.helpers import QUESTIONS, answer, participant

TEXT_MARKER = "Qqsurveytext"


def extend_world(world):
    # Rows written directly, not through create_survey: other apps' tests count
    # the world's audit rows and people, so the world gains no more of either.
    survey = Survey.objects.create(
        edition=world.edition,
        title="World survey",
        kind=Survey.Kind.MID_TERM,
        audience=Survey.Audience.BOTH,
        anonymous=False,
        opens_on=dt.date(2024, 3, 1),
        closes_on=dt.date(2024, 3, 22),
    )
    Question.objects.bulk_create(
        Question(survey=survey, position=i, **spec) for i, spec in enumerate(QUESTIONS)
    )
    other = Survey.objects.create(
        edition=world.other_edition,
        title="Other edition's survey",
        kind=Survey.Kind.OTHER,
        audience=Survey.Audience.BOTH,
        opens_on=dt.date(2025, 3, 1),
        closes_on=dt.date(2025, 3, 22),
    )
    other_question = Question.objects.create(
        survey=other, position=1, text="Elsewhere?", kind="short"
    )
    check = PulseCheck.objects.create(
        pair=world.extra["pair"], number=1, due_on=dt.date(2023, 12, 31)
    )
    world.extra.update(
        survey=survey,
        pulse=check,
        other_survey=other,
        other_question=other_question,
    )


def answered_by_b(world):
    """Six mentors of B answer the world's survey, their text carrying a marker."""
    survey = world.extra["survey"]
    for index in range(6):
        person = participant(
            world.edition, world.association_b, "mentor", f"Bálint {index}"
        )
        answer(
            survey,
            person,
            {
                "How is your pair going?": "4",
                "Anything else?": f"{TEXT_MARKER} {index}",
            },
        )
    return survey


def ed(w):
    return [w.edition.slug]


def survey(w):
    return [w.edition.slug, w.extra["survey"].pk]


def question(w):
    return [*survey(w), w.extra["survey"].questions.first().pk]


def foreign_question(w):
    return [*survey(w), w.extra["other_question"].pk]


COORDINATORS = "login 404 403 403 403 403 403 200 200 200 404"
MEMBERS = "login 404 200 200 200 200 403 403 403 403 404"
AUDIENCE = "login 404 404 404 200 200 404 403 403 403 404"
RESULTS = "login 404 404 404 403 403 404 200 200 200 404"
IN_PAIR = "login 404 404 404 200 200 404 404 404 404 404"
AUTHOR_EDITION = "login 404 403 403 403 403 403 403 403 200 404"
AUTHOR = "login 404 404 404 403 403 404 403 403 200 404"
NOT_HERE = "login 404 404 404 404 404 404 404 404 404 404"

CASES = [
    Case("surveys:list", ed, COORDINATORS),
    Case("surveys:mine", ed, MEMBERS),
    Case("surveys:answer", survey, AUDIENCE),
    Case("surveys:results", survey, RESULTS),
    Case("surveys:export", lambda w: [*survey(w), "csv"], RESULTS),
    Case("surveys:pulse", lambda w: [w.edition.slug, w.extra["pulse"].pk], IN_PAIR),
    Case("surveys:manage", ed, AUTHOR_EDITION),
    Case("surveys:create", ed, AUTHOR_EDITION),
    Case("surveys:pulse_rule", ed, AUTHOR_EDITION),
    Case("surveys:edit", survey, AUTHOR),
    Case(
        "surveys:edit", lambda w: [w.edition.slug, w.extra["other_survey"].pk], NOT_HERE
    ),
    Case("surveys:question_add", survey, AUTHOR),
    Case("surveys:question_edit", question, AUTHOR),
    Case(
        "surveys:question_edit",
        foreign_question,
        "login 404 404 404 403 403 404 403 403 404 404",
    ),
    Case("surveys:question_delete", question, AUTHOR),
    Case(
        "surveys:question_move",
        question,
        "login 404 404 404 403 403 404 403 403 302 404",
        method="post",
        data={"direction": "down"},
    ),
]
