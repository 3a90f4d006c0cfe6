"""A member applying through Tandem's own form: draft, submit, edit, withdraw."""

import logging

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction

from tandem.applications.models import Application, ApplicationForm, PrivacyConsent
from tandem.core import audit, clock
from tandem.people.models import Person
from tandem.programs.models import Milestone

logger = logging.getLogger(__name__)

CORE_FIELDS = (
    "preference",
    "native_language",
    "other_languages",
    "country",
    "city",
    "time_zone",
    "industry",
    "function",
    "years_experience",
    "employer",
    "expertise",
    "goals",
    "tags",
    "linkedin_url",
    "linkedin_raw",
    "availability",
    "capacity",
    "motivation",
    "member_number",
)


def application_window(edition):
    """First and last day of the edition's `applications` milestone, or None."""
    milestone = (
        Milestone.objects.filter(edition=edition, kind=Milestone.Kind.APPLICATIONS)
        .order_by("starts_on")
        .first()
    )
    return (milestone.starts_on, milestone.last_day) if milestone else None


def window_is_open(edition):
    window = application_window(edition)
    return window is not None and window[0] <= clock.today() <= window[1]


def form_for(edition, role):
    form, _ = ApplicationForm.objects.get_or_create(edition=edition, role=role)
    return form


@transaction.atomic
def save_application(
    person, edition, association, role, answers, *, actor, submit, consent=False
):
    """Create or update the person's application; submit it when `submit` is true.

    Raises ValidationError and saves nothing when the window is closed, the
    application was withdrawn or decided, or a submission lacks consent.
    """
    if not window_is_open(edition):
        raise ValidationError("Applications for this edition are closed.")
    # Locking the person serialises their saves even before the application
    # row exists, so two copies of a first submission cannot both insert one:
    # the second waits, then finds and updates the first one's row.
    Person.objects.select_for_update().filter(pk=person.pk).first()
    application = (
        Application.objects.select_for_update()
        .filter(person=person, edition=edition, role=role)
        .first()
    ) or Application(
        person=person, edition=edition, role=role, source=Application.Source.FORM
    )
    _ensure_editable(application)
    if submit and not consent:
        raise ValidationError({"consent": "Agree to the privacy notice to submit."})
    application.association = association
    for name in CORE_FIELDS:
        if name in answers:
            setattr(application, name, answers[name])
    application.extra_answers = {
        **application.extra_answers,
        **answers.get("extra_answers", {}),
    }
    first_submission = submit and application.state != Application.State.SUBMITTED
    if submit:
        application.state = Application.State.SUBMITTED
        application.submitted_at = application.submitted_at or clock.now()
    application.full_clean(exclude=["person", "edition", "association"])
    application.save()
    if submit:
        version = form_for(edition, role).privacy_version
        PrivacyConsent.objects.create(
            application=application, version=version, given_at=clock.now()
        )
    action = "application.submitted" if first_submission else "application.saved"
    _audit(action, application, actor)
    if first_submission:
        transaction.on_commit(lambda: _confirm_submission(application.pk))
    return application


@transaction.atomic
def withdraw_application(application, *, actor):
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.state == Application.State.WITHDRAWN:
        raise ValidationError("This application is already withdrawn.")
    if application.decision == Application.Decision.ACCEPTED:
        raise ValidationError("An accepted application is withdrawn by a coordinator.")
    application.state = Application.State.WITHDRAWN
    application.save(update_fields=["state", "updated_at"])
    _audit("application.withdrawn", application, actor)
    return application


def _ensure_editable(application):
    if application.state == Application.State.WITHDRAWN:
        raise ValidationError("This application was withdrawn.")
    if application.decision:
        raise ValidationError("This application was already decided.")


def _audit(action, application, actor):
    audit.record(
        action,
        application,
        actor=actor,
        association=application.association,
        edition=application.edition,
    )


def _confirm_submission(application_id):
    application = Application.objects.select_related("person", "edition").get(
        pk=application_id
    )
    window = application_window(application.edition)
    until = f" until {window[1]:%d %B %Y}" if window else ""
    send_mail(
        subject=f"Your Tandem {application.edition} application is in",
        message=(
            f"Hello {application.person.full_name},\n\n"
            f"we received your application as a {application.role} for the "
            f"{application.edition} edition of the mentoring program. You can "
            f"change it{until} and you will hear from us after the screening.\n"
        ),
        from_email=None,
        recipient_list=[application.person.email],
    )
    logger.info("application.confirmation_sent id=%s", application_id)
