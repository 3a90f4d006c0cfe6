"""Logos and signatures: uploaded on the settings page, printed on certificates."""

import base64
import datetime as dt
import io

import pypdfium2
import pypdfium2.raw as pdfium
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from tandem.certificates.domain import issuing, rendering
from tandem.certificates.models import CertificateImage
from tandem.core.models import AuditEntry
from tests.certificates.conftest import pdf_text

SIGNATORY = "Karolina Nowicka, international coordinator"


def image_bytes(size, fmt, colour):
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format=fmt)
    return buffer.getvalue()


LOGO = image_bytes((64, 32), "PNG", (200, 20, 60))
SIGNATURE = image_bytes((48, 24), "JPEG", (10, 10, 120))


def upload(client, closure, kind, label, name, data):
    return client.post(
        reverse("certificates:image_add", args=[closure["edition"].slug]),
        {"kind": kind, "label": label, "image": SimpleUploadedFile(name, data)},
        follow=True,
    )


@pytest.fixture
def with_images(client, closure):
    client.force_login(closure["coordinator"])
    upload(client, closure, "logo", "Alumni Poland", "logo.png", LOGO)
    upload(client, closure, "signature", SIGNATORY, "podpis.jpg", SIGNATURE)
    return closure


def test_uploaded_images_are_stored_with_their_type_and_listed(client, with_images):
    page = client.get(
        reverse("certificates:settings", args=[with_images["edition"].slug])
    ).content.decode()

    stored = CertificateImage.objects.filter(edition=with_images["edition"])
    assert [(i.kind, i.label, i.content_type, bytes(i.data)) for i in stored] == [
        ("logo", "Alumni Poland", "image/png", LOGO),
        ("signature", SIGNATORY, "image/jpeg", SIGNATURE),
    ]
    assert "<li>Association logo: Alumni Poland" in page
    assert f"<li>Signature: {SIGNATORY}" in page
    assert (
        AuditEntry.objects.filter(
            action="certificate_image.added", edition=with_images["edition"]
        ).count()
        == 2
    )


def test_a_file_that_is_not_png_or_jpeg_is_refused(client, closure):
    client.force_login(closure["coordinator"])
    gif = image_bytes((8, 8), "GIF", (0, 0, 0))

    response = upload(client, closure, "logo", "Alumni Poland", "logo.gif", gif)

    assert [str(m) for m in response.context["messages"]] == [
        "Upload a PNG or JPEG image."
    ]
    assert CertificateImage.objects.filter(edition=closure["edition"]).count() == 0


def test_an_image_over_one_megabyte_is_refused(client, closure):
    client.force_login(closure["coordinator"])

    response = upload(
        client, closure, "logo", "Alumni Poland", "big.png", LOGO + b"\0" * 1_000_000
    )

    assert [str(m) for m in response.context["messages"]] == [
        "The image is larger than 1 MB."
    ]
    assert CertificateImage.objects.filter(edition=closure["edition"]).count() == 0


def test_the_certificate_html_carries_both_images_and_the_signatory(with_images):
    printer = issuing.Printer(with_images["edition"], "http://testserver/")
    values = printer.values("Őrs Łukasz Wójcik", "mentor", "abc123", _day())

    html = rendering.fill(printer.body, values)

    logo = base64.b64encode(LOGO).decode()
    signature = base64.b64encode(SIGNATURE).decode()
    assert (
        f'<div class="logos"><img src="data:image/png;base64,{logo}" '
        'alt="Alumni Poland"></div>'
    ) in html
    assert (
        f'<div class="signatures"><div class="signature">'
        f'<img src="data:image/jpeg;base64,{signature}" alt="{SIGNATORY}">'
        f"<p>{SIGNATORY}</p></div></div>"
    ) in html


def test_the_issued_pdf_holds_the_logo_and_the_signature(with_images):
    certificate = issuing.issue_certificate(
        with_images["edition"],
        with_images["mentor"],
        "mentor",
        actor=with_images["coordinator"],
        site_url="http://testserver/",
    )

    data = bytes(certificate.pdf)
    assert _image_sizes(data) == [(64, 32), (48, 24)]
    assert SIGNATORY in pdf_text(data)


def test_a_removed_signature_is_left_off_the_next_certificate(client, with_images):
    signature = CertificateImage.objects.get(
        edition=with_images["edition"], kind="signature"
    )
    client.post(
        reverse(
            "certificates:image_remove",
            args=[with_images["edition"].slug, signature.pk],
        )
    )

    printer = issuing.Printer(with_images["edition"], "http://testserver/")
    pdf = printer.pdf("Őrs Łukasz Wójcik", "mentor", "abc123", _day())

    assert _image_sizes(pdf) == [(64, 32)]
    assert SIGNATORY not in pdf_text(pdf)


def _day():
    return dt.date(2024, 6, 20)


def _image_sizes(data):
    document = pypdfium2.PdfDocument(data)
    try:
        return [
            tuple(image.get_px_size())
            for page in document
            for image in page.get_objects(filter=[pdfium.FPDF_PAGEOBJ_IMAGE])
        ]
    finally:
        document.close()
