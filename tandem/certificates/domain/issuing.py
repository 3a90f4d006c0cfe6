"""Issuing, revoking and handing out certificates; each owns its transaction."""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import formats

from tandem.certificates.domain import eligibility, rendering
from tandem.certificates.models import (
    Certificate,
    CertificateImage,
    CertificateTemplate,
    IssueJob,
)
from tandem.core import audit, clock

logger = logging.getLogger(__name__)


def template_of(edition):
    template, _ = CertificateTemplate.objects.get_or_create(edition=edition)
    return template


class Printer:
    """Everything the certificates of one edition share, loaded once."""

    def __init__(self, edition, site_url):
        self.edition = edition
        self.site_url = site_url.rstrip("/")
        self.body = template_of(edition).body
        self.associations = list(
            edition.associations.order_by("name").values_list("name", flat=True)
        )
        images = list(
            CertificateImage.objects.filter(edition=edition).values_list(
                "kind", "label", "content_type", "data"
            )
        )
        self.logos = [row[1:] for row in images if row[0] == "logo"]
        self.signatures = [row[1:] for row in images if row[0] == "signature"]

    def values(self, name, role, code, day):
        return rendering.Values(
            name=name,
            role=role,
            edition=self.edition.name,
            associations=self.associations,
            date=formats.date_format(day, "j F Y"),
            code=code,
            verify_url=self.site_url + reverse("certificates:verify", args=[code]),
            logos=self.logos,
            signatures=self.signatures,
        )

    def pdf(self, name, role, code, day):
        return rendering.render_pdf(self.body, self.values(name, role, code, day))


def issue_certificate(
    edition, person, role, *, actor, site_url, override_reason="", printer=None
):
    """Issue one certificate; someone not eligible needs an override reason."""
    (found,) = eligibility.of_role(edition, role, [person.pk]) or (None,)
    if found is None:
        raise ValidationError(f"{person} was not accepted as a {role} in {edition}.")
    return _issue(
        found,
        edition,
        actor=actor,
        printer=printer or Printer(edition, site_url),
        override_reason=(override_reason or "").strip(),
    )


@transaction.atomic
def _issue(found, edition, *, actor, printer, override_reason):
    person, role = found.person, found.role
    if Certificate.objects.filter(
        person=person, edition=edition, role=role, revoked_at__isnull=True
    ).exists():
        raise ValidationError(f"{person} already has a valid {role} certificate.")
    if not found.eligible and not override_reason:
        reasons = "; ".join(f"{c.label}: {c.detail or c.state}" for c in found.reasons)
        raise ValidationError(
            f"{person} is not eligible ({reasons}). "
            "Give a reason to issue the certificate anyway."
        )
    certificate = Certificate(
        person=person,
        edition=edition,
        role=role,
        name=person.full_name,
        issued_by=actor,
        issued_at=clock.now(),
        override_reason=override_reason if not found.eligible else "",
    )
    certificate.pdf = printer.pdf(
        certificate.name, role, certificate.code, clock.today()
    )
    certificate.save()
    action = "certificate.issued"
    if certificate.override_reason:
        action = "certificate.issued_with_override"
    audit.record(
        action,
        certificate,
        actor=actor,
        association=found.association,
        edition=edition,
    )
    return certificate


@transaction.atomic
def revoke_certificate(certificate, reason, *, actor):
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("Say why the certificate is revoked.")
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.revoked_at is not None:
        raise ValidationError("This certificate is already revoked.")
    certificate.revoked_by = actor
    certificate.revoked_at = clock.now()
    certificate.revoked_reason = reason
    certificate.save(update_fields=["revoked_by", "revoked_at", "revoked_reason"])
    audit.record(
        "certificate.revoked", certificate, actor=actor, edition=certificate.edition
    )
    return certificate


def record_download(certificate, *, actor):
    audit.record(
        "certificate.downloaded", certificate, actor=actor, edition=certificate.edition
    )


@transaction.atomic
def start_bulk(edition, role, *, actor, site_url):
    """Queue the certificates of everyone eligible who has none yet."""
    from tandem.certificates.tasks import run_issue_job

    holders = set(
        Certificate.objects.filter(
            edition=edition, role=role, revoked_at__isnull=True
        ).values_list("person_id", flat=True)
    )
    person_ids = [
        found.person.pk
        for found in eligibility.of_role(edition, role)
        if found.eligible and found.person.pk not in holders
    ]
    job = IssueJob.objects.create(
        edition=edition,
        role=role,
        requested_by=actor,
        person_ids=person_ids,
        total=len(person_ids),
        site_url=site_url,
    )
    audit.record("certificate.bulk_queued", job, actor=actor, edition=edition)
    transaction.on_commit(lambda: run_issue_job.enqueue(job.pk))
    return job


def run_job(job_id):
    """Issue the job's certificates one transaction each, counting as it goes.

    Eligibility is computed once for the whole job; someone who is no longer
    eligible, or got a certificate meanwhile, is skipped (a bulk run never
    overrides).
    """
    job = IssueJob.objects.select_related("edition", "requested_by").get(pk=job_id)
    if job.state != IssueJob.State.QUEUED:
        logger.info("certificate.bulk_not_queued job=%s state=%s", job.pk, job.state)
        return job
    _set(job, state=IssueJob.State.RUNNING)
    printer = Printer(job.edition, job.site_url)
    found = eligibility.of_role(job.edition, job.role, job.person_ids)
    for index, one in enumerate(found, start=1):
        try:
            _issue(
                one,
                job.edition,
                actor=job.requested_by,
                printer=printer,
                override_reason="",
            )
            job.issued += 1
        except ValidationError:
            job.skipped += 1
        _set(job, done=index, issued=job.issued, skipped=job.skipped)
    _set(
        job,
        state=IssueJob.State.DONE,
        done=job.total,
        skipped=job.skipped + job.total - len(found),
    )
    logger.info("certificate.bulk_done job=%s issued=%s", job.pk, job.issued)
    return job


def _set(job, **fields):
    for name, value in fields.items():
        setattr(job, name, value)
    IssueJob.objects.filter(pk=job.pk).update(**fields)
