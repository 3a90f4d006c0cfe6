"""The pair pulse: two questions a set time after a pair starts, then regularly.

A check is due ``first_after_days`` after the pair became active and every
``every_days`` after that; the daily run creates the latest check that is due
(a missed day does not pile up old ones) and e-mails both people. A low answer
from either side opens one case per check for the mentee's national coordinator.
The case says only that a side answered low, not which side nor the numbers: the
mentor may belong to another association, whose per-person answers that
coordinator must not read. Neither side ever sees the other's answers.
"""

import datetime as dt
import logging

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse

from tandem.core import audit, clock
from tandem.mentoring.domain.cases import open_case
from tandem.mentoring.models import Case, Pair
from tandem.surveys.models import PulseAnswer, PulseCheck, PulseRule

logger = logging.getLogger(__name__)

QUESTIONS = {
    "going": "How is your pair going?",
    "useful": "How useful were your meetings lately?",
}


def rule_for(edition):
    return PulseRule.objects.filter(edition=edition).first() or PulseRule(
        edition=edition
    )


def due_number(started_on, today, rule):
    """The number of the latest check due by ``today``, or None before the first."""
    days = (today - started_on).days
    if days < rule.first_after_days:
        return None
    return 1 + (days - rule.first_after_days) // rule.every_days


def due_on(started_on, number, rule):
    offset = rule.first_after_days + (number - 1) * rule.every_days
    return started_on + dt.timedelta(days=offset)


def create_checks(edition, *, today=None):
    """Create and announce the due checks of the edition's active pairs."""
    today = today or clock.today()
    rule = rule_for(edition)
    pairs = Pair.objects.filter(
        edition=edition, state=Pair.State.ACTIVE, activated_on__isnull=False
    )
    created = 0
    for pair in pairs:
        number = due_number(pair.activated_on, today, rule)
        if number is None:
            continue
        created += _create_check(pair, number, due_on(pair.activated_on, number, rule))
    logger.info("pulse.created edition=%s checks=%s", edition.pk, created)
    return created


def _create_check(pair, number, day):
    try:
        with transaction.atomic():
            check = PulseCheck.objects.create(pair=pair, number=number, due_on=day)
            transaction.on_commit(lambda: _announce(check.pk))
    except IntegrityError:
        return 0
    return 1


def _announce(check_id):
    check = PulseCheck.objects.select_related(
        "pair__edition", "pair__mentor__person", "pair__mentee__person"
    ).get(pk=check_id)
    link = reverse("surveys:pulse", args=[check.pair.edition.slug, check.pk])
    for person in (check.pair.mentor.person, check.pair.mentee.person):
        send_mail(
            f"Tandem {check.pair.edition.name}: two quick questions about your pair",
            f"Hello {person.get_short_name()},\n\nhow is your pair going? Two "
            f"questions, half a minute: {link}\nYour partner never sees your "
            "answers.\n",
            None,
            [person.email],
        )


def _score(value, label):
    try:
        number = int(str(value).strip())
    except ValueError:
        raise ValidationError(f"{label} Pick a number from 1 to 5.") from None
    if not 1 <= number <= 5:
        raise ValidationError(f"{label} {number} is outside the range 1 to 5.")
    return number


@transaction.atomic
def answer_pulse(check, *, actor, going, useful):
    """Save one side's answer; a low one opens (once per check) a case."""
    pair = check.pair
    if actor.pk not in pair.person_ids():
        raise ValidationError("Only the mentor and the mentee answer this check.")
    if not pair.is_current:
        raise ValidationError("This pair has ended, so its pulse checks are closed.")
    going = _score(going, QUESTIONS["going"])
    useful = _score(useful, QUESTIONS["useful"])
    try:
        with transaction.atomic():
            answer = PulseAnswer.objects.create(
                pulse=check,
                person=actor,
                going=going,
                useful=useful,
                answered_at=clock.now(),
            )
    except IntegrityError:
        raise ValidationError("You have already answered this pulse check.") from None
    audit.record("pulse.answered", check, actor=actor, edition=pair.edition)
    if min(going, useful) <= rule_for(pair.edition).low_at_most:
        _open_case_once(check)
    return answer


def _open_case_once(check):
    check = PulseCheck.objects.select_for_update().get(pk=check.pk)
    if check.case_id:
        return
    pair = check.pair
    check.case = open_case(
        pair.edition,
        actor=None,
        kind=Case.Kind.CONCERN,
        summary=(
            f"Pulse check {check.number} of this pair: one side gave a low answer. "
            "Talk to both people."
        ),
        association=pair.mentee.association,
        pair=pair,
        source=Case.Source.RULE,
    )
    check.save(update_fields=["case"])


def open_checks_for(person, edition):
    """The person's checks on current pairs that they have not answered yet."""
    answered = PulseAnswer.objects.filter(person=person).values("pulse_id")
    return (
        PulseCheck.objects.filter(pair__edition=edition, pair__state__in=Pair.CURRENT)
        .filter(Q(pair__mentor__person=person) | Q(pair__mentee__person=person))
        .exclude(pk__in=answered)
        .order_by("due_on")
    )
