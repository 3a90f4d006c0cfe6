"""Pairs, their contracts, meetings, activity, reminders, checkpoint and cases.

Models are data only; every change of state goes through ``tandem.mentoring.domain``,
which owns the transaction, the history row, the audit row and the e-mails.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from tandem.core import clock
from tandem.core.submissions import token_field

MAX_MEETING_MINUTES = 8 * 60


class Activity(models.TextChoices):
    ACTIVE = "active", "active"
    AT_RISK = "at_risk", "at risk"
    INACTIVE = "inactive", "inactive"


class ActivityRule(models.Model):
    """When an edition calls a pair active; the international coordinator edits it."""

    edition = models.OneToOneField(
        "programs.Edition", on_delete=models.CASCADE, related_name="activity_rule"
    )
    window_days = models.PositiveSmallIntegerField(
        default=30,
        validators=[MinValueValidator(7), MaxValueValidator(120)],
        help_text="A pair needs a confirmed meeting within this many days.",
    )
    monthly = models.BooleanField(
        default=True,
        help_text="Also require a meeting in every full month since the pair started.",
    )

    def __str__(self):
        return f"activity rule of {self.edition}"


class ContractTemplate(models.Model):
    """The mentoring contract both people of a pair accept."""

    edition = models.OneToOneField(
        "programs.Edition", on_delete=models.CASCADE, related_name="contract"
    )
    title = models.CharField(max_length=200, default="Mentoring contract")
    body = models.TextField()
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"contract of {self.edition}"


class Pair(models.Model):
    """A published match of one mentor and one mentee."""

    class Type(models.TextChoices):
        LOCAL = "local", "local"
        INTERNATIONAL = "international", "international"

    class State(models.TextChoices):
        WAITING = "waiting", "waiting for contract"
        ACTIVE = "active", "active"
        PAUSED = "paused", "paused"
        ENDED_EARLY = "ended_early", "ended early"
        COMPLETED = "completed", "completed"

    CURRENT = (State.WAITING, State.ACTIVE, State.PAUSED)

    edition = models.ForeignKey(
        "programs.Edition", on_delete=models.CASCADE, related_name="pairs"
    )
    mentor = models.ForeignKey(
        "applications.Application", on_delete=models.PROTECT, related_name="+"
    )
    mentee = models.ForeignKey(
        "applications.Application", on_delete=models.PROTECT, related_name="+"
    )
    pair_type = models.CharField("type", max_length=15, choices=Type.choices)
    language = models.CharField(max_length=60)
    state = models.CharField(
        max_length=12, choices=State.choices, default=State.WAITING
    )
    ended_reason = models.TextField(blank=True)
    mentor_accepted_at = models.DateTimeField(null=True, blank=True)
    mentee_accepted_at = models.DateTimeField(null=True, blank=True)
    began_on = models.DateField(help_text="The day the pair was published.")
    activated_on = models.DateField(null=True, blank=True)
    activity = models.CharField(max_length=10, choices=Activity.choices, blank=True)
    activity_checked_on = models.DateField(null=True, blank=True)
    created_from = models.CharField(
        max_length=100, blank=True, help_text="Where the pair came from, e.g. a run."
    )
    replaced_by = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["edition", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["mentor", "mentee"], name="a_pair_is_published_once"
            ),
            models.UniqueConstraint(
                fields=["mentee"],
                condition=Q(state__in=["waiting", "active", "paused"]),
                name="one_current_pair_per_mentee",
            ),
            models.CheckConstraint(
                condition=~Q(mentor=models.F("mentee")),
                name="mentor_and_mentee_differ",
            ),
        ]
        indexes = [models.Index(fields=["edition", "state"])]

    def __str__(self):
        return f"pair {self.pk} ({self.state})"

    @property
    def is_current(self):
        return self.state in self.CURRENT

    def person_ids(self):
        return {self.mentor.person_id, self.mentee.person_id}

    def partner_of(self, person):
        if person.pk == self.mentor.person_id:
            return self.mentee.person
        return self.mentor.person

    def accepted_by(self, person):
        if person.pk == self.mentor.person_id:
            return self.mentor_accepted_at
        return self.mentee_accepted_at


class PairEvent(models.Model):
    """One step in a pair's history; ended and re-matched pairs keep theirs."""

    class Kind(models.TextChoices):
        CREATED = "created", "published"
        ACCEPTED = "accepted", "contract accepted"
        ACTIVATED = "activated", "became active"
        PAUSED = "paused", "paused"
        RESUMED = "resumed", "resumed"
        ENDED_EARLY = "ended_early", "ended early"
        COMPLETED = "completed", "completed"
        REMATCHED = "rematched", "re-matched"
        CHECKPOINT = "checkpoint", "checkpoint reviewed"

    pair = models.ForeignKey(Pair, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    detail = models.TextField(blank=True)
    # Tandem's clock, not the wall's: a demo pinned to November 2023 shows its
    # pairs' history in November 2023 too.
    at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.kind} of pair {self.pair_id}"


