from dataclasses import replace

import numpy as np
from scipy.optimize import linear_sum_assignment

from matchengine import MatchSession, Options, generate, run
from matchengine.baselines import dense_scores


def _best_with_floor(q, residual, floor):
    slots = np.repeat(np.arange(len(residual)), residual)
    sub = q[:, slots]
    ok = sub >= floor
    weights = np.where(ok, len(q) + 1 + sub / 1e6, 0.0)
    r, c = linear_sum_assignment(weights, maximize=True)
    keep = ok[r, c]
    return int(keep.sum()), float(sub[r[keep], c[keep]].sum() / 1e6)


def test_max_min_matches_brute_force_floor():
    data = replace(
        generate(30, 12, "uniform", seed=4), options=Options(fairness="max_min")
    )
    _, residual, q = dense_scores(MatchSession(data))
    count, _ = _best_with_floor(q, residual, 0)
    floors = sorted({int(v) for v in q[q >= 0].ravel()})
    best = max(f for f in floors if _best_with_floor(q, residual, f)[0] == count)

    result = run(data)

    assert result.diagnostics["matched"] == count
    assert result.distribution["min"] == best / 1e6
    expected_total = _best_with_floor(q, residual, best)[1]
    assert abs(result.diagnostics["total_score"] - expected_total) < 1e-9


def test_fair_share_meets_association_targets():
    data = replace(
        generate(150, 40, "realistic", seed=8), options=Options(fairness="fair_share")
    )

    result = run(data)

    proof = result.diagnostics["proof"]
    for code, target in proof["association_targets"].items():
        assert result.fill[code]["mentees_matched"] >= target - proof["shortfall"]
    assert proof["gap"] is not None
    assert proof["gap"] <= 1e-6
    assert (
        result.diagnostics["matched"]
        <= run(replace(data, options=Options())).diagnostics["matched"]
    )
