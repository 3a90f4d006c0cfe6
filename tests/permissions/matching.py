"""Pages of matching: the board, runs, edits, publishing, comparing, suggestions.

The world gets a run of its own cohort: in A, mentee_a (Polish, left unmatched); in
B, mentor_b and two marked members, all speaking only Hungarian, so B's pairs never
involve A and A's coordinator must never see their names. A suggestion of B's
coordinator is pending. No member is added to A: other apps' tests count A's.
"""

from tandem.matching.domain import runs, suggestions
from tandem.matching.models import default_weights
from tests import factories
from tests.conftest import MARKER
from tests.matching.helpers import mentee, mentor
from tests.permissions import Case as Row


def extend_world(world):
    people, a, b, edition = (
        world.people,
        world.association_a,
        world.association_b,
        world.edition,
    )
    mentee(edition, a, "Zoë Nowak", person=people["mentee_a"])
    hu = {"native_language": "Hungarian"}
    mentor(edition, b, f"Gábor {MARKER}", **hu)
    b_mentor = mentor(edition, b, "", person=people["mentor_b"], **hu)
    b_mentee = mentee(edition, b, f"Dóra {MARKER}", **hu)
    run = runs.start_run(edition, actor=people["international"])
    other = factories.make_association("ES", "Alumni Spain")
    factories.join(world.other_edition, other)
    spanish = {"native_language": "Spanish"}
    mentor(world.other_edition, other, "Lucía García", **spanish)
    mentee(world.other_edition, other, "Pablo Ruiz", **spanish)
    other_run = runs.start_run(world.other_edition, actor=people["international_other"])
    suggestion = suggestions.file_suggestion(
        edition,
        actor=people["national_b"],
        mentor=b_mentor,
        mentee=b_mentee,
        kind="pair",
        reason="Same city",
    )
    world.extra.update(run=run, other_run=other_run, suggestion=suggestion)


def ed(w):
    return [w.edition.slug]


def run(w):
    return [w.edition.slug, w.extra["run"].pk]


BOARD = "login 404 403 403 403 403 403 200 200 200 404"
ACTION = "login 404 403 403 403 403 403 403 403 302 404"
NOWHERE = "login 404 404 404 404 404 404 404 404 404 404"

CASES = [
    Row("matching:board", ed, BOARD),
    Row("matching:run", run, BOARD),
    Row("matching:run", lambda w: [w.edition.slug, w.extra["other_run"].pk], NOWHERE),
    Row(
        "matching:run",
        lambda w: [w.other_edition.slug, w.extra["other_run"].pk],
        "login 404 403 404 403 404 404 404 404 404 200",
    ),
    Row("matching:export", run, BOARD),
    Row("matching:start", ed, ACTION, method="post"),
    Row("matching:weights", ed, "login 404 403 403 403 403 403 403 403 200 404"),
    Row("matching:weights", ed, ACTION, method="post", data=default_weights()),
    Row("matching:change", run, ACTION, method="post", data={"action": "pin"}),
    Row("matching:publish", run, ACTION, method="post"),
    Row(
        "matching:compare",
        lambda w: [w.edition.slug, w.extra["run"].pk, w.extra["run"].pk],
        "login 404 403 403 403 403 403 403 403 200 404",
    ),
    Row(
        "matching:compare_pick",
        ed,
        ACTION,
        data={"a": "1", "b": "1"},
    ),
    Row(
        "matching:suggest",
        ed,
        "login 404 403 403 403 403 403 302 302 403 404",
        method="post",
        data={"kind": "pair"},
    ),
    Row(
        "matching:decide",
        lambda w: [w.edition.slug, w.extra["suggestion"].pk],
        ACTION,
        method="post",
        data={"accept": "no"},
    ),
]
