"""Logging meetings and answering them.

A meeting's day is the date the person typed, in their own time zone; the instant
(when a start time is given) is derived from that date and zone and stored in UTC.
"""

import datetime as dt
import logging
import zoneinfo

from django.core.exceptions import ValidationError
from django.db import transaction

from tandem.core import audit, clock, submissions
from tandem.mentoring.domain.activity import recompute_pair
from tandem.mentoring.models import MAX_MEETING_MINUTES, Meeting, Pair, PrivateNote

logger = logging.getLogger(__name__)


def zone_of(person):
    try:
        return zoneinfo.ZoneInfo(person.time_zone or "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return dt.UTC


def local_instant(day, start, zone):
    """The UTC instant of a wall-clock time on a day in a zone.

    A time that a spring-forward change skips, or an autumn one repeats, resolves
    to its first reading (fold 0), the way most calendars show it.
    """
    if start is None:
        return None
    return dt.datetime.combine(day, start, tzinfo=zone).astimezone(dt.UTC)


def _problems(pair, actor, held_on, start, duration_minutes, mode, zone, at):
    if actor.pk not in pair.person_ids():
        yield "Only the mentor and the mentee of this pair log its meetings."
        return
    if pair.state not in (Pair.State.WAITING, Pair.State.ACTIVE, Pair.State.PAUSED):
        yield f"This pair is {pair.get_state_display()}; it logs no more meetings."
    local_now = at.astimezone(zone)
    if held_on > local_now.date():
        yield f"{held_on:%-d %B %Y} is in the future; log a meeting once it happened."
    elif start and held_on == local_now.date() and start > local_now.time():
        yield f"{start:%H:%M} today is still to come; log the meeting afterwards."
    if held_on < pair.began_on:
        yield (
            f"{held_on:%-d %B %Y} is before the pair began on "
            f"{pair.began_on:%-d %B %Y}."
        )
    if not 1 <= (duration_minutes or 0) <= MAX_MEETING_MINUTES:
        yield "A meeting lasts from 1 minute to 8 hours (480 minutes)."
    if mode not in Meeting.Mode.values:
        yield "Say whether you met online or in person."


@transaction.atomic
def log_meeting(
    pair,
    *,
    actor,
    held_on,
    duration_minutes,
    mode,
    start=None,
    topics="",
    private_note="",
    at=None,
    submission=None,
):
    """Log a meeting of ``pair`` as ``actor``, who must be one of its two people.

    ``held_on`` (and ``start``, a time, when given) are read in the actor's time
    zone; ``at`` is the moment of logging, the clock's now unless a test or an
    import says otherwise. Raises ValidationError with every problem and saves
    nothing when there is one. A repeat of the same form ``submission`` returns
    the meeting the first one logged (tandem.core.submissions).
    """
    pair = (
        Pair.objects.select_for_update(of=("self",))
        .select_related("edition", "mentor", "mentee")
        .get(pk=pair.pk)
    )
    # The pair's lock serialises its meetings, so a repeat waits here and then
    # finds the first one's row.
    repeat = submissions.already(Meeting, submission, logged_by_id=actor.pk)
    if repeat is not None:
        return repeat
    zone = zone_of(actor)
    at = at or clock.now()
    problems = list(
        _problems(pair, actor, held_on, start, duration_minutes, mode, zone, at)
    )
    if problems:
        raise ValidationError(problems)
    meeting = Meeting.objects.create(
        pair=pair,
        logged_by=actor,
        held_on=held_on,
        time_zone=str(zone),
        starts_at=local_instant(held_on, start, zone),
        duration_minutes=duration_minutes,
        mode=mode,
        topics=(topics or "").strip()[:300],
        logged_at=at,
        submission=submission,
    )
    if (private_note or "").strip():
        PrivateNote.objects.create(
            meeting=meeting, author=actor, text=private_note.strip()
        )
    audit.record(
        "meeting.logged",
        meeting,
        actor=actor,
        association=pair.mentee.association,
        edition=pair.edition,
    )
    recompute_pair(pair, today=at.astimezone(zone).date())
    logger.info("meeting.logged id=%s pair=%s", meeting.pk, pair.pk)
    return meeting


@transaction.atomic
def respond_to_meeting(meeting, confirmed, *, actor, private_note="", at=None):
    """The partner confirms (``confirmed=True``) or disputes a logged meeting."""
    meeting = (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("pair__edition", "pair__mentor", "pair__mentee")
        .get(pk=meeting.pk)
    )
    pair = meeting.pair
    if actor.pk not in pair.person_ids() or actor.pk == meeting.logged_by_id:
        raise ValidationError("Only the partner of the person who logged it answers.")
    if meeting.state != Meeting.State.LOGGED:
        raise ValidationError(f"This meeting is already {meeting.state}.")
    at = at or clock.now()
    meeting.state = Meeting.State.CONFIRMED if confirmed else Meeting.State.DISPUTED
    meeting.responded_at = at
    meeting.save(update_fields=["state", "responded_at"])
    if (private_note or "").strip():
        PrivateNote.objects.update_or_create(
            meeting=meeting, author=actor, defaults={"text": private_note.strip()}
        )
    audit.record(
        f"meeting.{meeting.state}",
        meeting,
        actor=actor,
        association=pair.mentee.association,
        edition=pair.edition,
    )
    recompute_pair(pair, today=at.astimezone(zone_of(actor)).date())
    return meeting
