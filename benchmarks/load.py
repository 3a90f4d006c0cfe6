"""Load benchmark: Tandem served by gunicorn against PostgreSQL, measured over HTTP.

    .venv/bin/python benchmarks/load.py            # full run, about 8 minutes
    .venv/bin/python benchmarks/load.py --quick    # 10 s per dashboard, 20 s mixed
    .venv/bin/python benchmarks/load.py --reuse    # keep an already seeded database

What it does, in order:

1. (Re)creates the scratch database (``--database-url``, default
   postgres://postgres@127.0.0.1:5432/tandem_load; its name must start with
   ``tandem_`` and is never CI's ``tandem``), migrates it, loads the demo edition
   (its nine associations, coordinators, surveys and events) and bulk-adds
   10,000 participants with diacritics in their names, their accepted
   applications, 4,000 pairs, 40,000 meetings, 2,000 mid-term survey responses
   and training attendance. ``--reuse`` skips all of this when the database
   already holds the volume (the mixed scenario adds meetings to it each run).
2. Collects the static files and starts gunicorn with ``deploy/gunicorn.conf.py``
   on a free 127.0.0.1 port, ``--workers`` workers (4 for the 2-core machine),
   with the production settings of ``deploy/tandem.env.example``: TANDEM_ENV=
   production, persistent connections, the database cache and task queue.
   Production redirects plain http to https and marks its cookies Secure; the
   client therefore sends ``X-Forwarded-Proto: https`` as the load balancer
   does (the settings trust it through SECURE_PROXY_SSL_HEADER, gunicorn
   through forwarded_allow_ips=127.0.0.1), an Origin of https://127.0.0.1:PORT
   on its forms as a browser does, and it sends the Secure cookies over this
   plain hop, as the balancer would after taking TLS off.
3. From this process (the client, a second process on 127.0.0.1): signs in
   through the real log-in form with its CSRF token, then requests the national
   coordinator's dashboard (PL) with ``--concurrency`` connections for
   ``--seconds`` seconds after a short warm-up, then the international
   coordinator's the same way; then 25 simulated users (mentors, mentees,
   national and international coordinators, each signed in through the form)
   go through lists, details, meeting logs (POST) and survey answers (POST)
   with a think time of 0.5 to 1.5 s for ``--mixed-seconds`` seconds.
4. Prints a table, and writes ``benchmarks/results/load.json`` with the load
   average of the machine before and after.

Only 127.0.0.1 is ever requested; every loop stops at its deadline or its
request count, whichever comes first.
"""

import argparse
import datetime as dt
import json
import os
import random
import re
import secrets
import socket
import subprocess
import sys
import tempfile
import threading
import time
from functools import partial
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/tandem_load"
TODAY = "2024-03-11"  # mentoring under way, the mid-term survey open
PARTICIPANTS, MENTORS, PAIRS, MEETINGS_PER_PAIR = 10_000, 4_000, 4_000, 10
HOST = "127.0.0.1"
LOGIN_PATH = "/accounts/login/"
TIMEOUT = 30  # the client's wait for one answer, as long as gunicorn's own cut


def main():
    args = parse_args()
    before = loadavg()
    url = prepare_database(args.database_url, reuse=args.reuse)
    # The database cache here too, or createcachetable has no table to create.
    os.environ.update(DATABASE_URL=url, TANDEM_TODAY=TODAY, TANDEM_CACHE="database")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tandem.settings")
    os.environ["TANDEM_VAR_DIR"] = tempfile.mkdtemp(prefix="tandem-load-")
    import django

    django.setup()
    seeded = seed(reuse=args.reuse)
    plan = Plan.from_database()
    with Server(url, workers=args.workers) as server:
        results = run(server, plan, args)
    results.update(
        seeded=seeded,
        loadavg_before=before,
        loadavg_after=loadavg(),
        settings={
            "workers": args.workers,
            "concurrency": args.concurrency,
            "seconds": args.seconds,
            "mixed_seconds": args.mixed_seconds,
            "users": args.users,
            "today": TODAY,
        },
    )
    print_table(results)
    out = ROOT / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "load.json").write_text(json.dumps(results, indent=2, ensure_ascii=False))
    print(f"written: {out / 'load.json'}")


