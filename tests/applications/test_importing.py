"""Every corpus form export through the Django import service, and the refusals."""

from collections import Counter
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from tandem.applications.domain import importing
from tandem.applications.models import Application, PrivacyConsent
from tandem.people.models import Membership, Person
from tandem.tabular.applications import prepare_applications
from tandem.tabular.errors import FileRefused
from tests.applications.conftest import import_corpus_file
from tests.tabular.conftest import CORPUS
from tests.tabular.test_forms import TOTALS


def _db_totals(applications):
    return (
        applications.count(),
        dict(Counter(applications.values_list("role", flat=True))),
        dict(Counter(applications.values_list("association__country", flat=True))),
        Counter(applications.values_list("preference", flat=True)),
        applications.exclude(linkedin_url="").count(),
    )


@pytest.mark.parametrize("relative", TOTALS)
def test_each_form_export_imports_with_the_expected_counts(corpus_edition, relative):
    edition, _, international = corpus_edition
    count, roles, associations, (local, international_, either), urls, _ = TOTALS[
        relative
    ]

    _, result = import_corpus_file(edition, relative, actor=international)

    assert result.created == count
    assert result.updated == 0
    assert _db_totals(Application.objects.filter(edition=edition)) == (
        count,
        roles,
        associations,
        Counter(local=local, international=international_, either=either),
        urls,
    )
    assert Membership.objects.filter(state="unverified").count() == count
    assert PrivacyConsent.objects.count() == count


def test_reimporting_the_same_file_updates_and_creates_nothing(corpus_edition):
    edition, _, international = corpus_edition
    relative = "forms/google-forms_mentors_PL-HU-SK_2023.csv"
    import_corpus_file(edition, relative, actor=international)
    people = Person.objects.count()

    _, again = import_corpus_file(edition, relative, actor=international)

    assert (again.created, again.updated, again.people_created) == (0, 42, 0)
    assert Application.objects.count() == 42
    assert Person.objects.count() == people
    assert Membership.objects.count() == 42


def test_names_and_values_with_diacritics_survive_the_import(corpus_edition):
    edition, _, international = corpus_edition
    for relative in (
        "forms/google-forms_mentors_PL-HU-SK_2023.csv",
        "forms/google-sheets_mentees_PL_locale-pl.csv",
        "forms/excel_mentors-mentees_HR_unicode-text.txt",
        "forms/excel_late-applications_RU-AE_csv-utf8.csv",
    ):
        import_corpus_file(edition, relative, actor=international)

    lukasz = Application.objects.get(person__email="lukasz.wojcik@example.pl")
    agnieszka = Application.objects.get(
        person__email="agnieszka.brzeczyszczykiewicz@example.pl"
    )
    simun = Application.objects.get(person__email="simun.duric@example.hr")
    mariam = Application.objects.get(person__email="mariam.almarzooqi@example.ae")

    assert lukasz.person.full_name == "Łukasz Wójcik"
    assert (lukasz.city, lukasz.employer, lukasz.member_number) == (
        "Kraków",
        "Tatrzańska Grupa IT S.A.",
        "0916",
    )
    assert lukasz.linkedin_url == "https://www.linkedin.com/in/łukasz-wójcik-1228bfd4"
    assert lukasz.availability == ["Weekday evenings, after 18:00", "Weekends"]
    assert (lukasz.capacity, lukasz.time_zone) == (2, "UTC+01:00")
    assert lukasz.submitted_at.isoformat() == "2023-10-10T14:14:31+00:00"
    assert lukasz.expertise.count("\n") == 1
    assert agnieszka.person.full_name == "Agnieszka Brzęczyszczykiewicz"
    assert agnieszka.years_experience == Decimal("3.5")
    assert agnieszka.employer == "Fundacja „Nowy Start”"
    assert agnieszka.capacity is None
    assert simun.person.full_name == "Šimun Đurić"
    assert simun.member_number == "HR/2017/22"
    assert mariam.extra_answers["Name in native script"] == "مريم المرزوقي"


def test_a_linkedin_warning_keeps_the_raw_text_and_stores_no_url(corpus_edition):
    edition, _, international = corpus_edition

    import_corpus_file(
        edition, "forms/google-forms_mentors_PL-HU-SK_2023.csv", actor=international
    )

    boglarka = Application.objects.get(person__full_name="Boglárka Varga")
    assert (boglarka.linkedin_url, boglarka.linkedin_raw) == (
        "",
        "LinkedIn: Boglárka Varga",
    )


