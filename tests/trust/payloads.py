"""Script payloads in the free text real users type, planted in the demo edition.

Every payload carries a ``data-xss`` attribute on the element it would inject:
a page whose DOM holds an element with that attribute rendered a payload as
markup, whether or not the Content Security Policy then kept the script from
running. Each payload calls ``alert`` with its own marker, so a dialog names
the field that leaked. ``FORMULA`` payloads start like spreadsheet formulas.
"""

import base64
import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.test import override_settings

from tandem.applications.domain.screening import review_application
from tandem.applications.models import ApplicationForm, Question
from tandem.certificates.domain.issuing import issue_certificate
from tandem.certificates.domain.setup import add_image
from tandem.demo.edition import DemoPassword
from tandem.events.domain.scheduling import schedule_event
from tandem.matching.domain.runs import pin, start_run
from tandem.matching.domain.suggestions import file_suggestion
from tandem.mentoring.domain.cases import add_note, open_case, raise_concern
from tandem.mentoring.domain.checkpoint import review_pair
from tandem.mentoring.domain.contract import save_contract
from tandem.mentoring.domain.meetings import log_meeting, respond_to_meeting
from tandem.mentoring.domain.pairs import accept_contract, create_pairs
from tandem.people.models import Person
from tandem.programs.domain.joining import submit_join_request
from tandem.programs.models import Association, Milestone
from tandem.surveys.domain.answering import submit_response
from tandem.surveys.models import Survey
from tests.mentoring.helpers import make_application

INTERNATIONAL = "karolina.nowicka@tandem.example"
TRAINING_PARTNER = "marek.zielinski@tandem.example"
COORDINATOR_PL = "agata.wisniewska@tandem.example"
MENTEE = "lukasz.wojcik.00@pl.members.example"

MARK = "data-xss"
SITE_URL = "http://testserver"


def script(marker):
    return f'<script {MARK}>alert("{marker}")</script>'


def img(marker):
    return f"\"><img src=x {MARK} onerror=alert('{marker}')>"


def svg(marker):
    return f"'><svg {MARK} onload=alert('{marker}')>"


def formula(marker):
    return f'=HYPERLINK("https://evil.invalid/{marker}","{marker}")'


MENTEE_NAME = f"Łukasz {script('mentee name')} Wójcik"
MENTOR_NAME = f"Zoë {img('mentor name')} Peeters"
FORMULA_NAME = f"{formula('name')} {svg('formula name')}"
ASSOCIATION_NAME = f"AIESEC Alumni Poland {svg('association')}"
EMPLOYER = formula("employer")
SURVEY_ANSWER = f"=cmd {script('survey answer')}"
SURVEY_ANSWERS = 5
SURVEY_ANSWERERS = SURVEY_ANSWERS - 1
SIGNATURE_LABEL = f"Board {svg('signature label')}"
# A 1×1 transparent PNG.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
)
# Prefixes a spreadsheet would run: each must come out of an export with a '.
FORMULA_STARTS = ("=", "+", "-", "@")


@dataclass
class Planted:
    mentee: Person
    mentor: Person
    formula_person: Person
    pair: object
    run: object
    case: object
    certificate: object
    event: object
    join_request: object


def at(day):
    return override_settings(TANDEM_TODAY=day)


def plant_payloads(edition):
    """Payloads across apps, on objects each demo role sees; returns them."""
    international = Person.objects.get(email=INTERNATIONAL)
    coordinator = Person.objects.get(email=COORDINATOR_PL)
    pl = _association(edition)
    mentee, mentor, formula_person, answerers = _people(pl)
    _timeline(edition)
    mentee_app, mentor_app, formula_app = _applications(
        edition, pl, mentee, mentor, formula_person
    )
    review_application(
        mentee_app,
        actor=coordinator,
        maturity=4,
        motivation=5,
        comment=f"Strong {img('review comment')}",
    )
    run = _matching(
        edition, international, coordinator, mentor_app, [mentee_app, formula_app]
    )
    pair = _pair(edition, mentor_app, mentee_app)
    _meetings(pair, mentee, mentor)
    case = _cases(edition, pair, mentee, coordinator, pl)
    with at("2024-03-05"):
        review_pair(
            pair,
            "inactive",
            f"No meetings in February {svg('checkpoint')}",
            actor=coordinator,
        )
    _survey(edition, pl, [mentee, *answerers])
    event = _event(edition, international)
    join_request = submit_join_request(edition, _join_data())
    add_image(edition, "signature", SIGNATURE_LABEL, PNG, actor=international)
    with at("2024-03-12"):
        certificate = issue_certificate(
            edition,
            mentor,
            "mentor",
            actor=international,
            site_url=SITE_URL,
            override_reason=f"Trainings made up {script('override reason')}",
        )
    save_contract(
        edition,
        actor=international,
        title=f"Contract {img('contract title')}",
        body=f"We meet monthly.\n{script('contract body')}",
    )
    return Planted(
        mentee,
        mentor,
        formula_person,
        pair,
        run,
        case,
        certificate,
        event,
        join_request,
    )


