"""The checkpoint pages: review, totals, export, chart and flat query counts."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tandem.applications.models import Application
from tandem.mentoring.domain import checkpoint
from tandem.mentoring.models import Meeting, Pair
from tandem.people.models import Person


def add_pairs(world, count):
    """``count`` active pairs in A, each with two meetings, written in bulk."""
    edition, a = world.edition, world.association_a
    people = Person.objects.bulk_create(
        Person(email=f"bulk{n}@example.org", full_name=f"Bulk {n}")
        for n in range(2 * count)
    )
    applications = Application.objects.bulk_create(
        Application(
            person=person,
            edition=edition,
            association=a,
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
            pair_type="local",
            language="Polish",
            state="active",
            activity="active",
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
    return len(context.captured_queries)


@pytest.mark.parametrize(
    ("role", "page"),
    [("international", "mentoring:checkpoint"), ("national_a", "mentoring:checkpoint")],
)
def test_checkpoint_queries_stay_flat_from_10_to_500_pairs(
    client, world, settings, role, page
):
    settings.TANDEM_TODAY = "2024-03-05"
    client.force_login(world.people[role])
    url = reverse(page, args=[world.edition.slug])
    add_pairs(world, 10)
    few = queries_for(client, url)

    add_pairs_offset(world, 490)
    many = queries_for(client, url)

    assert many == few


def add_pairs_offset(world, count):
    # New e-mail addresses for the second batch.
    before = Person.objects.count()
    edition, a = world.edition, world.association_a
    people = Person.objects.bulk_create(
        Person(email=f"more{before + n}@example.org", full_name=f"More {n}")
        for n in range(2 * count)
    )
    applications = Application.objects.bulk_create(
        Application(
            person=person,
            edition=edition,
            association=a,
            role="mentor" if n % 2 == 0 else "mentee",
            state="submitted",
            decision="accepted",
            source="form",
        )
        for n, person in enumerate(people)
    )
    Pair.objects.bulk_create(
        Pair(
            edition=edition,
            mentor=applications[2 * n],
            mentee=applications[2 * n + 1],
            pair_type="local",
            language="Polish",
            state="active",
            activity="at_risk",
            began_on=dt.date(2023, 12, 1),
            activated_on=dt.date(2023, 12, 1),
        )
        for n in range(count)
    )


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
