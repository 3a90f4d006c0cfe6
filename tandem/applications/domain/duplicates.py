"""Applications already stored that may be the same person: merge or keep apart.

Nothing is merged without a coordinator. Merging keeps both rows: the duplicate is
withdrawn and points at the application that absorbed it, so its answers, consents
and the audit trail stay readable.
"""

import itertools
import logging
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from tandem.applications.models import (
    Application,
    DuplicateResolution,
    PrivacyConsent,
    Review,
)
from tandem.core import audit, clock
from tandem.tabular.duplicates import find_duplicates

logger = logging.getLogger(__name__)

# Answers the survivor takes from the duplicate when its own are empty.
FILLED_FROM_DUPLICATE = (
    "member_number",
    "preference",
    "native_language",
    "other_languages",
    "country",
    "city",
    "time_zone",
    "industry",
    "function",
    "years_experience",
    "employer",
    "expertise",
    "goals",
    "tags",
    "linkedin_url",
    "linkedin_raw",
    "availability",
    "capacity",
    "motivation",
)


@dataclass(frozen=True)
class Pair:
    reason: str
    first: Application
    second: Application


def open_pairs(applications):
    """Pairs of live applications in one role flagged as one person, not yet decided.

    `applications` is the coordinator's visible queryset of one edition.
    """
    live = list(
        applications.filter(merged_into__isnull=True)
        .exclude(state=Application.State.WITHDRAWN)
        .select_related("person", "association")
        .order_by("pk")
    )
    by_pk = {a.pk: a for a in live}
    decided = set(
        DuplicateResolution.objects.filter(first__in=live).values_list(
            "first", "second"
        )
    )
    pairs, seen = [], set()
    for group in find_duplicates([_entry(a) for a in live]):
        for left, right in itertools.combinations(sorted(group.refs), 2):
            first, second = by_pk[left], by_pk[right]
            key = (left, right)
            if first.role != second.role or key in decided or key in seen:
                continue
            seen.add(key)
            pairs.append(Pair(group.reason, first, second))
    return pairs


def _entry(application):
    return {
        "ref": application.pk,
        "email": application.person.email,
        "full_name": application.person.full_name,
        "association": application.association.country,
        "linkedin": application.linkedin_url or None,
    }


def _ordered(one, other):
    return (one, other) if one.pk < other.pk else (other, one)


def _check_pair(one, other):
    if one.pk == other.pk or one.edition_id != other.edition_id:
        raise ValidationError("Choose two applications of the same edition.")
    if one.role != other.role:
        raise ValidationError("A mentor's and a mentee's application are not merged.")
    for application in (one, other):
        if application.merged_into_id:
            raise ValidationError(f"Application {application.pk} is already merged.")


def _resolve(one, other, outcome, reason, *, actor):
    first, second = _ordered(one, other)
    return DuplicateResolution.objects.create(
        edition=first.edition,
        first=first,
        second=second,
        outcome=outcome,
        reason=reason[:200],
        decided_by=actor,
        decided_at=clock.now(),
    )


@transaction.atomic
def keep_apart(one, other, *, actor, reason=""):
    """Record that two flagged applications are different people."""
    _check_pair(one, other)
    resolution = _resolve(
        one, other, DuplicateResolution.Outcome.KEPT_APART, reason, actor=actor
    )
    audit.record(
        "applications.kept_apart",
        resolution,
        actor=actor,
        association=one.association,
        edition=one.edition,
    )
    return resolution


@transaction.atomic
def merge_applications(survivor, duplicate, *, actor, reason=""):
    """Fold `duplicate` into `survivor`: empty answers, reviews and consents move.

    The duplicate stays, withdrawn and pointing at the survivor. A reviewer who
    scored both keeps the review of the survivor; the other review stays with the
    duplicate, as history.
    """
    _check_pair(survivor, duplicate)
    survivor, duplicate = (
        Application.objects.select_for_update().get(pk=survivor.pk),
        Application.objects.select_for_update().get(pk=duplicate.pk),
    )
    if survivor.decision and duplicate.decision:
        raise ValidationError("Both applications are decided; withdraw one instead.")
    for name in FILLED_FROM_DUPLICATE:
        if getattr(survivor, name) in ("", None, []):
            setattr(survivor, name, getattr(duplicate, name))
    survivor.extra_answers = {**duplicate.extra_answers, **survivor.extra_answers}
    survivor.save()
    reviewed = survivor.reviews.values("reviewer")
    Review.objects.filter(application=duplicate).exclude(reviewer__in=reviewed).update(
        application=survivor
    )
    PrivacyConsent.objects.filter(application=duplicate).update(application=survivor)
    duplicate.state = Application.State.WITHDRAWN
    duplicate.merged_into = survivor
    duplicate.save(update_fields=["state", "merged_into", "updated_at"])
    resolution = _resolve(
        survivor, duplicate, DuplicateResolution.Outcome.MERGED, reason, actor=actor
    )
    for application in (survivor, duplicate):
        audit.record(
            "application.merged",
            application,
            actor=actor,
            association=application.association,
            edition=application.edition,
        )
    logger.info(
        "application.merged survivor=%s duplicate=%s", survivor.pk, duplicate.pk
    )
    return resolution
