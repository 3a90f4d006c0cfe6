"""Exact assignment by min-cost flow on the candidate graph, proven on the full problem.

Objective, lexicographic: most matched mentees, then the highest total score.
OR-Tools solves the candidate graph as max flow with min cost (costs are the
negated integer scores). The proof uses the equivalent single-objective flow in
which a matched pair is worth BIG + q with BIG larger than any possible total of
q, so one more match always outweighs any score.

Certificate: shortest-path distances d on the residual graph of that flow give
mentee values u_i = max(0, d_i - d_T) and mentor prices p_j = max(0, d_T - d_j),
plus z_ij = max(0, BIG + q_ij - u_i - p_j) on assigned pairs (the dual of the
bound x_ij <= 1). They satisfy u_i + p_j + z_ij >= BIG + q_ij on every candidate
pair, and sum(u) + sum(capacity * p) + sum(z) equals the flow's value (LP
duality). If every eligible pair outside the graph satisfies u_i + p_j >= BIG +
q_ij, the same duals bound the full problem and no assignment is better; pairs
that break it join the graph and the flow runs again.
"""

from dataclasses import dataclass, field

import numpy as np
from ortools.graph.python import min_cost_flow

from .candidates import Scope, masked_blocks
from .scoring import SCALE, Features, pair_scores

SCREEN_MARGIN = 1e-4
MAX_ROUNDS = 200
ADD_PER_ROW = 4


class SolverError(RuntimeError):
    """The flow solver or the optimality proof failed; this is a bug, not bad input."""