@pytest.mark.parametrize(
    ("name", "first_error"),
    [
        ("required-fields-empty.csv", "row 3, E-mail: required, empty"),
        ("invalid-emails.csv", "row 3, E-mail: not an e-mail address"),
        ("mentor-capacity-invalid.csv", "row 3, Capacity: not a number 1–3"),
    ],
)
def test_a_partly_bad_file_is_refused_and_writes_nothing(
    corpus_edition, name, first_error
):
    edition, _, international = corpus_edition
    people = Person.objects.count()

    with pytest.raises(importing.ImportRefused) as refused:
        import_corpus_file(edition, f"bad/{name}", actor=international)

    assert refused.value.messages[0].startswith(first_error)
    assert Application.objects.count() == 0
    assert Person.objects.count() == people
    assert Membership.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("empty.csv", "the file is empty"),
        ("applications-screenshot.csv", "not a CSV/text file (an image)"),
        ("header-only.csv", "no data rows"),
    ],
)
def test_an_unreadable_file_is_refused_before_reading(corpus_edition, name, reason):
    path = CORPUS / "bad" / name

    with pytest.raises(FileRefused) as refused:
        importing.read_upload(path.read_bytes(), name)

    assert (refused.value.filename, refused.value.reason) == (name, reason)


def test_duplicates_need_a_decision_and_are_never_merged_silently(corpus_edition):
    edition, _, international = corpus_edition
    relative = "bad/duplicate-applicants.csv"

    with pytest.raises(importing.ImportRefused) as refused:
        import_corpus_file(edition, relative, actor=international)
    assert Application.objects.count() == 0
    assert len(refused.value.messages) == 3

    _, result = import_corpus_file(
        edition, relative, actor=international, decisions=_decisions(relative)
    )

    assert result.created == 19
    assert Application.objects.filter(person__email__startswith="wojcik.w").count() == 1


def _decisions(relative):
    path = CORPUS / relative
    table = importing.read_upload(path.read_bytes(), path.name)
    groups = prepare_applications(table, importing.mapping_for(table)).duplicate_groups
    return {
        str(i): "merge" if g.reason.startswith("same e-mail") else "keep"
        for i, g in enumerate(groups)
    }


def test_a_national_coordinator_imports_only_their_associations_rows(
    corpus_edition,
):
    edition, associations, international = corpus_edition

    with pytest.raises(importing.ImportRefused) as refused:
        import_corpus_file(
            edition,
            "forms/google-forms_mentors_PL-HU-SK_2023.csv",
            actor=international,
            scope=associations["PL"],
        )

    assert "belongs to HU; you import for PL only" in refused.value.messages[0]
    assert Application.objects.count() == 0


def test_the_command_prints_the_preview_and_imports(corpus_edition, capsys):
    edition, _, _ = corpus_edition
    path = CORPUS / "forms/excel_mentors-mentees_HR_unicode-text.txt"

    call_command(
        "import_applications",
        str(path),
        edition=edition.slug,
        mapping="hr-applicants-2023",
        dry_run=True,
    )
    assert Application.objects.count() == 0
    call_command(
        "import_applications",
        str(path),
        edition=edition.slug,
        mapping="hr-applicants-2023",
    )

    out = capsys.readouterr().out
    assert out.splitlines()[0] == (
        "excel_mentors-mentees_HR_unicode-text.txt: 24 applications, 0 skipped, "
        "0 errors, 2 warnings, 0 possible duplicates"
    )
    assert "imported: 24 created, 0 updated, 24 new people" in out
    assert Application.objects.count() == 24


def test_the_command_exits_non_zero_on_a_refused_file(corpus_edition, capsys):
    edition, _, international = corpus_edition
    path = CORPUS / "bad/invalid-emails.csv"
    table = importing.read_upload(path.read_bytes(), path.name)
    importing.save_preset(
        None, "template", importing.mapping_for(table), actor=international
    )

    with pytest.raises(CommandError, match=r"invalid-emails\.csv: refused"):
        call_command(
            "import_applications", str(path), edition=edition.slug, mapping="template"
        )

    assert "  error: row 5, E-mail: not an e-mail address" in capsys.readouterr().out
    assert Application.objects.count() == 0


