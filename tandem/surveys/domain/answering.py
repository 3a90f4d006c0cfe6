"""Who a survey is for, answering it, and whether someone has.

``has_answered(person, survey)`` is the question other apps ask (certificates read
"final survey answered" from it); it works the same for anonymous surveys because
it reads the marker, never the answers.
"""

import logging

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q

from tandem.applications.models import Application
from tandem.core import audit, clock
from tandem.mentoring.models import Pair
from tandem.surveys.models import Answer, Question, Response, ResponseMarker, Survey

logger = logging.getLogger(__name__)

ALREADY = "You have already answered this survey."


def has_answered(person, survey):
    """Whether ``person`` answered ``survey``; anonymous surveys included."""
    return ResponseMarker.objects.filter(survey=survey, person=person).exists()


def participants(survey):
    """Accepted applications of the edition in the survey's audience.

    Someone who withdrew consent while the survey could still be answered is no
    longer invited, reminded or counted as invited, unless they had answered
    already; a withdrawal after the survey closed leaves its figures as they were.
    """
    return (
        Application.objects.filter(
            edition_id=survey.edition_id,
            role__in=survey.roles(),
            decision=Application.Decision.ACCEPTED,
        )
        .exclude(state=Application.State.WITHDRAWN)
        .filter(_still_consenting(survey))
    )


def _still_consenting(survey):
    kept = Q(person__consent_withdrawn_at__isnull=True) | Exists(
        ResponseMarker.objects.filter(survey=survey, person=OuterRef("person"))
    )
    if survey.last_day is not None:
        kept |= Q(person__consent_withdrawn_at__date__gt=survey.last_day)
    return kept


def application_for(person, survey):
    return (
        participants(survey)
        .filter(person=person)
        .select_related("association")
        .order_by("role")
        .first()
    )


def surveys_for(person, edition):
    """The edition's surveys (pulse excluded) whose audience includes the person."""
    roles = set(
        Application.objects.filter(
            person=person, edition=edition, decision=Application.Decision.ACCEPTED
        )
        .exclude(state=Application.State.WITHDRAWN)
        .values_list("role", flat=True)
    )
    audiences = {Survey.Audience.BOTH} if roles else set()
    if "mentor" in roles:
        audiences.add(Survey.Audience.MENTORS)
    if "mentee" in roles:
        audiences.add(Survey.Audience.MENTEES)
    return (
        Survey.objects.filter(edition=edition, audience__in=audiences)
        .exclude(kind=Survey.Kind.PULSE)
        .select_related("milestone")
    )


def pair_of(application):
    """The pair a per-pair question is about: the current one, else the last."""
    if application is None:
        return None
    pairs = Pair.objects.filter(Q(mentor=application) | Q(mentee=application))
    return (
        pairs.filter(state__in=[*Pair.CURRENT, Pair.State.COMPLETED])
        .select_related("mentor__person", "mentee__person")
        .order_by("-began_on", "-id")
        .first()
    )


def questions_for(survey, pair):
    """The questions this person sees: per-pair ones only when they have a pair."""
    questions = survey.questions.all()
    return [q for q in questions if pair is not None or not q.per_pair]


def clean_answers(questions, raw):
    """Check every answer; returns {question: (number, choices, text)}.

    ``raw`` maps ``str(question.pk)`` to a string (a list for multiple choice). All
    problems are collected, so the person sees every one at once.
    """
    cleaned, errors = {}, {}
    for question in questions:
        try:
            value = _clean_one(question, raw.get(str(question.pk)))
        except ValidationError as error:
            errors[str(question.pk)] = error.messages
            continue
        if value is not None:
            cleaned[question] = value
    if errors:
        raise ValidationError(errors)
    return cleaned


