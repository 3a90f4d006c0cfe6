"""The figures of the edition report, each a table a page, a PDF and a
spreadsheet share. Every function takes the associations in the viewer's scope
and runs a fixed number of queries, however large the edition.
"""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q

from tandem.applications.models import Application
from tandem.events.models import Event
from tandem.mentoring.models import Activity, Meeting, Pair
from tandem.people.models import Membership
from tandem.programs.models import Milestone
from tandem.surveys.domain import results as survey_results
from tandem.surveys.models import ResponseMarker, Survey

MEETING_BUCKETS = [(0, 0), (1, 2), (3, 5), (6, 9), (10, None)]


@dataclass(frozen=True)
class Table:
    key: str
    title: str
    headers: list
    rows: list

    def column(self, index):
        return [row[index] for row in self.rows]


FUNNEL_STEPS = [
    ("applied", "Applied"),
    ("verified", "Membership verified"),
    ("accepted", "Accepted"),
    ("matched", "Matched"),
    ("signed", "Contract signed"),
    ("active", "Active at checkpoint"),
    ("completed", "Completed"),
]


def _participants(**filters):
    """Accepted applications that were not withdrawn afterwards: the people who
    took part, as events, surveys and certificates count them."""
    return Application.objects.filter(
        decision=Application.Decision.ACCEPTED, **filters
    ).exclude(state=Application.State.WITHDRAWN)


def _pairs_of(side):
    return Pair.objects.filter(**{side: OuterRef("pk")})


def _any_side(*conditions, **filters):
    return Exists(_pairs_of("mentor").filter(*conditions, **filters)) | Exists(
        _pairs_of("mentee").filter(*conditions, **filters)
    )


def funnel(edition, associations):
    """Applications (not drafts) at each step, per association and in total."""
    signed = Q(mentor_accepted_at__isnull=False, mentee_accepted_at__isnull=False)
    active = Q(checkpoint_review__confirmed=Activity.ACTIVE)
    rows = (
        Application.objects.filter(edition=edition, association__in=associations)
        .exclude(state=Application.State.DRAFT)
        .annotate(
            is_verified=Exists(
                Membership.objects.filter(
                    person=OuterRef("person"),
                    association=OuterRef("association"),
                    state=Membership.State.VERIFIED,
                )
            ),
            is_matched=_any_side(),
            is_signed=_any_side(signed),
            is_active=_any_side(active),
            is_completed=_any_side(state=Pair.State.COMPLETED),
        )
        .values("association__name")
        .annotate(
            applied=Count("id"),
            verified=Count("id", filter=Q(is_verified=True)),
            accepted=Count("id", filter=Q(decision=Application.Decision.ACCEPTED)),
            matched=Count("id", filter=Q(is_matched=True)),
            signed=Count("id", filter=Q(is_signed=True)),
            active=Count("id", filter=Q(is_active=True)),
            completed=Count("id", filter=Q(is_completed=True)),
        )
        .order_by("association__name")
    )
    body = [
        [row["association__name"], *(row[key] for key, _ in FUNNEL_STEPS)]
        for row in rows
    ]
    total = ["Total", *(sum(row[i] for row in body) for i in range(1, 8))]
    return Table(
        "funnel",
        "Funnel per association",
        ["Association", *(label for _, label in FUNNEL_STEPS)],
        [*body, total],
    )


def pair_types(edition, associations):
    """Pairs by the mentee's association: local and international."""
    rows = (
        _pairs(edition, associations)
        .values("mentee__association__name")
        .annotate(
            local=Count("id", filter=Q(pair_type=Pair.Type.LOCAL)),
            international=Count("id", filter=Q(pair_type=Pair.Type.INTERNATIONAL)),
        )
        .order_by("mentee__association__name")
    )
    body = [
        [row["mentee__association__name"], row["local"], row["international"]]
        for row in rows
    ]
    total = ["Total", sum(r[1] for r in body), sum(r[2] for r in body)]
    return Table(
        "pairs",
        "Local and international pairs",
        ["Association", "Local", "International"],
        [*body, total],
    )


def _pairs(edition, associations):
    return Pair.objects.filter(
        edition=edition, mentee__association__in=associations
    ).exclude(replaced_by__isnull=False)


def meetings_per_pair(edition, associations):
    """How many pairs had how many meetings that were not disputed."""
    counts = _pairs(edition, associations).annotate(
        held=Count("meetings", filter=~Q(meetings__state=Meeting.State.DISPUTED))
    )
    tally = dict.fromkeys(MEETING_BUCKETS, 0)
    for held in counts.values_list("held", flat=True):
        for low, high in MEETING_BUCKETS:
            if held >= low and (high is None or held <= high):
                tally[(low, high)] += 1
                break
    rows = [[_bucket(low, high), tally[(low, high)]] for low, high in MEETING_BUCKETS]
    return Table("meetings", "Meetings per pair", ["Meetings", "Pairs"], rows)


def _bucket(low, high):
    if high is None:
        return f"{low} or more"
    return str(low) if low == high else f"{low}–{high}"


