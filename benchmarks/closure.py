"""The edition report and bulk certificates on a large edition, in a scratch
SQLite database under a temporary directory.

python benchmarks/closure.py report --participants 5000 --pairs 2000
python benchmarks/closure.py certificates --count 500
"""

import argparse
import datetime as dt
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tandem.settings")
os.environ["TANDEM_VAR_DIR"] = tempfile.mkdtemp(prefix="tandem-bench-")
os.environ["TANDEM_TODAY"] = "2024-06-20"

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from benchmarks import seeding  # noqa: E402
from tandem.certificates.domain import eligibility, issuing, setup  # noqa: E402
from tandem.certificates.models import Certificate  # noqa: E402
from tandem.events.models import Event  # noqa: E402
from tandem.people.models import Person  # noqa: E402
from tandem.programs.models import (  # noqa: E402
    Association,
    Edition,
    EditionAssociation,
    RoleGrant,
)

COUNTRIES = ["PL", "HU", "CZ", "SK", "HR", "BE", "SE", "AE", "RS"]


def build(participants, pairs, seed=7, states=("active", "completed", "ended_early")):
    rng = random.Random(seed)
    edition = Edition.objects.create(
        name="2023/24",
        slug="2023-24",
        starts_on=dt.date(2023, 9, 1),
        ends_on=dt.date(2024, 6, 30),
    )
    associations = [
        Association.objects.create(
            name=f"Alumni {c}", country=c, languages=["English"], membership_rule="-"
        )
        for c in COUNTRIES
    ]
    EditionAssociation.objects.bulk_create(
        EditionAssociation(edition=edition, association=a) for a in associations
    )
    coordinator = Person.objects.create(
        email="coordinator@example.org", full_name="Karolina Nowicka"
    )
    RoleGrant.objects.create(person=coordinator, edition=edition, role="international")
    applications = seeding.add_participants(
        edition, associations, participants, mentors=pairs
    )
    pair_rows = seeding.add_pairs(
        edition, applications, pairs, pairs, rng, states, began_on=dt.date(2023, 12, 1)
    )
    seeding.add_meetings(
        pair_rows,
        [rng.randint(0, 8) for _ in pair_rows],
        first_day=dt.date(2024, 1, 1),
        every_days=15,
    )
    start = dt.datetime(2023, 11, 14, 17, tzinfo=dt.UTC)
    events = [
        Event.objects.create(
            edition=edition,
            title=f"Mentor training {n}",
            kind="mandatory_training",
            audience="mentors",
            mandatory=True,
            starts_at=start + dt.timedelta(days=n),
            ends_at=start + dt.timedelta(days=n, hours=2),
            online_url="https://meet.example.org/t",
        )
        for n in range(3)
    ]
    seeding.add_attendance(events, [a.person for a in applications[:pairs]])
    return edition, coordinator


def report(args):
    edition, coordinator = build(args.participants, args.pairs)
    client = Client(HTTP_HOST="localhost")
    client.force_login(coordinator)
    url = f"/e/{edition.slug}/reports/"
    client.get(url)  # warm the template cache
    timings = []
    for _ in range(args.repeat):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url)
            timings.append(time.perf_counter() - started)
        assert response.status_code == 200
    print(
        f"report page: {args.participants} participants, {args.pairs} pairs, "
        f"{len(queries)} queries, best {min(timings):.2f} s, "
        f"worst {max(timings):.2f} s of {args.repeat}"
    )


def certificates(args):
    edition, coordinator = build(
        args.count * 2, args.count, states=("active", "completed")
    )
    rule = eligibility.rule_for(edition, "mentor")
    setup.save_rule(rule, actor=coordinator, needs_final_survey=False)
    started = time.perf_counter()
    # Without TASKS_BACKEND the job runs in-process as soon as start_bulk commits,
    # as it does in development.
    job = issuing.start_bulk(
        edition, "mentor", actor=coordinator, site_url="https://tandem.example/"
    )
    elapsed = time.perf_counter() - started
    job.refresh_from_db()
    print(
        f"certificates: {job.issued} issued, {job.skipped} skipped of {job.total}, "
        f"{Certificate.objects.count()} stored, {elapsed:.1f} s"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="what", required=True)
    one = sub.add_parser("report")
    one.add_argument("--participants", type=int, default=5000)
    one.add_argument("--pairs", type=int, default=2000)
    one.add_argument("--repeat", type=int, default=5)
    two = sub.add_parser("certificates")
    two.add_argument("--count", type=int, default=500)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    {"report": report, "certificates": certificates}[args.what](args)


if __name__ == "__main__":
    main()
