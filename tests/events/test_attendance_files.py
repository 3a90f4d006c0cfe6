from datetime import UTC, datetime

import pytest

from tandem.events.attendance import (
    AttendanceFileError,
    AttendanceFormat,
    Interval,
    MatchedBy,
    NotMatchedReason,
    Person,
    ReadProblem,
    match_attendees,
    normalise_name,
    read_attendance,
)
from tests.events.attendance_people import (
    MENTEE_TRAINING,
    MENTOR_TRAINING_1,
    edition_people,
)

ZOOM_FILE = "zoom_mentor-training-1_2023-11-14.csv"
TEAMS_FILE = "teams_mentee-training_2023-11-21.csv"
ZOOM_HEADER = (
    "Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),"
    "Participants\r\n"
    "111,Training,07/04/2024 05:00:00 PM,07/04/2024 07:00:00 PM,host@example.org,"
    "120,2\r\n"
    ",,,,,,\r\n"
    "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest,"
    "Recording Consent\r\n"
)


def read_corpus(corpus_dir, name):
    data = (corpus_dir / "attendance" / name).read_bytes()
    return read_attendance(data, name, host_zone="Europe/Warsaw")


def zoom_file(*lines: str) -> bytes:
    return (ZOOM_HEADER + "".join(line + "\r\n" for line in lines)).encode()


def totals(match, unit):
    return {
        attendance.person.emails[0]: (getattr(attendance, unit), attendance.matched_by)
        for attendance in match.attended
    }


def expected_totals(rows):
    return {email: (total, MatchedBy(how)) for _, email, total, how in rows}


def not_matched(match):
    return [(entry.raw_name, entry.email, entry.reason) for entry in match.not_matched]


@pytest.fixture(scope="module")
def zoom_report(corpus_dir):
    return read_corpus(corpus_dir, ZOOM_FILE)


@pytest.fixture(scope="module")
def teams_report(corpus_dir):
    return read_corpus(corpus_dir, TEAMS_FILE)


def test_zoom_file_is_read_line_by_line(zoom_report):
    host = zoom_report.lines[0]

    assert zoom_report.format is AttendanceFormat.ZOOM_PARTICIPANTS
    assert len(zoom_report.lines) == 41
    assert zoom_report.problems == ()
    assert zoom_report.host_email == "barbara.lis@example.com"
    assert zoom_report.started == datetime(2023, 11, 14, 16, 52, 10, tzinfo=UTC)
    assert (host.line_number, host.name, host.original_name, host.role) == (
        5,
        "Barbara Lis",
        "Kingmakers",
        "Host",
    )
    assert host.intervals == (
        Interval(
            datetime(2023, 11, 14, 16, 52, 10, tzinfo=UTC),
            datetime(2023, 11, 14, 19, 6, 31, tzinfo=UTC),
        ),
    )


def test_zoom_file_attendance_per_person(zoom_report):
    match = match_attendees(zoom_report, edition_people())

    assert len(match.attended) == 32
    assert totals(match, "minutes") == expected_totals(MENTOR_TRAINING_1)


def test_zoom_file_groups_rejoins_into_one_attendance(zoom_report):
    match = match_attendees(zoom_report, edition_people())
    lines = {a.person.full_name: len(a.lines) for a in match.attended}

    assert {name: count for name, count in lines.items() if count > 1} == {
        "Justyna Król": 2,
        "Łukasz Wójcik": 2,
        "Maarten Maes": 2,
        "Zsófia Szőke": 3,
    }


def test_zoom_file_not_matched(zoom_report):
    match = match_attendees(zoom_report, edition_people())

    assert not_matched(match) == [
        ("Barbara Lis (Kingmakers)", "barbara.lis@example.com", NotMatchedReason.HOST),
        ("Jan Testowy", "jan.testowy@example.com", NotMatchedReason.UNKNOWN),
        ("+48 22 307 ** **", "", NotMatchedReason.NO_EMAIL),
        ("iPad (2)", "", NotMatchedReason.NO_EMAIL),
    ]


