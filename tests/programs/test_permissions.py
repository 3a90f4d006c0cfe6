"""Who may open which page: every URL of the project, for every role.

Each case lists the expected status for the roles in ROLES, in that order. 404
means the object is outside the person's scope (its existence is not revealed), 403
that it is in scope but the action is not theirs, and "login" that an anonymous
visitor is sent to sign in.
"""

from dataclasses import dataclass, field

import pytest
from django.urls import get_resolver, reverse

from tests.conftest import MARKER

ROLES = [
    "anonymous",
    "nobody",
    "member_a",
    "member_b",
    "training_partner",
    "national_a",
    "national_b",
    "international",
    "international_other",
]


@dataclass
class Case:
    url_name: str
    args: object
    expect: str
    method: str = "get"
    data: dict = field(default_factory=dict)

    def statuses(self):
        return dict(zip(ROLES, self.expect.split(), strict=True))


def ed(w):
    return [w.edition.slug]


CASES = [
    Case("programs:home", lambda w: [], "200 200 302 302 302 302 302 302 302"),
    Case("programs:dashboard", ed, "login 404 200 200 200 200 200 200 404"),
    Case(
        "programs:dashboard",
        lambda w: [w.other_edition.slug],
        "login 404 200 404 404 404 404 404 200",
    ),
    Case("programs:timeline", ed, "login 404 200 200 200 200 200 200 404"),
    Case("programs:milestone_create", ed, "login 404 403 403 403 403 403 200 404"),
    Case(
        "programs:milestone_update",
        lambda w: [w.edition.slug, w.milestone.pk],
        "login 404 403 403 403 403 403 200 404",
    ),
    Case(
        "programs:milestone_update",
        lambda w: [w.edition.slug, w.other_milestone.pk],
        "login 404 403 403 403 403 403 404 404",
    ),
    Case(
        "programs:milestone_delete",
        lambda w: [w.edition.slug, w.milestone.pk],
        "login 404 403 403 403 403 403 200 404",
    ),
    Case("programs:associations", ed, "login 404 403 403 403 200 200 200 404"),
    Case(
        "programs:association",
        lambda w: [w.edition.slug, "PL"],
        "login 404 404 404 404 200 404 200 404",
    ),
    Case(
        "programs:association",
        lambda w: [w.edition.slug, "HU"],
        "login 404 404 404 404 404 200 200 404",
    ),
    Case("programs:join", ed, "200 200 200 200 200 200 200 200 200"),
    Case("programs:join_thanks", ed, "200 200 200 200 200 200 200 200 200"),
    Case("programs:join_requests", ed, "login 404 403 403 403 403 403 200 404"),
    Case(
        "programs:join_request_decide",
        lambda w: [w.edition.slug, w.join_request.pk],
        "login 404 403 403 403 403 403 302 404",
        method="post",
        data={"decision": "decline"},
    ),
    Case(
        "programs:join_request_decide",
        lambda w: [w.edition.slug, w.other_join_request.pk],
        "login 404 403 403 403 403 403 404 404",
        method="post",
        data={"decision": "decline"},
    ),
    Case("people:profile", lambda w: [], "login 200 200 200 200 200 200 200 200"),
    Case("admin:index", lambda w: [], "302 302 302 302 302 302 302 302 302"),
    Case("account_login", lambda w: [], "200 302 302 302 302 302 302 302 302"),
    Case("account_signup", lambda w: [], "200 302 302 302 302 302 302 302 302"),
    Case("account_reset_password", lambda w: [], "200 200 200 200 200 200 200 200 200"),
    Case(
        "account_change_password", lambda w: [], "login 200 200 200 200 200 200 200 200"
    ),
    Case("account_logout", lambda w: [], "302 200 200 200 200 200 200 200 200"),
    Case("mfa_index", lambda w: [], "login 200 200 200 200 200 200 200 200"),
]

# Project URL names that carry a namespace of ours must each appear above; the
# allauth and admin pages listed above stand for those libraries' own pages.
OWN_NAMESPACES = {"programs", "people"}


def client_for(client, world, role):
    if role != "anonymous":
        client.force_login(world.people[role])
    return client


@pytest.mark.parametrize(
    ("case", "role"),
    [(case, role) for case in CASES for role in ROLES],
    ids=lambda value: value if isinstance(value, str) else value.url_name,
)
def test_each_role_gets_exactly_its_scope(client, world, case, role):
    url = reverse(case.url_name, args=case.args(world))
    client = client_for(client, world, role)

    response = getattr(client, case.method)(url, case.data)

    expected = case.statuses()[role]
    if expected == "login":
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))
    else:
        assert response.status_code == int(expected), (url, role)


def test_every_url_of_ours_is_in_the_table():
    resolver = get_resolver()
    ours = {
        f"{namespace}:{name}"
        for namespace, (prefix, sub) in resolver.namespace_dict.items()
        if namespace in OWN_NAMESPACES
        for name in sub.reverse_dict
        if isinstance(name, str)
    }

    covered = {case.url_name for case in CASES}

    assert ours - covered == set()


@pytest.mark.parametrize(
    "url_name",
    ["programs:dashboard", "programs:timeline", "programs:associations"],
)
def test_national_coordinator_never_sees_the_other_association(client, world, url_name):
    client.force_login(world.people["national_a"])

    response = client.get(reverse(url_name, args=[world.edition.slug]))

    assert response.status_code == 200
    assert MARKER not in response.content.decode()
