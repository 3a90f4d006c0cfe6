import zoneinfo

from django.conf import settings
from django.contrib.auth.models import (
    AbstractBaseUser,
    BaseUserManager,
    PermissionsMixin,
)
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from tandem.core.languages import is_known_language


def normalise_email(address):
    return (address or "").strip().lower()


def validate_time_zone(value):
    if value not in zoneinfo.available_timezones():
        raise ValidationError(f"'{value}' is not a known time zone.")


def validate_languages(value):
    unknown = [name for name in value if not is_known_language(name)]
    if unknown:
        raise ValidationError(f"Unknown language: {', '.join(unknown)}.")


class PersonManager(BaseUserManager):
    def create_user(self, email, password=None, **fields):
        person = self.model(email=normalise_email(email), **fields)
        person.set_password(password)
        person.full_clean(exclude=["password"])
        person.save(using=self._db)
        return person

    def create_superuser(self, email, password=None, **fields):
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **fields)

    def get_by_natural_key(self, email):
        return self.get(email__iexact=normalise_email(email))


class Person(AbstractBaseUser, PermissionsMixin):
    """Anyone who signs in: participants, coordinators, partners, admins.

    The name is stored exactly as the person writes it, diacritics and all.
    """

    email = models.EmailField("e-mail", max_length=254, unique=True)
    full_name = models.CharField("name", max_length=200)
    time_zone = models.CharField(
        max_length=64, default="Europe/Warsaw", validators=[validate_time_zone]
    )
    languages = models.JSONField(
        default=list, blank=True, validators=[validate_languages]
    )
    employer = models.CharField(max_length=200, blank=True)
    industry = models.CharField(max_length=120, blank=True)
    function = models.CharField(max_length=120, blank=True)
    is_staff = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)
    # Set once and never cleared: from this moment the outbox drops every e-mail
    # to the person and surveys stop counting them (tandem.privacy.domain.consent).
    consent_withdrawn_at = models.DateTimeField(null=True, blank=True)
    # Set by tandem.privacy.domain.erasure, which replaced every personal field.
    erased_at = models.DateTimeField(null=True, blank=True)

    objects = PersonManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="person_email_unique_ignoring_case",
                violation_error_message="This e-mail address is already used.",
            )
        ]

    def __str__(self):
        return self.full_name or self.email

    def clean(self):
        super().clean()
        self.email = normalise_email(self.email)

    def save(self, *args, **kwargs):
        self.email = normalise_email(self.email)
        super().save(*args, **kwargs)

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        if self.erased_at:
            # "erased" alone reads like a first name in a greeting.
            return self.full_name
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @property
    def has_withdrawn_consent(self):
        return self.consent_withdrawn_at is not None


class Membership(models.Model):
    """A person's formal membership of an association, as its coordinator checked it."""

    class State(models.TextChoices):
        UNVERIFIED = "unverified", "unverified"
        VERIFIED = "verified", "verified"
        REJECTED = "rejected", "rejected"

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    association = models.ForeignKey(
        "programs.Association", on_delete=models.PROTECT, related_name="memberships"
    )
    member_number = models.CharField(max_length=64, blank=True)
    state = models.CharField(
        max_length=12, choices=State.choices, default=State.UNVERIFIED
    )
    joined_on = models.DateField(null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    verified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["association", "person__full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "association"], name="membership_once_per_association"
            )
        ]

    def __str__(self):
        return f"{self.person} in {self.association} ({self.state})"
