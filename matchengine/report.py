"""What a run returns: pairs with reasons, the unmatched with reasons, diagnostics."""

import hashlib
from dataclasses import asdict, dataclass, field

import numpy as np
import scipy.sparse as sp

from .candidates import Scope
from .rules import EMPLOYER, SAME_PERSON, VETO, language_profile, pair_language
from .scoring import (
    PARTS,
    SCALE,
    pair_parts,
    pair_scores,
    parse_offset_minutes,
    total_from_parts,
)
from .solve import assignment_lot, blocking_scan


@dataclass
class PairResult:
    mentor_id: str
    mentee_id: str
    score: float
    parts: dict
    pair_type: str
    language: str
    pinned: bool
    reason: str


@dataclass
class Unmatched:
    id: str
    role: str
    reason: str


@dataclass
class MatchResult:
    pairs: list[PairResult]
    unmatched_mentees: list[Unmatched]
    unmatched_mentors: list[Unmatched]
    blocking_pairs: list[tuple[str, str]]
    distribution: dict
    fill: dict
    warnings: list[str]
    diagnostics: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return asdict(self)

    def assignment(self) -> list[tuple[str, str]]:
        return [(p.mentor_id, p.mentee_id) for p in self.pairs]


def assignment_hash(pairs) -> str:
    text = "\n".join(f"{a}\t{b}" for a, b in sorted(pairs))
    return hashlib.sha256(text.encode()).hexdigest()


def over_demand_warning(n_mentees: int, places: int) -> str | None:
    if n_mentees <= places:
        return None
    return (
        f"{n_mentees} mentees but only {places} mentor places: at most {places} "
        f"can be matched and at least {n_mentees - places} stay unmatched"
    )


def _shown(language: str) -> str:
    return language.title()


def pair_reason(mentor, mentee, parts: dict, kind: str, language: str) -> str:
    """A short sentence saying why the pair fits, strongest facts first."""
    bits = []
    if parts["industry"] == 1:
        bits.append(f"both in {mentee.industry.strip().lower()}")
    if parts["function"] == 1:
        bits.append(f"both work in {mentee.function.strip().lower()}")
    shared = sorted(
        {t.strip().lower() for t in mentee.goal_tags}
        & {t.strip().lower() for t in mentor.expertise_tags}
    )
    if shared:
        bits.append(f"mentor's expertise covers the goal '{shared[0]}'")
    elif parts["text"] >= 0.3:
        bits.append("goals and expertise use the same words")
    gap = mentor.years_experience - mentee.years_experience
    if gap >= 5:
        bits.append(f"mentor has {gap} more years of experience")
    bits.append(f"{kind} pair in {_shown(language)}")
    hours = (
        abs(
            parse_offset_minutes(mentor.time_zone)
            - parse_offset_minutes(mentee.time_zone)
        )
        / 60
    )
    if min(hours, 24 - hours) >= 4:
        bits.append(f"time zones {min(hours, 24 - hours):g} h apart")
    return "; ".join(bits)


def _pairs(session, rows, cols, q, pinned) -> list[PairResult]:
    """Pair results; parts and reasons are kept per pair for the session's re-solves."""
    feat = session.features
    cache = session.pair_cache
    new = [
        k
        for k, key in enumerate(zip(rows.tolist(), cols.tolist(), strict=True))
        if key not in cache
    ]
    parts = pair_parts(feat, rows[new], cols[new])
    totals = total_from_parts(feat, parts)
    group_a, group_b, _ = feat.tables["pair_type"]
    # Kind and language depend only on the two language profiles: one per group.
    spoken: dict = {}
    for n, k in enumerate(new):
        i, j = int(rows[k]), int(cols[k])
        mentee, mentor = session.mentees[i], session.mentors[j]
        groups = (int(group_a[i]), int(group_b[j]))
        if groups not in spoken:
            lp_a, lp_b = language_profile(mentee), language_profile(mentor)
            kind = "local" if lp_a.native == lp_b.native else "international"
            spoken[groups] = kind, pair_language(lp_a, lp_b)
        kind, language = spoken[groups]
        part = {name: round(float(parts[name][n]), 6) for name in PARTS}
        reason = pair_reason(mentor, mentee, part, kind, language)
        cache[i, j] = (float(totals[n]), part, kind, language, reason)
    out = []
    for k, (i, j) in enumerate(zip(rows.tolist(), cols.tolist(), strict=True)):
        total, part, kind, language, reason = cache[i, j]
        out.append(
            PairResult(
                session.mentors[j].id,
                session.mentees[i].id,
                total,
                dict(part),
                kind,
                language,
                bool(pinned[k]),
                reason,
            )
        )
    return sorted(out, key=lambda p: (p.mentor_id, p.mentee_id))


