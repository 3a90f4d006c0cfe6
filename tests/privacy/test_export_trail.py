"""Every export and download of personal data leaves an audit row."""

import pytest
from django.urls import reverse

from tandem.core.models import AuditEntry


def ed(*rest):
    return lambda w: [
        w.edition.slug,
        *(part(w) if callable(part) else part for part in rest),
    ]


EXPORTS = [
    ("applications:export", ed("csv"), "applications.exported.csv"),
    ("reports:export", ed("funnel", "xlsx"), "report.exported.funnel.xlsx"),
    ("reports:pdf", ed(), "report.exported.pdf"),
    ("matching:export", ed(lambda w: w.extra["run"].pk), "matching.export"),
    ("mentoring:checkpoint_export", ed("csv"), "checkpoint.exported.csv"),
    (
        "surveys:export",
        ed(lambda w: w.extra["survey"].pk, "csv"),
        "survey.exported.csv",
    ),
    (
        "certificates:pdf",
        ed(lambda w: w.extra["certificate"].code),
        "certificate.downloaded",
    ),
]


@pytest.mark.parametrize(("url_name", "args", "action"), EXPORTS, ids=str)
def test_the_export_is_traced_with_actor_and_edition(
    client, world, url_name, args, action
):
    coordinator = world.people["international"]
    client.force_login(coordinator)

    response = client.get(reverse(url_name, args=args(world)))

    assert response.status_code == 200
    assert list(
        AuditEntry.objects.filter(action=action).values_list("actor", "edition")
    ) == [(coordinator.pk, world.edition.pk)]
