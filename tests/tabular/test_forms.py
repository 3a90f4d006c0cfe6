from datetime import UTC, date, datetime

import pytest

from tandem.tabular.dates import winter_offset

from .conftest import preview_with_preset

GOOGLE = "forms/google-forms_mentors_PL-HU-SK_2023.csv"
SHEETS = "forms/google-sheets_mentees_PL_locale-pl.csv"
MS_FORMS = "forms/microsoft-forms_mentees_SE-AE-BE.xlsx"
TYPEFORM = "forms/typeform_mentors_international.csv"
CZ_SK = "forms/excel_mentees_CZ-SK_cp1250.csv"
HR = "forms/excel_mentors-mentees_HR_unicode-text.txt"
LATE = "forms/excel_late-applications_RU-AE_csv-utf8.csv"

TOTALS = {
    GOOGLE: (42, {"mentor": 42}, {"HU": 14, "PL": 20, "SK": 8}, (12, 21, 9), 32, 2),
    SHEETS: (62, {"mentee": 62}, {"PL": 62}, (16, 32, 14), 48, 4),
    MS_FORMS: (36, {"mentee": 36}, {"AE": 12, "BE": 10, "SE": 14}, (14, 12, 10), 33, 1),
    TYPEFORM: (
        26,
        {"mentor": 26},
        {"AE": 4, "BE": 6, "CZ": 5, "RU": 6, "SE": 5},
        (10, 9, 7),
        20,
        3,
    ),
    CZ_SK: (31, {"mentee": 31}, {"CZ": 19, "SK": 12}, (9, 14, 8), 24, 2),
    HR: (24, {"mentee": 14, "mentor": 10}, {"HR": 24}, (8, 7, 9), 21, 2),
    LATE: (22, {"mentee": 13, "mentor": 9}, {"AE": 10, "RU": 12}, (8, 7, 7), 15, 3),
}


@pytest.mark.parametrize("relative", TOTALS)
def test_form_export_totals(relative):
    count, roles, associations, (local, international, either), urls, warnings = TOTALS[
        relative
    ]

    preview = preview_with_preset(relative)
    totals = preview.totals()

    assert preview.errors == []
    assert preview.committable
    assert totals["applications"] == count
    assert totals["roles"] == roles
    assert totals["associations"] == associations
    assert totals["preferences"] == {
        "local": local,
        "international": international,
        "either": either,
    }
    assert totals["linkedin"] == urls
    assert totals["linkedin_warnings"] == warnings


def _utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


