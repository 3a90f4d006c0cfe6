"""The import pages: upload, mapping, preview, background commit, progress."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.timezone import localtime

from tandem.applications.models import Application, ImportJob, ImportPreset
from tandem.programs.models import RoleGrant
from tests import factories
from tests.tabular.conftest import CORPUS

SHEETS = "google-sheets_mentees_PL_locale-pl.csv"


def test_a_national_coordinator_imports_a_file_in_the_background(
    corpus_edition, client, django_capture_on_commit_callbacks
):
    edition, associations, _ = corpus_edition
    coordinator = factories.make_person("Agata Wiśniewska")
    factories.grant(coordinator, edition, RoleGrant.Role.NATIONAL, associations["PL"])
    client.force_login(coordinator)
    data = (CORPUS / "forms" / SHEETS).read_bytes()
    base = f"/e/{edition.slug}/applications/imports/"

    client.post(base, {"file": SimpleUploadedFile(SHEETS, data)})
    job = ImportJob.objects.get()
    mapping_page = client.get(f"{base}{job.pk}/mapping/").content.decode()
    client.post(
        f"{base}{job.pk}/mapping/",
        {"column-1": "email", "column-2": "full_name", "save_as": "PL mentees"}
        | {"constant-role": "mentee"}
        | _guessed(mapping_page),
    )
    preview = client.get(f"{base}{job.pk}/preview/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("applications:import_commit", args=[edition.slug, job.pk]))
    fragment = client.get(f"{base}{job.pk}/progress/", headers={"HX-Request": "true"})

    job.refresh_from_db()
    assert "62 applications, 0 rows skipped, 0 errors, 4 warnings" in preview
    assert (job.state, job.done, job.total) == ("done", 62, 62)
    assert job.report == {
        "created": 62,
        "updated": 0,
        "people_created": 62,
        "skipped": 0,
    }
    assert Application.objects.filter(association__country="PL").count() == 62
    assert ImportPreset.objects.get().association == associations["PL"]
    assert "62 applications created" in fragment.content.decode()
    assert "<html" not in fragment.content.decode()


def _guessed(page):
    """The selects as the mapping page pre-selects them."""
    chosen = re.findall(
        r'name="(column-\d+)" id="column-\d+">(?:(?!</select>).)*?'
        r'<option value="(\w+)" selected>',
        page,
        flags=re.S,
    )
    return dict(chosen)


def test_an_upload_of_the_wrong_type_is_refused_with_the_files_name(
    corpus_edition, client
):
    edition, _, international = corpus_edition
    client.force_login(international)
    data = (CORPUS / "bad" / "applications-screenshot.csv").read_bytes()

    response = client.post(
        reverse("applications:import_upload", args=[edition.slug]),
        {"file": SimpleUploadedFile("applications-screenshot.csv", data)},
    )

    assert "applications-screenshot.csv: not a CSV/text file (an image)" in (
        response.content.decode()
    )
    assert ImportJob.objects.count() == 0


def test_an_empty_upload_is_refused_with_the_files_name(corpus_edition, client):
    edition, _, international = corpus_edition
    client.force_login(international)

    response = client.post(
        reverse("applications:import_upload", args=[edition.slug]),
        {"file": SimpleUploadedFile("responses.xlsx", b"")},
    )

    assert response.context["form"].errors["file"] == [
        "responses.xlsx: the file is empty."
    ]
    assert ImportJob.objects.count() == 0


def _import_through_pages(client, edition, name, data, *, role, before=None):
    """Upload, answer what the pages ask (`before`), map as guessed, preview."""
    base = f"/e/{edition.slug}/applications/imports/"
    client.post(base, {"file": SimpleUploadedFile(name, data)})
    job = ImportJob.objects.latest("pk")
    asked = client.get(f"{base}{job.pk}/mapping/").content.decode()
    if before:
        client.post(f"{base}{job.pk}/mapping/", before)
    mapping_page = client.get(f"{base}{job.pk}/mapping/").content.decode()
    client.post(
        f"{base}{job.pk}/mapping/",
        {"constant-role": role} | _guessed(mapping_page),
    )
    preview = client.get(f"{base}{job.pk}/preview/").content.decode()
    return job, asked, mapping_page, preview


def _commit(client, edition, job, capture):
    with capture(execute=True):
        client.post(reverse("applications:import_commit", args=[edition.slug, job.pk]))
    job.refresh_from_db()
    return job


def test_a_file_without_a_declared_code_page_asks_for_its_encoding(
    corpus_edition, client, django_capture_on_commit_callbacks
):
    edition, _, international = corpus_edition
    client.force_login(international)
    name = "excel_mentees_CZ-SK_cp1250.csv"
    data = (CORPUS / "forms" / name).read_bytes()

    job, asked, mapping_page, preview = _import_through_pages(
        client, edition, name, data, role="mentee", before={"encoding": "cp1250"}
    )
    job = _commit(client, edition, job, django_capture_on_commit_callbacks)

    assert "This file is not UTF-8. In which reading are the names right?" in asked
    assert re.findall(r'name="encoding" value="(\w+)"', asked) == [
        "cp1250",
        "cp1252",
        "cp1251",
    ]
    assert "31 rows, read as cp1250." in mapping_page
    assert "31 applications, 0 rows skipped, 0 errors, 2 warnings" in preview
    assert job.report["created"] == 31
    tereza = Application.objects.get(person__email="tereza.dvorakova@example.cz")
    assert (tereza.person.full_name, tereza.employer, tereza.member_number) == (
        "Tereza Dvořáková",
        "Pražská Poradenská s.r.o.",
        "00041",
    )
    assert Application.objects.get(person__email="lubomir.kovac@example.sk").city == (
        "Košice"
    )


AMBIGUOUS = (
    b"Submitted,Full name,E-mail,Association,Pair preference,Native language,"
    b"Consent\r\n"
    b"03/04/2023,Zofia Krawczyk,zofia@example.pl,PL,Either,Polish,Yes\r\n"
    b"05/06/2023,Jan Nowak,jan.nowak@example.pl,PL,Local,Polish,Yes\r\n"
)


@pytest.mark.parametrize(
    ("answer", "dates"),
    [("yes", ["2023-04-03", "2023-06-05"]), ("no", ["2023-03-04", "2023-05-06"])],
)
def test_the_day_order_is_asked_once_for_the_whole_file(
    corpus_edition, client, django_capture_on_commit_callbacks, answer, dates
):
    edition, _, international = corpus_edition
    client.force_login(international)
    job, _, _, question = _import_through_pages(
        client, edition, "dates.csv", AMBIGUOUS, role="mentee"
    )
    preview_url = reverse("applications:import_preview", args=[edition.slug, job.pk])

    client.post(preview_url, {"day_first": answer})
    preview = client.get(preview_url).content.decode()
    job = _commit(client, edition, job, django_capture_on_commit_callbacks)

    assert "How should dates like 03/04/2023, 05/06/2023 be read" in question
    assert question.count('name="day_first"') == 2
    assert "2 applications, 0 rows skipped, 0 errors" in preview
    submitted = Application.objects.order_by("submitted_at").values_list(
        "submitted_at", flat=True
    )
    assert [localtime(when).date().isoformat() for when in submitted] == dates


def test_a_workbook_offers_its_sheets_and_imports_the_one_picked(
    corpus_edition, client, django_capture_on_commit_callbacks
):
    edition, _, international = corpus_edition
    client.force_login(international)
    name = "two-sheets_data-on-second.xlsx"
    data = (CORPUS / "bad" / name).read_bytes()

    job, asked, mapping_page, preview = _import_through_pages(
        client, edition, name, data, role="mentee", before={"sheet": "Responses"}
    )
    job = _commit(client, edition, job, django_capture_on_commit_callbacks)

    assert re.findall(r'<option value="(\w+)"(?: selected)?>\1</option>', asked)[
        :2
    ] == ["Instructions", "Responses"]
    assert "on sheet “Responses”" in mapping_page
    assert "24 applications" in preview
    assert (job.state, job.report["created"]) == ("done", 24)
    assert (
        Application.objects.filter(
            person__email__in=[
                "golebiowski.dariusz@example.net",
                "p.dabrowski@example.pl",
            ]
        ).count()
        == 2
    )


def test_a_row_error_without_a_column_reads_as_a_sentence(corpus_edition, client):
    edition, _, _ = corpus_edition
    coordinator = factories.make_person("Karolina Nowicka")
    factories.grant(coordinator, edition, RoleGrant.Role.INTERNATIONAL)
    client.force_login(coordinator)
    name = "ragged-rows.csv"
    base = f"/e/{edition.slug}/applications/imports/"

    client.post(
        base, {"file": SimpleUploadedFile(name, (CORPUS / "bad" / name).read_bytes())}
    )
    job = ImportJob.objects.get()
    client.post(
        f"{base}{job.pk}/mapping/",
        _guessed(client.get(f"{base}{job.pk}/mapping/").content.decode()),
    )
    preview = client.get(f"{base}{job.pk}/preview/").content.decode()

    assert "8 applications, 0 rows skipped, 2 errors, 1 warning." in preview
    assert "<li>row 5 – 20 cells, the header has 19</li>" in preview
    assert "<li>row 8 – 12 cells, the header has 19</li>" in preview
    assert not Application.objects.exists()


def test_a_refused_cell_shows_empty_in_the_preview_not_none(corpus_edition, client):
    edition, _, international = corpus_edition
    client.force_login(international)
    name = "formula-injection.csv"

    _, _, _, preview = _import_through_pages(
        client, edition, name, (CORPUS / "bad" / name).read_bytes(), role="mentee"
    )

    assert "<tr><td>3</td><td></td><td>justyna.zajac@example.pl</td>" in preview
    assert "<tr><td>6</td><td>Piotr Gołębiowski</td><td></td>" in preview
    assert "None" not in preview
