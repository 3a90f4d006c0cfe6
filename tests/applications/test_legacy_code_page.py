"""A Windows-1252 export read through the association's declared code page."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tandem.applications.domain import importing
from tandem.applications.models import Application, ImportJob
from tandem.programs.models import RoleGrant
from tandem.tabular.errors import EncodingQuestion
from tests import factories

NAMES = ["Zoë Müller", "Søren Œhlenschläger", "François d’Hondt"]
TEXT = (
    "Full name,E-mail,Pair preference,Native language,Consent\r\n"
    f"{NAMES[0]},zoe.muller@example.be,Either,French,Yes\r\n"
    f"{NAMES[1]},soren@example.be,Either,Dutch,Yes\r\n"
    f"{NAMES[2]},francois@example.be,Either,French,Yes\r\n"
)
DATA = TEXT.encode("cp1252")
NAME = "Inscriptions mentorés.csv"


@pytest.fixture
def belgium(db):
    edition = factories.make_edition()
    association = factories.make_association(
        "BE", "Alumni Belgium", languages=["French", "Dutch"], legacy_encoding="cp1252"
    )
    factories.join(edition, association)
    coordinator = factories.make_person("Inès Lambert")
    factories.grant(coordinator, edition, RoleGrant.Role.NATIONAL, association)
    return edition, association, coordinator


def test_the_bytes_are_not_utf_8():
    with pytest.raises(UnicodeDecodeError):
        DATA.decode("utf-8")


def test_the_declared_code_page_reads_every_name(belgium):
    _, association, _ = belgium

    table = importing.read_upload(DATA, NAME, association=association)

    assert table.encoding == "cp1252"
    assert [row.cell(0) for row in table.rows] == NAMES


def test_without_a_declared_code_page_the_reader_asks_with_each_reading():
    with pytest.raises(EncodingQuestion) as asked:
        importing.read_upload(DATA, NAME)

    assert asked.value.samples["cp1252"].startswith("Zoë Müller,")
    assert asked.value.samples["cp1250"].startswith("Zoë Müller,")
    assert asked.value.filename == NAME


def test_the_second_row_tells_cp1252_from_cp1250():
    line = TEXT.splitlines()[2].encode("cp1252")

    assert line.decode("cp1252").startswith("Søren Œhlenschläger,")
    assert line.decode("cp1250").startswith("Sřren Śhlenschläger,")


def test_the_import_page_reads_the_upload_as_cp1252_and_the_names_round_trip(
    belgium, client
):
    edition, association, coordinator = belgium
    client.force_login(coordinator)

    client.post(
        reverse("applications:import_upload", args=[edition.slug]),
        {"file": SimpleUploadedFile(NAME, DATA, content_type="text/csv")},
    )
    job = ImportJob.objects.get(edition=edition)
    page = client.get(
        reverse("applications:import_mapping", args=[edition.slug, job.pk])
    ).content.decode()
    table = importing.read_upload(bytes(job.data), NAME, association=association)
    mapping = importing.mapping_for(table, association)
    mapping.constants["role"] = "mentee"
    preview = importing.preview_import(edition, table, mapping, scope=association)
    importing.commit_import(edition, preview, actor=coordinator, scope=association)

    assert "3 rows, read as cp1252." in page
    assert "This file is not UTF-8" not in page
    assert bytes(job.data) == DATA
    assert sorted(
        Application.objects.filter(edition=edition).values_list(
            "person__full_name", flat=True
        )
    ) == sorted(NAMES)
