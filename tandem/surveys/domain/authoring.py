"""The international coordinator writes surveys, their questions and the pulse rule.

Once a survey has a response, its questions are fixed except for their wording
and their order: a question's kind, options and flags are what the stored answers
mean, and adding or deleting a question would leave earlier answers incomplete or
orphaned. Its audience and anonymity are fixed for the same reason (anonymity is
a promise made to those who already answered). Each function locks the survey row
first; ``answering.submit_response`` takes the same lock, so a response and a
structural edit never cross.

A survey has no stored draft flag: it is a draft until its first day, so its
questions can be prepared while nobody is invited (invitations go out only while
a survey is open).
"""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Min

from tandem.core import audit, submissions
from tandem.programs.models import Milestone
from tandem.surveys.models import PulseRule, Question, Response, Survey

logger = logging.getLogger(__name__)

SURVEY_FIELDS = (
    "title",
    "kind",
    "audience",
    "anonymous",
    "introduction",
    "milestone",
    "opens_on",
    "closes_on",
)
FIXED_SURVEY_FIELDS = ("audience", "anonymous")
QUESTION_FIELDS = ("text", "kind", "choices", "required", "per_pair", "non_anonymous")
FIXED_ONCE_ANSWERED = {
    "kind": "its kind",
    "choices": "its options",
    "required": "whether it is required",
    "per_pair": "whether it is about the pair",
    "non_anonymous": "whether it is shared with coordinators",
}
CHOICE_KINDS = (Question.Kind.SINGLE, Question.Kind.MULTIPLE)
MAX_CHOICES = 20
MAX_CHOICE_LENGTH = 200
ANSWERED = "This survey has answers, so"


class State:
    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"


def state_of(survey, today):
    """Draft until the first day (or without dates), open, then closed."""
    first, last = survey.first_day, survey.last_day
    if first is None or last is None or today < first:
        return State.DRAFT
    return State.OPEN if today <= last else State.CLOSED


def has_responses(survey):
    return Response.objects.filter(survey=survey).exists()


def survey_milestones(edition):
    return edition.milestones.filter(kind=Milestone.Kind.SURVEY)


def _locked(survey):
    return Survey.objects.select_for_update().get(pk=survey.pk)


def _day(value):
    return f"{value:%-d %B %Y}"


def check_dates(survey):
    """Refuse dates outside the edition and a close before the opening."""
    edition = survey.edition
    errors = {}
    milestone = survey.milestone if survey.milestone_id else None
    if milestone is not None and (
        milestone.edition_id != edition.pk or milestone.kind != Milestone.Kind.SURVEY
    ):
        errors["milestone"] = "Pick one of this edition's survey milestones."
        milestone = None
    if milestone is None and not (survey.opens_on and survey.closes_on):
        errors.setdefault(
            "milestone",
            "Pick a survey milestone of the timeline, or give both dates.",
        )
    for name in ("opens_on", "closes_on"):
        day = getattr(survey, name)
        if day and day < edition.starts_on:
            errors[name] = (
                f"{_day(day)} is before the edition starts ({_day(edition.starts_on)})."
            )
        elif day and day > edition.ends_on:
            errors[name] = (
                f"{_day(day)} is after the edition ends ({_day(edition.ends_on)})."
            )
    if errors:
        raise ValidationError(errors)
    first, last = survey.first_day, survey.last_day
    if first and last and last < first:
        field = "closes_on" if survey.closes_on else "opens_on"
        if not (survey.opens_on or survey.closes_on):
            field = "milestone"
        raise ValidationError(
            {
                field: (
                    f"The survey cannot close ({_day(last)}) before it opens "
                    f"({_day(first)})."
                )
            }
        )


def _check_survey(survey):
    if survey.kind == Survey.Kind.PULSE:
        raise ValidationError(
            {"kind": "Pulse checks have their own rule; pick another kind."}
        )
    survey.title = (survey.title or "").strip()
    survey.introduction = (survey.introduction or "").strip()
    taken = Survey.objects.filter(edition=survey.edition, title__iexact=survey.title)
    if survey.title and taken.exclude(pk=survey.pk).exists():
        raise ValidationError(
            {"title": f"This edition already has a survey called “{survey.title}”."}
        )
    check_dates(survey)
    survey.full_clean()


