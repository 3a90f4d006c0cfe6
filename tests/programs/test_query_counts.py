"""Pages whose lists grow with an edition keep the same number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    ("role", "url_name", "args"),
    [
        ("international", "programs:dashboard", lambda w: [w.edition.slug]),
        ("national_a", "programs:dashboard", lambda w: [w.edition.slug]),
        ("national_a", "programs:association", lambda w: [w.edition.slug, "PL"]),
        ("international", "programs:associations", lambda w: [w.edition.slug]),
        ("international", "programs:timeline", lambda w: [w.edition.slug]),
        ("international", "programs:join_requests", lambda w: [w.edition.slug]),
    ],
)
def test_queries_stay_flat_as_rows_grow(client, world, role, url_name, args):
    client.force_login(world.people[role])
    url = reverse(url_name, args=args(world))
    few = count_queries(client, url)

    for index in range(40):
        factories.make_member(world.association_a, f"Član {index}")
        factories.make_milestone(world.edition, f"Session {index}", "other")
        factories.make_join_request(world.edition, country="PT")
    many = count_queries(client, url)

    assert many == few


@pytest.mark.parametrize(
    ("role", "expected"),
    # Session, person, edition, roles (grants and memberships), the editions of
    # the menu, milestones, then the counts: one aggregate for a national
    # coordinator, four for the international one.
    [("national_a", 8), ("international", 11)],
)
def test_a_dashboard_loads_the_roles_once(client, world, role, expected):
    client.force_login(world.people[role])
    url = reverse("programs:dashboard", args=[world.edition.slug])
    client.get(url)

    queries = count_queries(client, url)

    assert queries == expected
