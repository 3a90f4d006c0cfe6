"""Logging meetings: refusals, and the day a person meant across zones and DST."""

import datetime as dt
import zoneinfo

import pytest
from django.core.exceptions import ValidationError

from tandem.core.models import AuditEntry
from tandem.mentoring.domain.meetings import log_meeting, respond_to_meeting
from tandem.mentoring.models import Meeting, Pair, PrivateNote
from tests import factories
from tests.mentoring.helpers import activate, publish

UTC = dt.UTC


def at(text, zone):
    """An aware moment from a wall-clock reading in a zone."""
    return dt.datetime.fromisoformat(text).replace(tzinfo=zoneinfo.ZoneInfo(zone))


@pytest.fixture
def pair_in(world):
    def make(mentor_zone="Europe/Warsaw", mentee_zone="Europe/Warsaw", **kwargs):
        a = world.association_a
        mentor = factories.make_member(a, "Piotr Kowal", time_zone=mentor_zone)
        mentee = factories.make_member(a, "Ewa Lis", time_zone=mentee_zone)
        pair = publish(
            world.edition,
            (mentor, a),
            (mentee, a),
            actor=world.people["international"],
            **kwargs,
        )
        return activate(pair, on=kwargs.get("on", dt.date(2023, 12, 1)))

    return make


def log(pair, person, day, *, when, start=None, minutes=60, **extra):
    return log_meeting(
        pair,
        actor=person,
        held_on=day,
        start=start,
        duration_minutes=minutes,
        mode=extra.pop("mode", "online"),
        at=when,
        **extra,
    )


def test_a_meeting_keeps_its_facts_and_the_authors_note(pair_in):
    pair = pair_in()
    mentee = pair.mentee.person

    meeting = log(
        pair,
        mentee,
        dt.date(2023, 12, 12),
        when=at("2023-12-12T20:00", "Europe/Warsaw"),
        minutes=45,
        topics="CV review",
        private_note="Felt rushed",
    )

    assert (meeting.held_on, meeting.duration_minutes, meeting.topics) == (
        dt.date(2023, 12, 12),
        45,
        "CV review",
    )
    assert meeting.state == Meeting.State.LOGGED
    assert list(meeting.private_notes.values_list("author_id", "text")) == [
        (mentee.pk, "Felt rushed")
    ]


@pytest.mark.parametrize(
    ("day", "minutes", "message"),
    [
        (
            dt.date(2024, 1, 11),
            60,
            "11 January 2024 is in the future; log a meeting once it happened.",
        ),
        (
            dt.date(2023, 11, 30),
            60,
            "30 November 2023 is before the pair began on 1 December 2023.",
        ),
        (
            dt.date(2024, 1, 9),
            481,
            "A meeting lasts from 1 minute to 8 hours (480 minutes).",
        ),
        (
            dt.date(2024, 1, 9),
            0,
            "A meeting lasts from 1 minute to 8 hours (480 minutes).",
        ),
    ],
)
def test_bad_meetings_are_refused_and_nothing_is_saved(pair_in, day, minutes, message):
    pair = pair_in()

    with pytest.raises(ValidationError) as error:
        log(
            pair,
            pair.mentor.person,
            day,
            minutes=minutes,
            when=at("2024-01-10T12:00", "Europe/Warsaw"),
            private_note="kept?",
        )

    assert error.value.messages == [message]
    assert pair.meetings.count() == 0
    assert not PrivateNote.objects.filter(meeting__pair=pair).exists()


def test_someone_outside_the_pair_cannot_log(world, pair_in):
    pair = pair_in()

    with pytest.raises(ValidationError) as error:
        log(
            pair,
            world.people["national_a"],
            dt.date(2024, 1, 9),
            when=at("2024-01-10T12:00", "Europe/Warsaw"),
        )

    assert error.value.messages == [
        "Only the mentor and the mentee of this pair log its meetings."
    ]


def test_a_start_time_still_to_come_today_is_refused(pair_in):
    pair = pair_in()

    with pytest.raises(ValidationError) as error:
        log(
            pair,
            pair.mentor.person,
            dt.date(2024, 1, 10),
            start=dt.time(18, 0),
            when=at("2024-01-10T12:00", "Europe/Warsaw"),
        )

    assert error.value.messages == [
        "18:00 today is still to come; log the meeting afterwards."
    ]


