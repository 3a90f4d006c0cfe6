"""The certificate PDF: the coordinator's HTML with its placeholders filled in.

Placeholders are ``{{ name }}`` and friends, replaced by escaped text; the body
is never run as a Django template, so a coordinator cannot reach template tags.
WeasyPrint fetches only the project's own static files and ``data:`` images:
any other address is refused, so a template cannot make the server call out.
"""

import base64
import binascii
import functools
import logging
import re
import urllib.parse
import urllib.request
from dataclasses import dataclass, field

from django.contrib.staticfiles import finders
from django.core.exceptions import ValidationError
from django.utils.html import escape
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger(__name__)

PLACEHOLDERS = {
    "name": "the person's name, as they write it",
    "role": "mentor or mentee",
    "edition": "the edition, e.g. 2023/24",
    "associations": "the names of the edition's associations",
    "logos": "the associations' logos",
    "signatures": "the signatures, as images with their labels",
    "date": "the day of issue",
    "code": "the certificate's code",
    "verify_url": "the address of the public verification page",
}
PLACEHOLDER = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")
TEMPLATE_SYNTAX = re.compile(r"\{\{|\}\}|\{%|%\}")
STATIC_BASE = "https://static.tandem.invalid/"
MAX_BODY = 50_000

# Fonts come from the system's fontconfig: DejaVu covers Latin, Cyrillic and
# Arabic (Debian package fonts-dejavu-core); WeasyPrint embeds the glyphs used.
PAGE_CSS = """
@page { size: A4 landscape; margin: 18mm; }
body { font-family: "DejaVu Sans", sans-serif; color: #1d2733; }
.certificate { text-align: center; }
.certificate h1 { font-size: 30pt; margin: 6mm 0; }
.certificate .name { font-size: 26pt; font-weight: bold; margin: 4mm 0; }
.logos img { height: 18mm; margin: 0 4mm; }
.signatures { display: flex; justify-content: space-around; margin-top: 10mm; }
.signature img { height: 16mm; display: block; margin: 0 auto; }
.code { font-size: 8pt; color: #555; margin-top: 8mm; }
"""


class RefusedURL(ValueError):
    pass


class ProjectOnlyFetcher(URLFetcher):
    """A WeasyPrint url_fetcher for ``data:`` URLs and our static files only."""

    def __init__(self):
        # URLFetcher's own __init__ builds an HTTPS context (about 0.1 s of loading
        # CA certificates) for handlers this fetcher never uses: fetch() below
        # answers everything itself. These are the attributes WeasyPrint reads.
        urllib.request.OpenerDirector.__init__(self)
        self._fail_on_errors = False
        self._allowed_protocols = None
        self._timeout = 0
        self._http_headers = {}
        self._request = None
        self.refused = []

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            content_type, data = _decode_data_url(url)
            return URLFetcherResponse(url, data, {"Content-Type": content_type})
        if url.startswith(STATIC_BASE):
            path = urllib.parse.unquote(url[len(STATIC_BASE) :].split("?")[0])
            found = finders.find(path) if ".." not in path.split("/") else None
            if found:
                with open(found, "rb") as handle:
                    return URLFetcherResponse(url, handle.read())
        self.refused.append(url)
        raise RefusedURL(f"Tandem does not fetch {url} for a certificate.")


def _decode_data_url(url):
    header, _, payload = url[len("data:") :].partition(",")
    content_type = header.split(";")[0] or "text/plain"
    try:
        if header.endswith(";base64"):
            return content_type, base64.b64decode(payload, validate=True)
        return content_type, urllib.parse.unquote_to_bytes(payload)
    except (binascii.Error, ValueError) as error:
        raise RefusedURL("A data: address in the template is broken.") from error


def check_body(body):
    """Refuse unknown placeholders and template syntax; returns the body."""
    if len(body) > MAX_BODY:
        raise ValidationError(f"The template is longer than {MAX_BODY} characters.")
    unknown = sorted(
        {name for name in PLACEHOLDER.findall(body) if name not in PLACEHOLDERS}
    )
    if unknown:
        known = ", ".join(_shown(name) for name in PLACEHOLDERS)
        listed = ", ".join(_shown(name) for name in unknown)
        raise ValidationError(
            f"Unknown placeholder {listed}. The template may use {known}."
        )
    if TEMPLATE_SYNTAX.search(PLACEHOLDER.sub("", body)):
        raise ValidationError(
            "Only placeholders like {{ name }} may use braces; "
            "template tags such as {% … %} are not allowed."
        )
    return body


def _shown(name):
    return "{{ " + name + " }}"


@dataclass
class Values:
    """What goes into one certificate; text is escaped when it is placed."""

    name: str
    role: str
    edition: str
    associations: list
    date: str
    code: str
    verify_url: str
    logos: list = field(default_factory=list)  # (label, content_type, bytes)
    signatures: list = field(default_factory=list)  # (label, content_type, bytes)

    def html(self):
        return {
            "name": escape(self.name),
            "role": escape(self.role),
            "edition": escape(self.edition),
            "associations": escape(_and_join(self.associations)),
            "date": escape(self.date),
            "code": escape(self.code),
            "verify_url": escape(self.verify_url),
            "logos": "".join(_img(*logo) for logo in self.logos),
            "signatures": "".join(
                f'<div class="signature">{_img(*s)}<p>{escape(s[0])}</p></div>'
                for s in self.signatures
            ),
        }


def _and_join(names):
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _img(label, content_type, data):
    encoded = base64.b64encode(bytes(data)).decode("ascii")
    return (
        f'<img src="data:{escape(content_type)};base64,{encoded}" '
        f'alt="{escape(label)}">'
    )


def fill(body, values):
    filled = values.html()
    return PLACEHOLDER.sub(lambda match: filled[match.group(1)], check_body(body))


@functools.cache
def _font_config():
    # One per process: fontconfig's lookups are then made once, not per PDF.
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


def render_pdf(body, values):
    """The PDF bytes; raises ValidationError if the template asks for other URLs."""
    from weasyprint import CSS, HTML

    document = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f"<title>Certificate {escape(values.code)}</title></head>"
        f"<body>{fill(body, values)}</body></html>"
    )
    fetcher = ProjectOnlyFetcher()
    pdf = HTML(string=document, base_url=STATIC_BASE, url_fetcher=fetcher).write_pdf(
        stylesheets=[CSS(string=PAGE_CSS, url_fetcher=fetcher)],
        font_config=_font_config(),
    )
    if fetcher.refused:
        logger.info("certificate.render_refused_urls count=%s", len(fetcher.refused))
        raise ValidationError(
            "The template refers to addresses Tandem does not fetch: "
            + ", ".join(sorted(set(fetcher.refused)))
            + ". Use images uploaded to Tandem or the project's static files."
        )
    return pdf
