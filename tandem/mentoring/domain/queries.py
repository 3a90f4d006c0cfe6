"""Which pairs and cases a person sees, with the figures lists show.

Every list here runs a fixed number of queries however many pairs there are.
"""

from django.db.models import Count, Max, Q

from tandem.mentoring.models import Case, Meeting, Pair
from tandem.programs.roles import roles_for

NOT_DISPUTED = ~Q(meetings__state=Meeting.State.DISPUTED)


def with_figures(pairs):
    return pairs.select_related(
        "mentor__person",
        "mentor__association",
        "mentee__person",
        "mentee__association",
        "checkpoint_review",
    ).annotate(
        meeting_count=Count("meetings", filter=NOT_DISPUTED),
        confirmed_count=Count(
            "meetings", filter=Q(meetings__state=Meeting.State.CONFIRMED)
        ),
        last_met=Max("meetings__held_on", filter=NOT_DISPUTED),
    )


def tracked_pairs(person, edition):
    """Pairs whose details the person may read: all for the international
    coordinator, those whose mentee is a member for a national coordinator."""
    roles = roles_for(person, edition)
    pairs = Pair.objects.filter(edition=edition)
    if roles.international:
        return pairs
    return pairs.filter(mentee__association_id__in=roles.national_of)


def known_pairs(person, edition):
    """International pairs of another association's mentee whose mentor is one of
    the national coordinator's members: their existence and activity only."""
    roles = roles_for(person, edition)
    if roles.international or not roles.national_of:
        return Pair.objects.none()
    return (
        Pair.objects.filter(
            edition=edition, mentor__association_id__in=roles.national_of
        )
        .exclude(mentee__association_id__in=roles.national_of)
        .select_related("mentor__person", "mentor__association")
    )


def pairs_of(person, edition):
    """The person's own pairs in the edition, the current one first."""
    return (
        Pair.objects.filter(edition=edition)
        .filter(Q(mentor__person=person) | Q(mentee__person=person))
        .select_related(
            "edition",
            "mentor__person",
            "mentor__association",
            "mentee__person",
            "mentee__association",
        )
        .order_by("-created_at", "-id")
    )


def visible_cases(person, edition):
    roles = roles_for(person, edition)
    cases = Case.objects.filter(edition=edition).select_related(
        "association", "owner", "pair__mentor__person", "pair__mentee__person", "person"
    )
    if roles.international:
        return cases
    return cases.filter(association_id__in=roles.national_of)
