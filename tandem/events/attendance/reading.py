"""Read attendance exports of Zoom and Microsoft Teams into one shape.

The format is recognised from the content, never from the file name: coordinators
rename downloads, and Teams names its UTF-16 report `.csv`. Times in every export are
wall-clock times of the host's zone; they leave this module as aware UTC datetimes.
"""

import csv
import io
import logging
import math
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

logger = logging.getLogger(__name__)

ZOOM_TIME_FORMATS = ("%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y %I:%M %p")
TEAMS_TIME_FORMATS = ("%m/%d/%y, %I:%M:%S %p", "%m/%d/%Y, %I:%M:%S %p")
TEAMS_DURATION = re.compile(r"(?:(\d+)h)?\s*(?:(\d+)m)?\s*(?:(\d+)s)?")
TEAMS_NAME_SUFFIXES = (" (External)", " (Unverified)")
ZOOM_RENAME = re.compile(r"^(?P<name>.*\S)\s*\((?P<original>[^()]*)\)$")

EXPECTED_FORMATS = (
    "a Zoom participants export (header 'Name (Original Name), User Email, "
    "Join Time, Leave Time, Duration (Minutes)' or 'Name (Original Name), "
    "User Email, Total Duration (Minutes), Guest') or a Microsoft Teams attendance "
    "report (sections '1. Summary' and '2. Participants')"
)


class AttendanceFormat(StrEnum):
    ZOOM_PARTICIPANTS = "zoom-participants"
    ZOOM_UNIQUE_USERS = "zoom-unique-users"
    TEAMS_ATTENDANCE = "teams-attendance"


class AttendanceFileError(ValueError):
    """A file that cannot be read as an attendance export; the message names it."""


@dataclass(frozen=True)
class Interval:
    joined: datetime
    left: datetime


@dataclass(frozen=True)
class AttendanceLine:
    """One participant line: a join-leave interval (Zoom) or a person (Teams).

    `minutes` is always filled (Zoom rounds up per line; Teams seconds are rounded up
    the same way); `seconds` only where the export counts seconds.
    """

    line_number: int
    raw_name: str
    name: str
    original_name: str
    email: str
    intervals: tuple[Interval, ...]
    minutes: int
    seconds: int | None
    role: str


@dataclass(frozen=True)
class ReadProblem:
    line_number: int
    message: str


@dataclass(frozen=True)
class AttendanceReport:
    filename: str
    format: AttendanceFormat
    title: str
    started: datetime | None
    ended: datetime | None
    host_email: str
    lines: tuple[AttendanceLine, ...]
    problems: tuple[ReadProblem, ...]


def read_attendance(data: bytes, filename: str, *, host_zone: str) -> AttendanceReport:
    zone = ZoneInfo(host_zone)
    text = _decode(data, filename)
    if _is_teams(text):
        report = _read_teams(text, filename, zone)
    else:
        report = _read_zoom(text, filename, zone)
    logger.info(
        "read attendance export format=%s lines=%d problems=%d",
        report.format,
        len(report.lines),
        len(report.problems),
    )
    return report


def _decode(data: bytes, filename: str) -> str:
    utf16 = data.startswith((b"\xff\xfe", b"\xfe\xff"))
    encoding = "utf-16" if utf16 else "utf-8-sig"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise _unknown(filename, f"it is not {encoding.upper()} text") from None


def _unknown(filename: str, why: str) -> AttendanceFileError:
    return AttendanceFileError(
        f"{filename}: not a recognised attendance export ({why}); "
        f"expected {EXPECTED_FORMATS}"
    )


def _parse_time(value: str, formats: tuple[str, ...], zone: ZoneInfo) -> datetime:
    for pattern in formats:
        try:
            local = datetime.strptime(value.strip(), pattern)  # noqa: DTZ007 -- zone added next
        except ValueError:
            continue
        return local.replace(tzinfo=zone).astimezone(UTC)
    raise ValueError(value)


def _cell_error(filename: str, line_number: int, column: str, expected: str):
    return AttendanceFileError(
        f"{filename}, line {line_number}, column '{column}': expected {expected}"
    )


def _interval(
    joined: datetime, left: datetime, line_number: int, problems: list[ReadProblem]
) -> tuple[Interval, ...]:
    # A leave before the join is kept out of the intervals (it cannot be drawn on a
    # timeline) but the line's own duration still counts; the report says so.
    if left < joined:
        problems.append(ReadProblem(line_number, "leave time is before join time"))
        return ()
    return (Interval(joined, left),)


# Zoom


def _zoom_columns(header: list[str]) -> dict[str, int]:
    return {cell.strip().casefold(): index for index, cell in enumerate(header)}


def _zoom_table_kind(columns: dict[str, int]) -> AttendanceFormat | None:
    if "name (original name)" not in columns:
        return None
    if {"join time", "leave time", "duration (minutes)"} <= columns.keys():
        return AttendanceFormat.ZOOM_PARTICIPANTS
    if "total duration (minutes)" in columns:
        return AttendanceFormat.ZOOM_UNIQUE_USERS
    return None


