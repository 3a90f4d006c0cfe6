"""Everything Tandem holds about one person, for them to download.

Included: the account and its e-mail addresses, memberships, coordinating roles,
applications with the extra questions' answers and the privacy consents given,
pairs (with the partner's name, which the person already sees), the meetings of
those pairs with the person's own private notes, their pulse answers, their
named survey responses, the invitations they were sent, the concerns they
raised, certificates, attendance, and the audit rows where they are the actor.

Left out, on purpose:
- Answers to anonymous surveys: nothing stored links them to anyone, so they
  cannot be found; the export says which surveys the person answered.
- Coordinators' working notes about the person: review scores and comments,
  case notes, checkpoint comments and matching suggestions. The decisions they
  led to (accepted, pair state) are included.
- Other people's private notes, and any secret: password hash, two-factor
  secrets, the calendar feed's token (only whether one exists).
Certificate PDFs are downloaded from the certificate page itself.
"""

import datetime as dt
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.db.models import Q
from django.utils import timezone

from tandem.applications.domain.applying import CORE_FIELDS
from tandem.applications.models import Application, PrivacyConsent, Question
from tandem.certificates.models import Certificate
from tandem.core.models import AuditEntry
from tandem.events.models import Attendance, CalendarFeed
from tandem.mentoring.models import Case, Meeting, Pair, PrivateNote
from tandem.people.models import Membership
from tandem.privacy.domain.trail import record_for_person
from tandem.programs.models import RoleGrant
from tandem.surveys.models import (
    Answer,
    Invitation,
    PulseAnswer,
    Response,
    ResponseMarker,
)


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    rows: list
    note: str = ""

    @property
    def headers(self):
        return list(self.rows[0]) if self.rows else []


def collect(person):
    """The person's data as sections of rows; each row a flat dict of values."""
    return [
        _account(person),
        _addresses(person),
        _memberships(person),
        _roles(person),
        *_applications(person),
        *_mentoring(person),
        *_surveys(person),
        _cases(person),
        _certificates(person),
        _attendance(person),
        _trail(person),
    ]


def download(person, *, actor):
    """Collect the data and trace that it left Tandem."""
    sections = collect(person)
    record_for_person("personal_data.downloaded", person, actor=actor)
    return sections


def readable(sections):
    """The same sections with each value written for a person to read."""
    return [
        Section(
            s.key,
            s.title,
            [{k: _readable(v) for k, v in row.items()} for row in s.rows],
            s.note,
        )
        for s in sections
    ]


def _readable(value):
    if isinstance(value, bool):
        return "yes" if value else "no"
    if value is None or value == "":
        return "–"
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).strftime("%-d %B %Y, %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%-d %B %Y")
    return str(value)


def as_json(sections):
    return {
        section.key: {
            "title": section.title,
            "note": section.note,
            "rows": section.rows,
        }
        for section in sections
    }


def _account(person):
    row = {
        "name": person.full_name,
        "e-mail": person.email,
        "time zone": person.time_zone,
        "languages": ", ".join(person.languages),
        "employer": person.employer,
        "industry": person.industry,
        "function": person.function,
        "account created": person.date_joined,
        "last sign-in": person.last_login,
        "consent withdrawn": person.consent_withdrawn_at,
        "two-factor methods": ", ".join(
            Authenticator.objects.filter(user=person)
            .order_by("type")
            .values_list("type", flat=True)
        ),
        "calendar feed": (
            "yes" if CalendarFeed.objects.filter(person=person).exists() else "no"
        ),
    }
    return Section("account", "Your account", [row])


def _addresses(person):
    rows = [
        {"e-mail": a.email, "verified": a.verified, "primary": a.primary}
        for a in EmailAddress.objects.filter(user=person).order_by("email")
    ]
    return Section("email_addresses", "E-mail addresses you sign in with", rows)


def _memberships(person):
    rows = [
        {
            "association": m.association.name,
            "member number": m.member_number,
            "state": m.state,
            "member since": m.joined_on,
            "verified at": m.verified_at,
        }
        for m in Membership.objects.filter(person=person).select_related("association")
    ]
    return Section("memberships", "Memberships", rows)


def _roles(person):
    rows = [
        {
            "edition": g.edition.name,
            "role": g.get_role_display(),
            "association": g.association.name if g.association_id else "",
            "granted at": g.granted_at,
        }
        for g in RoleGrant.objects.filter(person=person).select_related(
            "edition", "association"
        )
    ]
    return Section("roles", "Coordinating roles", rows)


# Everything a person wrote into an application, and when they sent it.
APPLICATION_FIELDS = [*CORE_FIELDS, "submitted_at"]


def _applications(person):
    applications = list(
        Application.objects.filter(person=person)
        .select_related("edition", "association")
        .order_by("edition__starts_on", "role")
    )
    questions = {
        q.key: q.text
        for q in Question.objects.filter(
            form__edition__in={a.edition_id for a in applications}
        )
    }
    rows, answers = [], []
    for a in applications:
        row = {
            "application": a.pk,
            "edition": a.edition.name,
            "association": a.association.name,
            "role": a.role,
            "state": a.state,
            "decision": a.decision,
        }
        # Labels as the form shows them ("native language"), not column names.
        row.update(
            {
                _label(Application, name): _flat(getattr(a, name))
                for name in APPLICATION_FIELDS
            }
        )
        rows.append(row)
        answers += [
            {
                "application": a.pk,
                "question": questions.get(key, key),
                "answer": _flat(value),
            }
            for key, value in a.extra_answers.items()
        ]
    consents = [
        {"application": c.application_id, "version": c.version, "given at": c.given_at}
        for c in PrivacyConsent.objects.filter(application__in=applications).order_by(
            "given_at", "pk"
        )
    ]
    return [
        Section("applications", "Applications", rows),
        Section("application_answers", "Answers to the extra questions", answers),
        Section("privacy_consents", "Privacy notices you agreed to", consents),
    ]


