"""A crawl of every page each demo role reaches, with script payloads planted in the
free text users type: no error page, no JavaScript error, no payload rendered as
markup or run, no serious accessibility violation, and downloads that keep the
payloads inert."""

import csv
import io
import time
from collections import Counter, deque
from urllib.parse import urldefrag, urljoin, urlsplit

import openpyxl
import pytest
from django.urls import Resolver404, resolve

from tests.trust.payloads import (
    COORDINATOR_PL,
    FORMULA_STARTS,
    INTERNATIONAL,
    MARK,
    MENTEE,
    TRAINING_PARTNER,
    plant_payloads,
)

pytestmark = pytest.mark.browser

# Mid-March: mentoring, the checkpoint and the mid-term survey are all open, so
# the most pages have something to show.
CRAWL_DAY = "2024-03-12"
PAGES_PER_ROLE = 60
# Lists link to hundreds of rows of one kind; a few of each say as much about the
# template as all of them. Links whose text shows a payload are always followed.
VISITS_PER_NAME = 2
DOWNLOADS = {
    "applications:export",
    "applications:promotion_download",
    "certificates:pdf",
    "events:feed",
    "events:ics",
    "matching:export",
    "mentoring:checkpoint_export",
    "privacy:data_json",
    "reports:export",
    "reports:pdf",
    "surveys:export",
}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SKIPPED_PREFIXES = ("/static/", "/media/", "/admin/", "/accounts/logout/")
# Only links are followed: actions are forms that POST (sign-out included), so
# the crawl changes nothing it reads.
LINKS = """() => Array.from(document.querySelectorAll('a[href]'),
    a => [a.getAttribute('href'), a.textContent])"""


def test_every_page_of_every_role_keeps_payloads_inert(
    page, live_server, demo_edition, login, axe_check, screenshot, settings
):
    planted = plant_payloads(demo_edition)
    settings.TANDEM_TODAY = CRAWL_DAY
    slug = demo_edition.slug
    # The audit trail is linked from no page; its reader knows the address.
    roles = [
        ("international", INTERNATIONAL, [f"/e/{slug}/", f"/e/{slug}/audit/"]),
        ("training-partner", TRAINING_PARTNER, [f"/e/{slug}/"]),
        ("national-pl", COORDINATOR_PL, [f"/e/{slug}/"]),
        ("mentor", planted.mentor.email, [f"/e/{slug}/"]),
        ("mentee", MENTEE, [f"/e/{slug}/"]),
        ("anonymous", None, ["/", f"/verify/{planted.certificate.code}/"]),
    ]
    crawler = Crawler(page, live_server.url, axe_check)
    page.on("dialog", crawler.on_dialog)
    started = time.monotonic()

    for role, email, start in roles:
        page.context.clear_cookies()
        if email:
            login(page, email)
        crawler.crawl(role, start)
        page.goto(crawler.showcase.get(role, start[0]))
        screenshot(page, role)

    print(
        f"crawl: {time.monotonic() - started:.1f} s, pages per role "
        f"{crawler.counts}, downloads {dict(crawler.downloads)}, "
        f"views checked by axe {len(crawler.checked)}"
    )
    assert crawler.problems == [], "\n".join(crawler.problems)
    assert crawler.dialogs == [], "\n".join(crawler.dialogs)
    # Each role saw a payload written out as text, so the crawl tested something.
    assert sorted(crawler.showcase) == sorted(role for role, *_ in roles)
    assert crawler.downloads["text/csv"] >= 1
    assert crawler.downloads[XLSX] >= 1


class Crawler:
    def __init__(self, page, origin, axe_check):
        self.page, self.origin, self.axe_check = page, origin, axe_check
        self.problems, self.dialogs = [], []
        self.counts, self.showcase, self.most_shown = {}, {}, {}
        self.downloads = Counter()
        self.checked = set()

    def on_dialog(self, dialog):
        self.dialogs.append(f"{self.page.url}: {dialog.type} {dialog.message!r}")
        dialog.dismiss()

    def crawl(self, role, start):
        queue, seen, visits = deque(start), set(start), Counter()
        visited = 0
        while queue and visited < PAGES_PER_ROLE:
            url = queue.popleft()
            name = self.name_of(url)
            if name in DOWNLOADS:
                self.download(role, url, name)
                continue
            visited += 1
            for link, shows_payload in self.visit(role, url, name):
                if link in seen:
                    continue
                link_name = self.name_of(link)
                if not shows_payload and visits[link_name] >= VISITS_PER_NAME:
                    continue
                seen.add(link)
                visits[link_name] += 1
                # A view not met yet, or a payload, goes first: within the bound
                # the crawl covers as many templates and payloads as it can.
                if shows_payload or visits[link_name] == 1:
                    queue.appendleft(link)
                else:
                    queue.append(link)
        self.counts[role] = visited

    def visit(self, role, url, name):
        response = self.page.goto(url)
        if response is None or response.status >= 400:
            status = response.status if response else "no response"
            self.problems.append(f"{role} {url}: status {status}")
            return []
        injected = self.page.locator(f"[{MARK}]").count()
        if injected:
            self.problems.append(f"{role} {url}: {injected} payload elements in DOM")
        # The role's screenshot shows the page with the most payloads as text.
        shown = self.page.locator("body").inner_text().count(MARK)
        if shown > self.most_shown.get(role, 0):
            self.most_shown[role], self.showcase[role] = shown, url
        # axe takes seconds a page on a loaded machine: it runs on the first page
        # of each URL name, in the role that reaches it first (coordinators come
        # first, so the fullest version of a shared page is the one checked).
        if name not in self.checked:
            self.checked.add(name)
            try:
                self.axe_check(self.page)
            except AssertionError as error:
                self.problems.append(f"{role} {url}: axe {error}")
        return [
            (link, MARK in (text or ""))
            for href, text in self.page.evaluate(LINKS)
            if (link := self.local(href)) is not None
        ]

    def local(self, href):
        absolute, _ = urldefrag(urljoin(self.page.url, href))
        parts = urlsplit(absolute)
        if f"{parts.scheme}://{parts.netloc}" != self.origin:
            return None
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if not parts.path or parts.path.startswith(SKIPPED_PREFIXES):
            return None
        return path

    def name_of(self, url):
        try:
            return resolve(urlsplit(url).path).view_name
        except Resolver404:
            return f"unresolved {url}"

    def download(self, role, url, name):
        response = self.page.request.get(url)
        kind = response.headers.get("content-type", "").split(";")[0]
        if response.status >= 400 or kind in {"text/html", ""}:
            self.problems.append(f"{role} {url}: {response.status} {kind!r}")
            return
        if response.headers.get("x-content-type-options") != "nosniff":
            self.problems.append(f"{role} {url}: may be sniffed as HTML")
        # A calendar or a PDF holds the payload as plain text, which is right for
        # it; what keeps it inert is a type no browser renders as a page, and
        # nosniff, which forbids the browser to guess otherwise.
        body = response.body()
        self.downloads[kind] += 1
        cells = []
        if kind == "text/csv":
            cells = [c for row in csv.reader(io.StringIO(body.decode())) for c in row]
        elif kind == XLSX:
            book = openpyxl.load_workbook(io.BytesIO(body))
            cells = [
                c.value
                for sheet in book.worksheets
                for row in sheet.iter_rows()
                for c in row
                if isinstance(c.value, str)
            ]
        live = [c for c in cells if c.lstrip("\ufeff").startswith(FORMULA_STARTS)]
        if live:
            self.problems.append(f"{role} {url} ({name}): formula cells {live[:3]}")
