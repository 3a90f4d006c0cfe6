"""Where an edition stands in its year, read from its milestones."""

from dataclasses import dataclass

from tandem.core import clock


@dataclass(frozen=True)
class Phase:
    name: str
    milestone: object = None


@dataclass(frozen=True)
class UpcomingMilestone:
    milestone: object
    days_left: int
    running: bool


def current_phase(edition, milestones, today=None):
    """The milestone running today, else the last one that began, else before/after."""
    today = today or clock.today()
    if today < edition.starts_on:
        return Phase("Not started yet")
    if today > edition.ends_on:
        return Phase("Edition closed")
    running = [m for m in milestones if m.starts_on <= today <= m.last_day]
    if running:
        chosen = max(running, key=lambda m: (m.starts_on, m.pk))
        return Phase(chosen.name, chosen)
    begun = [m for m in milestones if m.starts_on <= today]
    if begun:
        chosen = max(begun, key=lambda m: (m.last_day, m.pk))
        return Phase(f"After {chosen.name}", chosen)
    return Phase("Getting ready")


def upcoming(milestones, today=None, count=3):
    """The next milestones still to come or still running, with days left."""
    today = today or clock.today()
    ahead = [m for m in milestones if m.last_day >= today]
    ahead.sort(key=lambda m: (m.starts_on, m.pk))
    result = []
    for milestone in ahead[:count]:
        running = milestone.starts_on <= today
        target = milestone.last_day if running else milestone.starts_on
        result.append(UpcomingMilestone(milestone, (target - today).days, running))
    return result


@dataclass(frozen=True)
class TimelineBar:
    milestone: object
    x: float
    width: float
    row: int


@dataclass(frozen=True)
class TimelineScale:
    """Positions, in percent of the edition's length, for drawing the year."""

    bars: list
    months: list
    today_x: float | None
    rows: int

    @property
    def height(self):
        return (self.rows + 2) * 26


def timeline_scale(edition, milestones, today=None):
    today = today or clock.today()
    span = (edition.ends_on - edition.starts_on).days + 1

    def position(day):
        return round(100 * (day - edition.starts_on).days / span, 3)

    bars, row_ends = [], []
    for milestone in sorted(milestones, key=lambda m: (m.starts_on, m.pk)):
        row = next(
            (i for i, end in enumerate(row_ends) if end < milestone.starts_on),
            len(row_ends),
        )
        if row == len(row_ends):
            row_ends.append(milestone.last_day)
        row_ends[row] = milestone.last_day
        x = position(milestone.starts_on)
        width = max(position(milestone.last_day) + 100 / span - x, 0.6)
        bars.append(TimelineBar(milestone, x, round(width, 3), row))
    months = _month_starts(edition, position)
    inside = edition.starts_on <= today <= edition.ends_on
    return TimelineScale(
        bars, months, position(today) if inside else None, len(row_ends)
    )


def _month_starts(edition, position):
    months, day = [], edition.starts_on.replace(day=1)
    while day <= edition.ends_on:
        if day >= edition.starts_on:
            months.append((position(day), day))
        day = day.replace(year=day.year + (day.month == 12), month=day.month % 12 + 1)
    return months
