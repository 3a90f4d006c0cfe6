"""Forms of the survey authoring pages: they parse, the domain decides."""

from django import forms

from tandem.core.submissions import SubmissionField
from tandem.programs.forms import DateInput
from tandem.surveys.domain import authoring
from tandem.surveys.models import PulseRule, Question, Survey


class SurveyForm(forms.Form):
    title = forms.CharField(max_length=200)
    kind = forms.ChoiceField(
        choices=[c for c in Survey.Kind.choices if c[0] != Survey.Kind.PULSE],
        help_text="Certificates look for the final survey.",
    )
    audience = forms.ChoiceField(choices=Survey.Audience.choices)
    anonymous = forms.BooleanField(
        required=False,
        initial=True,
        help_text=Survey._meta.get_field("anonymous").help_text,
    )
    introduction = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    milestone = forms.ModelChoiceField(
        queryset=None,
        required=False,
        empty_label="no milestone: the two dates below",
        help_text="A survey step of the timeline opens and closes the survey.",
    )
    opens_on = forms.DateField(
        required=False,
        widget=DateInput(),
        label="Opens on",
        help_text="Leave empty to open on the milestone's first day.",
    )
    closes_on = forms.DateField(
        required=False,
        widget=DateInput(),
        label="Closes on",
        help_text="Leave empty to close on the milestone's last day.",
    )

    def __init__(self, *args, edition, answered=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["milestone"].queryset = authoring.survey_milestones(edition)
        # Shown but not taken from the post once answered; the domain refuses a
        # change all the same.
        for name in authoring.FIXED_SURVEY_FIELDS if answered else ():
            self.fields[name].disabled = True
            self.fields[name].help_text = "Fixed: the survey has answers."

    @classmethod
    def initial_of(cls, survey):
        return {name: getattr(survey, name) for name in authoring.SURVEY_FIELDS}


class NewSurveyForm(SurveyForm):
    """The create page's form: its token makes a resent form find its survey."""

    submission = SubmissionField()


class QuestionForm(forms.Form):
    text = forms.CharField(
        max_length=300, widget=forms.Textarea(attrs={"rows": 2}), label="Question"
    )
    kind = forms.ChoiceField(choices=Question.Kind.choices)
    choices = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        label="Options",
        help_text="For single and multiple choice: one option per line.",
    )
    required = forms.BooleanField(required=False, label="An answer is required")
    per_pair = forms.BooleanField(
        required=False,
        label="About the pair",
        help_text=(
            "Asked only of people who have a pair, about that pair; otherwise "
            "about the person."
        ),
    )
    non_anonymous = forms.BooleanField(
        required=False,
        label="Shared with coordinators under the person's name",
        help_text=Question._meta.get_field("non_anonymous").help_text,
    )

    def __init__(self, *args, answered=False, **kwargs):
        super().__init__(*args, **kwargs)
        for name in authoring.FIXED_ONCE_ANSWERED if answered else ():
            self.fields[name].disabled = True

    @classmethod
    def initial_of(cls, question):
        initial = {name: getattr(question, name) for name in authoring.QUESTION_FIELDS}
        initial["choices"] = "\n".join(question.choices)
        return initial

    def spec(self):
        data = dict(self.cleaned_data)
        data.pop("submission", None)
        data["choices"] = authoring.parse_choices(data["choices"])
        return data


class NewQuestionForm(QuestionForm):
    """The add page's form: its token makes a resent form add nothing more."""

    submission = SubmissionField()


class PulseRuleForm(forms.ModelForm):
    class Meta:
        model = PulseRule
        fields = ["first_after_days", "every_days", "low_at_most"]
        labels = {
            "first_after_days": "First check after (days)",
            "every_days": "Then every (days)",
            "low_at_most": "Low answer: at most",
        }
        help_texts = {
            "first_after_days": "Counted from the day the pair became active; 7–180.",
            "every_days": "14–180.",
            "low_at_most": (
                "An answer this low or lower (1–4, on the 1–5 scale) opens a case "
                "for the mentee's national coordinator."
            ),
        }