@transaction.atomic
def create_survey(edition, *, actor, submission=None, **fields):
    """An empty survey; questions are added one by one afterwards.

    A repeat of the same form ``submission`` returns the survey the first one
    created, before its title is found taken by that very survey.
    """
    unknown = set(fields) - set(SURVEY_FIELDS)
    if unknown:
        raise ValueError(f"Not survey fields: {sorted(unknown)}")
    owner = {"edition_id": edition.pk}
    repeat = submissions.already(Survey, submission, **owner)
    if repeat is not None:
        return repeat
    survey = Survey(edition=edition, submission=submission, **fields)
    _check_survey(survey)
    survey, created = submissions.save_once(survey, owner)
    if not created:
        return survey
    audit.record("survey.created", survey, actor=actor, edition=edition)
    logger.info("survey.created survey=%s edition=%s", survey.pk, edition.pk)
    return survey


@transaction.atomic
def change_survey(survey, *, actor, **fields):
    unknown = set(fields) - set(SURVEY_FIELDS)
    if unknown:
        raise ValueError(f"Not survey fields: {sorted(unknown)}")
    survey = _locked(survey)
    if has_responses(survey):
        errors = {}
        if "audience" in fields and fields["audience"] != survey.audience:
            errors["audience"] = f"{ANSWERED} its audience cannot change."
        if "anonymous" in fields and fields["anonymous"] != survey.anonymous:
            errors["anonymous"] = (
                f"{ANSWERED} whether it is anonymous cannot change: people "
                "answered under the promise they were given."
            )
        if errors:
            raise ValidationError(errors)
    for name, value in fields.items():
        setattr(survey, name, value)
    _check_survey(survey)
    _refuse_opening_after_answers(survey)
    survey.save()
    audit.record("survey.changed", survey, actor=actor, edition=survey.edition)
    logger.info("survey.changed survey=%s", survey.pk)
    return survey


def _refuse_opening_after_answers(survey):
    """An answered survey that opened later would be listed as a draft with
    answers, and its first answers would fall outside its own dates."""
    first_answer = (
        Response.objects.filter(survey=survey)
        .aggregate(first=Min("submitted_on"))
        .get("first")
    )
    if first_answer is not None and survey.first_day > first_answer:
        raise ValidationError(
            {
                "opens_on": (
                    f"This survey has answers since {_day(first_answer)}, so it "
                    "cannot open later than that."
                )
            }
        )


def parse_choices(text):
    """Options entered one per line: blank lines dropped, spaces trimmed."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _clean_question(spec):
    """Check and normalise a question's fields; returns the cleaned dict."""
    errors = {}
    text = (spec.get("text") or "").strip()
    kind = spec.get("kind")
    if not text:
        errors["text"] = "Every question needs its text."
    elif len(text) > Question._meta.get_field("text").max_length:
        errors["text"] = f"Keep the question under 300 characters ({len(text)} now)."
    if kind not in Question.Kind.values:
        errors["kind"] = f"Unknown kind of question {kind!r}."
    choices = [str(c).strip() for c in spec.get("choices") or [] if str(c).strip()]
    if kind in CHOICE_KINDS:
        repeated = [c for i, c in enumerate(choices) if c in choices[:i]]
        too_long = [c for c in choices if len(c) > MAX_CHOICE_LENGTH]
        if len(choices) < 2:
            errors["choices"] = "A choice question needs at least two options."
        elif len(choices) > MAX_CHOICES:
            errors["choices"] = f"Keep it to {MAX_CHOICES} options ({len(choices)})."
        elif repeated:
            errors["choices"] = f"“{repeated[0]}” is listed twice."
        elif too_long:
            errors["choices"] = (
                f"Keep each option under {MAX_CHOICE_LENGTH} characters."
            )
    else:
        # Only choice questions have options; others would never show them.
        choices = []
    if errors:
        raise ValidationError(errors)
    return {
        "text": text,
        "kind": kind,
        "choices": choices,
        "required": bool(spec.get("required")),
        "per_pair": bool(spec.get("per_pair")),
        "non_anonymous": bool(spec.get("non_anonymous")),
    }


