"""Survey results as coordinators see them: rates, distributions, texts, exports.

The anonymity rule: a protected question (every question of an anonymous survey,
and any question not marked non-anonymous) shows a group only when it holds at
least ``MIN_GROUP`` answers and every neighbouring group (the same filters with
one or more filtered values changed) holds none or at least ``MIN_GROUP``. So no
difference of two groups a coordinator can display, e.g. "association A" minus
"association A, mentors", isolates fewer than five people.

A national coordinator's results are confined to their associations before any
filter applies; the association filter cannot widen that.
"""

import itertools
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count

from tandem.core import audit
from tandem.programs.roles import roles_for
from tandem.surveys.domain.answering import participants
from tandem.surveys.models import Answer, Question, Response
from tandem.tabular.export import write_csv, write_xlsx

MIN_GROUP = 5
NO_PAIR = "none"
ROLES = ("mentor", "mentee")
PAIR_TYPES = ("local", "international", NO_PAIR)
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
EXPORT_COLUMNS = ["Section", "Question", "Value", "Count", "Share (%)"]


@dataclass(frozen=True)
class Filters:
    association: int | None = None
    role: str = ""
    pair_type: str = ""

    def as_cell_filter(self):
        """{position in a cell: value} for the filters that are set."""
        chosen = (self.association, self.role, self.pair_type)
        return {i: v for i, v in enumerate(chosen) if v not in (None, "")}


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    share: int
    x: float
    width: float
    y: float
    height: float


@dataclass
class QuestionResult:
    question: Question
    count: int = 0
    shown: bool = False
    bars: list = field(default_factory=list)
    mean: float | None = None
    recommendation: int | None = None
    texts: list = field(default_factory=list)

    @property
    def chart(self):
        return self.question.kind not in Question.TEXT


@dataclass
class Results:
    survey: object
    filters: Filters
    associations: list
    rates: list
    questions: list
    responses: int


def visible_association_ids(viewer, survey):
    roles = roles_for(viewer, survey.edition)
    joined = survey.edition.associations.values_list("pk", flat=True)
    if roles.international:
        return set(joined)
    return set(joined) & set(roles.national_of)


def results(survey, *, viewer, filters=Filters()):
    scope = visible_association_ids(viewer, survey)
    if filters.association is not None and filters.association not in scope:
        scope = set()
    return results_in_scope(survey, scope, filters)


def results_in_scope(survey, scope, filters=Filters()):
    """The results over the associations whose ids are in ``scope``."""
    associations = list(survey.edition.associations.filter(pk__in=scope))
    cells_by_question, rows_by_question = _answers(survey, scope)
    wanted = filters.as_cell_filter()
    questions = [
        _question_result(
            q, cells_by_question.get(q.pk, Counter()), rows_by_question, wanted
        )
        for q in survey.questions.all()
    ]
    rates = _rates(survey, scope, filters, associations)
    return Results(
        survey=survey,
        filters=filters,
        associations=associations,
        rates=rates,
        questions=questions,
        responses=sum(row["answered"] for row in rates),
    )


def _answers(survey, scope):
    """Answers in scope grouped by question: per-cell counts and the rows."""
    rows = Answer.objects.filter(
        response__survey=survey, response__association__in=scope
    ).values_list(
        "question_id",
        "response__association_id",
        "response__role",
        "response__pair_type",
        "number",
        "choices",
        "text",
        "response__person__full_name",
    )
    cells, grouped = {}, {}
    for question_id, association, role, pair_type, *value in rows:
        cell = (association, role, pair_type or NO_PAIR)
        cells.setdefault(question_id, Counter())[cell] += 1
        grouped.setdefault(question_id, []).append((cell, *value))
    return cells, grouped


def group_is_shown(cells, wanted):
    """The anonymity rule for one question's answers; see the module docstring."""

    def count(chosen):
        return sum(
            n
            for cell, n in cells.items()
            if all(cell[i] == v for i, v in chosen.items())
        )

    if count(wanted) < MIN_GROUP:
        return False
    positions = sorted(wanted)
    values = [sorted({cell[i] for cell in cells} | {wanted[i]}) for i in positions]
    for combination in itertools.product(*values):
        neighbour = dict(zip(positions, combination, strict=True))
        if neighbour != wanted and 0 < count(neighbour) < MIN_GROUP:
            return False
    return True


def _question_result(question, cells, rows_by_question, wanted):
    rows = [
        row[1:]
        for row in rows_by_question.get(question.pk, [])
        if all(row[0][i] == v for i, v in wanted.items())
    ]
    result = QuestionResult(question=question, count=len(rows))
    result.shown = group_is_shown(cells, wanted) if question.protected else bool(rows)
    if not result.shown:
        return result
    if question.kind in Question.NUMERIC:
        numbers = [number for number, _c, _t, _n in rows]
        low, high = Question.RANGES[question.kind]
        result.bars = bars(Counter(numbers), [str(v) for v in range(low, high + 1)])
        result.mean = round(sum(numbers) / len(numbers), 1)
        if question.kind == Question.Kind.RECOMMEND:
            result.recommendation = recommendation_score(numbers)
    elif question.kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
        picked = Counter(c for _n, choices, _t, _p in rows for c in choices)
        result.bars = bars(picked, question.choices, total=len(rows))
    elif question.protected:
        result.texts = sorted(text for _n, _c, text, _p in rows)
    else:
        result.texts = sorted(
            f"{name or 'anonymous'}: {text}" for *_, text, name in rows
        )
    return result


