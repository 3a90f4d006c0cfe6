"""One record per form submission, however often the browser sends the form.

A form that creates something carries a random token made when the page was
drawn; the row it creates keeps the token under a unique index. A second POST
of the same page (a double click, a resent request after a timeout) finds the
first one's row instead of making a second.
"""

import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction

ALREADY_USED = "This form was already sent; reload the page to fill it in again."


def token_field():
    """The model field that keeps the submission a row was created by."""
    return models.UUIDField(
        null=True,
        blank=True,
        unique=True,
        editable=False,
        help_text="The form submission that created this row; a repeat finds it.",
    )


class SubmissionField(forms.UUIDField):
    """The hidden token; each drawing of an unbound form gets a fresh one."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, initial=uuid.uuid4, **kwargs)


def already(model, submission, **owner):
    """The row this submission created earlier, or None.

    ``owner`` are the fields that row must have (its author), so a token copied
    into another person's form never hands them someone else's row.
    """
    if submission is None:
        return None
    existing = model.objects.filter(submission=submission).first()
    if existing is not None and any(
        getattr(existing, name) != value for name, value in owner.items()
    ):
        raise ValidationError(ALREADY_USED)
    return existing


def create_once(model, submission, owner=None, **fields):
    """Create ``model(**fields)`` once for the submission; returns (row, created)."""
    return save_once(model(submission=submission, **fields), owner)


def save_once(row, owner=None):
    """Insert the unsaved ``row`` once for its submission; returns (row, created).

    Two copies arriving at the same moment meet at the unique index: the second
    waits for the first to commit, then finds its row, and ``created`` False
    tells the caller to skip the audit row and the e-mails.
    """
    if row.submission is None:
        row.save()
        return row, True
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:
        existing = already(type(row), row.submission, **(owner or {}))
        if existing is None:
            raise
        return existing, False
    return row, True