def mentee_reasons(session, rows: np.ndarray) -> list[str]:
    """Why each given mentee got nobody: the first rule that leaves no mentor."""
    feat = session.features
    a, b, _ = feat.tables["pair_type"]
    codes = feat.lang_codes
    open_mentors = session.capacity > 0
    if not open_mentors.any():
        return ["no mentor has any capacity"] * len(rows)
    per_group = np.zeros((codes.shape[0], 3), np.int64)
    counts_b = np.bincount(b[open_mentors], minlength=codes.shape[1])
    for level in range(3):
        per_group[:, level] = (codes == level).astype(np.int64) @ counts_b
    lost = _conflicts_on_eligible(session, rows)
    reasons = []
    for k, i in enumerate(rows.tolist()):
        share = per_group[a[i], 1] + per_group[a[i], 2]
        left = per_group[a[i], 2]
        if share == 0:
            reasons.append("no shared language with any mentor")
            continue
        if left == 0:
            reasons.append(
                "pair-type preference rules out every mentor sharing a language"
            )
            continue
        reason = None
        for code, text in (
            (EMPLOYER, "same employer as every remaining mentor"),
            (SAME_PERSON, "the only remaining mentor is the same person"),
            (VETO, "excluded by veto from every remaining mentor"),
        ):
            left -= lost[k, code]
            if left <= 0:
                reason = text
                break
        reasons.append(
            reason or f"capacity exhausted: {_count(left, 'eligible mentor')} full"
        )
    return reasons


def _conflicts_on_eligible(session, rows):
    """Per mentee row, eligible open mentors lost to each conflict code.

    A pair counts once, under its highest code: a vetoed or same-person pair
    that also shares the employer is not counted as an employer conflict.
    """
    feat = session.features
    a, b, _ = feat.tables["pair_type"]
    open_mentors = session.capacity > 0
    sub = session.conflicts[rows].tocoo()
    ok = feat.lang_ok[a[rows[sub.row]], b[sub.col]] & open_mentors[sub.col]
    lost = np.zeros((len(rows), 4), np.int64)
    np.add.at(lost, (sub.row[ok], sub.data[ok].astype(np.int64)), 1)
    lost[:, EMPLOYER] = _same_employer_counts(
        feat.employer_a[rows],
        a[rows],
        feat.employer_b[open_mentors],
        b[open_mentors],
        feat.lang_ok,
    )
    both = ok & (feat.employer_a[rows[sub.row]] == feat.employer_b[sub.col])
    np.add.at(lost, (sub.row[both], EMPLOYER), -1)
    return lost


def _same_employer_counts(codes_x, groups_x, codes_y, groups_y, ok) -> np.ndarray:
    """For each x, how many y share its employer with ok[group_x, group_y]."""
    out = np.zeros(len(codes_x), np.int64)
    valid = codes_y >= 0
    if not valid.any() or not len(codes_x):
        return out
    size = int(max(codes_x.max(), codes_y.max())) + 1
    per_code = sp.csr_matrix(
        (np.ones(int(valid.sum())), (codes_y[valid], groups_y[valid])),
        shape=(size, ok.shape[1]),
    )
    known = codes_x >= 0
    keys, inverse = np.unique(
        codes_x[known].astype(np.int64) * ok.shape[0] + groups_x[known],
        return_inverse=True,
    )
    codes, groups = keys // ok.shape[0], keys % ok.shape[0]
    counts = per_code[codes].multiply(ok[groups]).sum(axis=1)
    out[known] = np.asarray(counts).ravel().astype(np.int64)[inverse.ravel()]
    return out


