import datetime as dt

import pytest

from tandem.certificates.domain import eligibility, setup
from tandem.events.models import Attendance
from tandem.programs.models import RoleGrant
from tests import factories
from tests.events.builders import make_event
from tests.mentoring.helpers import activate, publish

NAME = "Őrs Łukasz Wójcik"


@pytest.fixture
def closure(db, settings):
    """A mentor of an active pair who attended the one mandatory mentor training;
    the rule leaves out the final survey, which this branch cannot check."""
    settings.TANDEM_TODAY = "2024-06-20"
    edition = factories.make_edition()
    poland = factories.make_association("PL", "Alumni Poland")
    factories.join(edition, poland)
    coordinator = factories.make_person("Karolina Nowicka")
    factories.grant(coordinator, edition, RoleGrant.Role.INTERNATIONAL)
    mentor = factories.make_member(poland, NAME)
    mentee = factories.make_member(poland, "Zoë Nowak")
    pair = activate(
        publish(edition, (mentor, poland), (mentee, poland), actor=coordinator)
    )
    training = make_event(edition, "Mentor training 1")
    Attendance.objects.create(
        event=training,
        person=mentor,
        minutes=120,
        source="roster",
        recorded_at=dt.datetime(2023, 11, 14, 20, tzinfo=dt.UTC),
    )
    rule = eligibility.rule_for(edition, "mentor")
    setup.save_rule(rule, actor=coordinator, needs_final_survey=False)
    return {
        "edition": edition,
        "association": poland,
        "coordinator": coordinator,
        "mentor": mentor,
        "mentee": mentee,
        "pair": pair,
        "training": training,
    }


def pdf_text(data):
    import pypdfium2

    document = pypdfium2.PdfDocument(bytes(data))
    try:
        return "".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()
