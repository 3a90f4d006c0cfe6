"""The edition's cohort as the engine sees it: profiles of accepted, verified members.

Engine ids are application ids as text. Two applications share a ``person_id`` when
they belong to one account (someone who applied as mentor and as mentee) or when
their e-mail addresses or LinkedIn profiles are flagged as one person, so the engine
never pairs anyone with themself.
"""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef

from matchengine import MatchInput, Mentee, Mentor, Options, Weights
from tandem.applications.models import Application, Role
from tandem.people.models import Membership
from tandem.tabular.values import gmail_key


@dataclass
class Cohort:
    applications: dict  # application id → Application (person and association loaded)
    same_person: dict  # application id (text) → person key


def accepted_applications(edition):
    verified = Membership.objects.filter(
        person=OuterRef("person"),
        association=OuterRef("association"),
        state=Membership.State.VERIFIED,
    )
    return (
        Application.objects.filter(
            edition=edition,
            decision=Application.Decision.ACCEPTED,
            state=Application.State.SUBMITTED,
        )
        .filter(Exists(verified))
        .select_related("person", "association")
        .order_by("pk")
    )


def load_cohort(edition, ids=None):
    """The accepted cohort, or exactly the applications `ids` when rebuilding a run."""
    if ids is None:
        applications = accepted_applications(edition)
    else:
        applications = (
            Application.objects.filter(edition=edition, pk__in=ids)
            .select_related("person", "association")
            .order_by("pk")
        )
    applications = {a.pk: a for a in applications}
    return Cohort(applications, person_keys(applications.values()))


def person_keys(applications):
    """Application id → one key per human, joining accounts flagged as one person."""
    parent = {}

    def find(key):
        while parent.setdefault(key, key) != key:
            key = parent[key]
        return key

    def join(a, b):
        parent[find(a)] = find(b)

    for app in applications:
        account = f"person {app.person_id}"
        join(f"application {app.pk}", account)
        join(f"e-mail {gmail_key(app.person.email)}", account)
        if app.linkedin_url:
            join(f"linkedin {app.linkedin_url.casefold().rstrip('/')}", account)
    return {str(app.pk): find(f"application {app.pk}") for app in applications}


def engine_input(cohort, *, weights, options, pins, vetoes):
    mentors, mentees = [], []
    for app in cohort.applications.values():
        profile = _common(app, cohort.same_person[str(app.pk)])
        if app.role == Role.MENTOR:
            mentors.append(
                Mentor(
                    **profile,
                    expertise=app.expertise,
                    expertise_tags=tuple(app.tags or ()),
                    capacity=app.capacity if app.capacity is not None else 1,
                )
            )
        else:
            mentees.append(
                Mentee(**profile, goals=app.goals, goal_tags=tuple(app.tags or ()))
            )
    return MatchInput(
        mentors=tuple(mentors),
        mentees=tuple(mentees),
        weights=Weights(**weights),
        pins=tuple((str(a), str(b)) for a, b in pins),
        vetoes=tuple((str(a), str(b)) for a, b in vetoes),
        options=Options(**options),
    )


def _common(app, person_key):
    return {
        "id": str(app.pk),
        "person_id": person_key,
        "association": app.association.country,
        "preference": app.preference or "either",
        "native_language": app.native_language,
        "other_languages": tuple(app.other_languages or ()),
        "country": app.country,
        "time_zone": app.time_zone or "UTC",
        "industry": app.industry,
        "function": app.function,
        "years_experience": int(app.years_experience or 0),
        "employer": app.employer,
        "availability": tuple(app.availability or ()),
    }
