"""Results: rates, charts, the recommendation score, scope and the five-rule."""

import io
from collections import Counter

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tandem.surveys.domain import results
from tandem.surveys.domain.answering import participants
from tandem.surveys.domain.results import Filters, group_is_shown
from tests.conftest import MARKER
from tests.permissions.surveys import TEXT_MARKER, answered_by_b
from tests.surveys.helpers import answer, make_survey, participant

GOING = "How is your pair going?"


def people(world, association, role, count, prefix):
    return [
        participant(world.edition, association, role, f"{prefix} {i}")
        for i in range(count)
    ]


def scale_result(outcome):
    return next(r for r in outcome.questions if r.question.text == GOING)


@pytest.fixture
def anonymous_a(world):
    """Six mentees and four mentors of A answer an anonymous survey."""
    survey = make_survey(world.edition, anonymous=True, title="Anonymous")
    a = world.association_a
    for person, value in zip(
        people(world, a, "mentee", 6, "Mentee")
        + people(world, a, "mentor", 4, "Mentor"),
        "5544332211",
        strict=True,
    ):
        answer(survey, person, {GOING: value, "One word": f"word {value}"})
    return survey


@pytest.mark.parametrize(
    ("filters", "shown", "count"),
    [
        ({}, True, 10),
        ({"association": "a"}, True, 10),
        ({"role": "mentee"}, False, 6),  # its neighbour, A's 4 mentors, is too small
        ({"role": "mentor"}, False, 4),
        ({"pair_type": "none"}, True, 10),
        ({"pair_type": "local"}, False, 0),
        ({"association": "a", "role": "mentee"}, False, 6),
        ({"association": "a", "role": "mentee", "pair_type": "none"}, False, 6),
        ({"association": "a", "pair_type": "none"}, True, 10),
    ],
)
def test_no_group_under_five_whatever_the_filters(
    world, anonymous_a, filters, shown, count
):
    if "association" in filters:
        filters["association"] = world.association_a.pk

    outcome = results.results(
        anonymous_a, viewer=world.people["international"], filters=Filters(**filters)
    )

    result = scale_result(outcome)
    assert (result.shown, result.count) == (shown, count)
    assert (result.bars == []) is not shown


def test_a_small_group_elsewhere_hides_the_association_filter(world, anonymous_a):
    """Everyone minus A would isolate B's three people."""
    for person in people(world, world.association_b, "mentee", 3, f"{MARKER}"):
        answer(anonymous_a, person, {GOING: "1"})
    viewer = world.people["international"]

    everyone = results.results(anonymous_a, viewer=viewer)
    only_a = results.results(
        anonymous_a, viewer=viewer, filters=Filters(association=world.association_a.pk)
    )

    assert (scale_result(everyone).shown, scale_result(everyone).count) == (True, 13)
    assert (scale_result(only_a).shown, scale_result(only_a).count) == (False, 10)


def test_group_rule_on_cells():
    cells = Counter(
        {(1, "mentor", "local"): 5, (1, "mentee", "local"): 5, (1, "mentee", "none"): 2}
    )

    assert group_is_shown(cells, {}) is True
    assert group_is_shown(cells, {1: "mentor"}) is True
    assert group_is_shown(cells, {1: "mentee"}) is True
    assert group_is_shown(cells, {2: "local"}) is False
    assert group_is_shown(cells, {1: "mentor", 2: "local"}) is False


def test_distribution_mean_and_texts(world, anonymous_a):
    outcome = results.results(anonymous_a, viewer=world.people["international"])

    result = scale_result(outcome)
    words = next(r for r in outcome.questions if r.question.text == "One word")
    assert [(bar.label, bar.count, bar.share) for bar in result.bars] == [
        ("1", 2, 20),
        ("2", 2, 20),
        ("3", 2, 20),
        ("4", 2, 20),
        ("5", 2, 20),
    ]
    assert result.mean == 3.0
    assert words.texts == sorted(f"word {v}" for v in "5544332211")
    assert outcome.responses == 10


