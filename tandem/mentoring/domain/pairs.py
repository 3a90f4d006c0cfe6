"""Publishing pairs and every later change of a pair's state.

Each function owns its transaction, the pair's history row and the audit row. The
matching board publishes through ``create_pairs``; nothing else creates a Pair.
"""

import logging
from collections import Counter

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse

from tandem.applications.models import Application, Role
from tandem.core import audit, clock, conflicts
from tandem.mentoring.domain.activity import recompute_pair
from tandem.mentoring.models import Pair, PairEvent

logger = logging.getLogger(__name__)


def _record(pair, kind, *, actor, detail=""):
    PairEvent.objects.create(pair=pair, kind=kind, actor=actor, detail=detail)
    audit.record(
        f"pair.{kind}",
        pair,
        actor=actor,
        association=pair.mentee.association,
        edition=pair.edition,
    )


def _locked(pair):
    return (
        Pair.objects.select_for_update(of=("self",))
        .select_related(
            "edition", "mentor__person", "mentee__person", "mentee__association"
        )
        .get(pk=pair.pk)
    )


@transaction.atomic
def create_pairs(edition, proposals, *, actor, source, announce=True):
    """Publish proposals as pairs; returns the pairs this call created.

    ``proposals`` is a list of ``(mentor_application_id, mentee_application_id,
    pair_type, language)`` tuples, ``pair_type`` being ``"local"`` or
    ``"international"``; ``source`` is a free reference kept on each pair, such as
    the id of the match run. Publishing is idempotent: a proposal whose mentor and
    mentee already form a pair is skipped, so publishing twice creates nothing
    twice. Either every new pair is created or, when one proposal is invalid,
    none is and ValidationError lists each problem. ``announce=False`` leaves the
    e-mail to the caller (the matching board sends its own introduction).
    """
    proposals = [tuple(proposal) for proposal in proposals]
    ids = {pk for mentor, mentee, *_ in proposals for pk in (mentor, mentee)}
    applications = _lock_applications(ids)
    existing = set(
        Pair.objects.filter(edition=edition, mentee_id__in=ids).values_list(
            "mentor_id", "mentee_id"
        )
    )
    new = [p for p in proposals if (p[0], p[1]) not in existing]
    _check_proposals(edition, new, applications)
    created = []
    for mentor_id, mentee_id, pair_type, language in dict.fromkeys(new):
        pair = Pair.objects.create(
            edition=edition,
            mentor=applications[mentor_id],
            mentee=applications[mentee_id],
            pair_type=pair_type,
            language=language,
            began_on=clock.today(),
            created_from=str(source)[:100],
        )
        _record(pair, PairEvent.Kind.CREATED, actor=actor, detail=str(source)[:100])
        created.append(pair)
    ids_created = [pair.pk for pair in created]
    if announce:
        transaction.on_commit(lambda: _tell_new_pairs(ids_created))
    logger.info("pairs.created edition=%s count=%s", edition.pk, len(created))
    return created


def _lock_applications(ids):
    """Lock every mentor and mentee row of the proposals, in id order.

    The lock is what keeps a mentor within capacity when two coordinators publish
    (or re-match) at once: the second waits here until the first has committed,
    and PostgreSQL's read committed then reads the first one's pairs in the count
    that follows. The fixed order keeps two such calls from deadlocking.
    """
    locked = (
        Application.objects.select_for_update(of=("self",))
        .filter(pk__in=ids)
        .order_by("pk")
    )
    return {application.pk: application for application in locked}


def _check_proposals(edition, proposals, applications):
    problems = []
    for number, (mentor_id, mentee_id, pair_type, language) in enumerate(
        proposals, start=1
    ):
        mentor, mentee = applications.get(mentor_id), applications.get(mentee_id)
        problems += [
            f"Proposal {number}: {problem}"
            for problem in _proposal_problems(
                edition, mentor, mentee, pair_type, language
            )
        ]
    problems += _capacity_problems(edition, proposals, applications)
    if problems:
        raise ValidationError(problems)


def _proposal_problems(edition, mentor, mentee, pair_type, language):
    for label, application, role in (
        ("mentor", mentor, Role.MENTOR),
        ("mentee", mentee, Role.MENTEE),
    ):
        if application is None or application.edition_id != edition.pk:
            yield f"the {label} application is not in edition {edition.name}."
        elif application.role != role:
            yield f"application {application.pk} is not a {label}'s."
        elif application.decision != Application.Decision.ACCEPTED:
            yield f"the {label} application {application.pk} is not accepted."
    if pair_type not in Pair.Type.values:
        yield f"the pair type {pair_type!r} is neither local nor international."
    if not str(language or "").strip():
        yield "the pair needs a language."


def _capacity_problems(edition, proposals, applications):
    busy = Counter(
        Pair.objects.filter(edition=edition, state__in=Pair.CURRENT).values_list(
            "mentor_id", flat=True
        )
    )
    taken = set(
        Pair.objects.filter(edition=edition, state__in=Pair.CURRENT).values_list(
            "mentee_id", flat=True
        )
    )
    problems = []
    for mentor_id, mentee_id, *_ in dict.fromkeys(proposals):
        busy[mentor_id] += 1
        mentor = applications.get(mentor_id)
        if mentor is not None and busy[mentor_id] > (mentor.capacity or 1):
            problems.append(
                f"Mentor application {mentor_id} would have more mentees than "
                f"its capacity of {mentor.capacity or 1}."
            )
        if mentee_id in taken:
            problems.append(f"Mentee application {mentee_id} already has a pair.")
        taken.add(mentee_id)
    return list(dict.fromkeys(problems))


