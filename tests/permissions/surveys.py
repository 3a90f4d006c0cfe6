"""Pages of surveys and the pair pulse.

The world gets a named survey that mentee_a (A) and mentor_b (B) are invited to,
answered by six more people of B whose free text carries a marker, and a pulse
check of the international pair mentor_b → mentee_a.
"""

import datetime as dt

from tandem.surveys.models import PulseCheck
from tests.permissions import Case
from tests.surveys.helpers import answer, make_survey, participant

TEXT_MARKER = "Qqsurveytext"


def extend_world(world):
    b = world.association_b
    survey = make_survey(world.edition, anonymous=False, title="World survey")
    for index in range(6):
        person = participant(world.edition, b, "mentor", f"Bálint {index}")
        answer(
            survey,
            person,
            {
                "How is your pair going?": "4",
                "Anything else?": f"{TEXT_MARKER} {index}",
            },
        )
    check = PulseCheck.objects.create(
        pair=world.extra["pair"], number=1, due_on=dt.date(2023, 12, 31)
    )
    world.extra.update(survey=survey, pulse=check)


def ed(w):
    return [w.edition.slug]


def survey(w):
    return [w.edition.slug, w.extra["survey"].pk]


COORDINATORS = "login 404 403 403 403 403 403 200 200 200 404"
MEMBERS = "login 404 200 200 200 200 403 403 403 403 404"
AUDIENCE = "login 404 404 404 200 200 404 403 403 403 404"
RESULTS = "login 404 404 404 403 403 404 200 200 200 404"
IN_PAIR = "login 404 404 404 200 200 404 404 404 404 404"

CASES = [
    Case("surveys:list", ed, COORDINATORS),
    Case("surveys:mine", ed, MEMBERS),
    Case("surveys:answer", survey, AUDIENCE),
    Case("surveys:results", survey, RESULTS),
    Case("surveys:export", lambda w: [*survey(w), "csv"], RESULTS),
    Case("surveys:pulse", lambda w: [w.edition.slug, w.extra["pulse"].pk], IN_PAIR),
]
