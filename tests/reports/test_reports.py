"""The edition report: figures, scope, exports, the PDF, queries."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tandem.mentoring.domain import meetings
from tandem.reports.domain import tables
from tests.certificates.conftest import pdf_text
from tests.conftest import MARKER


def funnel_of(client, world, person):
    client.force_login(world.people[person])
    url = reverse("reports:export", args=[world.edition.slug, "funnel", "csv"])
    return client.get(url).content.decode("utf-8-sig").splitlines()


def test_the_funnel_counts_each_step_per_association(world):
    associations = [world.association_a, world.association_b]

    table = tables.funnel(world.edition, associations)

    # A: mentee_a, accepted, matched with mentor_b, contract signed by both,
    # and the two undecided applicants the duplicates table adds.
    # B: mentor_b (the same pair), the local pair Gábor → Dóra, not signed, and
    # the matching table's own Gábor and Dóra, accepted but in no published pair.
    assert table.rows == [
        ["Alumni Hungary", 5, 5, 5, 3, 1, 0, 0],
        ["Alumni Poland", 3, 1, 1, 1, 1, 0, 0],
        ["Total", 8, 6, 6, 4, 2, 0, 0],
    ]


def test_a_national_coordinator_sees_only_its_association(client, world):
    rows = funnel_of(client, world, "national_a")

    assert rows == [
        "Association,Applied,Membership verified,Accepted,Matched,Contract signed,"
        "Active at checkpoint,Completed",
        "Alumni Poland,3,1,1,1,1,0,0",
        "Total,3,1,1,1,1,0,0",
    ]


@pytest.mark.parametrize(
    "table", ["funnel", "pairs", "meetings", "trainings", "editions", "returning"]
)
def test_b_never_appears_in_a_s_exports(client, world, table):
    client.force_login(world.people["national_a"])

    for fmt in ("csv", "xlsx"):
        url = reverse("reports:export", args=[world.edition.slug, table, fmt])
        body = client.get(url).content

        assert MARKER.encode() not in body
        assert b"Alumni Hungary" not in body


def test_b_never_appears_in_a_s_report_page_or_pdf(client, world):
    client.force_login(world.people["national_a"])

    page = client.get(reverse("reports:edition", args=[world.edition.slug]))
    pdf = client.get(reverse("reports:pdf", args=[world.edition.slug]))

    assert "Alumni Hungary" not in page.content.decode()
    assert "Alumni Poland" in page.content.decode()
    text = pdf_text(pdf.content)
    assert "Report, edition 2023/24" in text
    assert "Alumni Hungary" not in text


def test_cells_that_look_like_formulas_are_made_safe(client, world):
    world.association_a.name = "=HYPERLINK(1)"
    world.association_a.save()

    rows = funnel_of(client, world, "national_a")

    assert rows[1] == "'=HYPERLINK(1),3,1,1,1,1,0,0"


def test_meetings_per_pair_counts_undisputed_meetings(world):
    pair = world.extra["pair"]
    meetings.log_meeting(
        pair,
        actor=world.people["mentor_b"],
        held_on=dt.date(2024, 1, 9),
        duration_minutes=45,
        mode="online",
        at=dt.datetime(2024, 1, 10, 9, tzinfo=dt.UTC),
    )

    table = tables.meetings_per_pair(world.edition, [world.association_a])

    assert table.rows == [
        ["0", 0],
        ["1–2", 1],
        ["3–5", 0],
        ["6–9", 0],
        ["10 or more", 0],
    ]


def test_the_report_counts_who_answered_each_survey(client, world):
    client.force_login(world.people["international"])

    page = client.get(reverse("reports:edition", args=[world.edition.slug]))

    surveys = next(t for t in page.context["tables"] if t.key == "surveys")
    assert surveys.headers == [
        "Survey",
        "Kind",
        "Answered",
        "Recommendation score",
        "Mean 1–5 answer",
    ]
    assert [row[0] for row in surveys.rows] == list(
        world.edition.surveys.order_by("opens_on", "title").values_list(
            "title", flat=True
        )
    )


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_the_report_page_runs_as_many_queries_for_many_pairs_as_for_few(client, world):
    from tests import factories
    from tests.mentoring.helpers import publish

    client.force_login(world.people["international"])
    url = reverse("reports:edition", args=[world.edition.slug])
    few = _queries(client, url)
    a = world.association_a
    for index in range(12):
        publish(
            world.edition,
            (factories.make_member(a, f"Mentor {index}"), a),
            (factories.make_member(a, f"Mentee {index}"), a),
            actor=world.people["international"],
        )

    many = _queries(client, url)

    assert many == few
