from allauth.core import ratelimit
from django import forms

TOO_MANY = "Too many attempts with a wrong password; wait a minute and try again."


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

    def __init__(self, *args, person, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person
        self.request = request

    def clean_password(self):
        password = self.cleaned_data["password"]
        # Counted like allauth's own re-authentication, so a signed-in session
        # left open cannot be used to guess the password here without limit.
        if self.request is not None and not ratelimit.consume(
            self.request, action="reauthenticate", user=self.person
        ):
            raise forms.ValidationError(TOO_MANY)
        if not self.person.check_password(password):
            raise forms.ValidationError("That is not your password.")
        return password
