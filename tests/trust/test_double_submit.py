"""A form sent twice (a double click, a resent request) creates one record."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from tandem.applications.domain import applying
from tandem.applications.models import Application
from tandem.core.models import AuditEntry
from tandem.matching.models import Suggestion
from tandem.mentoring.domain import cases, meetings
from tandem.mentoring.models import Case, Meeting
from tandem.programs.models import JoinRequest
from tests import factories
from tests.mentoring.helpers import activate, make_application, publish
from tests.trust.race import postgresql_only, race
from tests.trust.test_conflicts import hidden

MEETING = {
    "held_on": "2023-12-05",
    "duration_minutes": 60,
    "mode": "online",
    "topics": "Négociation, first steps",
}


@pytest.fixture
def pair(world, settings):
    """The world's active pair, which already has a meeting and two cases."""
    settings.TANDEM_TODAY = "2023-12-10"
    return world.extra["pair"]


def post_twice(client, url, data):
    first = client.post(url, data)
    second = client.post(url, data)
    return first, second


def test_a_meeting_form_sent_twice_logs_one_meeting(world, client, pair):
    mentee = world.people["mentee_a"]
    url = reverse("mentoring:meeting_log", args=[world.edition.slug, pair.pk])
    client.force_login(mentee)
    token = hidden(client.get(url), "submission")

    first, second = post_twice(client, url, {**MEETING, "submission": token})

    assert (first.status_code, second.status_code) == (302, 302)
    logged = Meeting.objects.filter(topics="Négociation, first steps")
    assert list(logged.values_list("pair", "logged_by")) == [(pair.pk, mentee.pk)]
    assert (
        AuditEntry.objects.filter(
            action="meeting.logged", object_id__in=[str(m.pk) for m in logged]
        ).count()
        == 1
    )


def test_two_drawings_of_the_meeting_form_log_two_meetings(world, client, pair):
    url = reverse("mentoring:meeting_log", args=[world.edition.slug, pair.pk])
    client.force_login(world.people["mentee_a"])
    tokens = [hidden(client.get(url), "submission") for _ in range(2)]

    for token in tokens:
        client.post(url, {**MEETING, "submission": token})

    assert tokens[0] != tokens[1]
    assert Meeting.objects.filter(topics=MEETING["topics"]).count() == 2


def test_a_meeting_token_of_another_persons_form_logs_nothing_of_theirs(world, pair):
    mentee, mentor = world.people["mentee_a"], world.people["mentor_b"]
    token = "0b6f3c7e-3f4e-4d51-9a55-8f0f1c2d3e4f"
    fields = {"held_on": dt.date(2023, 12, 5), "duration_minutes": 60}
    meetings.log_meeting(pair, actor=mentee, mode="online", submission=token, **fields)
    before = Meeting.objects.count()

    with pytest.raises(ValidationError) as refused:
        meetings.log_meeting(
            pair, actor=mentor, mode="online", submission=token, **fields
        )

    assert refused.value.messages == [
        "This form was already sent; reload the page to fill it in again."
    ]
    assert Meeting.objects.count() == before


def test_a_case_form_sent_twice_opens_one_case_and_tells_once(
    world, client, pair, django_capture_on_commit_callbacks
):
    url = reverse("mentoring:case_open", args=[world.edition.slug])
    client.force_login(world.people["national_a"])
    token = hidden(client.get(url), "submission")
    data = {
        "kind": "conflict",
        "pair": pair.pk,
        "summary": "They disagree.",
        "submission": token,
    }

    with django_capture_on_commit_callbacks(execute=True):
        first, second = post_twice(client, url, data)

    case = Case.objects.get(summary="They disagree.")
    assert first["Location"] == second["Location"]
    assert first["Location"] == reverse(
        "mentoring:case", args=[world.edition.slug, case.pk]
    )
    assert (
        AuditEntry.objects.filter(action="case.opened", object_id=str(case.pk)).count()
        == 1
    )
    assert [m.to for m in mail.outbox] == [[world.people["national_a"].email]]


def test_a_concern_sent_twice_opens_one_case(world, client, pair):
    url = reverse("mentoring:concern", args=[world.edition.slug, pair.pk])
    client.force_login(world.people["mentee_a"])
    token = hidden(client.get(url), "submission")

    post_twice(client, url, {"text": "I feel unheard.", "submission": token})

    assert list(
        Case.objects.filter(summary="I feel unheard.").values_list("kind", "person")
    ) == [("concern", world.people["mentee_a"].pk)]


