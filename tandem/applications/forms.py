"""Forms at the edge: they clean input and hand plain values to domain functions."""

from django import forms

from tandem.applications.domain.queries import SORTS
from tandem.applications.models import (
    Application,
    ApplicationForm,
    Question,
    Review,
    Role,
)
from tandem.core.forms import NamedFileField
from tandem.tabular.reading import MAX_BYTES
from tandem.tabular.values import normalise_linkedin

LIST_HELP = "Separate several with commas."
MAX_LINKEDIN_ZIP = 5 * 2**20


def _split(text):
    return [item.strip() for item in (text or "").split(",") if item.strip()]


class ApplicationAnswersForm(forms.ModelForm):
    """The core fields plus the edition's extra questions for one role."""

    association = forms.ModelChoiceField(queryset=None, empty_label=None)
    other_languages_text = forms.CharField(
        label="Other working languages", required=False, help_text=LIST_HELP
    )
    availability_text = forms.CharField(
        label="Availability", required=False, help_text=LIST_HELP
    )
    tags_text = forms.CharField(label="Tags", required=False, help_text=LIST_HELP)
    consent = forms.BooleanField(
        required=False, label="I agree to the privacy notice above."
    )

    class Meta:
        model = Application
        fields = [
            "member_number",
            "preference",
            "native_language",
            "country",
            "city",
            "time_zone",
            "industry",
            "function",
            "years_experience",
            "employer",
            "expertise",
            "goals",
            "linkedin_raw",
            "capacity",
            "motivation",
        ]
        labels = {
            "member_number": "Member number",
            "preference": "Pair preference",
            "years_experience": "Years of professional experience",
            "expertise": "Areas of expertise",
            "linkedin_raw": "LinkedIn profile URL",
            "goals": "Your goals",
            "capacity": "How many mentees can you take (1–3)?",
        }
        widgets = {"expertise": forms.Textarea(attrs={"rows": 4})}

    # The order an applicant reads: who, how to pair, where, work, then the rest.
    ORDER = (
        "association",
        "member_number",
        "preference",
        "native_language",
        "other_languages_text",
        "country",
        "city",
        "time_zone",
        "industry",
        "function",
        "years_experience",
        "employer",
        "expertise",
        "goals",
        "tags_text",
        "capacity",
        "availability_text",
        "linkedin_raw",
        "motivation",
    )

    def __init__(self, *args, associations, questions, role, privacy=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.role, self.questions = role, list(questions)
        self.fields["association"].queryset = associations
        self.fields["preference"].required = True
        self.fields["native_language"].required = True
        if role == "mentor":
            del self.fields["goals"]
            self.fields["capacity"].required = True
            self.fields["capacity"].widget = forms.Select(
                choices=[(1, "1"), (2, "2"), (3, "3")]
            )
        else:
            del self.fields["expertise"]
            del self.fields["capacity"]
        instance = self.instance
        if instance.pk:
            self.initial.update(
                association=instance.association_id,
                other_languages_text=", ".join(instance.other_languages),
                availability_text=", ".join(instance.availability),
                tags_text=", ".join(instance.tags),
            )
        for question in self.questions:
            self.fields[question.key] = _question_field(question)
            self.initial.setdefault(
                question.key, instance.extra_answers.get(question.text)
            )
        if privacy is not None:
            consent = self.fields["consent"]
            consent.label = (
                f"I agree to the privacy notice (version {privacy.privacy_version})."
            )
            consent.help_text = privacy.privacy_notice
        extra = [q.key for q in self.questions]
        self.order_fields([*self.ORDER, *extra, "consent"])

    def clean_linkedin_raw(self):
        raw = self.cleaned_data["linkedin_raw"].strip()
        outcome = normalise_linkedin(raw)
        if outcome.warning:
            raise forms.ValidationError(
                f"{outcome.warning}; paste the address of your own profile."
            )
        self.linkedin_url = outcome.value or ""
        return raw

    def answers(self):
        data = self.cleaned_data
        answers = {name: data[name] for name in self.Meta.fields if name in self.fields}
        answers.update(
            linkedin_url=getattr(self, "linkedin_url", ""),
            other_languages=_split(data["other_languages_text"]),
            availability=_split(data["availability_text"]),
            tags=_split(data["tags_text"]),
            extra_answers={q.text: data.get(q.key) for q in self.questions},
        )
        for text_field in ("expertise", "goals", "motivation", "member_number"):
            answers.setdefault(text_field, "")
        return answers


def _question_field(question):
    kind, label = question.kind, question.text
    required = question.required
    options = [(option, option) for option in question.options]
    if kind == Question.Kind.LONG_TEXT:
        return forms.CharField(label=label, required=required, widget=forms.Textarea)
    if kind == Question.Kind.SINGLE_CHOICE:
        return forms.ChoiceField(label=label, required=required, choices=options)
    if kind == Question.Kind.MULTIPLE_CHOICE:
        return forms.MultipleChoiceField(
            label=label,
            required=required,
            choices=options,
            widget=forms.CheckboxSelectMultiple,
        )
    if kind == Question.Kind.SCALE:
        return forms.TypedChoiceField(
            label=label,
            required=required,
            coerce=int,
            choices=[(n, str(n)) for n in range(1, 6)],
        )
    if kind == Question.Kind.YES_NO:
        return forms.TypedChoiceField(
            label=label,
            required=required,
            coerce=lambda v: v == "yes",
            choices=[("yes", "yes"), ("no", "no")],
        )
    if kind == Question.Kind.CONSENT:
        return forms.BooleanField(label=label, required=required)
    return forms.CharField(label=label, required=required, max_length=500)


class QuestionForm(forms.ModelForm):
    options_text = forms.CharField(
        label="Options", required=False, help_text="For choices: one per line."
    )

    class Meta:
        model = Question
        fields = ["position", "kind", "text", "required"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["options_text"] = "\n".join(self.instance.options)

    def clean(self):
        data = super().clean()
        options = [
            line.strip()
            for line in data.get("options_text", "").splitlines()
            if line.strip()
        ]
        if data.get("kind") in Question.CHOICE_KINDS and len(options) < 2:
            self.add_error("options_text", "A choice question needs two options.")
        self.instance.options = options
        return data


QuestionFormSet = forms.inlineformset_factory(
    ApplicationForm,
    Question,
    form=QuestionForm,
    extra=2,
    can_delete=True,
)


class UploadForm(forms.Form):
    file = NamedFileField(
        label="Form export (CSV, XLSX or Excel's Unicode text)",
        help_text=f"At most {MAX_BYTES // 2**20} MB.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                f"{upload.name}: the file is larger than {MAX_BYTES // 2**20} MB."
            )
        return upload


class MemberListUploadForm(UploadForm):
    """The same file checks, named for what a coordinator uploads here."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].label = "Member list (CSV, XLSX or Excel's Unicode text)"


class LinkedInExportForm(forms.Form):
    archive = forms.FileField(label="LinkedIn data export (ZIP)")

    def clean_archive(self):
        upload = self.cleaned_data["archive"]
        if upload.size > MAX_LINKEDIN_ZIP:
            raise forms.ValidationError(
                f"{upload.name}: the archive is larger than 5 MB."
            )
        return upload


ALL = [("", "all")]


class ApplicationFilterForm(forms.Form):
    """The list's and the export's filters, read from the query string.

    A value that does not hold (a typed-in score, an association the coordinator
    cannot see, an unknown sort) is dropped, and the page names what it ignored;
    the rest of the filters still apply.
    """

    association = forms.ChoiceField(required=False)
    role = forms.ChoiceField(choices=ALL + Role.choices, required=False)
    state = forms.ChoiceField(choices=ALL + Application.State.choices, required=False)
    decision = forms.ChoiceField(
        choices=ALL + Application.Decision.choices, required=False
    )
    preference = forms.ChoiceField(
        label="Pair preference",
        choices=ALL + Application.Preference.choices,
        required=False,
    )
    min_score = forms.FloatField(
        label="Mean score at least", min_value=1, max_value=5, required=False
    )
    sort = forms.ChoiceField(
        label="Sort by", choices=[(key, key) for key in SORTS], required=False
    )

    def __init__(self, data, *, associations):
        super().__init__(data)
        self.fields["association"].choices = ALL + [
            (association.country, association.name) for association in associations
        ]

    def filters(self):
        """The filters that hold, by name; an ignored one is absent."""
        self.is_valid()
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if value not in ("", None)
        }

    def ignored(self):
        """One sentence per dropped filter, naming it and the value given."""
        self.is_valid()
        return [
            f"Ignored {self.fields[name].label or name.capitalize()} "
            f"“{self.data.get(name)}”: {errors[0]}"
            for name, errors in self.errors.items()
        ]


class ReviewForm(forms.ModelForm):
    # The stamp of the review this form was loaded with ('' for none yet), so a
    # save from a second, older window is refused instead of overwriting.
    seen = forms.CharField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Review
        fields = ["maturity", "motivation", "comment"]
        widgets = {
            "maturity": forms.Select(choices=[(n, str(n)) for n in range(1, 6)]),
            "motivation": forms.Select(choices=[(n, str(n)) for n in range(1, 6)]),
            "comment": forms.Textarea(attrs={"rows": 3}),
        }


class DecisionTemplateForm(forms.Form):
    subject = forms.CharField(max_length=200)
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 8}))


class PromotionFileForm(forms.Form):
    title = forms.CharField(max_length=200)
    file = forms.FileField()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(f"{upload.name}: larger than 10 MB.")
        return upload
