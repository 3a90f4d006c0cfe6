"""Invitations with at most two reminders, and the pair pulse with its cases."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from tandem.mentoring.models import Case
from tandem.surveys.domain import pulse
from tandem.surveys.domain.answering import participants
from tandem.surveys.domain.invitations import invite
from tandem.surveys.models import Invitation, PulseCheck, PulseRule
from tests.surveys.helpers import answer, make_survey, participant


def day(text):
    return dt.date.fromisoformat(text)


def test_invitation_then_two_reminders_and_never_more(world):
    survey = make_survey(world.edition, title="Only A", audience="mentees")
    Invitation.objects.all().delete()
    world_mentees = set(participants(survey).values_list("person__email", flat=True))
    ours = {
        participant(world.edition, world.association_a, "mentee", f"Ola {i}").email
        for i in range(2)
    }
    invited = sorted(set(participants(survey).values_list("person__email", flat=True)))

    counts = [
        invite(survey, today=day(d))
        for d in [
            "2024-02-28", "2024-03-01", "2024-03-01", "2024-03-07", "2024-03-08",
            "2024-03-18", "2024-03-19", "2024-03-20", "2024-03-22", "2024-03-23",
        ]
    ]  # fmt: skip

    n = len(invited)
    # The two above and the world's own mentees (mentee_a and B's), each once.
    assert set(invited) == world_mentees | ours
    assert world.people["mentee_a"].email in invited
    assert counts == [0, n, 0, 0, n, 0, n, 0, 0, 0]
    assert sorted(m.to[0] for m in mail.outbox) == sorted([*invited] * 3)
    assert sorted(survey.invitations.values_list("kind", flat=True)) == sorted(
        ["invitation", "reminder_1", "reminder_2"] * n
    )


def test_who_answered_gets_no_reminder(world):
    survey = make_survey(world.edition, title="Only A", audience="mentees")
    person = participant(world.edition, world.association_a, "mentee", "Ola")
    invitees = set(participants(survey).values_list("person__email", flat=True))
    invite(survey, today=day("2024-03-01"))
    answer(survey, person, {"How is your pair going?": "4"})
    mail.outbox.clear()

    invite(survey, today=day("2024-03-08"))

    assert sorted(m.to[0] for m in mail.outbox) == sorted(invitees - {person.email})


@pytest.mark.parametrize(
    ("days", "number"), [(29, None), (30, 1), (89, 1), (90, 2), (150, 3)]
)
def test_pulse_is_due_after_30_days_then_every_60(days, number):
    rule = PulseRule()
    started = dt.date(2023, 12, 1)

    assert pulse.due_number(started, started + dt.timedelta(days=days), rule) == number


def test_daily_command_creates_each_check_once_and_tells_both(
    world, django_capture_on_commit_callbacks
):
    pair = world.extra["pair"]
    world.milestone.ends_on = dt.date(2024, 4, 30)
    world.milestone.save()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("surveys_daily", "--date", "2024-02-29")
        call_command("surveys_daily", "--date", "2024-03-01")

    assert list(
        PulseCheck.objects.filter(pair=pair).values_list("number", "due_on")
    ) == [(1, dt.date(2023, 12, 31)), (2, dt.date(2024, 2, 29))]
    pulses = [m for m in mail.outbox if "two quick questions" in m.subject]
    assert sorted(m.to[0] for m in pulses) == sorted(
        [world.people["mentee_a"].email, world.people["mentor_b"].email]
    )


def test_a_low_answer_opens_one_case_for_the_mentees_coordinator(world):
    check = world.extra["pulse"]
    before = Case.objects.count()

    with override_settings(TANDEM_TODAY="2024-01-02"):
        pulse.answer_pulse(check, actor=world.people["mentor_b"], going="2", useful="4")
        pulse.answer_pulse(check, actor=world.people["mentee_a"], going="1", useful="1")

    case = Case.objects.order_by("-pk").first()
    assert Case.objects.count() == before + 1
    assert (case.association, case.pair, case.person) == (
        world.association_a,
        check.pair,
        None,
    )
    assert case.summary == (
        "Pulse check 1 of this pair: one side gave a low answer. Talk to both people."
    )


def test_good_answers_open_no_case_and_bad_input_is_refused(world):
    check = world.extra["pulse"]
    before = Case.objects.count()

    pulse.answer_pulse(check, actor=world.people["mentee_a"], going="4", useful="5")
    with pytest.raises(ValidationError) as error:
        pulse.answer_pulse(check, actor=world.people["mentor_b"], going="6", useful="3")

    assert Case.objects.count() == before
    assert error.value.messages == [
        "How is your pair going? 6 is outside the range 1 to 5."
    ]
    assert check.answers.count() == 1


def test_one_side_never_sees_the_others_answers(client, world):
    check = world.extra["pulse"]
    pulse.answer_pulse(check, actor=world.people["mentee_a"], going="3", useful="2")
    client.force_login(world.people["mentor_b"])

    page = client.get(reverse("surveys:pulse", args=[world.edition.slug, check.pk]))

    html = page.content.decode()
    assert page.status_code == 200
    assert "You answered this check" not in html
    assert 'name="going"' in html
