"""Applications of one edition: forms, answers, consents, reviews, imports.

Models are data only; every change of state goes through ``tandem.applications
.domain``, which owns the transaction, the audit row and the e-mails.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from tandem.core import clock

SCORE = [MinValueValidator(1), MaxValueValidator(5)]


class Role(models.TextChoices):
    MENTOR = "mentor", "mentor"
    MENTEE = "mentee", "mentee"


class ApplicationForm(models.Model):
    """The form of one edition for one role; core fields are fixed, questions vary."""

    edition = models.ForeignKey(
        "programs.Edition", on_delete=models.CASCADE, related_name="application_forms"
    )
    role = models.CharField(max_length=10, choices=Role.choices)
    introduction = models.TextField(blank=True)
    privacy_notice = models.TextField(
        default="We keep your answers for this edition of the program only."
    )
    privacy_version = models.CharField(max_length=40, default="1")

    class Meta:
        ordering = ["edition", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "role"], name="one_form_per_role_and_edition"
            )
        ]

    def __str__(self):
        return f"{self.get_role_display()} form, {self.edition}"


class Question(models.Model):
    """An extra question the international coordinator adds to a form."""

    class Kind(models.TextChoices):
        SHORT_TEXT = "short_text", "short text"
        LONG_TEXT = "long_text", "long text"
        SINGLE_CHOICE = "single_choice", "single choice"
        MULTIPLE_CHOICE = "multiple_choice", "multiple choice"
        SCALE = "scale", "scale 1–5"
        YES_NO = "yes_no", "yes / no"
        CONSENT = "consent", "consent"

    CHOICE_KINDS = (Kind.SINGLE_CHOICE, Kind.MULTIPLE_CHOICE)

    form = models.ForeignKey(
        ApplicationForm, on_delete=models.CASCADE, related_name="questions"
    )
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    text = models.CharField(max_length=300)
    options = models.JSONField(
        default=list, blank=True, help_text="Choices, for the choice kinds."
    )
    required = models.BooleanField(default=False)

    class Meta:
        ordering = ["form", "position", "id"]

    def __str__(self):
        return self.text

    @property
    def key(self):
        return f"q{self.pk}"


class Application(models.Model):
    """One person's answers for one edition in one role."""

    class State(models.TextChoices):
        DRAFT = "draft", "draft"
        SUBMITTED = "submitted", "submitted"
        WITHDRAWN = "withdrawn", "withdrawn"

    class Decision(models.TextChoices):
        ACCEPTED = "accepted", "accepted"
        WAITLISTED = "waitlisted", "waitlisted"
        REJECTED = "rejected", "rejected"

    class Preference(models.TextChoices):
        LOCAL = "local", "local pair, native language"
        INTERNATIONAL = "international", "international pair, English"
        EITHER = "either", "either"

    class Source(models.TextChoices):
        FORM = "form", "Tandem form"
        IMPORT = "import", "imported file"

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="applications"
    )
    edition = models.ForeignKey(
        "programs.Edition", on_delete=models.CASCADE, related_name="applications"
    )
    association = models.ForeignKey(
        "programs.Association", on_delete=models.PROTECT, related_name="applications"
    )
    role = models.CharField(max_length=10, choices=Role.choices)
    state = models.CharField(max_length=10, choices=State.choices, default=State.DRAFT)
    decision = models.CharField(max_length=10, choices=Decision.choices, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    member_number = models.CharField(max_length=64, blank=True)
    preference = models.CharField(max_length=15, choices=Preference.choices, blank=True)
    native_language = models.CharField(max_length=60, blank=True)
    other_languages = models.JSONField(default=list, blank=True)
    country = models.CharField(max_length=100, blank=True)
    city = models.CharField(max_length=100, blank=True)
    time_zone = models.CharField(max_length=64, blank=True)
    industry = models.CharField(max_length=120, blank=True)
    function = models.CharField(max_length=120, blank=True)
    years_experience = models.DecimalField(
        max_digits=4, decimal_places=1, null=True, blank=True
    )
    employer = models.CharField(max_length=200, blank=True)
    expertise = models.TextField(blank=True)
    goals = models.TextField(blank=True)
    tags = models.JSONField(default=list, blank=True)
    linkedin_url = models.URLField(max_length=300, blank=True)
    linkedin_raw = models.CharField(max_length=300, blank=True)
    availability = models.JSONField(default=list, blank=True)
    capacity = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(3)]
    )
    motivation = models.TextField(blank=True)
    extra_answers = models.JSONField(default=dict, blank=True)
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_from",
        help_text="Set when a coordinator merged this duplicate into another.",
    )

    source = models.CharField(max_length=10, choices=Source.choices)
    source_file = models.CharField(max_length=255, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["edition", "association", "role", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "edition", "role"],
                name="one_application_per_person_role_edition",
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True)
                | Q(capacity__gte=1, capacity__lte=3),
                name="capacity_one_to_three",
            ),
        ]
        indexes = [models.Index(fields=["edition", "association", "state"])]

    def __str__(self):
        return f"{self.person} – {self.role}, {self.edition}"

    @property
    def is_decided(self):
        return bool(self.decision)