@dataclass(frozen=True)
class Summary:
    """A survey in two figures; None where the five-answer rule hides them."""

    recommendation: int | None
    scale_mean: float | None


def summary(survey, scope):
    """The recommendation score and the mean 1–5 answer over ``scope``.

    Each question counts only if its results page would show it, so the summary
    reveals nothing the five-answer rule keeps back.
    """
    shown = [q for q in results_in_scope(survey, scope).questions if q.shown]
    recommendation = next(
        (q.recommendation for q in shown if q.recommendation is not None), None
    )
    scales = [q for q in shown if q.question.kind == Question.Kind.SCALE]
    answers = sum(q.count for q in scales)
    scale_mean = (
        round(sum(q.mean * q.count for q in scales) / answers, 1) if answers else None
    )
    return Summary(recommendation, scale_mean)


def recommendation_score(numbers):
    """Promoters (9–10) minus detractors (0–6), as whole percentage points."""
    if not numbers:
        return None
    promoters = sum(n >= 9 for n in numbers)
    detractors = sum(n <= 6 for n in numbers)
    return round(100 * (promoters - detractors) / len(numbers))


def bars(counts, labels, *, total=None):
    """Bars for a 100 × 50 chart area; heights are shares of the tallest bar."""
    labels = [str(label) for label in labels]
    counts = {str(k): v for k, v in counts.items()}
    total = total or sum(counts.values()) or 1
    top = max((counts.get(label, 0) for label in labels), default=0) or 1
    slot = 100 / max(len(labels), 1)
    result = []
    for index, label in enumerate(labels):
        count = counts.get(label, 0)
        height = round(50 * count / top, 2)
        result.append(
            Bar(
                label=label,
                count=count,
                share=round(100 * count / total),
                x=round(index * slot + slot * 0.15, 2),
                width=round(slot * 0.7, 2),
                y=round(50 - height, 2),
                height=height,
            )
        )
    return result


def _rates(survey, scope, filters, associations):
    """Invited and answered per association and role (pair type is not applied)."""
    invited = participants(survey).filter(association__in=scope)
    answered = Response.objects.filter(survey=survey, association__in=scope)
    if filters.association is not None:
        invited = invited.filter(association=filters.association)
        answered = answered.filter(association=filters.association)
    if filters.role:
        invited = invited.filter(role=filters.role)
        answered = answered.filter(role=filters.role)
    invited_counts = _counts(invited)
    answered_counts = _counts(answered)
    names = {a.pk: a.name for a in associations}
    rows = []
    for key in sorted(invited_counts.keys() | answered_counts.keys()):
        association, role = key
        invited_n, answered_n = invited_counts.get(key, 0), answered_counts.get(key, 0)
        rows.append(
            {
                "association": names.get(association, ""),
                "role": role,
                "invited": invited_n,
                "answered": answered_n,
                "rate": round(100 * answered_n / invited_n) if invited_n else None,
            }
        )
    return sorted(rows, key=lambda row: (row["association"], row["role"]))


def _counts(queryset):
    return {
        (row["association"], row["role"]): row["n"]
        for row in queryset.values("association", "role").annotate(n=Count("pk"))
    }


def export_rows(outcome):
    rows = [
        (
            "Response rate",
            f"{rate['association']}, {rate['role']}",
            f"{rate['answered']} of {rate['invited']}",
            rate["answered"],
            rate["rate"] if rate["rate"] is not None else "",
        )
        for rate in outcome.rates
    ]
    for result in outcome.questions:
        text = result.question.text
        if not result.shown:
            rows.append(("Hidden", text, f"fewer than {MIN_GROUP} answers", "", ""))
            continue
        rows += [
            ("Answers", text, bar.label, bar.count, bar.share) for bar in result.bars
        ]
        if result.recommendation is not None:
            rows.append(("Recommendation score", text, "", result.recommendation, ""))
        rows += [("Text", text, answer, 1, "") for answer in result.texts]
    return rows


def export(survey, fmt, *, viewer, filters=Filters()):
    """The results as the viewer may see them, as CSV or XLSX; audited."""
    rows = export_rows(results(survey, viewer=viewer, filters=filters))
    if fmt == "csv":
        data = write_csv(EXPORT_COLUMNS, rows)
    elif fmt == "xlsx":
        data = write_xlsx(EXPORT_COLUMNS, rows, title=f"Survey {survey.pk}")
    else:
        raise ValueError(f"unknown export format {fmt!r}")
    audit.record(f"survey.exported.{fmt}", survey, actor=viewer, edition=survey.edition)
    return data
