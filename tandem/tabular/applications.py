"""Apply a mapping to a table: the preview a coordinator checks before committing.

Nothing here writes anywhere. Every cell of a row ends up either in `values` (a field)
or in `extras` (keyed by its header), so no answer in the file is lost.
"""

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from . import dates, values, vocabulary
from .duplicates import DuplicateGroup, Entry, find_duplicates
from .errors import RowIssue
from .fields import FIELD_BY_NAME, REQUIRED_FIELDS
from .mapping import Mapping
from .reading import Record, Table

FIXED_VALUE = "(fixed value)"


@dataclass
class PreparedRow:
    row: int
    values: dict[str, Any]
    extras: dict[str, str]
    errors: list[RowIssue] = field(default_factory=list)
    warnings: list[RowIssue] = field(default_factory=list)


@dataclass(frozen=True)
class SkippedRow:
    row: int
    reason: str


@dataclass
class Preview:
    filename: str
    rows: list[PreparedRow]
    skipped: list[SkippedRow]
    file_issues: list[RowIssue]
    duplicate_groups: list[DuplicateGroup]
    notes: list[str]

    @property
    def errors(self) -> list[RowIssue]:
        row_errors = [issue for row in self.rows for issue in row.errors]
        return [i for i in self.file_issues if i.is_error] + row_errors

    @property
    def warnings(self) -> list[RowIssue]:
        return [issue for row in self.rows for issue in row.warnings]

    @property
    def committable(self) -> bool:
        return not self.errors

    @property
    def needs_decisions(self) -> bool:
        """Possible duplicates: the coordinator merges or keeps each group first."""
        return bool(self.duplicate_groups)

    def totals(self) -> dict[str, Any]:
        def count(name: str) -> dict[str, int]:
            return dict(Counter(r.values.get(name) for r in self.rows))

        linkedin_warnings = [w for w in self.warnings if w.field == "linkedin"]
        return {
            "applications": len(self.rows),
            "skipped": len(self.skipped),
            "roles": count("role"),
            "associations": count("association"),
            "preferences": count("preference"),
            "linkedin": sum(1 for r in self.rows if r.values.get("linkedin")),
            "linkedin_warnings": len(linkedin_warnings),
        }


@dataclass
class _Context:
    table: Table
    mapping: Mapping
    zone: Any
    day_first: bool


def prepare_applications(
    table: Table, mapping: Mapping, *, existing: Iterable[Entry] = ()
) -> Preview:
    """Read every row through `mapping`; flag duplicates within the file and against
    `existing` records (plain dicts, see `duplicates`)."""
    context = _Context(table, mapping, dates.zone_of(mapping.source_time_zone), True)
    context.day_first = _day_first(table, mapping)
    rows, skipped = [], []
    for record in table.rows:
        reason = _skip_reason(record, mapping)
        if reason:
            skipped.append(SkippedRow(record.number, reason))
        else:
            rows.append(_prepare_row(record, context))
    file_issues = list(table.issues) + _missing_columns(mapping)
    groups = find_duplicates([_entry(row) for row in rows], existing)
    return Preview(
        table.filename, rows, skipped, file_issues, groups, list(table.notes)
    )


def _day_first(table: Table, mapping: Mapping) -> bool:
    if mapping.day_first is not None:
        return mapping.day_first
    day_first = True
    for index, name in mapping.columns.items():
        if FIELD_BY_NAME[name].kind == "when":
            cells = (record.cell(index) for record in table.rows)
            day_first = dates.decide_day_first(table.headers[index], cells)
    return day_first


def _skip_reason(record: Record, mapping: Mapping) -> str | None:
    for rule in mapping.skip_rules:
        if str(record.cell(rule.column)).strip() in rule.values:
            return rule.reason
    return None


def _missing_columns(mapping: Mapping) -> list[RowIssue]:
    present = set(mapping.columns.values()) | set(mapping.constants)
    if {"first_name", "last_name"} <= present:
        present.add("full_name")
    message = "required: no column and no fixed value for this field"
    return [
        RowIssue(None, FIELD_BY_NAME[name].label, "", message)
        for name in REQUIRED_FIELDS
        if name not in present
    ]


def _raw_cells(record: Record, context: _Context) -> dict[str, tuple[Any, str]]:
    """Field → (cell, its source): the column, a fallback column, or a constant."""
    headers, mapping = context.table.headers, context.mapping
    raw = {name: (record.cell(i), headers[i]) for i, name in mapping.columns.items()}
    for name, index in mapping.fallbacks.items():
        if not _text(raw.get(name, ("", ""))[0]).strip():
            raw[name] = (record.cell(index), headers[index])
    for name, value in mapping.constants.items():
        raw.setdefault(name, (value, FIXED_VALUE))
    return raw


