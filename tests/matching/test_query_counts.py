from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tandem.matching.domain import runs
from tests.matching.helpers import mentee, mentor


def board_queries(client, cohort, person):
    run = runs.start_run(cohort["edition"], actor=cohort["actor"])
    client.force_login(person)
    url = reverse("matching:run", args=[cohort["edition"].slug, run.pk])
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), len(response.context["proposals"])


def grow(cohort, n):
    edition, pl = cohort["edition"], cohort["pl"]
    for k in range(n):
        mentor(edition, pl, f"Mentor {k}", other_languages=["English"])
        mentee(edition, pl, f"Mentee {k}", other_languages=["English"])


def test_the_board_costs_the_same_queries_for_3_and_33_proposals(client, cohort):
    few, few_rows = board_queries(client, cohort, cohort["actor"])
    grow(cohort, 30)
    many, many_rows = board_queries(client, cohort, cohort["actor"])

    assert (few_rows, many_rows) == (3, 33)
    assert many == few


def test_a_national_coordinators_board_is_flat_too(client, cohort):
    few, few_rows = board_queries(client, cohort, cohort["national"])
    grow(cohort, 30)
    many, many_rows = board_queries(client, cohort, cohort["national"])

    assert (few_rows, many_rows) == (2, 32)
    assert many == few