def _tell_new_pairs(pair_ids):
    pairs = Pair.objects.filter(pk__in=pair_ids).select_related(
        "edition", "mentor__person", "mentee__person"
    )
    for pair in pairs:
        link = reverse("mentoring:mine", args=[pair.edition.slug])
        for person in (pair.mentor.person, pair.mentee.person):
            send_mail(
                f"Meet your Tandem {pair.edition.name} pair",
                f"Hello {person.get_short_name()},\n\nyour pair for this edition is "
                f"ready. Read and accept the mentoring contract at {link} — the pair "
                "starts when you have both accepted it.\n",
                None,
                [person.email],
            )
        logger.info("pair.announced id=%s", pair.pk)


@transaction.atomic
def accept_contract(pair, *, actor):
    """Record the actor's acceptance; the pair becomes active once both accepted."""
    pair = _locked(pair)
    if actor.pk not in pair.person_ids():
        raise ValidationError("Only the mentor and the mentee accept their contract.")
    if pair.state != Pair.State.WAITING:
        raise ValidationError(
            f"This pair is {pair.get_state_display()}; there is nothing to accept."
        )
    if pair.accepted_by(actor):
        return pair
    now = clock.now()
    if actor.pk == pair.mentor.person_id:
        pair.mentor_accepted_at = now
    else:
        pair.mentee_accepted_at = now
    _record(pair, PairEvent.Kind.ACCEPTED, actor=actor)
    if pair.mentor_accepted_at and pair.mentee_accepted_at:
        pair.state, pair.activated_on = Pair.State.ACTIVE, clock.today()
        _record(pair, PairEvent.Kind.ACTIVATED, actor=actor)
    pair.save()
    recompute_pair(pair)
    return pair


def check_unchanged(pair, seen, *, actor):
    """Raise EditConflict unless the pair's latest history row is ``seen``.

    Every change of a pair writes a history row, so the id of the latest one is
    the version a coordinator's page carries; ``None`` skips the check, for
    callers without a page. The caller holds the pair's row lock.
    """
    if seen is None:
        return
    latest = pair.events.select_related("actor").order_by("-id").first()
    if latest is not None and latest.pk != seen:
        raise conflicts.changed("this pair", by=latest.actor, at=latest.at, actor=actor)


def latest_event_id(pair):
    """The version of ``pair`` a page that changes it carries (see check_unchanged)."""
    return pair.events.order_by("-id").values_list("pk", flat=True).first() or 0


def _change_state(pair, allowed_from, new_state, kind, *, actor, detail="", seen=None):
    pair = _locked(pair)
    check_unchanged(pair, seen, actor=actor)
    if pair.state not in allowed_from:
        raise ValidationError(
            f"A pair that is {pair.get_state_display()} cannot become "
            f"{Pair.State(new_state).label}."
        )
    pair.state = new_state
    if new_state == Pair.State.ENDED_EARLY:
        pair.ended_reason = detail
    if new_state != Pair.State.ACTIVE:
        pair.activity = ""
    pair.save()
    _record(pair, kind, actor=actor, detail=detail)
    return pair


@transaction.atomic
def pause_pair(pair, *, actor, reason="", seen=None):
    return _change_state(
        pair,
        (Pair.State.ACTIVE,),
        Pair.State.PAUSED,
        PairEvent.Kind.PAUSED,
        actor=actor,
        detail=reason,
        seen=seen,
    )


@transaction.atomic
def resume_pair(pair, *, actor, seen=None):
    pair = _change_state(
        pair,
        (Pair.State.PAUSED,),
        Pair.State.ACTIVE,
        PairEvent.Kind.RESUMED,
        actor=actor,
        seen=seen,
    )
    recompute_pair(pair)
    return pair


@transaction.atomic
def end_pair_early(pair, reason, *, actor, seen=None):
    """End a current pair before the year is over; the reason is required."""
    if not (reason or "").strip():
        raise ValidationError("Say why the pair ends early.")
    return _change_state(
        pair,
        Pair.CURRENT,
        Pair.State.ENDED_EARLY,
        PairEvent.Kind.ENDED_EARLY,
        actor=actor,
        detail=reason.strip(),
        seen=seen,
    )


@transaction.atomic
def complete_pair(pair, *, actor, seen=None):
    return _change_state(
        pair,
        (Pair.State.ACTIVE, Pair.State.PAUSED),
        Pair.State.COMPLETED,
        PairEvent.Kind.COMPLETED,
        actor=actor,
        seen=seen,
    )


@transaction.atomic
def rematch(pair, *, actor, reason, mentor=None, mentee=None, language=None, seen=None):
    """End ``pair`` early and publish a new pair with one person replaced.

    Give exactly one of ``mentor`` or ``mentee`` (an Application). The old pair
    keeps its history and points to the new one through ``replaced_by``.
    ``seen`` is the pair's version as the coordinator's page showed it.
    """
    if (mentor is None) == (mentee is None):
        raise ValidationError("Re-matching replaces either the mentor or the mentee.")
    pair = end_pair_early(pair, reason, actor=actor, seen=seen)
    new_mentor = mentor or pair.mentor
    new_mentee = mentee or pair.mentee
    pair_type = (
        Pair.Type.LOCAL
        if new_mentor.association_id == new_mentee.association_id
        else Pair.Type.INTERNATIONAL
    )
    (new,) = create_pairs(
        pair.edition,
        [(new_mentor.pk, new_mentee.pk, pair_type, language or pair.language)],
        actor=actor,
        source=f"rematch of pair {pair.pk}",
    ) or [None]
    if new is None:
        raise ValidationError("These two people were already paired once.")
    pair.replaced_by = new
    pair.save(update_fields=["replaced_by"])
    _record(pair, PairEvent.Kind.REMATCHED, actor=actor, detail=f"pair {new.pk}")
    return new
