"""Reviews, decisions and the decision e-mail."""

import logging
import string

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction

from tandem.applications.models import Application, DecisionTemplate, Review
from tandem.core import audit, clock, conflicts
from tandem.core.mail import one_line
from tandem.people.models import Membership

logger = logging.getLogger(__name__)

PLACEHOLDERS = {
    "name": "the applicant's name",
    "edition": "the edition, e.g. 2023/24",
    "role": "mentor or mentee",
    "association": "the applicant's association",
}
DEFAULT_TEMPLATES = {
    "accepted": (
        "You are in: Tandem {edition}",
        "Hello {name},\n\nyour application as a {role} through {association} "
        "was accepted. We will write about the trainings soon.\n",
    ),
    "waitlisted": (
        "Your Tandem {edition} application is on the waiting list",
        "Hello {name},\n\nyour application as a {role} is on the waiting list; "
        "we will write again when a place opens.\n",
    ),
    "rejected": (
        "Your Tandem {edition} application",
        "Hello {name},\n\nthank you for applying as a {role}. This year we "
        "could not offer you a place.\n",
    ),
}


def check_placeholders(text):
    """Raise ValidationError naming each unknown or malformed {placeholder}."""
    try:
        names = [field for _, field, _, _ in string.Formatter().parse(text) if field]
    except ValueError as exc:
        raise ValidationError(f"Braces do not pair up: {exc}.") from exc
    unknown = sorted({name for name in names if name not in PLACEHOLDERS})
    if unknown:
        known = ", ".join(f"{{{name}}}" for name in PLACEHOLDERS)
        raise ValidationError(
            f"Unknown placeholder {', '.join(f'{{{n}}}' for n in unknown)}; "
            f"use {known}."
        )


def template_for(edition, decision):
    subject, body = DEFAULT_TEMPLATES[decision]
    template, _ = DecisionTemplate.objects.get_or_create(
        edition=edition, decision=decision, defaults={"subject": subject, "body": body}
    )
    return template


@transaction.atomic
def save_decision_template(edition, decision, subject, body, *, actor):
    errors = {}
    for name, text in (("subject", subject), ("body", body)):
        try:
            check_placeholders(text)
        except ValidationError as exc:
            errors[name] = exc.messages
    if errors:
        raise ValidationError(errors)
    template = template_for(edition, decision)
    template.subject, template.body = subject, body
    template.save(update_fields=["subject", "body"])
    audit.record("decision_template.saved", template, actor=actor, edition=edition)
    return template


@transaction.atomic
def review_application(
    application, *, actor, maturity, motivation, comment="", seen=None
):
    """Add or replace the actor's review of the application.

    ``seen`` is the stamp of the actor's review as their form showed it ('' for
    none yet); when the review changed since, as when the same person saved it
    from another window, EditConflict is raised and nothing is saved. ``None``
    skips the check, for callers without a form.
    """
    for label, score in (("maturity", maturity), ("motivation", motivation)):
        if score not in range(1, 6):
            raise ValidationError({label: "A score is a whole number from 1 to 5."})
    # The application's row lock serialises the reviews of it, so two windows
    # cannot both pass the check below before either has written.
    Application.objects.select_for_update().filter(pk=application.pk).first()
    current = Review.objects.filter(application=application, reviewer=actor).first()
    if (
        seen is not None
        and current is not None
        and conflicts.stamp(current.updated_at) != seen
    ):
        raise conflicts.changed(
            "this review", by=actor, at=current.updated_at, actor=actor
        )
    review, _ = Review.objects.update_or_create(
        application=application,
        reviewer=actor,
        defaults={
            "maturity": maturity,
            "motivation": motivation,
            "comment": comment,
            "updated_at": clock.now(),
        },
    )
    audit.record(
        "application.reviewed",
        application,
        actor=actor,
        association=application.association,
        edition=application.edition,
    )
    return review


def decide_application(application, decision, *, actor, seen=None):
    seen = None if seen is None else {application.pk: seen}
    return decide_applications([application], decision, actor=actor, seen=seen)[0]


@transaction.atomic
def decide_applications(applications, decision, *, actor, seen=None):
    """Accept, waitlist or reject; all or none of `applications` are decided.

    Raises ValidationError when one of them is not submitted or, for acceptance,
    its applicant's membership is not verified. Each applicant gets the edition's
    template for the decision after commit. ``seen`` maps application ids to the
    stamp of the decision the coordinator's page showed ('' for undecided); when
    another coordinator decided one of them since, EditConflict names who and
    nothing is decided. ``None`` skips the check, for callers without a form.
    """
    if decision not in Application.Decision.values:
        raise ValidationError(f"Unknown decision {decision!r}.")
    ids = [application.pk for application in applications]
    locked = list(
        Application.objects.select_for_update(of=("self",))
        .filter(pk__in=ids)
        .select_related("person", "association", "edition")
        .order_by("pk")
    )
    if seen is not None:
        _check_unchanged(locked, seen, actor=actor, single=len(locked) == 1)
    _check_decidable(locked, decision)
    now = clock.now()
    for application in locked:
        application.decision = decision
        application.decided_by, application.decided_at = actor, now
        audit.record(
            f"application.{decision}",
            application,
            actor=actor,
            association=application.association,
            edition=application.edition,
        )
    Application.objects.bulk_update(locked, ["decision", "decided_by", "decided_at"])
    decided = [application.pk for application in locked]
    transaction.on_commit(lambda: _tell_applicants(decided, decision))
    return locked


def _check_unchanged(applications, seen, *, actor, single):
    # decided_by is read here rather than joined into the locking query: after
    # waiting for a lock PostgreSQL re-reads the locked row but not the rows
    # joined to it, so a joined decider would be the one from before the wait.
    changed = [
        a for a in applications if conflicts.stamp(a.decided_at) != seen.get(a.pk, "")
    ]
    if not changed:
        return
    messages = [
        conflicts.describe(
            "this decision" if single else f"the decision on {a.person.full_name}",
            by=a.decided_by,
            at=a.decided_at,
            actor=actor,
        )
        for a in changed
    ]
    raise conflicts.EditConflict(messages)


def _check_decidable(applications, decision):
    problems = [
        f"{a.person.full_name}: only a submitted application can be decided"
        for a in applications
        if a.state != Application.State.SUBMITTED
    ]
    if decision == Application.Decision.ACCEPTED:
        verified = set(
            Membership.objects.filter(
                person__in=[a.person_id for a in applications],
                state=Membership.State.VERIFIED,
            ).values_list("person_id", "association_id")
        )
        problems += [
            f"{a.person.full_name}: membership of {a.association} is not verified"
            for a in applications
            if (a.person_id, a.association_id) not in verified
        ]
    if problems:
        raise ValidationError(problems)


def render_decision(template, application):
    values = {
        "name": application.person.full_name,
        "edition": application.edition.name,
        "role": application.role,
        "association": application.association.name,
    }
    return one_line(template.subject.format(**values)), template.body.format(**values)


def _tell_applicants(application_ids, decision):
    applications = Application.objects.filter(pk__in=application_ids).select_related(
        "person", "edition", "association"
    )
    for application in applications:
        template = template_for(application.edition, decision)
        subject, body = render_decision(template, application)
        send_mail(subject, body, None, [application.person.email])
        logger.info("application.decision_sent id=%s", application.pk)
