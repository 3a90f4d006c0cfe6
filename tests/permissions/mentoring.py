"""Pages of mentoring: pairs, meetings, the checkpoint, cases, settings.

The world gets an international pair, mentor_b → mentee_a, with a meeting whose
private note and a concern carry their own markers, and a local pair in B.
"""

import datetime as dt

from tandem.mentoring.domain import cases, meetings
from tandem.mentoring.models import Case
from tests import factories
from tests.conftest import MARKER
from tests.mentoring.helpers import activate, publish
from tests.permissions import Case as Row

NOTE_MARKER = "Qqprivatenote"
CONCERN_MARKER = "Qqconcern"


def extend_world(world):
    people, a, b = world.people, world.association_a, world.association_b
    international = people["international"]
    pair = activate(
        publish(
            world.edition,
            (people["mentor_b"], b),
            (people["mentee_a"], a),
            actor=international,
        )
    )
    meeting = meetings.log_meeting(
        pair,
        actor=people["mentee_a"],
        held_on=dt.date(2023, 12, 5),
        duration_minutes=60,
        mode="online",
        topics="Career plan",
        private_note=f"{NOTE_MARKER} she seemed tired",
        at=dt.datetime(2023, 12, 6, 9, tzinfo=dt.UTC),
    )
    concern = cases.raise_concern(
        pair, f"{CONCERN_MARKER}: my mentee cancels often", actor=people["mentor_b"]
    )
    case_a = cases.open_case(
        world.edition,
        actor=people["national_a"],
        kind=Case.Kind.CONFLICT,
        summary="Different expectations about meeting frequency.",
        association=a,
        pair=pair,
    )
    local_b = publish(
        world.edition,
        (factories.make_member(b, f"Gábor {MARKER}"), b),
        (factories.make_member(b, f"Dóra {MARKER}"), b),
        actor=international,
    )
    world.extra.update(
        pair=pair, meeting=meeting, concern=concern, case_a=case_a, local_b=local_b
    )


def ed(w):
    return [w.edition.slug]


def pair(w):
    return [w.edition.slug, w.extra["pair"].pk]


COORDINATORS = "login 404 403 403 403 403 403 200 200 200 404"
INTERNATIONAL = "login 404 403 403 403 403 403 403 403 200 404"
IN_PAIR = "login 404 404 404 200 200 404 403 403 403 404"
TRACKS_PAIR = "login 404 404 404 403 403 404 302 403 302 404"

CASES = [
    Row("mentoring:mine", ed, "login 404 200 200 200 200 403 403 403 403 404"),
    Row("mentoring:pairs", ed, COORDINATORS),
    Row("mentoring:pair", pair, "login 404 404 404 200 200 404 200 200 200 404"),
    Row(
        "mentoring:pair",
        lambda w: [w.edition.slug, w.extra["local_b"].pk],
        "login 404 404 404 404 404 404 404 200 200 404",
    ),
    Row(
        "mentoring:pair",
        lambda w: [w.other_edition.slug, w.extra["pair"].pk],
        "login 404 404 404 404 404 404 404 404 404 404",
    ),
    Row(
        "mentoring:accept",
        pair,
        "login 404 404 404 302 302 404 403 403 403 404",
        method="post",
    ),
    Row(
        "mentoring:state",
        pair,
        TRACKS_PAIR,
        method="post",
        data={"action": "pause", "reason": "Holiday"},
    ),
    Row("mentoring:meeting_log", pair, IN_PAIR),
    Row(
        "mentoring:meeting_respond",
        lambda w: [w.edition.slug, w.extra["meeting"].pk],
        "login 404 404 404 403 302 404 403 403 403 404",
        method="post",
        data={"answer": "confirm"},
    ),
    Row("mentoring:concern", pair, IN_PAIR),
    Row(
        "mentoring:checkpoint_review",
        pair,
        TRACKS_PAIR,
        method="post",
        data={"confirmed": "active"},
    ),
    Row("mentoring:checkpoint", ed, COORDINATORS),
    Row(
        "mentoring:checkpoint_association",
        lambda w: [w.edition.slug, "PL"],
        "login 404 404 404 404 404 404 200 404 200 404",
    ),
    Row(
        "mentoring:checkpoint_association",
        lambda w: [w.edition.slug, "HU"],
        "login 404 404 404 404 404 404 404 200 200 404",
    ),
    Row(
        "mentoring:checkpoint_export", lambda w: [w.edition.slug, "csv"], INTERNATIONAL
    ),
    Row(
        "mentoring:checkpoint_export", lambda w: [w.edition.slug, "xlsx"], INTERNATIONAL
    ),
    Row("mentoring:cases", ed, COORDINATORS),
    Row("mentoring:case_open", ed, COORDINATORS),
    Row(
        "mentoring:case",
        lambda w: [w.edition.slug, w.extra["case_a"].pk],
        "login 404 404 404 404 404 404 200 404 200 404",
    ),
    Row(
        "mentoring:case",
        lambda w: [w.edition.slug, w.extra["concern"].pk],
        "login 404 404 404 404 404 404 404 200 200 404",
    ),
    Row(
        "mentoring:case_update",
        lambda w: [w.edition.slug, w.extra["case_a"].pk],
        "login 404 404 404 404 404 404 302 404 302 404",
        method="post",
        data={"state": "in_progress", "note": "Called both."},
    ),
    Row("mentoring:contract", ed, INTERNATIONAL),
    Row("mentoring:rule", ed, INTERNATIONAL),
]
