from django import forms


class EraseForm(forms.Form):
    """The last step before erasure: the person proves it is them and means it."""

    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label="I understand that this cannot be undone.", required=True
    )

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.person.check_password(password):
            raise forms.ValidationError("That is not your password.")
        return password
