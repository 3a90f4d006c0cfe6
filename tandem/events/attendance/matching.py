"""Match the participant lines of an attendance report to known people.

E-mail decides first; a name is only trusted when exactly one person carries it.
A line that cannot be tied to one person is reported with the reason, never guessed.
"""

import logging
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from tandem.events.attendance.reading import AttendanceLine, AttendanceReport, Interval

logger = logging.getLogger(__name__)

# Letters that carry their mark in the letter itself, so Unicode decomposition leaves
# them alone; people type them without it as often as the accented ones.
PLAIN_LETTERS = str.maketrans(
    {
        "ł": "l",
        "đ": "d",
        "ø": "o",
        "æ": "ae",
        "œ": "oe",
        "\N{LATIN SMALL LETTER DOTLESS I}": "i",
        "ħ": "h",
    }
)


@dataclass(frozen=True)
class Person:
    id: int | str
    full_name: str
    emails: tuple[str, ...] = ()


class MatchedBy(StrEnum):
    EMAIL = "e-mail"
    NAME = "name"


class NotMatchedReason(StrEnum):
    HOST = "host of the meeting"
    ORGANIZER = "organizer of the meeting"
    AMBIGUOUS_EMAIL = "the e-mail belongs to more than one person"
    AMBIGUOUS_NAME = "the name fits more than one person"
    NO_EMAIL = "no e-mail, and the name fits nobody"
    UNKNOWN = "neither the e-mail nor the name fits anybody"


# Those who run the meeting are never counted as attending it, even when they are
# among the people: a coordinator who trains mentors is not in training.
STAFF_ROLES = {
    "host": NotMatchedReason.HOST,
    "organizer": NotMatchedReason.ORGANIZER,
}


@dataclass(frozen=True)
class Attendance:
    """All lines of one person; `matched_by` is e-mail if any line matched so."""

    person: Person
    matched_by: MatchedBy
    lines: tuple[AttendanceLine, ...]

    @property
    def minutes(self) -> int:
        return sum(line.minutes for line in self.lines)

    @property
    def seconds(self) -> int | None:
        if any(line.seconds is None for line in self.lines):
            return None
        return sum(line.seconds for line in self.lines)

    @property
    def intervals(self) -> tuple[Interval, ...]:
        return tuple(interval for line in self.lines for interval in line.intervals)


@dataclass(frozen=True)
class NotMatched:
    """The lines of one participant no person could be given, and why."""

    raw_name: str
    email: str
    role: str
    reason: NotMatchedReason
    lines: tuple[AttendanceLine, ...]
    candidates: tuple[Person, ...] = ()

    @property
    def minutes(self) -> int:
        return sum(line.minutes for line in self.lines)


@dataclass(frozen=True)
class AttendanceMatch:
    report: AttendanceReport
    attended: tuple[Attendance, ...]
    not_matched: tuple[NotMatched, ...]


def normalise_name(name: str) -> str:
    """Compare names without case, diacritics or extra spaces."""
    folded = name.casefold().translate(PLAIN_LETTERS)
    decomposed = unicodedata.normalize("NFKD", folded)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(plain.split())


def name_orders(full_name: str) -> set[str]:
    """The name as written and turned around, e.g. 'Family Given' for 'Given Family'."""
    words = normalise_name(full_name).split()
    return {" ".join(words[cut:] + words[:cut]) for cut in range(len(words))}


class _Directory:
    def __init__(self, people: list[Person]):
        self.by_email: dict[str, list[Person]] = {}
        self.by_name: dict[str, list[Person]] = {}
        for person in people:
            for email in {email.strip().casefold() for email in person.emails}:
                self.by_email.setdefault(email, []).append(person)
            for key in name_orders(person.full_name):
                self.by_name.setdefault(key, []).append(person)

    def find(self, line: AttendanceLine) -> Person | NotMatchedReason:
        if staff := STAFF_ROLES.get(line.role.casefold()):
            return staff
        email = line.email.strip().casefold()
        by_email = self.by_email.get(email, []) if email else []
        if len(by_email) == 1:
            return by_email[0]
        if len(by_email) > 1:
            return NotMatchedReason.AMBIGUOUS_EMAIL
        # An unknown e-mail falls back to the name: people often join with a work
        # account that is not the address they applied with.
        by_name = self.candidates_by_name(line)
        if len(by_name) == 1:
            return by_name[0]
        if by_name:
            return NotMatchedReason.AMBIGUOUS_NAME
        return NotMatchedReason.UNKNOWN if email else NotMatchedReason.NO_EMAIL

    def candidates_by_name(self, line: AttendanceLine) -> list[Person]:
        found: dict[int | str, Person] = {}
        for name in (line.name, line.original_name):
            for person in self.by_name.get(normalise_name(name), []) if name else []:
                found[person.id] = person
        return list(found.values())

    def matched_by(self, line: AttendanceLine, person: Person) -> MatchedBy:
        email = line.email.strip().casefold()
        owners = self.by_email.get(email, []) if email else []
        return MatchedBy.EMAIL if owners == [person] else MatchedBy.NAME


def match_attendees(report: AttendanceReport, people: list[Person]) -> AttendanceMatch:
    directory = _Directory(people)
    attended: dict[int | str, list] = {}
    not_matched: dict[tuple, list] = {}
    for line in report.lines:
        found = directory.find(line)
        if isinstance(found, Person):
            attended.setdefault(found.id, [found, []])[1].append(line)
        else:
            not_matched.setdefault(_participant_key(line, found), []).append(line)

    match = AttendanceMatch(
        report=report,
        attended=tuple(_attendance(directory, *entry) for entry in attended.values()),
        not_matched=tuple(
            _not_matched(directory, key[0], lines) for key, lines in not_matched.items()
        ),
    )
    logger.info(
        "matched attendance format=%s attended=%d not_matched=%d",
        report.format,
        len(match.attended),
        len(match.not_matched),
    )
    return match


def _participant_key(line: AttendanceLine, reason: NotMatchedReason) -> tuple:
    email = line.email.strip().casefold()
    return (reason, email or normalise_name(line.raw_name))


def _attendance(directory, person: Person, lines: list[AttendanceLine]) -> Attendance:
    how = {directory.matched_by(line, person) for line in lines}
    matched_by = MatchedBy.EMAIL if MatchedBy.EMAIL in how else MatchedBy.NAME
    return Attendance(person=person, matched_by=matched_by, lines=tuple(lines))


def _not_matched(directory, reason, lines: list[AttendanceLine]) -> NotMatched:
    first = lines[0]
    candidates = ()
    if reason is NotMatchedReason.AMBIGUOUS_NAME:
        candidates = tuple(directory.candidates_by_name(first))
    elif reason is NotMatchedReason.AMBIGUOUS_EMAIL:
        candidates = tuple(directory.by_email[first.email.strip().casefold()])
    return NotMatched(
        raw_name=first.raw_name,
        email=first.email,
        role=first.role,
        reason=reason,
        lines=tuple(lines),
        candidates=candidates,
    )
