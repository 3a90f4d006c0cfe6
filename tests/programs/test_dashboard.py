import datetime as dt

import pytest
from django.urls import reverse

from tandem.programs.domain import timeline
from tests import factories


@pytest.fixture
def year(world):
    edition = world.edition
    world.milestone.delete()
    for name, kind, starts, ends in [
        ("Applications open", "applications", "2023-10-09", "2023-11-12"),
        ("Mentor training 1", "training", "2023-11-14", None),
        ("Matching", "matching", "2023-11-13", "2023-11-28"),
        ("Pairs published", "matching", "2023-11-30", None),
        ("Mentoring", "mentoring", "2023-12-01", "2024-04-30"),
    ]:
        factories.make_milestone(
            edition,
            name,
            kind,
            dt.date.fromisoformat(starts),
            dt.date.fromisoformat(ends) if ends else None,
        )
    return world


def test_dashboard_shows_the_phase_and_the_next_three_milestones(
    client, year, settings
):
    settings.TANDEM_TODAY = "2023-11-13"
    client.force_login(year.people["national_a"])

    response = client.get(reverse("programs:dashboard", args=[year.edition.slug]))

    assert response.context["phase"].name == "Matching"
    upcoming = [
        (item.milestone.name, item.days_left, item.running)
        for item in response.context["upcoming"]
    ]
    assert upcoming == [
        ("Matching", 15, True),
        ("Mentor training 1", 1, False),
        ("Pairs published", 17, False),
    ]
    page = response.content.decode()
    assert "running, 15 days left" in page
    assert "in 1 day<" in page


def test_next_milestones_count_days_from_today():
    milestones = [
        _milestone(1, "Applications open", "2023-10-09", "2023-11-12"),
        _milestone(2, "Matching", "2023-11-13", "2023-11-28"),
        _milestone(3, "Mentor training 1", "2023-11-14", None),
        _milestone(4, "Mentoring", "2023-12-01", "2024-04-30"),
    ]

    result = timeline.upcoming(milestones, today=dt.date(2023, 11, 12))

    assert [(u.milestone.name, u.days_left, u.running) for u in result] == [
        ("Applications open", 0, True),
        ("Matching", 1, False),
        ("Mentor training 1", 2, False),
    ]


def test_phase_before_during_and_after_the_edition(world):
    edition = world.edition
    milestones = [
        _milestone(1, "Matching", "2023-11-13", "2023-11-28"),
        _milestone(2, "Mentoring", "2023-12-01", "2024-04-30"),
    ]

    def phase(day):
        return timeline.current_phase(
            edition, milestones, dt.date.fromisoformat(day)
        ).name

    assert phase("2023-08-01") == "Not started yet"
    assert phase("2023-09-10") == "Getting ready"
    assert phase("2023-11-20") == "Matching"
    assert phase("2023-11-29") == "After Matching"
    assert phase("2024-02-01") == "Mentoring"
    assert phase("2024-07-01") == "Edition closed"


def test_timeline_gives_each_milestone_a_row_on_the_months(world):
    edition = world.edition
    milestones = [
        _milestone(2, "Checkpoint", "2024-03-01", "2024-03-15"),
        _milestone(1, "Mentoring", "2023-12-01", "2024-04-30"),
        _milestone(3, "Closure", "2024-06-14", None),
    ]

    scale = timeline.timeline_scale(edition, milestones, dt.date(2023, 9, 1))

    assert scale.today_x == timeline.LABEL_WIDTH
    assert [bar.milestone.name for bar in scale.bars] == [
        "Mentoring",
        "Checkpoint",
        "Closure",
    ]
    assert [bar.y for bar in scale.bars] == [34, 64, 94]
    mentoring, checkpoint, _ = scale.bars
    assert mentoring.x < checkpoint.x < checkpoint.x + checkpoint.width
    assert checkpoint.x + checkpoint.width < mentoring.x + mentoring.width
    assert [month.month for _x, month in scale.months] == [
        9,
        10,
        11,
        12,
        1,
        2,
        3,
        4,
        5,
        6,
    ]


def test_timeline_has_no_today_line_outside_the_edition(world):
    scale = timeline.timeline_scale(world.edition, [], dt.date(2026, 12, 3))

    assert scale.today_x is None


@pytest.mark.parametrize(
    ("role", "labels"),
    [
        (
            "international",
            [
                "associations taking part",
                "join requests waiting",
                "national coordinators named",
                "members",
                "members verified",
            ],
        ),
        (
            "national_a",
            [
                "members",
                "members verified",
                "members to verify",
                "memberships rejected",
            ],
        ),
        ("training_partner", ["associations taking part"]),
        ("member_a", ["your memberships verified"]),
    ],
)
def test_each_role_sees_the_counts_it_cares_about(client, world, role, labels):
    client.force_login(world.people[role])

    response = client.get(reverse("programs:dashboard", args=[world.edition.slug]))

    assert [label for label, _ in response.context["counts"]] == labels


def test_national_coordinator_counts_only_its_own_members(client, world):
    factories.make_member(world.association_a, "Ágnes", state="unverified")
    client.force_login(world.people["national_a"])

    response = client.get(reverse("programs:dashboard", args=[world.edition.slug]))

    assert dict(response.context["counts"]) == {
        "members": 3,
        "members verified": 2,
        "members to verify": 1,
        "memberships rejected": 0,
    }


def _milestone(pk, name, starts, ends):
    from tandem.programs.models import Milestone

    return Milestone(
        pk=pk,
        name=name,
        kind="other",
        starts_on=dt.date.fromisoformat(starts),
        ends_on=dt.date.fromisoformat(ends) if ends else None,
    )
