"""Recording attendance: ticks on a roster, or an uploaded meeting export."""

import logging
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from tandem.core import audit, clock
from tandem.events import attendance as reader
from tandem.events.domain.people import audience, audience_people
from tandem.events.models import Attendance, AttendanceImport

logger = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 5 * 2**20


@dataclass(frozen=True)
class RosterChange:
    added: int
    removed: int


@transaction.atomic
def record_roster(event, present_ids, *, actor):
    """Make the roster say who attended, among the people ``actor`` may see.

    A newly ticked person is recorded for the whole event; a person already
    recorded keeps their minutes; an unticked one loses their attendance. People
    outside the actor's roster are never touched, whatever the form sent.
    """
    visible = {pk for pk, _, _ in audience(event, actor)}
    present = visible & {int(pk) for pk in present_ids}
    recorded = set(
        Attendance.objects.filter(event=event, person__in=visible).values_list(
            "person_id", flat=True
        )
    )
    now = clock.now()
    Attendance.objects.bulk_create(
        Attendance(
            event=event,
            person_id=pk,
            minutes=event.duration_minutes,
            source=Attendance.Source.ROSTER,
            recorded_by=actor,
            recorded_at=now,
        )
        for pk in sorted(present - recorded)
    )
    gone = recorded - present
    Attendance.objects.filter(event=event, person__in=gone).delete()
    change = RosterChange(added=len(present - recorded), removed=len(gone))
    if change.added or change.removed:
        audit.record("event.roster_saved", event, actor=actor, edition=event.edition)
    return change


def upload_attendance(event, data, filename, *, actor):
    """Keep an uploaded export for its report; refuses what cannot be read."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise ValidationError(
            f"{filename} is larger than {MAX_UPLOAD_BYTES // 2**20} MB."
        )
    try:
        reader.read_attendance(data, filename, host_zone=event.time_zone)
    except reader.AttendanceFileError as exc:
        raise ValidationError(str(exc)) from exc
    return AttendanceImport.objects.create(
        event=event, uploaded_by=actor, filename=filename, data=bytes(data)
    )


def match_upload(upload, viewer):
    """Read the kept export and match it to the people ``viewer`` records for."""
    event = upload.event
    report = reader.read_attendance(
        bytes(upload.data), upload.filename, host_zone=event.time_zone
    )
    people = [
        reader.Person(id=person.pk, full_name=person.full_name, emails=(person.email,))
        for person in audience_people(event, viewer)
    ]
    return reader.match_attendees(report, people)


@transaction.atomic
def commit_attendance_import(upload, *, actor):
    """Record every matched person's minutes from the export, all or nothing.

    A person already recorded gets the file's minutes instead; those not matched
    are only reported. Returns the match that was recorded.
    """
    upload = AttendanceImport.objects.select_for_update().get(pk=upload.pk)
    if upload.committed_at is not None:
        raise ValidationError(f"{upload.filename} was already imported.")
    match = match_upload(upload, actor)
    now = clock.now()
    rows = [
        Attendance(
            event=upload.event,
            person_id=found.person.id,
            minutes=found.minutes,
            source=Attendance.Source.IMPORT,
            source_file=upload.filename[:255],
            recorded_by=actor,
            recorded_at=now,
        )
        for found in match.attended
    ]
    Attendance.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["event", "person"],
        update_fields=[
            "minutes",
            "source",
            "source_file",
            "recorded_by",
            "recorded_at",
        ],
    )
    upload.committed_at = now
    upload.save(update_fields=["committed_at"])
    audit.record(
        "event.attendance_imported",
        upload.event,
        actor=actor,
        edition=upload.event.edition,
    )
    logger.info(
        "attendance import committed import=%s event=%s attended=%d not_matched=%d",
        upload.pk,
        upload.event_id,
        len(match.attended),
        len(match.not_matched),
    )
    return match
