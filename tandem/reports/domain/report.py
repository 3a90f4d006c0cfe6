"""The report as a whole: scope, charts, exports and the PDF."""

from dataclasses import dataclass

from django.template.loader import render_to_string

from tandem.certificates.domain.rendering import STATIC_BASE, ProjectOnlyFetcher
from tandem.core import audit
from tandem.programs.roles import roles_for
from tandem.reports.domain import tables
from tandem.tabular.export import write_csv, write_xlsx

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def associations_in_scope(person, edition):
    """All of the edition's associations for its international coordinator, the
    coordinator's own for a national coordinator."""
    roles = roles_for(person, edition)
    associations = edition.associations.order_by("name")
    if roles.international:
        return associations
    return associations.filter(pk__in=roles.national_of)


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    y: int
    width: float


@dataclass(frozen=True)
class BarChart:
    """A horizontal bar chart drawn in SVG units: 100 wide, 10 per bar."""

    title: str
    bars: tuple

    @property
    def height(self):
        return max(len(self.bars), 1) * 10


def bar_chart(title, pairs):
    pairs = list(pairs)
    top = max((value for _, value in pairs), default=0) or 1
    return BarChart(
        title,
        tuple(
            Bar(str(label), value, index * 10, round(60 * value / top, 2))
            for index, (label, value) in enumerate(pairs)
        ),
    )


def build(edition, associations):
    funnel = tables.funnel(edition, associations)
    pairs = tables.pair_types(edition, associations)
    meetings = tables.meetings_per_pair(edition, associations)
    trainings = tables.training_attendance(edition, associations)
    answered = tables.surveys(edition, associations)
    total = funnel.rows[-1]
    return {
        "tables": [funnel, pairs, meetings, trainings, answered],
        "charts": [
            bar_chart(
                "Funnel, all associations in view",
                zip(funnel.headers[1:], total[1:], strict=True),
            ),
            bar_chart(
                "Local and international pairs",
                [("Local", pairs.rows[-1][1]), ("International", pairs.rows[-1][2])],
            ),
            bar_chart("Meetings per pair", meetings.rows),
            bar_chart("Training attendance", [(r[0], r[3]) for r in trainings.rows]),
        ],
        "survey_note": (
            "How many people in view answered each survey, its recommendation "
            "score (promoters minus detractors) and mean 1–5 answer; a figure is "
            "blank where fewer than five answers would stand behind it. Each "
            "survey's results page has the rest."
        ),
    }


def build_across(edition, associations):
    return [
        function(edition, associations) for function in tables.ACROSS_TABLES.values()
    ]


def export(edition, associations, key, fmt, *, actor):
    table = tables.ALL_TABLES[key](edition, associations)
    if fmt == "csv":
        data = write_csv(table.headers, table.rows)
    elif fmt == "xlsx":
        data = write_xlsx(table.headers, table.rows, title=key)
    else:
        raise ValueError(f"unknown export format {fmt!r}")
    audit.record(f"report.exported.{key}.{fmt}", None, actor=actor, edition=edition)
    return data


def print_html(edition, associations):
    """The printable report's HTML, what WeasyPrint turns into the PDF."""
    context = {
        "edition": edition,
        "associations": associations,
        **build(edition, associations),
        "across": build_across(edition, associations),
    }
    return render_to_string("reports/edition/print.html", context)


def pdf(edition, associations, *, actor):
    from weasyprint import HTML

    html = print_html(edition, associations)
    fetcher = ProjectOnlyFetcher()
    data = HTML(string=html, base_url=STATIC_BASE, url_fetcher=fetcher).write_pdf()
    audit.record("report.exported.pdf", None, actor=actor, edition=edition)
    return data
