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


def test_command_line_refuses_bad_csv_without_traceback(tmp_path, capsys):
    from matchengine.cli import main

    source = tmp_path / "profiles.csv"
    source.write_text(
        "role,id,person_id,association,native_language,capacity,goal_tags\n"
        "mentor,r1,a,CZ,czech,4,\n"
        "mentee,e1,b,CZ,czech,,lead a team;hiring\n"
    )

    code = main(["run", str(source), "--out", str(tmp_path / "out.json")])

    assert code == 2
    assert capsys.readouterr().err == (
        "input refused: capacity: mentor r1 has capacity 4; allowed 0 to 3\n"
    )


def test_command_line_writes_result(tmp_path):
    import json

    from matchengine.cli import dump_input, main
    from matchengine.generator import generate

    source = tmp_path / "cohort.json"
    source.write_text(json.dumps(dump_input(generate(40, 15, "realistic", 1))))

    code = main(["run", str(source), "--out", str(tmp_path / "out.json")])

    written = json.loads((tmp_path / "out.json").read_text())
    assert code == 0
    assert written["diagnostics"]["proof"]["gap"] == 0
    assert written["diagnostics"]["matched"] == len(written["pairs"])