def test_teams_file_is_read_per_person_with_intervals(teams_report):
    intervals = {line.name: line.intervals for line in teams_report.lines}

    assert teams_report.format is AttendanceFormat.TEAMS_ATTENDANCE
    assert len(teams_report.lines) == 45
    assert sum(len(line.intervals) for line in teams_report.lines) == 46
    assert teams_report.problems == ()
    assert teams_report.started == datetime(2023, 11, 21, 16, 58, 4, tzinfo=UTC)
    assert teams_report.ended == datetime(2023, 11, 21, 18, 34, 40, tzinfo=UTC)
    assert intervals["Mariam Al Marzooqi"] == (
        Interval(
            datetime(2023, 11, 21, 17, 1, 28, tzinfo=UTC),
            datetime(2023, 11, 21, 17, 22, 9, tzinfo=UTC),
        ),
        Interval(
            datetime(2023, 11, 21, 17, 26, 40, tzinfo=UTC),
            datetime(2023, 11, 21, 18, 27, 16, tzinfo=UTC),
        ),
    )


def test_teams_file_strips_name_suffixes(teams_report):
    suffixed = [
        (line.raw_name, line.name)
        for line in teams_report.lines
        if line.raw_name != line.name
    ]

    assert suffixed == [
        ("Zbigniew Michalak (External)", "Zbigniew Michalak"),
        ("Krzysztof Dąbrowski (External)", "Krzysztof Dąbrowski"),
        ("Lucija Božić (Unverified)", "Lucija Božić"),
        ("Guest 4471 (Unverified)", "Guest 4471"),
        ("Layla Bin Hamdan (External)", "Layla Bin Hamdan"),
        ("Åsa Öberg (External)", "Åsa Öberg"),
        ("Martina Mikulić (External)", "Martina Mikulić"),
    ]


def test_teams_file_attendance_per_person(teams_report):
    match = match_attendees(teams_report, edition_people())

    assert len(match.attended) == 41
    assert totals(match, "seconds") == expected_totals(MENTEE_TRAINING)


def test_teams_file_not_matched(teams_report):
    match = match_attendees(teams_report, edition_people())
    roles = [entry.role for entry in match.not_matched]

    assert not_matched(match) == [
        (
            "Marek Zieliński",
            "marek.zielinski@kingmakers.example.com",
            NotMatchedReason.ORGANIZER,
        ),
        ("Karolina Nowicka", "karolina.nowicka@example.pl", NotMatchedReason.UNKNOWN),
        ("Guest 4471 (Unverified)", "", NotMatchedReason.NO_EMAIL),
        ("Piotr Zieliński", "piotr.zielinski@example.org", NotMatchedReason.UNKNOWN),
    ]
    assert roles == ["Organizer", "Presenter", "Attendee", "Attendee"]


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"Timestamp,Email Address,Full name\r\n2023/10/10,a@example.org,A B\r\n",
        "1. Summary\r\nMeeting title\tX\r\n".encode("utf-16"),
    ],
    ids=["empty", "binary", "form-export", "teams-without-participants"],
)
def test_unknown_file_is_refused_naming_the_file(data):
    with pytest.raises(AttendanceFileError) as refused:
        read_attendance(data, "upload-17.csv", host_zone="Europe/Warsaw")

    assert str(refused.value).startswith("upload-17.csv: not a recognised attendance")
    assert "Microsoft Teams attendance report" in str(refused.value)


def test_unreadable_time_names_file_line_and_column():
    data = zoom_file("Ann Lee,ann@example.org,yesterday,07/04/2024 06:00:00 PM,60,No,Y")

    with pytest.raises(AttendanceFileError) as refused:
        read_attendance(data, "t.csv", host_zone="Europe/Warsaw")

    assert str(refused.value) == (
        "t.csv, line 5, column 'join time': expected MM/DD/YYYY hh:mm:ss AM/PM"
    )