def _association(edition):
    pl = Association.objects.get(country="PL")
    pl.name = ASSOCIATION_NAME
    pl.membership_rule = f"Paid the fee {script('membership rule')}"
    pl.save(update_fields=["name", "membership_rule"])
    return pl


def _people(pl):
    """The demo mentee, and PL members who did not apply: the mentor, a formula
    name, and the survey's other answerers."""
    mentee = Person.objects.get(email=MENTEE)
    spare = list(
        Person.objects.filter(email__endswith="@pl.members.example")
        .exclude(pk=mentee.pk)
        .exclude(applications__isnull=False)
        .order_by("email")
    )
    mentor, formula_person = spare[:2]
    password = DemoPassword()
    for person, name in (
        (mentee, MENTEE_NAME),
        (mentor, MENTOR_NAME),
        (formula_person, FORMULA_NAME),
    ):
        person.full_name = name
        person.employer = f"{EMPLOYER} {person.pk}"
        person.save(update_fields=["full_name", "employer"])
        password.apply(person)
    for person in (mentee, *spare):
        membership = person.memberships.get(association=pl)
        membership.state = "verified"
        membership.save(update_fields=["state"])
    return mentee, mentor, formula_person, spare[2 : 2 + SURVEY_ANSWERERS]


def _timeline(edition):
    mentoring = Milestone.objects.get(edition=edition, name="Mentoring")
    mentoring.description = f"Pairs meet {script('milestone description')}"
    mentoring.save(update_fields=["description"])
    Milestone.objects.create(
        edition=edition,
        name=f"Regional meet-up {img('milestone name')}",
        kind=Milestone.Kind.OTHER,
        starts_on=dt.date(2024, 2, 1),
        description=f"Bring friends {svg('milestone description 2')}",
    )


def _applications(edition, pl, mentee, mentor, formula_person):
    form, _ = ApplicationForm.objects.get_or_create(edition=edition, role="mentee")
    form.introduction = f"Welcome {script('form introduction')}"
    form.save(update_fields=["introduction"])
    question = Question.objects.create(
        form=form,
        kind=Question.Kind.LONG_TEXT,
        text=f"Anything else? {img('question text')}",
    )
    mentee_app = make_application(
        mentee,
        edition,
        pl,
        "mentee",
        motivation=f"+I want to grow {script('mentee motivation')}",
        goals=f"-Lead a team {img('mentee goals')}",
        employer=EMPLOYER,
        city=f"Kraków {svg('city')}",
        function="Finance",
        industry="Banking",
        preference="either",
        other_languages=["English"],
        years_experience=4,
        tags=[f"@tag {script('tag')}"],
        extra_answers={question.text: f"@me {svg('extra answer')}"},
    )
    mentor_app = make_application(
        mentor,
        edition,
        pl,
        "mentor",
        motivation=f"Give back {svg('mentor motivation')}",
        expertise=f"=1+1 {script('mentor expertise')}",
        employer=f"Bank {img('mentor employer')}",
        function="Finance",
        industry="Banking",
        preference="either",
        other_languages=["English"],
        years_experience=20,
        capacity=2,
    )
    formula_app = make_application(
        formula_person,
        edition,
        pl,
        "mentee",
        motivation=formula("motivation"),
        function="Finance",
        industry="Banking",
        preference="either",
        other_languages=["English"],
        years_experience=4,
    )
    return mentee_app, mentor_app, formula_app


