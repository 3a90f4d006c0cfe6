from matchengine import PARTS, Weights, part_formulas


def test_every_weighted_part_has_one_formula_in_the_engines_order():
    formulas = part_formulas()

    assert tuple(formulas) == PARTS
    assert set(formulas) == set(Weights().as_dict())


def test_a_formula_is_the_docstrings_entry_joined_into_one_line():
    formulas = part_formulas()

    assert formulas["industry"] == "1 when both name the same industry, else 0."
    assert formulas["pair_type"] == (
        "mean over both people of 1 (asked for exactly this pair type) "
        "or 0.5 (said 'either')."
    )
    assert all("\n" not in text and "  " not in text for text in formulas.values())
