"""Extra answers and the columns an import kept travel into both export formats."""

import csv
import io

import openpyxl
import pytest

from tandem.applications.domain import exporting, queries
from tandem.applications.models import Application
from tests.applications.conftest import import_corpus_file


@pytest.fixture
def answered(world):
    application = world.extra["application_a"]
    application.extra_answers = {
        "Topics": ["Leadership, teams", "=1+1"],
        "Share my photo": True,
        "Did you take part before?": False,
        "How confident are you in English?": 4,
        "Nickname": "@boss",
        "Name": "Zosia",
    }
    application.save()
    return application


def export(world, fmt):
    visible = queries.visible_applications(world.people["national_a"], world.edition)
    applications = queries.with_scores(visible).filter(pk__in=_ids(world))
    return exporting.export_applications(
        applications, fmt, actor=world.people["national_a"], edition=world.edition
    )


def _ids(world):
    return [world.extra["application_a"].pk]


def test_the_csv_has_a_column_per_extra_answer_with_cells_neutralised(world, answered):
    rows = list(csv.reader(io.StringIO(export(world, "csv").decode("utf-8-sig"))))

    extra = dict(zip(rows[0][-6:], rows[1][-6:], strict=True))
    assert extra == {
        "Topics": "Leadership, teams; =1+1",
        "Share my photo": "yes",
        "Did you take part before?": "no",
        "How confident are you in English?": "4",
        "Nickname": "'@boss",
        "Name (extra)": "Zosia",
    }
    assert rows[0][0] == "Name"


def test_the_xlsx_has_the_same_columns(world, answered):
    book = openpyxl.load_workbook(io.BytesIO(export(world, "xlsx")))
    header, row = list(book.active.iter_rows(values_only=True))[:2]

    assert dict(zip(header[-6:], row[-6:], strict=True)) == {
        "Topics": "Leadership, teams; =1+1",
        "Share my photo": "yes",
        "Did you take part before?": "no",
        "How confident are you in English?": 4,
        "Nickname": "'@boss",
        "Name (extra)": "Zosia",
    }


def test_columns_an_import_did_not_map_are_exported(corpus_edition):
    edition, _, international = corpus_edition
    import_corpus_file(
        edition, "forms/microsoft-forms_mentees_SE-AE-BE.xlsx", actor=international
    )
    applications = queries.with_scores(
        Application.objects.filter(edition=edition)
    ).filter(person__email="asa.oberg@example.se")

    data = exporting.export_applications(
        applications, "csv", actor=international, edition=edition
    )

    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    exported = dict(zip(rows[0], rows[1], strict=True))
    kept = Application.objects.get(person__email="asa.oberg@example.se").extra_answers
    assert sorted(kept) == sorted(title for title in rows[0][len(exporting.COLUMNS) :])
    assert exported["ID"] == "23"
    assert exported["Email"] == "anonymous"


def test_the_detail_page_shows_extra_answers_as_text(world, answered, client):
    client.force_login(world.people["national_a"])
    url = f"/e/{world.edition.slug}/applications/{answered.pk}/"

    page = client.get(url).content.decode()

    assert "<dt>Topics</dt><dd>Leadership, teams; =1+1</dd>" in page
    assert "<dt>Share my photo</dt><dd>yes</dd>" in page


def test_the_detail_page_shows_years_as_written_and_decisions_as_actions(world, client):
    application = world.extra["application_a"]
    application.years_experience = 0
    application.save()
    client.force_login(world.people["international"])
    url = f"/e/{world.edition.slug}/applications/{application.pk}/"

    zero = client.get(url).content.decode()
    application.years_experience = 28
    application.save()
    whole = client.get(url).content.decode()

    assert "<dt>Years of experience</dt><dd>0</dd>" in zero
    assert "<dt>Years of experience</dt><dd>28</dd>" in whole
    assert 'value="accepted">Accept</button>' in whole
    assert 'value="rejected" class="secondary">Reject</button>' in whole


@pytest.mark.parametrize(("years", "shown"), [("17", "17"), ("7.5", "7.5"), ("0", "0")])
def test_the_csv_writes_years_as_written(world, years, shown):
    application = world.extra["application_a"]
    application.years_experience = years
    application.save()

    rows = list(csv.reader(io.StringIO(export(world, "csv").decode("utf-8-sig"))))

    assert rows[1][rows[0].index("Years of experience")] == shown