@pytest.mark.parametrize(
    ("zone", "local_now", "utc_start"),
    [
        # Just after midnight in Dubai (UTC+4) it is still the 9th in UTC and Warsaw.
        ("Asia/Dubai", "2024-01-10T00:20", "2024-01-09T20:00"),
        # Late evening in London (UTC+0): already the 10th on the server's clock.
        ("Europe/London", "2024-01-09T23:50", "2024-01-09T23:30"),
        ("Europe/Warsaw", "2024-01-09T23:50", "2024-01-09T22:30"),
        ("Europe/Helsinki", "2024-01-09T23:50", "2024-01-09T21:30"),
        ("Europe/Moscow", "2024-01-09T23:50", "2024-01-09T20:30"),
    ],
)
def test_a_meeting_near_midnight_lands_on_the_day_the_person_meant(
    pair_in, zone, local_now, utc_start
):
    pair = pair_in(mentee_zone=zone)
    now = at(local_now, zone)
    day = now.date()
    start = dt.time(0, 0) if zone == "Asia/Dubai" else dt.time(23, 30)

    meeting = log(pair, pair.mentee.person, day, start=start, when=now)

    meeting.refresh_from_db()
    assert meeting.held_on == day
    assert meeting.time_zone == zone
    assert meeting.starts_at == dt.datetime.fromisoformat(utc_start).replace(tzinfo=UTC)


def test_the_spring_change_of_2024_keeps_day_and_instant(pair_in):
    pair = pair_in()
    # 31 March 2024, 02:30 does not exist in Warsaw; it reads as 01:30 UTC.
    meeting = log(
        pair,
        pair.mentor.person,
        dt.date(2024, 3, 31),
        start=dt.time(2, 30),
        when=at("2024-03-31T12:00", "Europe/Warsaw"),
    )
    late = log(
        pair,
        pair.mentor.person,
        dt.date(2024, 3, 30),
        start=dt.time(23, 30),
        when=at("2024-03-31T12:00", "Europe/Warsaw"),
    )

    assert (meeting.held_on, meeting.starts_at) == (
        dt.date(2024, 3, 31),
        dt.datetime(2024, 3, 31, 1, 30, tzinfo=UTC),
    )
    assert (late.held_on, late.starts_at) == (
        dt.date(2024, 3, 30),
        dt.datetime(2024, 3, 30, 22, 30, tzinfo=UTC),
    )


def test_the_autumn_change_of_2024_reads_a_repeated_hour_once(world):
    edition = world.other_edition
    a = world.association_a
    mentor = factories.make_member(a, "Piotr Kowal", time_zone="Europe/London")
    mentee = factories.make_member(a, "Ewa Lis", time_zone="Europe/Warsaw")
    pair = activate(
        publish(
            edition,
            (mentor, a),
            (mentee, a),
            actor=world.people["international"],
            on=dt.date(2024, 10, 1),
        ),
        on=dt.date(2024, 10, 1),
    )

    warsaw = log(
        pair,
        mentee,
        dt.date(2024, 10, 27),
        start=dt.time(2, 30),
        when=at("2024-10-27T20:00", "Europe/Warsaw"),
    )
    london = log(
        pair,
        mentor,
        dt.date(2024, 10, 27),
        start=dt.time(1, 30),
        when=at("2024-10-27T20:00", "Europe/London"),
    )

    # The first of the two 02:30s in Warsaw (summer time, UTC+2) and of the two
    # 01:30s in London (UTC+1).
    assert warsaw.starts_at == dt.datetime(2024, 10, 27, 0, 30, tzinfo=UTC)
    assert london.starts_at == dt.datetime(2024, 10, 27, 0, 30, tzinfo=UTC)
    assert {warsaw.held_on, london.held_on} == {dt.date(2024, 10, 27)}


def test_new_years_eve_in_dubai_counts_for_december(pair_in):
    pair = pair_in(mentee_zone="Asia/Dubai")

    meeting = log(
        pair,
        pair.mentee.person,
        dt.date(2023, 12, 31),
        start=dt.time(23, 0),
        when=at("2024-01-01T00:30", "Asia/Dubai"),
    )

    assert meeting.held_on == dt.date(2023, 12, 31)
    assert meeting.starts_at == dt.datetime(2023, 12, 31, 19, 0, tzinfo=UTC)


def test_the_viewer_sees_the_start_in_their_own_zone(client, pair_in):
    pair = pair_in(mentor_zone="Asia/Dubai", mentee_zone="Europe/London")
    log(
        pair,
        pair.mentee.person,
        dt.date(2024, 2, 9),
        start=dt.time(23, 0),
        when=at("2024-02-10T09:00", "Europe/London"),
    )
    client.force_login(pair.mentor.person)

    response = client.get(f"/e/{pair.edition.slug}/mentoring/mine/")

    text = response.content.decode()
    assert "9 Feb 2024" in text
    assert "03:00 your time (10 Feb)" in text


