"""The crawl's payloads outside the browser: e-mails, spreadsheet exports and the
certificate's HTML keep them inert."""

import csv
import datetime as dt
import html.parser
import io

import openpyxl
import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils.html import escape

from tandem.applications.domain.applying import save_application
from tandem.applications.domain.screening import decide_application
from tandem.certificates.domain.issuing import Printer
from tandem.certificates.domain.rendering import fill
from tandem.demo.edition import load_demo_edition
from tandem.matching.domain.publishing import introduce_pairs
from tandem.people.models import Person
from tandem.programs.models import Association
from tandem.reports.domain import report
from tandem.surveys.models import Survey
from tests.trust.payloads import (
    ASSOCIATION_NAME,
    COORDINATOR_PL,
    EMPLOYER,
    FORMULA_NAME,
    FORMULA_STARTS,
    INTERNATIONAL,
    MARK,
    MENTEE_NAME,
    MENTOR_NAME,
    SIGNATURE_LABEL,
    SITE_URL,
    SURVEY_ANSWER,
    SURVEY_ANSWERS,
    plant_payloads,
    script,
)

APPLICANT_NAME = f"Őrs {script('applicant name')} Kovács"


@pytest.fixture
def planted(db, settings):
    settings.TANDEM_TODAY = "2023-11-20"
    edition, _ = load_demo_edition()
    return edition, plant_payloads(edition)


def plain_text_only(message):
    """What a mail client gets: one text/plain part, nothing it renders as HTML."""
    assert message.content_subtype == "plain"
    assert getattr(message, "alternatives", []) == []
    assert message.attachments == []
    return message.body


