import csv
import io

from django.urls import reverse

from tandem.core.models import AuditEntry
from tandem.matching.domain import runs
from tandem.people.models import Person


def test_the_run_export_opens_a_formula_like_name_as_text(client, cohort):
    person = Person.objects.get(full_name="Adam Mazur")
    person.full_name = '=HYPERLINK("https://evil.invalid","Adam")'
    person.save(update_fields=["full_name"])
    run = runs.start_run(cohort["edition"], actor=cohort["actor"])
    client.force_login(cohort["actor"])

    response = client.get(
        reverse("matching:export", args=[cohort["edition"].slug, run.pk])
    )

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    mentors = sorted(row[0] for row in rows[1:])
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert mentors == [
        '\'=HYPERLINK("https://evil.invalid","Adam")',
        "Bence Tóth",
        "Ewa Lis",
    ]
    assert AuditEntry.objects.filter(action="matching.export").count() == 1
