"""Reference solvers the engine is measured against, and one shared evaluation.

All of them start from the same session (same scores, rules, pins and vetoes):
pins are assigned first, then each method fills the rest its own way.
"""

import sys
import threading

import numpy as np
from scipy.optimize import linear_sum_assignment

from .candidates import Scope
from .report import assignment_hash, blocking_for
from .rules import pair_violation
from .scoring import SCALE, pair_scores, same_employer


def free_problem(session):
    """Free mentee rows, residual capacities and the scope of the session."""
    pins = session.pins
    pin_rows = np.array([session.mentee_index[b] for _, b in pins], np.int64)
    pin_cols = np.array([session.mentor_index[a] for a, _ in pins], np.int64)
    residual = session.capacity - np.bincount(pin_cols, minlength=len(session.mentors))
    free = np.setdiff1d(np.arange(len(session.mentees)), pin_rows)
    return free, residual, Scope(free, residual > 0, session.conflicts)


def dense_scores(session, block_pairs: int = 1 << 20):
    """Exact integer scores of every free pair, -1 where a hard rule forbids it.

    Built row block by row block so only the result is dense.
    """
    free, residual, _ = free_problem(session)
    m = len(session.mentors)
    feat = session.features
    a, b, _ = feat.tables["pair_type"]
    q = np.empty((len(free), m), np.int64)
    step = max(1, block_pairs // max(m, 1))
    for start in range(0, len(free), step):
        part = free[start : start + step]
        rows = np.repeat(part, m)
        cols = np.tile(np.arange(m), len(part))
        block = pair_scores(feat, rows, cols).reshape(len(part), m)
        ok = feat.lang_ok[a[part]][:, b] & (residual > 0)[None, :]
        ok &= session.conflicts[part].toarray() == 0
        ok &= ~same_employer(feat, part)
        q[start : start + step] = np.where(ok, block, -1)
    return free, residual, q


def scipy_assignment(session):
    """Lexicographic optimum by linear_sum_assignment over repeated mentor slots."""
    free, residual, q = dense_scores(session)
    slots = np.repeat(np.arange(len(residual)), np.maximum(residual, 0))
    big = float(len(free) + 1)
    weights = np.where(q[:, slots] >= 0, big + q[:, slots] / SCALE, 0.0)
    r, c = linear_sum_assignment(weights, maximize=True)
    keep = q[r, slots[c]] >= 0
    return free[r[keep]], slots[c[keep]]


def greedy_assignment(session, q_dense=None):
    """Best pair first over every eligible pair."""
    free, residual, q = dense_scores(session) if q_dense is None else q_dense
    r, c = np.nonzero(q >= 0)
    order = np.lexsort((c, r, -q[r, c]))
    load = np.zeros(len(residual), np.int64)
    taken = np.zeros(len(free), bool)
    out_r, out_c = [], []
    for i, j in zip(r[order].tolist(), c[order].tolist(), strict=False):
        if not taken[i] and load[j] < residual[j]:
            taken[i] = True
            load[j] += 1
            out_r.append(free[i])
            out_c.append(j)
    return np.array(out_r, np.int64), np.array(out_c, np.int64)


def hospital_resident_assignment(session):
    """Resident-optimal stable matching (the `matching` package) on score ranks."""
    from matching.games import HospitalResident

    free, residual, q = dense_scores(session)
    resident_prefs, hospital_prefs = {}, {}
    for i in range(len(free)):
        cols = np.flatnonzero(q[i] >= 0)
        ranked = cols[np.lexsort((cols, -q[i, cols]))]
        if len(ranked):
            resident_prefs[f"e{i}"] = [f"r{j}" for j in ranked.tolist()]
    for j in range(len(residual)):
        rows = np.flatnonzero(q[:, j] >= 0)
        ranked = rows[np.lexsort((rows, -q[rows, j]))]
        if residual[j] > 0 and len(ranked):
            hospital_prefs[f"r{j}"] = [f"e{i}" for i in ranked.tolist()]
    capacities = {h: int(residual[int(h[1:])]) for h in hospital_prefs}
    if not resident_prefs:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    # The package recurses once per proposal; give it a deep stack in a thread.
    outcome = {}

    def solve():
        game = HospitalResident.create_from_dictionaries(
            resident_prefs, hospital_prefs, capacities, clean=True
        )
        outcome["solution"] = game.solve(optimal="resident")

    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(1_000_000)
    threading.stack_size(1 << 29)
    worker = threading.Thread(target=solve)
    worker.start()
    worker.join()
    threading.stack_size(0)
    sys.setrecursionlimit(limit)
    solution = outcome["solution"]
    out_r, out_c = [], []
    for hospital, residents in solution.items():
        for resident in residents:
            out_r.append(free[int(resident.name[1:])])
            out_c.append(int(hospital.name[1:]))
    return np.array(out_r, np.int64), np.array(out_c, np.int64)


def evaluate(session, rows, cols) -> dict:
    """Figures for any assignment of free mentees (pins are added here)."""
    free, _residual, scope = free_problem(session)
    pin_rows = np.array([session.mentee_index[b] for _, b in session.pins], np.int64)
    pin_cols = np.array([session.mentor_index[a] for a, _ in session.pins], np.int64)
    all_r = np.concatenate([np.asarray(rows, np.int64), pin_rows])
    all_c = np.concatenate([np.asarray(cols, np.int64), pin_cols])
    q = pair_scores(session.features, all_r, all_c)
    scores = q / SCALE
    pairs = [
        (session.mentors[j].id, session.mentees[i].id)
        for i, j in zip(all_r.tolist(), all_c.tolist(), strict=False)
    ]
    vetoes = set(session.vetoes)
    violations = sum(
        1
        for (a, b), i, j in zip(pairs, all_r.tolist(), all_c.tolist(), strict=False)
        if (a, b) in vetoes or pair_violation(session.mentors[j], session.mentees[i])
    )
    violations += int(np.sum(np.bincount(all_r, minlength=1) > 1))
    over = np.bincount(all_c, minlength=len(session.mentors)) - session.capacity
    violations += int(np.sum(np.maximum(over, 0)))
    local = np.searchsorted(free, np.asarray(rows, np.int64))
    q_free = pair_scores(session.features, rows, cols)
    br, _ = blocking_for(session, scope, local, np.asarray(cols, np.int64), q_free)
    fill = {}
    for i in all_r.tolist():
        code = session.mentees[i].association
        fill[code] = fill.get(code, 0) + 1
    return {
        "matched": len(pairs),
        "total_score": round(float(q.sum() / SCALE), 6),
        "worst": float(scores.min()) if len(scores) else None,
        "p10": float(np.percentile(scores, 10)) if len(scores) else None,
        "fill": dict(sorted(fill.items())),
        "blocking_pairs": len(br),
        "violations": int(violations),
        "pins_honoured": set(session.pins) <= set(pairs),
        "hash": assignment_hash(pairs),
    }
