"""The applications and membership lists in pages of 100, filters kept."""

import re
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tandem.applications.models import Application
from tandem.people.models import Membership, Person
from tandem.programs.models import RoleGrant
from tests import factories


def add_applicants(edition, association, count, *, role="mentee", start=0):
    people = Person.objects.bulk_create(
        Person(email=f"paged{n}@example.org", full_name=f"Zoë Łuczak {n:03}")
        for n in range(start, start + count)
    )
    Membership.objects.bulk_create(
        Membership(person=person, association=association, state="verified")
        for person in people
    )
    return Application.objects.bulk_create(
        Application(
            person=person,
            edition=edition,
            association=association,
            role=role,
            state=Application.State.SUBMITTED,
            source=Application.Source.FORM,
        )
        for person in people
    )


@pytest.fixture
def paged(db):
    edition = factories.make_edition("2030/31")
    association = factories.make_association("PL", "Alumni Poland")
    factories.join(edition, association)
    international = factories.make_person("Karolina Nowicka")
    factories.grant(international, edition, RoleGrant.Role.INTERNATIONAL)
    return SimpleNamespace(
        edition=edition, association=association, international=international
    )


@pytest.fixture
def many(paged):
    """250 applications: 150 mentees (000–149), then 100 mentors (150–249)."""
    add_applicants(paged.edition, paged.association, 150)
    add_applicants(paged.edition, paged.association, 100, role="mentor", start=150)
    return paged


def names(response, key="applications"):
    return [application.person.full_name for application in response.context[key]]


def page_links(response):
    """The query strings of the pager's links, in order."""
    nav = re.search(r'<nav aria-label="Pages".*?</nav>', response.text, re.S)
    return [q.replace("&amp;", "&") for q in re.findall(r'href="\?([^"]*)"', nav[0])]


LISTS = [("applications:list", "applications"), ("applications:members", "applicants")]


@pytest.mark.parametrize(("url_name", "key"), LISTS)
def test_a_list_of_250_shows_100_on_page_1_and_the_last_50_on_page_3(
    client, many, url_name, key
):
    client.force_login(many.international)
    url = reverse(url_name, args=[many.edition.slug])

    first = client.get(url)
    third = client.get(url, {"page": "3"})

    assert names(first, key) == [f"Zoë Łuczak {n:03}" for n in range(100)]
    assert names(third, key) == [f"Zoë Łuczak {n:03}" for n in range(200, 250)]
    assert "Showing 1–100 of 250" in first.text
    assert "Showing 201–250 of 250" in third.text
    assert page_links(third) == ["page=2", "page=1", "page=2", "page=3"]
    assert '<a href="?page=3" aria-current="page">' in third.text


@pytest.mark.parametrize(("url_name", "key"), LISTS)
@pytest.mark.parametrize(("asked", "shown"), [("9", 3), ("0", 3), ("two", 1), ("", 1)])
def test_a_page_number_out_of_range_shows_the_last_and_a_word_the_first(
    client, many, url_name, key, asked, shown
):
    client.force_login(many.international)
    url = reverse(url_name, args=[many.edition.slug])

    response = client.get(url, {"page": asked})

    assert response.status_code == 200
    assert response.context["pager"].page.number == shown
    assert len(response.context[key]) == (50 if shown == 3 else 100)


def test_the_page_links_keep_the_filters_and_the_sort(client, many):
    client.force_login(many.international)
    url = reverse("applications:list", args=[many.edition.slug])

    response = client.get(url, {"role": "mentee", "sort": "-name", "page": "2"})

    assert names(response) == [f"Zoë Łuczak {n:03}" for n in range(49, -1, -1)]
    assert "Showing 101–150 of 150" in response.text
    assert page_links(response) == [
        "role=mentee&sort=-name&page=1",
        "role=mentee&sort=-name&page=1",
        "role=mentee&sort=-name&page=2",
    ]


def test_the_export_holds_the_whole_filtered_list_not_the_page(client, many):
    client.force_login(many.international)
    listed = client.get(
        reverse("applications:list", args=[many.edition.slug]),
        {"role": "mentee", "page": "2"},
    )
    export = re.search(r'href="([^"]*/csv/[^"]*)"', listed.text)[1]

    response = client.get(export.replace("&amp;", "&"))

    lines = response.content.decode("utf-8-sig").splitlines()
    assert export.endswith("?role=mentee")
    assert len(lines) == 1 + 150


def test_a_bulk_decision_on_page_2_decides_its_rows_and_returns_there(client, many):
    client.force_login(many.international)
    url = reverse("applications:list", args=[many.edition.slug])
    listed = client.get(url, {"role": "mentee", "page": "2"})
    chosen = [a.pk for a in listed.context["applications"]][:2]

    response = client.post(
        reverse("applications:decide_bulk", args=[many.edition.slug]),
        {
            "decision": "rejected",
            "application": chosen,
            "back": "role=mentee&page=2",
        },
    )

    assert 'name="back" value="role=mentee&amp;page=2"' in listed.text
    assert response["Location"] == f"{url}?role=mentee&page=2"
    decided = Application.objects.filter(decision="rejected")
    assert sorted(decided.values_list("pk", flat=True)) == sorted(chosen)
    assert sorted(a.person.full_name for a in decided) == [
        "Zoë Łuczak 100",
        "Zoë Łuczak 101",
    ]


def test_a_membership_check_returns_to_the_page_it_was_made_on(client, many):
    application = Application.objects.get(person__full_name="Zoë Łuczak 120")
    Membership.objects.filter(person=application.person).update(state="unverified")
    client.force_login(many.international)
    url = reverse("applications:members", args=[many.edition.slug])

    response = client.post(
        reverse("applications:verify", args=[many.edition.slug, application.pk]),
        {"state": "verified", "back": "page=2"},
    )

    assert response["Location"] == f"{url}?page=2"
    assert Membership.objects.get(person=application.person).state == "verified"


@pytest.mark.parametrize("url_name", ["applications:list", "applications:members"])
def test_a_page_takes_as_many_queries_for_250_rows_as_for_one(
    client, paged, url_name, django_assert_num_queries
):
    add_applicants(paged.edition, paged.association, 1)
    client.force_login(paged.international)
    url = reverse(url_name, args=[paged.edition.slug])
    client.get(url)
    few = count_queries(client, url)
    add_applicants(paged.edition, paged.association, 249, start=1)

    with django_assert_num_queries(few):
        first = client.get(url)
    with django_assert_num_queries(few):
        third = client.get(url, {"page": "3"})

    assert first.text.count(">Zoë Łuczak ") == 100
    assert third.text.count(">Zoë Łuczak ") == 50


def count_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        client.get(url)
    return len(context.captured_queries)
