"""Erasing a person: every personal field replaced, every count kept.

The Person row and the rows that edition figures count (memberships,
applications, pairs, meetings, attendance, survey responses and markers,
certificates) stay, so reports before and after an erasure agree. What made
them personal goes: names and addresses, employer, LinkedIn, free-text answers,
the person's meeting topics and private notes, coordinators' comments about
them, certificate PDFs. The name becomes "erased participant", which is what
the partner and coordinators see wherever the name was shown; the e-mail becomes
an address under ``.invalid`` that no mail server delivers to. The account can
no longer sign in, and counts as having withdrawn consent, so no e-mail is
queued to it and no survey counts it from now on.

Answers to anonymous surveys are not linked to anyone by design, so they cannot
be found and stay as they are. Spreadsheets coordinators uploaded (application
imports, attendance exports) hold many people at once and are not edited.
"""

import logging

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from tandem.applications.models import Application, DuplicateResolution, Review
from tandem.certificates.models import Certificate
from tandem.core import clock
from tandem.core.models import OutboxMessage
from tandem.events.models import CalendarFeed
from tandem.matching.models import Pin, Suggestion, Veto
from tandem.mentoring.models import (
    Case,
    CaseNote,
    CheckpointReview,
    Meeting,
    Pair,
    PairEvent,
    PrivateNote,
)
from tandem.people.models import Membership
from tandem.privacy.domain.trail import record_for_person
from tandem.programs.models import RoleGrant
from tandem.surveys.models import Answer, Response

logger = logging.getLogger(__name__)

ERASED_NAME = "erased participant"
ERASED_DOMAIN = "erased.invalid"
ERASED_CASE_SUMMARY = "About an erased participant."

# Fields of an application that say who the person is or what they wrote; the
# role, decision, dates, association, languages and pair preference stay, as
# figures and past matching runs are built from them.
APPLICATION_BLANKS = {
    "member_number": "",
    "country": "",
    "city": "",
    "time_zone": "",
    "industry": "",
    "function": "",
    "years_experience": None,
    "employer": "",
    "expertise": "",
    "goals": "",
    "tags": [],
    "linkedin_url": "",
    "linkedin_raw": "",
    "availability": [],
    "motivation": "",
    "extra_answers": {},
    "source_file": "",
}


def erased_email(person):
    return f"erased-{person.pk}@{ERASED_DOMAIN}"


def refusal(person, *, today=None):
    """Why this account cannot be erased now, or None when it can."""
    today = today or clock.today()
    if person.is_staff or person.is_superuser:
        return "A platform administrator's account is removed in the admin."
    if RoleGrant.objects.filter(person=person, edition__ends_on__gte=today).exists():
        return (
            "You coordinate an edition that has not ended yet: hand your role "
            "over to someone else first, then erase your account."
        )
    return None


@transaction.atomic
def erase_person(person, *, actor, action="person.erased"):
    """Replace everything personal about ``person``; returns the erased Person.

    Safe to call twice: an erased person is returned unchanged, without a row.
    """
    person = get_user_model().objects.select_for_update().get(pk=person.pk)
    if person.erased_at is not None:
        return person
    reason = refusal(person)
    if reason:
        raise ValidationError(reason)
    old_email = person.email
    _erase_account(person)
    applications = Application.objects.filter(person=person)
    _erase_applications(applications)
    pairs = Pair.objects.filter(Q(mentor__person=person) | Q(mentee__person=person))
    _erase_mentoring(person, pairs)
    _erase_surveys(person)
    _erase_matching(applications)
    Certificate.objects.filter(person=person).update(name=ERASED_NAME, pdf=b"")
    _erase_outbox(old_email, person)
    record_for_person(action, person, actor=actor)
    logger.info("person.erased person=%s action=%s", person.pk, action)
    return person


def _erase_account(person):
    now = clock.now()
    person.email = erased_email(person)
    person.full_name = ERASED_NAME
    person.employer = person.industry = person.function = ""
    person.languages = []
    person.time_zone = get_user_model()._meta.get_field("time_zone").default
    person.is_active = False
    person.last_login = None
    person.consent_withdrawn_at = person.consent_withdrawn_at or now
    person.erased_at = now
    # Changing the password hash also ends the person's sessions on other devices.
    person.set_unusable_password()
    person.save()
    person.groups.clear()
    person.user_permissions.clear()
    EmailAddress.objects.filter(user=person).delete()
    Authenticator.objects.filter(user=person).delete()
    CalendarFeed.objects.filter(person=person).delete()
    Membership.objects.filter(person=person).update(member_number="")
    # The admin's history names the object it changed as it was then.
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(person), object_id=str(person.pk)
    ).update(object_repr=ERASED_NAME)


def _erase_applications(applications):
    applications.update(**APPLICATION_BLANKS)
    # Coordinators' words about the person; the scores stay for the figures.
    Review.objects.filter(application__in=applications).update(comment="")
    DuplicateResolution.objects.filter(
        Q(first__in=applications) | Q(second__in=applications)
    ).update(reason="")


def _erase_mentoring(person, pairs):
    pairs.update(ended_reason="")
    PairEvent.objects.filter(pair__in=pairs).update(detail="")
    CheckpointReview.objects.filter(pair__in=pairs).update(comment="")
    Meeting.objects.filter(pair__in=pairs, logged_by=person).update(topics="")
    PrivateNote.objects.filter(author=person).delete()
    cases = Case.objects.filter(Q(person=person) | Q(opened_by=person))
    CaseNote.objects.filter(case__in=cases).update(text="")
    cases.update(summary=ERASED_CASE_SUMMARY)


def _erase_surveys(person):
    # Named responses keep their numbers and choices for the results; only what
    # the person wrote in their own words goes.
    Answer.objects.filter(response__in=Response.objects.filter(person=person)).update(
        text=""
    )


def _erase_matching(applications):
    mine = Q(mentor__in=applications) | Q(mentee__in=applications)
    Suggestion.objects.filter(mine).update(reason="", answer="")
    Pin.objects.filter(mine).update(reason="")
    Veto.objects.filter(mine).update(reason="")


def _erase_outbox(old_email, person):
    """Messages to the old address: unsent ones are given up, none keeps a copy."""
    rows = OutboxMessage.objects.filter(recipient__iexact=old_email)
    rows.filter(state=OutboxMessage.State.QUEUED).update(
        state=OutboxMessage.State.FAILED, last_error="recipient erased"
    )
    rows.update(recipient=erased_email(person), content=b"")
