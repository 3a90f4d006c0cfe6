"""Writing surveys: creating, questions of each kind, order, refused edits, dates."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tandem.core.models import AuditEntry
from tandem.programs.models import RoleGrant
from tandem.surveys.domain import authoring
from tandem.surveys.domain.answering import has_answered
from tandem.surveys.domain.invitations import invite
from tandem.surveys.domain.pulse import rule_for
from tandem.surveys.models import Answer, Question, Survey
from tests import factories
from tests.surveys.helpers import answer, participant

OPEN_DAY = "2024-03-05"


@pytest.fixture
def edition(db):
    return factories.make_edition()


@pytest.fixture
def coordinator(edition):
    person = factories.make_person("Karolina Nowicka")
    factories.grant(person, edition, RoleGrant.Role.INTERNATIONAL)
    return person


@pytest.fixture
def association(edition):
    association = factories.make_association("PL", "Alumni Poland")
    factories.join(edition, association)
    return association


@pytest.fixture
def signed_in(client, coordinator, settings):
    settings.TANDEM_TODAY = OPEN_DAY
    client.force_login(coordinator)
    return client


@pytest.fixture
def march(edition):
    return factories.make_milestone(
        edition,
        name="Mid-term survey",
        kind="survey",
        starts=dt.date(2024, 3, 1),
        ends=dt.date(2024, 3, 22),
    )


def new_survey(edition, actor, **fields):
    fields.setdefault("title", "Checkpoint")
    fields.setdefault("kind", Survey.Kind.MID_TERM)
    fields.setdefault("audience", Survey.Audience.BOTH)
    fields.setdefault("anonymous", False)
    fields.setdefault("opens_on", dt.date(2024, 3, 1))
    fields.setdefault("closes_on", dt.date(2024, 3, 22))
    return authoring.create_survey(edition, actor=actor, **fields)


def add(survey, actor, text="How is your pair going?", kind="scale", **spec):
    return authoring.add_question(survey, actor=actor, text=text, kind=kind, **spec)


def url(name, survey, *more):
    return reverse(f"surveys:{name}", args=[survey.edition.slug, survey.pk, *more])


def traced():
    """The audit rows of this app, sign-ins left out."""
    return AuditEntry.objects.exclude(action__startswith="login.").order_by("id")


def actions():
    return list(traced().values_list("action", flat=True))


def test_the_create_page_makes_a_survey_from_a_milestone(
    signed_in, edition, coordinator, march
):
    response = signed_in.post(
        reverse("surveys:create", args=[edition.slug]),
        {
            "title": "Mid-term checkpoint, Łódź",
            "kind": "mid_term",
            "audience": "mentees",
            "milestone": march.pk,
        },
    )

    survey = Survey.objects.get(edition=edition)
    assert response.status_code == 302
    assert response.url == url("edit", survey)
    assert (survey.title, survey.audience, survey.anonymous) == (
        "Mid-term checkpoint, Łódź",
        "mentees",
        False,
    )
    assert (survey.first_day, survey.last_day) == (
        dt.date(2024, 3, 1),
        dt.date(2024, 3, 22),
    )
    assert list(traced().values_list("action", "object_id", "actor_id")) == [
        ("survey.created", str(survey.pk), coordinator.pk)
    ]


def test_the_edit_page_changes_the_survey(signed_in, edition, coordinator):
    survey = new_survey(edition, coordinator)

    response = signed_in.post(
        url("edit", survey),
        {
            "title": "Final survey",
            "kind": "final",
            "audience": "both",
            "anonymous": "on",
            "opens_on": "2024-05-06",
            "closes_on": "2024-05-31",
        },
    )

    survey.refresh_from_db()
    assert response.status_code == 302
    assert (survey.kind, survey.anonymous, survey.opens_on) == (
        "final",
        True,
        dt.date(2024, 5, 6),
    )
    assert actions() == ["survey.created", "survey.changed"]


@pytest.mark.parametrize(
    ("kind", "choices", "stored"),
    [
        ("scale", "", []),
        ("recommend", "", []),
        ("single", "every week\r\n\r\n  every month  \r\nless often", None),
        ("multiple", "career\nleadership", ["career", "leadership"]),
        ("short", "left over\nfrom a choice", []),
        ("long", "", []),
    ],
)
def test_each_kind_of_question_is_added_through_the_page(
    signed_in, edition, coordinator, kind, choices, stored
):
    survey = new_survey(edition, coordinator)
    stored = ["every week", "every month", "less often"] if stored is None else stored

    response = signed_in.post(
        url("question_add", survey),
        {
            "text": f"A {kind} question for Zoë",
            "kind": kind,
            "choices": choices,
            "required": "on",
            "per_pair": "on",
        },
    )

    question = survey.questions.get()
    assert response.status_code == 302
    assert (
        question.text,
        question.kind,
        question.choices,
        question.required,
        question.per_pair,
        question.non_anonymous,
        question.position,
    ) == (f"A {kind} question for Zoë", kind, stored, True, True, False, 1)
    assert actions() == ["survey.created", "survey.question_added"]


@pytest.mark.parametrize(
    ("choices", "message"),
    [
        ("only one", "A choice question needs at least two options."),
        ("yes\nno\nyes", "“yes” is listed twice."),
    ],
)
def test_a_choice_question_with_bad_options_is_refused_on_the_page(
    signed_in, edition, coordinator, choices, message
):
    survey = new_survey(edition, coordinator)

    response = signed_in.post(
        url("question_add", survey),
        {"text": "Which?", "kind": "single", "choices": choices},
    )

    assert response.status_code == 400
    assert f"Options: {message}" in response.content.decode()
    assert survey.questions.count() == 0


def test_questions_move_down_and_up_and_are_numbered_from_one(edition, coordinator):
    survey = new_survey(edition, coordinator)
    first, _, third = (add(survey, coordinator, text=t) for t in "ABC")

    authoring.move_question(first, actor=coordinator, up=False)
    authoring.move_question(third, actor=coordinator, up=True)

    assert list(survey.questions.values_list("text", "position")) == [
        ("B", 1),
        ("C", 2),
        ("A", 3),
    ]
    assert actions()[-2:] == ["survey.questions_reordered"] * 2


def test_the_first_question_cannot_move_up(edition, coordinator):
    survey = new_survey(edition, coordinator)
    first = add(survey, coordinator, text="A")
    add(survey, coordinator, text="B")

    with pytest.raises(ValidationError) as error:
        authoring.move_question(first, actor=coordinator, up=True)

    assert error.value.messages == ["“A” is already the first."]


def test_moving_without_javascript_redirects_back_to_the_question(
    signed_in, edition, coordinator
):
    survey = new_survey(edition, coordinator)
    first = add(survey, coordinator, text="A")
    add(survey, coordinator, text="B")

    response = signed_in.post(
        url("question_move", survey, first.pk), {"direction": "down"}
    )

    assert response.status_code == 302
    assert response.url == f"{url('edit', survey)}#question-{first.pk}"
    assert list(survey.questions.values_list("text", flat=True)) == ["B", "A"]


def test_moving_with_htmx_answers_the_new_list_only(signed_in, edition, coordinator):
    survey = new_survey(edition, coordinator)
    add(survey, coordinator, text="Alpha")
    second = add(survey, coordinator, text="Beta")

    response = signed_in.post(
        url("question_move", survey, second.pk),
        {"direction": "up"},
        headers={"HX-Request": "true"},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert page.lstrip().startswith('<div id="questions">')
    assert "<html" not in page
    assert page.index("Beta") < page.index("Alpha")


@pytest.fixture
def answered(edition, coordinator, association):
    """A named survey of three questions that one mentee has answered."""
    survey = new_survey(edition, coordinator)
    add(survey, coordinator, text="How is your pair going?", kind="scale")
    add(survey, coordinator, text="How often?", kind="single", choices=["a", "b"])
    add(survey, coordinator, text="Anything else?", kind="long")
    mentee = participant(edition, association, "mentee", "Őrs Šimić")
    answer(survey, mentee, {"How is your pair going?": "4", "How often?": "a"})
    return survey


@pytest.mark.parametrize(
    ("change", "field", "label"),
    [
        ({"kind": "recommend"}, "kind", "its kind"),
        ({"choices": ["a", "c"]}, "choices", "its options"),
        ({"required": True}, "required", "whether it is required"),
        ({"per_pair": True}, "per_pair", "whether it is about the pair"),
        (
            {"non_anonymous": True},
            "non_anonymous",
            "whether it is shared with coordinators",
        ),
    ],
)
def test_after_answers_a_question_keeps_its_kind_options_and_flags(
    answered, coordinator, change, field, label
):
    # The scale question for the kind: a choice question losing its kind also
    # loses its options, which is a second refusal.
    text = "How is your pair going?" if field == "kind" else "How often?"
    question = answered.questions.get(text=text)
    before = list(answered.questions.values())

    with pytest.raises(ValidationError) as error:
        authoring.change_question(question, actor=coordinator, **change)

    assert error.value.message_dict == {
        field: [
            f"This survey has answers, so {label} cannot change; only the wording can."
        ]
    }
    assert list(answered.questions.values()) == before


def test_after_answers_the_wording_and_the_order_still_change(answered, coordinator):
    question = answered.questions.get(text="How often?")

    authoring.change_question(
        question, actor=coordinator, text="How often do you meet?"
    )
    authoring.move_question(question, actor=coordinator, up=True)

    assert list(answered.questions.values_list("text", flat=True)) == [
        "How often do you meet?",
        "How is your pair going?",
        "Anything else?",
    ]
    assert Answer.objects.get(question=question).choices == ["a"]


def test_after_answers_no_question_is_deleted_or_added(answered, coordinator):
    question = answered.questions.get(text="Anything else?")

    with pytest.raises(ValidationError) as deleting:
        authoring.delete_question(question, actor=coordinator)
    with pytest.raises(ValidationError) as adding:
        add(answered, coordinator, text="New?", kind="short")

    assert deleting.value.messages == [
        "This survey has answers, so its questions cannot be deleted; only the "
        "wording and the order of its questions can change."
    ]
    assert adding.value.messages == [
        "This survey has answers, so no question can be added; only the wording "
        "and the order of its questions can change."
    ]
    assert answered.questions.count() == 3


def test_after_answers_the_audience_and_anonymity_stay(answered, coordinator):
    with pytest.raises(ValidationError) as error:
        authoring.change_survey(
            answered, actor=coordinator, audience="mentors", anonymous=True
        )

    answered.refresh_from_db()
    assert sorted(error.value.message_dict) == ["anonymous", "audience"]
    assert (answered.audience, answered.anonymous) == ("both", False)


def test_after_answers_the_page_offers_only_the_wording(signed_in, answered):
    question = answered.questions.get(text="How often?")

    page = signed_in.get(url("question_edit", answered, question.pk))
    response = signed_in.post(
        url("question_edit", answered, question.pk),
        {"text": "How often do you meet?", "kind": "multiple", "choices": "a\nc"},
    )

    question.refresh_from_db()
    form = page.context["form"]
    assert sorted(n for n, f in form.fields.items() if f.disabled) == [
        "choices",
        "kind",
        "non_anonymous",
        "per_pair",
        "required",
    ]
    assert "only the wording of the question can change" in page.content.decode()
    assert response.status_code == 302
    assert (question.text, question.kind, question.choices) == (
        "How often do you meet?",
        "single",
        ["a", "b"],
    )


def test_after_answers_the_survey_page_refuses_a_new_audience(signed_in, answered):
    page = signed_in.get(url("edit", answered))
    response = signed_in.post(
        url("edit", answered),
        {
            "title": "Checkpoint",
            "kind": "mid_term",
            "audience": "mentors",
            "anonymous": "on",
            "opens_on": "2024-03-01",
            "closes_on": "2024-03-29",
        },
    )

    answered.refresh_from_db()
    assert page.context["form"].fields["audience"].disabled is True
    assert response.status_code == 302
    assert (answered.audience, answered.anonymous, answered.closes_on) == (
        "both",
        False,
        dt.date(2024, 3, 29),
    )


def test_deleting_a_question_before_answers_renumbers_the_rest(
    signed_in, edition, coordinator
):
    survey = new_survey(edition, coordinator)
    first = add(survey, coordinator, text="A")
    add(survey, coordinator, text="B")

    response = signed_in.post(url("question_delete", survey, first.pk))

    assert response.status_code == 302
    assert list(survey.questions.values_list("text", "position")) == [("B", 1)]
    assert actions()[-1] == "survey.question_deleted"


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        (
            {"opens_on": dt.date(2023, 8, 31)},
            {
                "opens_on": "31 August 2023 is before the edition starts "
                "(1 September 2023)."
            },
        ),
        (
            {"closes_on": dt.date(2024, 7, 1)},
            {"closes_on": "1 July 2024 is after the edition ends (30 June 2024)."},
        ),
        (
            {"opens_on": dt.date(2024, 3, 22), "closes_on": dt.date(2024, 3, 1)},
            {
                "closes_on": "The survey cannot close (1 March 2024) before it opens "
                "(22 March 2024)."
            },
        ),
        (
            {"opens_on": None},
            {
                "milestone": "Pick a survey milestone of the timeline, or give "
                "both dates."
            },
        ),
    ],
)
def test_bad_dates_are_refused_naming_the_field(edition, coordinator, fields, errors):
    with pytest.raises(ValidationError) as error:
        new_survey(edition, coordinator, **fields)

    assert error.value.message_dict == {k: [v] for k, v in errors.items()}
    assert Survey.objects.count() == 0
    assert actions() == []


def test_a_date_before_the_milestone_is_refused_when_it_closes_first(
    edition, coordinator, march
):
    with pytest.raises(ValidationError) as error:
        new_survey(
            edition,
            coordinator,
            milestone=march,
            opens_on=dt.date(2024, 4, 2),
            closes_on=None,
        )

    assert error.value.message_dict == {
        "opens_on": [
            "The survey cannot close (22 March 2024) before it opens (2 April 2024)."
        ]
    }


def test_another_editions_milestone_is_refused(edition, coordinator):
    other = factories.make_edition("2024/25", dt.date(2024, 9, 1), dt.date(2025, 6, 30))
    elsewhere = factories.make_milestone(other, name="Survey", kind="survey")

    with pytest.raises(ValidationError) as error:
        new_survey(edition, coordinator, milestone=elsewhere)

    assert error.value.message_dict == {
        "milestone": ["Pick one of this edition's survey milestones."]
    }


def test_the_page_names_the_field_of_a_date_outside_the_edition(signed_in, edition):
    response = signed_in.post(
        reverse("surveys:create", args=[edition.slug]),
        {
            "title": "Late",
            "kind": "other",
            "audience": "both",
            "opens_on": "2024-06-01",
            "closes_on": "2024-07-15",
        },
    )

    assert response.status_code == 400
    assert (
        "Closes on: 15 July 2024 is after the edition ends (30 June 2024)."
        in response.content.decode()
    )
    assert Survey.objects.count() == 0


def test_the_list_shows_each_surveys_state_and_responses(
    signed_in, edition, coordinator, answered
):
    answered.title = "Open one"
    answered.save()
    new_survey(
        edition,
        coordinator,
        title="Draft one",
        opens_on=dt.date(2024, 5, 1),
        closes_on=dt.date(2024, 5, 31),
    )
    new_survey(
        edition,
        coordinator,
        title="Closed one",
        opens_on=dt.date(2023, 11, 1),
        closes_on=dt.date(2023, 11, 30),
    )

    response = signed_in.get(reverse("surveys:manage", args=[edition.slug]))

    rows = {
        s.title: (s.state, s.question_count, s.response_count)
        for s in response.context["surveys"]
    }
    assert rows == {
        "Open one": ("open", 3, 1),
        "Draft one": ("draft", 0, 0),
        "Closed one": ("closed", 0, 0),
    }


def test_the_pulse_rule_is_saved_and_traced(signed_in, edition, coordinator):
    response = signed_in.post(
        reverse("surveys:pulse_rule", args=[edition.slug]),
        {"first_after_days": "21", "every_days": "45", "low_at_most": "1"},
    )

    rule = rule_for(edition)
    assert response.status_code == 302
    assert (rule.pk is not None, rule.first_after_days, rule.every_days) == (
        True,
        21,
        45,
    )
    assert rule.low_at_most == 1
    assert actions() == ["pulse_rule.changed"]


def test_a_pulse_rule_out_of_range_is_refused(signed_in, edition):
    response = signed_in.post(
        reverse("surveys:pulse_rule", args=[edition.slug]),
        {"first_after_days": "3", "every_days": "45", "low_at_most": "2"},
    )

    assert response.status_code == 400
    assert (
        "First check after (days): Ensure this value is greater than or equal to 7."
        in response.content.decode()
    )
    assert rule_for(edition).pk is None


def test_a_newly_written_survey_is_answered_by_its_audience(
    client, edition, coordinator, association, settings
):
    settings.TANDEM_TODAY = OPEN_DAY
    survey = new_survey(edition, coordinator, audience="mentees")
    scale = add(survey, coordinator, text="How is it going?", required=True)
    topics = add(
        survey,
        coordinator,
        text="Topics",
        kind="multiple",
        choices=["career", "leadership"],
    )
    mentee = participant(edition, association, "mentee", "Zoë Nowak")
    mentor = participant(edition, association, "mentor", "Łukasz Wójcik")
    client.force_login(mentee)

    page = client.get(url("answer", survey))
    sent = client.post(
        url("answer", survey),
        {f"q{scale.pk}": "5", f"q{topics.pk}": ["career", "leadership"]},
    )

    assert page.status_code == 200
    assert "How is it going?" in page.content.decode()
    assert sent.status_code == 302
    assert has_answered(mentee, survey) is True
    assert sorted(
        Answer.objects.filter(response__survey=survey).values_list(
            "question__text", "number", "choices"
        )
    ) == [("How is it going?", 5, []), ("Topics", None, ["career", "leadership"])]
    client.force_login(mentor)
    assert client.get(url("answer", survey)).status_code == 404


def test_a_question_stored_by_the_page_keeps_no_options_for_text(edition, coordinator):
    survey = new_survey(edition, coordinator)

    question = add(survey, coordinator, kind="long", choices=["stray"])

    assert Question.objects.get(pk=question.pk).choices == []


def test_an_open_survey_invites_nobody_until_it_has_a_question(
    edition, coordinator, association, mailoutbox
):
    survey = new_survey(edition, coordinator)
    participant(edition, association, "mentee", "Zoë Nowak")

    before = invite(survey, today=dt.date(2024, 3, 5))
    add(survey, coordinator)
    after = invite(survey, today=dt.date(2024, 3, 5))

    assert (before, after) == (0, 1)


def test_after_answers_the_survey_cannot_open_after_its_first_answer(
    answered, coordinator
):
    first_answer = answered.responses.get().submitted_on

    with pytest.raises(ValidationError) as error:
        authoring.change_survey(
            answered,
            actor=coordinator,
            opens_on=dt.date(2024, 4, 1),
            closes_on=dt.date(2024, 4, 20),
        )

    answered.refresh_from_db()
    assert error.value.message_dict == {
        "opens_on": [
            f"This survey has answers since {first_answer:%-d %B %Y}, so it "
            "cannot open later than that."
        ]
    }
    assert (answered.opens_on, answered.closes_on) == (
        dt.date(2024, 3, 1),
        dt.date(2024, 3, 22),
    )


def test_after_answers_the_survey_can_still_close_later(answered, coordinator):
    authoring.change_survey(answered, actor=coordinator, closes_on=dt.date(2024, 3, 29))

    answered.refresh_from_db()
    assert answered.last_day == dt.date(2024, 3, 29)