def _find_zoom_table(rows: list[list[str]], filename: str):
    for index, row in enumerate(rows):
        columns = _zoom_columns(row)
        kind = _zoom_table_kind(columns)
        if kind is not None:
            return index, columns, kind
    raise _unknown(filename, "no participant header was found")


def _read_zoom(text: str, filename: str, zone: ZoneInfo) -> AttendanceReport:
    rows = list(csv.reader(io.StringIO(text)))
    index, columns, kind = _find_zoom_table(rows, filename)
    meeting = _zoom_meeting(rows[:index], filename, zone)
    reader = _ZoomRows(filename, zone, columns, kind, meeting["host_email"])
    for line_number, row in enumerate(rows[index + 1 :], start=index + 2):
        if any(cell.strip() for cell in row):
            reader.add(line_number, row)
    return AttendanceReport(
        filename=filename,
        format=kind,
        lines=tuple(reader.lines),
        problems=tuple(reader.problems),
        **meeting,
    )


def _zoom_meeting(rows: list[list[str]], filename: str, zone: ZoneInfo) -> dict:
    meeting = {"title": "", "started": None, "ended": None, "host_email": ""}
    if len(rows) < 2:
        return meeting
    header = _zoom_columns(rows[0])
    values = rows[1]

    def cell(*names: str) -> str:
        for name in names:
            if name in header and header[name] < len(values):
                return values[header[name]].strip()
        return ""

    meeting["title"] = cell("topic")
    meeting["host_email"] = cell("user email", "host email", "email")
    for key, column in (("started", "start time"), ("ended", "end time")):
        if value := cell(column):
            try:
                meeting[key] = _parse_time(value, ZOOM_TIME_FORMATS, zone)
            except ValueError:
                raise _cell_error(
                    filename, 2, column, "MM/DD/YYYY hh:mm:ss AM/PM"
                ) from None
    return meeting


class _ZoomRows:
    def __init__(
        self,
        filename: str,
        zone: ZoneInfo,
        columns: dict[str, int],
        kind: AttendanceFormat,
        host_email: str,
    ):
        self.filename = filename
        self.zone = zone
        self.columns = columns
        self.kind = kind
        self.host_email = host_email.casefold()
        self.lines: list[AttendanceLine] = []
        self.problems: list[ReadProblem] = []

    def cell(self, row: list[str], *names: str) -> str:
        for name in names:
            index = self.columns.get(name)
            if index is not None and index < len(row):
                return row[index].strip()
        return ""

    def add(self, line_number: int, row: list[str]) -> None:
        # The newer export lists the time spent in the waiting room as lines of
        # their own; that time is not attendance.
        if self.cell(row, "in waiting room").casefold() == "yes":
            return
        raw_name = self.cell(row, "name (original name)")
        name, original = _split_zoom_rename(raw_name)
        email = self.cell(row, "user email", "email")
        minutes = self.minutes(line_number, row)
        intervals = self.intervals(line_number, row)
        is_host = bool(email) and email.casefold() == self.host_email
        self.lines.append(
            AttendanceLine(
                line_number=line_number,
                raw_name=raw_name,
                name=name,
                original_name=original,
                email=email,
                intervals=intervals,
                minutes=minutes,
                seconds=None,
                role="Host" if is_host else "",
            )
        )

    def minutes(self, line_number: int, row: list[str]) -> int:
        column = (
            "duration (minutes)"
            if self.kind is AttendanceFormat.ZOOM_PARTICIPANTS
            else "total duration (minutes)"
        )
        value = self.cell(row, column)
        if not value.isdigit():
            raise _cell_error(self.filename, line_number, column, "whole minutes")
        return int(value)

    def intervals(self, line_number: int, row: list[str]) -> tuple[Interval, ...]:
        if self.kind is not AttendanceFormat.ZOOM_PARTICIPANTS:
            return ()
        times = []
        for column in ("join time", "leave time"):
            try:
                value = self.cell(row, column)
                times.append(_parse_time(value, ZOOM_TIME_FORMATS, self.zone))
            except ValueError:
                raise _cell_error(
                    self.filename, line_number, column, "MM/DD/YYYY hh:mm:ss AM/PM"
                ) from None
        return _interval(*times, line_number, self.problems)


def _split_zoom_rename(raw_name: str) -> tuple[str, str]:
    """Split Zoom's `New name (Original name)`; both halves may identify a person."""
    found = ZOOM_RENAME.match(raw_name)
    if found is None:
        return raw_name, ""
    return found["name"].strip(), found["original"].strip()


# Teams


def _is_teams(text: str) -> bool:
    lines = [line.strip() for line in text.splitlines()]
    return "1. Summary" in lines[:3] and "2. Participants" in lines