@dataclass
class Graph:
    """Candidate pairs of the free problem with their exact integer scores."""

    rows: np.ndarray
    cols: np.ndarray
    q: np.ndarray
    m: int

    def keys(self) -> np.ndarray:
        return self.rows * self.m + self.cols

    def add(self, rows, cols, q) -> "Graph":
        keys = np.concatenate([self.keys(), rows * self.m + cols])
        qs = np.concatenate([self.q, q])
        keys, first = np.unique(keys, return_index=True)
        return Graph(keys // self.m, keys % self.m, qs[first], self.m)

    def subset(self, keep) -> "Graph":
        return Graph(self.rows[keep], self.cols[keep], self.q[keep], self.m)


@dataclass
class Solution:
    matched: np.ndarray  # bool per graph arc
    load: np.ndarray  # per mentor, free part only
    u: np.ndarray = field(default_factory=lambda: np.zeros(0))
    p: np.ndarray = field(default_factory=lambda: np.zeros(0))
    primal: int = 0
    dual: int = 0


def member(values, keys) -> np.ndarray:
    """Bool per value: is it among `keys`? Sorts `keys` only if they are not sorted.

    Graph keys are kept sorted, so this is a binary search instead of the
    hashing `np.isin` does over both arrays on every call.
    """
    keys = np.asarray(keys)
    if len(keys) > 1 and (keys[1:] < keys[:-1]).any():
        keys = np.sort(keys)
    if not len(keys):
        return np.zeros(len(values), bool)
    at = np.minimum(np.searchsorted(keys, values), len(keys) - 1)
    return keys[at] == values


def flow_assignment(graph: Graph, n: int, cap: np.ndarray) -> np.ndarray:
    """Max-flow-min-cost on the candidate graph; returns a bool per arc."""
    if len(graph.rows) == 0:
        return np.zeros(0, bool)
    m = len(cap)
    source, sink = n + m, n + m + 1
    flow = min_cost_flow.SimpleMinCostFlow()
    tails = np.concatenate([np.full(n, source), graph.rows, n + np.arange(m)])
    heads = np.concatenate([np.arange(n), n + graph.cols, np.full(m, sink)])
    caps = np.concatenate([np.ones(n + len(graph.rows), np.int64), cap])
    costs = np.concatenate([np.zeros(n, np.int64), -graph.q, np.zeros(m, np.int64)])
    flow.add_arcs_with_capacity_and_unit_cost(
        tails.astype(np.int32), heads.astype(np.int32), caps, costs
    )
    flow.set_node_supply(source, n)
    flow.set_node_supply(sink, -n)
    status = flow.solve_max_flow_with_min_cost()
    if status != flow.OPTIMAL:
        raise SolverError(f"min-cost flow ended with status {status}")
    arcs = np.arange(n, n + len(graph.rows))
    return flow.flows(arcs) > 0


def shortest_distances(tails, heads, costs, size: int) -> np.ndarray:
    """Bellman-Ford from a virtual root joined to every node by a 0-cost arc.

    Each round relaxes all arcs at once (arcs sorted by head, `minimum.reduceat`)
    and the loop stops as soon as a round changes nothing, so the work is the arc
    count times the most arcs on any shortest path, not times the node count.
    """
    order = np.argsort(heads, kind="stable")
    tails, heads, costs = tails[order], heads[order], costs[order]
    targets, starts = np.unique(heads, return_index=True)
    d = np.zeros(size)
    for _ in range(size + 1):
        best = np.minimum.reduceat(d[tails] + costs, starts) if len(tails) else starts
        improved = best < d[targets]
        if not improved.any():
            return d
        d[targets[improved]] = best[improved]
    raise SolverError("residual graph has a negative cycle")


def big_bonus(n: int) -> int:
    return n * SCALE + 1


def certificate(graph: Graph, matched, n: int, cap: np.ndarray) -> Solution:
    """Dual values from shortest paths on the residual graph (see module docstring)."""
    m = len(cap)
    big = big_bonus(n)
    w = (big + graph.q).astype(np.float64)
    row_used = np.zeros(n, bool)
    row_used[graph.rows[matched]] = True
    load = np.bincount(graph.cols[matched], minlength=m)
    t = n + m
    root = n + m + 1
    tails = [
        np.where(matched, n + graph.cols, graph.rows),
        np.where(row_used, np.arange(n), t),
        np.where(load < cap, n + np.arange(m), t)[cap > 0],
        np.where(load > 0, t, n + np.arange(m))[(load > 0) & (load < cap)],
    ]
    heads = [
        np.where(matched, graph.rows, n + graph.cols),
        np.where(row_used, t, np.arange(n)),
        np.where(load < cap, t, n + np.arange(m))[cap > 0],
        np.where(load > 0, n + np.arange(m), t)[(load > 0) & (load < cap)],
    ]
    costs = [np.where(matched, w, -w)] + [np.zeros(len(a)) for a in tails[1:]]
    d = shortest_distances(
        np.concatenate(tails), np.concatenate(heads), np.concatenate(costs), root
    )
    u = np.maximum(0, np.rint(d[:n] - d[t])).astype(np.int64)
    p = np.maximum(0, np.rint(d[t] - d[n : n + m])).astype(np.int64)
    # Saturated arcs carry their own dual z (the x <= 1 bound); it is zero off
    # the assignment, so pairs outside the graph must satisfy u + p >= w alone.
    z = np.maximum(0, big + graph.q - u[graph.rows] - p[graph.cols])
    primal = int(np.sum(big + graph.q[matched]))
    dual = int(u.sum() + (cap * p).sum() + z.sum())
    if dual != primal or z[~matched].any():
        raise SolverError("dual values do not certify the candidate optimum")
    return Solution(matched, load, u, p, primal, dual)


@dataclass
class ScanResult:
    violations: tuple[np.ndarray, np.ndarray, np.ndarray]  # break the duals now
    flagged: tuple[np.ndarray, np.ndarray, np.ndarray]  # break the reference duals
    reference: tuple[np.ndarray, np.ndarray]
    pairs_checked: int


def _flag(block, li, cols, row_limit, col_limit):
    limit = row_limit[li][:, None] + col_limit[cols][None, :]
    r, c = np.nonzero(block > limit - SCREEN_MARGIN)
    return li[r], cols[c]


def dual_scan(feat, scope: Scope, graph: Graph, sol: Solution, bounds, reference=None):
    """Find eligible pairs outside the graph that break the duals.

    Local row index i stands for mentee scope.rows[i]. Screening in float32 with a
    margin only selects pairs; each selected pair is decided on its exact score.

    `reference` (U, P) are duals that every pair outside the graph is already
    known to satisfy (q <= U_i + P_j - BIG). Then only rows whose u fell below U
    and columns whose p fell below P can hold a violation, so only those are
    scanned, against min(U, u) + min(P, p); pairs that fail that stricter test
    but not the real one join the graph anyway, which keeps the invariant true
    for the returned reference. `bounds` (each mentee's and mentor's best
    screening score) skip rows and columns that cannot reach their limit.
    """
    n = len(scope.rows)
    big = big_bonus(n)
    local = np.full(feat.n, -1, np.int64)
    local[scope.rows] = np.arange(n)
    u, p = sol.u, sol.p
    if reference is not None:
        u, p = np.minimum(reference[0], u), np.minimum(reference[1], p)
    row_limit = (u - big) / SCALE
    col_limit = p / SCALE
    row_max = bounds[0][scope.rows]
    col_max = bounds[1]
    open_cols = scope.col_ok & np.isfinite(col_max)
    col_key = col_max - col_limit
    lowest = col_limit[open_cols].min() if open_cols.any() else 0.0
    rows_need = row_max > row_limit + lowest - SCREEN_MARGIN
    passes = []
    if reference is None:
        passes.append((rows_need, None))
    else:
        fell_r = sol.u < reference[0]
        fell_c = open_cols & (sol.p < reference[1])
        passes.append((rows_need & fell_r, None))
        if fell_c.any():
            passes.append((rows_need & ~fell_r, np.flatnonzero(fell_c)))
    empty = np.zeros(0, np.int64)
    found_r, found_c, checked = [empty], [empty], 0
    for rows_mask, only_cols in passes:
        order = np.flatnonzero(rows_mask)
        order = order[np.argsort(row_limit[order], kind="stable")]

        def cols_for(part, only_cols=only_cols):
            wanted = open_cols & (
                col_key > row_limit[local[part]].min() - SCREEN_MARGIN
            )
            if only_cols is not None:
                return only_cols[wanted[only_cols]]
            return np.flatnonzero(wanted)

        for rows, cols, block in masked_blocks(
            feat, scope, scope.rows[order], cols_for
        ):
            checked += block.size
            r, c = _flag(block, local[rows], cols, row_limit, col_limit)
            found_r.append(r)
            found_c.append(c)
    keys = np.unique(np.concatenate(found_r) * graph.m + np.concatenate(found_c))
    keys = keys[~member(keys, graph.keys())]
    fr, fc = keys // graph.m, keys % graph.m
    fq = pair_scores(feat, scope.rows[fr], fc)
    flagged = fq + big > u[fr] + p[fc]
    real = fq + big > sol.u[fr] + sol.p[fc]
    return ScanResult(
        (fr[real], fc[real], fq[real]),
        (fr[flagged], fc[flagged], fq[flagged]),
        (u, p),
        checked,
    )


def assignment_lot(feat, n: int, rows, cols, q, cap):
    """Each free mentee's score (-1 unmatched) and each mentor's worst kept score.

    A mentor with a free place has worst -1: it would take anyone eligible.
    """
    row_score = np.full(n, -1.0)
    row_score[rows] = q / SCALE
    load = np.bincount(cols, minlength=feat.m)
    worst = np.full(feat.m, np.inf)
    np.minimum.at(worst, cols, q / SCALE)
    return row_score, np.where((load >= cap) & (cap > 0), worst, -1.0)


def blocking_scan(
    feat, scope: Scope, rows, cols, q, cap, bounds, only_rows=None, only_cols=None
):
    """Pairs whose mentee and mentor both prefer each other, by score, to their lot.

    `rows` are local to the scope; a mentor with a free place prefers anyone,
    an unmatched mentee prefers any eligible mentor. With `only_rows` (bool per
    local row) and `only_cols` (mentor indices) only pairs in one of them are
    scanned: what a re-solve needs when the rest kept its lot.
    """
    n = len(scope.rows)
    local = np.full(feat.n, -1, np.int64)
    local[scope.rows] = np.arange(n)
    row_score, worst = assignment_lot(feat, n, rows, cols, q, cap)
    row_max = bounds[0][scope.rows]
    col_max = bounds[1]
    may = scope.col_ok & (col_max > worst - SCREEN_MARGIN)
    reachable = row_max > row_score - SCREEN_MARGIN
    if only_rows is None:
        passes = [(reachable, None)]
    else:
        passes = [(reachable & only_rows, None)]
        if len(only_cols):
            passes.append((reachable & ~only_rows, np.asarray(only_cols, np.int64)))
    empty = np.zeros(0, np.int64)
    found_r, found_c = [empty], [empty]
    for rows_mask, cols_subset in passes:
        order = np.flatnonzero(rows_mask)
        order = order[np.argsort(row_score[order], kind="stable")]

        def cols_for(part, cols_subset=cols_subset):
            wanted = may & (col_max > row_score[local[part]].min() - SCREEN_MARGIN)
            if cols_subset is None:
                return np.flatnonzero(wanted)
            return cols_subset[wanted[cols_subset]]

        for part, pc, block in masked_blocks(feat, scope, scope.rows[order], cols_for):
            li = local[part]
            r, c = np.nonzero(
                (block > row_score[li][:, None] - SCREEN_MARGIN)
                & (block > worst[pc][None, :] - SCREEN_MARGIN)
            )
            found_r.append(li[r])
            found_c.append(pc[c])
    fr, fc = np.concatenate(found_r), np.concatenate(found_c)
    keep = ~np.isin(fr * feat.m + fc, rows * feat.m + cols)
    fr, fc = fr[keep], fc[keep]
    exact = pair_scores(feat, scope.rows[fr], fc) / SCALE
    hit = (exact > row_score[fr] + 1e-12) & (exact > worst[fc] + 1e-12)
    order = np.lexsort((fc[hit], fr[hit]))
    return fr[hit][order], fc[hit][order]


@dataclass
class Certified:
    graph: Graph
    solution: Solution
    rounds: int
    added: int
    pairs_checked: int


def certified_solve(
    feat: Features, scope: Scope, graph: Graph, cap, bounds, reference=None
) -> Certified:
    """Solve on the graph, prove on the full problem, grow the graph until proven.

    `graph` uses local row indices (positions in scope.rows). The first proof
    scan covers every pair; later ones only what the change of duals can reach
    (see `dual_scan`). Pairs a scan flags but the graph does not take yet wait
    in `pending` with their exact scores and are re-checked every round, so
    the invariant behind partial scans still covers every pair outside the
    graph. Each round adds at most ADD_PER_ROW violating pairs per mentee, the
    most violating first: when thousands of mentees could each use thousands
    of mentors, adding them all would bloat the flow far past what it needs.

    `reference` (U, P), when given, are duals that every eligible pair outside
    `graph` already satisfies (a previous run's proof), so even the first scan
    covers only what moved.
    """
    n = len(scope.rows)
    big = big_bonus(n)
    added = checked = 0
    empty = np.zeros(0, np.int64)
    pending = (empty, empty, empty)
    for rounds in range(1, MAX_ROUNDS + 1):
        matched = flow_assignment(graph, n, cap)
        sol = certificate(graph, matched, n, cap)
        scan = dual_scan(feat, scope, graph, sol, bounds, reference)
        checked += scan.pairs_checked
        r, c, q = (
            np.concatenate([a, b]) for a, b in zip(pending, scan.flagged, strict=True)
        )
        _, first = np.unique(r * graph.m + c, return_index=True)
        r, c, q = r[first], c[first], q[first]
        slack = sol.u[r] + sol.p[c] - (big + q)
        if not (slack < 0).any():
            return Certified(graph, sol, rounds, added, checked)
        order = np.lexsort((c, slack, r))
        r, c, q, slack = r[order], c[order], q[order], slack[order]
        rank = np.arange(len(r)) - np.searchsorted(r, r)
        take = (slack < 0) & (rank < ADD_PER_ROW)
        added += int(take.sum())
        graph = graph.add(r[take], c[take], q[take])
        pending = (r[~take], c[~take], q[~take])
        reference = scan.reference
    raise SolverError(f"optimality not proven after {MAX_ROUNDS} rounds")
