"""Reminders for pairs that stopped meeting, and the case a second miss opens.

Windows are counted from a pair's last meeting (or from the day it became active)
in steps of the rule's ``window_days``. The first missed window of a pair sends a
friendly e-mail to both people; any later missed window sends another and opens a
case for the mentee's national coordinator. A Reminder row per window makes a
second run on the same day, or the next day, send nothing.
"""

import datetime as dt
import logging
from dataclasses import dataclass

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.urls import reverse

from tandem.core import clock
from tandem.mentoring.domain.activity import recompute_edition, rule_for
from tandem.mentoring.domain.cases import open_inactivity_case
from tandem.mentoring.models import Meeting, Pair, Reminder
from tandem.programs.models import Edition, Milestone

logger = logging.getLogger(__name__)


@dataclass
class DailyReport:
    editions: int = 0
    reassessed: int = 0
    reminded: int = 0
    cases: int = 0


def missed_window(anchor, today, window_days):
    """The last window (first day, last day) fully over without a meeting, or None."""
    missed = (today - anchor).days // window_days
    if missed < 1:
        return None
    starts = anchor + dt.timedelta(days=(missed - 1) * window_days)
    return starts, starts + dt.timedelta(days=window_days - 1)


def send_reminders(edition, *, today=None):
    """Remind every active pair of the edition that missed a window; returns counts."""
    today = today or clock.today()
    rule = rule_for(edition)
    pairs = (
        Pair.objects.filter(edition=edition, state=Pair.State.ACTIVE)
        .select_related("edition", "mentee__association")
        .annotate(
            last_met=Max(
                "meetings__held_on", filter=~Q(meetings__state=Meeting.State.DISPUTED)
            )
        )
    )
    reminded = cases = 0
    for pair in pairs:
        anchor = max(filter(None, [pair.last_met, pair.activated_on]))
        window = missed_window(anchor, today, rule.window_days)
        if window is None:
            continue
        outcome = _remind(pair, window)
        reminded += outcome is not None
        cases += outcome == "case"
    return reminded, cases


def _remind(pair, window):
    try:
        with transaction.atomic():
            earlier = pair.reminders.exists()
            Reminder.objects.create(
                pair=pair,
                window_starts_on=window[0],
                window_ends_on=window[1],
                sent_at=clock.now(),
            )
            case = None
            if earlier:
                case = open_inactivity_case(
                    pair,
                    summary=(
                        f"No meeting logged from {window[0]:%-d %B} to "
                        f"{window[1]:%-d %B %Y}, after an earlier reminder."
                    ),
                )
            transaction.on_commit(lambda: _tell_pair(pair.pk, window))
    except IntegrityError:
        return None
    logger.info("pair.reminded id=%s case=%s", pair.pk, case.pk if case else "")
    return "case" if case else "reminder"


def _tell_pair(pair_id, window):
    pair = Pair.objects.select_related(
        "edition", "mentor__person", "mentee__person"
    ).get(pk=pair_id)
    link = reverse("mentoring:mine", args=[pair.edition.slug])
    for person in (pair.mentor.person, pair.mentee.person):
        partner = pair.partner_of(person)
        send_mail(
            f"Time for your next Tandem meeting with {partner.get_short_name()}?",
            f"Hello {person.get_short_name()},\n\n"
            f"we have not seen a meeting logged since {window[0]:%-d %B}. If you "
            f"and {partner.get_short_name()} have met, log it in a minute at "
            f"{link}; if not, this is a friendly nudge to find a date. And if "
            "something is in the way, your national coordinator is glad to help.\n",
            None,
            [person.email],
        )


def run_daily(*, today=None, editions=None):
    """The periodic job: reassess activity and send reminders in running editions.

    An edition runs while its mentoring milestone is open, or, without one, while
    the edition itself is. Safe to run twice a day.
    """
    today = today or clock.today()
    report = DailyReport()
    for edition in editions or Edition.objects.all():
        if not mentoring_open(edition, today):
            continue
        report.editions += 1
        report.reassessed += recompute_edition(edition, today=today)
        reminded, cases = send_reminders(edition, today=today)
        report.reminded += reminded
        report.cases += cases
    return report


def mentoring_open(edition, today):
    periods = Milestone.objects.filter(
        edition=edition, kind=Milestone.Kind.MENTORING
    ).values_list("starts_on", "ends_on")
    if not periods:
        return edition.starts_on <= today <= edition.ends_on
    return any(start <= today <= (end or start) for start, end in periods)
