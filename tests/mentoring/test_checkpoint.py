"""The checkpoint pages: review, totals, export, chart and flat query counts."""

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tandem.applications.models import Application
from tandem.mentoring.domain import checkpoint
from tandem.mentoring.models import Meeting, Pair
from tandem.people.models import Person


def add_pairs(world, count, prefix="Bulk", *, mixed=False):
    """``count`` active pairs of A's members, each with two confirmed meetings,
    written in bulk. ``mixed``: every fifth mentee is B's (an international pair
    that A's coordinator knows of but does not track), every other pair at risk."""
    edition = world.edition
    people = Person.objects.bulk_create(
        Person(email=f"{prefix.lower()}{n}@example.org", full_name=f"{prefix} {n}")
        for n in range(2 * count)
    )
    applications = Application.objects.bulk_create(
        Application(
            person=person,
            edition=edition,
            association=(
                world.association_b if mixed and n % 10 == 9 else world.association_a
            ),
            role="mentor" if n % 2 == 0 else "mentee",
            state="submitted",
            decision="accepted",
            source="form",
        )
        for n, person in enumerate(people)
    )
    pairs = Pair.objects.bulk_create(
        Pair(
            edition=edition,
            mentor=applications[2 * n],
            mentee=applications[2 * n + 1],
            pair_type="international" if mixed and n % 5 == 4 else "local",
            language="Polish",
            state="active",
            activity="at_risk" if mixed and n % 2 == 0 else "active",
            began_on=dt.date(2023, 12, 1),
            activated_on=dt.date(2023, 12, 1),
        )
        for n in range(count)
    )
    Meeting.objects.bulk_create(
        Meeting(
            pair=pair,
            logged_by=people[2 * n],
            held_on=day,
            time_zone="UTC",
            duration_minutes=60,
            mode="online",
            state="confirmed",
            logged_at=dt.datetime(2024, 2, 1, tzinfo=dt.UTC),
        )
        for n, pair in enumerate(pairs)
        for day in (dt.date(2023, 12, 5), dt.date(2024, 1, 9))
    )


def queries_for(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries), response.content.decode()


def _rows_with_two_meetings(page, prefix):
    row = (
        rf">{prefix} \d+</a> \(PL\)</td>\s*<td>active</td>\s*<td>2 \(2 confirmed\)</td>"
    )
    return len(re.findall(row, page))


@pytest.mark.parametrize(
    ("role", "page", "args"),
    [
        ("international", "mentoring:checkpoint", []),
        ("national_a", "mentoring:checkpoint", []),
        ("international", "mentoring:checkpoint_association", ["PL"]),
        ("national_a", "mentoring:checkpoint_association", ["PL"]),
    ],
)
def test_checkpoint_queries_stay_flat_from_10_to_500_pairs(
    client, world, settings, role, page, args
):
    settings.TANDEM_TODAY = "2024-03-05"
    client.force_login(world.people[role])
    url = reverse(page, args=[world.edition.slug, *args])
    add_pairs(world, 10, "Few", mixed=True)
    few, _ = queries_for(client, url)

    add_pairs(world, 490, "Many", mixed=True)
    many, listed = queries_for(client, url)

    known = len(re.findall(r"<tr><td>Many \d+</td><td>", listed))
    assert many == few
    assert _rows_with_two_meetings(listed, "Few") == 8
    assert _rows_with_two_meetings(listed, "Many") == 392
    assert known == (0 if role == "international" else 98)


def test_totals_count_each_association_by_activity(world, settings):
    add_pairs(world, 3)
    pair = world.extra["pair"]
    checkpoint.review_pair(
        pair, "at_risk", "Meets, but rarely.", actor=world.people["national_a"]
    )

    rows = checkpoint.totals(world.edition)

    assert rows == [
        ["Alumni Hungary", "HU", 1, 0, 0, 0, 1, 0, 0],
        ["Alumni Poland", "PL", 4, 4, 0, 0, 0, 1, 1],
    ]


def test_a_correction_needs_a_comment(world):
    with pytest.raises(ValidationError) as error:
        checkpoint.review_pair(
            world.extra["pair"], "inactive", "", actor=world.people["national_a"]
        )

    assert error.value.messages == ["Say in a comment why you correct the state."]


def test_the_export_is_the_totals_with_formulas_defused(client, world):
    client.force_login(world.people["international"])

    response = client.get(
        reverse("mentoring:checkpoint_export", args=[world.edition.slug, "csv"])
    )

    assert response.content.decode("utf-8-sig").splitlines() == [
        "Association,Country,Pairs,Active,At risk,Inactive,Not assessed,Reviewed,"
        "Corrected",
        "Alumni Hungary,HU,1,0,0,0,1,0,0",
        "Alumni Poland,PL,1,1,0,0,0,0,0",
    ]


def test_the_chart_counts_pairs_that_met_each_month(world):
    add_pairs(world, 2)
    world.milestone.starts_on = dt.date(2023, 12, 1)
    world.milestone.ends_on = dt.date(2024, 4, 30)
    world.milestone.save()

    chart = checkpoint.activity_chart(world.edition, today=dt.date(2024, 2, 10))

    assert [s.country for s in chart.series] == ["PL"]
    assert [count for _, _, count in chart.series[0].points] == [3, 2, 0]
    assert chart.months == (
        dt.date(2023, 12, 1),
        dt.date(2024, 1, 1),
        dt.date(2024, 2, 1),
    )
