"""The March checkpoint: per-pair review, totals per association, the chart."""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, F, Q
from django.db.models.functions import TruncMonth

from tandem.core import audit, clock
from tandem.mentoring.domain.activity import month_starts
from tandem.mentoring.models import (
    Activity,
    CheckpointReview,
    Meeting,
    Pair,
    PairEvent,
)
from tandem.programs.models import Milestone
from tandem.tabular.export import write_csv, write_xlsx

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
TOTAL_COLUMNS = [
    "Association",
    "Country",
    "Pairs",
    "Active",
    "At risk",
    "Inactive",
    "Not assessed",
    "Reviewed",
    "Corrected",
]


@transaction.atomic
def review_pair(pair, confirmed, comment="", *, actor):
    """Confirm the computed activity or correct it; a correction needs a comment."""
    if confirmed not in Activity.values:
        raise ValidationError(f"Unknown activity {confirmed!r}.")
    computed = pair.activity or Activity.INACTIVE
    if confirmed != computed and not (comment or "").strip():
        raise ValidationError("Say in a comment why you correct the state.")
    review, _ = CheckpointReview.objects.update_or_create(
        pair=pair,
        defaults={
            "computed": computed,
            "confirmed": confirmed,
            "comment": (comment or "").strip(),
            "reviewed_by": actor,
            "reviewed_at": clock.now(),
        },
    )
    PairEvent.objects.create(
        pair=pair, kind=PairEvent.Kind.CHECKPOINT, actor=actor, detail=confirmed
    )
    audit.record(
        "pair.checkpoint_reviewed",
        pair,
        actor=actor,
        association=pair.mentee.association,
        edition=pair.edition,
    )
    return review


def totals(edition):
    """One row per association of the mentees: counts by activity and review."""
    by_activity = {
        f"n_{value}": Count("id", filter=Q(activity=value)) for value in Activity.values
    }
    rows = (
        Pair.objects.filter(edition=edition)
        .exclude(state=Pair.State.ENDED_EARLY)
        .values("mentee__association__name", "mentee__association__country")
        .annotate(
            pairs=Count("id"),
            not_assessed=Count("id", filter=Q(activity="")),
            reviewed=Count("checkpoint_review"),
            corrected=Count(
                "checkpoint_review",
                filter=~Q(
                    checkpoint_review__confirmed=F("checkpoint_review__computed")
                ),
            ),
            **by_activity,
        )
        .order_by("mentee__association__name")
    )
    return [
        [
            row["mentee__association__name"],
            row["mentee__association__country"],
            row["pairs"],
            row["n_active"],
            row["n_at_risk"],
            row["n_inactive"],
            row["not_assessed"],
            row["reviewed"],
            row["corrected"],
        ]
        for row in rows
    ]


def export_totals(edition, fmt, *, actor):
    rows = totals(edition)
    if fmt == "csv":
        data = write_csv(TOTAL_COLUMNS, rows)
    elif fmt == "xlsx":
        title = f"Checkpoint {edition.name}".replace("/", "-")
        data = write_xlsx(TOTAL_COLUMNS, rows, title=title)
    else:
        raise ValueError(f"unknown export format {fmt!r}")
    audit.record(f"checkpoint.exported.{fmt}", None, actor=actor, edition=edition)
    return data


@dataclass(frozen=True)
class Series:
    country: str
    name: str
    points: tuple
    css: str

    @property
    def polyline(self):
        return " ".join(f"{x},{y}" for x, y, _ in self.points)


@dataclass(frozen=True)
class Chart:
    months: tuple
    series: tuple
    top: int
    width: int = 100
    height: int = 50

    @property
    def gridlines(self):
        step = max(1, -(-self.top // 4))
        return [(value, self.y(value)) for value in range(0, self.top + 1, step)]

    def y(self, value):
        return round(self.height - value * self.height / max(self.top, 1), 2)


def mentoring_months(edition, today=None):
    today = today or clock.today()
    period = (
        Milestone.objects.filter(edition=edition, kind=Milestone.Kind.MENTORING)
        .order_by("starts_on")
        .first()
    )
    first = period.starts_on if period else edition.starts_on
    last = min(period.last_day if period else edition.ends_on, today)
    return list(month_starts(first, last)) if last >= first else []


def activity_chart(edition, today=None):
    """Pairs that met (a meeting not disputed) in each month, per association."""
    months = mentoring_months(edition, today)
    rows = (
        Meeting.objects.filter(pair__edition=edition)
        .exclude(state=Meeting.State.DISPUTED)
        .annotate(month=TruncMonth("held_on"))
        .values(
            "month",
            "pair__mentee__association__country",
            "pair__mentee__association__name",
        )
        .annotate(pairs=Count("pair", distinct=True))
    )
    counts, names = {}, {}
    for row in rows:
        country = row["pair__mentee__association__country"]
        month = row["month"]
        month = month.date() if isinstance(month, dt.datetime) else month
        counts[(country, month)] = row["pairs"]
        names[country] = row["pair__mentee__association__name"]
    top = max(counts.values(), default=0)
    chart = Chart(months=tuple(months), series=(), top=max(top, 1))
    step = chart.width / max(len(months) - 1, 1)
    series = tuple(
        Series(
            country=country,
            name=names[country],
            points=tuple(
                (
                    round(index * step, 2),
                    chart.y(counts.get((country, month), 0)),
                    counts.get((country, month), 0),
                )
                for index, month in enumerate(months)
            ),
            css=f"series-{position % 9}",
        )
        for position, country in enumerate(sorted(names))
    )
    return Chart(months=tuple(months), series=series, top=chart.top)
