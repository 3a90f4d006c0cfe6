import pytest

from matchengine import EngineInputError, MatchInput, MatchSession, Weights, run

from .conftest import mentee, mentor


def _error(data) -> EngineInputError:
    with pytest.raises(EngineInputError) as caught:
        run(data)
    return caught.value


def test_profile_without_language():
    error = _error(MatchInput((mentor("r1"),), (mentee("e1", native_language=" "),)))

    assert (error.rule, error.people) == ("language", ("e1",))
    assert str(error) == "language: mentee e1 has no native language"


def test_capacity_above_three():
    error = _error(MatchInput((mentor("r1", capacity=4),), (mentee("e1"),)))

    assert (error.rule, error.people) == ("capacity", ("r1",))
    assert "capacity 4; allowed 0 to 3" in error.message


def test_pin_breaking_a_hard_rule_names_rule_and_people():
    data = MatchInput(
        (mentor("r1", employer="Bank A"),),
        (mentee("e1", employer="bank a"),),
        pins=(("r1", "e1"),),
    )

    error = _error(data)

    assert (error.rule, error.people) == ("same employer", ("r1", "e1"))
    assert (
        error.message
        == "pin of mentor r1 and mentee e1 breaks the rule 'same employer'"
    )


def test_pin_and_veto_on_same_pair():
    data = MatchInput(
        (mentor("r1"),), (mentee("e1"),), pins=(("r1", "e1"),), vetoes=(("r1", "e1"),)
    )

    error = _error(data)

    assert (error.rule, error.people) == ("pin and veto", ("r1", "e1"))


def test_more_pins_than_capacity():
    data = MatchInput(
        (mentor("r1"),), (mentee("e1"), mentee("e2")), pins=(("r1", "e1"), ("r1", "e2"))
    )

    error = _error(data)

    assert (error.rule, error.people) == ("capacity", ("r1",))
    assert error.message == "mentor r1 has 2 pins but capacity 1"


def test_unknown_time_zone_and_weights():
    zone = _error(MatchInput((mentor("r1", time_zone="Mars/Base"),), (mentee("e1"),)))
    weights = _error(
        MatchInput((mentor("r1"),), (mentee("e1"),), weights=Weights(text=-1))
    )

    assert (zone.rule, zone.people) == ("time zone", ("r1",))
    assert weights.rule == "weights"


def test_session_pin_is_checked_like_input():
    session = MatchSession(
        MatchInput((mentor("r1"),), (mentee("e1", person_id="p-r1"),))
    )

    with pytest.raises(EngineInputError) as caught:
        session.pin("r1", "e1")

    assert caught.value.rule == "same person"
    assert session.pins == []
