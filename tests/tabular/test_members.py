from datetime import date

import pytest

from tandem.tabular.errors import FileRefused
from tandem.tabular.members import match_members, read_member_list

from .conftest import corpus_table

MEMBER_LISTS = {
    "PL": ("members/PL_czlonkowie_2023-10-31_cp1250.csv", "cp1250"),
    "HU": ("members/HU_taglista_2023.xlsx", None),
    "SE": ("members/SE_medlemmar_google-sheets.csv", None),
    "AE": ("members/AE_members_csv-utf8.csv", None),
}
# association: members, applicants, by e-mail, by number (name), possible, not found
FIGURES = {
    "PL": (
        102,
        82,
        72,
        [
            "Beata Grabowska",
            "Michał Baran",
            "Patrycja Wróbel",
            "Siobhan O'Neill-Kowalska",
        ],
        ["Aleksandra Nowak", "Kamil Krawczyk"],
        ["Grażyna Wójcik", "Natalia Rutkowska", "Tomasz Czarnecki", "Zbigniew Nowak"],
    ),
    "HU": (42, 14, 11, ["Ildikó Rácz"], ["Virág Papp"], ["Győző Takács"]),
    "SE": (33, 19, 17, ["Annika Öberg"], [], ["Viktor Järvinen"]),
    "AE": (
        30,
        26,
        22,
        ["Conor O'Neil"],
        ["Ahmed Al-Shamsi"],
        ["Mariam Bin Hamdan", "Rashid Al-Mazrouei"],
    ),
}


def _member_list(code: str):
    relative, encoding = MEMBER_LISTS[code]
    return read_member_list(corpus_table(relative, legacy_encoding=encoding))


@pytest.mark.parametrize("code", FIGURES)
def test_member_list_matches_this_sets_applicants(code, form_applicants):
    members, applicants, by_email, by_number, possible, missing = FIGURES[code]
    member_list = _member_list(code)
    names = {a["ref"]: a["full_name"] for a in form_applicants}

    report = match_members(member_list.members, form_applicants, association=code)

    def named(matches):
        return sorted(names[m.applicant] for m in matches)

    assert member_list.committable
    assert len(member_list.members) == members
    assert len(report.matches) == applicants
    assert len([m for m in report.verified if m.method == "email"]) == by_email
    assert named(m for m in report.verified if m.method == "member_number") == by_number
    assert named(report.by_status("possible")) == possible
    assert named(report.by_status("not verified")) == missing
    assert len(report.verified) == by_email + len(by_number)


def test_number_match_says_the_email_differs(form_applicants):
    member_list = _member_list("PL")

    report = match_members(member_list.members, form_applicants, association="PL")
    notes = {m.note for m in report.verified if m.method == "member_number"}

    assert (
        "e-mail differs: applied with 'wrobel.patrycja@example.pl', list has "
        "'patrycja.wrobel@self.example.com'"
    ) in notes


def test_polish_list_decodes_cp1250_and_keeps_numbers_as_text():
    member_list = _member_list("PL")

    member = next(m for m in member_list.members if m.row == 90)

    assert (member.member_number, member.full_name, member.email) == (
        "916",
        "Łukasz Wójcik",
        "lukasz.wojcik@example.pl",
    )


def test_hungarian_list_finds_its_header_on_row_three():
    member_list = _member_list("HU")

    member = next(m for m in member_list.members if m.row == 8)

    assert [m.row for m in member_list.members][:1] == [4]
    assert (member.member_number, member.name_as_written, member.full_name) == (
        "HU-2015-241",
        "Szőke Zsófia",
        "Zsófia Szőke",
    )
    assert member.joined == date(2015, 8, 1)


def test_hungarian_list_read_from_row_one_is_refused():
    with pytest.raises(FileRefused) as refused:
        corpus_table("members/HU_taglista_2023.xlsx", header_row=1)

    assert refused.value.reason.startswith("sheet 'Tagok' has no header row")


def test_ae_list_drops_the_bom_and_keeps_arabic():
    table = corpus_table("members/AE_members_csv-utf8.csv")

    member = next(m for m in read_member_list(table).members if m.row == 19)

    assert table.headers[0] == "Member ID"
    assert table.rows[17].cells[2] == "فاطمة المنصوري"
    assert (member.member_number, member.email) == (
        "AEA-0224",
        "fatima.almansouri@example.ae",
    )


def test_member_list_with_impossible_dates_is_refused():
    table = corpus_table(
        "bad/member-list_impossible-dates_cp1250.csv", legacy_encoding="cp1250"
    )

    member_list = read_member_list(table)

    assert not member_list.committable
    assert [(e.row, e.column, e.value) for e in member_list.errors] == [
        (3, "Data przystąpienia", "31.02.2024"),
        (5, "Data przystąpienia", "29.02.2023"),
        (7, "Data przystąpienia", "31.04.2022"),
        (9, "Data przystąpienia", "00.05.2021"),
        (10, "Data przystąpienia", "15.13.2020"),
    ]
