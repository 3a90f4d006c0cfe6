from datetime import UTC, date, datetime

import pytest

from tandem.tabular.dates import (
    decide_day_first,
    normalise_time_zone,
    parse_when,
    winter_offset,
)
from tandem.tabular.errors import DayOrderQuestion, EncodingQuestion
from tandem.tabular.export import safe_cell, write_csv
from tandem.tabular.mapping import Mapping, load_preset
from tandem.tabular.reading import read_table
from tandem.tabular.values import (
    gmail_key,
    normalise_consent,
    normalise_linkedin,
    normalise_years,
    split_choices,
)
from tandem.tabular.vocabulary import normalise_association

from .conftest import CORPUS


def test_legacy_bytes_without_a_declared_code_page_ask_which_one():
    data = (CORPUS / "forms/excel_mentees_CZ-SK_cp1250.csv").read_bytes()

    with pytest.raises(EncodingQuestion) as question:
        read_table(data, "cz.csv")

    assert question.value.candidates == ["cp1250", "cp1252", "cp1251"]
    assert question.value.samples["cp1250"].startswith("Datum přihlášky;Jméno")


def test_ambiguous_day_order_is_one_question_for_the_file():
    with pytest.raises(DayOrderQuestion) as question:
        decide_day_first("Submitted on", ["03/04/2023", "05/06/2023"])

    assert question.value.column == "Submitted on"
    assert question.value.samples == ["03/04/2023", "05/06/2023"]


@pytest.mark.parametrize(
    ("cells", "day_first"),
    [(["03/04/2023", "15/10/2023"], True), (["8/15/2025 5:16:24", "9/2/2025"], False)],
)
def test_one_unambiguous_date_settles_the_column(cells, day_first):
    assert decide_day_first("When", cells) is day_first


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("2023/10/29 2:15:00 AM GMT+2", datetime(2023, 10, 29, 0, 15, tzinfo=UTC)),
        ("2023/10/29 2:40:00 AM GMT+1", datetime(2023, 10, 29, 1, 40, tzinfo=UTC)),
        ("2023. 10. 31.", date(2023, 10, 31)),
        ("8.11.2023.", date(2023, 11, 8)),
        ("2023-11-06 07:40:59", datetime(2023, 11, 6, 7, 40, 59, tzinfo=UTC)),
    ],
)
def test_timestamps_and_dates_in_the_tools_formats(cell, expected):
    assert parse_when(cell, zone=UTC, day_first=True).value == expected


@pytest.mark.parametrize(
    ("raw", "offset"),
    [
        ("Europe/Stockholm", "UTC+01:00"),
        ("UTC+1", "UTC+01:00"),
        ("GMT+3", "UTC+03:00"),
        ("CET", "UTC+01:00"),
        ("(UTC+04:00) Abu Dhabi, Muscat", "UTC+04:00"),
        ("(GMT +5:30) Mumbai, Kolkata, Chennai, New Delhi", "UTC+05:30"),
        ("UTC+1 (Central Europe: Warsaw, Budapest, Bratislava)", "UTC+01:00"),
    ],
)
def test_time_zones_become_a_zone_with_the_right_winter_offset(raw, offset):
    assert winter_offset(normalise_time_zone(raw).value) == offset


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("pl.linkedin.com/in/Some-One/?originalSubdomain=pl", "some-one"),
        ("http://www.linkedin.com/in/x-y", "x-y"),
        ("www.linkedin.com/in/%C5%82ukasz", "łukasz"),
    ],
)
def test_linkedin_urls_normalise_to_one_form(raw, expected):
    assert normalise_linkedin(raw).value == f"https://www.linkedin.com/in/{expected}"


@pytest.mark.parametrize("raw", ["-", "N/A", "none", "", "  "])
def test_linkedin_none_words_mean_no_profile(raw):
    assert tuple(normalise_linkedin(raw)) == (None, None, None)


def test_split_choices_trusts_known_options_first():
    options = ["Weekday evenings, after 18:00", "Weekends"]

    assert split_choices("Weekday evenings, after 18:00, Weekends", options) == options
    assert split_choices("English;German;") == ["English", "German"]
    assert split_choices("English,Czech") == ["English", "Czech"]


def test_small_normalisers():
    assert normalise_years("7,5").value == 7.5
    assert normalise_years("-2+3").error == "not a number of years"
    assert [normalise_consent(v).value for v in ("ano", "x", "1", "I agree")] == [
        True
    ] * 4
    assert normalise_association("AIESEC Alumni CZ").value == "CZ"
    assert normalise_association("UAE").value == "AE"
    assert normalise_association("Magyarország").value == "HU"
    assert gmail_key("J.Doe+mentor@Gmail.com") == gmail_key("jdoe@gmail.com")
    assert gmail_key("j.doe@example.com") != gmail_key("jdoe@example.com")


def test_export_neutralises_formula_cells_only():
    assert [safe_cell(v) for v in ("=1+1", "@x", "\tx", "Anna", -1)] == [
        "'=1+1",
        "'@x",
        "'\tx",
        "Anna",
        -1,
    ]
    assert write_csv(["Name"], [["=cmd"]]) == "\ufeffName\r\n'=cmd\r\n".encode()


def test_mapping_round_trips_through_json():
    mapping = load_preset("typeform-mentors-2023")

    again = Mapping.from_json(mapping.to_json())

    assert again == mapping
    assert again.fallbacks == {"native_language": 8}
    assert again.constants == {"role": "mentor"}
