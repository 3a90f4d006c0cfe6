"""Applying a saved mapping from the mapping page."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tandem.applications.domain import importing
from tandem.applications.models import ImportJob
from tandem.programs.models import RoleGrant
from tandem.tabular.mapping import Mapping
from tests import factories
from tests.tabular.conftest import CORPUS

SHEETS = "google-sheets_mentees_PL_locale-pl.csv"
TYPEFORM = "typeform_mentors_HU-HR.csv"


@pytest.fixture
def mapping_page(corpus_edition, client):
    """A Polish coordinator's upload of the Sheets export, and two presets of
    Poland that fit it: mentees saved first, mentors saved last."""
    edition, associations, _ = corpus_edition
    poland = associations["PL"]
    coordinator = factories.make_person("Agata Wiśniewska")
    factories.grant(coordinator, edition, RoleGrant.Role.NATIONAL, poland)
    data = (CORPUS / "forms" / SHEETS).read_bytes()
    table = importing.read_upload(data, SHEETS)
    presets = {}
    for role in ("mentee", "mentor"):
        mapping = importing.mapping_for(table, poland)
        mapping.constants["role"] = role
        presets[role] = importing.save_preset(
            poland, f"PL {role}s", mapping, actor=coordinator
        )
    client.force_login(coordinator)
    client.post(
        reverse("applications:import_upload", args=[edition.slug]),
        {"file": SimpleUploadedFile(SHEETS, data)},
    )
    job = ImportJob.objects.get(edition=edition)
    url = reverse("applications:import_mapping", args=[edition.slug, job.pk])
    return edition, associations, coordinator, job, url, presets


def test_the_page_offers_the_presets_and_starts_from_the_latest_fitting(
    client, mapping_page
):
    *_, url, presets = mapping_page

    response = client.get(url)

    page = response.content.decode()
    assert (
        f'<option value="{presets["mentee"].pk}">PL mentees</option>'
        f'<option value="{presets["mentor"].pk}">PL mentors</option>'
    ) in page
    assert response.context["constants"]["role"] == "mentor"


def test_using_a_preset_stores_its_mapping_and_opens_the_preview(client, mapping_page):
    edition, _, _, job, url, presets = mapping_page

    response = client.post(url, {"preset": presets["mentee"].pk})
    preview = client.get(response["Location"]).content.decode()

    job.refresh_from_db()
    assert response["Location"] == reverse(
        "applications:import_preview", args=[edition.slug, job.pk]
    )
    assert job.mapping == presets["mentee"].mapping
    assert Mapping.from_json(job.mapping).constants == {"role": "mentee"}
    assert "62 applications, 0 rows skipped, 0 errors, 4 warnings" in preview


def test_another_associations_preset_is_not_found(client, mapping_page):
    _, associations, coordinator, job, url, _ = mapping_page
    table = importing.read_upload((CORPUS / "forms" / SHEETS).read_bytes(), SHEETS)
    hungary = importing.save_preset(
        associations["HU"],
        "HU mentees",
        importing.mapping_for(table, associations["HU"]),
        actor=coordinator,
    )

    response = client.post(url, {"preset": hungary.pk})

    job.refresh_from_db()
    assert response.status_code == 404
    assert job.mapping == ""


def test_a_preset_that_is_not_a_number_is_not_found(client, mapping_page):
    _, _, _, job, url, _ = mapping_page

    response = client.post(url, {"preset": "abc"})
    superscript = client.post(url, {"preset": "²"})

    job.refresh_from_db()
    assert (response.status_code, superscript.status_code) == (404, 404)
    assert job.mapping == ""
