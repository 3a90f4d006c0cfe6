"""Exact values of the report's across-edition, pair-type and training tables.

Each fixture builds its own editions and associations, so every expected number
below is counted from the people made here and from nothing else.
"""

import datetime as dt
from types import SimpleNamespace

import pytest

from tandem.applications.models import Application
from tandem.events.models import Attendance, Event
from tandem.mentoring.models import Pair
from tandem.people.models import Membership
from tandem.programs.models import RoleGrant
from tandem.reports.domain import tables
from tests import factories
from tests.events.builders import at, make_event, make_participant
from tests.mentoring.helpers import publish

ACCEPTED, REJECTED = Application.Decision.ACCEPTED, Application.Decision.REJECTED

# person, association, joined on, then (edition, role, decision, state) per application
HISTORY = {
    "Anna Kowalska": (
        "PL",
        dt.date(2015, 3, 1),
        [
            ("2021/22", "mentor", ACCEPTED, "submitted"),
            ("2022/23", "mentor", ACCEPTED, "submitted"),
            ("2023/24", "mentor", ACCEPTED, "submitted"),
            ("2024/25", "mentor", ACCEPTED, "submitted"),
        ],
    ),
    "Béla Tóth": (
        "HU",
        dt.date(2010, 5, 1),
        [
            ("2021/22", "mentor", ACCEPTED, "submitted"),
            ("2023/24", "mentor", ACCEPTED, "submitted"),
        ],
    ),
    # A mentee before, a mentor now: not a returning mentor.
    "Cyril Novák": (
        "PL",
        None,
        [
            ("2021/22", "mentee", ACCEPTED, "submitted"),
            ("2023/24", "mentor", ACCEPTED, "submitted"),
        ],
    ),
    # Rejected as a mentor before: not a returning mentor either.
    "Eva Wójcik": (
        "PL",
        dt.date(2023, 10, 15),
        [
            ("2022/23", "mentor", REJECTED, "submitted"),
            ("2023/24", "mentor", ACCEPTED, "submitted"),
        ],
    ),
    "Ferenc Őry": (
        "HU",
        dt.date(2023, 10, 30),
        [("2023/24", "mentee", ACCEPTED, "submitted")],
    ),
    # Joined on the window's last day.
    "Gita Šimić": (
        "PL",
        dt.date(2023, 11, 12),
        [("2023/24", "mentee", ACCEPTED, "submitted")],
    ),
    # Accepted, then withdrawn by the coordinator: an applicant, no participant.
    "Hana Dvořák": (
        "PL",
        dt.date(2012, 1, 1),
        [
            ("2022/23", "mentor", ACCEPTED, "submitted"),
            ("2023/24", "mentor", ACCEPTED, "withdrawn"),
        ],
    ),
    # Joined on the window's first day, rejected.
    "Ivo Zieliński": (
        "PL",
        dt.date(2023, 10, 9),
        [("2023/24", "mentee", REJECTED, "submitted")],
    ),
    # Joined in the window, but only drafted an application.
    "Jana Lis": (
        "PL",
        dt.date(2023, 10, 20),
        [("2023/24", "mentee", "", "draft")],
    ),
    # Joined the day after the window closed.
    "Kamil Mazur": (
        "PL",
        dt.date(2023, 11, 13),
        [("2023/24", "mentee", "", "submitted")],
    ),
    # Another association's people never appear.
    "Zdeněk Král": (
        "CZ",
        dt.date(2023, 10, 20),
        [
            ("2021/22", "mentor", ACCEPTED, "submitted"),
            ("2023/24", "mentor", ACCEPTED, "submitted"),
        ],
    ),
}


