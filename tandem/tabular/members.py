"""Member lists from associations, and matching applicants against them.

Only an e-mail or a member number verifies a membership. A name that resembles a
member's (also in reversed order or without diacritics) is reported for a person to
check and never verifies anyone.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from . import dates
from .errors import FileRefused, RowIssue
from .fields import header_key
from .mapping import guess_mapping
from .reading import Table
from .values import email_key, fold

JOINED_HEADERS = frozenset(
    header_key(h)
    for h in (
        "Data przystąpienia",
        "Belépés dátuma",
        "Medlem sedan",
        "Joined",
        "Datum vstupu",
    )
)
FAMILY_NAME_FIRST_HEADERS = frozenset({header_key("Név")})
MEMBER_FIELDS = ("member_number", "email", "first_name", "last_name", "full_name")


@dataclass
class Member:
    row: int
    member_number: str | None
    full_name: str
    email: str | None
    joined: date | None = None
    name_as_written: str = ""


@dataclass
class MemberList:
    filename: str
    members: list[Member]
    errors: list[RowIssue] = field(default_factory=list)

    @property
    def committable(self) -> bool:
        return not self.errors


@dataclass(frozen=True)
class MemberMatch:
    applicant: Any
    status: str  # "verified", "possible" or "not verified"
    method: str | None  # "email", "member_number", "name" or None
    member_row: int | None
    note: str


@dataclass
class MembershipReport:
    matches: list[MemberMatch]

    def by_status(self, status: str) -> list[MemberMatch]:
        return [m for m in self.matches if m.status == status]

    @property
    def verified(self) -> list[MemberMatch]:
        return self.by_status("verified")

    @property
    def not_verified(self) -> list[MemberMatch]:
        return [m for m in self.matches if m.status != "verified"]


def read_member_list(
    table: Table,
    *,
    day_first: bool | None = None,
    family_name_first: bool | None = None,
) -> MemberList:
    """Members with trimmed identifiers; an impossible date refuses the list."""
    columns = {
        name: index
        for index, name in guess_mapping(table.headers).items()
        if name in MEMBER_FIELDS
    }
    if "email" not in columns and "member_number" not in columns:
        raise FileRefused(table.filename, "no e-mail / member-number column")
    keys = [header_key(h) for h in table.headers]
    joined = next((i for i, k in enumerate(keys) if k in JOINED_HEADERS), None)
    if family_name_first is None:
        family_name_first = bool(FAMILY_NAME_FIRST_HEADERS & set(keys))
    if joined is not None and day_first is None:
        cells = (r.cell(joined) for r in table.rows)
        day_first = dates.decide_day_first(table.headers[joined], cells)
    result = MemberList(table.filename, [], list(table.issues))
    for record in table.rows:
        text = {name: str(record.cell(i)).strip() for name, i in columns.items()}
        written = text.get("full_name") or " ".join(
            filter(None, (text.get("first_name"), text.get("last_name")))
        )
        member = Member(
            record.number,
            text.get("member_number") or None,
            _given_name_first(written) if family_name_first else written,
            text.get("email") or None,
            name_as_written=written,
        )
        if joined is not None:
            outcome = dates.parse_date(record.cell(joined), day_first=bool(day_first))
            member.joined = outcome.value
            if outcome.error:
                issue = RowIssue(
                    record.number,
                    table.headers[joined],
                    str(record.cell(joined)),
                    outcome.error,
                )
                result.errors.append(issue)
        result.members.append(member)
    return result


def _given_name_first(name: str) -> str:
    family, _, given = name.partition(" ")
    return f"{given} {family}" if given else name


def number_key(number: str | None) -> str | None:
    """Excel drops leading zeros of all-digit numbers, so `0142` equals `142`."""
    if not number or not number.strip():
        return None
    text = number.strip()
    return (text.lstrip("0") or "0") if text.isdigit() else text.casefold()


def name_key(name: str | None) -> frozenset[str] | None:
    """Name parts regardless of order, case and diacritics."""
    return frozenset(fold(name).replace("-", " ").split()) if name else None


def match_members(
    members: Iterable[Member],
    applicants: Iterable[Mapping[str, Any]],
    *,
    association: str | None = None,
) -> MembershipReport:
    """Applicants are dicts: ref, full_name, email, member_number, association."""
    members = list(members)
    by_email = {email_key(m.email): m for m in members if m.email}
    by_number = {number_key(m.member_number): m for m in members if m.member_number}
    by_name: dict[frozenset[str], Member] = {}
    for m in members:
        by_name.setdefault(name_key(m.full_name), m)
    matches = []
    for applicant in applicants:
        if association and applicant.get("association") != association:
            continue
        matches.append(_match_one(applicant, by_email, by_number, by_name))
    return MembershipReport(matches)


def _match_one(applicant, by_email, by_number, by_name) -> MemberMatch:
    ref, email = applicant.get("ref"), applicant.get("email")
    number = applicant.get("member_number")
    member = by_email.get(email_key(email)) if email else None
    if member:
        note = ""
        if number_key(number) and number_key(number) != number_key(
            member.member_number
        ):
            listed = member.member_number
            note = (
                f"member number differs: applied with {number!r}, list has {listed!r}"
            )
        return MemberMatch(ref, "verified", "email", member.row, note)
    member = by_number.get(number_key(number))
    if member:
        note = f"e-mail differs: applied with {email!r}, list has {member.email!r}"
        return MemberMatch(ref, "verified", "member_number", member.row, note)
    member = by_name.get(name_key(applicant.get("full_name")))
    if member:
        note = (
            f"possible match: the list has a person of the same name with e-mail "
            f"{member.email!r} and member no. {member.member_number!r}; check by hand"
        )
        return MemberMatch(ref, "possible", "name", member.row, note)
    note = "neither the e-mail nor the member number is in the list"
    return MemberMatch(ref, "not verified", None, None, note)
