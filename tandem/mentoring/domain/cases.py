"""Cases: opened by a coordinator, by the activity rule, or by a participant.

A case belongs to one association: the mentee's for a pair, the participant's own
for a concern they raise. Its national coordinator and the international
coordinator are the only people who ever read it.
"""

import logging

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction

from tandem.core import audit, clock, submissions
from tandem.mentoring.models import Case, CaseNote
from tandem.programs.models import RoleGrant

logger = logging.getLogger(__name__)


def _audit(action, case, *, actor):
    audit.record(
        action, case, actor=actor, association=case.association, edition=case.edition
    )


@transaction.atomic
def open_case(
    edition,
    *,
    actor,
    kind,
    summary,
    association,
    pair=None,
    person=None,
    source=None,
    submission=None,
):
    """Open a case in ``association``; coordinators call this, so do rules.

    A repeat of the same form ``submission`` returns the case the first opened.
    """
    opener = actor if getattr(actor, "pk", None) else None
    repeat = submissions.already(
        Case, submission, opened_by_id=getattr(opener, "pk", None)
    )
    if repeat is not None:
        return repeat
    if not (summary or "").strip():
        raise ValidationError("Describe the case in a sentence or two.")
    if pair is None and person is None:
        raise ValidationError("A case is about a pair or a person.")
    if kind not in Case.Kind.values:
        raise ValidationError(f"Unknown kind of case {kind!r}.")
    case, created = submissions.create_once(
        Case,
        submission,
        owner={"opened_by_id": getattr(opener, "pk", None)},
        edition=edition,
        association=association,
        kind=kind,
        source=source or Case.Source.COORDINATOR,
        pair=pair,
        person=person,
        opened_by=opener,
        summary=summary.strip(),
        opened_at=clock.now(),
    )
    if not created:
        return case
    _audit("case.opened", case, actor=actor)
    transaction.on_commit(lambda: _tell_coordinator(case.pk))
    logger.info("case.opened id=%s kind=%s", case.pk, kind)
    return case


@transaction.atomic
def raise_concern(pair, text, *, actor, submission=None):
    """A participant tells their own national coordinator something privately."""
    if actor.pk not in pair.person_ids():
        raise ValidationError("Only the mentor and the mentee raise concerns here.")
    own = pair.mentor if actor.pk == pair.mentor.person_id else pair.mentee
    return open_case(
        pair.edition,
        actor=actor,
        kind=Case.Kind.CONCERN,
        summary=text,
        association=own.association,
        pair=pair,
        person=actor,
        source=Case.Source.PARTICIPANT,
        submission=submission,
    )


def open_inactivity_case(pair, *, summary):
    """The activity rule's case for the mentee's coordinator; one open at a time."""
    existing = (
        Case.objects.filter(pair=pair, kind=Case.Kind.INACTIVE)
        .exclude(state=Case.State.RESOLVED)
        .first()
    )
    if existing:
        return existing
    return open_case(
        pair.edition,
        actor=None,
        kind=Case.Kind.INACTIVE,
        summary=summary,
        association=pair.mentee.association,
        pair=pair,
        source=Case.Source.RULE,
    )


@transaction.atomic
def add_note(case, text, *, actor):
    if not (text or "").strip():
        raise ValidationError("A note needs some text.")
    note = CaseNote.objects.create(
        case=case, author=actor, text=text.strip(), at=clock.now()
    )
    _audit("case.noted", case, actor=actor)
    return note


@transaction.atomic
def update_case(case, *, actor, state=None, owner=None, note=""):
    """Change the state or owner; each change leaves a line on the timeline."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    lines = []
    if state and state != case.state:
        if state not in Case.State.values:
            raise ValidationError(f"Unknown case state {state!r}.")
        case.state = state
        case.resolved_at = clock.now() if state == Case.State.RESOLVED else None
        lines.append(f"State: {case.get_state_display()}.")
    if owner is not None and owner.pk != case.owner_id:
        if not _may_own(owner, case):
            raise ValidationError("Only a coordinator of this case can own it.")
        case.owner = owner
        lines.append(f"Owner: {owner.full_name}.")
    case.save()
    if (note or "").strip():
        lines.append(note.strip())
    if lines:
        add_note(case, " ".join(lines), actor=actor)
    _audit("case.updated", case, actor=actor)
    return case


def _may_own(person, case):
    grants = RoleGrant.objects.filter(person=person, edition=case.edition)
    return (
        grants.filter(role=RoleGrant.Role.INTERNATIONAL).exists()
        or grants.filter(
            role=RoleGrant.Role.NATIONAL, association=case.association
        ).exists()
    )


def coordinator_of(edition, association):
    grant = (
        RoleGrant.objects.filter(
            edition=edition, association=association, role=RoleGrant.Role.NATIONAL
        )
        .select_related("person")
        .first()
    )
    return grant.person if grant else None


def _tell_coordinator(case_id):
    case = Case.objects.select_related("edition", "association").get(pk=case_id)
    coordinator = coordinator_of(case.edition, case.association)
    if coordinator is None:
        return
    # The e-mail names no one and quotes nothing: a concern stays inside Tandem.
    send_mail(
        f"Tandem {case.edition.name}: a new case ({case.get_kind_display()})",
        f"Hello {coordinator.get_short_name()},\n\na new case is waiting for you "
        f"in Tandem (case {case.pk}).\n",
        None,
        [coordinator.email],
    )
    logger.info("case.announced id=%s", case.pk)