def _clean_one(question, value):
    if isinstance(value, list | tuple) and question.kind != Question.Kind.MULTIPLE:
        # A crafted form may send one question twice; keeping either value would
        # store an answer the person may not have meant.
        given = list(dict.fromkeys(v for v in value if v != ""))
        if len(given) > 1:
            raise ValidationError("Give one answer to this question, not several.")
        value = given[0] if given else ""
    if question.kind == Question.Kind.MULTIPLE:
        picked = [v for v in dict.fromkeys(value or []) if v != ""]
        unknown = [v for v in picked if v not in question.choices]
        if unknown:
            raise ValidationError(f"'{unknown[0]}' is not one of the options.")
        return _required(question, (None, picked, "") if picked else None)
    text = (value or "").strip()
    if question.kind in Question.NUMERIC:
        return _required(question, _number(question, text) if text else None)
    if question.kind == Question.Kind.SINGLE:
        if text and text not in question.choices:
            raise ValidationError(f"'{text}' is not one of the options.")
        return _required(question, (None, [text], "") if text else None)
    limit = Question.MAX_LENGTH[question.kind]
    if len(text) > limit:
        raise ValidationError(f"Keep it under {limit} characters ({len(text)} now).")
    return _required(question, (None, [], text) if text else None)


def _number(question, text):
    low, high = Question.RANGES[question.kind]
    try:
        number = int(text)
    except ValueError:
        raise ValidationError(
            f"Give a whole number from {low} to {high}, not '{text[:20]}'."
        ) from None
    if not low <= number <= high:
        raise ValidationError(f"{number} is outside the range {low} to {high}.")
    return number, [], ""


def _required(question, value):
    if value is None and question.required:
        raise ValidationError("This question needs an answer.")
    return value


def check_open(survey, today):
    if survey.is_open(today):
        return
    first, last = survey.first_day, survey.last_day
    if first is None or last is None:
        raise ValidationError("This survey has no dates yet, so it is not open.")
    if today < first:
        raise ValidationError(f"This survey opens on {first:%-d %B %Y}.")
    raise ValidationError(
        f"This survey closed on {last:%-d %B %Y}; answers are no longer taken."
    )


@transaction.atomic
def submit_response(survey, raw, *, actor):
    """Save the actor's answers, all or nothing.

    A named survey keeps one response per person, replaced by each edit until the
    survey closes. An anonymous survey takes one response per person and cannot be
    edited: nothing stored says which response was theirs.
    """
    # The same lock as the authoring functions take: a question cannot change
    # kind or options while this response is being saved.
    Survey.objects.select_for_update().get(pk=survey.pk)
    today = clock.today()
    check_open(survey, today)
    application = application_for(actor, survey)
    if application is None:
        raise ValidationError("This survey is not for you.")
    pair = pair_of(application)
    cleaned = clean_answers(questions_for(survey, pair), raw)
    if survey.anonymous:
        response = _anonymous_response(survey, actor, application, pair, today)
    else:
        response = _named_response(survey, actor, application, pair, today)
    Answer.objects.bulk_create(
        Answer(response=response, question=q, number=n, choices=c, text=t)
        for q, (n, c, t) in cleaned.items()
    )
    audit.record("survey.answered", survey, actor=actor, edition=survey.edition)
    logger.info("survey.answered survey=%s", survey.pk)
    return response


def _anonymous_response(survey, actor, application, pair, today):
    try:
        with transaction.atomic():
            ResponseMarker.objects.create(
                survey=survey, person=actor, answered_on=today
            )
    except IntegrityError:
        raise ValidationError(
            f"{ALREADY} It is anonymous, so the answer cannot be changed."
        ) from None
    return Response.objects.create(
        survey=survey,
        association=application.association,
        role=application.role,
        pair_type=pair.pair_type if pair else "",
        submitted_on=today,
    )


def _named_response(survey, actor, application, pair, today):
    ResponseMarker.objects.get_or_create(
        survey=survey, person=actor, defaults={"answered_on": today}
    )
    response, created = Response.objects.select_for_update().get_or_create(
        survey=survey,
        person=actor,
        defaults={
            "association": application.association,
            "role": application.role,
            "pair": pair,
            "pair_type": pair.pair_type if pair else "",
            "submitted_on": today,
        },
    )
    if not created:
        response.answers.all().delete()
        response.submitted_on = today
        response.save(update_fields=["submitted_on"])
    return response


def own_answers(survey, person):
    """The person's saved answers of a named survey, as the form's initial data."""
    if survey.anonymous:
        return {}
    answers = Answer.objects.filter(response__survey=survey, response__person=person)
    initial = {}
    for answer in answers.select_related("question"):
        key = str(answer.question_id)
        if answer.question.kind == Question.Kind.MULTIPLE:
            initial[key] = answer.choices
        elif answer.number is not None:
            initial[key] = str(answer.number)
        else:
            initial[key] = answer.choices[0] if answer.choices else answer.text
    return initial
