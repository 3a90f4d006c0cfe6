"""Fairness options on top of the plain lexicographic optimum.

- none: most matched mentees, then highest total score.
- max_min: most matched mentees, then the best possible worst-off matched
  mentee, then highest total. Found by raising a score floor while the proven
  optimum under that floor keeps the full matched count.
- fair_share: each association's mentees get at least their share of the
  matched count (floor of count * applicants / all applicants, lowered to what
  the association could reach alone), then most matched, then highest total.
  This side constraint is solved with HiGHS on the proven candidate graph and
  the gap to its LP bound is reported; pairs outside that graph are not
  re-checked in this mode.
"""

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from scipy.optimize import Bounds, LinearConstraint, milp

from .candidates import Scope
from .scoring import SCALE
from .solve import Certified, Graph, certified_solve


@dataclass
class Chosen:
    rows: np.ndarray  # local rows of the scope
    cols: np.ndarray
    q: np.ndarray
    proof: dict
    candidate_pairs: int


def _from_certified(c: Certified, extra: dict | None = None) -> Chosen:
    sol = c.solution
    g = c.graph
    proof = {
        "method": "min-cost flow with dual certificate on the full problem",
        "proven_optimal": True,
        "rounds": c.rounds,
        "pairs_added_by_proof": c.added,
        "objective": sol.primal,
        "bound": sol.dual,
        "gap": sol.dual - sol.primal,
        "pairs_checked": c.pairs_checked,
        **(extra or {}),
    }
    return Chosen(
        g.rows[sol.matched], g.cols[sol.matched], g.q[sol.matched], proof, len(g.rows)
    )


def apply(mode, feat, scope: Scope, proven: Certified, cap, mentees, bounds) -> Chosen:
    if mode == "max_min":
        return max_min(feat, scope, proven, cap, bounds)
    if mode == "fair_share":
        return fair_share(scope, proven, cap, mentees)
    return _from_certified(proven)


def max_min(feat, scope: Scope, proven: Certified, cap, bounds) -> Chosen:
    """Highest floor that keeps the matched count, each probe proven exactly."""
    target = int(proven.solution.matched.sum())
    best = proven
    if target == 0:
        return _from_certified(best, {"worst_off_floor": None})
    low = int(best.graph.q[best.solution.matched].min())
    probes = 0
    while True:
        values = np.unique(best.graph.q[best.graph.q > low])
        if len(values) == 0:
            break
        lo, hi, found = 0, len(values) - 1, None
        while lo <= hi:
            mid = (lo + hi) // 2
            floor = int(values[mid])
            probes += 1
            trial = _solve_with_floor(feat, scope, best.graph, cap, floor, bounds)
            if int(trial.solution.matched.sum()) == target:
                found, lo = trial, mid + 1
            else:
                hi = mid - 1
        if found is None:
            break
        best = found
        low = int(best.graph.q[best.solution.matched].min())
    return _from_certified(
        best, {"worst_off_floor": low / SCALE, "floor_probes": probes}
    )


def _solve_with_floor(feat, scope: Scope, graph: Graph, cap, floor: int, bounds):
    floored = Scope(scope.rows, scope.col_ok, scope.conflicts, floor / SCALE)
    return certified_solve(feat, floored, graph.subset(graph.q >= floor), cap, bounds)


def _association_targets(proven: Certified, scope: Scope, cap, mentees):
    codes = np.array([mentees[i].association for i in scope.rows])
    names, assoc = np.unique(codes, return_inverse=True)
    total = int(proven.solution.matched.sum())
    g = proven.graph
    targets = []
    for a in range(len(names)):
        share = total * int((assoc == a).sum()) // max(len(scope.rows), 1)
        alone = _max_matched(g.subset(assoc[g.rows] == a), len(scope.rows), cap)
        targets.append(min(share, alone))
    return names, assoc, np.array(targets)


def _max_matched(graph: Graph, n: int, cap) -> int:
    if len(graph.rows) == 0:
        return 0
    result = _lp(graph, n, cap, -np.ones(len(graph.rows)), [], integral=False)
    return round(-result.fun) if result.success else 0


def _lp(graph: Graph, n: int, cap, c, extra, integral=True):
    a = len(graph.rows)
    arcs = np.arange(a)
    rows_m = sp.csr_matrix((np.ones(a), (graph.rows, arcs)), shape=(n, a))
    cols_m = sp.csr_matrix((np.ones(a), (graph.cols, arcs)), shape=(len(cap), a))
    constraints = [
        LinearConstraint(rows_m, -np.inf, 1),
        LinearConstraint(cols_m, -np.inf, cap),
        *extra,
    ]
    return milp(
        c,
        constraints=constraints,
        bounds=Bounds(0, 1),
        integrality=np.ones(a) if integral else None,
        options={"mip_rel_gap": 1e-9},
    )


def fair_share(scope: Scope, proven: Certified, cap, mentees) -> Chosen:
    """Three HiGHS stages: least shortfall, then most matched, then best score."""
    g = proven.graph
    n, a = len(scope.rows), len(g.rows)
    names, assoc, targets = _association_targets(proven, scope, cap, mentees)
    k = len(names)
    member = sp.csr_matrix((np.ones(a), (assoc[g.rows], np.arange(a))), shape=(k, a))
    # Shortfall variables s_a >= 0 make the share constraint always feasible.
    share_rows = sp.hstack([member, sp.eye(k)]).tocsr()
    zeros = sp.csr_matrix((n, k)), sp.csr_matrix((len(cap), k))
    base = [
        LinearConstraint(sp.hstack([_incidence(g.rows, n, a), zeros[0]]), -np.inf, 1),
        LinearConstraint(
            sp.hstack([_incidence(g.cols, len(cap), a), zeros[1]]), -np.inf, cap
        ),
        LinearConstraint(share_rows, targets, np.inf),
    ]
    bounds = Bounds(np.zeros(a + k), np.r_[np.ones(a), targets.astype(float)])
    integrality = np.r_[np.ones(a), np.zeros(k)]
    stages = [
        np.r_[np.zeros(a), np.ones(k)],
        np.r_[-np.ones(a), np.zeros(k)],
        np.r_[-g.q / SCALE, np.zeros(k)],
    ]
    fixed, result = [], None
    for c in stages:
        result = milp(
            c,
            constraints=base + fixed,
            bounds=bounds,
            integrality=integrality,
            options={"mip_rel_gap": 1e-9},
        )
        if not result.success:
            return _from_certified(
                proven, {"fair_share": f"HiGHS failed: {result.message}"}
            )
        fixed.append(LinearConstraint(c[None, :], -np.inf, result.fun + 1e-6))
    x = np.rint(result.x[:a]).astype(bool)
    lp = milp(stages[-1], constraints=base + fixed[:-1], bounds=bounds)
    score = float(g.q[x].sum() / SCALE)
    bound = float(-lp.fun) if lp.success else None
    proof = {
        "method": "HiGHS MILP on the proven candidate graph with association shares",
        "proven_optimal": False,
        "objective_score": score,
        "lp_bound_score": bound,
        "gap": None if bound is None else max(0.0, bound - score),
        "mip_gap": float(getattr(result, "mip_gap", 0.0) or 0.0),
        "association_targets": dict(
            zip(names.tolist(), targets.tolist(), strict=False)
        ),
        "shortfall": float(np.sum(result.x[a:])),
    }
    return Chosen(g.rows[x], g.cols[x], g.q[x], proof, a)


def _incidence(index, size, a):
    return sp.csr_matrix((np.ones(a), (index, np.arange(a))), shape=(size, a))
