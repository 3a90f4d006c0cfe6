"""Surveys, their questions and responses, invitations, and the pair pulse.

Models are data only; every change of state goes through ``tandem.surveys.domain``.

Anonymity: a ResponseMarker says that a person answered a survey, which is what
blocks a second answer and what reminders and certificates read. For an anonymous
survey the Response carries no person and no pair, a random key instead of a
sequence number, and a date rather than a time, so nothing stored leads from the
answers back to the marker.
"""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from tandem.core.submissions import token_field


class Survey(models.Model):
    class Kind(models.TextChoices):
        MID_TERM = "mid_term", "mid-term"
        FINAL = "final", "final"
        PULSE = "pulse", "pulse"
        OTHER = "other", "other"

    class Audience(models.TextChoices):
        MENTORS = "mentors", "mentors"
        MENTEES = "mentees", "mentees"
        BOTH = "both", "mentors and mentees"

    edition = models.ForeignKey(
        "programs.Edition", on_delete=models.CASCADE, related_name="surveys"
    )
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    audience = models.CharField(max_length=10, choices=Audience.choices)
    anonymous = models.BooleanField(
        default=True, help_text="Store no link from the answers to the person."
    )
    introduction = models.TextField(blank=True)
    milestone = models.ForeignKey(
        "programs.Milestone",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": "survey"},
        help_text="The timeline step whose dates open and close the survey.",
    )
    opens_on = models.DateField(
        null=True, blank=True, help_text="Overrides the milestone's first day."
    )
    closes_on = models.DateField(
        null=True, blank=True, help_text="Overrides the milestone's last day."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    submission = token_field()

    class Meta:
        ordering = ["edition", "opens_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "title"], name="survey_title_unique_in_edition"
            )
        ]

    def __str__(self):
        return f"{self.title} ({self.edition})"

    @property
    def first_day(self):
        if self.opens_on:
            return self.opens_on
        return self.milestone.starts_on if self.milestone_id else None

    @property
    def last_day(self):
        if self.closes_on:
            return self.closes_on
        return self.milestone.last_day if self.milestone_id else None

    def is_open(self, today):
        first, last = self.first_day, self.last_day
        return bool(first and last and first <= today <= last)

    def roles(self):
        return {
            self.Audience.MENTORS: ["mentor"],
            self.Audience.MENTEES: ["mentee"],
            self.Audience.BOTH: ["mentor", "mentee"],
        }[self.audience]


class Question(models.Model):
    class Kind(models.TextChoices):
        SCALE = "scale", "scale 1–5"
        RECOMMEND = "recommend", "recommendation 0–10"
        SINGLE = "single", "single choice"
        MULTIPLE = "multiple", "multiple choice"
        SHORT = "short", "short text"
        LONG = "long", "long text"

    NUMERIC = (Kind.SCALE, Kind.RECOMMEND)
    TEXT = (Kind.SHORT, Kind.LONG)
    RANGES = {Kind.SCALE: (1, 5), Kind.RECOMMEND: (0, 10)}
    MAX_LENGTH = {Kind.SHORT: 200, Kind.LONG: 5000}

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="questions"
    )
    position = models.PositiveSmallIntegerField(default=0)
    text = models.CharField(max_length=300)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    choices = models.JSONField(
        default=list, blank=True, help_text="The options of a choice question."
    )
    required = models.BooleanField(default=False)
    per_pair = models.BooleanField(
        default=False, help_text="About the person's pair rather than themselves."
    )
    non_anonymous = models.BooleanField(
        default=False,
        help_text=(
            "Coordinators may read these answers per person, also in groups "
            "smaller than five; ignored in an anonymous survey."
        ),
    )
    submission = token_field()

    class Meta:
        ordering = ["survey", "position", "id"]

    def __str__(self):
        return self.text

    @property
    def protected(self):
        """Shown only as aggregates over enough people."""
        return self.survey.anonymous or not self.non_anonymous


class Response(models.Model):
    """One person's answers to one survey; see the module for anonymity."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="responses"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    pair = models.ForeignKey(
        "mentoring.Pair",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    association = models.ForeignKey(
        "programs.Association", on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(max_length=10)
    pair_type = models.CharField(max_length=15, blank=True)
    submitted_on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "person"],
                condition=Q(person__isnull=False),
                name="one_named_response_per_person",
            )
        ]
        indexes = [models.Index(fields=["survey", "association", "role"])]

    def __str__(self):
        return f"response to survey {self.survey_id}"


class Answer(models.Model):
    response = models.ForeignKey(
        Response, on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="answers"
    )
    number = models.SmallIntegerField(null=True, blank=True)
    choices = models.JSONField(default=list, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"], name="one_answer_per_question"
            )
        ]

    def __str__(self):
        return f"answer to question {self.question_id}"


class ResponseMarker(models.Model):
    """That a person answered a survey: blocks a second answer, stops reminders."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    answered_on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "person"], name="a_person_answers_once"
            )
        ]

    def __str__(self):
        return f"person {self.person_id} answered survey {self.survey_id}"


class Invitation(models.Model):
    """An invitation or reminder e-mail, so none is sent twice and never a third."""

    class Kind(models.TextChoices):
        INVITATION = "invitation", "invitation"
        FIRST_REMINDER = "reminder_1", "first reminder"
        SECOND_REMINDER = "reminder_2", "second reminder"

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="invitations"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    sent_on = models.DateField()

    class Meta:
        ordering = ["survey", "person", "sent_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "person", "kind"], name="each_invitation_once"
            )
        ]

    def __str__(self):
        return f"{self.kind} for survey {self.survey_id}"


class PulseRule(models.Model):
    """When pairs of an edition get their pulse check; defaults without a row."""

    edition = models.OneToOneField(
        "programs.Edition", on_delete=models.CASCADE, related_name="pulse_rule"
    )
    first_after_days = models.PositiveSmallIntegerField(
        default=30, validators=[MinValueValidator(7), MaxValueValidator(180)]
    )
    every_days = models.PositiveSmallIntegerField(
        default=60, validators=[MinValueValidator(14), MaxValueValidator(180)]
    )
    low_at_most = models.PositiveSmallIntegerField(
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(4)],
        help_text="An answer this low or lower opens a case.",
    )

    def __str__(self):
        return f"pulse rule of {self.edition}"


class PulseCheck(models.Model):
    """The n-th pulse check of a pair, due on a day counted from its start."""

    pair = models.ForeignKey(
        "mentoring.Pair", on_delete=models.CASCADE, related_name="pulse_checks"
    )
    number = models.PositiveSmallIntegerField()
    due_on = models.DateField()
    case = models.ForeignKey(
        "mentoring.Case",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["pair", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["pair", "number"], name="one_pulse_check_per_number"
            )
        ]

    def __str__(self):
        return f"pulse check {self.number} of pair {self.pair_id}"

    @property
    def edition(self):
        return self.pair.edition


class PulseAnswer(models.Model):
    """One side's answer; only its author and coordinators ever read it."""

    SCALE = [MinValueValidator(1), MaxValueValidator(5)]

    pulse = models.ForeignKey(
        PulseCheck, on_delete=models.CASCADE, related_name="answers"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    going = models.PositiveSmallIntegerField(validators=SCALE)
    useful = models.PositiveSmallIntegerField(validators=SCALE)
    answered_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["pulse", "person"], name="one_pulse_answer_per_side"
            ),
            models.CheckConstraint(
                condition=Q(going__gte=1, going__lte=5, useful__gte=1, useful__lte=5),
                name="pulse_answers_one_to_five",
            ),
        ]

    def __str__(self):
        return f"pulse answer to check {self.pulse_id}"
