"""Dates, timestamps and time zones in the shapes form tools and spreadsheets write.

Timestamps come back as aware UTC datetimes, dates without a time as `date`. Whether
`03/04/2023` is day-first is decided once for a column (`decide_day_first`), never
row by row.
"""

import re
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from .errors import DayOrderQuestion
from .values import Normalised

_GOOGLE_FORMS = re.compile(
    r"^(\d{4})/(\d{1,2})/(\d{1,2}) (\d{1,2}):(\d{2}):(\d{2}) ([AP]M) "
    r"GMT([+-]\d{1,2})(?::?(\d{2}))?$"
)
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$")
_HUNGARIAN = re.compile(r"^(\d{4})\. ?(\d{1,2})\. ?(\d{1,2})\.?$")
_NUMERIC = re.compile(
    r"^(\d{1,2})([./-]) ?(\d{1,2})\2 ?(\d{4})\.?"
    r"(?:,? (\d{1,2}):(\d{2})(?::(\d{2}))?(?: ?([AaPp][Mm]))?)?$"
)
_OFFSET = re.compile(r"^\(?(?:UTC|GMT) ?([+-−]) ?(\d{1,2})(?::?(\d{2}))?\)?")
_BARE_UTC = re.compile(r"^\(?(?:UTC|GMT)\)?(?:$|[ (])")
ABBREVIATIONS = {
    "CET": "Europe/Paris",
    "CEST": "Europe/Paris",
    "EET": "Europe/Helsinki",
    "MSK": "Europe/Moscow",
    "GST": "Asia/Dubai",
    "WET": "Europe/Lisbon",
}


def decide_day_first(column: str, cells: Iterable[object]) -> bool:
    """Read the whole column: one unambiguous cell settles the order for all."""
    day_first = month_first = dotted = False
    samples = []
    for cell in cells:
        match = _NUMERIC.match(cell.strip()) if isinstance(cell, str) else None
        if not match:
            continue
        first, second = int(match.group(1)), int(match.group(3))
        samples.append(cell.strip())
        day_first |= first > 12 >= second
        month_first |= second > 12 >= first
        # Dotted dates are a European convention: every locale that writes them
        # (pl, cs, sk, hr, de) puts the day first.
        dotted |= match.group(2) == "."
    day_first |= dotted and not month_first
    if day_first and month_first:
        raise DayOrderQuestion(
            column, samples, "dates read both day-first and month-first"
        )
    if not (day_first or month_first) and samples:
        raise DayOrderQuestion(column, samples, "every date reads both ways")
    return day_first or not month_first


def parse_when(cell: object, *, zone: tzinfo | None, day_first: bool) -> Normalised:
    """A timestamp (aware, UTC) or a date, from any shape the corpus tools write.

    `zone` is the zone of timestamps that carry no offset (the form owner's); a date
    with no time stays a `date`.
    """
    if isinstance(cell, datetime):
        return Normalised(_to_utc(cell, zone))
    text = str(cell).strip()
    if not text:
        return Normalised(None)
    for parser in (_google_forms, _iso, _hungarian, _numeric):
        try:
            found = parser(text, day_first)
        except ValueError as exc:
            return Normalised(None, _no_such_date(text, exc))
        if found is not None:
            return Normalised(
                _to_utc(found, zone) if isinstance(found, datetime) else found
            )
    return Normalised(None, "not a date we can read")


def parse_date(cell: object, *, day_first: bool) -> Normalised:
    """A calendar date; a real spreadsheet date cell keeps its day."""
    outcome = parse_when(cell, zone=UTC, day_first=day_first)
    if isinstance(outcome.value, datetime):
        day = cell.date() if isinstance(cell, datetime) else outcome.value.date()
        return Normalised(day)
    return outcome


def _to_utc(moment: datetime, zone: tzinfo | None) -> datetime:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone or UTC)
    return moment.astimezone(UTC)


