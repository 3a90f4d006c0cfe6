import time

from benchmarks.make_applications_file import make
from tandem.tabular.applications import prepare_applications
from tandem.tabular.mapping import suggest_mapping
from tandem.tabular.reading import read_table


def test_twenty_thousand_rows_preview_within_budget():
    data = make(20000)
    started = time.perf_counter()

    table = read_table(data, "generated.csv")
    preview = prepare_applications(table, suggest_mapping(table))
    elapsed = time.perf_counter() - started

    assert preview.totals()["applications"] == 20000
    assert preview.errors == []
    assert preview.rows[-1].row == 20001
    assert preview.rows[0].values["years_experience"] in {3, 7.5, 12, 20}
    assert elapsed < 20
