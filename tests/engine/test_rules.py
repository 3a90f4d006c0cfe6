from dataclasses import replace

import numpy as np

from matchengine import MatchInput, MatchSession, generate, run
from matchengine.baselines import evaluate
from matchengine.rules import norm_employer, pair_violation

from .conftest import mentee, mentor


def test_generated_cohorts_hold_every_hard_rule():
    for kind in ("uniform", "realistic"):
        data = generate(300, 120, kind, seed=7)
        session = MatchSession(data)
        result = session.solve()
        idx_r = np.array([session.mentee_index[p.mentee_id] for p in result.pairs])
        idx_c = np.array([session.mentor_index[p.mentor_id] for p in result.pairs])
        free = ~np.array([p.pinned for p in result.pairs])

        figures = evaluate(session, idx_r[free], idx_c[free])

        assert figures["violations"] == 0
        assert figures["pins_honoured"] is True
        assert figures["matched"] == result.diagnostics["matched"]


def test_language_rule_and_preference():
    local_only = mentee("e", preference="local")
    assert pair_violation(mentor("r"), local_only) is None
    german = mentor("r", native_language="german", other_languages=("english",))
    assert pair_violation(german, local_only) == "pair-type preference"
    assert pair_violation(german, mentee("e")) is None
    greek = mentee("e", native_language="greek", other_languages=())
    assert pair_violation(german, greek) == "no shared language"


def test_same_person_under_two_ids_is_never_paired():
    data = MatchInput(
        (mentor("r1", person_id="anna"),), (mentee("e1", person_id="anna"),)
    )

    result = run(data)

    assert result.pairs == []
    assert result.unmatched_mentees[0].reason == (
        "the only remaining mentor is the same person"
    )


def test_employer_is_normalised_and_self_employed_ignored():
    assert norm_employer("ACME Ltd.") == norm_employer("acme")
    assert norm_employer(" Self-Employed ") == ""
    same = run(
        MatchInput(
            (mentor("r", employer="ACME Ltd."),), (mentee("e", employer="Acme"),)
        )
    )
    free = run(
        MatchInput(
            (mentor("r", employer="self-employed"),),
            (mentee("e", employer="Self-employed"),),
        )
    )

    assert same.pairs == []
    assert same.unmatched_mentees[0].reason == "same employer as every remaining mentor"
    assert free.assignment() == [("r", "e")]


def test_capacity_zero_gets_nobody():
    data = MatchInput(
        (mentor("r0", capacity=0), mentor("r1")), (mentee("e1"), mentee("e2"))
    )

    result = run(data)

    assert result.assignment() == [("r1", "e1")] or result.assignment() == [
        ("r1", "e2")
    ]
    assert [(u.id, u.reason) for u in result.unmatched_mentors] == [
        ("r0", "capacity 0")
    ]


def test_veto_and_pin_are_honoured():
    mentors = (mentor("r1"), mentor("r2"))
    mentees = (mentee("e1"), mentee("e2"))
    data = MatchInput(mentors, mentees, pins=(("r2", "e1"),), vetoes=(("r1", "e1"),))

    result = run(data)

    assert result.assignment() == [("r1", "e2"), ("r2", "e1")]
    assert [p.pinned for p in result.pairs] == [False, True]


def test_unmatched_reason_no_shared_language(small_input):
    result = run(small_input)

    reasons = {u.id: u.reason for u in result.unmatched_mentees}
    assert reasons == {"e3": "no shared language with any mentor"}
    assert result.assignment() == [("r1", "e1"), ("r2", "e2")]
    assert "local pair in Czech" in result.pairs[0].reason
    assert "mentor's expertise covers the goal 'lead a team'" in result.pairs[0].reason


def test_over_demand_is_reported_with_numbers():
    data = MatchInput(
        (mentor("r1", capacity=2),), tuple(mentee(f"e{i}") for i in range(5))
    )

    result = run(data)

    assert result.warnings == [
        (
            "5 mentees but only 2 mentor places: at most 2 can be matched and "
            "at least 3 stay unmatched"
        )
    ]
    assert result.diagnostics["matched"] == 2


def test_run_does_not_change_its_input():
    data = generate(60, 25, "realistic", seed=2)
    before = replace(data)

    run(data)

    assert data == before
