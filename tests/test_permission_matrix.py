"""Who may open which page: every URL of the project, for every role."""

import pytest
from django.urls import get_resolver, reverse

from tests.conftest import MARKER
from tests.permissions import ROLES, all_cases

CASES = all_cases()


@pytest.mark.parametrize(
    ("case", "role"),
    [(case, role) for case in CASES for role in ROLES],
    ids=str,
)
def test_each_role_gets_exactly_its_scope(client, world, case, role):
    url = reverse(case.url_name, args=case.args(world))
    if role != "anonymous":
        client.force_login(world.people[role])

    response = getattr(client, case.method)(url, case.data)

    expected = case.statuses()[role]
    if expected == "login":
        assert response.status_code == 302, (url, role)
        assert response.url.startswith(reverse("account_login"))
    else:
        assert response.status_code == int(expected), (url, role)


def own_url_names():
    """Every named URL in a namespace that one of Tandem's apps defines."""
    resolver = get_resolver()
    names = set()
    for namespace, (_prefix, sub) in resolver.namespace_dict.items():
        if not getattr(sub.urlconf_module, "__name__", "").startswith("tandem."):
            continue
        names.update(
            f"{namespace}:{name}" for name in sub.reverse_dict if isinstance(name, str)
        )
    return names


def test_every_url_of_ours_is_in_the_table():
    covered = {case.url_name for case in CASES}

    assert own_url_names() - covered == set()


def test_the_table_covers_more_than_one_app():
    assert {"programs", "people"} <= {name.split(":")[0] for name in own_url_names()}


@pytest.mark.parametrize(
    "url_name",
    ["programs:dashboard", "programs:timeline", "programs:associations"],
)
def test_national_coordinator_never_sees_the_other_associations_people(
    client, world, url_name
):
    client.force_login(world.people["national_a"])

    response = client.get(reverse(url_name, args=[world.edition.slug]))

    assert response.status_code == 200
    assert MARKER not in response.content.decode()


@pytest.mark.parametrize(
    "url_name", ["matching:board", "matching:run", "matching:export"]
)
def test_national_coordinator_never_sees_the_other_associations_matching(
    client, world, url_name
):
    client.force_login(world.people["national_a"])
    args = [world.edition.slug]
    if url_name != "matching:board":
        args.append(world.extra["run"].pk)

    response = client.get(reverse(url_name, args=args))

    # A's only applicant, mentee_a, is unmatched: listed on the board, not exported.
    shown = "Zoë Nowak" if url_name != "matching:export" else "mentor,mentor assoc"
    assert response.status_code == 200
    assert MARKER not in response.content.decode()
    assert shown in response.content.decode()