@pytest.fixture
def history(db):
    editions = {
        name: factories.make_edition(
            name, dt.date(year, 9, 1), dt.date(year + 1, 6, 30)
        )
        for name, year in (
            ("2021/22", 2021),
            ("2022/23", 2022),
            ("2023/24", 2023),
            ("2024/25", 2024),
        )
    }
    associations = {
        code: factories.make_association(code, name)
        for code, name in (
            ("PL", "Alumni Poland"),
            ("HU", "Alumni Hungary"),
            ("CZ", "Alumni Czechia"),
        )
    }
    for edition in editions.values():
        for association in associations.values():
            factories.join(edition, association)
    factories.make_milestone(
        editions["2023/24"],
        "Applications open",
        "applications",
        dt.date(2023, 10, 9),
        dt.date(2023, 11, 12),
    )
    for name, (code, joined_on, applications) in HISTORY.items():
        association = associations[code]
        person = factories.make_member(association, name)
        Membership.objects.filter(person=person).update(joined_on=joined_on)
        for edition, role, decision, state in applications:
            Application.objects.create(
                person=person,
                edition=editions[edition],
                association=association,
                role=role,
                decision=decision,
                state=state,
                source=Application.Source.FORM,
            )
    # A member of Hungary since the window, who applied through Poland, where
    # she has been a member for years: no new member of Poland.
    lili = factories.make_member(associations["PL"], "Lili Kis")
    Membership.objects.filter(person=lili).update(joined_on=dt.date(2019, 2, 1))
    Membership.objects.create(
        person=lili,
        association=associations["HU"],
        state="verified",
        joined_on=dt.date(2023, 10, 20),
    )
    Application.objects.create(
        person=lili,
        edition=editions["2023/24"],
        association=associations["PL"],
        role="mentee",
        state="submitted",
        source=Application.Source.FORM,
    )
    return SimpleNamespace(
        edition=editions["2023/24"],
        scope=[associations["PL"], associations["HU"]],
        poland=[associations["PL"]],
    )


def test_participants_per_association_and_edition_up_to_this_one(history):
    table = tables.participants_per_edition(history.edition, history.scope)

    assert table.headers == ["Edition", "Association", "Mentors", "Mentees"]
    assert table.rows == [
        ["2021/22", "Alumni Hungary", 1, 0],
        ["2021/22", "Alumni Poland", 1, 1],
        ["2022/23", "Alumni Poland", 2, 0],
        ["2023/24", "Alumni Hungary", 1, 1],
        ["2023/24", "Alumni Poland", 3, 1],
    ]


def test_participants_per_edition_for_one_association(history):
    table = tables.participants_per_edition(history.edition, history.poland)

    assert table.rows == [
        ["2021/22", "Alumni Poland", 1, 1],
        ["2022/23", "Alumni Poland", 2, 0],
        ["2023/24", "Alumni Poland", 3, 1],
    ]


def test_returning_mentors_were_accepted_mentors_in_an_earlier_edition(history):
    table = tables.returning_mentors(history.edition, history.scope)

    assert table.headers == ["Association", "Mentors", "Returning"]
    assert table.rows == [["Alumni Hungary", 1, 1], ["Alumni Poland", 3, 1]]


def test_new_members_joined_inside_the_application_window(history):
    table = tables.new_members(history.edition, history.scope)

    assert table.title == (
        "New members who joined to take part (2023-10-09 to 2023-11-12)"
    )
    # Poland: Anna, Cyril, Eva, Gita, Hana, Ivo, Kamil, Lili applied (Jana only
    # drafted); Eva, Gita and Ivo joined in the window; Eva and Gita were accepted.
    assert table.rows == [
        ["Alumni Hungary", 2, 1, 1],
        ["Alumni Poland", 8, 3, 2],
    ]


@pytest.fixture
def paired(db):
    edition = factories.make_edition()
    other = factories.make_edition("2024/25", dt.date(2024, 9, 1), dt.date(2025, 6, 30))
    pl = factories.make_association("PL", "Alumni Poland")
    hu = factories.make_association("HU", "Alumni Hungary", languages=["Hungarian"])
    cz = factories.make_association("CZ", "Alumni Czechia", languages=["Czech"])
    for association in (pl, hu, cz):
        factories.join(edition, association)
    coordinator = factories.make_person("Karolina Nowicka")
    factories.grant(coordinator, edition, RoleGrant.Role.INTERNATIONAL)
    people = {
        name: (make_participant(edition, association, role, name), association)
        for name, association, role in (
            ("Adam Mazur", pl, "mentor"),
            ("Ewa Lis", pl, "mentor"),
            ("Robert Kot", pl, "mentor"),
            ("Bence Tóth", hu, "mentor"),
            ("Zoë Nowak", pl, "mentee"),
            ("Jan Kowal", pl, "mentee"),
            ("Dóra Kiss", hu, "mentee"),
            ("Jiří Malý", cz, "mentor"),
            ("Petra Malá", cz, "mentee"),
        )
    }
    return SimpleNamespace(
        edition=edition,
        other=other,
        scope=[pl, hu],
        people=people,
        coordinator=coordinator,
        pl=pl,
    )


