import zoneinfo

from django import forms

from tandem.core.languages import language_choices
from tandem.people.models import Person
from tandem.tabular.values import normalise_name


def time_zone_choices():
    return [(name, name) for name in sorted(zoneinfo.available_timezones())]


class ProfileForm(forms.ModelForm):
    time_zone = forms.ChoiceField(choices=time_zone_choices)
    languages = forms.MultipleChoiceField(
        choices=language_choices,
        required=False,
        help_text="Hold Ctrl or ⌘ to pick several.",
    )

    class Meta:
        model = Person
        fields = ["full_name", "time_zone", "languages"]
        help_texts = {
            "full_name": "Written the way you write it, with every accent.",
        }

    def clean_full_name(self):
        """One line, as an imported name is: a line break in a name would end up
        in the headers of the e-mails that name the person, which refuse it."""
        name = normalise_name(self.cleaned_data["full_name"])
        if name.value is None:
            raise forms.ValidationError(name.error or "Write your name.")
        return name.value
