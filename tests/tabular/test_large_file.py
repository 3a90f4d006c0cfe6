"""A generated file of benchmark size previews whole, every row accounted for.

How fast it does so is the benchmark's to measure (benchmarks/preview_file.py,
figures in the README), not a test's: a timed assertion fails on a busy machine,
not on slow code.
"""

from benchmarks.make_applications_file import make
from tandem.tabular.applications import prepare_applications
from tandem.tabular.mapping import suggest_mapping
from tandem.tabular.reading import read_table


def test_twenty_thousand_rows_preview_whole():
    data = make(20000)

    table = read_table(data, "generated.csv")
    preview = prepare_applications(table, suggest_mapping(table))

    assert preview.totals()["applications"] == 20000
    assert preview.errors == []
    assert preview.rows[-1].row == 20001
    assert preview.rows[0].values["years_experience"] in {3, 7.5, 12, 20}
