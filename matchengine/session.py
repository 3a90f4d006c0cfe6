"""A match run and the session that keeps its scoring for quick re-solves.

`MatchSession` scores the cohort and builds the candidate graph once; `pin`,
`unpin`, `veto` and `unveto` change only the constraints and re-run the flow
and its proof, which is what a coordinator's edit needs.
"""

import time

import numpy as np

from . import fairness, report
from .candidates import Scope, top_k_pairs
from .profiles import (
    EngineInputError,
    MatchInput,
    validate_options,
    validate_profiles,
    validate_weights,
)
from .rules import VETO, check_pins_and_vetoes, conflict_matrix, conflicts_from_pairs
from .scoring import SCALE, build_features, pair_scores
from .solve import Graph, big_bonus, certified_solve, member

# Stands for 'not known': a dual this large forces its row or column to be rescanned.
UNKNOWN_DUAL = 1 << 61


class MatchSession:
    def __init__(self, data: MatchInput):
        started = time.perf_counter()
        validate_profiles(data.mentors, data.mentees)
        validate_weights(data.weights)
        validate_options(data.options)
        check_pins_and_vetoes(data.mentors, data.mentees, data.pins, data.vetoes)
        self.mentors = tuple(data.mentors)
        self.mentees = tuple(data.mentees)
        self.weights = data.weights
        self.options = data.options
        self.pins = sorted(set(map(tuple, data.pins)))
        self.vetoes = sorted(set(map(tuple, data.vetoes)))
        self.mentor_index = {p.id: j for j, p in enumerate(self.mentors)}
        self.mentee_index = {p.id: i for i, p in enumerate(self.mentees)}
        self.capacity = np.array([p.capacity for p in self.mentors], np.int64)
        self.timings = {"validate": time.perf_counter() - started}
        self._timed("score", self._score)
        self._pool: Graph | None = None
        self.pair_cache: dict = {}
        self.blocking_memo = None
        self._duals = None
        self.result = None

    def _timed(self, stage: str, fn, *args):
        started = time.perf_counter()
        value = fn(*args)
        self.timings[stage] = (
            self.timings.get(stage, 0.0) + time.perf_counter() - started
        )
        return value

    def _score(self) -> None:
        self.features = build_features(self.mentees, self.mentors, self.weights)
        self._base_conflicts = conflict_matrix(self.mentees, self.mentors)
        self._refresh_conflicts()

    def _refresh_conflicts(self) -> None:
        base = self._base_conflicts.tocoo()
        vr = np.array([self.mentee_index[b] for _, b in self.vetoes], np.int64)
        vc = np.array([self.mentor_index[a] for a, _ in self.vetoes], np.int64)
        self.conflicts = conflicts_from_pairs(
            np.concatenate([base.row, vr]),
            np.concatenate([base.col, vc]),
            np.concatenate([base.data, np.full(len(vr), VETO, np.int8)]),
            base.shape,
        )
        self._veto_keys = np.sort(vr * len(self.mentors) + vc)

    def _candidate_pool(self) -> Graph:
        """Top-k pairs of the whole cohort, ignoring pins; pins only narrow it."""
        if self._pool is None:
            scope = Scope(
                np.arange(len(self.mentees)), self.capacity > 0, self.conflicts
            )
            rows, cols, row_max, col_max = top_k_pairs(
                self.features, scope, self.options.candidate_k
            )
            self._bounds = (row_max.astype(np.float64), col_max.astype(np.float64))
            q = pair_scores(self.features, rows, cols)
            self._pool = Graph(rows, cols, q, len(self.mentors))
        return self._pool

    @property
    def bounds(self):
        """Best screening score of every mentee and mentor (valid upper bounds)."""
        self._candidate_pool()
        return self._bounds

    def _pin_arrays(self):
        rows = np.array([self.mentee_index[b] for _, b in self.pins], np.int64)
        cols = np.array([self.mentor_index[a] for a, _ in self.pins], np.int64)
        return rows, cols

    def solve(self):
        """Run the engine with the current pins and vetoes; returns a MatchResult."""
        started = time.perf_counter()
        stage_start = dict(self.timings)
        pool = self._timed("candidates", self._candidate_pool)
        pin_rows, pin_cols = self._pin_arrays()
        residual = self.capacity - np.bincount(pin_cols, minlength=len(self.mentors))
        free = np.setdiff1d(np.arange(len(self.mentees)), pin_rows)
        scope = Scope(free, residual > 0, self.conflicts)
        is_free = np.zeros(len(self.mentees), bool)
        is_free[free] = True
        keep = (
            is_free[pool.rows]
            & scope.col_ok[pool.cols]
            & ~member(pool.keys(), self._veto_keys)
        )
        graph = pool.subset(keep)
        graph.rows = np.searchsorted(free, graph.rows)
        proven = self._timed(
            "solve",
            certified_solve,
            self.features,
            scope,
            graph,
            residual,
            self.bounds,
            self._reference(scope),
        )
        self._grow_pool(free, proven.graph)
        self._keep_duals(scope, proven.solution)
        chosen = self._timed(
            "fairness",
            fairness.apply,
            self.options.fairness,
            self.features,
            scope,
            proven,
            residual,
            self.mentees,
            self.bounds,
        )
        self.result = self._timed(
            "report", report.build_result, self, scope, chosen, pin_rows, pin_cols
        )
        spent = {k: v - stage_start.get(k, 0.0) for k, v in self.timings.items()}
        self.result.diagnostics["time_seconds"] = {
            **{k: round(v, 6) for k, v in spent.items() if v > 0},
            "solve_call_total": round(time.perf_counter() - started, 6),
        }
        # Validation and scoring happen once per session, before the first solve.
        self.result.diagnostics["setup_seconds"] = {
            k: round(self.timings[k], 6) for k in ("validate", "score")
        }
        return self.result

    def _keep_duals(self, scope: Scope, sol) -> None:
        """Keep the proof's duals, which every pair outside the pool satisfies.

        Mentee values are kept net of the match bonus, which depends on how many
        mentees are free; mentees pinned and mentors closed in this run were not
        covered by the proof and are marked unknown.
        """
        over = np.full(len(self.mentees), UNKNOWN_DUAL, np.int64)
        over[scope.rows] = sol.u - big_bonus(len(scope.rows))
        prices = np.where(scope.col_ok, sol.p, UNKNOWN_DUAL)
        self._duals = (over, prices, frozenset(self.vetoes))

    def _reference(self, scope: Scope):
        """Duals from the last run that still hold for every pair outside the pool.

        Pins, closed mentors and added vetoes only remove eligible pairs; an
        unpinned mentee, a reopened mentor and an unvetoed pair's mentee were
        not covered, so their rows and columns are rescanned in full.
        """
        if self._duals is None:
            return None
        over, prices, vetoes = self._duals
        u = over.copy()
        lifted = [self.mentee_index[b] for _, b in vetoes - frozenset(self.vetoes)]
        u[np.asarray(lifted, np.int64)] = UNKNOWN_DUAL
        u = u[scope.rows]
        u = np.where(u == UNKNOWN_DUAL, u, u + big_bonus(len(scope.rows)))
        return u, prices.copy()

    def _grow_pool(self, free, graph: Graph) -> None:
        """Keep pairs the proof added so the next re-solve starts from them."""
        extra = ~member(free[graph.rows] * graph.m + graph.cols, self._pool.keys())
        if extra.any():
            self._pool = self._pool.add(
                free[graph.rows[extra]], graph.cols[extra], graph.q[extra]
            )

    def pin(self, mentor_id: str, mentee_id: str):
        pins = sorted(set(self.pins) | {(mentor_id, mentee_id)})
        check_pins_and_vetoes(self.mentors, self.mentees, pins, self.vetoes)
        self.pins = pins
        return self.solve()

    def unpin(self, mentor_id: str, mentee_id: str):
        self.pins = [p for p in self.pins if p != (mentor_id, mentee_id)]
        return self.solve()

    def veto(self, mentor_id: str, mentee_id: str):
        vetoes = sorted(set(self.vetoes) | {(mentor_id, mentee_id)})
        check_pins_and_vetoes(self.mentors, self.mentees, self.pins, vetoes)
        self.vetoes = vetoes
        self._refresh_conflicts()
        return self.solve()

    def unveto(self, mentor_id: str, mentee_id: str):
        if (mentor_id, mentee_id) not in self.vetoes:
            raise EngineInputError(
                "veto",
                f"mentor {mentor_id} and mentee {mentee_id} are not vetoed",
                (mentor_id, mentee_id),
            )
        self.vetoes = [v for v in self.vetoes if v != (mentor_id, mentee_id)]
        self._refresh_conflicts()
        if self._pool is not None:
            # The bounds were taken while the pair was forbidden; lift them to it.
            i, j = self.mentee_index[mentee_id], self.mentor_index[mentor_id]
            score = pair_scores(self.features, [i], [j])[0] / SCALE + 1e-6
            self._bounds[0][i] = max(self._bounds[0][i], score)
            self._bounds[1][j] = max(self._bounds[1][j], score)
        return self.solve()


def run(data: MatchInput):
    """One match run from scratch; the input is read, never changed."""
    return MatchSession(data).solve()