def test_confirmation_and_decision_e_mails_carry_the_name_as_plain_text(
    planted, django_capture_on_commit_callbacks
):
    edition, _ = planted
    pl = Association.objects.get(country="PL")
    applicant = (
        Person.objects.filter(email__endswith="@pl.members.example")
        .exclude(applications__isnull=False)
        .order_by("-email")
        .first()
    )
    applicant.full_name = APPLICANT_NAME
    applicant.save(update_fields=["full_name"])
    answers = {"native_language": "Polish", "goals": "Grow"}

    with (
        override_settings(TANDEM_TODAY="2023-10-20"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        application = save_application(
            applicant,
            edition,
            pl,
            "mentee",
            answers,
            actor=applicant,
            submit=True,
            consent=True,
        )
    with django_capture_on_commit_callbacks(execute=True):
        decide_application(
            application, "waitlisted", actor=Person.objects.get(email=COORDINATOR_PL)
        )

    confirmation, decision = mail.outbox
    assert plain_text_only(confirmation).startswith(f"Hello {APPLICANT_NAME},\n")
    assert plain_text_only(decision).startswith(f"Hello {APPLICANT_NAME},\n")
    assert confirmation.to == decision.to == [applicant.email]


def test_the_pair_introduction_names_both_as_plain_text(planted):
    _, payloads = planted
    mail.outbox.clear()

    introduce_pairs([payloads.pair.pk], SITE_URL)

    to_mentor, to_mentee = mail.outbox
    for message in (to_mentor, to_mentee):
        body = plain_text_only(message)
        assert f"Mentor: {MENTOR_NAME} ({ASSOCIATION_NAME})" in body
        assert f"Mentee: {MENTEE_NAME} ({ASSOCIATION_NAME})" in body
        assert "&lt;" not in body
        assert "&#x27;" not in body
        assert message.subject == (
            f"Your Tandem 2023/24 pair: {MENTOR_NAME} and {MENTEE_NAME}"
        )


def csv_cells(response):
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def xlsx_cells(response):
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    return [
        [cell.value for cell in row] for sheet in book.worksheets for row in sheet.rows
    ]


def live_formulas(rows):
    return [
        cell
        for row in rows
        for cell in row
        if isinstance(cell, str) and cell.startswith(FORMULA_STARTS)
    ]


@pytest.mark.parametrize(("fmt", "read"), [("csv", csv_cells), ("xlsx", xlsx_cells)])
def test_the_application_export_neutralises_formula_like_answers(
    client, planted, fmt, read
):
    edition, payloads = planted
    client.force_login(Person.objects.get(email=INTERNATIONAL))

    response = client.get(reverse("applications:export", args=[edition.slug, fmt]))

    rows = read(response)
    by_name = {row[0]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    mentee = by_name[MENTEE_NAME]
    assert live_formulas(rows) == []
    assert by_name[f"'{FORMULA_NAME}"]["Motivation"] == (
        "'" + payloads.formula_person.applications.get().motivation
    )
    assert mentee["Employer"] == f"'{EMPLOYER}"
    assert mentee["Motivation"].startswith("'+I want to grow <script")
    assert mentee["Goals"].startswith("'-Lead a team")
    assert [value for title, value in mentee.items() if "Anything else" in title] == [
        f"'@me '><svg {MARK} onload=alert('extra answer')>"
    ]


def test_the_survey_export_neutralises_a_formula_like_answer(client, planted):
    edition, _ = planted
    survey = Survey.objects.get(edition=edition, kind=Survey.Kind.MID_TERM)
    client.force_login(Person.objects.get(email=INTERNATIONAL))

    response = client.get(
        reverse("surveys:export", args=[edition.slug, survey.pk, "csv"])
    )

    rows = csv_cells(response)
    answers = [row[2] for row in rows if row[0] == "Text"]
    assert live_formulas(rows) == []
    assert answers == [f"'{SURVEY_ANSWER}"] * SURVEY_ANSWERS


def test_the_match_run_export_neutralises_a_formula_like_name(client, planted):
    edition, payloads = planted
    client.force_login(Person.objects.get(email=INTERNATIONAL))

    response = client.get(
        reverse("matching:export", args=[edition.slug, payloads.run.pk])
    )

    rows = csv_cells(response)
    pinned = [(row[0], row[2]) for row in rows if row[7] == "True"]
    assert live_formulas(rows) == []
    assert sorted(pinned) == [
        (MENTOR_NAME, f"'{FORMULA_NAME}"),
        (MENTOR_NAME, MENTEE_NAME),
    ]


class MarkupFinder(html.parser.HTMLParser):
    """Collects the tags a browser or WeasyPrint would build from the HTML."""

    def __init__(self):
        super().__init__()
        self.injected = []

    def handle_starttag(self, tag, attrs):
        if any(name == MARK or name.startswith("on") for name, _ in attrs):
            self.injected.append(tag)


def test_the_certificate_html_escapes_names_associations_and_labels(planted):
    edition, payloads = planted
    printer = Printer(edition, SITE_URL)
    certificate = payloads.certificate

    values = printer.values(
        certificate.name, "mentor", certificate.code, dt.date(2024, 6, 20)
    )
    filled = fill(printer.body, values)

    finder = MarkupFinder()
    finder.feed(filled)
    assert certificate.name == MENTOR_NAME
    assert finder.injected == []
    assert escape(MENTOR_NAME) in filled
    assert escape(ASSOCIATION_NAME) in filled
    assert f"<p>{escape(SIGNATURE_LABEL)}</p>" in filled
    assert f'alt="{escape(SIGNATURE_LABEL)}"' in filled


def test_the_board_fragment_htmx_swaps_in_escapes_names_and_reasons(client, planted):
    edition, payloads = planted
    client.force_login(Person.objects.get(email=INTERNATIONAL))
    reason = f"Too close {script('veto reason')}"

    response = client.post(
        reverse("matching:change", args=[edition.slug, payloads.run.pk]),
        {
            "action": "veto",
            "mentor": payloads.pair.mentor_id,
            "mentee": payloads.pair.mentee_id,
            "reason": reason,
        },
        headers={"HX-Request": "true"},
    )

    fragment = response.content.decode()
    finder = MarkupFinder()
    finder.feed(fragment)
    assert response.status_code == 200
    assert not fragment.lstrip().startswith("<!doctype")
    assert finder.injected == []
    assert escape(MENTOR_NAME) in fragment
    assert escape(FORMULA_NAME) in fragment


def test_the_printable_report_escapes_association_names(planted):
    edition, _ = planted
    associations = list(edition.associations.order_by("name"))

    printable = report.print_html(edition, associations)

    finder = MarkupFinder()
    finder.feed(printable)
    assert finder.injected == []
    assert escape(ASSOCIATION_NAME) in printable
