from dataclasses import replace

import numpy as np
import pytest

from matchengine import MatchSession, generate, run
from matchengine.baselines import evaluate, free_problem, scipy_assignment
from matchengine.report import blocking_for
from matchengine.scoring import pair_scores


def test_same_input_same_hash():
    data = generate(150, 60, "realistic", seed=11)

    first, second = run(data), run(data)

    assert first.diagnostics["assignment_hash"] == second.diagnostics["assignment_hash"]
    assert first.to_dict()["pairs"] == second.to_dict()["pairs"]


def test_pin_and_veto_resolve_equals_fresh_run():
    data = generate(200, 80, "uniform", seed=5)
    session = MatchSession(data)
    first = session.solve()
    mentor_id, mentee_id = first.pairs[0].mentor_id, first.pairs[0].mentee_id
    other = next(p for p in first.pairs if p.mentor_id != mentor_id)

    vetoed = session.veto(mentor_id, mentee_id)
    pinned = session.pin(other.mentor_id, mentee_id)
    fresh = run(
        replace(
            data, vetoes=((mentor_id, mentee_id),), pins=((other.mentor_id, mentee_id),)
        )
    )

    assert (mentor_id, mentee_id) not in vetoed.assignment()
    assert (other.mentor_id, mentee_id) in pinned.assignment()
    assert pinned.diagnostics["total_score"] == fresh.diagnostics["total_score"]
    assert pinned.diagnostics["matched"] == fresh.diagnostics["matched"]


def test_unpin_and_unveto_restore_the_optimum():
    data = generate(120, 50, "uniform", seed=9)
    session = MatchSession(data)
    base = session.solve()
    pair = base.pairs[0]

    session.veto(pair.mentor_id, pair.mentee_id)
    restored = session.unveto(pair.mentor_id, pair.mentee_id)

    assert restored.diagnostics["total_score"] == base.diagnostics["total_score"]


def _free_pairs(session, result):
    free = [p for p in result.pairs if not p.pinned]
    rows = np.array([session.mentee_index[p.mentee_id] for p in free], np.int64)
    cols = np.array([session.mentor_index[p.mentor_id] for p in free], np.int64)
    return rows, cols


@pytest.mark.parametrize(
    ("kind", "seed"), [("realistic", 4), ("uniform", 8), ("realistic", 13)]
)
def test_resolve_blocking_pairs_equal_a_full_scan(kind, seed):
    session = MatchSession(generate(160, 70, kind, seed=seed))
    first = session.solve()
    a, b, c = [p for p in first.pairs if not p.pinned][:3]
    edits = [
        (session.veto, a),
        (session.veto, b),
        (session.pin, c),
        (session.unveto, a),
        (session.unpin, c),
        (session.unveto, b),
    ]

    for edit, pair in edits:
        result = edit(pair.mentor_id, pair.mentee_id)

        assert result.blocking_pairs == _full_scan(session, result)
        assert result.diagnostics["blocking_pairs"] == len(result.blocking_pairs)


def _full_scan(session, result):
    free, _residual, scope = free_problem(session)
    rows, cols = _free_pairs(session, result)
    q = pair_scores(session.features, rows, cols)
    br, bc = blocking_for(session, scope, np.searchsorted(free, rows), cols, q)
    return sorted(
        (session.mentors[j].id, session.mentees[i].id)
        for i, j in zip(free[br].tolist(), bc.tolist(), strict=True)
    )


@pytest.mark.parametrize(("kind", "seed"), [("uniform", 2), ("realistic", 6)])
def test_every_resolve_equals_scipy(kind, seed):
    session = MatchSession(generate(90, 40, kind, seed=seed))
    first = session.solve()
    a, b, c = [p for p in first.pairs if not p.pinned][:3]
    edits = [
        (session.veto, a),
        (session.pin, b),
        (session.veto, c),
        (session.unpin, b),
        (session.unveto, a),
        (session.unveto, c),
    ]

    for edit, pair in edits:
        result = edit(pair.mentor_id, pair.mentee_id)
        reference = evaluate(session, *scipy_assignment(session))

        assert result.diagnostics["matched"] == reference["matched"]
        assert result.diagnostics["total_score"] == reference["total_score"]
        assert result.diagnostics["proof"]["gap"] == 0


def test_unveto_of_an_input_veto_reaches_the_optimum():
    data = generate(120, 50, "uniform", seed=3)
    best = max(run(data).pairs, key=lambda p: p.score)
    vetoed = replace(data, vetoes=((best.mentor_id, best.mentee_id),))
    session = MatchSession(vetoed)
    session.solve()

    restored = session.unveto(best.mentor_id, best.mentee_id)
    reference = evaluate(session, *scipy_assignment(session))

    assert restored.diagnostics["total_score"] == reference["total_score"]
    assert restored.diagnostics["matched"] == reference["matched"]