class DuplicateResolution(models.Model):
    """A coordinator's answer to "are these two applications the same person?"."""

    class Outcome(models.TextChoices):
        MERGED = "merged", "merged"
        KEPT_APART = "kept_apart", "kept apart"

    edition = models.ForeignKey(
        "programs.Edition", on_delete=models.CASCADE, related_name="+"
    )
    first = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="+")
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    reason = models.CharField(max_length=200)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField()

    class Meta:
        ordering = ["-decided_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["first", "second"], name="one_resolution_per_pair"
            )
        ]

    def __str__(self):
        return f"{self.first_id} and {self.second_id}: {self.outcome}"


class PrivacyConsent(models.Model):
    """The privacy notice version an applicant agreed to, and when."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="consents"
    )
    version = models.CharField(max_length=80)
    given_at = models.DateTimeField()

    class Meta:
        ordering = ["-given_at"]

    def __str__(self):
        return f"consent {self.version} at {self.given_at:%Y-%m-%d}"


class Review(models.Model):
    """One coordinator's scores for an application; several reviewers may score it."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="reviews"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    maturity = models.PositiveSmallIntegerField(validators=SCORE)
    motivation = models.PositiveSmallIntegerField(validators=SCORE)
    comment = models.TextField(blank=True)
    # Tandem's clock rather than auto_now, like decisions: the stamp is what a
    # second window's refused save names, and a pinned demo shows its own day.
    updated_at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["application", "updated_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer"], name="one_review_per_reviewer"
            ),
            models.CheckConstraint(
                condition=Q(maturity__gte=1, maturity__lte=5)
                & Q(motivation__gte=1, motivation__lte=5),
                name="review_scores_one_to_five",
            ),
        ]

    def __str__(self):
        return f"review of {self.application_id} by {self.reviewer_id}"


class DecisionTemplate(models.Model):
    """The e-mail an applicant gets for a decision, per edition."""

    edition = models.ForeignKey(
        "programs.Edition", on_delete=models.CASCADE, related_name="decision_templates"
    )
    decision = models.CharField(max_length=10, choices=Application.Decision.choices)
    subject = models.CharField(max_length=200)
    body = models.TextField()

    class Meta:
        ordering = ["edition", "decision"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "decision"], name="one_template_per_decision"
            )
        ]

    def __str__(self):
        return f"{self.decision} e-mail, {self.edition}"


class ImportPreset(models.Model):
    """A saved column mapping, so next year's export of the same form maps at once."""

    association = models.ForeignKey(
        "programs.Association",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="import_presets",
        help_text="Empty for the international coordinator's own presets.",
    )
    name = models.CharField(max_length=100)
    mapping = models.TextField(help_text="The mapping as tandem.tabular writes it.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["association", "name"], name="preset_name_per_association"
            )
        ]

    def __str__(self):
        return self.name


class ImportJob(models.Model):
    """One uploaded export on its way from upload to committed applications."""

    class State(models.TextChoices):
        UPLOADED = "uploaded", "uploaded"
        QUEUED = "queued", "waiting to run"
        RUNNING = "running", "running"
        DONE = "done", "imported"
        FAILED = "failed", "refused"

    edition = models.ForeignKey(
        "programs.Edition", on_delete=models.CASCADE, related_name="import_jobs"
    )
    association = models.ForeignKey(
        "programs.Association",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text="The national coordinator's association; empty for all.",
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    filename = models.CharField(max_length=255)
    data = models.BinaryField()
    legacy_encoding = models.CharField(max_length=20, blank=True)
    sheet = models.CharField(max_length=100, blank=True)
    mapping = models.TextField(blank=True)
    decisions = models.JSONField(default=dict, blank=True)
    state = models.CharField(
        max_length=10, choices=State.choices, default=State.UPLOADED
    )
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    report = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"import {self.pk} ({self.state})"

    @property
    def percent(self):
        return round(100 * self.done / self.total) if self.total else 0


class PromotionFile(models.Model):
    """A promotion template the international coordinator shares with associations."""

    edition = models.ForeignKey(
        "programs.Edition", on_delete=models.CASCADE, related_name="promotion_files"
    )
    title = models.CharField(max_length=200)
    file = models.FileField(upload_to="promotion/%Y/")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title
