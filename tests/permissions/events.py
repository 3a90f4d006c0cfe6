"""Pages of trainings and events: lists, rosters, imports, calendars."""

from tandem.events.domain.calendar import feed_of
from tandem.events.models import AttendanceImport, Event
from tests.events.builders import at, make_event
from tests.mentoring.helpers import make_application
from tests.permissions import Case

ZOOM_LINES = (
    "Name (Original Name),User Email,Total Duration (Minutes),Guest\r\n"
    "Zoë Nowak,mentee@example.org,60,No\r\n"
)


def extend_world(world):
    """mentee_a is an accepted mentee of A, mentor_b an accepted mentor of B;
    member_a and member_b are members who were not accepted."""
    edition = world.edition
    # The applications table created both applications already; accept them.
    make_application(world.people["mentee_a"], edition, world.association_a, "mentee")
    make_application(world.people["mentor_b"], edition, world.association_b, "mentor")
    mentee_event = make_event(
        edition, "Mentee training", audience=Event.Audience.MENTEES
    )
    world.extra.update(
        mentor_event=make_event(edition, "Mentor training 1"),
        mentee_event=mentee_event,
        other_event=make_event(
            world.other_edition,
            "Mentor training 2024",
            starts_at=at("2024-11-14 18:00"),
            ends_at=at("2024-11-14 20:00"),
        ),
        feed_token=feed_of(world.people["mentee_a"]).token,
        upload=AttendanceImport.objects.create(
            event=mentee_event,
            uploaded_by=world.people["training_partner"],
            filename="zoom.csv",
            data=ZOOM_LINES.encode(),
        ),
    )


def ed(w):
    return [w.edition.slug]


def event(name):
    return lambda w: [w.edition.slug, w.extra[name].pk]


EVENT_FORM = {
    "title": "Mid-term training",
    "kind": "mid_term_training",
    "audience": "mentors",
    "starts": "2024-03-12T18:00",
    "ends": "2024-03-12T20:00",
    "time_zone": "Europe/Warsaw",
    "online_url": "https://meet.example.org/mid-term",
}

# Roles: anonymous nobody member_a member_b mentee_a mentor_b training_partner
#        national_a national_b international international_other
CASES = [
    Case("events:list", ed, "login 404 200 200 200 200 200 200 200 200 404"),
    Case("events:create", ed, "login 404 403 403 403 403 200 403 403 200 404"),
    Case(
        "events:create",
        ed,
        "login 404 403 403 403 403 302 403 403 302 404",
        method="post",
        data=EVENT_FORM,
    ),
    Case(
        "events:detail",
        event("mentor_event"),
        "login 404 404 404 404 200 200 200 200 200 404",
    ),
    Case(
        "events:detail",
        event("mentee_event"),
        "login 404 404 404 200 404 200 200 200 200 404",
    ),
    Case(
        "events:detail",
        event("other_event"),
        "login 404 404 404 404 404 404 404 404 404 404",
    ),
    Case(
        "events:update",
        event("mentor_event"),
        "login 404 404 404 404 403 200 403 403 200 404",
    ),
    Case(
        "events:update",
        event("mentor_event"),
        "login 404 404 404 404 403 302 403 403 302 404",
        method="post",
        data=EVENT_FORM,
    ),
    Case(
        "events:ics",
        event("mentee_event"),
        "login 404 404 404 200 404 200 200 200 200 404",
    ),
    Case(
        "events:roster",
        event("mentor_event"),
        "login 404 404 404 404 403 200 200 200 200 404",
    ),
    Case(
        "events:roster",
        event("mentor_event"),
        "login 404 404 404 404 403 302 302 302 302 404",
        method="post",
        data={"present": []},
    ),
    Case(
        "events:import",
        event("mentee_event"),
        "login 404 404 404 403 404 200 200 200 200 404",
    ),
    Case(
        "events:import_report",
        lambda w: [w.edition.slug, w.extra["mentee_event"].pk, w.extra["upload"].pk],
        "login 404 404 404 403 404 200 404 404 404 404",
    ),
    Case("events:mine", ed, "login 404 403 403 200 200 403 403 403 403 404"),
    Case(
        "events:feed_renew",
        ed,
        "login 404 403 403 302 302 403 403 403 403 404",
        method="post",
    ),
    Case(
        "events:feed",
        lambda w: [w.edition.slug, w.extra["feed_token"]],
        "200 200 200 200 200 200 200 200 200 200 200",
    ),
    Case(
        "events:feed",
        lambda w: [w.edition.slug, "not-the-token"],
        "404 404 404 404 404 404 404 404 404 404 404",
    ),
]
