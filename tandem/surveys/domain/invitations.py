"""Invitations and at most two reminders for people who have not answered.

An open survey invites everyone in its audience once; the first reminder goes a
week after the invitation, the second three days before the survey closes (and at
least three days after the first). One Invitation row per kind and person makes a
second run send nothing, and there is no third kind.
"""

import datetime as dt
import logging

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse

from tandem.core import clock
from tandem.surveys.domain.answering import participants
from tandem.surveys.models import Invitation, ResponseMarker, Survey

logger = logging.getLogger(__name__)

FIRST_REMINDER_AFTER = dt.timedelta(days=7)
SECOND_REMINDER_BEFORE_CLOSE = dt.timedelta(days=3)
GAP_BETWEEN_REMINDERS = dt.timedelta(days=3)


def due_kind(survey, sent, today):
    """Which message a person who has not answered gets today, if any.

    ``sent`` maps the kinds already sent to the day they went out.
    """
    kinds = Invitation.Kind
    if kinds.INVITATION not in sent:
        return kinds.INVITATION
    if kinds.FIRST_REMINDER not in sent:
        if today - sent[kinds.INVITATION] >= FIRST_REMINDER_AFTER:
            return kinds.FIRST_REMINDER
        return None
    if kinds.SECOND_REMINDER not in sent:
        late = survey.last_day - today <= SECOND_REMINDER_BEFORE_CLOSE
        rested = today - sent[kinds.FIRST_REMINDER] >= GAP_BETWEEN_REMINDERS
        if late and rested:
            return kinds.SECOND_REMINDER
    return None


def invite(survey, *, today=None):
    """Send what is due for an open survey; returns the number of e-mails."""
    today = today or clock.today()
    # A survey opened before its questions are written would invite people to
    # an empty page; they are invited on the first run after questions exist.
    if not survey.is_open(today) or not survey.questions.exists():
        return 0
    answered = set(
        ResponseMarker.objects.filter(survey=survey).values_list("person_id", flat=True)
    )
    sent = {}
    for person_id, kind, day in Invitation.objects.filter(survey=survey).values_list(
        "person_id", "kind", "sent_on"
    ):
        sent.setdefault(person_id, {})[kind] = day
    people = {
        app.person_id: app.person
        for app in participants(survey).select_related("person")
        if app.person_id not in answered
    }
    count = 0
    for person_id, person in sorted(people.items()):
        kind = due_kind(survey, sent.get(person_id, {}), today)
        if kind is not None and _send(survey, person, kind, today):
            count += 1
    logger.info("survey.invited survey=%s emails=%s", survey.pk, count)
    return count


def _send(survey, person, kind, today):
    try:
        with transaction.atomic():
            Invitation.objects.create(
                survey=survey, person=person, kind=kind, sent_on=today
            )
            link = reverse("surveys:answer", args=[survey.edition.slug, survey.pk])
            opening = (
                "you are invited to answer"
                if kind == Invitation.Kind.INVITATION
                else "a reminder: we would still like your answers to"
            )
            send_mail(
                f"Tandem {survey.edition.name}: {survey.title}",
                f"Hello {person.get_short_name()},\n\n{opening} the survey "
                f"'{survey.title}' by {survey.last_day:%-d %B %Y}: {link}\n",
                None,
                [person.email],
            )
    except IntegrityError:
        return False
    return True


def invite_all(*, today=None, editions=None):
    """Every open survey of the given editions (all by default)."""
    today = today or clock.today()
    surveys = Survey.objects.exclude(kind=Survey.Kind.PULSE).select_related(
        "edition", "milestone"
    )
    if editions is not None:
        surveys = surveys.filter(edition__in=editions)
    return sum(invite(survey, today=today) for survey in surveys)