def _google_forms(text: str, day_first: bool) -> datetime | None:
    match = _GOOGLE_FORMS.match(text)
    if not match:
        return None
    year, month, day, hour, minute, second = (int(g) for g in match.groups()[:6])
    hour = hour % 12 + (12 if match.group(7) == "PM" else 0)
    hours = int(match.group(8))
    minutes = int(match.group(9) or 0) * (-1 if hours < 0 else 1)
    offset = timezone(timedelta(hours=hours, minutes=minutes))
    return datetime(year, month, day, hour, minute, second, tzinfo=offset)


def _iso(text: str, day_first: bool) -> date | datetime | None:
    match = _ISO.match(text)
    if not match:
        return None
    year, month, day = (int(g) for g in match.groups()[:3])
    if match.group(4) is None:
        return date(year, month, day)
    hour, minute, second = (int(g or 0) for g in match.groups()[3:])
    return datetime(year, month, day, hour, minute, second)  # noqa: DTZ001 zone comes later


def _hungarian(text: str, day_first: bool) -> date | None:
    match = _HUNGARIAN.match(text)
    return date(*(int(g) for g in match.groups())) if match else None


def _numeric(text: str, day_first: bool) -> date | datetime | None:
    match = _NUMERIC.match(text)
    if not match:
        return None
    first, _, second, year = match.groups()[:4]
    day, month = (first, second) if day_first else (second, first)
    if match.group(5) is None:
        return date(int(year), int(month), int(day))
    hour, minute, second_ = (int(g or 0) for g in match.groups()[4:7])
    meridiem = (match.group(8) or "").upper()
    if meridiem:
        hour = hour % 12 + (12 if meridiem == "PM" else 0)
    return datetime(int(year), int(month), int(day), hour, minute, second_)  # noqa: DTZ001


def _no_such_date(text: str, exc: ValueError) -> str:
    reason = str(exc)
    if "month must be" in reason:
        return "no such date (no such month)"
    if "day is out of range" in reason and "29" in text:
        return "no such date (not a leap year)"
    return "no such date"


def normalise_time_zone(raw: str) -> Normalised:
    """An IANA name, or a fixed offset written `UTC+01:00`."""
    text = raw.strip()
    if not text:
        return Normalised(None)
    if text in _zone_names():
        return Normalised(text)
    if text.upper() in ABBREVIATIONS:
        return Normalised(ABBREVIATIONS[text.upper()])
    match = _OFFSET.match(text)
    if match:
        sign = "-" if match.group(1) in "-−" else "+"
        hours, minutes = int(match.group(2)), int(match.group(3) or 0)
        return Normalised(f"UTC{sign}{hours:02d}:{minutes:02d}")
    if _BARE_UTC.match(text):
        return Normalised("UTC+00:00")
    return Normalised(None, warning="not a time zone we can read")


def winter_offset(zone_value: str) -> str:
    """The UTC offset a stored zone has in January, as `UTC+01:00`."""
    if zone_value.startswith("UTC") and len(zone_value) == 9:
        return zone_value
    offset = datetime(2024, 1, 15, 12, tzinfo=ZoneInfo(zone_value)).utcoffset()
    minutes = int(offset.total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def zone_of(zone_value: str | None) -> tzinfo | None:
    """A tzinfo for a stored zone value (IANA name or fixed `UTC±hh:mm`)."""
    if not zone_value:
        return None
    match = re.match(r"^UTC([+-])(\d{2}):(\d{2})$", zone_value)
    if match:
        sign = -1 if match.group(1) == "-" else 1
        delta = timedelta(hours=int(match.group(2)), minutes=int(match.group(3)))
        return timezone(sign * delta)
    try:
        return ZoneInfo(zone_value)
    except (ZoneInfoNotFoundError, ValueError):
        return None


@lru_cache(maxsize=1)
def _zone_names() -> frozenset[str]:
    return frozenset(available_timezones())
