"""Creating a survey with its questions in one step."""

from django.core.exceptions import ValidationError
from django.db import transaction

from tandem.core import audit
from tandem.surveys.models import Question, Survey


def _check_question(spec):
    kind = spec.get("kind")
    if kind not in Question.Kind.values:
        raise ValidationError(f"Unknown kind of question {kind!r}.")
    choices = spec.get("choices") or []
    if kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE) and len(choices) < 2:
        raise ValidationError(f"'{spec.get('text')}' needs at least two options.")
    if not (spec.get("text") or "").strip():
        raise ValidationError("Every question needs its text.")


@transaction.atomic
def create_survey(edition, *, actor, questions, **fields):
    """A survey and its questions; ``questions`` are dicts of Question fields."""
    for spec in questions:
        _check_question(spec)
    survey = Survey(edition=edition, **fields)
    survey.full_clean()
    survey.save()
    Question.objects.bulk_create(
        Question(survey=survey, position=index, **spec)
        for index, spec in enumerate(questions, start=1)
    )
    audit.record("survey.created", survey, actor=actor, edition=edition)
    return survey
