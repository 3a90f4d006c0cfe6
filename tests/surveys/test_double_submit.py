"""A survey authoring form sent twice (a double click, a resent request) creates
one survey or one question, and the repeat lands where the first one went."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tandem.core.models import AuditEntry
from tandem.programs.models import RoleGrant
from tandem.surveys.domain import authoring
from tandem.surveys.models import Question, Survey
from tests import factories
from tests.trust.test_conflicts import hidden


@pytest.fixture
def edition(db):
    return factories.make_edition()


@pytest.fixture
def coordinator(edition):
    person = factories.make_person("Karolina Nowicka")
    factories.grant(person, edition, RoleGrant.Role.INTERNATIONAL)
    return person


@pytest.fixture
def signed_in(client, coordinator, settings):
    settings.TANDEM_TODAY = "2024-02-01"
    client.force_login(coordinator)
    return client


def survey_of(edition, coordinator):
    return authoring.create_survey(
        edition,
        actor=coordinator,
        title="Checkpoint",
        kind=Survey.Kind.MID_TERM,
        audience=Survey.Audience.BOTH,
        anonymous=False,
        opens_on=dt.date(2024, 3, 1),
        closes_on=dt.date(2024, 3, 22),
    )


def test_the_new_survey_form_sent_twice_creates_one_survey(signed_in, edition):
    url = reverse("surveys:create", args=[edition.slug])
    form = {
        "title": "Mid-term checkpoint, Łódź",
        "kind": "mid_term",
        "audience": "both",
        "opens_on": "2024-03-01",
        "closes_on": "2024-03-22",
        "submission": hidden(signed_in.get(url), "submission"),
    }

    first = signed_in.post(url, form)
    second = signed_in.post(url, form)

    survey = Survey.objects.get(edition=edition)
    edit = reverse("surveys:edit", args=[edition.slug, survey.pk])
    assert (first.status_code, first.url) == (302, edit)
    assert (second.status_code, second.url) == (302, edit)
    assert AuditEntry.objects.filter(action="survey.created").count() == 1


def test_the_new_question_form_sent_twice_adds_one_question(
    signed_in, edition, coordinator
):
    survey = survey_of(edition, coordinator)
    url = reverse("surveys:question_add", args=[edition.slug, survey.pk])
    form = {
        "text": "How is your pair going, Zoë?",
        "kind": "scale",
        "submission": hidden(signed_in.get(url), "submission"),
    }

    first = signed_in.post(url, form)
    second = signed_in.post(url, form)

    assert (first.status_code, second.status_code) == (302, 302)
    assert list(survey.questions.values_list("text", "position")) == [
        ("How is your pair going, Zoë?", 1)
    ]
    assert AuditEntry.objects.filter(action="survey.question_added").count() == 1


def test_a_question_token_from_another_survey_adds_nothing_there(edition, coordinator):
    first = survey_of(edition, coordinator)
    other = authoring.create_survey(
        edition,
        actor=coordinator,
        title="Final",
        kind=Survey.Kind.FINAL,
        audience=Survey.Audience.BOTH,
        anonymous=True,
        opens_on=dt.date(2024, 5, 6),
        closes_on=dt.date(2024, 5, 31),
    )
    token = "6c1f7d0e-3b54-4c38-9a7d-0c1f5b2a9e11"
    authoring.add_question(
        first, actor=coordinator, text="One?", kind="scale", submission=token
    )

    with pytest.raises(ValidationError, match="already sent"):
        authoring.add_question(
            other, actor=coordinator, text="One?", kind="scale", submission=token
        )

    assert Question.objects.filter(survey=other).count() == 0