def test_a_suggestion_sent_twice_files_one(world, client, pair):
    edition = world.edition
    mentor = make_application(
        factories.make_member(world.association_a, "Piotr Kowal"),
        edition,
        world.association_a,
        "mentor",
    )
    mentee = world.extra["application_a"]
    client.force_login(world.people["national_a"])
    token = hidden(
        client.get(reverse("matching:board", args=[edition.slug])), "submission"
    )
    data = {
        "kind": "pair",
        "mentor": mentor.pk,
        "mentee": mentee.pk,
        "reason": "Same city.",
        "submission": token,
    }

    post_twice(client, reverse("matching:suggest", args=[edition.slug]), data)

    assert list(
        Suggestion.objects.filter(reason="Same city.").values_list(
            "mentor", "mentee", "filed_by"
        )
    ) == [(mentor.pk, mentee.pk, world.people["national_a"].pk)]


def test_a_join_request_sent_twice_is_stored_once(world, client):
    url = reverse("programs:join", args=[world.edition.slug])
    token = hidden(client.get(url), "submission")
    data = {
        "association_name": "AIESEC Alumni Ísland",
        "country": "IS",
        "languages": ["Icelandic"],
        "membership_rule": "Paid the fee.",
        "board_member_name": "Þóra Jónsdóttir",
        "board_member_email": "thora@example.is",
        "coordinator_name": "Guðrún Sigurðardóttir",
        "coordinator_email": "gudrun@example.is",
        "submission": token,
    }

    first, second = post_twice(client, url, data)

    assert (first.status_code, second.status_code) == (302, 302)
    assert list(
        JoinRequest.objects.filter(country="IS").values_list(
            "association_name", "coordinator_name"
        )
    ) == [("AIESEC Alumni Ísland", "Guðrún Sigurðardóttir")]


ANSWERS = {
    "preference": "international",
    "native_language": "Polish",
    "other_languages": ["English"],
    "goals": "Lead my first team.",
    "motivation": "Grow",
}


def test_an_application_submitted_twice_is_one_application_confirmed_once(
    open_window, django_capture_on_commit_callbacks
):
    world = open_window
    person = world.people["member_a"]

    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(2):
            applying.save_application(
                person,
                world.edition,
                world.association_a,
                "mentee",
                ANSWERS,
                actor=person,
                submit=True,
                consent=True,
            )

    assert list(
        Application.objects.filter(person=person).values_list("role", "state")
    ) == [("mentee", "submitted")]
    assert [m.to for m in mail.outbox] == [[person.email]]


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_a_first_application_sent_twice_at_once_makes_one(settings):
    settings.TANDEM_TODAY = "2023-10-20"
    edition = factories.make_edition()
    association = factories.make_association()
    factories.join(edition, association)
    factories.make_milestone(
        edition,
        "Applications",
        "applications",
        dt.date(2023, 10, 9),
        dt.date(2023, 11, 12),
    )
    person = factories.make_member(association, "Zoë Nowak")

    def submit():
        return applying.save_application(
            person,
            edition,
            association,
            "mentee",
            ANSWERS,
            actor=person,
            submit=True,
            consent=True,
        )

    outcomes = race(submit, submit)

    assert [type(o).__name__ for o in outcomes] == ["Application", "Application"]
    assert outcomes[0].pk == outcomes[1].pk
    assert AuditEntry.objects.filter(action="application.submitted").count() == 1


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_a_meeting_form_sent_twice_at_once_logs_one_meeting(settings):
    settings.TANDEM_TODAY = "2023-12-10"
    edition = factories.make_edition()
    association = factories.make_association()
    factories.join(edition, association)
    coordinator = factories.make_person("Anna Kowalska")
    mentee = factories.make_member(association, "Zoë Nowak")
    pair = activate(
        publish(
            edition,
            (factories.make_member(association, "Łukasz Wójcik"), association),
            (mentee, association),
            actor=coordinator,
        )
    )
    token = "5d0b7a52-8c1f-4b8e-a1d4-2f0c9e6b7a31"

    def log():
        return meetings.log_meeting(
            pair,
            actor=mentee,
            held_on=dt.date(2023, 12, 5),
            duration_minutes=45,
            mode="online",
            submission=token,
        )

    outcomes = race(log, log, log)

    assert len({o.pk for o in outcomes}) == 1
    assert Meeting.objects.count() == 1
    assert AuditEntry.objects.filter(action="meeting.logged").count() == 1


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_a_case_form_sent_twice_at_once_opens_one_case(settings):
    edition = factories.make_edition()
    association = factories.make_association()
    factories.join(edition, association)
    coordinator = factories.make_person("Anna Kowalska")
    person = factories.make_member(association, "Zoë Nowak")
    token = "9e1c2b3a-4d5e-4f60-8a7b-6c5d4e3f2a10"

    def open_it():
        return cases.open_case(
            edition,
            actor=coordinator,
            kind="other",
            summary="Asked for a new mentor.",
            association=association,
            person=person,
            submission=token,
        )

    outcomes = race(open_it, open_it)

    assert outcomes[0].pk == outcomes[1].pk
    assert Case.objects.count() == 1
    assert AuditEntry.objects.filter(action="case.opened").count() == 1
