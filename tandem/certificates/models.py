"""Certificates of an edition: who may get one, the template, the issued PDFs.

Models are data only; every change of state goes through ``tandem.certificates
.domain``, which owns the transaction and the audit row. PDFs and images are kept
in the database, so every application server and worker sees the same files.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q

from tandem.applications.models import Role


def new_code():
    # 16 random bytes: unguessable, and short enough to type from a printed page.
    return secrets.token_urlsafe(16)


class EligibilityRule(models.Model):
    """What a participant of one role must have done to get a certificate."""

    edition = models.ForeignKey(
        "programs.Edition", on_delete=models.CASCADE, related_name="eligibility_rules"
    )
    role = models.CharField(max_length=10, choices=Role.choices)
    needs_pair = models.BooleanField(
        "pair completed or active at the end", default=True
    )
    needs_trainings = models.BooleanField(
        "every mandatory training attended", default=True
    )
    needs_final_survey = models.BooleanField("final survey answered", default=True)

    class Meta:
        ordering = ["edition", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "role"], name="one_eligibility_rule_per_role"
            )
        ]

    def __str__(self):
        return f"eligibility of {self.role}s, {self.edition}"


DEFAULT_BODY = """<section class="certificate">
  <div class="logos">{{ logos }}</div>
  <h1>Certificate of participation</h1>
  <p class="lead">This certifies that</p>
  <p class="name">{{ name }}</p>
  <p>took part as a <strong>{{ role }}</strong> in the mentoring program,
  edition {{ edition }}, organised by {{ associations }}.</p>
  <p class="date">{{ date }}</p>
  <div class="signatures">{{ signatures }}</div>
  <p class="code">Certificate {{ code }} · verify at {{ verify_url }}</p>
</section>
"""


class CertificateTemplate(models.Model):
    """The HTML the international coordinator edits; ``{{ name }}`` style fields."""

    edition = models.OneToOneField(
        "programs.Edition",
        on_delete=models.CASCADE,
        related_name="certificate_template",
    )
    body = models.TextField(default=DEFAULT_BODY)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"certificate template of {self.edition}"


class CertificateImage(models.Model):
    """A logo of an association or a signature, placed on every certificate."""

    class Kind(models.TextChoices):
        LOGO = "logo", "association logo"
        SIGNATURE = "signature", "signature"

    edition = models.ForeignKey(
        "programs.Edition", on_delete=models.CASCADE, related_name="certificate_images"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    association = models.ForeignKey(
        "programs.Association", on_delete=models.CASCADE, null=True, blank=True
    )
    label = models.CharField(
        max_length=200, help_text="The signatory's name and function, or the logo's."
    )
    content_type = models.CharField(max_length=40)
    data = models.BinaryField()

    class Meta:
        ordering = ["edition", "kind", "id"]

    def __str__(self):
        return f"{self.kind} {self.label}"


class Certificate(models.Model):
    """One person's certificate for one role in one edition."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="certificates"
    )
    edition = models.ForeignKey(
        "programs.Edition", on_delete=models.PROTECT, related_name="certificates"
    )
    role = models.CharField(max_length=10, choices=Role.choices)
    # The name as printed, kept so the verification page matches the PDF even if
    # the person later edits their profile.
    name = models.CharField(max_length=200)
    code = models.CharField(max_length=32, unique=True, default=new_code)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    issued_at = models.DateTimeField()
    override_reason = models.TextField(
        blank=True, help_text="Why it was issued to someone not eligible."
    )
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_reason = models.TextField(blank=True)
    pdf = models.BinaryField()

    class Meta:
        ordering = ["edition", "name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "edition", "role"],
                condition=Q(revoked_at__isnull=True),
                name="one_valid_certificate_per_person_role_edition",
            )
        ]

    def __str__(self):
        return f"certificate {self.pk} ({self.role}, {self.edition_id})"

    @property
    def is_valid(self):
        return self.revoked_at is None


class IssueJob(models.Model):
    """Certificates issued in bulk in the background, with progress for the page."""

    class State(models.TextChoices):
        QUEUED = "queued", "queued"
        RUNNING = "running", "issuing"
        DONE = "done", "done"
        FAILED = "failed", "failed"

    edition = models.ForeignKey(
        "programs.Edition", on_delete=models.CASCADE, related_name="issue_jobs"
    )
    role = models.CharField(max_length=10, choices=Role.choices)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    person_ids = models.JSONField(default=list)
    site_url = models.CharField(
        max_length=200, help_text="Where the verification page is, for the PDFs."
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    issued = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"issue job {self.pk} ({self.state})"

    @property
    def percent(self):
        return 100 if not self.total else round(100 * self.done / self.total)

    @property
    def running(self):
        return self.state in (self.State.QUEUED, self.State.RUNNING)
