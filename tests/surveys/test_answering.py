"""Answering a survey: once, edits until it closes, bad input refused whole."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tandem.surveys.domain.answering import ALREADY, has_answered
from tandem.surveys.models import Answer, Response, ResponseMarker
from tests.surveys.helpers import answer, make_survey, participant

GOING = "How is your pair going?"


@pytest.fixture
def mentee(world):
    return participant(world.edition, world.association_a, "mentee", "Ewa Kowalska")


def test_a_named_answer_can_be_edited_until_the_survey_closes(world, mentee):
    survey = make_survey(world.edition, anonymous=False)

    answer(survey, mentee, {GOING: "2", "One word": "slow"})
    answer(survey, mentee, {GOING: "4", "Topics": ["career", "career"]})

    response = Response.objects.get(survey=survey)
    assert response.person == mentee
    assert sorted(
        (a.question.text, a.number, a.choices, a.text) for a in response.answers.all()
    ) == [(GOING, 4, [], ""), ("Topics", None, ["career"], "")]
    assert has_answered(mentee, survey) is True


def test_an_anonymous_answer_keeps_no_link_and_cannot_be_given_twice(world, mentee):
    survey = make_survey(world.edition, anonymous=True)
    answer(survey, mentee, {GOING: "5"})

    with pytest.raises(ValidationError) as error:
        answer(survey, mentee, {GOING: "1"})

    response = Response.objects.get(survey=survey)
    assert (response.person, response.pair, response.role) == (None, None, "mentee")
    assert list(response.answers.values_list("number", flat=True)) == [5]
    assert error.value.messages[0].startswith(ALREADY)
    assert has_answered(mentee, survey) is True


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({GOING: "7"}, "7 is outside the range 1 to 5."),
        ({GOING: "0"}, "0 is outside the range 1 to 5."),
        ({GOING: "three"}, "Give a whole number from 1 to 5, not 'three'."),
        (
            {GOING: "3", "Would you recommend Tandem?": "11"},
            "11 is outside the range 0 to 10.",
        ),
        (
            {GOING: "3", "How often do you meet?": "daily"},
            "'daily' is not one of the options.",
        ),
        (
            {GOING: "3", "Topics": ["career", "golf"]},
            "'golf' is not one of the options.",
        ),
        (
            {GOING: "3", "One word": "x" * 201},
            "Keep it under 200 characters (201 now).",
        ),
        ({"One word": "fine"}, "This question needs an answer."),
    ],
)
def test_bad_answers_are_refused_and_nothing_is_saved(world, mentee, values, message):
    survey = make_survey(world.edition, anonymous=False)

    with pytest.raises(ValidationError) as error:
        answer(survey, mentee, values)

    assert message in error.value.messages
    assert Response.objects.filter(survey=survey).count() == 0
    assert ResponseMarker.objects.filter(survey=survey).count() == 0
    assert Answer.objects.filter(response__survey=survey).count() == 0


@pytest.mark.parametrize(
    ("day", "message"),
    [
        (
            dt.date(2024, 3, 23),
            "This survey closed on 22 March 2024; answers are no longer taken.",
        ),
        (dt.date(2024, 2, 29), "This survey opens on 1 March 2024."),
    ],
)
def test_a_survey_outside_its_dates_takes_no_answer(world, mentee, day, message):
    survey = make_survey(world.edition, anonymous=True)

    with pytest.raises(ValidationError) as error:
        answer(survey, mentee, {GOING: "3"}, on=day)

    assert error.value.messages == [message]
    assert Response.objects.filter(survey=survey).count() == 0
    assert ResponseMarker.objects.filter(survey=survey).count() == 0


def test_someone_outside_the_audience_cannot_answer(world, mentee):
    survey = make_survey(world.edition, audience="mentors")

    with pytest.raises(ValidationError) as error:
        answer(survey, mentee, {GOING: "3"})

    assert error.value.messages == ["This survey is not for you."]


def test_the_page_shows_what_is_wrong_and_saves_nothing(
    client, world, mentee, settings
):
    survey = make_survey(world.edition, anonymous=False)
    question = survey.questions.get(text=GOING)
    settings.TANDEM_TODAY = "2024-03-05"
    client.force_login(mentee)
    url = reverse("surveys:answer", args=[world.edition.slug, survey.pk])

    refused = client.post(url, {f"q{question.pk}": "9", "q0": "ignored"})
    accepted = client.post(url, {f"q{question.pk}": "4"})

    assert refused.status_code == 200
    assert "9 is outside the range 1 to 5." in refused.content.decode()
    assert accepted.status_code == 302
    assert accepted.url == reverse("surveys:mine", args=[world.edition.slug])
    assert list(
        Answer.objects.filter(response__survey=survey).values_list("number", flat=True)
    ) == [4]


def test_two_values_for_one_scale_answer_are_refused(client, world, mentee, settings):
    survey = make_survey(world.edition, anonymous=False)
    question = survey.questions.get(text=GOING)
    settings.TANDEM_TODAY = "2024-03-05"
    client.force_login(mentee)
    url = reverse("surveys:answer", args=[world.edition.slug, survey.pk])

    refused = client.post(url, {f"q{question.pk}": ["2", "5"]})
    repeated = client.post(url, {f"q{question.pk}": ["4", "4"]})

    assert "Give one answer to this question, not several." in refused.content.decode()
    assert repeated.status_code == 302
    assert list(
        Answer.objects.filter(response__survey=survey).values_list("number", flat=True)
    ) == [4]


def test_the_page_says_a_closed_survey_is_closed(client, world, mentee, settings):
    survey = make_survey(world.edition, anonymous=False)
    question = survey.questions.get(text=GOING)
    settings.TANDEM_TODAY = "2024-04-01"
    client.force_login(mentee)

    response = client.post(
        reverse("surveys:answer", args=[world.edition.slug, survey.pk]),
        {f"q{question.pk}": "4"},
    )

    assert response.status_code == 200
    assert "This survey closed on 22 March 2024" in response.content.decode()
    assert Answer.objects.filter(response__survey=survey).count() == 0


def test_per_pair_questions_are_skipped_without_a_pair(world, mentee):
    survey = make_survey(
        world.edition,
        questions=[
            {"text": "Pair?", "kind": "scale", "required": True, "per_pair": True},
            {"text": "You?", "kind": "scale", "required": True},
        ],
    )

    answer(survey, mentee, {"You?": "3"})

    assert list(
        Answer.objects.filter(response__survey=survey).values_list(
            "question__text", "number"
        )
    ) == [("You?", 3)]


def test_mine_lists_the_survey_as_answered(client, world, mentee, settings):
    survey = make_survey(world.edition, anonymous=True)
    answer(survey, mentee, {GOING: "3"})
    settings.TANDEM_TODAY = "2024-03-06"
    client.force_login(mentee)

    page = client.get(reverse("surveys:mine", args=[world.edition.slug]))

    html = page.content.decode()
    item = html.split(f'id="survey-{survey.pk}"')[1].split("</li>")[0]
    assert page.status_code == 200
    assert '<span class="tag">answered</span>' in item
    assert "Answer the survey" not in item
