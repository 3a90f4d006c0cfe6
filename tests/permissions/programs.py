"""Pages of editions, associations, profiles, and the libraries' own pages."""

from tests.permissions import Case


def ed(w):
    return [w.edition.slug]


CASES = [
    Case("programs:home", lambda w: [], "200 200 302 302 302 302 302 302 302 302 302"),
    Case("programs:dashboard", ed, "login 404 200 200 200 200 200 200 200 200 404"),
    Case(
        "programs:dashboard",
        lambda w: [w.other_edition.slug],
        "login 404 200 404 200 404 404 404 404 404 200",
    ),
    Case("programs:timeline", ed, "login 404 200 200 200 200 200 200 200 200 404"),
    Case(
        "programs:milestone_create", ed, "login 404 403 403 403 403 403 403 403 200 404"
    ),
    Case(
        "programs:milestone_update",
        lambda w: [w.edition.slug, w.milestone.pk],
        "login 404 403 403 403 403 403 403 403 200 404",
    ),
    Case(
        "programs:milestone_update",
        lambda w: [w.edition.slug, w.other_milestone.pk],
        "login 404 403 403 403 403 403 403 403 404 404",
    ),
    Case(
        "programs:milestone_delete",
        lambda w: [w.edition.slug, w.milestone.pk],
        "login 404 403 403 403 403 403 403 403 200 404",
    ),
    Case("programs:associations", ed, "login 404 403 403 403 403 403 200 200 200 404"),
    Case(
        "programs:association",
        lambda w: [w.edition.slug, "PL"],
        "login 404 404 404 404 404 404 200 404 200 404",
    ),
    Case(
        "programs:association",
        lambda w: [w.edition.slug, "HU"],
        "login 404 404 404 404 404 404 404 200 200 404",
    ),
    Case("programs:join", ed, "200 200 200 200 200 200 200 200 200 200 200"),
    Case("programs:join_thanks", ed, "200 200 200 200 200 200 200 200 200 200 200"),
    Case("programs:join_requests", ed, "login 404 403 403 403 403 403 403 403 200 404"),
    Case(
        "programs:join_request_decide",
        lambda w: [w.edition.slug, w.join_request.pk],
        "login 404 403 403 403 403 403 403 403 302 404",
        method="post",
        data={"decision": "decline"},
    ),
    Case(
        "programs:join_request_decide",
        lambda w: [w.edition.slug, w.other_join_request.pk],
        "login 404 403 403 403 403 403 403 403 404 404",
        method="post",
        data={"decision": "decline"},
    ),
    Case(
        "people:profile", lambda w: [], "login 200 200 200 200 200 200 200 200 200 200"
    ),
    Case("admin:index", lambda w: [], "302 302 302 302 302 302 302 302 302 302 302"),
    Case("account_login", lambda w: [], "200 302 302 302 302 302 302 302 302 302 302"),
    Case("account_signup", lambda w: [], "200 302 302 302 302 302 302 302 302 302 302"),
    Case(
        "account_reset_password",
        lambda w: [],
        "200 200 200 200 200 200 200 200 200 200 200",
    ),
    Case(
        "account_change_password",
        lambda w: [],
        "login 200 200 200 200 200 200 200 200 200 200",
    ),
    Case("account_logout", lambda w: [], "302 200 200 200 200 200 200 200 200 200 200"),
    Case("mfa_index", lambda w: [], "login 200 200 200 200 200 200 200 200 200 200"),
]
