"""An edition's weights of the score parts: reading, checking and changing them.

The parts and their formulas are the engine's (``matchengine.scoring``); here each
weight is kept in [0, 1], and at least one must be above 0 so the total, which
divides by their sum, stays defined.
"""

import logging
import math

from django.core.exceptions import ValidationError
from django.db import transaction

from matchengine import PARTS, part_formulas
from tandem.core import audit, clock, conflicts
from tandem.matching.domain.queries import PART_LABELS
from tandem.matching.models import MatchingWeights, default_weights

logger = logging.getLogger(__name__)


def weights_for(edition) -> dict[str, float]:
    """The weights the edition's next run uses: its own, else the engine's defaults.

    A part the engine gained after the row was saved gets its default weight.
    """
    row = MatchingWeights.objects.filter(edition=edition).first()
    stored = row.values if row is not None else {}
    return {name: float(stored.get(name, w)) for name, w in default_weights().items()}


def described(values) -> list[dict]:
    """Each part with its label, the engine's formula and the given weight."""
    formulas = part_formulas()
    return [
        {
            "name": name,
            "label": PART_LABELS[name],
            "formula": formulas[name],
            "value": values.get(name),
        }
        for name in PARTS
    ]


def checked(values) -> dict[str, float]:
    """``values`` as floats, or ValidationError whose keys name the bad parts.

    Every part must be given; the all-zero refusal is not about one part, so it
    is a non-field error that names the parts.
    """
    errors = {}
    unknown = sorted(set(values) - set(PARTS))
    if unknown:
        errors["__all__"] = [f"Unknown score part: {', '.join(unknown)}."]
    clean = {}
    for name in PARTS:
        label = PART_LABELS[name]
        value = values.get(name)
        if value is None or value == "":
            errors[name] = [f"Give the weight of {label}."]
            continue
        try:
            number = float(value)
        except (TypeError, ValueError):
            number = math.nan
        if isinstance(value, bool) or not math.isfinite(number):
            errors[name] = [f"The weight of {label} must be a number, not {value!r}."]
        elif not 0 <= number <= 1:
            errors[name] = [
                f"The weight of {label} must be between 0 and 1, not {value}."
            ]
        else:
            clean[name] = number
    if not errors and sum(clean.values()) == 0:
        errors["__all__"] = [
            "All weights are zero ("
            + ", ".join(PART_LABELS[name] for name in PARTS)
            + "); give at least one part a weight above 0."
        ]
    if errors:
        raise ValidationError(errors)
    return clean


def with_overrides(edition, overrides=None) -> dict[str, float]:
    """The edition's weights with some parts replaced for one run, checked."""
    return checked({**weights_for(edition), **(overrides or {})})


def stamp_of(edition) -> str:
    """The version of the edition's stored weights, for a page to send back."""
    row = MatchingWeights.objects.filter(edition=edition).first()
    return conflicts.stamp(row.changed_at if row is not None else None)


@transaction.atomic
def set_weights(edition, values, *, actor, seen=None):
    """Store the edition's weights for its next runs; earlier runs keep theirs.

    Raises ValidationError (keys naming the parts) and saves nothing when a value
    is missing, not a number, outside [0, 1], or when all are zero. ``seen`` is
    ``stamp_of`` as the coordinator's page showed it; when someone saved weights
    since, EditConflict names who and nothing is saved. ``None`` skips the check,
    for callers without a page.
    """
    row = MatchingWeights.objects.select_for_update().filter(edition=edition).first()
    if seen is not None:
        current = conflicts.stamp(row.changed_at if row is not None else None)
        if row is not None and current != seen:
            raise conflicts.changed(
                "the weights", by=row.changed_by, at=row.changed_at, actor=actor
            )
    clean = checked(values)
    row, _ = MatchingWeights.objects.update_or_create(
        edition=edition,
        defaults={"values": clean, "changed_by": actor, "changed_at": clock.now()},
    )
    audit.record("matching.weights_changed", row, actor=actor, edition=edition)
    logger.info("matching.weights_changed edition=%s row=%s", edition.pk, row.pk)
    return row
