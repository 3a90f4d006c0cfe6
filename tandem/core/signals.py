"""Audit rows for signing in and out.

A failed attempt never stores what was typed: the row names the account when one
exists for that address, and nothing at all otherwise.
"""

from django.contrib.auth import signals
from django.dispatch import receiver

from tandem.core import audit
from tandem.core.middleware import start_session_clock
from tandem.people.models import Person, normalise_email


@receiver(signals.user_logged_in, dispatch_uid="tandem.audit.login")
def record_login(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        start_session_clock(request)
    audit.record("login.succeeded", user, actor=user)


@receiver(signals.user_logged_out, dispatch_uid="tandem.audit.logout")
def record_logout(sender, request, user, **kwargs):
    if user is not None:
        audit.record("logout", user, actor=user)


@receiver(signals.user_login_failed, dispatch_uid="tandem.audit.login_failed")
def record_login_failure(sender, credentials, request=None, **kwargs):
    typed = credentials.get("email") or credentials.get("username") or ""
    person = Person.objects.filter(email__iexact=normalise_email(typed)).first()
    audit.record("login.failed", person, actor=None)
