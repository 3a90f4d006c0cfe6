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


# The drawing's layout in SVG user units; the browser scales it to the page.
LABEL_WIDTH, WIDTH, ROW, TOP = 260, 1000, 30, 34


@dataclass(frozen=True)
class TimelineBar:
    milestone: object
    x: float
    width: float
    y: float


@dataclass(frozen=True)
class TimelineScale:
    """A Gantt-like drawing of the year in SVG user units: one row per milestone,
    its name on the left, its bar on the months to the right."""

    bars: list
    months: list
    today_x: float | None
    height: float
    label_width: int = LABEL_WIDTH
    width: int = WIDTH
    row_height: int = ROW

    @property
    def bar_height(self):
        return self.row_height - 12

    @property
    def chart_bottom(self):
        return self.height - 6


def timeline_scale(edition, milestones, today=None):
    today = today or clock.today()
    span = (edition.ends_on - edition.starts_on).days + 1
    usable = WIDTH - LABEL_WIDTH - 10

    def position(day):
        return round(LABEL_WIDTH + usable * (day - edition.starts_on).days / span, 2)

    ordered = sorted(milestones, key=lambda m: (m.starts_on, m.pk or 0))
    bars = []
    for row, milestone in enumerate(ordered):
        x = position(milestone.starts_on)
        end = position(milestone.last_day) + usable / span
        bars.append(
            TimelineBar(milestone, x, round(max(end - x, 5), 2), TOP + row * ROW)
        )
    months = _month_starts(edition, position)
    inside = edition.starts_on <= today <= edition.ends_on
    return TimelineScale(
        bars=bars,
        months=months,
        today_x=position(today) if inside else None,
        height=TOP + max(len(bars), 1) * ROW + 16,
    )


def _month_starts(edition, position):
    months, day = [], edition.starts_on.replace(day=1)
    while day <= edition.ends_on:
        if day >= edition.starts_on:
            months.append((position(day), day))
        day = day.replace(year=day.year + (day.month == 12), month=day.month % 12 + 1)
    return months
