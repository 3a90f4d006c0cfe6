from django import forms

from tandem.core.languages import language_choices
from tandem.core.submissions import SubmissionField
from tandem.programs.models import JoinRequest, Milestone


class DateInput(forms.DateInput):
    input_type = "date"


class MilestoneForm(forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["name", "kind", "starts_on", "ends_on", "description"]
        widgets = {
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, edition, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.edition = edition


class JoinRequestForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        choices=language_choices,
        help_text="The languages your members speak (hold Ctrl or ⌘ to pick several).",
    )
    submission = SubmissionField()

    class Meta:
        model = JoinRequest
        fields = [
            "association_name",
            "country",
            "languages",
            "membership_rule",
            "board_member_name",
            "board_member_email",
            "coordinator_name",
            "coordinator_email",
        ]
        widgets = {"membership_rule": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"country": "Two letters, e.g. PL, SE, AE."}

    def clean_country(self):
        return self.cleaned_data["country"].strip().upper()
