"""Forms at the edge: they clean input and hand plain values to domain functions."""

from django import forms

from tandem.core.submissions import SubmissionField
from tandem.mentoring.models import (
    MAX_MEETING_MINUTES,
    Activity,
    ActivityRule,
    Case,
    ContractTemplate,
    Meeting,
)


class MeetingForm(forms.Form):
    """Five taps on a phone: date, duration, online or not, and optional text."""

    held_on = forms.DateField(
        label="Date", widget=forms.DateInput(attrs={"type": "date"})
    )
    start = forms.TimeField(
        label="Start time (optional)",
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}),
    )
    duration_minutes = forms.IntegerField(
        label="Duration in minutes",
        min_value=1,
        max_value=MAX_MEETING_MINUTES,
        initial=60,
        help_text="Up to 480 minutes (8 hours).",
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "step": 5}),
    )
    mode = forms.ChoiceField(
        label="Where",
        choices=Meeting.Mode.choices,
        initial=Meeting.Mode.ONLINE,
        widget=forms.RadioSelect,
    )
    topics = forms.CharField(label="Topics (optional)", required=False, max_length=300)
    private_note = forms.CharField(
        label="Private note (optional)",
        required=False,
        help_text="Only you will ever see this note.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    submission = SubmissionField()


class MeetingResponseForm(forms.Form):
    answer = forms.ChoiceField(choices=[("confirm", "confirm"), ("dispute", "dispute")])
    private_note = forms.CharField(required=False, max_length=2000)


class StateChangeForm(forms.Form):
    action = forms.ChoiceField(
        choices=[
            ("pause", "pause"),
            ("resume", "resume"),
            ("end", "end early"),
            ("complete", "complete"),
        ]
    )
    reason = forms.CharField(required=False, max_length=2000)
    # The pair's version the page showed; a page without one is treated as
    # older than every change, so it can never overwrite one.
    seen = forms.IntegerField(required=False)

    def clean_seen(self):
        return self.cleaned_data["seen"] or 0


class CheckpointReviewForm(forms.Form):
    confirmed = forms.ChoiceField(label="State", choices=Activity.choices)
    comment = forms.CharField(label="Comment", required=False, max_length=2000)


class ConcernForm(forms.Form):
    text = forms.CharField(
        label="What worries you?",
        help_text="Only your national coordinator and the international coordinator "
        "read this. Your partner does not.",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=4000,
    )
    submission = SubmissionField()


class CaseOpenForm(forms.Form):
    kind = forms.ChoiceField(
        choices=[(k, label) for k, label in Case.Kind.choices if k != "concern"]
    )
    pair = forms.ModelChoiceField(queryset=None, required=False)
    summary = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), max_length=4000)
    submission = SubmissionField()

    def __init__(self, *args, pairs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pair"].queryset = pairs
        self.fields["pair"].label_from_instance = lambda pair: (
            f"{pair.mentor.person.full_name} → {pair.mentee.person.full_name}"
        )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("pair"):
            self.add_error("pair", "Choose the pair the case is about.")
        return cleaned


class CaseUpdateForm(forms.Form):
    state = forms.ChoiceField(choices=Case.State.choices, required=False)
    take = forms.BooleanField(label="I own this case", required=False)
    note = forms.CharField(
        label="Note", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ContractForm(forms.ModelForm):
    # The stamp of the text this form was loaded with (see tandem.core.conflicts).
    seen = forms.CharField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = ContractTemplate
        fields = ["title", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 16})}


class RuleForm(forms.ModelForm):
    class Meta:
        model = ActivityRule
        fields = ["window_days", "monthly"]
