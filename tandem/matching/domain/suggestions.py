"""National coordinators' suggestions and the international coordinator's answer."""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction

from tandem.applications.models import Application, Role
from tandem.core import audit, clock, submissions
from tandem.matching.domain import runs
from tandem.matching.models import Source, Suggestion
from tandem.programs.roles import roles_for

logger = logging.getLogger(__name__)


@transaction.atomic
def file_suggestion(edition, *, actor, mentor, mentee, kind, reason, submission=None):
    """Record a national coordinator's 'pair these two' or 'avoid this pair'.

    The coordinator must coordinate the association of the mentor or the mentee:
    a suggestion is about one's own members. A repeat of the same form
    ``submission`` returns the suggestion the first one filed.
    """
    repeat = submissions.already(Suggestion, submission, filed_by_id=actor.pk)
    if repeat is not None:
        return repeat
    if kind not in Suggestion.Kind.values:
        raise ValidationError(f"Unknown kind of suggestion {kind!r}.")
    if not str(reason).strip():
        raise ValidationError("Say why: a suggestion needs a reason.")
    for app, role in ((mentor, Role.MENTOR), (mentee, Role.MENTEE)):
        if app.edition_id != edition.pk or app.role != role:
            raise ValidationError(f"Application {app.pk} is not a {role} of {edition}.")
        if app.decision != Application.Decision.ACCEPTED:
            raise ValidationError(f"Application {app.pk} is not accepted.")
    mine = roles_for(actor, edition).national_of
    association = next(
        (a for a in (mentee.association, mentor.association) if a.pk in mine), None
    )
    if association is None:
        raise ValidationError("Suggest pairs for your own association's members.")
    suggestion, created = submissions.create_once(
        Suggestion,
        submission,
        owner={"filed_by_id": actor.pk},
        edition=edition,
        association=association,
        mentor=mentor,
        mentee=mentee,
        kind=kind,
        reason=str(reason).strip()[:500],
        filed_by=actor,
        filed_at=clock.now(),
    )
    if not created:
        return suggestion
    audit.record(
        "matching.suggestion_filed",
        suggestion,
        actor=actor,
        association=association,
        edition=edition,
    )
    return suggestion


@transaction.atomic
def decide_suggestion(suggestion, *, actor, accept, run=None, answer=""):
    """Accept (it becomes a pin or veto, applied to ``run`` when given) or decline.

    Returns the new run when an accepted suggestion re-solved ``run``, else None.
    """
    suggestion = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    if suggestion.state != Suggestion.State.PENDING:
        raise ValidationError(f"This suggestion is already {suggestion.state}.")
    new_run = None
    if accept and run is not None:
        change = runs.pin if suggestion.kind == Suggestion.Kind.PAIR else runs.veto
        new_run = change(
            run,
            suggestion.mentor_id,
            suggestion.mentee_id,
            actor=actor,
            reason=suggestion.reason,
            source=Source.SUGGESTION,
        )
    elif accept:
        _store_rule(suggestion, actor)
    suggestion.state = (
        Suggestion.State.ACCEPTED if accept else Suggestion.State.DECLINED
    )
    suggestion.decided_by, suggestion.decided_at = actor, clock.now()
    suggestion.answer = str(answer).strip()[:500]
    suggestion.save()
    audit.record(
        f"matching.suggestion_{suggestion.state}",
        suggestion,
        actor=actor,
        association=suggestion.association,
        edition=suggestion.edition,
    )
    return new_run


def _store_rule(suggestion, actor):
    model = runs.Pin if suggestion.kind == Suggestion.Kind.PAIR else runs.Veto
    other = runs.Veto if model is runs.Pin else runs.Pin
    other.objects.filter(
        edition=suggestion.edition,
        mentor=suggestion.mentor,
        mentee=suggestion.mentee,
    ).delete()
    model.objects.get_or_create(
        edition=suggestion.edition,
        mentor=suggestion.mentor,
        mentee=suggestion.mentee,
        defaults={
            "reason": suggestion.reason[:300],
            "by": actor,
            "source": Source.SUGGESTION,
            "created_at": clock.now(),
        },
    )