def _prepare_row(record: Record, context: _Context) -> PreparedRow:
    raw = _raw_cells(record, context)
    used = set(context.mapping.columns) | set(context.mapping.fallbacks.values())
    extras = {
        header: _text(record.cell(i))
        for i, header in enumerate(context.table.headers)
        if i not in used and header and _text(record.cell(i)).strip()
    }
    row = PreparedRow(record.number, {}, extras)
    for name, (cell, column) in raw.items():
        outcome = _normalise(name, cell, context)
        row.values[name] = outcome.value
        if outcome.error:
            issue = RowIssue(row.row, column, _text(cell), outcome.error, "error", name)
            row.errors.append(issue)
        if outcome.warning:
            issue = RowIssue(
                row.row, column, _text(cell), outcome.warning, "warning", name
            )
            row.warnings.append(issue)
            row.values[f"{name}_as_typed"] = _text(cell).strip()
    _combine_names(row)
    _apply_role(row, raw)
    _check_required(row, raw)
    return row


def _normalise(name: str, cell: Any, context: _Context) -> values.Normalised:
    kind = FIELD_BY_NAME[name].kind
    if kind == "when":
        zone = context.zone
        return dates.parse_when(cell, zone=zone, day_first=context.day_first)
    text = _text(cell)
    vocabulary_ = context.mapping.vocabularies.get(name)
    if kind in _WITH_VOCABULARY:
        return _WITH_VOCABULARY[kind](text, vocabulary_)
    if kind in ("languages", "choices"):
        items = values.split_choices(text, context.mapping.options.get(name, ()))
        if kind == "languages":
            items = [vocabulary.normalise_language(item).value for item in items]
        return values.Normalised(items)
    return _NORMALISERS[kind](text)


def _text(cell: Any) -> str:
    if isinstance(cell, datetime):
        return cell.isoformat(sep=" ")
    return "" if cell is None else str(cell)


def _combine_names(row: PreparedRow) -> None:
    first, last = row.values.pop("first_name", None), row.values.pop("last_name", None)
    if row.values.get("full_name") is None and (first or last):
        row.values["full_name"] = " ".join(part for part in (first, last) if part)


def _apply_role(row: PreparedRow, raw: dict[str, tuple[Any, str]]) -> None:
    """Mentors answer capacity and expertise; mentees answer goals."""
    role = row.values.get("role")
    either = row.values.pop("expertise_or_goals", None)
    if either is not None:
        row.values.setdefault("goals" if role == "mentee" else "expertise", either)
    if role != "mentor" and row.values.get("capacity") is not None:
        cell, column = raw["capacity"]
        message = "capacity is asked of mentors only; ignored"
        row.warnings.append(RowIssue(row.row, column, _text(cell), message, "warning"))
        row.values["capacity"] = None
    if role == "mentor" and "capacity" in raw and row.values.get("capacity") is None:
        cell, column = raw["capacity"]
        if not _has_error(row, column):
            message = "required for a mentor; capacity must be 1, 2 or 3"
            row.errors.append(RowIssue(row.row, column, _text(cell), message))


def _check_required(row: PreparedRow, raw: dict[str, tuple[Any, str]]) -> None:
    for name in REQUIRED_FIELDS:
        if name not in raw or row.values.get(name) not in (None, "", []):
            continue
        cell, column = raw[name]
        if _has_error(row, column):
            continue
        text = _text(cell)
        what = "required (no recorded consent)" if name == "consent" else "required"
        state = "only spaces" if text and not text.strip() else "empty"
        row.errors.append(RowIssue(row.row, column, text, f"{what}, {state}"))


def _has_error(row: PreparedRow, column: str) -> bool:
    return any(issue.column == column for issue in row.errors)


def _entry(row: PreparedRow) -> Entry:
    keys = ("email", "full_name", "association", "linkedin")
    return {"ref": row.row, **{k: row.values.get(k) for k in keys}}


def _member_number(text: str) -> values.Normalised:
    return values.Normalised(text.strip() or None)


def _free_text(text: str) -> values.Normalised:
    return values.Normalised(values.clean_text(text) or None)


_WITH_VOCABULARY: dict[str, Callable[[str, Any], values.Normalised]] = {
    "association": vocabulary.normalise_association,
    "role": vocabulary.normalise_role,
    "preference": vocabulary.normalise_preference,
}
_NORMALISERS: dict[str, Callable[[str], values.Normalised]] = {
    "name": values.normalise_name,
    "email": values.normalise_email,
    "member_number": _member_number,
    "text": _free_text,
    "language": vocabulary.normalise_language,
    "country": vocabulary.normalise_country,
    "time_zone": dates.normalise_time_zone,
    "years": values.normalise_years,
    "capacity": values.normalise_capacity,
    "linkedin": values.normalise_linkedin,
    "consent": values.normalise_consent,
    "phone": values.normalise_phone,
}
