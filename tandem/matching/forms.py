from django import forms

from tandem.core.submissions import SubmissionField
from tandem.matching.domain.weights import described
from tandem.matching.models import Suggestion

ACTIONS = [("pin", "pin"), ("veto", "veto"), ("unassign", "unassign"), ("swap", "swap")]


class ChangeForm(forms.Form):
    action = forms.ChoiceField(choices=ACTIONS)
    mentor = forms.IntegerField(required=False)
    mentee = forms.IntegerField(required=False)
    first = forms.IntegerField(required=False)
    second = forms.IntegerField(required=False)
    reason = forms.CharField(max_length=300, required=False)
    # The board's version the page showed (runs.board_version); a page without
    # one is older than every change.
    seen = forms.IntegerField(required=False)

    def clean_seen(self):
        return self.cleaned_data["seen"] or 0

    def clean(self):
        data = super().clean()
        if data.get("action") == "swap":
            if not (data.get("first") and data.get("second")):
                raise forms.ValidationError("Choose the two proposals to swap.")
        elif not (data.get("mentor") and data.get("mentee")):
            raise forms.ValidationError("Choose a mentor and a mentee.")
        return data


class RunForm(forms.Form):
    fairness = forms.ChoiceField(
        choices=[
            ("none", "most matches, then highest total score"),
            ("max_min", "best for the worst-off mentee first"),
            ("fair_share", "fair share of matches per association"),
        ],
        initial="none",
    )


class WeightsForm(forms.Form):
    """One number per score part, explained by the engine's formula.

    Only the type is checked here; ``weights.set_weights`` refuses values outside
    [0, 1] and all zeros, so the board and the command share one check.
    """

    # The stamp of the stored weights the page showed, so a save from a page
    # another coordinator has since overtaken is refused, not silently applied.
    seen = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for part in described({}):
            self.fields[part["name"]] = forms.FloatField(
                label=part["label"],
                help_text=part["formula"],
                widget=forms.NumberInput(attrs={"min": 0, "max": 1, "step": "any"}),
            )


class SuggestionForm(forms.Form):
    kind = forms.ChoiceField(choices=Suggestion.Kind.choices)
    mentor = forms.TypedChoiceField(coerce=int)
    mentee = forms.TypedChoiceField(coerce=int)
    reason = forms.CharField(max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    submission = SubmissionField()

    def __init__(self, *args, mentors=(), mentees=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mentor"].choices = [(a.pk, _label(a)) for a in mentors]
        self.fields["mentee"].choices = [(a.pk, _label(a)) for a in mentees]


class DecideForm(forms.Form):
    accept = forms.TypedChoiceField(
        choices=[("yes", "accept"), ("no", "decline")], coerce=lambda v: v == "yes"
    )
    answer = forms.CharField(max_length=500, required=False)


def _label(application):
    return f"{application.person.full_name} ({application.association.country})"