def test_unknown_person_is_reported_not_matched():
    data = zoom_file(
        "Ann Lee,ann@example.org,07/04/2024 05:00:00 PM,07/04/2024 06:00:00 PM,60,No,Y",
        "Bo Stranger,bo@example.org,07/04/2024 05:00:00 PM,07/04/2024 05:30:00 PM,"
        "30,Yes,Y",
    )
    people = [Person(id=1, full_name="Ann Lee", emails=("ANN@example.org",))]

    match = match_attendees(read_attendance(data, "t.csv", host_zone="UTC"), people)

    assert [(a.person.id, a.minutes) for a in match.attended] == [(1, 60)]
    assert not_matched(match) == [
        ("Bo Stranger", "bo@example.org", NotMatchedReason.UNKNOWN)
    ]


def test_leave_before_join_is_reported_and_kept_out_of_intervals():
    data = zoom_file(
        "Ann Lee,ann@example.org,07/04/2024 06:00:00 PM,07/04/2024 05:10:00 PM,50,No,Y"
    )

    report = read_attendance(data, "t.csv", host_zone="Europe/Warsaw")

    assert report.problems == (ReadProblem(5, "leave time is before join time"),)
    assert (report.lines[0].intervals, report.lines[0].minutes) == ((), 50)


def test_times_use_the_host_zone_in_summer():
    data = zoom_file(
        "Ann Lee,ann@example.org,07/04/2024 05:00:00 PM,07/04/2024 06:00:00 PM,60,No,Y"
    )

    report = read_attendance(data, "t.csv", host_zone="Europe/Warsaw")

    assert report.lines[0].intervals == (
        Interval(
            datetime(2024, 7, 4, 15, 0, tzinfo=UTC),
            datetime(2024, 7, 4, 16, 0, tzinfo=UTC),
        ),
    )


def test_newer_zoom_header_with_bom_skips_waiting_room_lines():
    text = (
        "Name (original name),Email,Join time,Leave time,Duration (minutes),Guest,"
        "In waiting room\r\n"
        "Ann Lee,ann@example.org,07/04/2024 04:58:00 PM,07/04/2024 05:00:00 PM,2,No,"
        "Yes\r\n"
        "Ann Lee,ann@example.org,07/04/2024 05:00:00 PM,07/04/2024 06:00:00 PM,60,No,"
        "No\r\n"
    )

    report = read_attendance(
        text.encode("utf-8-sig"), "new.csv", host_zone="Europe/Warsaw"
    )

    assert report.format is AttendanceFormat.ZOOM_PARTICIPANTS
    assert [(line.line_number, line.minutes) for line in report.lines] == [(3, 60)]


def test_zoom_unique_users_export_has_totals_without_intervals():
    text = (
        "Name (Original Name),User Email,Total Duration (Minutes),Guest\r\n"
        "Ann Lee,ann@example.org,95,No\r\n"
        "Bo (Bo Berg),,12,Yes\r\n"
    )

    report = read_attendance(text.encode(), "unique.csv", host_zone="Europe/Warsaw")

    assert report.format is AttendanceFormat.ZOOM_UNIQUE_USERS
    assert [
        (line.name, line.original_name, line.minutes, line.intervals)
        for line in report.lines
    ] == [("Ann Lee", "", 95, ()), ("Bo", "Bo Berg", 12, ())]


def test_name_matches_in_family_given_order_and_through_zoom_rename():
    data = zoom_file(
        "Durcova Lubica,,07/04/2024 05:00:00 PM,07/04/2024 06:00:00 PM,60,Yes,Y",
        "Lu (Łukasz Wójcik),,07/04/2024 05:00:00 PM,07/04/2024 05:40:00 PM,40,Yes,Y",
    )
    people = [
        Person(id=1, full_name="Ľubica Ďurčová", emails=("l@example.sk",)),
        Person(id=2, full_name="Łukasz Wójcik", emails=("lw@example.pl",)),
    ]

    match = match_attendees(read_attendance(data, "t.csv", host_zone="UTC"), people)

    assert [(a.person.id, a.matched_by) for a in match.attended] == [
        (1, MatchedBy.NAME),
        (2, MatchedBy.NAME),
    ]