def _refuse_if_answered(survey, what):
    if has_responses(survey):
        raise ValidationError(
            f"{ANSWERED} {what}; only the wording and the order of its questions "
            "can change."
        )


def _renumber(survey):
    questions = list(survey.questions.order_by("position", "id"))
    for position, question in enumerate(questions, start=1):
        question.position = position
    Question.objects.bulk_update(questions, ["position"])
    return questions


@transaction.atomic
def add_question(survey, *, actor, submission=None, **spec):
    """A question at the end; a repeat of the same form ``submission`` returns the
    question the first one added (the survey's lock makes the repeat wait)."""
    survey = _locked(survey)
    repeat = submissions.already(Question, submission, survey_id=survey.pk)
    if repeat is not None:
        return repeat
    cleaned = _clean_question(spec)
    _refuse_if_answered(survey, "no question can be added")
    last = survey.questions.aggregate(last=Max("position"))["last"] or 0
    question = Question.objects.create(
        survey=survey, position=last + 1, submission=submission, **cleaned
    )
    audit.record("survey.question_added", question, actor=actor, edition=survey.edition)
    logger.info("survey.question_added survey=%s question=%s", survey.pk, question.pk)
    return question


@transaction.atomic
def change_question(question, *, actor, **spec):
    survey = _locked(question.survey)
    question = Question.objects.get(pk=question.pk, survey=survey)
    cleaned = _clean_question({**_fields_of(question), **spec})
    if has_responses(survey):
        errors = {
            name: f"{ANSWERED} {label} cannot change; only the wording can."
            for name, label in FIXED_ONCE_ANSWERED.items()
            if cleaned[name] != getattr(question, name)
        }
        if errors:
            raise ValidationError(errors)
    for name, value in cleaned.items():
        setattr(question, name, value)
    question.save()
    audit.record(
        "survey.question_changed", question, actor=actor, edition=survey.edition
    )
    logger.info("survey.question_changed survey=%s question=%s", survey.pk, question.pk)
    return question


def _fields_of(question):
    return {name: getattr(question, name) for name in QUESTION_FIELDS}


@transaction.atomic
def delete_question(question, *, actor):
    survey = _locked(question.survey)
    question = Question.objects.get(pk=question.pk, survey=survey)
    _refuse_if_answered(survey, "its questions cannot be deleted")
    audit.record(
        "survey.question_deleted", question, actor=actor, edition=survey.edition
    )
    logger.info("survey.question_deleted survey=%s question=%s", survey.pk, question.pk)
    question.delete()
    _renumber(survey)


@transaction.atomic
def move_question(question, *, actor, up):
    """One place up or down; positions become 1..n. The first cannot go up."""
    survey = _locked(question.survey)
    questions = _renumber(survey)
    index = next(i for i, q in enumerate(questions) if q.pk == question.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(questions):
        where = "first" if up else "last"
        raise ValidationError(f"“{questions[index].text}” is already the {where}.")
    mine, theirs = questions[index], questions[other]
    mine.position, theirs.position = theirs.position, mine.position
    Question.objects.bulk_update([mine, theirs], ["position"])
    audit.record(
        "survey.questions_reordered", survey, actor=actor, edition=survey.edition
    )
    logger.info("survey.questions_reordered survey=%s", survey.pk)
    return mine


@transaction.atomic
def save_pulse_rule(edition, *, actor, first_after_days, every_days, low_at_most):
    """Checks already created keep their day; the new rule counts from the next."""
    rule = PulseRule.objects.select_for_update().filter(edition=edition).first()
    rule = rule or PulseRule(edition=edition)
    rule.first_after_days = first_after_days
    rule.every_days = every_days
    rule.low_at_most = low_at_most
    rule.full_clean()
    rule.save()
    audit.record("pulse_rule.changed", rule, actor=actor, edition=edition)
    logger.info("pulse_rule.changed edition=%s", edition.pk)
    return rule