class Meeting(models.Model):
    """A meeting one person of a pair logged and the other confirms or disputes.

    ``held_on`` is the date as the person entered it in their own zone, kept apart
    from any instant, so a meeting near midnight stays on the day they meant.
    """

    class Mode(models.TextChoices):
        ONLINE = "online", "online"
        IN_PERSON = "in_person", "in person"

    class State(models.TextChoices):
        LOGGED = "logged", "waiting for confirmation"
        CONFIRMED = "confirmed", "confirmed"
        DISPUTED = "disputed", "disputed"

    pair = models.ForeignKey(Pair, on_delete=models.CASCADE, related_name="meetings")
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    held_on = models.DateField()
    time_zone = models.CharField(max_length=64)
    starts_at = models.DateTimeField(null=True, blank=True)
    duration_minutes = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(MAX_MEETING_MINUTES)]
    )
    mode = models.CharField(max_length=10, choices=Mode.choices)
    topics = models.CharField(max_length=300, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.LOGGED)
    responded_at = models.DateTimeField(null=True, blank=True)
    logged_at = models.DateTimeField()
    submission = token_field()

    class Meta:
        ordering = ["-held_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=1, duration_minutes__lte=480),
                name="meeting_lasts_one_minute_to_eight_hours",
            )
        ]
        indexes = [models.Index(fields=["pair", "held_on"])]

    def __str__(self):
        return f"meeting {self.pk} of pair {self.pair_id}"

    @property
    def edition(self):
        return self.pair.edition


class PrivateNote(models.Model):
    """A note on a meeting that only its author ever reads.

    Kept apart from Meeting so that no query for a meeting list loads it.
    """

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="private_notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    text = models.TextField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "author"], name="one_private_note_per_author"
            )
        ]

    def __str__(self):
        return f"private note on meeting {self.meeting_id}"


class Reminder(models.Model):
    """A missed window of the activity rule, so no window is reminded twice."""

    pair = models.ForeignKey(Pair, on_delete=models.CASCADE, related_name="reminders")
    window_starts_on = models.DateField()
    window_ends_on = models.DateField()
    sent_at = models.DateTimeField()

    class Meta:
        ordering = ["pair", "window_starts_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["pair", "window_starts_on"], name="one_reminder_per_window"
            )
        ]

    def __str__(self):
        return f"reminder for pair {self.pair_id} from {self.window_starts_on}"


class CheckpointReview(models.Model):
    """The national coordinator's confirmation or correction of a pair's state."""

    pair = models.OneToOneField(
        Pair, on_delete=models.CASCADE, related_name="checkpoint_review"
    )
    computed = models.CharField(max_length=10, choices=Activity.choices)
    confirmed = models.CharField(max_length=10, choices=Activity.choices)
    comment = models.TextField(blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reviewed_at = models.DateTimeField()

    def __str__(self):
        return f"checkpoint of pair {self.pair_id}"

    @property
    def corrected(self):
        return self.computed != self.confirmed


class Case(models.Model):
    """Something a national coordinator must handle, with its own timeline."""

    class Kind(models.TextChoices):
        INACTIVE = "inactive", "inactive pair"
        CONFLICT = "conflict", "conflict"
        DROPOUT = "dropout", "dropout"
        CONCERN = "concern", "concern raised by a participant"
        OTHER = "other", "other"

    class State(models.TextChoices):
        OPEN = "open", "open"
        IN_PROGRESS = "in_progress", "in progress"
        RESOLVED = "resolved", "resolved"

    class Source(models.TextChoices):
        COORDINATOR = "coordinator", "a coordinator"
        RULE = "rule", "the activity rule"
        PARTICIPANT = "participant", "a participant"

    edition = models.ForeignKey(
        "programs.Edition", on_delete=models.CASCADE, related_name="cases"
    )
    association = models.ForeignKey(
        "programs.Association", on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    source = models.CharField(max_length=12, choices=Source.choices)
    pair = models.ForeignKey(
        Pair, on_delete=models.SET_NULL, null=True, blank=True, related_name="cases"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    state = models.CharField(max_length=12, choices=State.choices, default=State.OPEN)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    summary = models.TextField()
    opened_at = models.DateTimeField()
    resolved_at = models.DateTimeField(null=True, blank=True)
    submission = token_field()

    class Meta:
        ordering = ["state", "-opened_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(pair__isnull=False) | Q(person__isnull=False),
                name="case_is_about_a_pair_or_a_person",
            )
        ]
        indexes = [models.Index(fields=["edition", "association", "state"])]

    def __str__(self):
        return f"case {self.pk} ({self.kind}, {self.state})"


class CaseNote(models.Model):
    """One entry of a case's internal timeline."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField()
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "id"]

    def __str__(self):
        return f"note on case {self.case_id}"
