"""Match runs: starting one, changing one on the board, comparing two.

A run is never edited. Each pin, veto, swap or unassign solves again in the run's
engine session and stores the result as a new run whose parent is the changed one.
"""

import logging
from dataclasses import asdict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from matchengine import EngineInputError, Options
from tandem.core import audit, clock, conflicts
from tandem.matching.domain import sessions
from tandem.matching.domain.cohort import engine_input, load_cohort
from tandem.matching.domain.weights import described, with_overrides
from tandem.matching.models import MatchRun, Pin, Proposal, Source, UnmatchedEntry, Veto

logger = logging.getLogger(__name__)


class BoardError(Exception):
    """Input the engine or the board refuses, with a message for the coordinator."""

    def __init__(self, message, rule=""):
        super().__init__(message)
        self.message = message
        self.rule = rule


def explain(error: EngineInputError, applications) -> BoardError:
    """The engine's refusal with application ids replaced by the people's names."""
    people = []
    for ref in error.people:
        app = applications.get(int(ref)) if str(ref).isdigit() else None
        if app is not None:
            people.append(
                f"{app.person.full_name} ({app.role}, {app.association.country})"
            )
    named = f" People concerned: {'; '.join(people)}." if people else ""
    return BoardError(f"Refused by the rule '{error.rule}': {error.message}.{named}")


def start_run(edition, *, actor, weights=None, options=None, progress=None):
    """Solve the edition's accepted cohort with its weights, pins and vetoes.

    ``weights`` replaces some of the edition's weights for this run only; the run
    records the weights it used. ``progress`` is called with a stage name before
    each stage (the command's display). Raises BoardError for input the engine or
    the weights check refuses.
    """
    say = progress or (lambda stage: None)
    try:
        weights = with_overrides(edition, weights)
    except ValidationError as error:
        raise BoardError(" ".join(error.messages)) from error
    say("loading applications")
    cohort = load_cohort(edition)
    roles = {app.role for app in cohort.applications.values()}
    if roles != {"mentor", "mentee"}:
        raise BoardError(
            "Matching needs accepted, verified mentors and mentees; this edition "
            f"has {len(cohort.applications)} accepted applicants, not of both roles."
        )
    options = asdict(Options(**(options or {})))
    pins = _pairs_in(Pin, edition, cohort)
    vetoes = _pairs_in(Veto, edition, cohort)
    data = engine_input(
        cohort, weights=weights, options=options, pins=pins, vetoes=vetoes
    )
    say("scoring and building candidates")
    try:
        session = sessions.build(data)
        say("solving")
        result = session.solve()
    except EngineInputError as error:
        raise explain(error, cohort.applications) from error
    say("saving")
    run = _save(
        edition,
        result,
        actor=actor,
        parent=None,
        change="new run",
        snapshot={
            "weights": weights,
            "options": options,
            "pins": [list(p) for p in pins],
            "vetoes": [list(v) for v in vetoes],
            "same_person": cohort.same_person,
        },
    )
    sessions.remember(run.pk, session)
    return run


def _pairs_in(model, edition, cohort):
    """The edition's pins or vetoes between applications still in the cohort."""
    pairs = model.objects.filter(edition=edition).values_list("mentor_id", "mentee_id")
    return sorted(
        (a, b)
        for a, b in pairs
        if a in cohort.applications and b in cohort.applications
    )


@transaction.atomic
def _save(edition, result, *, actor, parent, change, snapshot):
    diagnostics = result.diagnostics
    run = MatchRun.objects.create(
        edition=edition,
        parent=parent,
        created_by=actor,
        created_at=clock.now(),
        change=change[:200],
        figures=figures_of(result),
        diagnostics=_plain(diagnostics),
        result_hash=diagnostics["assignment_hash"],
        **snapshot,
    )
    Proposal.objects.bulk_create(
        Proposal(
            run=run,
            mentor_id=int(p.mentor_id),
            mentee_id=int(p.mentee_id),
            score=p.score,
            parts=p.parts,
            reason=p.reason[:500],
            pair_type=p.pair_type,
            language=p.language,
            pinned=p.pinned,
        )
        for p in result.pairs
    )
    UnmatchedEntry.objects.bulk_create(
        UnmatchedEntry(run=run, application_id=int(u.id), reason=u.reason[:300])
        for u in [*result.unmatched_mentees, *result.unmatched_mentors]
    )
    audit.record("matching.run", run, actor=actor, edition=edition)
    logger.info(
        "matching.run id=%s edition=%s matched=%s",
        run.pk,
        edition.pk,
        diagnostics["matched"],
    )
    return run


