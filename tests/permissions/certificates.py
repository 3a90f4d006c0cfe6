"""Pages of certificates: the coordinator's list and settings, the holder's page
and download, and the public verification page.

The world gets a valid certificate of mentor_b (association B), a revoked one, a
bulk job and an uploaded signature, all made directly: the cases need them to
exist, not to have been issued through the workflow.
"""

import datetime as dt

from tandem.certificates.models import Certificate, CertificateImage, IssueJob
from tests.permissions import Case as Row

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16


def extend_world(world):
    people, edition = world.people, world.edition
    issued_at = dt.datetime(2024, 6, 20, 12, tzinfo=dt.UTC)
    valid = Certificate.objects.create(
        person=people["mentor_b"],
        edition=edition,
        role="mentor",
        name=people["mentor_b"].full_name,
        issued_by=people["international"],
        issued_at=issued_at,
        pdf=b"%PDF-1.7 test",
    )
    revoked = Certificate.objects.create(
        person=people["mentee_a"],
        edition=edition,
        role="mentee",
        name=people["mentee_a"].full_name,
        issued_by=people["international"],
        issued_at=issued_at,
        revoked_at=issued_at,
        revoked_reason="Issued by mistake.",
        pdf=b"%PDF-1.7 test",
    )
    job = IssueJob.objects.create(
        edition=edition,
        role="mentor",
        requested_by=people["international"],
        site_url="http://testserver/",
    )
    image = CertificateImage.objects.create(
        edition=edition,
        kind="signature",
        label="Karolina Nowicka, international coordinator",
        content_type="image/png",
        data=PNG,
    )
    world.extra.update(
        certificate=valid, revoked_certificate=revoked, issue_job=job, image=image
    )


def ed(w):
    return [w.edition.slug]


def code(name):
    return lambda w: [w.edition.slug, w.extra[name].code]


INTERNATIONAL = "login 404 403 403 403 403 403 403 403 200 404"
INTERNATIONAL_POST = "login 404 403 403 403 403 403 403 403 302 404"
PUBLIC = "200 200 200 200 200 200 200 200 200 200 200"

CASES = [
    Row("certificates:list", ed, INTERNATIONAL),
    Row("certificates:mine", ed, "login 404 200 200 200 200 403 403 403 403 404"),
    Row(
        "certificates:issue",
        ed,
        INTERNATIONAL_POST,
        method="post",
        data={"role": "mentor"},
    ),
    Row(
        "certificates:bulk",
        ed,
        INTERNATIONAL_POST,
        method="post",
        data={"role": "mentor"},
    ),
    Row(
        "certificates:job",
        lambda w: [w.edition.slug, w.extra["issue_job"].pk],
        INTERNATIONAL,
    ),
    Row(
        "certificates:job",
        lambda w: [w.other_edition.slug, w.extra["issue_job"].pk],
        "login 404 403 404 403 404 404 404 404 404 404",
    ),
    Row("certificates:settings", ed, INTERNATIONAL),
    Row(
        "certificates:rule",
        ed,
        INTERNATIONAL_POST,
        method="post",
        data={"role": "mentor", "needs_pair": "on"},
    ),
    Row("certificates:image_add", ed, INTERNATIONAL_POST, method="post"),
    Row(
        "certificates:image_remove",
        lambda w: [w.edition.slug, w.extra["image"].pk],
        INTERNATIONAL_POST,
        method="post",
    ),
    Row(
        "certificates:pdf",
        code("certificate"),
        "login 404 404 404 404 200 404 404 404 200 404",
    ),
    Row(
        "certificates:pdf",
        lambda w: [w.other_edition.slug, w.extra["certificate"].code],
        "login 404 404 404 404 404 404 404 404 404 404",
    ),
    Row(
        "certificates:revoke",
        code("certificate"),
        "login 404 404 404 404 403 404 404 404 302 404",
        method="post",
        data={"reason": "Issued twice."},
    ),
    Row("certificates:verify", lambda w: [w.extra["certificate"].code], PUBLIC),
    Row(
        "certificates:verify",
        lambda w: [w.extra["revoked_certificate"].code],
        PUBLIC,
    ),
    Row(
        "certificates:verify",
        lambda w: ["no-such-code"],
        "404 404 404 404 404 404 404 404 404 404 404",
    ),
]
