"""Command line: `python -m matchengine run profiles.json|csv --out result.json`.

JSON input: {"mentors": [...], "mentees": [...], "weights": {...},
"pins": [[mentor_id, mentee_id], ...], "vetoes": [...], "options": {...}}.
CSV input: one row per profile with a `role` column (mentor or mentee); list
fields (other_languages, tags, availability) are separated by ';'.
"""

import argparse
import csv
import json
import sys
from dataclasses import asdict, fields
from pathlib import Path

from .generator import generate
from .profiles import EngineInputError, MatchInput, Mentee, Mentor, Options, Weights
from .session import run

LIST_FIELDS = {
    "other_languages",
    "availability",
    "expertise_tags",
    "goal_tags",
}
INT_FIELDS = {"years_experience", "capacity"}


def _profile(cls, raw: dict):
    known = {f.name for f in fields(cls)}
    # A CSV row carries the other role's columns too; empty ones mean nothing.
    raw = {k: v for k, v in raw.items() if k in known or v not in ("", None)}
    unknown = sorted(set(raw) - known - {"role"})
    if unknown:
        raise EngineInputError(
            "input",
            f"profile {raw.get('id', '?')} has unknown fields: {', '.join(unknown)}",
            (str(raw.get("id", "?")),),
        )
    values = {}
    for key, value in raw.items():
        if key == "role":
            continue
        if key in LIST_FIELDS and isinstance(value, str):
            value = tuple(x.strip() for x in value.split(";") if x.strip())
        elif key in LIST_FIELDS:
            value = tuple(value)
        elif key in INT_FIELDS:
            try:
                value = int(value or 0)
            except ValueError as exc:
                raise EngineInputError(
                    "input", f"profile {raw.get('id')} has {key}={value!r}"
                ) from exc
        values[key] = value
    try:
        return cls(**values)
    except TypeError as exc:
        raise EngineInputError(
            "input", f"profile {raw.get('id', '?')} is incomplete: {exc}"
        ) from exc


def load_input(path: Path) -> MatchInput:
    if path.suffix.lower() == ".csv":
        with path.open(newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        doc = {
            "mentors": [r for r in rows if r.get("role") == "mentor"],
            "mentees": [r for r in rows if r.get("role") == "mentee"],
        }
    else:
        doc = json.loads(path.read_text(encoding="utf-8"))
    return MatchInput(
        mentors=tuple(_profile(Mentor, r) for r in doc.get("mentors", [])),
        mentees=tuple(_profile(Mentee, r) for r in doc.get("mentees", [])),
        weights=Weights(**doc.get("weights", {})),
        pins=tuple(tuple(p) for p in doc.get("pins", [])),
        vetoes=tuple(tuple(v) for v in doc.get("vetoes", [])),
        options=Options(**doc.get("options", {})),
    )


def dump_input(data: MatchInput) -> dict:
    return {
        "mentors": [asdict(p) for p in data.mentors],
        "mentees": [asdict(p) for p in data.mentees],
        "weights": asdict(data.weights),
        "pins": [list(p) for p in data.pins],
        "vetoes": [list(v) for v in data.vetoes],
        "options": asdict(data.options),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m matchengine")
    sub = parser.add_subparsers(dest="command", required=True)
    run_cmd = sub.add_parser("run", help="match the profiles in a JSON or CSV file")
    run_cmd.add_argument("profiles", type=Path)
    run_cmd.add_argument("--out", type=Path, required=True)
    run_cmd.add_argument("--fairness", choices=["none", "max_min", "fair_share"])
    run_cmd.add_argument("--k", type=int, help="candidate mentors per mentee")
    gen = sub.add_parser("generate", help="write a seeded cohort as JSON")
    gen.add_argument("--mentees", type=int, required=True)
    gen.add_argument("--mentors", type=int, required=True)
    gen.add_argument("--kind", choices=["uniform", "realistic"], default="realistic")
    gen.add_argument("--seed", type=int, default=0)
    gen.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    try:
        if args.command == "generate":
            data = generate(args.mentees, args.mentors, args.kind, args.seed)
            args.out.write_text(json.dumps(dump_input(data), indent=1))
            return 0
        return _run(args)
    except EngineInputError as exc:
        print(f"input refused: {exc}", file=sys.stderr)
        return 2
    except (OSError, json.JSONDecodeError) as exc:
        print(f"cannot read input: {exc}", file=sys.stderr)
        return 2


def _run(args) -> int:
    data = load_input(args.profiles)
    options = asdict(data.options)
    if args.fairness:
        options["fairness"] = args.fairness
    if args.k:
        options["candidate_k"] = args.k
    data = MatchInput(
        data.mentors,
        data.mentees,
        data.weights,
        data.pins,
        data.vetoes,
        Options(**options),
    )
    result = run(data)
    args.out.write_text(json.dumps(result.to_dict(), indent=1))
    d = result.diagnostics
    print(
        f"matched {d['matched']} of {d['mentees']} mentees, total score "
        f"{d['total_score']}, proof gap {d['proof']['gap']}, hash "
        f"{d['assignment_hash'][:12]}"
    )
    for warning in result.warnings:
        print(f"warning: {warning}")
    return 0
