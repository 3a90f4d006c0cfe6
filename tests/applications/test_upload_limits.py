"""Files over the size limit are refused by name before anything reads them."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tandem.applications.models import ImportJob
from tandem.programs.models import RoleGrant
from tandem.tabular.errors import FileRefused
from tandem.tabular.reading import MAX_BYTES, read_table
from tests import factories

# A PDF signature: had the file been read, it would be refused as "not a CSV/text
# file (PDF)"; the size message alone shows that the size was checked first.
OVERSIZED = b"%PDF-1.4\n" + b"x" * MAX_BYTES
NAME = "Zgłoszenia mentorów 2023.csv"


@pytest.fixture
def coordinator(db):
    edition = factories.make_edition()
    poland = factories.make_association("PL", "Alumni Poland")
    factories.join(edition, poland)
    person = factories.make_person("Agata Wiśniewska")
    factories.grant(person, edition, RoleGrant.Role.NATIONAL, poland)
    return edition, person


def test_the_import_page_refuses_a_file_over_the_limit_naming_it(client, coordinator):
    edition, person = coordinator
    client.force_login(person)

    response = client.post(
        reverse("applications:import_upload", args=[edition.slug]),
        {"file": SimpleUploadedFile(NAME, OVERSIZED, content_type="text/csv")},
    )

    message = f"{NAME}: the file is larger than 10 MB."
    assert response.status_code == 200
    assert response.context["form"].errors == {"file": [message]}
    assert message in response.content.decode()
    assert ImportJob.objects.filter(edition=edition).count() == 0


def test_the_member_list_upload_refuses_a_file_over_the_limit(client, coordinator):
    edition, person = coordinator
    client.force_login(person)

    response = client.post(
        reverse("applications:members", args=[edition.slug]),
        {"file": SimpleUploadedFile("członkowie.xlsx", OVERSIZED)},
    )

    assert response.context["upload_form"].errors == {
        "file": ["członkowie.xlsx: the file is larger than 10 MB."]
    }


def test_the_reader_refuses_a_file_over_the_limit_before_decoding_it():
    with pytest.raises(FileRefused) as refused:
        read_table(OVERSIZED, NAME)

    assert (refused.value.filename, refused.value.reason) == (
        NAME,
        "the file is larger than 10 MB",
    )
