"""The certificate template: placeholders, escaping, and what WeasyPrint may fetch."""

import pytest
from django.core.exceptions import ValidationError

from tandem.certificates.domain import rendering, setup
from tandem.certificates.domain.issuing import template_of
from tandem.certificates.models import DEFAULT_BODY
from tests.certificates.conftest import pdf_text


def values(**changes):
    fields = {
        "name": "Őrs Łukasz Wójcik",
        "role": "mentor",
        "edition": "2023/24",
        "associations": ["Alumni Poland", "Alumni Hungary"],
        "date": "20 June 2024",
        "code": "abc123",
        "verify_url": "http://testserver/verify/abc123/",
    }
    fields.update(changes)
    return rendering.Values(**fields)


def test_an_unknown_placeholder_is_refused_with_the_known_ones_listed():
    with pytest.raises(ValidationError) as error:
        rendering.check_body("<p>{{ name }} from {{ employer }}</p>")

    (message,) = error.value.messages
    assert message.startswith(
        "Unknown placeholder {{ employer }}. The template may use"
    )
    assert "{{ verify_url }}" in message


def test_template_tags_are_refused():
    with pytest.raises(ValidationError) as error:
        rendering.check_body("<p>{% load static %}{{ name }}</p>")

    assert error.value.messages == [
        "Only placeholders like {{ name }} may use braces; "
        "template tags such as {% … %} are not allowed."
    ]


def test_a_refused_template_leaves_the_saved_one_unchanged(closure):
    edition, coordinator = closure["edition"], closure["coordinator"]

    with pytest.raises(ValidationError):
        setup.save_template(edition, "<p>{{ nickname }}</p>", actor=coordinator)

    assert template_of(edition).body == DEFAULT_BODY


def test_the_name_keeps_every_diacritic_and_other_scripts_in_the_pdf():
    name = "Őrs Łukasz Wójcik · Жанна · مريم"

    pdf = rendering.render_pdf(DEFAULT_BODY, values(name=name))

    text = pdf_text(pdf)
    assert name in text
    assert "Alumni Poland and Alumni Hungary" in text


def test_markup_in_a_name_is_printed_as_text_not_obeyed():
    pdf = rendering.render_pdf("<p>{{ name }}</p>", values(name="<b>Ana</b> & Co"))

    assert pdf_text(pdf).strip() == "<b>Ana</b> & Co"


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/logo.png",
        "http://127.0.0.1:8000/admin/",
        "file:///etc/passwd",
        f"{rendering.STATIC_BASE}../settings.py",
        f"{rendering.STATIC_BASE}img/no-such-file.png",
    ],
)
def test_the_fetcher_refuses_anything_but_our_static_files(url):
    fetcher = rendering.ProjectOnlyFetcher()

    with pytest.raises(rendering.RefusedURL):
        fetcher.fetch(url)

    assert fetcher.refused == [url]


def test_the_fetcher_serves_our_static_files_and_data_urls():
    fetcher = rendering.ProjectOnlyFetcher()

    favicon = fetcher.fetch(f"{rendering.STATIC_BASE}img/favicon.svg")
    inline = fetcher.fetch("data:text/plain;base64,SGVsbG8=")

    assert favicon.read().startswith(b"<svg")
    assert inline.read() == b"Hello"
    assert fetcher.refused == []


def test_a_template_that_points_outside_is_refused_on_save(closure):
    body = '<img src="https://tracker.example.org/pixel.png" alt="">{{ name }}'

    with pytest.raises(ValidationError) as error:
        setup.save_template(closure["edition"], body, actor=closure["coordinator"])

    assert error.value.messages == [
        "The template refers to addresses Tandem does not fetch: "
        "https://tracker.example.org/pixel.png. Use images uploaded to Tandem or "
        "the project's static files."
    ]
    assert template_of(closure["edition"]).body == DEFAULT_BODY
