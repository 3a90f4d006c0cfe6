"""Closure in a real browser: the international coordinator issues a mentor's
certificate, the public page confirms it, and the PDF carries the name exactly."""

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tandem.demo.edition import DemoPassword
from tandem.events.domain.people import events_for
from tandem.events.models import Attendance
from tandem.mentoring.domain.pairs import accept_contract, create_pairs
from tandem.people.models import Person
from tests.mentoring.helpers import make_application

pytestmark = pytest.mark.browser

COORDINATOR = "karolina.nowicka@tandem.example"
MENTOR = "lukasz.wojcik.00@pl.members.example"
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "certificates"


@pytest.fixture
def mentor(demo_edition, settings):
    """Łukasz Wójcik mentors a PL member, both signed, every mandatory training
    attended; the closure is in June."""
    mentor = Person.objects.get(email=MENTOR)
    mentee = Person.objects.filter(email__endswith="@pl.members.example").exclude(
        pk=mentor.pk
    )[0]
    DemoPassword().apply(mentor)
    pl = mentor.memberships.get().association
    mentor_app = make_application(mentor, demo_edition, pl, "mentor")
    mentee_app = make_application(mentee, demo_edition, pl, "mentee")
    settings.TANDEM_TODAY = "2023-11-30"
    (pair,) = create_pairs(
        demo_edition,
        [(mentor_app.pk, mentee_app.pk, "local", "Polish")],
        actor=None,
        source="demo run 1",
    )
    accept_contract(pair, actor=mentor)
    accept_contract(pair, actor=mentee)
    for event in events_for(mentor, demo_edition).filter(mandatory=True):
        Attendance.objects.create(
            event=event,
            person=mentor,
            minutes=120,
            source="roster",
            recorded_at=dt.datetime(2023, 11, 30, 12, tzinfo=dt.UTC),
        )
    settings.TANDEM_TODAY = "2024-06-20"
    return mentor


def test_the_coordinator_issues_a_certificate_that_verifies(
    page, login, mentor, screenshot, axe_check
):
    import pypdfium2

    login(page, COORDINATOR)
    page.goto("/e/2023-24/certificates/settings/")
    mentors_rule = page.locator("form.rule-form").first
    mentors_rule.get_by_label("the final survey answered").uncheck()
    mentors_rule.get_by_role("button", name="Save the rule for mentors").click()
    expect(page.get_by_text("Eligibility of mentors saved.")).to_be_visible()
    screenshot(page, "settings")
    axe_check(page)

    page.goto("/e/2023-24/certificates/?role=mentor")
    row = page.locator(f"#person-{mentor.pk}")
    expect(row.get_by_text("Eligible")).to_be_visible()
    screenshot(page, "list")
    axe_check(page)
    row.get_by_role("button", name="Issue certificate to Łukasz Wójcik").click()
    expect(page.get_by_text(re.compile(r"issued to Łukasz Wójcik"))).to_be_visible()
    code = page.locator(f"#person-{mentor.pk} a").first.inner_text()

    pdf = page.request.get(f"/e/2023-24/certificates/{code}/pdf/")
    page.context.clear_cookies()
    page.goto(f"/verify/{code}/")

    expect(page.locator("dd.name")).to_have_text("Łukasz Wójcik")
    expect(page.locator("dd.status")).to_have_text("Valid")
    screenshot(page, "verify")
    axe_check(page)
    assert pdf.headers["content-type"] == "application/pdf"
    document = pypdfium2.PdfDocument(pdf.body())
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    # 3× is about 216 dots per inch, enough for the OCR to tell Ł and ó apart.
    document[0].render(scale=3).to_pil().save(ARTIFACTS / "certificate.png")
    text = document[0].get_textpage().get_text_range()
    document.close()
    assert "Łukasz Wójcik" in text
    assert f"/verify/{code}/" in text
    # The text layer could hold the name while the glyphs drawn are boxes or the
    # wrong letters; reading the picture back proves what a person sees.
    assert "Łukasz Wójcik" in read_picture(ARTIFACTS / "certificate.png")


def read_picture(path):
    """The text Tesseract (Debian's, with its Polish data) reads in a PNG."""
    tesseract = shutil.which("tesseract")
    if tesseract is None:
        pytest.fail(
            "The certificate test needs Debian's tesseract-ocr; bin/test installs it."
        )
    result = subprocess.run(  # noqa: S603 (a fixed program on a file we wrote)
        [tesseract, str(path), "-", "-l", "pol"],
        capture_output=True,
        check=True,
        text=True,
        timeout=120,
    )
    return " ".join(result.stdout.split())
