"""The edition report's survey table: headline figures behind the five-answer rule."""

from tandem.reports.domain import tables
from tests.surveys.helpers import answer, make_survey, participant

GOING = "How is your pair going?"
RECOMMEND = "Would you recommend Tandem?"


def answered_by(world, association, values, prefix):
    survey = make_survey(world.edition, anonymous=True, title=f"Summary {prefix}")
    for index, (going, recommend) in enumerate(values):
        person = participant(world.edition, association, "mentee", f"{prefix} {index}")
        answer(survey, person, {GOING: going, RECOMMEND: recommend})
    return survey


def row_of(world, survey, associations):
    table = tables.surveys(world.edition, associations)
    return next(row for row in table.rows if row[0] == survey.title)


def test_five_answers_give_the_recommendation_score_and_the_mean(world):
    # Promoters 10, 9, 9; passive 8; detractor 3: (3 - 1) / 5 = 40 points.
    values = [("5", "10"), ("4", "9"), ("4", "9"), ("3", "8"), ("2", "3")]
    survey = answered_by(world, world.association_a, values, "Łucja")

    row = row_of(world, survey, [world.association_a])

    assert row == [survey.title, "mid-term", 5, 40, 3.6]


def test_four_answers_leave_both_figures_blank(world):
    values = [("5", "10"), ("4", "9"), ("4", "9"), ("3", "8")]
    survey = answered_by(world, world.association_a, values, "Őrs")

    row = row_of(world, survey, [world.association_a])

    assert row == [survey.title, "mid-term", 4, "", ""]


def test_another_associations_answers_count_only_for_its_viewers(world):
    values = [("5", "10")] * 5
    survey = answered_by(world, world.association_b, values, "Šimić")

    seen_by_a = row_of(world, survey, [world.association_a])
    seen_by_b = row_of(world, survey, [world.association_b])

    assert seen_by_a == [survey.title, "mid-term", 0, "", ""]
    assert seen_by_b == [survey.title, "mid-term", 5, 100, 5.0]
