"""Withdrawn consent: no e-mail is queued, no survey invites or counts them."""

import datetime as dt
import logging

import pytest
from django.core.mail import send_mail
from django.db import transaction

from tandem.core.models import OutboxMessage
from tandem.mentoring.domain.reminders import run_daily
from tandem.mentoring.models import Meeting
from tandem.privacy.domain.consent import withdraw_consent
from tandem.surveys.domain.answering import participants
from tandem.surveys.domain.invitations import invite
from tandem.surveys.domain.results import results
from tandem.surveys.models import Invitation
from tests import factories
from tests.mentoring.helpers import activate, publish
from tests.surveys.helpers import answer, make_survey, participant


@pytest.fixture
def outbox_mail(settings):
    """The production mailer: rows in the outbox, handed to an in-memory transport."""
    settings.MAILERS = {
        "default": {"BACKEND": "tandem.core.mail.OutboxBackend"},
        "transport": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"},
    }


def recipients():
    return sorted(OutboxMessage.objects.values_list("recipient", flat=True))


def test_the_outbox_queues_nothing_for_a_withdrawn_person(db, outbox_mail, caplog):
    caplog.set_level(logging.INFO)
    gone = factories.make_person("Zoë Šimić", email="zoe@example.org")
    factories.make_person("Őrs Kovács", email="ors@example.org")
    withdraw_consent(gone, actor=gone)

    with transaction.atomic():
        send_mail(
            "Your pair", "Body", None, ["Zoë <ZOE@example.org>", "ors@example.org"]
        )
        transaction.get_connection().run_on_commit = []

    assert recipients() == ["ors@example.org"]
    assert f"outbox.dropped person={gone.pk} reason=consent_withdrawn" in caplog.text
    assert "zoe@example.org" not in caplog.text.lower()


def test_a_message_only_to_withdrawn_people_leaves_no_row(db, outbox_mail):
    gone = factories.make_person("Zoë Šimić", email="zoe@example.org")
    withdraw_consent(gone, actor=gone)

    send_mail("Your pair", "Body", None, ["zoe@example.org"])

    assert recipients() == []


def test_people_who_consent_still_get_their_mail(db, outbox_mail):
    factories.make_person("Zoë Šimić", email="zoe@example.org")

    with transaction.atomic():
        send_mail("Your pair", "Body", None, ["zoe@example.org", "x@example.org"])
        transaction.get_connection().run_on_commit = []

    assert recipients() == ["x@example.org", "zoe@example.org"]


def test_a_withdrawn_participant_is_neither_invited_nor_counted(world, settings):
    settings.TANDEM_TODAY = "2024-02-20"
    survey = make_survey(world.edition, title="Only A", audience="mentees")
    stays = participant(world.edition, world.association_a, "mentee", "Ola Wróbel")
    gone = participant(world.edition, world.association_a, "mentee", "Ewa Lis")
    withdraw_consent(gone, actor=gone)

    invite(survey, today=dt.date(2024, 3, 1))
    invite(survey, today=dt.date(2024, 3, 8))

    invited = set(Invitation.objects.values_list("person_id", flat=True))
    assert stays.pk in invited
    assert gone.pk not in invited
    assert gone.pk not in set(participants(survey).values_list("person", flat=True))
    assert stays.pk in set(participants(survey).values_list("person", flat=True))


def test_she_drops_out_of_the_invited_count(world, settings):
    survey = make_survey(world.edition, title="Only A", audience="mentees")
    gone = participant(world.edition, world.association_a, "mentee", "Ewa Lis")
    before = invited_in_a(world, survey)
    settings.TANDEM_TODAY = "2024-03-10"

    withdraw_consent(gone, actor=gone)

    assert invited_in_a(world, survey) == before - 1


def test_who_answered_before_withdrawing_still_counts(world, settings):
    survey = make_survey(world.edition, title="Only A", audience="mentees")
    gone = participant(world.edition, world.association_a, "mentee", "Ewa Lis")
    answer(survey, gone, {"How is your pair going?": "4"})
    before = invited_in_a(world, survey)
    settings.TANDEM_TODAY = "2024-03-10"

    withdraw_consent(gone, actor=gone)

    assert invited_in_a(world, survey) == before


def test_a_withdrawal_after_the_survey_closed_leaves_its_figures(world, settings):
    survey = make_survey(world.edition, title="Only A", audience="mentees")
    gone = participant(world.edition, world.association_a, "mentee", "Ewa Lis")
    before = invited_in_a(world, survey)
    settings.TANDEM_TODAY = "2024-04-01"

    withdraw_consent(gone, actor=gone)

    assert invited_in_a(world, survey) == before


def invited_in_a(world, survey):
    outcome = results(survey, viewer=world.people["national_a"])
    return sum(row["invited"] for row in outcome.rates)


def test_no_mentoring_reminder_goes_to_a_withdrawn_person(
    world, outbox_mail, django_capture_on_commit_callbacks
):
    a = world.association_a
    mentor = factories.make_member(a, "Piotr Kowal", email="piotr@example.org")
    mentee = factories.make_member(a, "Ewa Lis", email="ewa@example.org")
    activate(publish(world.edition, (mentor, a), (mentee, a), actor=None))
    Meeting.objects.filter(pair=world.extra["pair"]).update(held_on=dt.date(2024, 3, 1))
    factories.make_milestone(
        world.edition,
        kind="mentoring",
        starts=dt.date(2023, 12, 1),
        ends=dt.date(2024, 4, 30),
    )
    withdraw_consent(mentor, actor=mentor)
    OutboxMessage.objects.all().delete()

    with django_capture_on_commit_callbacks(execute=True):
        report = run_daily(today=dt.date(2024, 1, 1), editions=[world.edition])

    assert report.reminded == 1
    assert recipients() == ["ewa@example.org"]