SPOT_CHECKS = [
    (
        GOOGLE,
        2,
        {
            "full_name": "Łukasz Wójcik",
            "email": "lukasz.wojcik@example.pl",
            "association": "PL",
            "member_number": "0916",
            "role": "mentor",
            "preference": "local",
            "native_language": "Polish",
            "other_languages": ["English", "German"],
            "city": "Kraków",
            "country": "Poland",
            "industry": "IT & software",
            "function": "Software engineering",
            "years_experience": 17,
            "employer": "Tatrzańska Grupa IT S.A.",
            "linkedin": "https://www.linkedin.com/in/łukasz-wójcik-1228bfd4",
            "availability": ["Weekday evenings, after 18:00", "Weekends"],
            "capacity": 2,
            "consent": True,
            "submitted_at": _utc("2023-10-10T14:14:31"),
            "expertise": "I lead an engineering department of 60 developers in Kraków"
            " and Katowice.\nArchitecture, code review culture and growing senior "
            "developers into tech leads.",
        },
    ),
    (
        GOOGLE,
        7,
        {
            "full_name": "Zsófia Szőke",
            "member_number": "HU-2015-241",
            "preference": "international",
            "linkedin": "https://www.linkedin.com/in/zsofia-szoke",
            "availability": [
                "Weekday mornings (before 9:00)",
                "Weekday evenings, after 18:00",
            ],
            "capacity": 3,
            "submitted_at": _utc("2023-10-14T03:24:59"),
        },
    ),
    (
        GOOGLE,
        20,
        {
            "native_language": "Ukrainian",
            "other_languages": ["English", "Russian", "Polish"],
            "employer": "self-employed",
            "linkedin": "https://www.linkedin.com/in/oksana-kovalenko-8d3719",
            "submitted_at": _utc("2023-10-28T11:41:45"),
        },
    ),
    (
        GOOGLE,
        30,
        {
            "association": "PL",
            "country": "United Arab Emirates",
            "other_languages": ["English", "Ukrainian"],
            "linkedin": None,
            "submitted_at": _utc("2023-11-02T12:58:57"),
        },
    ),
    (
        GOOGLE,
        43,
        {
            "full_name": "Ľubica Ďurčová",
            "association": "SK",
            "member_number": "SK147",
            "country": "Slovakia",
            "employer": "Východná Banka a.s.",
            "submitted_at": _utc("2023-11-12T16:40:15"),
        },
    ),
    (
        GOOGLE,
        29,
        {
            "motivation": "- I had great mentors myself\n- I want to practise coaching"
            " in a structured way\n- I like the international format"
        },
    ),
    (
        GOOGLE,
        28,
        {
            "expertise": 'I run the "Leaders of Tomorrow" programme at my company; '
            "before that I was a strategy consultant for 8 years."
        },
    ),
    (GOOGLE, 21, {"submitted_at": _utc("2023-10-29T00:15:00")}),
    (GOOGLE, 22, {"submitted_at": _utc("2023-10-29T01:40:00")}),
    (GOOGLE, 23, {"submitted_at": _utc("2023-10-29T21:04:15")}),
    (
        SHEETS,
        57,
        {
            "full_name": "Agnieszka Brzęczyszczykiewicz",
            "member_number": "0430",
            "city": "Łódź",
            "years_experience": 3.5,
            "employer": "Fundacja „Nowy Start”",
            "linkedin": "https://www.linkedin.com/in/agnieszka-brzeczyszczykiewicz-2e698c",
            "capacity": None,
            "submitted_at": _utc("2023-11-11T06:32:26"),
        },
    ),
    (
        SHEETS,
        33,
        {
            "full_name": "Siobhan O'Neill-Kowalska",
            "native_language": "English",
            "other_languages": ["Polish"],
            "submitted_at": _utc("2023-10-30T06:23:17"),
        },
    ),
    (SHEETS, 50, {"member_number": "0640"}),
    (SHEETS, 21, {"years_experience": 4.5}),
    (SHEETS, 25, {"years_experience": 0.5}),
    (SHEETS, 32, {"years_experience": 1.5}),
    (SHEETS, 46, {"years_experience": 4.5}),
    (
        MS_FORMS,
        24,
        {
            "full_name": "Åsa Öberg",
            "email": "asa.oberg@example.se",
            "association": "SE",
            "member_number": "10338",
            "preference": "either",
            "other_languages": ["English", "German"],
            "city": "Göteborg",
            "years_experience": 6,
            "employer": "egen företagare",
            "availability": ["Evenings"],
        },
    ),
    (
        MS_FORMS,
        8,
        {
            "full_name": "Hélène Dubois",
            "association": "BE",
            "native_language": "French",
            "other_languages": ["English", "Dutch"],
        },
    ),
    (
        MS_FORMS,
        25,
        {
            "full_name": "Fatima Al-Mansouri",
            "association": "AE",
            "native_language": "Arabic",
        },
    ),
    (MS_FORMS, 12, {"full_name": "Conor O'Neil", "email": "conor.oneil@example.com"}),
    (MS_FORMS, 2, {"submitted_at": _utc("2023-10-09T07:21:58")}),
    (
        TYPEFORM,
        23,
        {
            "full_name": "Ondřej Kučera",
            "member_number": "00975",
            "country": "Czechia",
            "linkedin": "https://www.linkedin.com/in/ondrej-kucera-ad14c8ee",
            "availability": ["Early mornings", "Evenings"],
            "submitted_at": _utc("2023-11-06T07:40:59"),
        },
    ),
    (
        TYPEFORM,
        12,
        {
            "full_name": "Екатерина Смирнова",
            "association": "RU",
            "country": "Russia",
            "employer": "ИП (self-employed)",
            "linkedin": "https://www.linkedin.com/in/ekaterinasmirnova",
            "submitted_at": _utc("2023-10-28T07:08:29"),
        },
    ),
    (
        TYPEFORM,
        17,
        {
            "full_name": "Noël Janssens",
            "native_language": "German",
            "other_languages": ["English", "French", "Dutch"],
            "employer": "Lemaître & Fils SRL",
        },
    ),
    (TYPEFORM, 13, {"phone": "+32 470 12 34 56", "native_language": "Dutch"}),
    (
        CZ_SK,
        3,
        {
            "full_name": "Tereza Dvořáková",
            "member_number": "00041",
            "years_experience": 7.5,
            "submitted_at": date(2023, 10, 13),
            "goals": "Chci se naučit delegovat; zároveň si ujasnit, "
            "jestli chci vést tým.",
            "availability": ["weekends"],
        },
    ),
    (
        CZ_SK,
        16,
        {
            "full_name": "Matěj Říha",
            "linkedin": None,
            "availability": ["lunch", "evenings", "weekends"],
            "submitted_at": date(2023, 10, 29),
        },
    ),
    (CZ_SK, 25, {"full_name": "Ľubomír Kováč", "association": "SK"}),
    (
        HR,
        21,
        {
            "full_name": "Šimun Đurić",
            "member_number": "HR/2017/22",
            "role": "mentor",
            "country": "Croatia",
            "capacity": 3,
            "availability": ["Lunch", "Evenings"],
            "submitted_at": date(2023, 11, 8),
            "expertise": "Vodim tim od 40 ljudi u logistici.\nI can also mentor in "
            "English: leadership, negotiation, building a team from zero.",
        },
    ),
    (
        HR,
        6,
        {
            "full_name": "Lucija Božić",
            "role": "mentee",
            "years_experience": 3.5,
            "linkedin": None,
            "submitted_at": date(2023, 10, 23),
        },
    ),
    (
        LATE,
        5,
        {
            "full_name": "Aleksandr Kuznetsov",
            "native_script_name": "Александр Кузнецов",
            "role": "mentor",
            "capacity": 2,
            "availability": ["Mornings", "Evenings"],
            "linkedin": "https://www.linkedin.com/in/aleksandr-kuznetsov",
        },
    ),
    (
        LATE,
        20,
        {
            "full_name": "Mariam Al Marzooqi",
            "native_script_name": "مريم المرزوقي",
            "other_languages": ["English", "French"],
            "availability": ["Mornings", "Evenings", "Weekends"],
        },
    ),
    (LATE, 2, {"submitted_at": date(2023, 10, 15)}),
    (LATE, 3, {"submitted_at": date(2023, 10, 16)}),
    (LATE, 4, {"submitted_at": date(2023, 10, 20)}),
]


