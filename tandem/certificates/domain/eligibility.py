"""Who may get a certificate, and the checklist that says why or why not.

The checks are computed for a whole role at once (a fixed number of queries),
except the final survey: the surveys app answers one person at a time.
"""

from dataclasses import dataclass

from tandem.certificates.models import EligibilityRule
from tandem.events.domain.people import accepted
from tandem.events.models import AUDIENCE_ROLES, Attendance, Event
from tandem.mentoring.models import Pair
from tandem.surveys.domain.answering import has_answered
from tandem.surveys.models import Survey

PASSED, MISSING, UNAVAILABLE = "passed", "missing", "unavailable"
GOOD_PAIR_STATES = (Pair.State.ACTIVE, Pair.State.COMPLETED)


@dataclass(frozen=True)
class Check:
    key: str
    label: str
    state: str
    detail: str = ""

    @property
    def passed(self):
        return self.state == PASSED


@dataclass(frozen=True)
class Eligibility:
    person: object
    role: str
    association: object
    checks: tuple

    @property
    def eligible(self):
        return all(check.passed for check in self.checks)

    @property
    def reasons(self):
        return [check for check in self.checks if not check.passed]


def rule_for(edition, role):
    rule, _ = EligibilityRule.objects.get_or_create(edition=edition, role=role)
    return rule


def of_role(edition, role, person_ids=None):
    """The eligibility of everyone accepted in the role, by name."""
    rule = rule_for(edition, role)
    applications = (
        accepted(edition)
        .filter(role=role)
        .select_related("person", "association")
        .order_by("person__full_name", "id")
    )
    if person_ids is not None:
        applications = applications.filter(person_id__in=person_ids)
    applications = list(applications)
    good_pairs = _good_pairs(edition, role, applications) if rule.needs_pair else None
    trainings = (
        _trainings(edition, role, applications) if rule.needs_trainings else None
    )
    survey = final_survey_answered(edition) if rule.needs_final_survey else None
    results = []
    for application in applications:
        checks = []
        if rule.needs_pair:
            checks.append(_pair_check(application.pk in good_pairs))
        if rule.needs_trainings:
            checks.append(_training_check(*trainings(application.person_id)))
        if rule.needs_final_survey:
            checks.append(_survey_check(survey, application.person))
        results.append(
            Eligibility(
                application.person, role, application.association, tuple(checks)
            )
        )
    return results


def of_person(edition, person):
    """The person's eligibility in each role they were accepted in."""
    roles = accepted(edition).filter(person=person).values_list("role", flat=True)
    return [
        result
        for role in sorted(set(roles))
        for result in of_role(edition, role, [person.pk])
    ]


def _good_pairs(edition, role, applications):
    return set(
        Pair.objects.filter(
            edition=edition,
            state__in=GOOD_PAIR_STATES,
            **{f"{role}__in": [a.pk for a in applications]},
        ).values_list(f"{role}_id", flat=True)
    )


def _pair_check(good):
    label = "Pair completed or active at the end"
    if good:
        return Check("pair", label, PASSED)
    return Check("pair", label, MISSING, "No pair that is active or completed.")


def _trainings(edition, role, applications):
    audiences = [a for a, roles in AUDIENCE_ROLES.items() if role in roles]
    events = dict(
        Event.objects.filter(
            edition=edition, mandatory=True, audience__in=audiences
        ).values_list("pk", "title")
    )
    attended = {}
    for person_id, event_id in Attendance.objects.filter(
        event__in=list(events), person__in=[a.person_id for a in applications]
    ).values_list("person_id", "event_id"):
        attended.setdefault(person_id, set()).add(event_id)

    def of(person_id):
        missed = [events[pk] for pk in events if pk not in attended.get(person_id, ())]
        return len(events), sorted(missed)

    return of


def _training_check(total, missed):
    label = "Every mandatory training attended"
    if not missed:
        return Check("trainings", label, PASSED, f"{total} of {total} attended.")
    return Check(
        "trainings",
        label,
        MISSING,
        f"{total - len(missed)} of {total} attended; missed: {', '.join(missed)}.",
    )


def final_survey_answered(edition):
    """A function person → answered, or a sentence why Tandem cannot tell yet."""
    finals = list(Survey.objects.filter(edition=edition, kind=Survey.Kind.FINAL))
    if not finals:
        return "Not available yet: this edition has no final survey."
    return lambda person: any(has_answered(person, survey) for survey in finals)


def _survey_check(survey, person):
    label = "Final survey answered"
    if isinstance(survey, str):
        return Check("survey", label, UNAVAILABLE, survey)
    if survey(person):
        return Check("survey", label, PASSED)
    return Check("survey", label, MISSING, "The final survey is not answered.")
