"""A match run's proposals as CSV; every export leaves an audit row.

Names and reasons are what people typed, so cells go through the spreadsheet-safe
writer: a name starting with ``=`` opens as text, never as a formula.
"""

from tandem.core import audit
from tandem.matching.domain import queries
from tandem.tabular.export import write_csv

HEADERS = [
    "mentor",
    "mentor association",
    "mentee",
    "mentee association",
    "type",
    "language",
    "score",
    "pinned",
    "reason",
]


def export_run(run, scope, *, actor):
    """The proposals ``scope`` may see, as UTF-8 CSV bytes."""
    rows = [
        [
            p.mentor.person.full_name,
            p.mentor.association.country,
            p.mentee.person.full_name,
            p.mentee.association.country,
            p.pair_type,
            p.language,
            f"{p.score:.3f}",
            p.pinned,
            p.reason,
        ]
        for p in queries.proposals(run, scope)
    ]
    audit.record("matching.export", run, actor=actor, edition=run.edition)
    return write_csv(HEADERS, rows)