def training_attendance(edition, associations):
    """For each training, the accepted people of these associations who attended."""
    accepted = _participants(edition=edition, association__in=associations)
    rows = (
        Event.objects.filter(edition=edition)
        .exclude(audience=Event.Audience.COORDINATORS)
        .annotate(
            attended=Count(
                "attendances",
                filter=Q(
                    attendances__person__in=accepted.values("person"),
                ),
            )
        )
        .order_by("starts_at", "title")
    )
    return Table(
        "trainings",
        "Training attendance",
        ["Event", "Date", "Mandatory", "Attended"],
        [
            [
                e.title,
                e.starts_at.date().isoformat(),
                "yes" if e.mandatory else "no",
                e.attended,
            ]
            for e in rows
        ],
    )


def surveys(edition, associations):
    """Each survey of the edition: who in view answered, and its two headline
    figures (recommendation score, mean 1–5 answer) where the five-answer rule
    lets the survey's own results page show them; blank where it does not.
    """
    participants = _participants(edition=edition, association__in=associations).values(
        "person_id"
    )
    answered = dict(
        ResponseMarker.objects.filter(survey__edition=edition, person__in=participants)
        .values_list("survey_id")
        .annotate(count=Count("id"))
    )
    scope = {association.pk for association in associations}
    rows = []
    for survey in Survey.objects.filter(edition=edition).order_by("opens_on", "title"):
        figures = survey_results.summary(survey, scope)
        rows.append(
            [
                survey.title,
                survey.get_kind_display(),
                answered.get(survey.pk, 0),
                _blank_if_none(figures.recommendation),
                _blank_if_none(figures.scale_mean),
            ]
        )
    headers = ["Survey", "Kind", "Answered", "Recommendation score", "Mean 1–5 answer"]
    return Table("surveys", "Surveys", headers, rows)


def _blank_if_none(value):
    return "" if value is None else value


def participants_per_edition(edition, associations):
    """Accepted participants per association in every edition so far."""
    rows = (
        _participants(
            association__in=associations, edition__starts_on__lte=edition.starts_on
        )
        .values("edition__name", "edition__starts_on", "association__name")
        .annotate(
            mentors=Count("person", filter=Q(role="mentor"), distinct=True),
            mentees=Count("person", filter=Q(role="mentee"), distinct=True),
        )
        .order_by("edition__starts_on", "association__name")
    )
    return Table(
        "editions",
        "Participants per association and edition",
        ["Edition", "Association", "Mentors", "Mentees"],
        [
            [r["edition__name"], r["association__name"], r["mentors"], r["mentees"]]
            for r in rows
        ],
    )


def returning_mentors(edition, associations):
    """Accepted mentors of this edition who were accepted mentors before."""
    earlier = _participants(
        person=OuterRef("person"),
        role="mentor",
        edition__starts_on__lt=edition.starts_on,
    )
    rows = (
        _participants(edition=edition, association__in=associations, role="mentor")
        .annotate(returning=Exists(earlier))
        .values("association__name")
        .annotate(
            mentors=Count("id"), returning_count=Count("id", filter=Q(returning=True))
        )
        .order_by("association__name")
    )
    return Table(
        "returning",
        "Returning mentors",
        ["Association", "Mentors", "Returning"],
        [[r["association__name"], r["mentors"], r["returning_count"]] for r in rows],
    )


def application_window(edition):
    window = (
        Milestone.objects.filter(edition=edition, kind=Milestone.Kind.APPLICATIONS)
        .order_by("starts_on")
        .first()
    )
    if window is None:
        return edition.starts_on, edition.ends_on
    return window.starts_on, window.last_day


def new_members(edition, associations):
    """Applicants whose membership began while the applications were open: the
    members an association gained by taking part."""
    first, last = application_window(edition)
    joined = Membership.objects.filter(
        person=OuterRef("person"),
        association=OuterRef("association"),
        joined_on__range=(first, last),
    )
    rows = (
        Application.objects.filter(edition=edition, association__in=associations)
        .exclude(state=Application.State.DRAFT)
        .annotate(new=Exists(joined))
        .values("association__name")
        .annotate(
            applicants=Count("id"),
            new_count=Count("id", filter=Q(new=True)),
            accepted_new=Count(
                "id",
                filter=Q(new=True, decision=Application.Decision.ACCEPTED),
            ),
        )
        .order_by("association__name")
    )
    return Table(
        "new_members",
        f"New members who joined to take part ({first} to {last})",
        ["Association", "Applicants", "Joined in the window", "Of them accepted"],
        [
            [r["association__name"], r["applicants"], r["new_count"], r["accepted_new"]]
            for r in rows
        ],
    )


EDITION_TABLES = {
    "funnel": funnel,
    "pairs": pair_types,
    "meetings": meetings_per_pair,
    "trainings": training_attendance,
    "surveys": surveys,
}
ACROSS_TABLES = {
    "editions": participants_per_edition,
    "returning": returning_mentors,
    "new_members": new_members,
}
ALL_TABLES = {**EDITION_TABLES, **ACROSS_TABLES}