def test_the_command_refuses_a_mapping_made_for_other_columns(corpus_edition):
    edition, _, _ = corpus_edition
    path = CORPUS / "bad/invalid-emails.csv"

    with pytest.raises(CommandError, match="made for a file with other columns"):
        call_command(
            "import_applications",
            str(path),
            edition=edition.slug,
            mapping="hr-applicants-2023",
        )


def test_the_command_reports_a_row_error_without_a_column_as_a_sentence(
    corpus_edition, capsys
):
    edition, _, international = corpus_edition
    path = CORPUS / "bad/ragged-rows.csv"
    table = importing.read_upload(path.read_bytes(), path.name)
    importing.save_preset(
        None, "template", importing.mapping_for(table), actor=international
    )

    with pytest.raises(CommandError, match=r"ragged-rows\.csv: refused"):
        call_command(
            "import_applications", str(path), edition=edition.slug, mapping="template"
        )

    out = capsys.readouterr().out.splitlines()
    errors = [line for line in out if line.startswith("  error")]
    assert errors == [
        "  error: row 5: 20 cells, the header has 19",
        "  error: row 8: 12 cells, the header has 19",
    ]


def test_the_command_names_the_mappings_it_knows_when_one_is_unknown(corpus_edition):
    edition, _, _ = corpus_edition
    path = CORPUS / "bad/invalid-emails.csv"

    with pytest.raises(CommandError) as refused:
        call_command(
            "import_applications", str(path), edition=edition.slug, mapping="nope"
        )

    assert str(refused.value).startswith(
        "No mapping 'nope'. Known: csl-mentees-sample,"
    )
    assert "hr-applicants-2023" in str(refused.value)


TEMPLATE = (
    "Full name,E-mail,Association,Member number,Role,Pair preference,"
    "Native language,Other languages,City,Country,Industry,Function,"
    "Years of experience,Employer,Expertise or goals,LinkedIn,Capacity,"
    "Motivation,Consent\r\n"
)


def _preview_rows(edition, lines, scope):
    table = importing.read_upload((TEMPLATE + "".join(lines)).encode(), "own-file.csv")
    return importing.preview_import(
        edition, table, importing.mapping_for(table, scope), scope=scope
    )


def test_a_national_coordinator_cannot_take_over_another_associations_applicant(
    corpus_edition,
):
    edition, associations, international = corpus_edition
    import_corpus_file(
        edition, "forms/google-forms_mentors_PL-HU-SK_2023.csv", actor=international
    )
    row = (
        "Hacked Name, ZSOFIA.SZOKE@example.hu ,PL,1,mentor,local,Polish,English,"
        "Kraków,Poland,IT,Dev,5,Firm,Goals,,2,Why,yes\r\n"
    )

    preview = _preview_rows(edition, [row], associations["PL"])

    assert [(e.row, e.column, e.message) for e in preview.errors] == [
        (
            2,
            "E-mail",
            "already applied as mentor through HU; you import for PL only",
        )
    ]
    with pytest.raises(importing.ImportRefused):
        importing.commit_import(
            edition, preview, actor=international, scope=associations["PL"]
        )
    application = Application.objects.get(person__email="zsofia.szoke@example.hu")
    assert (application.association.country, application.person.full_name) == (
        "HU",
        "Zsófia Szőke",
    )


def test_the_command_for_one_association_refuses_the_rows_of_others(
    corpus_edition, capsys
):
    edition, _, international = corpus_edition
    path = CORPUS / "forms/google-forms_mentors_PL-HU-SK_2023.csv"
    table = importing.read_upload(path.read_bytes(), path.name)
    importing.save_preset(
        None, "three-countries", importing.mapping_for(table), actor=international
    )

    with pytest.raises(CommandError, match=r"refused, nothing imported"):
        call_command(
            "import_applications",
            str(path),
            edition=edition.slug,
            association="PL",
            mapping="three-countries",
        )

    out = capsys.readouterr().out
    assert "belongs to HU; you import for PL only" in out
    assert "belongs to SK; you import for PL only" in out
    assert Application.objects.count() == 0
