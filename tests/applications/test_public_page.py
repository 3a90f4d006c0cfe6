"""The public page of an association in an edition: who may apply, dates, apply."""

import datetime as dt

import pytest
from django.urls import reverse

from tests import factories

RULE = "Alumni who paid this year's fee & live in Poland."


@pytest.fixture
def public(db):
    edition = factories.make_edition(
        "2030/31", dt.date(2030, 9, 1), dt.date(2031, 6, 30)
    )
    poland = factories.make_association("PL", "Alumni Polska", membership_rule=RULE)
    factories.make_association("HU", "Alumni Hungary")
    factories.join(edition, poland)
    for name, kind, starts, ends in (
        ("Mentoring year", "mentoring", dt.date(2030, 12, 1), dt.date(2031, 5, 31)),
        ("Applications", "applications", dt.date(2030, 10, 9), dt.date(2030, 11, 12)),
        ("Closure ceremony", "closure", dt.date(2031, 6, 14), None),
    ):
        factories.make_milestone(edition, name, kind, starts, ends)
    return edition


def _page(client, edition, country="PL"):
    return client.get(reverse("applications:about", args=[edition.slug, country]))


def test_an_anonymous_visitor_reads_who_may_apply_and_the_dates(
    client, public, settings
):
    settings.TANDEM_TODAY = "2030-10-20"

    response = _page(client, public)

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Tandem 2030/31 with Alumni Polska</h1>" in html
    assert (
        "<h2>Who may apply</h2>\n"
        "<p>Alumni who paid this year&#x27;s fee &amp; live in Poland.</p>"
    ) in html
    assert (
        "<ul><li>Applications: 9 October 2030 – 12 November 2030</li>"
        "<li>Mentoring year: 1 December 2030 – 31 May 2031</li>"
        "<li>Closure ceremony: 14 June 2031</li></ul>"
    ) in html


def test_while_applications_are_open_both_apply_buttons_show(client, public, settings):
    settings.TANDEM_TODAY = "2030-11-12"

    html = _page(client, public, "pl").content.decode()

    slug = public.slug
    assert (
        f'<a class="button" href="/e/{slug}/applications/apply/mentee/">'
        "Apply as a mentee</a> "
        f'<a class="button" href="/e/{slug}/applications/apply/mentor/">'
        "Apply as a mentor</a>"
    ) in html


@pytest.mark.parametrize(
    ("today", "sentence"),
    [
        (
            "2030-10-08",
            "<p>Applications open from 9 October 2030 to 12 November 2030.</p>",
        ),
        ("2030-11-13", "<p>Applications closed on 12 November 2030.</p>"),
    ],
)
def test_outside_the_window_the_page_says_when_without_buttons(
    client, public, settings, today, sentence
):
    settings.TANDEM_TODAY = today

    html = _page(client, public).content.decode()

    assert sentence in html
    assert "Apply as a" not in html


def test_without_an_application_window_the_page_says_so(client, public, settings):
    settings.TANDEM_TODAY = "2030-10-20"
    public.milestones.filter(kind="applications").delete()

    html = _page(client, public).content.decode()

    assert "<p>The dates for applications are not set yet.</p>" in html
    assert "Apply as a" not in html


def test_an_association_that_did_not_join_the_edition_has_no_page(client, public):
    assert (
        _page(client, public, "HU").status_code,
        _page(client, public, "SE").status_code,
    ) == (404, 404)