def _pair(paired, mentor, mentee):
    people = paired.people
    return publish(
        paired.edition, people[mentor], people[mentee], actor=paired.coordinator
    )


def test_pairs_are_counted_local_and_international_by_the_mentees_association(
    paired,
):
    replaced = _pair(paired, "Robert Kot", "Zoë Nowak")
    Pair.objects.filter(pk=replaced.pk).update(state=Pair.State.ENDED_EARLY)
    replacement = _pair(paired, "Adam Mazur", "Zoë Nowak")
    Pair.objects.filter(pk=replaced.pk).update(replaced_by=replacement)
    _pair(paired, "Bence Tóth", "Jan Kowal")
    _pair(paired, "Ewa Lis", "Dóra Kiss")
    _pair(paired, "Jiří Malý", "Petra Malá")

    table = tables.pair_types(paired.edition, paired.scope)

    assert table.headers == ["Association", "Local", "International"]
    assert table.rows == [
        ["Alumni Hungary", 0, 1],
        ["Alumni Poland", 1, 1],
        ["Total", 1, 2],
    ]


def _attend(event, person):
    Attendance.objects.create(
        event=event,
        person=person,
        minutes=90,
        source="roster",
        recorded_at=dt.datetime(2023, 11, 30, 12, tzinfo=dt.UTC),
    )


def _applicant(paired, name, decision, state):
    person = factories.make_member(paired.pl, name)
    Application.objects.create(
        person=person,
        edition=paired.edition,
        association=paired.pl,
        role="mentor",
        state=state,
        decision=decision,
        source=Application.Source.FORM,
    )
    return person


def test_training_attendance_counts_accepted_people_in_scope(paired):
    people = {name: person for name, (person, _) in paired.people.items()}
    mentors = make_event(paired.edition, "Mentor training 1")
    mentees = make_event(
        paired.edition,
        "Mentee training",
        audience=Event.Audience.MENTEES,
        mandatory=False,
        kind=Event.Kind.OTHER,
        starts_at=at("2023-11-20 18:00"),
        ends_at=at("2023-11-20 19:30"),
    )
    briefing = make_event(
        paired.edition,
        "Coordinators' briefing",
        audience=Event.Audience.COORDINATORS,
        mandatory=False,
        starts_at=at("2023-10-02 18:00"),
        ends_at=at("2023-10-02 19:00"),
    )
    later = make_event(
        paired.other,
        "Mentor training 2024",
        starts_at=at("2024-11-14 18:00"),
        ends_at=at("2024-11-14 20:00"),
    )
    rejected = _applicant(paired, "Olga Nowak", REJECTED, "submitted")
    withdrawn = _applicant(paired, "Hana Dvořák", ACCEPTED, "withdrawn")
    for name in ("Adam Mazur", "Ewa Lis", "Bence Tóth", "Jiří Malý"):
        _attend(mentors, people[name])
    _attend(mentors, rejected)
    _attend(mentors, withdrawn)
    _attend(mentees, people["Zoë Nowak"])
    _attend(briefing, people["Adam Mazur"])
    _attend(later, people["Ewa Lis"])

    everyone = tables.training_attendance(paired.edition, paired.scope)
    poland = tables.training_attendance(paired.edition, [paired.pl])

    assert everyone.headers == ["Event", "Date", "Mandatory", "Attended"]
    assert everyone.rows == [
        ["Mentor training 1", "2023-11-14", "yes", 3],
        ["Mentee training", "2023-11-20", "no", 1],
    ]
    assert poland.rows == [
        ["Mentor training 1", "2023-11-14", "yes", 2],
        ["Mentee training", "2023-11-20", "no", 1],
    ]
