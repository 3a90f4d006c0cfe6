from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """Stores e-mail addresses the way Tandem compares them: trimmed, lower case."""

    def clean_email(self, email):
        return super().clean_email(email).strip().lower()