def mentor_reasons(session, cols: np.ndarray) -> list[str]:
    feat = session.features
    a, b, _ = feat.tables["pair_type"]
    counts_a = np.bincount(a, minlength=feat.lang_ok.shape[0])
    eligible = counts_a @ feat.lang_ok.astype(np.int64)
    sub = session.conflicts[:, cols].tocoo()
    ok = feat.lang_ok[a[sub.row], b[cols[sub.col]]]
    lost = np.bincount(sub.col[ok], minlength=len(cols))
    lost += _same_employer_counts(
        feat.employer_b[cols], b[cols], feat.employer_a, a, feat.lang_ok.T
    )
    both = ok & (feat.employer_a[sub.row] == feat.employer_b[cols[sub.col]])
    lost -= np.bincount(sub.col[both], minlength=len(cols))
    reasons = []
    for k, j in enumerate(cols.tolist()):
        n = eligible[b[j]] - lost[k]
        if session.capacity[j] == 0:
            reasons.append("capacity 0")
        elif n <= 0:
            reasons.append(
                "no eligible mentee (language, preference, employer or veto)"
            )
        else:
            reasons.append(f"{_count(n, 'eligible mentee')} matched to other mentors")
    return reasons


def _count(n: int, noun: str) -> str:
    return f"the only {noun} is" if n == 1 else f"all {n} {noun}s are"


def distribution(scores: np.ndarray) -> dict:
    if len(scores) == 0:
        return {"count": 0, "min": None, "p10": None, "median": None, "mean": None}
    return {
        "count": len(scores),
        "min": float(scores.min()),
        "p10": float(np.percentile(scores, 10)),
        "median": float(np.median(scores)),
        "mean": float(scores.mean()),
        "max": float(scores.max()),
    }


def fill_per_association(session, mentee_rows, mentor_cols) -> dict:
    fill = {}
    for p in session.mentees:
        if p.association not in fill:
            fill[p.association] = _blank_fill()
        fill[p.association]["mentees"] += 1
    for p in session.mentors:
        if p.association not in fill:
            fill[p.association] = _blank_fill()
        fill[p.association]["mentor_places"] += p.capacity
    for i in mentee_rows.tolist():
        fill[session.mentees[i].association]["mentees_matched"] += 1
    for j in mentor_cols.tolist():
        fill[session.mentors[j].association]["mentor_places_used"] += 1
    for row in fill.values():
        row["mentee_share_matched"] = (
            round(row["mentees_matched"] / row["mentees"], 6)
            if row["mentees"]
            else None
        )
    return dict(sorted(fill.items()))


def _blank_fill() -> dict:
    return {
        "mentees": 0,
        "mentees_matched": 0,
        "mentor_places": 0,
        "mentor_places_used": 0,
    }


def _residual_capacity(session) -> np.ndarray:
    pinned = [session.mentor_index[a] for a, _ in session.pins]
    return session.capacity - np.bincount(pinned, minlength=len(session.mentors))


def blocking_for(session, scope: Scope, rows, cols, q):
    """Blocking pairs of an assignment of the scope's free mentees (local rows)."""
    cap = _residual_capacity(session)
    rows, cols = np.asarray(rows, np.int64), np.asarray(cols, np.int64)
    return blocking_scan(session.features, scope, rows, cols, q, cap, session.bounds)


@dataclass
class BlockingMemo:
    """What the last run's blocking pairs depended on, in mentee and mentor indices.

    A pair's blocking status depends only on its own score and eligibility, its
    mentee's lot and its mentor's worst kept score; a re-solve rescans the pairs
    of mentees and mentors where one of these changed and keeps the rest.
    """

    row_score: np.ndarray  # per mentee, nan when pinned
    row_col: np.ndarray  # assigned mentor per mentee, -1 when none
    worst: np.ndarray
    col_ok: np.ndarray
    vetoes: frozenset
    rows: np.ndarray  # blocking pairs, sorted by mentee then mentor
    cols: np.ndarray


