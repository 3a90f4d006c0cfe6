"""Pages of reports: coordinators only, each seeing the associations they hold."""

from tests.permissions import Case

COORDINATORS = "login 404 403 403 403 403 403 200 200 200 404"


def ed(w):
    return [w.edition.slug]


CASES = [
    Case("reports:edition", ed, COORDINATORS),
    Case("reports:pdf", ed, COORDINATORS),
    *(
        Case(
            "reports:export",
            lambda w, t=table, f=fmt: [w.edition.slug, t, f],
            COORDINATORS,
        )
        for table in (
            "funnel",
            "pairs",
            "meetings",
            "trainings",
            "editions",
            "returning",
            "new_members",
        )
        for fmt in ("csv", "xlsx")
    ),
    Case(
        "reports:export",
        lambda w: [w.edition.slug, "people", "csv"],
        "login 404 403 403 403 403 403 404 404 404 404",
    ),
]