def figures_of(result) -> dict:
    d, dist = result.diagnostics, result.distribution
    return {
        "mentees": d["mentees"],
        "mentors": d["mentors"],
        "mentor_places": d["mentor_places"],
        "matched": d["matched"],
        "total_score": d["total_score"],
        "worst": dist.get("min"),
        "p10": dist.get("p10"),
        "median": dist.get("median"),
        "blocking_pairs": d["blocking_pairs"],
        "fill": _plain(result.fill),
        "warnings": list(result.warnings),
        "proven_optimal": bool(d["proof"].get("proven_optimal")),
        "gap": d["proof"].get("gap"),
        "method": d["proof"].get("method", ""),
        "seconds": d.get("time_seconds", {}).get("solve_call_total"),
        "setup_seconds": sum(d.get("setup_seconds", {}).values()),
    }


def _plain(value):
    """JSON-safe copy: numpy numbers become Python numbers."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if hasattr(value, "item"):
        return value.item()
    return value


def session_for(run):
    """The run's engine session from the cache, or rebuilt from its snapshot."""
    session = sessions.take(run.pk)
    if session is not None:
        return session, load_cohort(run.edition, _ids_of(run)).applications
    cohort = load_cohort(run.edition, _ids_of(run))
    cohort.same_person = run.same_person
    data = engine_input(
        cohort,
        weights=run.weights,
        options=run.options,
        pins=run.pins,
        vetoes=run.vetoes,
    )
    try:
        return sessions.build(data), cohort.applications
    except EngineInputError as error:
        raise explain(error, cohort.applications) from error


def _ids_of(run):
    return [int(k) for k in run.same_person]


def lock_unchanged(run, seen, *, actor):
    """Lock the run's row and return it; EditConflict when it changed after ``seen``.

    A change of a run is a new run whose parent it is, so a child newer than the
    newest run of the edition the coordinator's page knew (``seen``) means the
    page is stale. ``None`` skips the check, for callers without a page.
    """
    locked = MatchRun.objects.select_for_update().get(pk=run.pk)
    if seen is None:
        return locked
    child = (
        MatchRun.objects.filter(parent=locked, pk__gt=seen)
        .select_related("created_by")
        .order_by("pk")
        .first()
    )
    if child is not None:
        said = conflicts.describe(
            "this run", by=child.created_by, at=child.created_at, actor=actor
        )
        raise conflicts.EditConflict(
            f"{said} The changed board is run {child.pk}.", code="conflict"
        )
    return locked


def board_version(edition):
    """The version a board page carries: the newest run of the edition it knew."""
    return (
        MatchRun.objects.filter(edition=edition).aggregate(newest=Max("pk"))["newest"]
        or 0
    )


def _edit(run, change, steps, *, actor, seen=None):
    """Apply engine steps to the run's session, save the result as a child run."""
    run = lock_unchanged(run, seen, actor=actor)
    if run.state == MatchRun.State.PUBLISHED:
        raise BoardError("This run is published; start a new run to change pairs.")
    session, applications = session_for(run)
    try:
        for method, mentor_id, mentee_id in steps:
            result = getattr(session, method)(str(mentor_id), str(mentee_id))
    except EngineInputError as error:
        raise explain(error, applications) from error
    new = _save(
        run.edition,
        result,
        actor=actor,
        parent=run,
        change=change,
        snapshot={
            "weights": run.weights,
            "options": run.options,
            "pins": [[int(a), int(b)] for a, b in session.pins],
            "vetoes": [[int(a), int(b)] for a, b in session.vetoes],
            "same_person": run.same_person,
        },
    )
    sessions.remember(new.pk, session)
    return new


def _keep(model, run, mentor_id, mentee_id, *, actor, reason, source):
    model.objects.get_or_create(
        edition=run.edition,
        mentor_id=mentor_id,
        mentee_id=mentee_id,
        defaults={
            "reason": reason[:300],
            "by": actor,
            "source": source,
            "created_at": clock.now(),
        },
    )


@transaction.atomic
def pin(
    run,
    mentor_id,
    mentee_id,
    *,
    actor,
    reason="",
    source=Source.COORDINATOR,
    seen=None,
):
    """Force the pair in a new run, and in every later run of the edition."""
    steps = [("pin", mentor_id, mentee_id)]
    if [mentor_id, mentee_id] in run.vetoes:
        steps.insert(0, ("unveto", mentor_id, mentee_id))
    Veto.objects.filter(
        edition=run.edition, mentor_id=mentor_id, mentee_id=mentee_id
    ).delete()
    new = _edit(run, f"pin {mentor_id}–{mentee_id}", steps, actor=actor, seen=seen)
    _keep(Pin, run, mentor_id, mentee_id, actor=actor, reason=reason, source=source)
    audit.record("matching.pin", new, actor=actor, edition=run.edition)
    return new


