"""The international coordinator's settings: rule, template, images."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from tandem.certificates.domain import rendering
from tandem.certificates.domain.issuing import template_of
from tandem.certificates.models import CertificateImage
from tandem.core import audit

IMAGE_TYPES = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg"}
MAX_IMAGE_BYTES = 1_000_000


@transaction.atomic
def save_rule(rule, *, actor, **needs):
    for name, value in needs.items():
        setattr(rule, name, bool(value))
    rule.save()
    audit.record("certificate_rule.updated", rule, actor=actor, edition=rule.edition)
    return rule


@transaction.atomic
def save_template(edition, body, *, actor):
    """Check the placeholders and render a sample before anything is saved."""
    rendering.check_body(body)
    sample = rendering.Values(
        name="Łukasz Wójcik",
        role="mentor",
        edition=edition.name,
        associations=["Sample association"],
        date=dt.date(2024, 6, 20).strftime("%d %B %Y"),
        code="SAMPLE",
        verify_url="https://tandem.invalid/verify/SAMPLE/",
    )
    rendering.render_pdf(body, sample)
    template = template_of(edition)
    template.body = body
    template.updated_by = actor
    template.save()
    audit.record("certificate_template.updated", template, actor=actor, edition=edition)
    return template


@transaction.atomic
def add_image(edition, kind, label, data, *, actor, association=None):
    """A PNG or JPEG logo or signature; other files are refused."""
    content_type = next(
        (kind_ for magic, kind_ in IMAGE_TYPES.items() if data.startswith(magic)),
        None,
    )
    if content_type is None:
        raise ValidationError("Upload a PNG or JPEG image.")
    if len(data) > MAX_IMAGE_BYTES:
        raise ValidationError("The image is larger than 1 MB.")
    if kind not in CertificateImage.Kind.values:
        raise ValidationError(f"Unknown image kind {kind!r}.")
    image = CertificateImage.objects.create(
        edition=edition,
        kind=kind,
        label=label.strip(),
        association=association,
        content_type=content_type,
        data=data,
    )
    audit.record("certificate_image.added", image, actor=actor, edition=edition)
    return image


@transaction.atomic
def remove_image(image, *, actor):
    audit.record("certificate_image.removed", image, actor=actor, edition=image.edition)
    image.delete()
