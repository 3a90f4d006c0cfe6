"""Participants' events in their own zone, .ics files and feeds across DST changes."""

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.urls import reverse

from tandem.events.domain.calendar import calendar_bytes, event_uid, feed_of
from tandem.events.domain.scheduling import change_event
from tandem.events.models import Attendance, Event
from tests.events.builders import at, make_event, make_participant

WARSAW = ZoneInfo("Europe/Warsaw")


def parse(data):
    calendar = icalendar.Calendar.from_ical(data)
    return calendar, list(calendar.walk("VEVENT"))


def test_an_ics_file_keeps_the_events_zone_with_its_vtimezone(world):
    event = make_event(
        world.edition,
        starts_at=at("2024-03-31 18:00"),
        ends_at=at("2024-03-31 20:00"),
    )

    data = calendar_bytes([event], name="Tandem")

    calendar, (vevent,) = parse(data)
    assert b"DTSTART;TZID=Europe/Warsaw:20240331T180000" in data
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Warsaw"]
    assert vevent["UID"] == f"event-{event.pk}@events.tandem"
    assert vevent.decoded("DTSTART").astimezone(dt.UTC) == dt.datetime(
        2024, 3, 31, 16, 0, tzinfo=dt.UTC
    )


def test_a_moved_event_keeps_its_uid_and_raises_sequence_and_last_modified(world):
    # iCalendar counts whole seconds, so the first version is made older.
    Event.objects.filter(pk=world.extra["mentor_event"].pk).update(
        updated_at=dt.datetime(2023, 10, 1, 9, 0, tzinfo=dt.UTC)
    )
    event = Event.objects.get(pk=world.extra["mentor_event"].pk)
    before = parse(calendar_bytes([event], name="Tandem"))[1][0]

    moved = change_event(
        event,
        actor=world.people["training_partner"],
        starts_at=at("2023-11-15 18:00"),
        ends_at=at("2023-11-15 20:00"),
    )
    after = parse(calendar_bytes([moved], name="Tandem"))[1][0]

    assert after["UID"] == before["UID"] == event_uid(event)
    assert (before["SEQUENCE"], after["SEQUENCE"]) == (0, 1)
    assert after.decoded("LAST-MODIFIED") > before.decoded("LAST-MODIFIED")
    assert after.decoded("DTSTART").date() == dt.date(2023, 11, 15)


# An event at 18:00 in Warsaw on each DST change of 2024, seen from UTC+0 to UTC+4.
DST_DAYS = [
    (
        "2024-03-31",
        {"Europe/London": "17:00", "Europe/Warsaw": "18:00", "Asia/Dubai": "20:00"},
    ),
    (
        "2024-10-27",
        {"Europe/London": "17:00", "Europe/Warsaw": "18:00", "Asia/Dubai": "21:00"},
    ),
]


@pytest.mark.parametrize(("day", "local_times"), DST_DAYS)
@pytest.mark.parametrize("zone", ["Europe/London", "Europe/Warsaw", "Asia/Dubai"])
def test_participants_see_an_event_on_a_dst_day_in_their_own_zone(
    client, world, day, local_times, zone
):
    event = make_event(
        world.edition,
        "Meta-mentoring",
        kind=Event.Kind.META_MENTORING,
        mandatory=False,
        starts_at=at(f"{day} 18:00"),
        ends_at=at(f"{day} 20:00"),
    )
    person = make_participant(
        world.edition, world.association_a, "mentor", time_zone=zone
    )
    client.force_login(person)

    page = client.get(reverse("events:mine", args=[world.edition.slug]))
    detail = client.get(reverse("events:detail", args=[world.edition.slug, event.pk]))

    shown = dt.date.fromisoformat(day).strftime("%a %-d %b %Y")
    assert f"{shown}, {local_times[zone]}" in page.content.decode()
    assert f"your time zone, {zone}" in page.content.decode()
    assert f"{shown}, {local_times[zone]}" in detail.content.decode()


@pytest.mark.parametrize(("day", "local_times"), DST_DAYS)
def test_the_feed_places_a_dst_day_event_at_the_same_instant_everywhere(
    client, world, day, local_times
):
    make_event(
        world.edition,
        starts_at=at(f"{day} 18:00"),
        ends_at=at(f"{day} 20:00"),
    )
    person = make_participant(world.edition, world.association_a, "mentor")
    token = feed_of(person).token

    response = client.get(reverse("events:feed", args=[world.edition.slug, token]))

    _, events = parse(response.content)
    starts = [e.decoded("DTSTART") for e in events if e.decoded("DTSTART").year == 2024]
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert [
        {zone: s.astimezone(ZoneInfo(zone)).strftime("%H:%M") for zone in local_times}
        for s in starts
    ] == [local_times]


def test_a_feed_holds_only_the_events_for_its_person(client, world):
    token = feed_of(world.people["mentee_a"]).token

    response = client.get(reverse("events:feed", args=[world.edition.slug, token]))

    _, events = parse(response.content)
    assert [str(e["SUMMARY"]) for e in events] == ["Mentee training"]


def test_a_renewed_feed_address_retires_the_old_one(client, world):
    mentee = world.people["mentee_a"]
    old = feed_of(mentee).token
    client.force_login(mentee)

    client.post(reverse("events:feed_renew", args=[world.edition.slug]))
    client.logout()

    new = feed_of(mentee).token
    assert new != old
    assert (
        client.get(reverse("events:feed", args=[world.edition.slug, old])).status_code
        == 404
    )
    assert (
        client.get(reverse("events:feed", args=[world.edition.slug, new])).status_code
        == 200
    )


def test_a_mentor_sees_the_mandatory_trainings_still_missed(client, world):
    mentor = make_participant(world.edition, world.association_a, "mentor", "Ewa Lis")
    first = world.extra["mentor_event"]
    second = make_event(
        world.edition,
        "Mentor training 2",
        starts_at=at("2023-11-16 18:00"),
        ends_at=at("2023-11-16 20:00"),
    )
    third = make_event(
        world.edition,
        "Mentor training 3",
        starts_at=at("2023-11-23 18:00"),
        ends_at=at("2023-11-23 20:00"),
    )
    Attendance.objects.create(
        event=first,
        person=mentor,
        minutes=120,
        source="roster",
        recorded_at=first.ends_at,
    )
    client.force_login(mentor)

    response = client.get(reverse("events:mine", args=[world.edition.slug]))

    assert list(response.context["missing"]) == [second, third]
    assert [e.title for e in response.context["events"]] == [
        "Mentor training 1",
        "Mentor training 2",
        "Mentor training 3",
    ]


def test_the_ics_download_is_one_event_as_an_attachment(client, world):
    event = world.extra["mentee_event"]
    client.force_login(world.people["mentee_a"])

    response = client.get(reverse("events:ics", args=[world.edition.slug, event.pk]))

    _, events = parse(response.content)
    assert response["Content-Disposition"] == (
        f'attachment; filename="tandem-event-{event.pk}.ics"'
    )
    assert [str(e["SUMMARY"]) for e in events] == ["Mentee training"]
