from datetime import UTC, datetime

import pytest

from tandem.tabular.applications import prepare_applications
from tandem.tabular.mapping import find_preset

from .conftest import corpus_table

# The presets fix preference, native language and consent; the association is the
# importing coordinator's, so only the Django mapping page can fill it in.
NOT_ASKED = ["Association"]
REAL = {
    "csl-mentor-match-sample-mentees.csv": ("csl-mentees-sample", 50, NOT_ASKED),
    "csl-mentor-match-sample-mentors.csv": ("csl-mentors-sample", 50, NOT_ASKED),
    "lxai-neurips2025-mentor-applications.csv": ("lxai-mentors-2025", 18, NOT_ASKED),
    "ubc-cs-coffee-chat-qualtrics-signup-2019.csv": (
        "ubc-coffee-chat-qualtrics-2019",
        40,
        NOT_ASKED,
    ),
    "vt-me-grad-peer-mentoring-form-responses.xlsx": (
        "vt-peer-mentoring-2021",
        33,
        ["E-mail", *NOT_ASKED],
    ),
}


@pytest.mark.parametrize("name", REAL)
def test_real_file_reads_with_its_saved_preset(name):
    preset_name, count, missing = REAL[name]
    table = corpus_table(f"real/{name}")

    mapping = find_preset(table)
    preview = prepare_applications(table, mapping)

    assert mapping.name == preset_name
    assert len(preview.rows) == count
    assert [i.column for i in preview.file_issues] == missing
    assert not preview.committable


def _rows(name: str) -> dict[int, dict]:
    table = corpus_table(f"real/{name}")
    preview = prepare_applications(table, find_preset(table))
    return {r.row: r.values | {"extras": r.extras} for r in preview.rows}


def test_qualtrics_header_rows_and_denver_time():
    table = corpus_table("real/ubc-cs-coffee-chat-qualtrics-signup-2019.csv")
    rows = _rows("ubc-cs-coffee-chat-qualtrics-signup-2019.csv")

    assert table.header_row_index == 2
    assert table.column_ids[17:19] == ["Q1", "Q2"]
    assert table.column_meta[7] == {
        "ImportId": "recordedDate",
        "timeZone": "America/Denver",
    }
    assert min(rows) == 4
    assert rows[4]["full_name"] == "Rodrigo Navas"
    assert rows[4]["email"] == "ronav2741@gmail.example"
    assert rows[4]["submitted_at"] == datetime(2019, 9, 5, 14, 3, 23, tzinfo=UTC)
    assert rows[4]["extras"][
        "Would you prefer to be matched with people of the same gender?"
    ] == ("No preference")


def test_lxai_names_links_and_month_first_dates():
    rows = _rows("lxai-neurips2025-mentor-applications.csv")

    assert rows[2]["full_name"] == "Rosângela Barbosa da Cunha"
    assert rows[2]["linkedin"] == "https://www.linkedin.com/in/rosangelabarbosa"
    assert rows[2]["submitted_at"] == datetime(2025, 8, 14, 14, 39, 18, tzinfo=UTC)
    assert rows[2]["time_zone"] == "UTC-03:00"
    assert rows[19]["full_name"] == "Tomás Rojas"
    assert rows[19]["submitted_at"].date().isoformat() == "2025-09-10"


def test_vt_workbook_keeps_millisecond_timestamps_and_flags_capacity():
    table = corpus_table("real/vt-me-grad-peer-mentoring-form-responses.xlsx")
    preview = prepare_applications(table, find_preset(table))
    rows = {r.row: r.values for r in preview.rows}

    assert table.sheet == "Form Responses 1"
    assert rows[2]["submitted_at"] == datetime(
        2021, 12, 16, 3, 59, 55, 250000, tzinfo=UTC
    )
    assert (rows[2]["full_name"], rows[2]["role"], rows[2]["capacity"]) == (
        "mentor 1",
        "mentor",
        2,
    )
    assert [(e.row, e.value) for e in preview.errors if e.row] == [(12, "5"), (13, "4")]


def test_zero_padded_last_name_stays_text():
    rows = _rows("csl-mentor-match-sample-mentors.csv")

    assert rows[2]["full_name"] == "mentor 00"
    assert rows[2]["email"] == "mentor.00@gov.uk"


def test_fixed_values_fill_what_a_real_form_never_asked():
    table = corpus_table("real/csl-mentor-match-sample-mentees.csv")
    mapping = find_preset(table)
    mapping.constants |= {
        "association": "Sweden",
        "preference": "either",
        "native_language": "English",
        "consent": "yes",
    }

    preview = prepare_applications(table, mapping)

    assert preview.committable
    assert preview.totals()["associations"] == {"SE": 50}
