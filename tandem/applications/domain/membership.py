"""Checking that applicants are formal members of the association they chose."""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction

from tandem.applications.models import Application
from tandem.core import audit, clock
from tandem.people.models import Membership
from tandem.tabular.members import match_members, read_member_list

logger = logging.getLogger(__name__)


def membership_of(application):
    return Membership.objects.filter(
        person=application.person_id, association=application.association_id
    ).first()


@transaction.atomic
def verify_membership(application, *, actor, state=Membership.State.VERIFIED):
    """Record the coordinator's check of one applicant's membership."""
    if state not in Membership.State.values:
        raise ValidationError(f"Unknown membership state {state!r}.")
    membership, _ = Membership.objects.select_for_update().get_or_create(
        person_id=application.person_id,
        association_id=application.association_id,
        defaults={"member_number": application.member_number},
    )
    _set_state(membership, state, actor)
    audit.record(
        f"membership.{state}",
        membership,
        actor=actor,
        association=application.association,
        edition=application.edition,
    )
    return membership


def _set_state(membership, state, actor):
    membership.state = state
    membership.verified_by = actor
    membership.verified_at = clock.now()
    membership.save(update_fields=["state", "verified_by", "verified_at"])


def applicants_of(edition, association):
    return (
        Application.objects.filter(edition=edition, association=association)
        .exclude(state=Application.State.WITHDRAWN)
        .select_related("person")
        .order_by("person__full_name", "role")
    )


@transaction.atomic
def apply_member_list(edition, association, table, *, actor):
    """Verify applicants found in the association's member list, by e-mail or number.

    Returns the library's report with applications as refs. A name-only resemblance
    is reported and verifies nobody; nobody is ever un-verified by a list. Raises
    FileRefused when the list cannot be read; an impossible date refuses it too.
    """
    members = read_member_list(table)
    if not members.committable:
        return members, None
    applications = list(applicants_of(edition, association))
    applicants = [
        {
            "ref": application,
            "full_name": application.person.full_name,
            "email": application.person.email,
            "member_number": application.member_number,
            "association": association.country,
        }
        for application in applications
    ]
    report = match_members(members.members, _unique(applicants))
    verified = {match.applicant.person_id for match in report.verified}
    memberships = Membership.objects.select_for_update().filter(
        association=association, person__in=verified
    )
    changed = [m for m in memberships if m.state != Membership.State.VERIFIED]
    now = clock.now()
    for membership in changed:
        membership.state = Membership.State.VERIFIED
        membership.verified_by, membership.verified_at = actor, now
    Membership.objects.bulk_update(changed, ["state", "verified_by", "verified_at"])
    audit.record(
        "membership.list_applied",
        None,
        actor=actor,
        association=association,
        edition=edition,
    )
    logger.info(
        "membership.list_applied association=%s verified=%s",
        association.pk,
        len(changed),
    )
    return members, report


def _unique(applicants):
    """A person applying as mentor and mentee is matched once."""
    seen, unique = set(), []
    for applicant in applicants:
        if applicant["ref"].person_id not in seen:
            seen.add(applicant["ref"].person_id)
            unique.append(applicant)
    return unique