@pytest.mark.parametrize(
    ("numbers", "score"),
    [([10, 9, 8, 7, 6, 0], 0), ([10, 10, 9, 9, 8], 80), ([0, 1, 2, 3, 4], -100)],
)
def test_recommendation_score(numbers, score):
    assert results.recommendation_score(numbers) == score


def test_rates_per_association_and_role(world, anonymous_a):
    people(world, world.association_a, "mentor", 1, "Silent")

    outcome = results.results(anonymous_a, viewer=world.people["national_a"])

    assert [
        (r["association"], r["role"], r["invited"], r["answered"], r["rate"])
        for r in outcome.rates
    ] == [
        ("Alumni Poland", "mentee", 7, 6, 86),
        ("Alumni Poland", "mentor", 5, 4, 80),
    ]


def test_a_non_anonymous_question_shows_small_groups_with_names(world):
    survey = make_survey(
        world.edition,
        anonymous=False,
        questions=[{"text": "Note", "kind": "short", "non_anonymous": True}],
    )
    person = participant(world.edition, world.association_a, "mentor", "Piotr Lis")
    answer(survey, person, {"Note": "Great year"})

    outcome = results.results(survey, viewer=world.people["national_a"])

    assert outcome.questions[0].texts == ["Piotr Lis: Great year"]


def test_national_coordinator_never_reaches_the_other_association(client, world):
    survey = answered_by_b(world)
    client.force_login(world.people["national_a"])
    base = [world.edition.slug, survey.pk]

    page = client.get(reverse("surveys:results", args=base), {"association": "HU"})
    csv = client.get(reverse("surveys:export", args=[*base, "csv"]))
    xlsx = client.get(reverse("surveys:export", args=[*base, "xlsx"]))

    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    cells = " ".join(str(c.value) for row in sheet.iter_rows() for c in row)
    for content in (page.content.decode(), csv.content.decode("utf-8-sig"), cells):
        assert TEXT_MARKER not in content
        assert MARKER not in content
    assert "Alumni Hungary" not in csv.content.decode("utf-8-sig")


def test_the_other_coordinator_sees_the_marker_text(client, world):
    survey = world.extra["survey"]
    b_mentors = participants(survey).filter(
        association=world.association_b, role="mentor"
    )
    invited = b_mentors.count() + 6
    answered_by_b(world)
    client.force_login(world.people["national_b"])
    url = reverse(
        "surveys:export", args=[world.edition.slug, world.extra["survey"].pk, "csv"]
    )

    lines = client.get(url).content.decode("utf-8-sig").splitlines()

    assert lines[0] == "Section,Question,Value,Count,Share (%)"
    rate = round(600 / invited)
    assert f'Response rate,"Alumni Hungary, mentor",6 of {invited},6,{rate}' in lines
    assert sum(TEXT_MARKER in line for line in lines) == 6


def test_exports_make_formula_text_safe(world, anonymous_a):
    for person in people(world, world.association_a, "mentee", 5, "Formula"):
        answer(anonymous_a, person, {GOING: "3", "One word": "=HYPERLINK(1)"})

    data = results.export(anonymous_a, "csv", viewer=world.people["international"])

    lines = data.decode("utf-8-sig").splitlines()
    assert lines.count("Text,One word,'=HYPERLINK(1),1,") == 5


def test_an_export_is_audited(world):
    from tandem.core.models import AuditEntry

    results.export(world.extra["survey"], "xlsx", viewer=world.people["international"])

    assert list(
        AuditEntry.objects.filter(action__startswith="survey.exported").values_list(
            "action", flat=True
        )
    ) == ["survey.exported.xlsx"]


def _queries(client, world, survey):
    client.force_login(world.people["international"])
    url = reverse("surveys:results", args=[world.edition.slug, survey.pk])
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_results_page_query_count_does_not_grow(client, world, anonymous_a):
    few = _queries(client, world, anonymous_a)
    for person in people(world, world.association_b, "mentor", 30, "Many"):
        answer(anonymous_a, person, {GOING: "3", "Topics": ["career"]})

    many = _queries(client, world, anonymous_a)

    assert few == many
    assert many <= 20
