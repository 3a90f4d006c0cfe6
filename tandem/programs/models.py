import pycountry
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from tandem.core.submissions import token_field
from tandem.people.models import validate_languages


def validate_country_code(value):
    if pycountry.countries.get(alpha_2=(value or "").upper()) is None:
        raise ValidationError(f"'{value}' is not an ISO 3166 two-letter country code.")


class Association(models.Model):
    """A national membership organisation that can join editions."""

    name = models.CharField(max_length=200, unique=True)
    country = models.CharField(
        "country code", max_length=2, unique=True, validators=[validate_country_code]
    )
    languages = models.JSONField(default=list, validators=[validate_languages])
    membership_rule = models.TextField(
        "who is a formal member", help_text="How this association defines membership."
    )
    legacy_encoding = models.CharField(
        max_length=20,
        blank=True,
        help_text="Code page of the association's spreadsheet exports, e.g. cp1250.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def country_name(self):
        country = pycountry.countries.get(alpha_2=self.country)
        return getattr(country, "common_name", None) or country.name

    def clean(self):
        self.country = (self.country or "").upper()


class Edition(models.Model):
    """One program year, e.g. 2023/24."""

    name = models.CharField(max_length=20, unique=True)
    slug = models.SlugField(max_length=20, unique=True)
    starts_on = models.DateField()
    ends_on = models.DateField()
    associations = models.ManyToManyField(
        Association, through="EditionAssociation", related_name="editions"
    )

    class Meta:
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gt=models.F("starts_on")),
                name="edition_ends_after_it_starts",
            )
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on <= self.starts_on:
            raise ValidationError({"ends_on": "The edition must end after it starts."})


class EditionAssociation(models.Model):
    """An association taking part in an edition."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE)
    association = models.ForeignKey(Association, on_delete=models.PROTECT)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["association__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "association"], name="association_joins_once"
            )
        ]

    def __str__(self):
        return f"{self.association} in {self.edition}"


class Milestone(models.Model):
    """A dated step of an edition's year; the product opens and closes things by it."""

    class Kind(models.TextChoices):
        SETUP = "setup", "setup"
        PROMOTION = "promotion", "promotion"
        APPLICATIONS = "applications", "applications open"
        TRAINING = "training", "training"
        MATCHING = "matching", "matching"
        MENTORING = "mentoring", "mentoring"
        CHECKPOINT = "checkpoint", "checkpoint"
        SURVEY = "survey", "survey"
        CLOSURE = "closure", "closure"
        OTHER = "other", "other"

    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="milestones"
    )
    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    starts_on = models.DateField()
    ends_on = models.DateField(
        null=True, blank=True, help_text="Leave empty for a single day."
    )
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["starts_on", "name"]

    def __str__(self):
        return f"{self.name} ({self.starts_on})"

    @property
    def last_day(self):
        return self.ends_on or self.starts_on

    def clean(self):
        errors = {}
        if self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = "The milestone cannot end before it starts."
        edition = self.edition if self.edition_id else None
        if edition and self.starts_on and self.starts_on < edition.starts_on:
            errors["starts_on"] = (
                f"{self.starts_on} is before the edition starts ({edition.starts_on})."
            )
        if edition and self.last_day and self.last_day > edition.ends_on:
            field = "ends_on" if self.ends_on else "starts_on"
            errors[field] = (
                f"{self.last_day} is after the edition ends ({edition.ends_on})."
            )
        if errors:
            raise ValidationError(errors)


class RoleGrant(models.Model):
    """A coordinating role a person holds in one edition."""

    class Role(models.TextChoices):
        INTERNATIONAL = "international", "international coordinator"
        NATIONAL = "national", "national coordinator"
        TRAINING_PARTNER = "training_partner", "training partner"

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_grants"
    )
    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="role_grants"
    )
    role = models.CharField(max_length=20, choices=Role.choices)
    association = models.ForeignKey(
        Association, on_delete=models.PROTECT, null=True, blank=True
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["edition", "role", "association__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "association"],
                condition=Q(role="national"),
                name="one_national_coordinator_per_association",
                violation_error_message=(
                    "This association already has a national coordinator "
                    "in this edition."
                ),
            ),
            models.CheckConstraint(
                condition=Q(role="national", association__isnull=False)
                | (~Q(role="national") & Q(association__isnull=True)),
                name="association_only_for_national_coordinators",
            ),
        ]

    def __str__(self):
        where = f" of {self.association}" if self.association_id else ""
        return f"{self.person} – {self.get_role_display()}{where}, {self.edition}"

    def clean(self):
        if self.role == self.Role.NATIONAL and not self.association_id:
            raise ValidationError(
                {"association": "A national coordinator belongs to an association."}
            )
        if self.role != self.Role.NATIONAL and self.association_id:
            raise ValidationError(
                {"association": "Only national coordinators have an association."}
            )


class JoinRequest(models.Model):
    """An association's board asking to join an edition, filled in on a public form."""

    class State(models.TextChoices):
        PENDING = "pending", "waiting for a decision"
        APPROVED = "approved", "approved"
        DECLINED = "declined", "declined"

    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="join_requests"
    )
    association_name = models.CharField(max_length=200)
    country = models.CharField(
        "country code", max_length=2, validators=[validate_country_code]
    )
    languages = models.JSONField(default=list, validators=[validate_languages])
    membership_rule = models.TextField("how your association defines formal members")
    board_member_name = models.CharField(max_length=200)
    board_member_email = models.EmailField()
    coordinator_name = models.CharField("proposed national coordinator", max_length=200)
    coordinator_email = models.EmailField("national coordinator's e-mail")
    state = models.CharField(
        max_length=10, choices=State.choices, default=State.PENDING
    )
    association = models.ForeignKey(
        Association, on_delete=models.SET_NULL, null=True, blank=True
    )
    submitted_at = models.DateTimeField(auto_now_add=True)
    submission = token_field()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-submitted_at"]

    def __str__(self):
        return f"{self.association_name} → {self.edition}"
