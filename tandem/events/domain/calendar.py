"""Events as iCalendar: one event's .ics file and each person's feed.

Each event keeps one UID for life and raises SEQUENCE when its time or place
moves, so calendar programs replace the copy they hold instead of adding one.
Times are written in the event's own zone with its VTIMEZONE, so a person's
calendar shows them in whatever zone it is set to.
"""

import datetime as dt

import icalendar
from django.db import transaction

from tandem.core import audit
from tandem.events.models import CalendarFeed, new_feed_token

PRODID = "-//Tandem//Trainings and events//EN"
UID_DOMAIN = "events.tandem"


def event_uid(event):
    return f"event-{event.pk}@{UID_DOMAIN}"


def calendar_bytes(events, *, name):
    events = list(events)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    for event in events:
        calendar.add_component(_vevent(event))
    if events:
        # Only the transitions around the events, so the file stays small.
        calendar.add_missing_timezones(
            first_date=min(e.starts_at for e in events).date() - dt.timedelta(days=1),
            last_date=max(e.ends_at for e in events).date() + dt.timedelta(days=1),
        )
    return calendar.to_ical()


def _vevent(event):
    zone = event.zone
    vevent = icalendar.Event()
    vevent.add("uid", event_uid(event))
    # Without a METHOD, DTSTAMP is the time of the last change (RFC 5545, 3.8.7.2).
    vevent.add("dtstamp", event.updated_at.astimezone(dt.UTC))
    vevent.add("last-modified", event.updated_at.astimezone(dt.UTC))
    vevent.add("sequence", event.sequence)
    vevent.add("summary", event.title)
    vevent.add("dtstart", event.starts_at.astimezone(zone))
    vevent.add("dtend", event.ends_at.astimezone(zone))
    location = ", ".join(part for part in (event.place, event.online_url) if part)
    vevent.add("location", location)
    if event.online_url:
        vevent.add("url", event.online_url)
    if event.description:
        vevent.add("description", event.description)
    vevent.add("categories", [event.get_kind_display()])
    return vevent


def feed_of(person):
    feed, _ = CalendarFeed.objects.get_or_create(person=person)
    return feed


@transaction.atomic
def renew_feed(person, *, actor):
    """Give the person a new feed address; the old one answers 404 from now on."""
    feed = feed_of(person)
    feed.token = new_feed_token()
    feed.save(update_fields=["token"])
    audit.record("calendar_feed.renewed", feed, actor=actor)
    return feed
