"""The pairs and cases lists in pages of 100, with their figures per page."""

import datetime as dt
import re
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tandem.applications.models import Application
from tandem.mentoring.models import Case, Meeting, Pair
from tandem.people.models import Person
from tandem.programs.models import RoleGrant
from tests import factories

OPENED = timezone.make_aware(dt.datetime(2024, 1, 15, 10))


def applications(edition, association, count, *, role, start=0):
    people = Person.objects.bulk_create(
        Person(email=f"{role}{n}@example.org", full_name=f"Őrs Šimić {n:03}")
        for n in range(start, start + count)
    )
    return Application.objects.bulk_create(
        Application(
            person=person,
            edition=edition,
            association=association,
            role=role,
            state=Application.State.SUBMITTED,
            decision=Application.Decision.ACCEPTED,
            source=Application.Source.FORM,
        )
        for person in people
    )


def add_pairs(world, count, *, start=0, mentor=None):
    """``count`` pairs of one mentor with new mentees; each has one meeting."""
    mentor = mentor or world.mentor
    mentees = applications(
        world.edition, world.association, count, role="mentee", start=start
    )
    pairs = Pair.objects.bulk_create(
        Pair(
            edition=world.edition,
            mentor=mentor,
            mentee=mentee,
            pair_type="local"
            if mentor.association == mentee.association
            else "international",
            language="Polish",
            state=Pair.State.ACTIVE,
            began_on=dt.date(2023, 12, 1),
        )
        for mentee in mentees
    )
    Meeting.objects.bulk_create(
        Meeting(
            pair=pair,
            logged_by=mentor.person,
            held_on=dt.date(2024, 1, 10),
            time_zone="Europe/Warsaw",
            duration_minutes=60,
            mode="online",
            state=Meeting.State.CONFIRMED,
            logged_at=OPENED,
        )
        for pair in pairs
    )
    return pairs


def add_cases(world, count, *, start=0):
    """``count`` open cases, each about a new person, all opened at one moment."""
    people = Person.objects.bulk_create(
        Person(email=f"case{n}@example.org", full_name=f"Zoë Horváth {n:03}")
        for n in range(start, start + count)
    )
    return Case.objects.bulk_create(
        Case(
            edition=world.edition,
            association=world.association,
            kind=Case.Kind.OTHER,
            source=Case.Source.COORDINATOR,
            person=person,
            summary="Asked for a new mentor.",
            opened_at=OPENED,
        )
        for person in people
    )


@pytest.fixture
def paired(db):
    edition = factories.make_edition("2030/31")
    association = factories.make_association("PL", "Alumni Poland")
    factories.join(edition, association)
    international = factories.make_person("Karolina Nowicka")
    factories.grant(international, edition, RoleGrant.Role.INTERNATIONAL)
    (mentor,) = applications(edition, association, 1, role="mentor", start=999)
    return SimpleNamespace(
        edition=edition,
        association=association,
        international=international,
        mentor=mentor,
    )


def page_links(response, label="Pages"):
    nav = re.search(rf'<nav aria-label="{label}".*?</nav>', response.text, re.S)
    return [q.replace("&amp;", "&") for q in re.findall(r'href="\?([^"]*)"', nav[0])]


def test_the_pairs_list_of_250_shows_100_then_the_last_50_with_their_figures(
    client, paired
):
    add_pairs(paired, 250)
    client.force_login(paired.international)
    url = reverse("mentoring:pairs", args=[paired.edition.slug])

    first = client.get(url)
    third = client.get(url, {"page": "3"})

    mentees = [p.mentee.person.full_name for p in third.context["pairs"]]
    assert len(first.context["pairs"]) == 100
    assert mentees == [f"Őrs Šimić {n:03}" for n in range(200, 250)]
    assert {p.meeting_count for p in third.context["pairs"]} == {1}
    assert "Showing 201–250 of 250" in third.text
    assert page_links(third) == ["page=2", "page=1", "page=2", "page=3"]


def test_the_cases_list_of_250_shows_100_then_the_last_50(client, paired):
    add_cases(paired, 250)
    client.force_login(paired.international)
    url = reverse("mentoring:cases", args=[paired.edition.slug])

    first = client.get(url)
    third = client.get(url, {"page": "3"})

    # Cases opened at one moment come newest row first.
    about = [case.person.full_name for case in third.context["cases"]]
    assert len(first.context["cases"]) == 100
    assert about == [f"Zoë Horváth {n:03}" for n in range(49, -1, -1)]
    assert "Showing 1–100 of 250" in first.text
    assert page_links(first) == ["page=1", "page=2", "page=3", "page=2"]


@pytest.mark.parametrize(
    ("url_name", "key", "add"),
    [("mentoring:pairs", "pairs", add_pairs), ("mentoring:cases", "cases", add_cases)],
)
@pytest.mark.parametrize(("asked", "shown"), [("7", 3), ("-1", 3), ("3.5", 1)])
def test_a_bad_page_number_falls_back_to_the_last_or_the_first(
    client, paired, url_name, key, add, asked, shown
):
    add(paired, 250)
    client.force_login(paired.international)

    response = client.get(
        reverse(url_name, args=[paired.edition.slug]), {"page": asked}
    )

    assert response.context["pager"].page.number == shown
    assert len(response.context[key]) == (50 if shown == 3 else 100)


def test_the_two_tables_of_the_pairs_list_page_apart_and_keep_each_other(
    client, paired
):
    hungary = factories.make_association("HU", "Alumni Hungary")
    factories.join(paired.edition, hungary)
    national = factories.make_person("Ildikó Kovács")
    factories.grant(national, paired.edition, RoleGrant.Role.NATIONAL, hungary)
    (mentor,) = applications(paired.edition, hungary, 1, role="mentor", start=998)
    add_pairs(paired, 120, mentor=mentor)
    client.force_login(national)

    response = client.get(
        reverse("mentoring:pairs", args=[paired.edition.slug]), {"known": "2"}
    )

    assert list(response.context["pairs"]) == []
    assert len(response.context["known"]) == 20
    assert "Showing 101–120 of 120" in response.text
    assert page_links(response, "Pages of international pairs") == [
        "known=1",
        "known=1",
        "known=2",
    ]


@pytest.mark.parametrize(
    ("url_name", "add"),
    [("mentoring:pairs", add_pairs), ("mentoring:cases", add_cases)],
)
def test_a_page_takes_as_many_queries_for_250_rows_as_for_one(
    client, paired, url_name, add, django_assert_num_queries
):
    add(paired, 1)
    client.force_login(paired.international)
    url = reverse(url_name, args=[paired.edition.slug])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    add(paired, 249, start=1)

    with django_assert_num_queries(len(few.captured_queries)):
        first = client.get(url)
    with django_assert_num_queries(len(few.captured_queries)):
        third = client.get(url, {"page": "3"})

    assert first.text.count("</tr>") == 1 + 100
    assert third.text.count("</tr>") == 1 + 50
