"""Events of an edition, who attended them, and each person's calendar feed.

Models are data only; every change goes through ``tandem.events.domain``, which
owns the transaction and the audit row.
"""

import datetime as dt
import secrets
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from tandem.people.models import validate_time_zone


class Event(models.Model):
    """A training, meta-mentoring session or ceremony.

    ``starts_at`` and ``ends_at`` are stored in UTC; ``time_zone`` is the zone the
    organiser planned it in, so calendars keep it at the same local hour.
    """

    class Kind(models.TextChoices):
        MANDATORY_TRAINING = "mandatory_training", "mandatory training"
        MID_TERM_TRAINING = "mid_term_training", "mid-term training"
        FINAL_TRAINING = "final_training", "final training"
        META_MENTORING = "meta_mentoring", "meta-mentoring"
        CLOSURE = "closure", "closure ceremony"
        OTHER = "other", "other"

    class Audience(models.TextChoices):
        MENTORS = "mentors", "mentors"
        MENTEES = "mentees", "mentees"
        BOTH = "both", "mentors and mentees"
        COORDINATORS = "coordinators", "coordinators"

    edition = models.ForeignKey(
        "programs.Edition", on_delete=models.CASCADE, related_name="events"
    )
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    audience = models.CharField(max_length=12, choices=Audience.choices)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    time_zone = models.CharField(
        max_length=64, default="Europe/Warsaw", validators=[validate_time_zone]
    )
    online_url = models.URLField("online link", max_length=500, blank=True)
    place = models.CharField(max_length=300, blank=True)
    mandatory = models.BooleanField(default=False)
    capacity = models.PositiveIntegerField(
        null=True, blank=True, help_text="Leave empty for no limit."
    )
    description = models.TextField(blank=True)
    # Calendars replace an event they already hold only when SEQUENCE grows.
    sequence = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="event_ends_after_it_starts",
            )
        ]
        indexes = [models.Index(fields=["edition", "starts_at"])]

    def __str__(self):
        return f"{self.title} ({self.starts_at:%Y-%m-%d})"

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": "The event must end after it starts."})
        if not self.online_url and not self.place:
            raise ValidationError({"place": "Give an online link or a place, or both."})
        self._clean_within_edition()

    def _clean_within_edition(self):
        """An event belongs to its edition's year, read as dates of its own zone."""
        if not (self.edition_id and self.starts_at and self.ends_at):
            return
        edition, zone = self.edition, zoneinfo.ZoneInfo(self.time_zone)
        errors = {}
        for field in ("starts_at", "ends_at"):
            day = getattr(self, field).astimezone(zone).date()
            if day < edition.starts_on:
                errors[field] = (
                    f"{day:%-d %b %Y} is before the edition starts "
                    f"({edition.starts_on:%-d %b %Y})."
                )
            elif day > edition.ends_on:
                errors[field] = (
                    f"{day:%-d %b %Y} is after the edition ends "
                    f"({edition.ends_on:%-d %b %Y})."
                )
        if errors:
            raise ValidationError(errors)

    @property
    def zone(self):
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def duration_minutes(self):
        return int((self.ends_at - self.starts_at) / dt.timedelta(minutes=1))

    @property
    def roles(self):
        """The application roles the event is for; none for coordinators' events."""
        return AUDIENCE_ROLES[self.audience]


AUDIENCE_ROLES = {
    Event.Audience.MENTORS: ("mentor",),
    Event.Audience.MENTEES: ("mentee",),
    Event.Audience.BOTH: ("mentor", "mentee"),
    Event.Audience.COORDINATORS: (),
}


class Attendance(models.Model):
    """One person's presence at one event, ticked on a roster or imported."""

    class Source(models.TextChoices):
        ROSTER = "roster", "roster"
        IMPORT = "import", "imported file"

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="attendances"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attendances"
    )
    minutes = models.PositiveIntegerField()
    source = models.CharField(max_length=10, choices=Source.choices)
    source_file = models.CharField(max_length=255, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["event", "person__full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "person"], name="one_attendance_per_person_and_event"
            )
        ]

    def __str__(self):
        return f"attendance {self.person_id} at {self.event_id}"


class AttendanceImport(models.Model):
    """An uploaded attendance export between its report and its confirmation."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="attendance_imports"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    filename = models.CharField(max_length=255)
    data = models.BinaryField()
    uploaded_at = models.DateTimeField(auto_now_add=True)
    committed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-uploaded_at"]

    def __str__(self):
        return f"attendance import {self.pk} of event {self.event_id}"


def new_feed_token():
    return secrets.token_urlsafe(24)


class CalendarFeed(models.Model):
    """The secret part of a person's calendar feed address."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"calendar feed of {self.person_id}"
