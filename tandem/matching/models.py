"""Match runs, their proposals, and the pins, vetoes and suggestions that steer them.

Models are data only; every change of state goes through ``tandem.matching.domain``,
which owns the transaction, the audit row and the e-mails.
"""

from django.conf import settings
from django.db import models

from matchengine import Weights
from tandem.core.submissions import token_field


def default_weights():
    """The engine's default weight of each score part."""
    return Weights().as_dict()


class MatchingWeights(models.Model):
    """An edition's weights of the score parts; every new run of the edition uses them.

    ``values`` maps each field of the engine's ``Weights`` to a number in [0, 1];
    ``tandem.matching.domain.weights`` checks them. An edition without a row runs
    with the engine's defaults.
    """

    edition = models.OneToOneField(
        "programs.Edition", on_delete=models.CASCADE, related_name="matching_weights"
    )
    values = models.JSONField(
        default=default_weights, help_text="Score part → weight in [0, 1]."
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    changed_at = models.DateTimeField()

    class Meta:
        verbose_name_plural = "matching weights"

    def __str__(self):
        return f"matching weights of {self.edition}"


class MatchRun(models.Model):
    """One execution of the engine on an edition's accepted applicants; never edited.

    A coordinator's pin, veto, swap or unassign on the board makes a new run whose
    ``parent`` is the run it changed, so every state of the board stays comparable.
    """

    class State(models.TextChoices):
        DONE = "done", "done"
        PUBLISHED = "published", "published"

    edition = models.ForeignKey(
        "programs.Edition", on_delete=models.CASCADE, related_name="match_runs"
    )
    parent = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField()
    change = models.CharField(
        max_length=200, blank=True, help_text="What made this run, e.g. 'pin 3–7'."
    )
    weights = models.JSONField(default=dict)
    options = models.JSONField(default=dict)
    pins = models.JSONField(default=list, help_text="[mentor_app_id, mentee_app_id]")
    vetoes = models.JSONField(default=list, help_text="[mentor_app_id, mentee_app_id]")
    same_person = models.JSONField(
        default=dict, help_text="Application id → person key the engine was given."
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.DONE)
    figures = models.JSONField(default=dict)
    diagnostics = models.JSONField(default=dict)
    result_hash = models.CharField(max_length=64)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"match run {self.pk} of {self.edition}"


class Proposal(models.Model):
    run = models.ForeignKey(
        MatchRun, on_delete=models.CASCADE, related_name="proposals"
    )
    mentor = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="+"
    )
    mentee = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="+"
    )
    score = models.FloatField()
    parts = models.JSONField(default=dict)
    reason = models.CharField(max_length=500)
    pair_type = models.CharField(max_length=15)
    language = models.CharField(max_length=60)
    pinned = models.BooleanField(default=False)

    class Meta:
        ordering = ["run", "mentor", "mentee"]
        constraints = [
            models.UniqueConstraint(
                fields=["run", "mentee"], name="one_proposal_per_mentee_and_run"
            )
        ]

    def __str__(self):
        return f"proposal {self.mentor_id}–{self.mentee_id} in run {self.run_id}"


class UnmatchedEntry(models.Model):
    run = models.ForeignKey(
        MatchRun, on_delete=models.CASCADE, related_name="unmatched"
    )
    application = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(max_length=300)

    class Meta:
        ordering = ["run", "application"]
        verbose_name_plural = "unmatched entries"

    def __str__(self):
        return f"unmatched {self.application_id} in run {self.run_id}"


class Source(models.TextChoices):
    COORDINATOR = "coordinator", "international coordinator"
    SUGGESTION = "suggestion", "accepted suggestion"


class PairRule(models.Model):
    """A pair the next runs must keep (pin) or must never propose (veto)."""

    edition = models.ForeignKey(
        "programs.Edition", on_delete=models.CASCADE, related_name="+"
    )
    mentor = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="+"
    )
    mentee = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(max_length=300, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    source = models.CharField(
        max_length=12, choices=Source.choices, default=Source.COORDINATOR
    )
    created_at = models.DateTimeField()

    class Meta:
        abstract = True
        ordering = ["edition", "mentor", "mentee"]


class Pin(PairRule):
    class Meta(PairRule.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "mentor", "mentee"], name="one_pin_per_pair"
            )
        ]

    def __str__(self):
        return f"pin {self.mentor_id}–{self.mentee_id}"


class Veto(PairRule):
    class Meta(PairRule.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "mentor", "mentee"], name="one_veto_per_pair"
            )
        ]

    def __str__(self):
        return f"veto {self.mentor_id}–{self.mentee_id}"


class Suggestion(models.Model):
    """A national coordinator's wish for a pair; accepted, it becomes a pin or veto."""

    class Kind(models.TextChoices):
        PAIR = "pair", "pair these two"
        AVOID = "avoid", "avoid this pair"

    class State(models.TextChoices):
        PENDING = "pending", "pending"
        ACCEPTED = "accepted", "accepted"
        DECLINED = "declined", "declined"

    edition = models.ForeignKey(
        "programs.Edition", on_delete=models.CASCADE, related_name="+"
    )
    association = models.ForeignKey(
        "programs.Association", on_delete=models.CASCADE, related_name="+"
    )
    mentor = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="+"
    )
    mentee = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=5, choices=Kind.choices)
    reason = models.CharField(max_length=500)
    state = models.CharField(
        max_length=10, choices=State.choices, default=State.PENDING
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    filed_at = models.DateTimeField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    answer = models.CharField(max_length=500, blank=True)
    submission = token_field()

    class Meta:
        ordering = ["edition", "state", "-filed_at"]

    def __str__(self):
        return f"suggestion {self.pk} ({self.kind}, {self.state})"