def session_blocking(session, scope: Scope, chosen) -> tuple[np.ndarray, np.ndarray]:
    """Blocking pairs (mentee, mentor indices) of the session's current run.

    Equal to a full `blocking_for` scan; after the first run of a session only
    the mentees and mentors whose situation changed are rescanned.
    """
    feat = session.features
    cap = _residual_capacity(session)
    rows, cols = np.asarray(chosen.rows, np.int64), np.asarray(chosen.cols, np.int64)
    lot, worst = assignment_lot(feat, len(scope.rows), rows, cols, chosen.q, cap)
    row_score = np.full(feat.n, np.nan)
    row_score[scope.rows] = lot
    row_col = np.full(feat.n, -1, np.int64)
    row_col[scope.rows[rows]] = cols
    vetoes = frozenset(session.vetoes)
    old = session.blocking_memo
    if old is None:
        br, bc = blocking_scan(feat, scope, rows, cols, chosen.q, cap, session.bounds)
        out_r, out_c = scope.rows[br], bc
    else:
        moved_r = ~(
            (row_score == old.row_score)
            | (np.isnan(row_score) & np.isnan(old.row_score))
        ) | (row_col != old.row_col)
        touched = [session.mentee_index[b] for _, b in vetoes ^ old.vetoes]
        moved_r[np.asarray(touched, np.int64)] = True
        moved_c = (worst != old.worst) | (scope.col_ok != old.col_ok)
        keep = ~moved_r[old.rows] & ~moved_c[old.cols] & ~np.isnan(row_score[old.rows])
        only_cols = np.flatnonzero(moved_c)
        br, bc = blocking_scan(
            feat,
            scope,
            rows,
            cols,
            chosen.q,
            cap,
            session.bounds,
            moved_r[scope.rows],
            only_cols,
        )
        out_r = np.concatenate([old.rows[keep], scope.rows[br]])
        out_c = np.concatenate([old.cols[keep], bc])
        order = np.lexsort((out_c, out_r))
        out_r, out_c = out_r[order], out_c[order]
    session.blocking_memo = BlockingMemo(
        row_score, row_col, worst, scope.col_ok.copy(), vetoes, out_r, out_c
    )
    return out_r, out_c


def build_result(session, scope: Scope, chosen, pin_rows, pin_cols) -> MatchResult:

    pin_q = pair_scores(session.features, pin_rows, pin_cols)
    rows = np.concatenate([scope.rows[chosen.rows], pin_rows]).astype(np.int64)
    cols = np.concatenate([chosen.cols, pin_cols]).astype(np.int64)
    pinned = np.r_[np.zeros(len(chosen.rows), bool), np.ones(len(pin_rows), bool)]
    pairs = _pairs(session, rows, cols, np.r_[chosen.q, pin_q], pinned)
    matched = np.zeros(len(session.mentees), bool)
    matched[rows] = True
    lonely_rows = np.flatnonzero(~matched)
    used = np.zeros(len(session.mentors), bool)
    used[cols] = True
    lonely_cols = np.flatnonzero(~used)
    blocking_rows, blocking_cols = session_blocking(session, scope, chosen)
    blocking = sorted(
        (session.mentors[j].id, session.mentees[i].id)
        for i, j in zip(blocking_rows.tolist(), blocking_cols.tolist(), strict=True)
    )
    scores = np.array([p.score for p in pairs])
    places = int(session.capacity.sum())
    warnings = [w for w in [over_demand_warning(len(session.mentees), places)] if w]
    total = round(float(np.sum(np.r_[chosen.q, pin_q]) / SCALE), 6)
    result = MatchResult(
        pairs=pairs,
        unmatched_mentees=[
            Unmatched(session.mentees[i].id, "mentee", r)
            for i, r in zip(
                lonely_rows.tolist(), mentee_reasons(session, lonely_rows), strict=True
            )
        ],
        unmatched_mentors=[
            Unmatched(session.mentors[j].id, "mentor", r)
            for j, r in zip(
                lonely_cols.tolist(), mentor_reasons(session, lonely_cols), strict=True
            )
        ],
        blocking_pairs=blocking,
        distribution=distribution(scores),
        fill=fill_per_association(session, rows, cols),
        warnings=warnings,
    )
    result.diagnostics = {
        "mentees": len(session.mentees),
        "mentors": len(session.mentors),
        "mentor_places": places,
        "pins": len(session.pins),
        "vetoes": len(session.vetoes),
        "fairness": session.options.fairness,
        "seed": session.options.seed,
        "candidate_k": session.options.candidate_k,
        "candidate_pairs": int(chosen.candidate_pairs),
        "matched": len(pairs),
        "total_score": total,
        "blocking_pairs": len(blocking),
        "proof": chosen.proof,
        "assignment_hash": assignment_hash(result.assignment()),
    }
    return result
