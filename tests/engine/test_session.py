from dataclasses import replace

from matchengine import MatchSession, generate, run


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
