"""The activity rule, the daily command, reminders and the case a second miss opens."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command

from tandem.mentoring.domain import activity, cases
from tandem.mentoring.domain.reminders import missed_window, run_daily
from tandem.mentoring.models import Activity, ActivityRule, Case, Meeting, Reminder
from tests import factories
from tests.mentoring.helpers import activate, publish

D = dt.date
RULE = ActivityRule(window_days=30, monthly=True)


def facts(*days, confirmed=True):
    return [activity.MeetingFact(day, confirmed) for day in days]


@pytest.mark.parametrize(
    ("meetings", "today", "expected"),
    [
        (facts(D(2023, 12, 10), D(2024, 1, 20)), D(2024, 2, 5), Activity.ACTIVE),
        (facts(), D(2023, 12, 20), Activity.ACTIVE),
        (facts(D(2024, 1, 20), confirmed=False), D(2024, 2, 5), Activity.AT_RISK),
        (facts(D(2024, 1, 20)), D(2024, 2, 5), Activity.AT_RISK),
        (facts(D(2023, 12, 10)), D(2024, 2, 5), Activity.INACTIVE),
        (facts(D(2023, 12, 31), D(2024, 1, 31)), D(2024, 2, 1), Activity.ACTIVE),
    ],
    ids=["met-monthly", "young", "unconfirmed", "missed-december", "silent", "newyear"],
)
def test_assess_reads_the_rule(meetings, today, expected):
    assert activity.assess(D(2023, 12, 1), meetings, today, RULE) == expected


def test_full_months_are_counted_across_the_new_year():
    missed = activity.months_without_meeting(
        D(2023, 12, 1), [D(2024, 1, 15)], D(2024, 3, 10)
    )

    assert missed == [D(2023, 12, 1), D(2024, 2, 1)]


def test_without_the_monthly_part_only_the_window_counts():
    rule = ActivityRule(window_days=30, monthly=False)

    assert activity.assess(
        D(2023, 12, 1), facts(D(2024, 1, 20)), D(2024, 2, 5), rule
    ) == (Activity.ACTIVE)


@pytest.mark.parametrize(
    ("today", "window"),
    [
        (D(2024, 1, 30), None),
        (D(2024, 1, 31), (D(2024, 1, 1), D(2024, 1, 30))),
        (D(2024, 3, 1), (D(2024, 1, 31), D(2024, 2, 29))),
    ],
)
def test_windows_start_at_the_last_meeting(today, window):
    assert missed_window(D(2024, 1, 1), today, 30) == window


@pytest.fixture
def quiet_pair(world):
    a = world.association_a
    pair = publish(
        world.edition,
        (factories.make_member(a, "Piotr Kowal"), a),
        (factories.make_member(a, "Ewa Lis"), a),
        actor=world.people["international"],
    )
    Meeting.objects.filter(pair=world.extra["pair"]).update(held_on=D(2024, 3, 1))
    factories.make_milestone(
        world.edition, kind="mentoring", starts=D(2023, 12, 1), ends=D(2024, 4, 30)
    )
    return activate(pair)


def test_a_first_miss_reminds_once_and_a_second_opens_a_case(
    world, quiet_pair, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = run_daily(today=D(2024, 1, 1), editions=[world.edition])
        again = run_daily(today=D(2024, 1, 2), editions=[world.edition])
        second = run_daily(today=D(2024, 1, 30), editions=[world.edition])

    quiet_pair.refresh_from_db()
    assert (first.reminded, first.cases) == (1, 0)
    assert (again.reminded, again.cases) == (0, 0)
    assert (second.reminded, second.cases) == (1, 1)
    assert list(quiet_pair.reminders.values_list("window_starts_on", flat=True)) == [
        D(2023, 12, 1),
        D(2023, 12, 31),
    ]
    assert quiet_pair.activity == Activity.INACTIVE
    case = Case.objects.get(pair=quiet_pair)
    assert (case.kind, case.source, case.association) == (
        "inactive",
        "rule",
        world.association_a,
    )
    reminders = [m for m in mail.outbox if m.subject.startswith("Time for")]
    assert sorted(m.to[0] for m in reminders) == sorted(
        [quiet_pair.mentor.person.email, quiet_pair.mentee.person.email] * 2
    )
    assert "friendly nudge" in reminders[0].body
    assert [m.to for m in mail.outbox if "new case" in m.subject] == [
        [world.people["national_a"].email]
    ]


def test_logging_a_meeting_restarts_the_windows(world, quiet_pair):
    Meeting.objects.create(
        pair=quiet_pair,
        logged_by=quiet_pair.mentee.person,
        held_on=D(2023, 12, 20),
        time_zone="Europe/Warsaw",
        duration_minutes=60,
        mode="online",
        logged_at=dt.datetime(2023, 12, 20, 18, tzinfo=dt.UTC),
    )

    report = run_daily(today=D(2024, 1, 5), editions=[world.edition])

    assert report.reminded == 0
    assert not Reminder.objects.filter(pair=quiet_pair).exists()


def test_the_daily_command_runs_only_in_the_mentoring_period(world, quiet_pair):
    call_command("mentoring_daily", "--date", "2024-05-20", stdout=(out := Out()))
    call_command("mentoring_daily", "--date", "2024-01-01", stdout=(out2 := Out()))

    assert (
        out.text
        == "0 editions, 0 pairs changed activity, 0 reminders sent, 0 cases opened.\n"
    )
    assert out2.text.startswith("1 editions, ")
    assert Reminder.objects.filter(pair=quiet_pair).count() == 1


class Out:
    def __init__(self):
        self.text = ""

    def write(self, text):
        self.text += text

    def flush(self):
        pass


def test_a_coordinator_resolves_a_case_with_a_timeline(world, quiet_pair):
    coordinator = world.people["national_a"]
    case = cases.open_case(
        world.edition,
        actor=coordinator,
        kind="conflict",
        summary="Late twice.",
        association=world.association_a,
        pair=quiet_pair,
    )

    cases.update_case(case, actor=coordinator, owner=coordinator, state="in_progress")
    cases.update_case(case, actor=coordinator, state="resolved", note="They talked.")

    case.refresh_from_db()
    assert (case.state, case.owner) == ("resolved", coordinator)
    assert case.resolved_at is not None
    assert list(case.notes.values_list("text", flat=True)) == [
        "State: in progress. Owner: Agata Wiśniewska.",
        "State: resolved. They talked.",
    ]


def test_another_associations_coordinator_cannot_own_a_case(world, quiet_pair):
    case = cases.open_case(
        world.edition,
        actor=world.people["national_a"],
        kind="other",
        summary="Check in.",
        association=world.association_a,
        pair=quiet_pair,
    )

    with pytest.raises(ValidationError) as error:
        cases.update_case(
            case, actor=world.people["national_b"], owner=world.people["national_b"]
        )

    assert error.value.messages == ["Only a coordinator of this case can own it."]
