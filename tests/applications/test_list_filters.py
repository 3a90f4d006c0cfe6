"""The application list and its export: filters, sorts, and values that do not hold.

Every test builds its own edition, so the expected rows are exactly these five.
"""

import csv
import io
from types import SimpleNamespace

import openpyxl
import pytest
from django.urls import reverse

from tandem.applications.models import Application, Review
from tandem.programs.models import RoleGrant
from tests import factories

# name, association, role, state, preference, reviews (maturity, motivation)
APPLICANTS = (
    ("Anna Kowalska", "PL", "mentee", "submitted", "local", [(5, 5), (4, 4)]),
    ("Bartek Nowak", "PL", "mentor", "submitted", "international", [(3, 2)]),
    ("Celina Horváth", "HU", "mentee", "submitted", "either", [(4, 4)]),
    ("Dóra Szabó", "HU", "mentor", "withdrawn", "local", []),
    ("Zoë Müller", "PL", "mentee", "draft", "either", [(1, 2)]),
)


@pytest.fixture
def listed(db):
    edition = factories.make_edition("2030/31")
    associations = {
        code: factories.make_association(code, f"Verein {code}", languages=["Polish"])
        for code in ("PL", "HU")
    }
    for association in associations.values():
        factories.join(edition, association)
    international = factories.make_person("Karolina Nowicka")
    national = factories.make_person("Agata Wiśniewska")
    factories.grant(international, edition, RoleGrant.Role.INTERNATIONAL)
    factories.grant(national, edition, RoleGrant.Role.NATIONAL, associations["PL"])
    for name, code, role, state, preference, reviews in APPLICANTS:
        application = Application.objects.create(
            person=factories.make_person(name),
            edition=edition,
            association=associations[code],
            role=role,
            state=state,
            preference=preference,
            source=Application.Source.FORM,
        )
        for reviewer, (maturity, motivation) in zip(
            (international, national), reviews, strict=False
        ):
            Review.objects.create(
                application=application,
                reviewer=reviewer,
                maturity=maturity,
                motivation=motivation,
            )
    return SimpleNamespace(
        edition=edition, international=international, national=national
    )


def _list(client, listed, person, **query):
    client.force_login(person)
    url = reverse("applications:list", args=[listed.edition.slug])
    response = client.get(url, query)
    return response, [a.person.full_name for a in response.context["applications"]]


def _csv_names(client, listed, person, **query):
    client.force_login(person)
    url = reverse("applications:export", args=[listed.edition.slug, "csv"])
    response = client.get(url, query)
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    return response.status_code, [row[0] for row in rows[1:]]


def test_the_list_sorts_by_mean_score_with_the_unscored_last(client, listed):
    _, descending = _list(client, listed, listed.international, sort="-score")
    _, ascending = _list(client, listed, listed.international, sort="score")

    assert descending == [
        "Anna Kowalska",
        "Celina Horváth",
        "Bartek Nowak",
        "Zoë Müller",
        "Dóra Szabó",
    ]
    assert ascending == [
        "Zoë Müller",
        "Bartek Nowak",
        "Celina Horváth",
        "Anna Kowalska",
        "Dóra Szabó",
    ]


def test_the_list_sorts_by_review_count_counting_none_as_zero(client, listed):
    _, names = _list(client, listed, listed.international, sort="reviews")

    assert names == [
        "Dóra Szabó",
        "Bartek Nowak",
        "Celina Horváth",
        "Zoë Müller",
        "Anna Kowalska",
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"min_score": "4", "role": "mentee"}, ["Anna Kowalska", "Celina Horváth"]),
        ({"association": "HU"}, ["Celina Horváth", "Dóra Szabó"]),
        ({"state": "withdrawn"}, ["Dóra Szabó"]),
        ({"preference": "local", "sort": "-name"}, ["Dóra Szabó", "Anna Kowalska"]),
        (
            {"min_score": "2.5", "sort": "score"},
            ["Bartek Nowak", "Celina Horváth", "Anna Kowalska"],
        ),
    ],
)
def test_the_list_filters(client, listed, query, expected):
    response, names = _list(client, listed, listed.international, **query)

    assert names == expected
    assert response.context["ignored"] == []


def test_a_score_that_is_not_a_number_is_ignored_and_named(client, listed):
    response, names = _list(
        client, listed, listed.international, min_score="abc", role="mentor"
    )

    assert response.status_code == 200
    assert names == ["Bartek Nowak", "Dóra Szabó"]
    assert response.context["ignored"] == [
        "Ignored Mean score at least “abc”: Enter a number."
    ]
    assert "Ignored Mean score at least “abc”" in response.content.decode()


@pytest.mark.parametrize(
    ("query", "label"),
    [
        ({"sort": "password"}, "Sort by"),
        ({"role": "boss"}, "Role"),
        ({"state": "lost"}, "State"),
        ({"preference": "moon"}, "Pair preference"),
        ({"min_score": "9"}, "Mean score at least"),
        ({"min_score": "nan"}, "Mean score at least"),
    ],
)
def test_every_filter_that_does_not_hold_falls_back_to_all(
    client, listed, query, label
):
    response, names = _list(client, listed, listed.international, **query)

    assert names == sorted(name for name, *_ in APPLICANTS)
    [sentence] = response.context["ignored"]
    assert sentence.startswith(f"Ignored {label} “{next(iter(query.values()))}”: ")


def test_a_national_coordinator_cannot_filter_to_another_association(client, listed):
    response, names = _list(client, listed, listed.national, association="HU")

    assert names == ["Anna Kowalska", "Bartek Nowak", "Zoë Müller"]
    assert response.context["ignored"][0].startswith("Ignored Association “HU”: ")


def test_the_csv_export_holds_the_filtered_rows_in_the_chosen_order(client, listed):
    status, names = _csv_names(
        client, listed, listed.international, role="mentee", sort="-score"
    )

    assert status == 200
    assert names == ["Anna Kowalska", "Celina Horváth", "Zoë Müller"]


def test_the_export_ignores_a_bad_score_like_the_list_does(client, listed):
    status, names = _csv_names(
        client, listed, listed.international, min_score="abc", association="HU"
    )

    assert status == 200
    assert names == ["Celina Horváth", "Dóra Szabó"]


def test_the_xlsx_export_holds_the_filtered_rows(client, listed):
    client.force_login(listed.national)
    url = reverse("applications:export", args=[listed.edition.slug, "xlsx"])

    response = client.get(url, {"min_score": "2", "sort": "-score", "role": "x"})

    book = openpyxl.load_workbook(io.BytesIO(response.content))
    rows = list(book.active.iter_rows(values_only=True))
    assert [(row[0], row[24]) for row in rows[1:]] == [
        ("Anna Kowalska", 4.5),
        ("Bartek Nowak", 2.5),
    ]
    assert rows[0][24] == "Mean score"
