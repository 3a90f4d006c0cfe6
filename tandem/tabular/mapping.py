"""Which column fills which field, plus everything else a file needs to be read right.

A `Mapping` is what the mapping page edits and what a preset saves: it is plain data
and round-trips through JSON.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path

from .fields import FIELDS, header_key
from .reading import Table

PRESETS_DIR = Path(__file__).parent / "presets"
SCORE_SYNONYM, SCORE_TOOL_METADATA, SCORE_KEYWORD = 3, 2, 1
_MS_FORMS_METADATA = ["ID", "Start time", "Completion time", "Email", "Name"]
_SYNONYMS = {f.name: {header_key(s) for s in f.synonyms} for f in FIELDS}
_KEYWORDS = {f.name: [header_key(k) for k in f.keywords] for f in FIELDS}


@dataclass
class SkipRule:
    """Rows whose `column` cell is one of `values` are listed as skipped, not read."""

    column: int
    values: list[str]
    reason: str


@dataclass
class Mapping:
    headers: list[str] = field(default_factory=list)
    columns: dict[int, str] = field(default_factory=dict)
    constants: dict[str, str] = field(default_factory=dict)
    fallbacks: dict[str, int] = field(default_factory=dict)
    vocabularies: dict[str, dict[str, str]] = field(default_factory=dict)
    options: dict[str, list[str]] = field(default_factory=dict)
    skip_rules: list[SkipRule] = field(default_factory=list)
    source_time_zone: str | None = None
    day_first: bool | None = None
    name: str = ""
    note: str = ""

    def fits(self, table: Table) -> bool:
        return self.headers == table.headers

    def to_json(self) -> str:
        header = self.headers.__getitem__
        data = {
            "name": self.name,
            "note": self.note,
            "headers": self.headers,
            "columns": [
                {"index": i, "header": header(i), "field": f}
                for i, f in sorted(self.columns.items())
            ],
            "constants": self.constants,
            "fallbacks": {
                f: {"index": i, "header": header(i)} for f, i in self.fallbacks.items()
            },
            "vocabularies": self.vocabularies,
            "options": self.options,
            "skip_rules": [vars(rule) for rule in self.skip_rules],
            "source_time_zone": self.source_time_zone,
            "day_first": self.day_first,
        }
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"

    @classmethod
    def from_json(cls, text: str) -> "Mapping":
        data = json.loads(text)
        return cls(
            name=data.get("name", ""),
            note=data.get("note", ""),
            headers=data["headers"],
            columns={c["index"]: c["field"] for c in data["columns"]},
            constants=data.get("constants", {}),
            fallbacks={f: c["index"] for f, c in data.get("fallbacks", {}).items()},
            vocabularies=data.get("vocabularies", {}),
            options=data.get("options", {}),
            skip_rules=[SkipRule(**rule) for rule in data.get("skip_rules", [])],
            source_time_zone=data.get("source_time_zone"),
            day_first=data.get("day_first"),
        )


def guess_mapping(headers: list[str]) -> dict[int, str]:
    """Column index → field for the headers that clearly mean a field.

    Whole-header synonyms beat keyword hits; each field and each column is used once,
    leftmost first among equals. Microsoft Forms' own `Email`/`Name` columns (the
    respondent's account, `anonymous` for open forms) yield to question columns.
    """
    metadata = range(3, 5) if headers[:5] == _MS_FORMS_METADATA else range(0)
    candidates = []
    for index, header in enumerate(headers):
        key = header_key(header)
        for name in _SYNONYMS:
            score = _score(name, key)
            if score and index in metadata:
                score = min(score, SCORE_TOOL_METADATA)
            if score:
                candidates.append((-score, index, name))
    mapping: dict[int, str] = {}
    for _, index, name in sorted(candidates):
        if index not in mapping and name not in mapping.values():
            mapping[index] = name
    return dict(sorted(mapping.items()))


def _score(name: str, key: str) -> int:
    if not key:
        return 0
    if key in _SYNONYMS[name]:
        return SCORE_SYNONYM
    padded = f" {key} "
    if any(f" {keyword} " in padded for keyword in _KEYWORDS[name]):
        return SCORE_KEYWORD
    return 0


def suggest_mapping(table: Table) -> Mapping:
    """A first mapping for the mapping page: guessed columns plus tool conventions."""
    mapping = Mapping(headers=list(table.headers), columns=guess_mapping(table.headers))
    for index, header in enumerate(table.headers):
        previous = mapping.columns.get(index - 1)
        if header == "Other" and previous and previous not in mapping.fallbacks:
            mapping.fallbacks[previous] = index
        if header == "Response Type":
            reason = "a partial response (never submitted)"
            mapping.skip_rules.append(SkipRule(index, ["partial"], reason))
    when = next((i for i, f in mapping.columns.items() if f == "submitted_at"), None)
    if when is not None:
        mapping.source_time_zone = _zone_hint(table, when)
    return mapping


def _zone_hint(table: Table, index: int) -> str | None:
    if "(UTC)" in table.headers[index]:
        return "UTC"
    if index < len(table.column_meta):
        return table.column_meta[index].get("timeZone")
    return None


def load_preset(name: str) -> Mapping:
    return Mapping.from_json((PRESETS_DIR / f"{name}.json").read_text(encoding="utf-8"))


def find_preset(table: Table) -> Mapping | None:
    """The saved preset made for exactly these headers, if there is one."""
    for path in sorted(PRESETS_DIR.glob("*.json")):
        mapping = Mapping.from_json(path.read_text(encoding="utf-8"))
        if mapping.fits(table):
            return mapping
    return None
