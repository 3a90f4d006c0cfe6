"""The corpus exports imported as EXPECTED.md says, through the domain and the pages."""

import math

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tandem.core import audit
from tandem.events.attendance import NotMatchedReason
from tandem.events.domain.recording import (
    commit_attendance_import,
    match_upload,
    upload_attendance,
)
from tandem.events.models import Attendance, AttendanceImport, Event
from tandem.programs.models import RoleGrant
from tests import factories
from tests.events.attendance_people import DECOYS, MENTEE_TRAINING, MENTOR_TRAINING_1
from tests.events.builders import at, make_event, make_participant

ZOOM_FILE = "zoom_mentor-training-1_2023-11-14.csv"
TEAMS_FILE = "teams_mentee-training_2023-11-21.csv"


@pytest.fixture
def corpus_world(db):
    """The corpus' applicants accepted in one edition: mentors who went to mentor
    training 1, mentees who went to the mentee training, and the decoys."""
    edition = factories.make_edition()
    association = factories.make_association("PL", "Alumni Poland")
    factories.join(edition, association)
    for name, email, *_ in MENTOR_TRAINING_1:
        make_participant(edition, association, "mentor", name, email)
    for name, email, *_ in MENTEE_TRAINING:
        make_participant(edition, association, "mentee", name, email)
    for name, email in DECOYS:
        make_participant(edition, association, "mentor", name, email)
    partner = factories.make_person("Marek Zieliński")
    factories.grant(partner, edition, RoleGrant.Role.TRAINING_PARTNER)
    mentor_training = make_event(edition, "Mentor training 1")
    mentee_training = make_event(
        edition,
        "Mentee training",
        audience=Event.Audience.MENTEES,
        starts_at=at("2023-11-21 18:00"),
        ends_at=at("2023-11-21 19:30"),
    )
    return edition, partner, mentor_training, mentee_training


def upload_corpus(corpus_dir, event, name, actor):
    data = (corpus_dir / "attendance" / name).read_bytes()
    return upload_attendance(event, data, name, actor=actor)


def recorded(event):
    return {
        row.person.email: (row.minutes, row.source, row.source_file)
        for row in Attendance.objects.filter(event=event).select_related("person")
    }


def test_the_zoom_export_records_32_mentors_with_their_minutes(
    corpus_dir, corpus_world
):
    _, partner, event, _ = corpus_world
    upload = upload_corpus(corpus_dir, event, ZOOM_FILE, partner)

    match = commit_attendance_import(upload, actor=partner)

    assert recorded(event) == {
        email: (minutes, "import", ZOOM_FILE)
        for _, email, minutes, _ in MENTOR_TRAINING_1
    }
    assert {a.person.full_name: str(a.matched_by) for a in match.attended} == {
        name: how for name, _, _, how in MENTOR_TRAINING_1
    }
    assert [(n.raw_name, n.reason) for n in match.not_matched] == [
        ("Barbara Lis (Kingmakers)", NotMatchedReason.HOST),
        ("Jan Testowy", NotMatchedReason.UNKNOWN),
        ("+48 22 307 ** **", NotMatchedReason.NO_EMAIL),
        ("iPad (2)", NotMatchedReason.NO_EMAIL),
    ]


def test_the_teams_export_records_41_mentees_with_their_minutes(
    corpus_dir, corpus_world
):
    _, partner, _, event = corpus_world
    upload = upload_corpus(corpus_dir, event, TEAMS_FILE, partner)

    match = commit_attendance_import(upload, actor=partner)

    # Teams counts seconds; a started minute counts, as Zoom rounds it.
    assert recorded(event) == {
        email: (math.ceil(seconds / 60), "import", TEAMS_FILE)
        for _, email, seconds, _ in MENTEE_TRAINING
    }
    assert {a.person.full_name: a.seconds for a in match.attended} == {
        name: seconds for name, _, seconds, _ in MENTEE_TRAINING
    }
    assert sorted(n.raw_name for n in match.not_matched) == [
        "Guest 4471 (Unverified)",
        "Karolina Nowicka",
        "Marek Zieliński",
        "Piotr Zieliński",
    ]


