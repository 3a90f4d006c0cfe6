"""Attendance exports of video meetings, read and matched to people.

Nothing here touches Django or the database: callers pass bytes and plain records
and receive plain results, so the same code serves an upload view and a command.
"""

from tandem.events.attendance.matching import (
    Attendance,
    AttendanceMatch,
    MatchedBy,
    NotMatched,
    NotMatchedReason,
    Person,
    match_attendees,
    normalise_name,
)
from tandem.events.attendance.reading import (
    AttendanceFileError,
    AttendanceFormat,
    AttendanceLine,
    AttendanceReport,
    Interval,
    ReadProblem,
    read_attendance,
)

__all__ = [
    "Attendance",
    "AttendanceFileError",
    "AttendanceFormat",
    "AttendanceLine",
    "AttendanceMatch",
    "AttendanceReport",
    "Interval",
    "MatchedBy",
    "NotMatched",
    "NotMatchedReason",
    "Person",
    "ReadProblem",
    "match_attendees",
    "normalise_name",
    "read_attendance",
]
