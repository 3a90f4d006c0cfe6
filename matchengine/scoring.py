"""Score of a mentor-mentee pair: the parts, their formulas and their weighting.

Every part is a number in [0, 1]; this module is the one place that defines them.

    text         t = a * cos(tfidf(goals), tfidf(expertise))
                   + (1 - a) * |goal_tags & expertise_tags| / |goal_tags|
                 with a = 0.5 when the mentee gave goal tags, else a = 1.
    industry     1 when both name the same industry, else 0.
    function     1 when both name the same function, else 0.
    seniority    clip((mentor_years - mentee_years) / 10, 0, 1).
    pair_type    mean over both people of 1 (asked for exactly this pair type)
                 or 0.5 (said 'either').
    time_zone    max(0, 1 - h / 8), h the hours between the two UTC offsets
                 measured round the clock.
    availability |A & B| / sqrt(|A| * |B|) over availability options, 0 if
                 either list is empty.

    total        round(sum(w_p * part_p) / sum(w_p), 6)

The total is rounded to six decimals on purpose: the solver works with the
integer `round(total * SCALE)`, so the number it optimises is exactly the number
reported, and any exact solver fed the same totals reaches the same optimum.

Categorical parts are tables indexed by small integer codes (one code per
distinct value on each side), so a block of pairs is scored by gathers and one
sparse product for the text, never by Python loops over pairs.
"""

from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer

from .profiles import EngineInputError, Weights
from .rules import (
    employer_codes,
    encode,
    language_profile,
    language_rule,
    norm,
    pair_kind,
)

SCALE = 1_000_000
PARTS = (
    "text",
    "industry",
    "function",
    "seniority",
    "pair_type",
    "time_zone",
    "availability",
)
SENIORITY_FULL_GAP = 10
TIME_ZONE_ZERO_HOURS = 8
# IANA zones are read at one fixed instant in the program year so that a run
# does not depend on the day it happens; daylight saving is ignored beyond that.
TIME_ZONE_INSTANT = datetime(2024, 1, 15, 12, tzinfo=UTC)
MERGE_LIMIT = 2048
# Up to this many text features a dense float32 product (BLAS) beats sparse.
DENSE_TEXT_LIMIT = 512


def part_formulas() -> dict[str, str]:
    """Each part's formula from the module docstring, as one line, in PARTS order.

    Callers that explain the parts (the weights page) read them here, so the
    docstring stays the one place where a part is defined.
    """
    return dict(_part_formulas())


@lru_cache(maxsize=1)
def _part_formulas() -> tuple[tuple[str, str], ...]:
    # An entry starts at a part's name indented by four spaces; deeper lines
    # continue it, anything else ends it.
    entries: dict[str, list[str]] = {}
    current = None
    for line in __doc__.splitlines():
        body = line.removeprefix("    ")
        head, _, rest = body.partition(" ")
        if body != line and head in PARTS:
            current = head
            entries[current] = [rest.strip()]
        elif current and body.startswith(" ") and body.strip():
            entries[current].append(body.strip())
        else:
            current = None
    return tuple((name, " ".join(entries[name])) for name in PARTS)


def parse_offset_minutes(zone: str, who: str = "") -> int:
    """UTC offset in minutes of 'Europe/Prague', 'UTC+02:00', '+2' or '-05:30'."""
    offset = _offset_minutes(str(zone))
    if offset is None:
        raise EngineInputError(
            "time zone", f"{who} has unknown time zone {zone!r}", (who,)
        )
    return offset


