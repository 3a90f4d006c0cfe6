"""The engine's optimum equals scipy's exact dense optimum on the full problem."""

from dataclasses import replace

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matchengine import MatchSession, Options, generate
from matchengine.baselines import evaluate, scipy_assignment


def _compare(data):
    session = MatchSession(data)
    result = session.solve()
    rows, cols = scipy_assignment(session)
    reference = evaluate(session, rows, cols)
    free = [p for p in result.pairs if not p.pinned]
    own = evaluate(
        session,
        np.array([session.mentee_index[p.mentee_id] for p in free], np.int64),
        np.array([session.mentor_index[p.mentor_id] for p in free], np.int64),
    )
    assert own["violations"] == 0
    assert own["pins_honoured"] is True
    assert own["total_score"] == result.diagnostics["total_score"]
    assert own["blocking_pairs"] == result.diagnostics["blocking_pairs"]
    return result, reference


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    n=st.integers(1, 40),
    m=st.integers(1, 20),
    kind=st.sampled_from(["uniform", "realistic"]),
    k=st.integers(1, 4),
    seed=st.integers(0, 10_000),
)
def test_total_and_count_equal_scipy(n, m, kind, k, seed):
    data = generate(n, m, kind, seed)
    data = replace(data, options=Options(seed=seed, candidate_k=k))

    result, reference = _compare(data)

    assert result.diagnostics["matched"] == reference["matched"]
    expected = reference["total_score"]
    assert abs(result.diagnostics["total_score"] - expected) <= 1e-9 * max(1, expected)
    assert result.diagnostics["proof"]["gap"] == 0


def test_pruned_graph_is_grown_until_proven():
    data = replace(generate(120, 40, "realistic", 3), options=Options(candidate_k=1))

    result, reference = _compare(data)

    assert result.diagnostics["proof"]["pairs_added_by_proof"] > 0
    assert result.diagnostics["matched"] == reference["matched"]
    assert abs(result.diagnostics["total_score"] - reference["total_score"]) < 1e-9
