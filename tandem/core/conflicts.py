"""Refusing an edit made from a stale page instead of silently overwriting.

A form carries a version of what its user saw (a timestamp stamp, or an id); the
domain function compares it with the row it has locked in its transaction and,
when someone changed the row in between, raises EditConflict naming who and when.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone

from tandem.core import clock


class EditConflict(ValidationError):
    """Someone changed the object after the form was loaded; nothing was saved.

    A ValidationError, so every view that shows a refused action's messages
    shows this one too.
    """


def changed(what, *, by, at, actor):
    """The EditConflict for ``what`` ("this pair"), last changed by ``by`` at ``at``."""
    return EditConflict(describe(what, by=by, at=at, actor=actor), code="conflict")


def stamp(moment):
    """The version token of a timestamp: its UTC instant to the microsecond, or ''."""
    if moment is None:
        return ""
    return moment.astimezone(dt.UTC).isoformat(timespec="microseconds")


def describe(what, *, by, at, actor):
    """ "Anna Kowalska changed this pair at 14:02; reload to see their change."."""
    when = _when(at)
    if by is not None and actor is not None and by.pk == actor.pk:
        return (
            f"You changed {what} {when} in another window; reload to see that change."
        )
    name = by.full_name if by is not None else "Someone"
    return f"{name} changed {what} {when}; reload to see their change."


def _when(at):
    # In the zone the middleware activated for the person reading the message.
    local = timezone.localtime(at)
    if local.date() == timezone.localtime(clock.now()).date():
        return f"at {local:%H:%M}"
    return f"at {local:%H:%M} on {local.day} {local:%B %Y}"
