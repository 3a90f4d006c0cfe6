"""The demo edition's mid-term (March) and final (May) surveys, ready-made.

Dates come from the timeline's survey milestones. Loading twice changes nothing:
a survey that exists under its title is left as it is, answers included.
"""

from tandem.programs.models import Milestone
from tandem.surveys.domain.setup import create_survey
from tandem.surveys.models import Survey

SCALE, RECOMMEND = "scale", "recommend"

MID_TERM = [
    {
        "text": "How is your pair going?",
        "kind": SCALE,
        "required": True,
        "per_pair": True,
    },
    {
        "text": "How often do you meet?",
        "kind": "single",
        "required": True,
        "choices": ["every week", "every two weeks", "every month", "less often"],
    },
    {
        "text": "What have you worked on so far?",
        "kind": "multiple",
        "choices": [
            "career plan",
            "leadership",
            "job search",
            "networking",
            "work-life balance",
        ],
    },
    {"text": "How useful were the trainings?", "kind": SCALE},
    {"text": "What should your national coordinator know?", "kind": "long"},
]

FINAL = [
    {
        "text": "How well did your pair work overall?",
        "kind": SCALE,
        "required": True,
        "per_pair": True,
    },
    {
        "text": "How likely are you to recommend Tandem to a colleague?",
        "kind": RECOMMEND,
        "required": True,
    },
    {
        "text": "Did you reach the goals you set?",
        "kind": "single",
        "required": True,
        "choices": ["fully", "partly", "not yet"],
    },
    {"text": "One word for your year in Tandem", "kind": "short"},
    {"text": "What should we change next year?", "kind": "long"},
]

SURVEYS = [
    (
        "Mid-term survey",
        Survey.Kind.MID_TERM,
        False,
        MID_TERM,
        "Halfway through the year: how is it going? Five minutes.",
    ),
    (
        "Final survey",
        Survey.Kind.FINAL,
        True,
        FINAL,
        "The year is ending: tell us what worked and what to change.",
    ),
]


def load_demo_surveys(edition):
    for title, kind, anonymous, questions, introduction in SURVEYS:
        if Survey.objects.filter(edition=edition, title=title).exists():
            continue
        create_survey(
            edition,
            actor=None,
            questions=questions,
            title=title,
            kind=kind,
            audience=Survey.Audience.BOTH,
            anonymous=anonymous,
            introduction=introduction,
            milestone=Milestone.objects.get(
                edition=edition, kind=Milestone.Kind.SURVEY, name=title
            ),
        )