def test_ambiguous_name_is_reported_with_candidates_not_guessed():
    data = zoom_file(
        "Anna Nowak,,07/04/2024 05:00:00 PM,07/04/2024 06:00:00 PM,60,Yes,Y"
    )
    namesakes = [
        Person(id=1, full_name="Anna Nowak", emails=("anna.nowak@example.pl",)),
        Person(id=2, full_name="Anna Nowák", emails=("a.nowak@example.cz",)),
    ]

    match = match_attendees(read_attendance(data, "t.csv", host_zone="UTC"), namesakes)

    assert match.attended == ()
    assert [(e.reason, e.candidates) for e in match.not_matched] == [
        (NotMatchedReason.AMBIGUOUS_NAME, tuple(namesakes))
    ]


def test_shared_email_is_reported_not_guessed():
    data = zoom_file(
        "Family,home@example.org,07/04/2024 05:00:00 PM,07/04/2024 06:00:00 PM,60,No,Y"
    )
    people = [
        Person(id=1, full_name="Eva Holm", emails=("home@example.org",)),
        Person(id=2, full_name="Nils Holm", emails=("Home@example.org",)),
    ]

    match = match_attendees(read_attendance(data, "t.csv", host_zone="UTC"), people)

    assert [e.reason for e in match.not_matched] == [NotMatchedReason.AMBIGUOUS_EMAIL]


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("LUBICA DURCOVA", "Ľubica Ďurčová"),
        ("Lukasz  Wojcik", "Łukasz Wójcik"),
        ("Simun Duric", "Šimun Đurić"),
        ("Ekaterina", "Ekaterína"),
    ],
)
def test_normalised_names_ignore_case_diacritics_and_spaces(typed, written):
    assert normalise_name(typed) == normalise_name(written)


def teams_file(participants: list[str], activities: list[str] | None) -> bytes:
    lines = [
        "1. Summary",
        "Meeting title\tTraining",
        "Start time\t7/4/24, 5:00:00 PM",
        "",
        "2. Participants",
        "Name\tFirst Join\tLast Leave\tIn-Meeting Duration\tEmail\t"
        "Participant ID (UPN)\tRole",
        *participants,
    ]
    if activities is not None:
        lines += [
            "",
            "3. In-Meeting Activities",
            "Name\tJoin Time\tLeave Time\tDuration\tEmail\tRole",
            *activities,
        ]
    return "\r\n".join(lines).encode("utf-16")


ANN_TEAMS = (
    "Ann Lee\t7/4/24, 5:00:00 PM\t7/4/24, 6:00:36 PM\t1h 36s\tann@x.org\t\tAttendee"
)


def test_teams_without_activities_uses_first_join_and_last_leave():
    report = read_attendance(teams_file([ANN_TEAMS], None), "t.csv", host_zone="UTC")

    assert report.started == datetime(2024, 7, 4, 17, 0, tzinfo=UTC)
    assert report.ended is None
    assert [(line.seconds, line.minutes) for line in report.lines] == [(3636, 61)]
    assert report.lines[0].intervals == (
        Interval(
            datetime(2024, 7, 4, 17, 0, tzinfo=UTC),
            datetime(2024, 7, 4, 18, 0, 36, tzinfo=UTC),
        ),
    )


