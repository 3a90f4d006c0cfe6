"""Associations joining an edition: the board's request and the coordinator's answer."""

import logging

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction

from tandem.core import audit, clock, submissions
from tandem.people.models import Person, normalise_email
from tandem.programs.models import (
    Association,
    EditionAssociation,
    JoinRequest,
    RoleGrant,
)

logger = logging.getLogger(__name__)


@transaction.atomic
def submit_join_request(edition, data, *, submission=None):
    """Store a board's request; nothing is granted until a coordinator approves.

    A repeat of the same form ``submission`` returns the first one's request.
    """
    repeat = submissions.already(JoinRequest, submission, edition_id=edition.pk)
    if repeat is not None:
        return repeat
    join_request = JoinRequest(edition=edition, submission=submission, **data)
    join_request.coordinator_email = normalise_email(join_request.coordinator_email)
    join_request.full_clean(exclude=["submission"])
    join_request, created = submissions.save_once(
        join_request, owner={"edition_id": edition.pk}
    )
    if not created:
        return join_request
    logger.info("join_request.submitted id=%s edition=%s", join_request.pk, edition.pk)
    return join_request


@transaction.atomic
def approve_join_request(join_request, *, actor):
    """Join the association to the edition and make its coordinator one.

    Raises ValidationError, and saves nothing, when the association already has a
    national coordinator in this edition or the request was already decided.
    """
    join_request = JoinRequest.objects.select_for_update().get(pk=join_request.pk)
    _ensure_pending(join_request)
    association = _association_for(join_request)
    EditionAssociation.objects.get_or_create(
        edition=join_request.edition, association=association
    )
    coordinator = _coordinator_for(join_request)
    grant_national_coordinator(
        coordinator, join_request.edition, association, actor=actor
    )
    _decide(join_request, JoinRequest.State.APPROVED, actor, association)
    transaction.on_commit(lambda: _tell_coordinator(join_request.pk))
    return join_request


@transaction.atomic
def decline_join_request(join_request, *, actor):
    join_request = JoinRequest.objects.select_for_update().get(pk=join_request.pk)
    _ensure_pending(join_request)
    _decide(join_request, JoinRequest.State.DECLINED, actor, None)
    return join_request


def grant_national_coordinator(person, edition, association, *, actor):
    taken = RoleGrant.objects.filter(
        edition=edition, association=association, role=RoleGrant.Role.NATIONAL
    ).exclude(person=person)
    if taken.exists():
        raise ValidationError(
            {
                "coordinator_email": (
                    f"{association} already has a national coordinator in {edition}."
                )
            }
        )
    grant, created = RoleGrant.objects.get_or_create(
        person=person,
        edition=edition,
        association=association,
        role=RoleGrant.Role.NATIONAL,
        defaults={"granted_by": actor},
    )
    if created:
        audit.record(
            "role.granted",
            grant,
            actor=actor,
            association=association,
            edition=edition,
        )
    return grant


def _ensure_pending(join_request):
    if join_request.state != JoinRequest.State.PENDING:
        raise ValidationError(
            f"This request was already {join_request.get_state_display()}."
        )


def _association_for(join_request):
    association = Association.objects.filter(country=join_request.country).first()
    if association is not None:
        return association
    association = Association(
        name=join_request.association_name,
        country=join_request.country,
        languages=join_request.languages,
        membership_rule=join_request.membership_rule,
    )
    association.full_clean()
    association.save()
    return association


def _coordinator_for(join_request):
    email = normalise_email(join_request.coordinator_email)
    person = Person.objects.filter(email__iexact=email).first()
    if person is None:
        person = Person.objects.create_user(
            email, password=None, full_name=join_request.coordinator_name
        )
    return person


def _decide(join_request, state, actor, association):
    join_request.state = state
    join_request.decided_by = actor
    join_request.decided_at = clock.now()
    join_request.association = association
    join_request.save(
        update_fields=["state", "decided_by", "decided_at", "association"]
    )
    audit.record(
        f"join_request.{state}",
        join_request,
        actor=actor,
        association=association,
        edition=join_request.edition,
    )


def _tell_coordinator(join_request_id):
    join_request = JoinRequest.objects.select_related("edition").get(pk=join_request_id)
    send_mail(
        subject=f"You are the national coordinator for Tandem {join_request.edition}",
        message=(
            f"Hello {join_request.coordinator_name},\n\n"
            f"{join_request.association_name} has joined the {join_request.edition} "
            "edition of the mentoring program, and you are its national "
            "coordinator.\nSign in with this e-mail address; if you have no "
            "password yet, use 'Forgot password?' on the sign-in page to set one.\n"
        ),
        from_email=None,
        recipient_list=[join_request.coordinator_email],
    )
    logger.info("join_request.coordinator_told id=%s", join_request_id)