def _teams_sections(text: str) -> dict[str, list[tuple[int, list[str]]]]:
    sections: dict[str, list[tuple[int, list[str]]]] = {}
    current: list[tuple[int, list[str]]] = []
    for line_number, line in enumerate(text.splitlines(), start=1):
        if re.fullmatch(r"\d+\. .+", line.strip()):
            current = sections.setdefault(line.strip().split(" ", 1)[1], [])
        elif line.strip():
            current.append((line_number, line.split("\t")))
    return sections


def _read_teams(text: str, filename: str, zone: ZoneInfo) -> AttendanceReport:
    sections = _teams_sections(text)
    summary = {
        cells[0].strip(): (number, cells[-1].strip())
        for number, cells in sections["Summary"]
    }
    reader = _TeamsRows(filename, zone)
    participants = reader.table(sections["Participants"], "Name", "In-Meeting Duration")
    activities = reader.table(sections.get("In-Meeting Activities", []), "Name")
    lines = reader.participants(participants, activities)
    host_email = next(
        (line.email for line in lines if line.role.casefold() == "organizer"), ""
    )
    return AttendanceReport(
        filename=filename,
        format=AttendanceFormat.TEAMS_ATTENDANCE,
        title=summary.get("Meeting title", (0, ""))[1],
        started=reader.summary_time(summary, "Start time"),
        ended=reader.summary_time(summary, "End time"),
        host_email=host_email,
        lines=tuple(lines),
        problems=tuple(reader.problems),
    )


class _TeamsRows:
    def __init__(self, filename: str, zone: ZoneInfo):
        self.filename = filename
        self.zone = zone
        self.problems: list[ReadProblem] = []

    def table(self, rows, *required: str) -> list[tuple[int, dict[str, str]]]:
        if not rows:
            return []
        header = [cell.strip() for cell in rows[0][1]]
        if not set(required) <= set(header):
            raise _unknown(self.filename, "a Teams section lacks its header")
        return [
            (number, dict(zip(header, (c.strip() for c in cells), strict=False)))
            for number, cells in rows[1:]
        ]

    def summary_time(self, summary, key: str) -> datetime | None:
        if key not in summary:
            return None
        number, value = summary[key]
        return self.time(value, number, key)

    def time(self, value: str, line_number: int, column: str) -> datetime:
        try:
            return _parse_time(value, TEAMS_TIME_FORMATS, self.zone)
        except ValueError:
            raise _cell_error(
                self.filename, line_number, column, "M/D/YY, h:mm:ss AM/PM"
            ) from None

    def seconds(self, value: str, line_number: int, column: str) -> int:
        found = TEAMS_DURATION.fullmatch(value)
        if not value or found is None:
            raise _cell_error(
                self.filename, line_number, column, "a duration '1h 2m 3s'"
            )
        hours, minutes, seconds = (int(part or 0) for part in found.groups())
        return hours * 3600 + minutes * 60 + seconds

    def span(self, number: int, row: dict[str, str], join: str, leave: str):
        joined = self.time(row.get(join, ""), number, join)
        left = self.time(row.get(leave, ""), number, leave)
        return _interval(joined, left, number, self.problems)

    def participants(self, participants, activities) -> list[AttendanceLine]:
        # Section 3 repeats a person once per join-leave; it only adds intervals to
        # the person of section 2 and is never a list of people itself.
        intervals: dict[tuple[str, str], list[Interval]] = {}
        for number, row in activities:
            spans = self.span(number, row, "Join Time", "Leave Time")
            intervals.setdefault(_teams_key(row), []).extend(spans)
        known = {_teams_key(row) for _, row in participants}
        for number, row in activities:
            if _teams_key(row) not in known:
                self.problems.append(
                    ReadProblem(number, "an activity line has no participant line")
                )
        return [self.line(number, row, intervals) for number, row in participants]

    def line(self, number: int, row: dict[str, str], intervals) -> AttendanceLine:
        raw_name = row["Name"]
        seconds = self.seconds(
            row["In-Meeting Duration"], number, "In-Meeting Duration"
        )
        spans = intervals.get(_teams_key(row))
        if spans is None:
            spans = list(self.span(number, row, "First Join", "Last Leave"))
        # Members of the organiser's tenant sometimes come with the sign-in name
        # (UPN) filled and the e-mail cell empty; the UPN is then their address.
        upn = row.get("Participant ID (UPN)", "")
        email = row.get("Email", "") or (upn if "@" in upn else "")
        return AttendanceLine(
            line_number=number,
            raw_name=raw_name,
            name=_strip_teams_suffix(raw_name),
            original_name="",
            email=email,
            intervals=tuple(spans),
            minutes=math.ceil(seconds / 60),
            seconds=seconds,
            role=row.get("Role", ""),
        )


def _teams_key(row: dict[str, str]) -> tuple[str, str]:
    return row["Name"], row.get("Email", "").casefold()


def _strip_teams_suffix(raw_name: str) -> str:
    for suffix in TEAMS_NAME_SUFFIXES:
        if raw_name.endswith(suffix):
            return raw_name.removesuffix(suffix).strip()
    return raw_name