def test_teams_activity_problems_are_reported_by_line():
    activities = [
        "Ann Lee\t7/4/24, 5:30:00 PM\t7/4/24, 5:00:00 PM\t0s\tann@x.org\tAttendee",
        "Bo Berg\t7/4/24, 5:00:00 PM\t7/4/24, 5:10:00 PM\t10m\t\tAttendee",
    ]
    data = teams_file([ANN_TEAMS], activities)

    report = read_attendance(data, "t.csv", host_zone="UTC")

    assert report.problems == (
        ReadProblem(11, "leave time is before join time"),
        ReadProblem(12, "an activity line has no participant line"),
    )
    assert report.lines[0].intervals == ()


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            ANN_TEAMS.replace("1h 36s", "about an hour"),
            "t.csv, line 7, column 'In-Meeting Duration': expected a duration "
            "'1h 2m 3s'",
        ),
        (
            ANN_TEAMS.replace("7/4/24, 5:00:00 PM", "4 July"),
            "t.csv, line 7, column 'First Join': expected M/D/YY, h:mm:ss AM/PM",
        ),
    ],
)
def test_teams_unreadable_cell_names_line_and_column(line, message):
    with pytest.raises(AttendanceFileError) as refused:
        read_attendance(teams_file([line], None), "t.csv", host_zone="UTC")

    assert str(refused.value) == message


def test_teams_section_without_header_is_refused():
    data = teams_file([ANN_TEAMS], ["Ann Lee\t7/4/24, 5:00:00 PM"])
    data = data.decode("utf-16").replace("Name\tJoin Time", "Who\tJoin Time")

    with pytest.raises(AttendanceFileError, match=r"^t\.csv: not a recognised"):
        read_attendance(data.encode("utf-16"), "t.csv", host_zone="UTC")


def test_zoom_minutes_must_be_whole_numbers():
    data = zoom_file(
        "Ann Lee,ann@x.org,07/04/2024 05:00:00 PM,07/04/2024 06:00:00 PM,1h,No,Y"
    )

    with pytest.raises(AttendanceFileError) as refused:
        read_attendance(data, "t.csv", host_zone="UTC")

    assert str(refused.value) == (
        "t.csv, line 5, column 'duration (minutes)': expected whole minutes"
    )


def test_attendance_adds_lines_and_keeps_their_intervals(zoom_report):
    match = match_attendees(zoom_report, edition_people())
    szoke = next(a for a in match.attended if a.person.full_name == "Zsófia Szőke")

    assert (szoke.minutes, szoke.seconds, len(szoke.intervals)) == (110, None, 3)
    assert szoke.intervals[0].joined == datetime(2023, 11, 14, 17, 8, 11, tzinfo=UTC)


def test_zoom_meeting_start_must_be_a_time():
    data = ZOOM_HEADER.replace("07/04/2024 05:00:00 PM", "soon", 1).encode()

    with pytest.raises(AttendanceFileError) as refused:
        read_attendance(data, "t.csv", host_zone="UTC")

    assert str(refused.value) == (
        "t.csv, line 2, column 'start time': expected MM/DD/YYYY hh:mm:ss AM/PM"
    )


def test_zoom_blank_lines_are_skipped_and_unknown_minutes_add_up():
    data = zoom_file(
        "Bo,,07/04/2024 05:00:00 PM,07/04/2024 05:20:00 PM,20,Yes,Y",
        ",,,,,,",
        "Bo,,07/04/2024 05:30:00 PM,07/04/2024 05:45:00 PM,15,Yes,Y",
    )

    match = match_attendees(read_attendance(data, "t.csv", host_zone="UTC"), [])

    assert [(e.raw_name, len(e.lines), e.minutes) for e in match.not_matched] == [
        ("Bo", 2, 35)
    ]


def test_teams_sign_in_name_stands_in_for_an_empty_email():
    line = ANN_TEAMS.replace("ann@x.org\t\t", "\tann.lee@x.org\t")

    report = read_attendance(teams_file([line], None), "t.csv", host_zone="UTC")

    assert report.lines[0].email == "ann.lee@x.org"