def _mentoring(person):
    pairs = list(
        Pair.objects.filter(Q(mentor__person=person) | Q(mentee__person=person))
        .select_related("edition", "mentor__person", "mentee__person")
        .order_by("began_on", "pk")
    )
    pair_rows = [
        {
            "pair": p.pk,
            "edition": p.edition.name,
            "your role": "mentor" if p.mentor.person_id == person.pk else "mentee",
            "partner": p.partner_of(person).full_name,
            "type": p.pair_type,
            "language": p.language,
            "state": p.state,
            "published on": p.began_on,
            "active since": p.activated_on,
            "you accepted the contract": p.accepted_by(person),
        }
        for p in pairs
    ]
    notes = dict(
        PrivateNote.objects.filter(author=person).values_list("meeting_id", "text")
    )
    meetings = [
        {
            "pair": m.pair_id,
            "held on": m.held_on,
            "minutes": m.duration_minutes,
            "mode": m.mode,
            "topics": m.topics,
            "state": m.state,
            "logged by you": m.logged_by_id == person.pk,
            "your private note": notes.get(m.pk, ""),
        }
        for m in Meeting.objects.filter(pair__in=pairs).order_by("held_on", "pk")
    ]
    pulse = [
        {
            "pair": a.pulse.pair_id,
            "check": a.pulse.number,
            "how it is going": a.going,
            "how useful": a.useful,
            "answered at": a.answered_at,
        }
        for a in PulseAnswer.objects.filter(person=person)
        .select_related("pulse")
        .order_by("answered_at", "pk")
    ]
    return [
        Section("pairs", "Pairs", pair_rows),
        Section("meetings", "Meetings of your pairs", meetings),
        Section("pulse_answers", "Your answers to pulse checks", pulse),
    ]


def _surveys(person):
    answered = [
        {
            "survey": m.survey.title,
            "edition": m.survey.edition.name,
            "anonymous": m.survey.anonymous,
            "answered on": m.answered_on,
        }
        for m in ResponseMarker.objects.filter(person=person)
        .select_related("survey__edition")
        .order_by("answered_on", "pk")
    ]
    answers = [
        {
            "survey": a.response.survey.title,
            "question": a.question.text,
            "number": a.number,
            "choices": ", ".join(a.choices),
            "text": a.text,
        }
        for a in Answer.objects.filter(
            response__in=Response.objects.filter(person=person)
        )
        .select_related("response__survey", "question")
        .order_by("response__submitted_on", "question__position", "question_id")
    ]
    invitations = [
        {"survey": i.survey.title, "kind": i.kind, "sent on": i.sent_on}
        for i in Invitation.objects.filter(person=person)
        .select_related("survey")
        .order_by("sent_on", "pk")
    ]
    return [
        Section("surveys_answered", "Surveys you answered", answered),
        Section(
            "survey_answers",
            "Your answers to named surveys",
            answers,
            note=(
                "Answers to anonymous surveys are stored without any link to you, "
                "so they cannot be found or shown here."
            ),
        ),
        Section("survey_invitations", "Survey invitations and reminders", invitations),
    ]


def _cases(person):
    rows = [
        {
            "case": c.pk,
            "edition": c.edition.name,
            "kind": c.kind,
            "state": c.state,
            "what you wrote": c.summary,
            "opened at": c.opened_at,
            "resolved at": c.resolved_at,
        }
        for c in Case.objects.filter(opened_by=person, source=Case.Source.PARTICIPANT)
        .select_related("edition")
        .order_by("opened_at", "pk")
    ]
    return Section("cases", "Concerns you raised", rows)


def _certificates(person):
    rows = [
        {
            "edition": c.edition.name,
            "role": c.role,
            "name as printed": c.name,
            "code": c.code,
            "issued at": c.issued_at,
            "revoked at": c.revoked_at,
        }
        for c in Certificate.objects.filter(person=person).select_related("edition")
    ]
    return Section("certificates", "Certificates", rows)


def _attendance(person):
    rows = [
        {
            "event": a.event.title,
            "edition": a.event.edition.name,
            "starts at": a.event.starts_at,
            "minutes": a.minutes,
            "recorded from": a.source,
        }
        for a in Attendance.objects.filter(person=person)
        .select_related("event__edition")
        .order_by("event__starts_at", "pk")
    ]
    return Section("attendance", "Events you attended", rows)


def _trail(person):
    rows = [
        {
            "at": e.at,
            "action": e.action,
            "object": f"{e.object_type} {e.object_id}".strip(),
            "edition": e.edition.name if e.edition_id else "",
        }
        for e in AuditEntry.objects.filter(actor=person)
        .select_related("edition")
        .order_by("at", "pk")
    ]
    return Section("audit", "What you did, as the audit trail records it", rows)


def _flat(value):
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if value is None:
        return ""
    return value


# Where a field's own name reads badly to the person it describes.
LABELS = {
    "linkedin_url": "LinkedIn profile",
    "linkedin_raw": "LinkedIn profile as you wrote it",
    "years_experience": "years of experience",
}


def _label(model, name):
    return LABELS.get(name) or str(model._meta.get_field(name).verbose_name)
