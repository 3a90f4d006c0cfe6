"""Flag applicants who may be the same person; merging is always a coordinator's call.

Entries are plain dicts with `ref` (a row number, or an id of an existing record),
`email`, `full_name`, `association` and `linkedin`.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .values import email_key, fold, gmail_key

Entry = Mapping[str, Any]


@dataclass(frozen=True)
class DuplicateGroup:
    reason: str
    refs: tuple[Any, ...]


def find_duplicates(
    candidates: Iterable[Entry], existing: Iterable[Entry] = ()
) -> list[DuplicateGroup]:
    """Groups of two or more entries that share a key; at least one is a candidate."""
    candidates, existing = list(candidates), list(existing)
    new_refs = {entry["ref"] for entry in candidates}
    entries = candidates + existing
    groups: list[DuplicateGroup] = []
    seen: set[frozenset] = set()
    for reason_of, key_of in _RULES:
        for members in _group(entries, key_of):
            refs = frozenset(e["ref"] for e in members)
            if refs in seen or not refs & new_refs:
                continue
            seen.add(refs)
            groups.append(
                DuplicateGroup(reason_of(members), tuple(e["ref"] for e in members))
            )
    return groups


def _group(entries: list[Entry], key_of: Callable[[Entry], Any]) -> list[list[Entry]]:
    buckets: dict[Any, list[Entry]] = defaultdict(list)
    for entry in entries:
        key = key_of(entry)
        if key:
            buckets[key].append(entry)
    return [members for members in buckets.values() if len(members) > 1]


def _email(entry: Entry) -> str | None:
    return email_key(entry["email"]) if entry.get("email") else None


def _gmail(entry: Entry) -> str | None:
    return gmail_key(entry["email"]) if entry.get("email") else None


def _name(entry: Entry) -> tuple[str, str] | None:
    name, association = entry.get("full_name"), entry.get("association")
    return (association, fold(name)) if name and association else None


def _linkedin(entry: Entry) -> str | None:
    url = entry.get("linkedin")
    return url.casefold() if url else None


def _email_reason(members: list[Entry]) -> str:
    if len({m["email"] for m in members}) > 1:
        return "same e-mail address (case or white space differ)"
    return "same e-mail address"


def _name_reason(members: list[Entry]) -> str:
    if len({m["full_name"] for m in members}) > 1:
        return "same name with and without diacritics in the same association"
    return "same name in the same association"


_RULES = (
    (_email_reason, _email),
    (lambda _: "same Gmail address (Gmail ignores dots and +tags)", _gmail),
    (_name_reason, _name),
    (lambda _: "same LinkedIn profile", _linkedin),
)