def test_a_mentor_export_matches_nobody_on_a_mentee_roster(corpus_dir, corpus_world):
    _, partner, _, mentee_training = corpus_world
    upload = upload_corpus(corpus_dir, mentee_training, ZOOM_FILE, partner)

    match = match_upload(upload, partner)

    assert match.attended == ()
    assert len(match.not_matched) == 36


def test_an_export_is_imported_once(corpus_dir, corpus_world):
    _, partner, event, _ = corpus_world
    upload = upload_corpus(corpus_dir, event, ZOOM_FILE, partner)
    commit_attendance_import(upload, actor=partner)

    with pytest.raises(ValidationError) as refused:
        commit_attendance_import(upload, actor=partner)

    assert refused.value.messages == [f"{ZOOM_FILE} was already imported."]
    assert Attendance.objects.filter(event=event).count() == 32


def test_an_import_that_fails_half_way_records_nothing(
    corpus_dir, corpus_world, monkeypatch
):
    _, partner, event, _ = corpus_world
    upload = upload_corpus(corpus_dir, event, ZOOM_FILE, partner)

    def refuse(*args, **kwargs):
        raise RuntimeError("audit trail unavailable")

    monkeypatch.setattr(audit, "record", refuse)
    with pytest.raises(RuntimeError):
        commit_attendance_import(upload, actor=partner)

    assert Attendance.objects.filter(event=event).count() == 0
    assert AttendanceImport.objects.get(pk=upload.pk).committed_at is None


def test_a_file_that_is_no_export_is_refused_by_name(corpus_world):
    _, partner, event, _ = corpus_world

    with pytest.raises(ValidationError) as refused:
        upload_attendance(event, b"name;mail\nAnn;ann@x\n", "list.csv", actor=partner)

    assert refused.value.messages[0].startswith(
        "list.csv: not a recognised attendance export"
    )
    assert AttendanceImport.objects.count() == 0


def test_the_pages_show_the_report_before_recording(client, corpus_dir, corpus_world):
    edition, partner, event, _ = corpus_world
    client.force_login(partner)
    path = corpus_dir / "attendance" / ZOOM_FILE

    with path.open("rb") as handle:
        uploaded = client.post(
            reverse("events:import", args=[edition.slug, event.pk]), {"file": handle}
        )
    report = client.get(uploaded.url)
    page = report.content.decode()
    confirmed = client.post(uploaded.url, follow=True)

    assert "32 matched, 4 not matched" in page
    assert "Record 32 attendances" in page
    assert "iPad (2)" in page
    assert "host of the meeting" in page
    assert [str(m) for m in confirmed.context["messages"]] == [
        f"Imported {ZOOM_FILE}: 32 people recorded, 4 not matched."
    ]
    assert Attendance.objects.filter(event=event).count() == 32


def test_the_upload_page_names_what_is_wrong_with_a_file(client, corpus_world):
    edition, partner, event, _ = corpus_world
    client.force_login(partner)
    bad = SimpleUploadedFile("notes.txt", b"\xff\x00garbage")

    response = client.post(
        reverse("events:import", args=[edition.slug, event.pk]), {"file": bad}
    )

    assert response.status_code == 200
    assert (
        response.context["form"]
        .errors["file"][0]
        .startswith("notes.txt: not a recognised attendance export")
    )


def test_an_empty_attendance_upload_is_refused_with_the_files_name(
    client, corpus_world
):
    edition, partner, event, _ = corpus_world
    client.force_login(partner)

    response = client.post(
        reverse("events:import", args=[edition.slug, event.pk]),
        {"file": SimpleUploadedFile("participants.csv", b"")},
    )

    assert response.context["form"].errors["file"] == [
        "participants.csv: the file is empty."
    ]


def test_a_report_matching_nobody_offers_nothing_to_record(
    client, corpus_dir, corpus_world
):
    edition, partner, _, mentee_training = corpus_world
    client.force_login(partner)
    path = corpus_dir / "attendance" / ZOOM_FILE

    with path.open("rb") as handle:
        uploaded = client.post(
            reverse("events:import", args=[edition.slug, mentee_training.pk]),
            {"file": handle},
        )
    page = client.get(uploaded.url).content.decode()

    assert "0 matched, 36 not matched" in page
    assert "Record 0" not in page
    assert "Nothing to record" in page
