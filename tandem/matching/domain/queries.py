"""What the board shows, confined to what the person may see."""

from collections import defaultdict

from django.db.models import Q

from tandem.matching.models import MatchRun, Suggestion
from tandem.programs.roles import roles_for

PEOPLE = (
    "mentor__person",
    "mentor__association",
    "mentee__person",
    "mentee__association",
)


def visible_scope(person, edition):
    """None for the whole edition, else the association ids whose members one sees."""
    roles = roles_for(person, edition)
    return None if roles.international else roles.national_of


def proposals(run, scope):
    rows = run.proposals.select_related(*PEOPLE).order_by(
        "mentee__association__country", "-score", "pk"
    )
    if scope is not None:
        rows = rows.filter(
            Q(mentor__association_id__in=scope) | Q(mentee__association_id__in=scope)
        )
    return list(rows)


PART_LABELS = {
    "text": "goals and expertise",
    "industry": "industry",
    "function": "function",
    "seniority": "seniority",
    "pair_type": "pair type",
    "time_zone": "time zone",
    "availability": "availability",
}


def add_segments(rows, weights):
    """Give each proposal its score bar: (part, label, x, width) on a 0–100 scale.

    A part's width is its weighted share of the total, so the bar's length is the
    score and each colour shows how much that part contributed.
    """
    total = sum(weights.values()) or 1
    for proposal in rows:
        x, proposal.segments = 0.0, []
        for name, label in PART_LABELS.items():
            width = round(100 * weights.get(name, 0) / total * proposal.parts[name], 2)
            proposal.segments.append((name, label, x, width, proposal.parts[name]))
            x = round(x + width, 2)


def grouped_by_association(rows):
    """Proposals grouped by the mentee's association, in country order."""
    groups = defaultdict(list)
    for proposal in rows:
        groups[proposal.mentee.association].append(proposal)
    return sorted(groups.items(), key=lambda item: item[0].country)


def unmatched(run, scope):
    rows = run.unmatched.select_related(
        "application__person", "application__association"
    ).order_by("application__role", "application__association__country", "pk")
    if scope is not None:
        rows = rows.filter(application__association_id__in=scope)
    return list(rows)


def suggestions(edition, scope):
    rows = Suggestion.objects.filter(edition=edition).select_related(
        "association", "filed_by", *PEOPLE
    )
    if scope is not None:
        rows = rows.filter(association_id__in=scope)
    return list(rows)


def runs_of(edition):
    return MatchRun.objects.filter(edition=edition).select_related("created_by")


def latest_run(edition):
    return runs_of(edition).first()
