"""The activity rule: whether a pair is active, at risk or inactive.

A pair is *active* when it has a confirmed meeting within the rule's window and,
when the rule asks for it, a meeting in every full calendar month since it
started; *at risk* when it met within the window but one of those conditions is
not yet met; *inactive* when nobody logged a meeting within the window. A pair
younger than the window cannot have failed the rule yet and counts as active.
Disputed meetings count for nothing. Only active pairs are assessed.
"""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction

from tandem.core import audit, clock
from tandem.mentoring.models import Activity, ActivityRule, Meeting, Pair


@dataclass(frozen=True)
class MeetingFact:
    held_on: dt.date
    confirmed: bool


def rule_for(edition):
    rule, _ = ActivityRule.objects.get_or_create(edition=edition)
    return rule


@transaction.atomic
def save_rule(edition, *, actor, window_days, monthly):
    rule = rule_for(edition)
    rule.window_days, rule.monthly = window_days, monthly
    rule.full_clean()
    rule.save()
    audit.record("activity_rule.saved", rule, actor=actor, edition=edition)
    recompute_edition(edition)
    return rule


def month_starts(first, last):
    """First days of the months from ``first``'s month to ``last``'s, inclusive."""
    month = first.replace(day=1)
    while month <= last:
        yield month
        month = (month + dt.timedelta(days=32)).replace(day=1)


def months_without_meeting(started_on, days, today):
    """Full calendar months since ``started_on``, already over, with no meeting."""
    met = {(day.year, day.month) for day in days}
    missed = []
    for month in month_starts(started_on, today):
        next_month = (month + dt.timedelta(days=32)).replace(day=1)
        over = month >= started_on and next_month <= today
        if over and (month.year, month.month) not in met:
            missed.append(month)
    return missed


def assess(started_on, facts, today, rule):
    """The activity of a pair that started on ``started_on``, judged on ``today``."""
    facts = [fact for fact in facts if fact.held_on <= today]
    window_start = today - dt.timedelta(days=rule.window_days)
    recent = [fact for fact in facts if fact.held_on > window_start]
    missed = (
        months_without_meeting(started_on, [f.held_on for f in facts], today)
        if rule.monthly
        else []
    )
    young = started_on > window_start
    if missed:
        return Activity.AT_RISK if recent else Activity.INACTIVE
    if young or any(fact.confirmed for fact in recent):
        return Activity.ACTIVE
    return Activity.AT_RISK if recent else Activity.INACTIVE


def _facts_by_pair(pair_ids):
    rows = (
        Meeting.objects.filter(pair_id__in=pair_ids)
        .exclude(state=Meeting.State.DISPUTED)
        .values_list("pair_id", "held_on", "state")
    )
    facts = {}
    for pair_id, held_on, state in rows:
        facts.setdefault(pair_id, []).append(
            MeetingFact(held_on, state == Meeting.State.CONFIRMED)
        )
    return facts


def recompute_pair(pair, *, today=None):
    """Store the pair's activity; called whenever a meeting changes."""
    today = today or clock.today()
    if pair.state != Pair.State.ACTIVE:
        return pair.activity
    facts = _facts_by_pair([pair.pk]).get(pair.pk, [])
    pair.activity = assess(pair.activated_on, facts, today, rule_for(pair.edition))
    pair.activity_checked_on = today
    Pair.objects.filter(pk=pair.pk).update(
        activity=pair.activity, activity_checked_on=today
    )
    return pair.activity


@transaction.atomic
def recompute_edition(edition, *, today=None):
    """Reassess every active pair of the edition; returns how many changed."""
    today = today or clock.today()
    rule = rule_for(edition)
    pairs = list(Pair.objects.filter(edition=edition, state=Pair.State.ACTIVE))
    facts = _facts_by_pair([pair.pk for pair in pairs])
    changed = 0
    for pair in pairs:
        activity = assess(pair.activated_on, facts.get(pair.pk, []), today, rule)
        changed += activity != pair.activity
        pair.activity, pair.activity_checked_on = activity, today
    Pair.objects.bulk_update(pairs, ["activity", "activity_checked_on"])
    return changed
