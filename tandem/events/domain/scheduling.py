"""Scheduling events: the one place an event is created or changed."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from tandem.core import audit
from tandem.events.models import Event

# A change of any of these makes calendars that hold the event replace it.
CALENDAR_FIELDS = ("title", "starts_at", "ends_at", "time_zone", "online_url", "place")
EDITABLE = (
    *CALENDAR_FIELDS,
    "kind",
    "audience",
    "mandatory",
    "capacity",
    "description",
)


def aware(wall_clock, zone, field):
    """A wall-clock time in ``zone`` as an aware datetime; refuses a time that the
    zone skips when clocks go forward, naming ``field``."""
    value = wall_clock.replace(tzinfo=zone)
    try:
        back = value.astimezone(dt.UTC).astimezone(zone).replace(tzinfo=None)
    except OverflowError:
        # Year 1 or 9999 typed in a zone away from UTC falls off the calendar.
        raise ValidationError(
            {
                field: f"{wall_clock.day} {wall_clock:%b} {wall_clock.year:04d} "
                f"{wall_clock:%H:%M} cannot be read in {zone.key}."
            }
        ) from None
    if back != wall_clock.replace(tzinfo=None):
        raise ValidationError(
            {
                field: f"{wall_clock:%d %b %Y %H:%M} does not exist in {zone.key}: "
                "the clocks go forward at that hour."
            }
        )
    return value.astimezone(dt.UTC)


@transaction.atomic
def schedule_event(edition, *, actor, **fields):
    """Create an event of the edition; raises ValidationError naming the field."""
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise TypeError(f"not an event field: {', '.join(sorted(unknown))}")
    event = Event(edition=edition, **fields)
    event.full_clean()
    event.save()
    audit.record("event.scheduled", event, actor=actor, edition=edition)
    return event


@transaction.atomic
def change_event(event, *, actor, **fields):
    """Change an event; calendars see the new version when its time or place moved.

    Nothing is saved when a value is refused.
    """
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise TypeError(f"not an event field: {', '.join(sorted(unknown))}")
    event = Event.objects.select_for_update().get(pk=event.pk)
    moved = any(
        getattr(event, name) != fields[name]
        for name in CALENDAR_FIELDS
        if name in fields
    )
    for name, value in fields.items():
        setattr(event, name, value)
    event.full_clean()
    if moved:
        event.sequence += 1
    event.save()
    audit.record(
        "event.moved" if moved else "event.changed",
        event,
        actor=actor,
        edition=event.edition,
    )
    return event
