import zoneinfo

from django import forms

from tandem.core.languages import language_choices
from tandem.people.models import Person


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