def test_the_partner_confirms_and_only_once(pair_in):
    pair = pair_in()
    meeting = log(
        pair,
        pair.mentee.person,
        dt.date(2024, 1, 9),
        when=at("2024-01-10T12:00", "Europe/Warsaw"),
    )

    with pytest.raises(ValidationError) as own:
        respond_to_meeting(meeting, True, actor=pair.mentee.person)
    confirmed = respond_to_meeting(
        meeting,
        True,
        actor=pair.mentor.person,
        at=at("2024-01-11T12:00", "Europe/Warsaw"),
    )
    with pytest.raises(ValidationError) as twice:
        respond_to_meeting(meeting, False, actor=pair.mentor.person)

    assert own.value.messages == [
        "Only the partner of the person who logged it answers."
    ]
    assert confirmed.state == Meeting.State.CONFIRMED
    assert twice.value.messages == ["This meeting is already confirmed."]


def test_the_form_shows_each_refusal_and_saves_nothing(client, pair_in, settings):
    settings.TANDEM_TODAY = "2024-01-10"
    pair = pair_in()
    client.force_login(pair.mentee.person)

    response = client.post(
        f"/e/{pair.edition.slug}/mentoring/pairs/{pair.pk}/meetings/new/",
        {"held_on": "2024-02-01", "duration_minutes": "60", "mode": "online"},
    )

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "1 February 2024 is in the future; log a meeting once it happened."
    ]
    assert pair.meetings.count() == 0


def test_the_partner_keeps_a_private_note_when_answering_on_the_page(
    client, pair_in, settings
):
    settings.TANDEM_TODAY = "2024-01-10"
    pair = pair_in()
    meeting = log(
        pair,
        pair.mentee.person,
        dt.date(2024, 1, 8),
        when=at("2024-01-09T12:00", "Europe/Warsaw"),
    )
    client.force_login(pair.mentor.person)
    page = client.get(f"/e/{pair.edition.slug}/mentoring/mine/").content.decode()

    client.post(
        f"/e/{pair.edition.slug}/mentoring/meetings/{meeting.pk}/respond/",
        {"answer": "confirm", "private_note": "Ask about the <b>team</b> next time"},
    )

    assert 'name="private_note"' in page
    note = PrivateNote.objects.get(meeting=meeting)
    assert (note.author, note.text) == (
        pair.mentor.person,
        "Ask about the <b>team</b> next time",
    )
    assert Meeting.objects.get(pk=meeting.pk).state == Meeting.State.CONFIRMED


def test_a_disputed_meeting_stops_counting_and_its_author_sees_it_disputed(
    client, pair_in, settings
):
    settings.TANDEM_TODAY = "2024-01-25"
    pair = pair_in()
    mentee, mentor = pair.mentee.person, pair.mentor.person
    december = log(
        pair,
        mentee,
        dt.date(2023, 12, 15),
        when=at("2023-12-16T12:00", "Europe/Warsaw"),
    )
    respond_to_meeting(
        december, True, actor=mentor, at=at("2023-12-17T12:00", "Europe/Warsaw")
    )
    january = log(
        pair,
        mentee,
        dt.date(2024, 1, 20),
        topics="Salary talk",
        private_note="Felt rushed",
        when=at("2024-01-21T12:00", "Europe/Warsaw"),
    )
    waiting = Pair.objects.get(pk=pair.pk).activity
    client.force_login(mentor)

    answered = client.post(
        f"/e/{pair.edition.slug}/mentoring/meetings/{january.pk}/respond/",
        {"answer": "dispute", "private_note": "We never met that week"},
        follow=True,
    )
    client.force_login(mentee)
    page = client.get(f"/e/{pair.edition.slug}/mentoring/mine/").content.decode()

    january.refresh_from_db()
    assert january.state == Meeting.State.DISPUTED
    assert january.responded_at is not None
    assert [str(m) for m in answered.context["messages"]] == [
        "Meeting disputed; it no longer counts."
    ]
    assert (waiting, Pair.objects.get(pk=pair.pk).activity) == ("at_risk", "inactive")
    assert list(
        AuditEntry.objects.filter(action="meeting.disputed").values_list(
            "object_id", "actor"
        )
    ) == [(str(january.pk), mentor.pk)]
    assert '<span class="tag meeting-disputed">disputed</span>' in page
    assert '<strong class="pair-activity">inactive</strong>' in page
    assert "Felt rushed" in page
    assert "We never met that week" not in page
    assert 'name="answer" value="dispute"' not in page


def test_a_disputed_meeting_cannot_be_answered_again(pair_in):
    pair = pair_in()
    meeting = log(
        pair,
        pair.mentor.person,
        dt.date(2024, 1, 9),
        when=at("2024-01-10T12:00", "Europe/Warsaw"),
    )
    respond_to_meeting(meeting, False, actor=pair.mentee.person)

    with pytest.raises(ValidationError) as again:
        respond_to_meeting(meeting, True, actor=pair.mentee.person)

    assert again.value.messages == ["This meeting is already disputed."]
    assert Meeting.objects.get(pk=meeting.pk).state == Meeting.State.DISPUTED
