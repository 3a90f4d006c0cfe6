"""The application list as a spreadsheet; every export leaves an audit row."""

from tandem.core import audit
from tandem.tabular.export import write_csv, write_xlsx

COLUMNS = [
    ("Name", lambda a: a.person.full_name),
    ("E-mail", lambda a: a.person.email),
    ("Association", lambda a: a.association.country),
    ("Role", lambda a: a.role),
    ("State", lambda a: a.state),
    ("Decision", lambda a: a.decision),
    ("Membership", lambda a: getattr(a, "membership_state", "") or ""),
    ("Member number", lambda a: a.member_number),
    ("Preference", lambda a: a.preference),
    ("Native language", lambda a: a.native_language),
    ("Other languages", lambda a: a.other_languages),
    ("Country", lambda a: a.country),
    ("City", lambda a: a.city),
    ("Time zone", lambda a: a.time_zone),
    ("Industry", lambda a: a.industry),
    ("Function", lambda a: a.function),
    ("Years of experience", lambda a: _number(a.years_experience)),
    ("Employer", lambda a: a.employer),
    ("Expertise", lambda a: a.expertise),
    ("Goals", lambda a: a.goals),
    ("LinkedIn", lambda a: a.linkedin_url or a.linkedin_raw),
    ("Availability", lambda a: a.availability),
    ("Capacity", lambda a: a.capacity),
    ("Motivation", lambda a: a.motivation),
    ("Mean score", lambda a: getattr(a, "mean_score", None)),
    ("Reviews", lambda a: int(getattr(a, "review_count", None) or 0)),
    ("Submitted at", lambda a: a.submitted_at.isoformat() if a.submitted_at else ""),
]
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}


def _number(value):
    """17 years as 17, not 17.0; seven and a half as 7.5."""
    if value is None:
        return None
    return int(value) if value == int(value) else float(value)


def _answer(value):
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "" if value is None else value


def answer_text(value):
    """An extra answer as a person reads it: lists joined, yes/no for booleans."""
    value = _answer(value)
    return "; ".join(map(str, value)) if isinstance(value, list) else str(value)


def extra_columns(applications):
    """Extra questions' and unmapped import columns' titles, in order of appearance.

    A title that equals a core column's gets a suffix, so no answer hides another.
    """
    core = {title for title, _ in COLUMNS}
    titles = {}
    for application in applications:
        for question in application.extra_answers:
            titles.setdefault(
                question, f"{question} (extra)" if question in core else question
            )
    return titles


def export_applications(applications, fmt, *, actor, edition, association=None):
    """A CSV or XLSX file; cells a spreadsheet would run are neutralised.

    Every extra answer gets its own column, so nothing an applicant answered or a
    file carried is left out of the export.
    """
    applications = list(applications)
    extras = extra_columns(applications)
    headers = [title for title, _ in COLUMNS] + list(extras.values())
    rows = (
        [value(a) for _, value in COLUMNS]
        + [_answer(a.extra_answers.get(question)) for question in extras]
        for a in applications
    )
    if fmt == "csv":
        data = write_csv(headers, rows)
    elif fmt == "xlsx":
        data = write_xlsx(
            headers, rows, title=f"Applications {edition.name}".replace("/", "-")
        )
    else:
        raise ValueError(f"unknown export format {fmt!r}")
    audit.record(
        f"applications.exported.{fmt}",
        None,
        actor=actor,
        association=association,
        edition=edition,
    )
    return data