@pytest.mark.parametrize(("relative", "row", "expected"), SPOT_CHECKS)
def test_form_spot_checks(relative, row, expected):
    preview = preview_with_preset(relative)

    values = next(r.values for r in preview.rows if r.row == row)

    assert {name: values.get(name) for name in expected} == expected


TIME_ZONES = [(GOOGLE, 30, "UTC+04:00"), (TYPEFORM, 12, "UTC+03:00")]
TIME_ZONES += [(MS_FORMS, 25, "UTC+04:00"), (CZ_SK, 3, "UTC+01:00")]
TIME_ZONES += [
    (HR, 21, "UTC+01:00"),
    (LATE, 5, "UTC+03:00"),
    (TYPEFORM, 23, "UTC+01:00"),
]


@pytest.mark.parametrize(("relative", "row", "offset"), TIME_ZONES)
def test_time_zone_has_the_winter_offset(relative, row, offset):
    preview = preview_with_preset(relative)

    zone = next(r.values["time_zone"] for r in preview.rows if r.row == row)

    assert winter_offset(zone) == offset


LINKEDIN_WARNINGS = {
    GOOGLE: {4: "LinkedIn: Boglárka Varga", 18: "https://www.linkedin.com/in/"},
    SHEETS: {
        24: "https://www.linkedin.com/company/kowalczyk-partnerzy-sp-k/",
        32: "https://www.linkedin.com/in/",
        40: "https://www.linkedin.com/in/",
        58: "https://lnkd.in/ddfYYeY5",
    },
    MS_FORMS: {37: "https://lnkd.in/dea4c66Y"},
    TYPEFORM: {
        22: "https://www.linkedin.com/in/",
        26: "LinkedIn: Maarten Maes",
        27: "https://www.linkedin.com/in/",
    },
    CZ_SK: {
        18: "https://www.linkedin.com/company/slovenska-poradenska-s-r-o/",
        21: "https://lnkd.in/ddfg23h5",
    },
    HR: {4: "LinkedIn: Zvonimir Tomić", 16: "https://lnkd.in/dcZ4c3ca"},
    LATE: {
        2: "https://www.linkedin.com/company/kama-logistics/",
        6: "https://www.linkedin.com/company/gulf-horizon-trading-llc/",
        21: "https://www.linkedin.com/company/oasis-health-group/",
    },
}


@pytest.mark.parametrize("relative", LINKEDIN_WARNINGS)
def test_linkedin_warnings_keep_the_raw_text(relative):
    preview = preview_with_preset(relative)

    warned = {w.row: w.value for w in preview.warnings if w.field == "linkedin"}
    kept = {
        r.row: r.values["linkedin_as_typed"] for r in preview.rows if r.row in warned
    }

    assert warned == LINKEDIN_WARNINGS[relative]
    assert kept == {
        row: raw.strip() for row, raw in LINKEDIN_WARNINGS[relative].items()
    }


def test_typeform_partial_responses_are_listed_as_skipped():
    preview = preview_with_preset(TYPEFORM)

    skipped = [(s.row, s.reason) for s in preview.skipped]

    assert skipped == [
        (3, "a partial response (never submitted)"),
        (9, "a partial response (never submitted)"),
    ]


def test_unmapped_columns_are_kept_as_extra_answers():
    preview = preview_with_preset(MS_FORMS)

    row = next(r for r in preview.rows if r.row == 12)

    assert set(row.extras) == {"ID", "Start time", "Email", "Last modified time"}
    assert row.extras["ID"] == "11"
    assert row.extras["Email"] == "anonymous"
