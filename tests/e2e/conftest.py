"""Browser tests: Debian's headless Chromium, driven by Playwright, against live_server.

Playwright never downloads a browser here; the tests use the ``chromium`` on PATH
(bin/test installs it) and axe-core from ``node_modules`` (``npm ci``).

Fixtures for a browser test:

- ``page``: a fresh browser context and tab whose relative URLs go to the live
  server; the test fails if the page logs a console error or throws.
- ``demo_edition``: the 2023/24 demo edition, on a day in the middle of its year.
- ``login(page, email, password=DEMO_PASSWORD)``: signs in through the log-in form.
- ``axe_check(page)``: runs axe-core, fails on serious or critical violations and
  returns the rest.
- ``screenshot(page, name)``: a full-page PNG in ``artifacts/screenshots/``.
"""

import re
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from tandem.demo.edition import DEMO_PASSWORD, load_demo_edition

ROOT = Path(__file__).resolve().parents[2]
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "artifacts" / "screenshots"

# Matching runs, three trainings are days away: the busiest point of the demo year.
DEMO_TODAY = "2023-11-20"
BLOCKING_IMPACTS = {"serious", "critical"}
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("The browser tests need Debian's chromium; bin/test installs it.")
    # Playwright's sync API keeps an asyncio loop running in this thread, so Django
    # would refuse ORM calls from fixtures and tests; they run outside that loop.
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(
            executable_path=executable, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def _demo_settings(settings):
    settings.TANDEM_TODAY = DEMO_TODAY
    # The demo hashes its password once and every log-in checks it; the production
    # hasher is slow on purpose and would cost seconds in each test.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def demo_edition(transactional_db):
    edition, _ = load_demo_edition()
    return edition


@pytest.fixture
def page(browser, live_server):
    """A tab in its own context, failing the test on any JavaScript error.

    The site's Content Security Policy stays on (no ``bypass_csp``): a blocked
    inline script or style is a console error here, as it is for our users.
    """
    # The locale pins the Accept-Language header LocaleMiddleware reads.
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    page = context.new_page()
    errors = []

    def on_console(message):
        if message.type == "error":
            errors.append(f"{message.location['url']}: {message.text}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))
    yield page
    context.close()
    assert errors == [], "JavaScript errors in the browser:\n" + "\n".join(errors)


@pytest.fixture
def login():
    def login(page, email, password=DEMO_PASSWORD):
        page.goto("/accounts/login/")
        page.fill("input[name=login]", email)
        page.fill("input[name=password]", password)
        page.get_by_role("button", name="Sign in").click()
        expect(page).not_to_have_url(re.compile(r"/accounts/login/"))

    return login


@pytest.fixture
def axe_check():
    source = AXE_SCRIPT.read_text()

    def axe_check(page):
        # Evaluating through DevTools is exempt from the page's CSP, unlike a
        # <script> tag, so axe sees the page exactly as the policy renders it.
        page.evaluate(source)
        violations = page.evaluate("() => axe.run().then(result => result.violations)")
        blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
        rest = [v for v in violations if v["impact"] not in BLOCKING_IMPACTS]
        for violation in rest:
            print(f"axe {violation['impact']}: {_describe(violation)}")
        assert blocking == [], "\n".join(_describe(v) for v in blocking)
        return rest

    return axe_check


@pytest.fixture
def screenshot(request):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    test_name = re.sub(r"[^\w.-]+", "-", request.node.name).strip("-")

    def screenshot(page, name):
        path = SCREENSHOTS / f"{test_name}--{name}.png"
        page.screenshot(path=path, full_page=True)
        return path

    return screenshot


def _describe(violation):
    targets = "; ".join(str(node["target"]) for node in violation["nodes"][:5])
    return (
        f"{violation['id']} ({violation['impact']}, {len(violation['nodes'])} nodes): "
        f"{violation['help']} at {targets}"
    )
