"""The trainings and events of the 2023/24 demo edition, as the call describes them.

Each event is looked up by edition and title before it is written, so loading the
demo twice changes nothing.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from tandem.events.models import Event

ZONE = "Europe/Warsaw"
ONLINE = "https://meet.example.org/tandem-2023-24"

K = Event.Kind
A = Event.Audience

# title, kind, audience, mandatory, day; every event runs 18:00–20:00 Warsaw time
# except the mentee training, which ends at 19:30.
EVENTS = [
    ("Mentor training 1", K.MANDATORY_TRAINING, A.MENTORS, True, "2023-11-14"),
    ("Mentor training 2", K.MANDATORY_TRAINING, A.MENTORS, True, "2023-11-16"),
    ("Mentee training", K.MANDATORY_TRAINING, A.MENTEES, True, "2023-11-21"),
    ("Mentor training 3", K.MANDATORY_TRAINING, A.MENTORS, True, "2023-11-23"),
    ("Mid-term training", K.MID_TERM_TRAINING, A.MENTORS, False, "2024-03-12"),
    ("Meta-mentoring session 1", K.META_MENTORING, A.MENTORS, False, "2024-03-19"),
    ("Meta-mentoring session 2", K.META_MENTORING, A.MENTORS, False, "2024-03-20"),
    ("Meta-mentoring session 3", K.META_MENTORING, A.MENTORS, False, "2024-03-21"),
    ("Final training", K.FINAL_TRAINING, A.MENTORS, False, "2024-05-14"),
    ("Closure ceremony", K.CLOSURE, A.BOTH, False, "2024-06-14"),
]
SHORTER = {"Mentee training": dt.timedelta(minutes=30)}
DESCRIPTIONS = {
    K.MANDATORY_TRAINING: "Given by the training partner; every participant of the "
    "audience takes it before the pairs start.",
    K.META_MENTORING: "Mentors compare notes in small groups, one session a day.",
    K.CLOSURE: "The year ends: pairs, coordinators and certificates for mentors.",
}


def _at(day, hour):
    return dt.datetime.combine(
        dt.date.fromisoformat(day), dt.time(hour), tzinfo=ZoneInfo(ZONE)
    ).astimezone(dt.UTC)


def load_demo_events(edition):
    """Create or refresh the demo edition's events; returns them in order."""
    events = []
    for title, kind, audience, mandatory, day in EVENTS:
        ends = _at(day, 20) - SHORTER.get(title, dt.timedelta(0))
        event, _ = Event.objects.update_or_create(
            edition=edition,
            title=title,
            defaults={
                "kind": kind,
                "audience": audience,
                "mandatory": mandatory,
                "starts_at": _at(day, 18),
                "ends_at": ends,
                "time_zone": ZONE,
                "online_url": ONLINE,
                "description": DESCRIPTIONS.get(kind, ""),
            },
        )
        events.append(event)
    return events
