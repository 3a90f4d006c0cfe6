"""Named permissions of events.

Rules receive an Edition or an Event. Views check a scope rule first (404 when it
fails) and then the action's rule (403). The training partner schedules trainings
and records attendance; it sees attendees' names and nothing else about them.
"""

import rules

from tandem.events.domain.people import is_for, participant_roles
from tandem.programs.rules import (
    is_international_coordinator,
    is_national_coordinator,
    is_training_partner,
    takes_part,
)


def _edition_of(obj):
    return getattr(obj, "edition", obj)


@rules.predicate
def is_participant(person, obj):
    return bool(participant_roles(person, _edition_of(obj)))


@rules.predicate
def is_in_audience(person, event):
    return is_for(event, person)


organiser = is_international_coordinator | is_training_partner
staff = organiser | is_national_coordinator

rules.add_perm("events.view_list", takes_part)
rules.add_perm("events.see_event", staff | is_in_audience)
rules.add_perm("events.schedule", organiser)
rules.add_perm("events.record_attendance", staff)
rules.add_perm("events.view_mine", is_participant)