def parse_args():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--reuse", action="store_true")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--mixed-seconds", type=float, default=300)
    parser.add_argument("--users", type=int, default=25)
    args = parser.parse_args()
    if args.quick:
        args.seconds, args.mixed_seconds = 10, 20
    return args


def loadavg():
    return Path("/proc/loadavg").read_text().split()[:3]


# -- the scratch database ---------------------------------------------------------


def prepare_database(url, *, reuse):
    """Create the database unless ``reuse`` finds it; returns its URL."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not re.fullmatch(r"tandem_[a-z0-9_]+", name):
        sys.exit(f"refusing database {name!r}: use a scratch name like tandem_load")
    if parts.hostname not in {"127.0.0.1", "localhost", "::1"}:
        sys.exit("the load benchmark only runs against a database on this machine")
    server = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if exists and reuse:
            return url
        # The name was checked above: only letters, digits and underscores.
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return url


def seed(*, reuse):
    """Migrate, load the demo edition and add the volume; counts of what is there."""
    from django.core.management import call_command

    from tandem.mentoring.models import Meeting, Pair
    from tandem.people.models import Person

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    volume = Person.objects.filter(email__endswith=".load.example")
    if not (reuse and volume.count() == PARTICIPANTS):
        started = time.perf_counter()
        add_volume()
        print(f"seeded in {time.perf_counter() - started:.0f} s")
    analyse()
    return {
        "participants": volume.count(),
        "people": Person.objects.count(),
        "pairs": Pair.objects.count(),
        "meetings": Meeting.objects.count(),
    }


def analyse():
    """Give the planner statistics of the seeded rows, as autovacuum would in time.

    Bulk inserts leave a fresh table with none (the planner then expects a handful
    of rows where there are thousands), and a server may run with autovacuum off;
    a production database that has lived a while has them.
    """
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def add_volume():
    from django.db import transaction

    from benchmarks import seeding
    from tandem.demo.edition import ZONES, load_demo_edition
    from tandem.events.models import Event
    from tandem.people.models import Person
    from tandem.surveys.models import Survey

    edition, logins = load_demo_edition()
    password = Person.objects.get(email=logins[0].email).password
    associations = list(edition.associations.order_by("country"))
    rng = random.Random(11)
    with transaction.atomic():
        applications = seeding.add_participants(
            edition,
            associations,
            PARTICIPANTS,
            mentors=MENTORS,
            name=lambda i: f"{seeding.NAMES[i % len(seeding.NAMES)]} {i}",
            email=lambda i, a: f"load.{i}@{a.country.lower()}.load.example",
            password=password,
            verified_emails=True,
            zones=ZONES,
        )
        began = dt.date(2023, 12, 1)
        pairs = seeding.add_pairs(
            edition,
            applications,
            MENTORS,
            PAIRS,
            rng,
            ("active",) * 18 + ("paused", "ended_early"),
            began_on=began,
            activated_on=began,
        )
        seeding.add_meetings(
            pairs,
            [MEETINGS_PER_PAIR] * len(pairs),
            first_day=dt.date(2023, 12, 4),
            every_days=9,
        )
        survey = Survey.objects.get(edition=edition, kind=Survey.Kind.MID_TERM)
        seeding.add_responses(
            survey, pairs[:1000], rng, submitted_on=dt.date(2024, 3, 5)
        )
        past = Event.objects.filter(
            edition=edition, starts_at__lt=dt.datetime(2024, 3, 11, tzinfo=dt.UTC)
        )
        seeding.add_attendance(past, [a.person for a in applications[:MENTORS]])


# -- who does what ------------------------------------------------------------------


class Plan:
    """Log-ins, URLs and form answers, read once so the client needs no database."""

    def __init__(self, **facts):
        self.__dict__.update(facts)

    @classmethod
    def from_database(cls):
        from django.urls import reverse

        from tandem.applications.models import Application
        from tandem.demo.edition import DEMO_PASSWORD
        from tandem.mentoring.models import Pair
        from tandem.programs.models import Edition, RoleGrant
        from tandem.surveys.models import Survey

        edition = Edition.objects.get(slug="2023-24")
        slug = edition.slug
        grants = RoleGrant.objects.filter(edition=edition).select_related(
            "person", "association"
        )
        international = next(g for g in grants if g.role == "international").person
        nationals = {
            g.association.country: g.person for g in grants if g.role == "national"
        }
        survey = Survey.objects.get(edition=edition, kind=Survey.Kind.MID_TERM)
        active = list(
            Pair.objects.filter(
                edition=edition, state="active", mentor__person__email__contains="load"
            )
            .select_related("mentor__person", "mentee__person")
            .order_by("id")[:20]
        )
        participants = [
            {
                "email": person.email,
                "pair": pair.pk,
                "pair_url": reverse("mentoring:pair", args=[slug, pair.pk]),
                "log_url": reverse("mentoring:meeting_log", args=[slug, pair.pk]),
            }
            for k, pair in enumerate(active)
            for person in [pair.mentor.person if k % 2 else pair.mentee.person]
        ]
        coordinators = []
        # The international coordinator and PL come first: the mixed scenario
        # takes as many coordinators as it has places left after 20 participants.
        order = ["", "PL", *sorted(set(nationals) - {"PL"})]
        for country in order:
            person = nationals[country] if country else international
            scope = Application.objects.filter(edition=edition)
            pairs = Pair.objects.filter(edition=edition)
            if country:
                scope = scope.filter(association__country=country)
                pairs = pairs.filter(mentee__association__country=country)
            coordinators.append(
                {
                    "email": person.email,
                    "details": [
                        reverse("applications:detail", args=[slug, pk])
                        for pk in scope.order_by("?").values_list("pk", flat=True)[:30]
                    ]
                    + [
                        reverse("mentoring:pair", args=[slug, pk])
                        for pk in pairs.order_by("?").values_list("pk", flat=True)[:30]
                    ],
                    "association": (
                        reverse("programs:association", args=[slug, country])
                        if country
                        else reverse("programs:associations", args=[slug])
                    ),
                }
            )
        return cls(
            password=DEMO_PASSWORD,
            national=nationals["PL"].email,
            international=international.email,
            participants=participants,
            coordinators=coordinators,
            dashboard=reverse("programs:dashboard", args=[slug]),
            urls={
                name: reverse(name, args=[slug])
                for name in [
                    "mentoring:mine",
                    "surveys:mine",
                    "events:list",
                    "applications:mine",
                    "applications:list",
                    "mentoring:pairs",
                    "surveys:list",
                ]
            },
            survey_url=reverse("surveys:answer", args=[slug, survey.pk]),
            survey_answers=_survey_answers(survey),
        )


def _survey_answers(survey):
    answers = {}
    for question in survey.questions.all():
        key = f"q{question.pk}"
        if question.kind in question.NUMERIC:
            answers[key] = str(question.RANGES[question.kind][1] - 1)
        elif question.choices:
            answers[key] = question.choices[0]
        else:
            answers[key] = "Dobře, köszönöm – Łukasz und Zoë."
    return answers


# -- the server ---------------------------------------------------------------------


class Server:
    """gunicorn with deploy/gunicorn.conf.py and production settings, on a free port."""

    def __init__(self, database_url, *, workers):
        self.port = free_port()
        self.var = Path(os.environ["TANDEM_VAR_DIR"])
        self.env = {
            **os.environ,
            "TANDEM_ENV": "production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": HOST,
            "DATABASE_URL": database_url,
            "DB_CONN_MAX_AGE": "60",
            "TANDEM_CACHE": "database",
            "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
            "TANDEM_TODAY": TODAY,
            "BIND": f"{HOST}:{self.port}",
            "WEB_WORKERS": str(workers),
            "LOG_LEVEL": "WARNING",
            # A worker's first request imports every view, the matching engine's
            # numpy, scipy and OR-Tools with them; on this shared machine that
            # alone took over gunicorn's 30 s. Steady requests are far shorter,
            # and the client gives up on any answer after 30 s all the same.
            "WEB_TIMEOUT": "120",
        }
        self.workers = workers
        self.process = None

    def __enter__(self):
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"],
            cwd=ROOT,
            env=self.env,
            check=True,
        )
        self.log = (self.var / "gunicorn.log").open("wb")
        self.process = subprocess.Popen(
            [
                str(Path(sys.executable).with_name("gunicorn")),
                "-c",
                "deploy/gunicorn.conf.py",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        try:
            self.wait_healthy()
            self.warm(self.workers)
        except BaseException:
            self.__exit__()
            raise
        return self

    def wait_healthy(self):
        import requests

        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            try:
                answer = requests.get(
                    self.url("/healthz"),
                    headers={"X-Forwarded-Proto": "https"},
                    allow_redirects=False,
                    timeout=60,
                )
                if answer.status_code == 200:
                    return
            except requests.RequestException:
                pass  # still starting: workers load Django before they answer
            if self.process.poll() is not None:
                break
            time.sleep(0.5)
        raise SystemExit(f"gunicorn did not come up; see {self.var / 'gunicorn.log'}")

    def warm(self, workers):
        """Send each worker a first request, the one that imports every view."""
        import requests

        def one():
            requests.get(
                self.url("/healthz"),
                headers={"X-Forwarded-Proto": "https"},
                allow_redirects=False,
                timeout=120,
            )

        threads = [threading.Thread(target=one) for _ in range(3 * workers)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()

    def url(self, path):
        return f"http://{HOST}:{self.port}{path}"

    def __exit__(self, *exc):
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


def free_port():
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


# -- the client -----------------------------------------------------------------------


CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Browser:
    """One person's requests session: cookies, CSRF tokens, the balancer's header."""

    def __init__(self, server, cookies=None):
        import requests

        self.server = server
        self.session = requests.Session()
        self.session.headers.update(
            {
                "X-Forwarded-Proto": "https",
                "Origin": f"https://{HOST}:{server.port}",
            }
        )
        if cookies is not None:
            self.session.cookies.update(cookies)

    def cookies(self):
        """The Cookie header, Secure cookies included.

        The cookie jar keeps Secure cookies off plain http, and this hop is plain
        http behind the balancer that took TLS off, so the header is written here.
        """
        jar = self.session.cookies
        return {"Cookie": "; ".join(f"{c.name}={c.value}" for c in jar)}

    def get(self, path):
        return self.session.get(
            self.server.url(path),
            headers=self.cookies(),
            allow_redirects=False,
            timeout=TIMEOUT,
        )

    def post(self, path, data):
        return self.session.post(
            self.server.url(path),
            data=data,
            headers=self.cookies(),
            allow_redirects=False,
            timeout=TIMEOUT,
        )

    def form(self, path, data):
        """GET the form for its CSRF token, then POST it; both answers."""
        page = self.get(path)
        token = CSRF.search(page.text)
        if page.status_code != 200 or token is None:
            return page, None
        return page, self.post(path, {"csrfmiddlewaretoken": token.group(1), **data})

    def sign_in(self, email, password):
        """Sign in through the log-in form; waits out the per-address rate limit."""
        for _ in range(3):
            _, answer = self.form(LOGIN_PATH, {"login": email, "password": password})
            if answer is not None and answer.status_code == 302:
                return self
            if answer is None or answer.status_code != 429:
                break
            time.sleep(61)
        raise SystemExit(f"signing in failed for a benchmark account: {answer}")


class Tally:
    """Latencies and failures, shared by the threads of one measurement."""

    def __init__(self):
        self.lock = threading.Lock()
        self.latencies, self.failures, self.by_action = [], 0, {}
        self.examples = []

    def add(self, action, seconds, ok, detail=""):
        with self.lock:
            self.latencies.append(seconds)
            entry = self.by_action.setdefault(action, {"requests": 0, "failures": 0})
            entry["requests"] += 1
            if not ok:
                self.failures += 1
                entry["failures"] += 1
                if len(self.examples) < 10:
                    self.examples.append(f"{action}: {detail}")

    def summary(self, elapsed):
        ordered = sorted(self.latencies)
        count = len(ordered)

        def pct(p):
            return round(1000 * ordered[min(count - 1, int(p * count))], 1)

        return {
            "requests": count,
            "seconds": round(elapsed, 1),
            "requests_per_s": round(count / elapsed, 1),
            "p50_ms": pct(0.50) if count else None,
            "p95_ms": pct(0.95) if count else None,
            "p99_ms": pct(0.99) if count else None,
            "failures": self.failures,
            "failure_rate": round(self.failures / count, 5) if count else None,
            "by_action": self.by_action,
            "failure_examples": self.examples,
        }


def timed(tally, action, call, expect, must_contain=None):
    import requests

    started = time.perf_counter()
    try:
        answer = call()
    except requests.RequestException as error:
        tally.add(action, time.perf_counter() - started, False, type(error).__name__)
        return None
    seconds = time.perf_counter() - started
    ok = answer.status_code == expect and (
        must_contain is None or must_contain in answer.text
    )
    tally.add(action, seconds, ok, f"{answer.status_code} {answer.url}")
    return answer


def hammer(server, cookies, path, *, concurrency, seconds, warmup=3.0):
    """``concurrency`` connections request ``path`` back to back for ``seconds``."""
    browsers = [Browser(server, cookies) for _ in range(concurrency)]
    for browser in browsers:
        warm_until = time.monotonic() + warmup / concurrency
        while time.monotonic() < warm_until:
            browser.get(path)
    tally = Tally()
    deadline = time.monotonic() + seconds
    limit = int(seconds * 1000)  # far above what two cores serve

    def loop(browser):
        for _ in range(limit):
            if time.monotonic() >= deadline:
                return
            timed(tally, "dashboard", lambda: browser.get(path), 200, "In numbers")

    started = time.monotonic()
    threads = [threading.Thread(target=loop, args=(b,)) for b in browsers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return tally.summary(time.monotonic() - started)


def participant_actions(plan, person):
    u = plan.urls
    return [
        (10, "dashboard", lambda b: b.get(plan.dashboard), 200),
        (15, "my pair", lambda b: b.get(u["mentoring:mine"]), 200),
        (15, "pair detail", lambda b: b.get(person["pair_url"]), 200),
        (10, "my surveys", lambda b: b.get(u["surveys:mine"]), 200),
        (10, "events", lambda b: b.get(u["events:list"]), 200),
        (5, "my applications", lambda b: b.get(u["applications:mine"]), 200),
        (10, "log a meeting (POST)", lambda b: _log_meeting(b, person), 302),
        (8, "answer the survey (POST)", lambda b: _answer(b, plan), 302),
    ]


def coordinator_actions(plan, person):
    u = plan.urls
    return [
        (20, "dashboard", lambda b: b.get(plan.dashboard), 200),
        (8, "applications list", lambda b: b.get(u["applications:list"]), 200),
        (8, "pairs list", lambda b: b.get(u["mentoring:pairs"]), 200),
        (30, "detail", lambda b: b.get(random.choice(person["details"])), 200),
        (5, "association", lambda b: b.get(person["association"]), 200),
        (5, "surveys", lambda b: b.get(u["surveys:list"]), 200),
        (5, "events", lambda b: b.get(u["events:list"]), 200),
    ]


def _log_meeting(browser, person):
    held = dt.date.fromisoformat(TODAY) - dt.timedelta(days=random.randint(0, 60))
    _, answer = browser.form(
        person["log_url"],
        {
            "held_on": held.isoformat(),
            "start": "",
            "duration_minutes": "60",
            "mode": "online",
            "topics": "Kariérní plán – Őrs & Zoë",
            "private_note": "",
        },
    )
    return answer


def _answer(browser, plan):
    _, answer = browser.form(plan.survey_url, plan.survey_answers)
    return answer


class Failed:
    """Stands for an answer that never came: a form page without its token."""

    status_code, text, url = 0, "", "no form"


def _attempt(call, browser):
    answer = call(browser)
    return Failed() if answer is None else answer


def simulate(server, plan, *, users, seconds):
    """``users`` people signed in, each acting with think time until the deadline."""
    people = [("participant", p) for p in plan.participants[:20]]
    people += [("coordinator", c) for c in plan.coordinators[: max(0, users - 20)]]
    people = people[:users]
    browsers = [Browser(server).sign_in(p["email"], plan.password) for _, p in people]
    tally = Tally()
    deadline = time.monotonic() + seconds
    limit = int(seconds * 4)

    def loop(k):
        kind, person = people[k]
        browser = browsers[k]
        rng = random.Random(k)
        actions = (
            participant_actions(plan, person)
            if kind == "participant"
            else coordinator_actions(plan, person)
        )
        weights = [a[0] for a in actions]
        time.sleep(rng.uniform(0, 3))  # people do not all click at once
        for _ in range(limit):
            if time.monotonic() >= deadline:
                return
            _, name, call, expect = rng.choices(actions, weights)[0]
            timed(tally, name, partial(_attempt, call, browser), expect)
            time.sleep(rng.uniform(0.5, 1.5))

    started = time.monotonic()
    threads = [threading.Thread(target=loop, args=(k,)) for k in range(len(people))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    summary = tally.summary(time.monotonic() - started)
    summary["users"] = {
        "participants": sum(kind == "participant" for kind, _ in people),
        "coordinators": sum(kind == "coordinator" for kind, _ in people),
    }
    return summary


def run(server, plan, args):
    national = Browser(server).sign_in(plan.national, plan.password)
    international = Browser(server).sign_in(plan.international, plan.password)
    results = {}
    for name, browser in [("national", national), ("international", international)]:
        results[name] = hammer(
            server,
            browser.session.cookies,
            plan.dashboard,
            concurrency=args.concurrency,
            seconds=args.seconds,
        )
        print(f"{name} dashboard: {results[name]['requests_per_s']} requests/s")
    results["mixed"] = simulate(
        server, plan, users=args.users, seconds=args.mixed_seconds
    )
    return results


TARGETS = {
    "national": ("NC dashboard", 60, 300),
    "international": ("IC dashboard", 30, 500),
}


def print_table(results):
    print(
        f"\nload average before {' '.join(results['loadavg_before'])}, "
        f"after {' '.join(results['loadavg_after'])}; seeded {results['seeded']}"
    )
    print(
        f"{'what':<16}{'requests':>9}{'req/s':>8}{'p50 ms':>8}{'p95 ms':>8}"
        f"{'p99 ms':>8}{'fail':>6}  target"
    )
    for key in ("national", "international", "mixed"):
        r = results[key]
        label, target = (
            (TARGETS[key][0], f"≥ {TARGETS[key][1]}/s, p95 ≤ {TARGETS[key][2]} ms")
            if key in TARGETS
            else ("mixed, 25 users", "< 0.1% failures")
        )
        print(
            f"{label:<16}{r['requests']:>9}{r['requests_per_s']:>8}{r['p50_ms']:>8}"
            f"{r['p95_ms']:>8}{r['p99_ms']:>8}{r['failures']:>6}  {target}"
        )
    for action, entry in sorted(results["mixed"]["by_action"].items()):
        print(
            f"  mixed: {action:<26}{entry['requests']:>6}{entry['failures']:>5} failed"
        )
    for example in results["mixed"]["failure_examples"]:
        print(f"  failure: {example}")


if __name__ == "__main__":
    main()