@transaction.atomic
def veto(
    run,
    mentor_id,
    mentee_id,
    *,
    actor,
    reason="",
    source=Source.COORDINATOR,
    seen=None,
):
    """Forbid the pair in a new run, and in every later run of the edition."""
    steps = [("veto", mentor_id, mentee_id)]
    if [mentor_id, mentee_id] in run.pins:
        steps.insert(0, ("unpin", mentor_id, mentee_id))
        Pin.objects.filter(
            edition=run.edition, mentor_id=mentor_id, mentee_id=mentee_id
        ).delete()
    new = _edit(run, f"veto {mentor_id}–{mentee_id}", steps, actor=actor, seen=seen)
    _keep(Veto, run, mentor_id, mentee_id, actor=actor, reason=reason, source=source)
    audit.record("matching.veto", new, actor=actor, edition=run.edition)
    return new


@transaction.atomic
def unassign(run, mentor_id, mentee_id, *, actor, seen=None):
    """Take a proposed pair apart: a pinned pair loses its pin, any other is vetoed.

    The engine then uses both people elsewhere if that improves the result.
    """
    if [mentor_id, mentee_id] in run.pins:
        Pin.objects.filter(
            edition=run.edition, mentor_id=mentor_id, mentee_id=mentee_id
        ).delete()
        new = _edit(
            run,
            f"unpin {mentor_id}–{mentee_id}",
            [("unpin", mentor_id, mentee_id)],
            actor=actor,
            seen=seen,
        )
        audit.record("matching.unpin", new, actor=actor, edition=run.edition)
        return new
    return veto(run, mentor_id, mentee_id, actor=actor, reason="unassigned", seen=seen)


@transaction.atomic
def swap(run, first, second, *, actor, seen=None):
    """Exchange the mentees of two proposals by pinning the crossed pairs."""
    proposals = {p.pk: p for p in run.proposals.filter(pk__in=[first, second])}
    if len(proposals) != 2:
        raise BoardError("Choose two different proposals of this run to swap.")
    a, b = proposals[first], proposals[second]
    if a.mentor_id == b.mentor_id:
        raise BoardError("Both proposals have the same mentor; nothing to swap.")
    steps = []
    for p in (a, b):
        if [p.mentor_id, p.mentee_id] in run.pins:
            steps.append(("unpin", p.mentor_id, p.mentee_id))
    steps += [("pin", a.mentor_id, b.mentee_id), ("pin", b.mentor_id, a.mentee_id)]
    new = _edit(run, f"swap {a.pk}–{b.pk}", steps, actor=actor, seen=seen)
    Pin.objects.filter(
        edition=run.edition,
        mentor_id__in=[a.mentor_id, b.mentor_id],
        mentee_id__in=[a.mentee_id, b.mentee_id],
    ).delete()
    for mentor_id, mentee_id in (
        (a.mentor_id, b.mentee_id),
        (b.mentor_id, a.mentee_id),
    ):
        _keep(
            Pin,
            run,
            mentor_id,
            mentee_id,
            actor=actor,
            reason="swap",
            source=Source.COORDINATOR,
        )
    audit.record("matching.swap", new, actor=actor, edition=run.edition)
    return new


def compare_runs(a, b):
    """What changed from run ``a`` to run ``b``: pairs gone, pairs new, score change,
    and the weights each run used."""

    def pairs(run):
        return {
            (p.mentor_id, p.mentee_id): p
            for p in run.proposals.select_related(
                "mentor__person",
                "mentee__person",
                "mentor__association",
                "mentee__association",
            )
        }

    before, after = pairs(a), pairs(b)
    return {
        "removed": [before[k] for k in sorted(before.keys() - after.keys())],
        "added": [after[k] for k in sorted(after.keys() - before.keys())],
        "kept": len(before.keys() & after.keys()),
        "score_change": round(
            (b.figures.get("total_score") or 0) - (a.figures.get("total_score") or 0), 6
        ),
        "matched_change": b.figures.get("matched", 0) - a.figures.get("matched", 0),
        "weights": [
            {**part, "a": part["value"], "b": b.weights.get(part["name"])}
            for part in described(a.weights)
        ],
    }
