"""Builders for survey tests: participants, surveys and answers."""

import datetime as dt

from django.test import override_settings

from tandem.surveys.domain.answering import submit_response
from tandem.surveys.domain.setup import create_survey
from tests import factories
from tests.mentoring.helpers import make_application

OPEN_DAY = dt.date(2024, 3, 5)

QUESTIONS = [
    {"text": "How is your pair going?", "kind": "scale", "required": True},
    {"text": "Would you recommend Tandem?", "kind": "recommend"},
    {
        "text": "How often do you meet?",
        "kind": "single",
        "choices": ["weekly", "monthly"],
    },
    {"text": "Topics", "kind": "multiple", "choices": ["career", "leadership"]},
    {"text": "One word", "kind": "short"},
    {"text": "Anything else?", "kind": "long"},
]


def make_survey(edition, *, anonymous=True, questions=None, **fields):
    fields.setdefault("title", f"Survey {anonymous}")
    fields.setdefault("kind", "mid_term")
    fields.setdefault("audience", "both")
    fields.setdefault("opens_on", dt.date(2024, 3, 1))
    fields.setdefault("closes_on", dt.date(2024, 3, 22))
    return create_survey(
        edition,
        actor=None,
        questions=questions or QUESTIONS,
        anonymous=anonymous,
        **fields,
    )


def participant(edition, association, role, name):
    person = factories.make_member(association, name)
    make_application(person, edition, association, role)
    return person


def answer(survey, person, values, *, on=OPEN_DAY):
    """Answers by question text: {"How is your pair going?": "4", ...}."""
    by_text = {q.text: str(q.pk) for q in survey.questions.all()}
    raw = {by_text[text]: value for text, value in values.items()}
    with override_settings(TANDEM_TODAY=on.isoformat()):
        return submit_response(survey, raw, actor=person)