@lru_cache(maxsize=4096)
def _offset_minutes(zone: str) -> int | None:
    text = zone.strip().upper().replace("GMT", "UTC")
    if text in ("", "UTC", "Z"):
        return 0
    body = text.removeprefix("UTC")
    if body[:1] in "+-" and len(body) > 1:
        sign = -1 if body[0] == "-" else 1
        hours, _, minutes = body[1:].partition(":")
        if hours.isdigit() and (minutes == "" or minutes.isdigit()):
            total = int(hours) * 60 + int(minutes or 0)
            if total <= 14 * 60:
                return sign * total
    try:
        offset = TIME_ZONE_INSTANT.astimezone(ZoneInfo(zone.strip())).utcoffset()
    except (ZoneInfoNotFoundError, ValueError, KeyError):
        return None
    return int(offset.total_seconds() // 60)


def text_part_matrices(mentees, mentors):
    """Row vectors whose dot product is the text part (see module docstring)."""
    goals = [p.goals for p in mentees]
    expertise = [p.expertise for p in mentors]
    vectorizer = TfidfVectorizer(stop_words="english", sublinear_tf=True)
    try:
        both = vectorizer.fit_transform(goals + expertise).tocsr()
        x, y = both[: len(goals)], both[len(goals) :]
    except ValueError:  # every text is empty or only stop words
        x = sp.csr_matrix((len(mentees), 1))
        y = sp.csr_matrix((len(mentors), 1))
    tags_a = [sorted({norm(t) for t in p.goal_tags} - {""}) for p in mentees]
    tags_b = [sorted({norm(t) for t in p.expertise_tags} - {""}) for p in mentors]
    vocab = {
        t: i for i, t in enumerate(sorted({t for ts in tags_a + tags_b for t in ts}))
    }
    g = _incidence(tags_a, vocab)
    e = _incidence(tags_b, vocab)
    sizes = np.asarray(g.sum(axis=1)).ravel()
    a = np.where(sizes > 0, 0.5, 1.0)
    coverage = sp.diags((1 - a) / np.maximum(sizes, 1)) @ g
    left = sp.hstack([sp.diags(a) @ x, coverage]).tocsr()
    right = sp.hstack([y, e]).tocsr()
    return left, right, vocab


def _incidence(tag_lists, vocab) -> sp.csr_matrix:
    rows = np.repeat(np.arange(len(tag_lists)), [len(t) for t in tag_lists])
    cols = np.array([vocab[t] for ts in tag_lists for t in ts], np.int64)
    data = np.ones(len(cols))
    return sp.csr_matrix(
        (data, (rows, cols)), shape=(len(tag_lists), max(len(vocab), 1))
    )


def _table_equal(codes_a, codes_b, vocab):
    """Codes and the 'same non-empty value' table for industry and function."""
    blank = np.array([v == "" for v in vocab])
    table = np.eye(len(vocab)) * ~blank[:, None]
    return codes_a, codes_b, table


def _table_seniority(years_a, years_b):
    ua, a = np.unique(years_a, return_inverse=True)
    ub, b = np.unique(years_b, return_inverse=True)
    gap = ub[None, :].astype(float) - ua[:, None]
    return a, b, np.clip(gap / SENIORITY_FULL_GAP, 0.0, 1.0)


def _table_time_zone(minutes_a, minutes_b):
    ua, a = np.unique(minutes_a, return_inverse=True)
    ub, b = np.unique(minutes_b, return_inverse=True)
    diff = np.abs(ub[None, :] - ua[:, None]) % (24 * 60)
    hours = np.minimum(diff, 24 * 60 - diff) / 60
    return a, b, np.maximum(0.0, 1 - hours / TIME_ZONE_ZERO_HOURS)


def _table_availability(sets_a, sets_b):
    codes_a, codes_b, vocab = encode(sets_a, sets_b)
    slots = {x: k for k, x in enumerate(sorted(set().union(*vocab)))}
    incidence = _incidence([sorted(s) for s in vocab], slots).toarray()
    shared = incidence @ incidence.T
    sizes = incidence.sum(axis=1)
    denominator = np.sqrt(np.outer(sizes, sizes))
    table = np.divide(
        shared, denominator, out=np.zeros_like(shared), where=denominator > 0
    )
    return codes_a, codes_b, table


def _pref_weight(preference: str, kind: str) -> float:
    return 1.0 if preference == kind else 0.5 if preference == "either" else 0.0


def _table_language(profiles_a, profiles_b):
    """Language groups: eligibility, pair-type part and the rule name per group pair."""
    codes_a, codes_b, vocab = encode(profiles_a, profiles_b)
    size = len(vocab)
    ok = np.zeros((size, size), bool)
    part = np.zeros((size, size))
    # 0 no shared language, 1 pair-type preference, 2 allowed (for reports).
    codes = np.zeros((size, size), np.int8)
    # Only combinations that occur are evaluated; others stay ineligible.
    present = sorted(set(codes_a.tolist())), sorted(set(codes_b.tolist()))
    for i in present[0]:
        for j in present[1]:
            broken = language_rule(vocab[i], vocab[j])
            codes[i, j] = 0 if broken == "no shared language" else 1 if broken else 2
            if broken is None:
                kind = pair_kind(vocab[i], vocab[j])
                ok[i, j] = True
                part[i, j] = (
                    _pref_weight(vocab[i].preference, kind)
                    + _pref_weight(vocab[j].preference, kind)
                ) / 2
    return codes_a, codes_b, ok, part, codes


@dataclass
class Features:
    """Everything derived from the profiles that scoring and rules need."""

    n: int
    m: int
    weights: dict
    text_left: sp.csr_matrix
    text_right: sp.csr_matrix
    text_right_t32: sp.csr_matrix
    text_left32: sp.csr_matrix
    text_right_dense: np.ndarray | None  # set when the text vocabulary is small
    tables: dict  # part -> (codes_mentee, codes_mentor, table float64)
    lang_ok: np.ndarray
    lang_codes: np.ndarray
    lang_cols: np.ndarray  # mentee language code x mentor: language rule holds
    screen_groups: list  # [(codes_mentee, codes_mentor, weighted float32 table)]
    tag_vocab: dict
    employer_a: np.ndarray  # per mentee; equal codes mean the same employer
    employer_b: np.ndarray  # per mentor; blanks never equal anything


def build_features(mentees, mentors, weights: Weights) -> Features:
    w = weights.as_dict()
    total_w = sum(w.values())
    w = {k: v / total_w for k, v in w.items()}
    left, right, tag_vocab = text_part_matrices(mentees, mentors)
    lang_a, lang_b, lang_ok, lang_part, lang_codes = _table_language(
        [language_profile(p) for p in mentees], [language_profile(p) for p in mentors]
    )
    tables = {
        "pair_type": (lang_a, lang_b, lang_part),
        "industry": _table_equal(
            *encode(
                [norm(p.industry) for p in mentees], [norm(p.industry) for p in mentors]
            )
        ),
        "function": _table_equal(
            *encode(
                [norm(p.function) for p in mentees], [norm(p.function) for p in mentors]
            )
        ),
        "seniority": _table_seniority(
            np.array([p.years_experience for p in mentees], np.int64),
            np.array([p.years_experience for p in mentors], np.int64),
        ),
        "time_zone": _table_time_zone(
            np.array([parse_offset_minutes(p.time_zone, p.id) for p in mentees]),
            np.array([parse_offset_minutes(p.time_zone, p.id) for p in mentors]),
        ),
        "availability": _table_availability(
            [frozenset(norm(x) for x in p.availability) - {""} for p in mentees],
            [frozenset(norm(x) for x in p.availability) - {""} for p in mentors],
        ),
    }
    employer_a, employer_b = employer_codes(mentees, mentors)
    eligible_pref = np.where(lang_ok, w["pair_type"] * lang_part, -np.inf)
    groups = [(lang_a, lang_b, eligible_pref)]
    groups += [
        (a, b, w[name] * t) for name, (a, b, t) in tables.items() if name != "pair_type"
    ]
    return Features(
        n=len(mentees),
        m=len(mentors),
        weights=w,
        text_left=left,
        text_right=right,
        text_right_t32=(w["text"] * right).T.astype(np.float32).tocsr(),
        text_left32=left.astype(np.float32).tocsr(),
        text_right_dense=(
            (w["text"] * right).T.astype(np.float32).toarray()
            if right.shape[1] <= DENSE_TEXT_LIMIT
            else None
        ),
        tables=tables,
        lang_ok=lang_ok,
        lang_codes=lang_codes,
        lang_cols=lang_ok[:, lang_b],
        screen_groups=_merge_groups(groups),
        tag_vocab=tag_vocab,
        employer_a=employer_a,
        employer_b=employer_b,
    )


def _compress(codes_a, codes_b, table):
    ua, a = np.unique(codes_a, return_inverse=True)
    ub, b = np.unique(codes_b, return_inverse=True)
    return a, b, table[np.ix_(ua, ub)]


def _merge_groups(groups):
    """Fold categorical tables together while the joint table stays small.

    Fewer tables mean fewer gathers per block; a merged entry is the sum of the
    two tables' entries, so the screening total is unchanged.
    """
    groups = sorted((_compress(*g) for g in groups), key=lambda g: g[2].size)
    merged = []
    current = groups[0]
    for nxt in groups[1:]:
        ra, rb = current[2].shape
        sa, sb = nxt[2].shape
        if ra * sa <= MERGE_LIMIT and rb * sb <= MERGE_LIMIT:
            table = (current[2][:, None, :, None] + nxt[2][None, :, None, :]).reshape(
                ra * sa, rb * sb
            )
            current = _compress(
                current[0] * sa + nxt[0], current[1] * sb + nxt[1], table
            )
        else:
            merged.append(current)
            current = nxt
    merged.append(current)
    return [(a, b, t.astype(np.float32)) for a, b, t in merged]


def pair_parts(feat: Features, rows, cols) -> dict[str, np.ndarray]:
    """Exact float64 parts of explicit pairs (mentee rows, mentor cols)."""
    rows = np.asarray(rows, np.int64)
    cols = np.asarray(cols, np.int64)
    parts = {}
    if len(rows):
        prod = feat.text_left[rows].multiply(feat.text_right[cols])
        parts["text"] = np.clip(np.asarray(prod.sum(axis=1)).ravel(), 0.0, 1.0)
    else:
        parts["text"] = np.zeros(0)
    for name, (a, b, table) in feat.tables.items():
        parts[name] = table[a[rows], b[cols]]
    return {name: parts[name] for name in PARTS}


def same_employer(feat: Features, rows, cols=None) -> np.ndarray:
    """Bool block rows x mentors (all, or `cols`): True where the employer is shared."""
    right = feat.employer_b if cols is None else feat.employer_b[cols]
    return feat.employer_a[rows][:, None] == right[None, :]


def pair_eligible_by_language(feat: Features, rows, cols) -> np.ndarray:
    a, b, _ = feat.tables["pair_type"]
    return feat.lang_ok[a[rows], b[cols]]


def total_from_parts(feat: Features, parts) -> np.ndarray:
    total = np.zeros_like(parts["text"])
    for name in PARTS:
        total = total + feat.weights[name] * parts[name]
    return np.round(total, 6)


def pair_scores(feat: Features, rows, cols) -> np.ndarray:
    """Exact totals as integers in units of 1 / SCALE."""
    return np.rint(total_from_parts(feat, pair_parts(feat, rows, cols)) * SCALE).astype(
        np.int64
    )


def screen_block(feat: Features, rows: np.ndarray, cols=None) -> np.ndarray:
    """Float32 totals of rows x mentors (all, or `cols`); -inf where the language
    rule fails.

    Accurate to about 1e-6, so it serves to select and to screen; every decision
    is confirmed with `pair_scores`. Conflicts (employer, person, veto) are
    applied by the caller.
    """
    if feat.text_right_dense is not None:
        right = (
            feat.text_right_dense if cols is None else feat.text_right_dense[:, cols]
        )
        block = feat.text_left32[rows].toarray() @ right
    else:
        right = feat.text_right_t32 if cols is None else feat.text_right_t32[:, cols]
        block = (feat.text_left32[rows] @ right).toarray()
    for a, b, table in feat.screen_groups:
        block += np.take(table[a[rows]], b if cols is None else b[cols], axis=1)
    return block
