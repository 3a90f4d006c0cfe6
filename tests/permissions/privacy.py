"""The person's own privacy pages: everyone signed in, about themselves only.

No URL names a person, so there is no other person's object to reach; the
tests in tests/privacy check that each page shows the visitor's own data.
"""

from tests.permissions import Case

EVERYONE = "login 200 200 200 200 200 200 200 200 200 200"
REDIRECTED = "login 302 302 302 302 302 302 302 302 302 302"


def none(w):
    return []


CASES = [
    Case("privacy:home", none, EVERYONE),
    Case("privacy:data_page", none, EVERYONE),
    Case("privacy:data_json", none, EVERYONE),
    Case("privacy:withdraw", none, EVERYONE),
    Case("privacy:withdraw", none, REDIRECTED, method="post"),
    Case("privacy:erase", none, EVERYONE),
    # A wrong password shows the form again, for every role.
    Case(
        "privacy:erase",
        none,
        EVERYONE,
        method="post",
        data={"password": "not-the-password", "confirm": "on"},
    ),
]