def _matching(edition, international, coordinator, mentor_app, mentee_apps):
    """A run in which the mentor is pinned to both payload-named mentees."""
    with at("2023-11-20"):
        file_suggestion(
            edition,
            actor=coordinator,
            mentor=mentor_app,
            mentee=mentee_apps[0],
            kind="pair",
            reason=f"They know each other {script('suggestion reason')}",
        )
        run = start_run(edition, actor=international)
        for mentee_app in mentee_apps:
            run = pin(
                run,
                mentor_app.pk,
                mentee_app.pk,
                actor=international,
                reason=f"Asked for {img('pin reason')}",
            )
    return run


def _pair(edition, mentor_app, mentee_app):
    with at("2023-11-30"):
        (pair,) = create_pairs(
            edition,
            [(mentor_app.pk, mentee_app.pk, "local", "Polish")],
            actor=None,
            source="crawl",
        )
    with at("2023-12-01"):
        accept_contract(pair, actor=mentor_app.person)
        pair = accept_contract(pair, actor=mentee_app.person)
    return pair


def _meetings(pair, mentee, mentor):
    when = dt.datetime(2023, 12, 6, 12, tzinfo=ZoneInfo("Europe/Warsaw"))
    with at("2023-12-06"):
        meeting = log_meeting(
            pair,
            actor=mentee,
            held_on=dt.date(2023, 12, 5),
            duration_minutes=60,
            mode="online",
            topics=f"CV review {img('meeting topics')}",
            private_note=f"Felt shy {script('private note mentee')}",
            at=when,
        )
        respond_to_meeting(
            meeting,
            True,
            actor=mentor,
            private_note=f"Went well {svg('private note mentor')}",
            at=when + dt.timedelta(hours=2),
        )


def _cases(edition, pair, mentee, coordinator, pl):
    with at("2024-01-10"):
        case = raise_concern(
            pair, f"My mentor is late {script('concern')}", actor=mentee
        )
        add_note(case, f"Called them {img('case note')}", actor=coordinator)
        open_case(
            edition,
            actor=coordinator,
            kind="conflict",
            summary=f"Disagreement {svg('case summary')}",
            association=pl,
            pair=pair,
        )
    return case


def _survey(edition, pl, people):
    """Five answers, so coordinators see the texts: the five-answer rule."""
    survey = Survey.objects.get(edition=edition, kind=Survey.Kind.MID_TERM)
    survey.introduction = f"Five minutes {img('survey introduction')}"
    survey.save(update_fields=["introduction"])
    questions = {q.text: str(q.pk) for q in survey.questions.all()}
    for person in people[1:]:
        make_application(person, edition, pl, "mentee")
    answers = {
        questions["How often do you meet?"]: "every month",
        questions["What should your national coordinator know?"]: SURVEY_ANSWER,
    }
    with at("2024-03-04"):
        # Only the mentee is in a pair; the others get no per-pair question.
        submit_response(
            survey,
            {questions["How is your pair going?"]: "4", **answers},
            actor=people[0],
        )
        for person in people[1:]:
            submit_response(survey, answers, actor=person)


def _event(edition, actor):
    zone = ZoneInfo("Europe/Warsaw")
    return schedule_event(
        edition,
        actor=actor,
        title=f"Networking night {script('event title')}",
        place=f"Warszawa {img('event place')}",
        description=f"Drinks {svg('event description')}",
        kind="other",
        audience="both",
        starts_at=dt.datetime(2024, 3, 14, 18, tzinfo=zone),
        ends_at=dt.datetime(2024, 3, 14, 20, tzinfo=zone),
        time_zone="Europe/Warsaw",
    )


def _join_data():
    return {
        "association_name": f"AIESEC Alumni Portugal {script('join association')}",
        "country": "PT",
        "languages": ["Portuguese"],
        "membership_rule": f"Paid {img('join rule')}",
        "board_member_name": f"João {svg('join board member')}",
        "board_member_email": "joao@example.pt",
        "coordinator_name": f"Inês {script('join coordinator')}",
        "coordinator_email": "ines@example.pt",
    }
