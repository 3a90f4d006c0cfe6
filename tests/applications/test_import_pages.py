"""The import pages: upload, mapping, preview, background commit, progress."""

import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

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
