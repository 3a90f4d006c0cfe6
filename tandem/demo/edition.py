"""The 2023/24 demo edition: the program as its call for participation describes it.

Everything is seeded, so two runs give the same people; loading twice changes
nothing because every row is looked up by a natural key before it is written.
"""

import datetime as dt
import random
import unicodedata
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.db import transaction
from faker import Faker

from tandem.applications.models import Application
from tandem.demo.applications import load_demo_applications
from tandem.demo.events import load_demo_events
from tandem.demo.surveys import load_demo_surveys
from tandem.people.models import Membership, Person
from tandem.programs.models import (
    Association,
    Edition,
    EditionAssociation,
    Milestone,
    RoleGrant,
)

DEMO_PASSWORD = "tandem-demo-2023"
MEMBERS_PER_ASSOCIATION = 40
SEED = 2023

ASSOCIATIONS = [
    # country, name, languages, Faker locales, member number pattern, coordinator
    ("PL", "AIESEC Alumni Poland", ["Polish"], ["pl_PL"], "{:04d}", "Agata Wiśniewska"),
    ("SE", "AIESEC Alumni Sweden", ["Swedish"], ["sv_SE"], "1{:04d}", "Linnéa Åström"),
    (
        "AE",
        "AIESEC Alumni UAE",
        ["Arabic", "English"],
        ["ar_AE", "en_GB", "en_IN"],
        "AEA-{:04d}",
        "Noura Al Suwaidi",
    ),
    (
        "RU",
        "AIESEC Alumni Russia",
        ["Russian"],
        ["ru_RU"],
        "RU-{:04d}",
        "Ирина Павлова",
    ),
    (
        "HU",
        "AIESEC Alumni Hungary",
        ["Hungarian"],
        ["hu_HU"],
        "HU-{:04d}",
        "Őrs Bálint",
    ),
    ("HR", "AIESEC Alumni Croatia", ["Croatian"], ["hr_HR"], "HR/{:04d}", "Ana Šimić"),
    (
        "BE",
        "AIESEC Alumni Belgium",
        ["Dutch", "French", "German"],
        ["nl_BE", "fr_BE"],
        "BE-{:04d}",
        "Zoë Lemaître",
    ),
    ("CZ", "AIESEC Alumni Czechia", ["Czech"], ["cs_CZ"], "{:05d}", "Jiří Dvořák"),
    (
        "SK",
        "AIESEC Alumni Slovakia",
        ["Slovak"],
        ["sk_SK"],
        "SK{:03d}",
        "Ľubica Horváthová",
    ),
]

# Log-in names for coordinators whose names are not written in Latin letters.
LOGIN_NAMES = {"Ирина Павлова": "irina.pavlova"}

ZONES = {
    "PL": "Europe/Warsaw",
    "SE": "Europe/Stockholm",
    "AE": "Asia/Dubai",
    "RU": "Europe/Moscow",
    "HU": "Europe/Budapest",
    "HR": "Europe/Zagreb",
    "BE": "Europe/Brussels",
    "CZ": "Europe/Prague",
    "SK": "Europe/Bratislava",
}

INDUSTRIES = [
    "IT & software",
    "Finance & banking",
    "Consulting, audit & tax",
    "FMCG & retail",
    "Healthcare & pharma",
    "Manufacturing",
    "Logistics & transport",
    "Energy & utilities",
    "Public sector",
    "NGO / non-profit",
]
FUNCTIONS = [
    "General management",
    "Project management",
    "Product management",
    "Software engineering",
    "Data & analytics",
    "Sales",
    "Marketing",
    "Finance",
    "HR & people",
    "Operations",
    "Strategy",
    "Legal",
]
SECOND_LANGUAGES = ["German", "French", "Spanish", "Russian", "Italian"]

# People whose names show that every diacritic survives the trip through Tandem.
FEATURED_MEMBERS = {
    "PL": "Łukasz Wójcik",
    "HU": "Őrs Kovács",
    "HR": "Ivana Šimić",
    "BE": "Zoë Peeters",
    "CZ": "Tereza Dvořáková",
    "SE": "Åsa Öberg",
}

MILESTONES = [
    ("Associations join and name coordinators", "setup", "2023-09-01", "2023-09-30"),
    ("Promotion templates", "promotion", "2023-10-01", "2023-10-08"),
    ("Applications open", "applications", "2023-10-09", "2023-11-12"),
    ("Mentor training 1", "training", "2023-11-14", None),
    ("Mentor training 2", "training", "2023-11-16", None),
    ("Matching", "matching", "2023-11-13", "2023-11-28"),
    ("Mentee training", "training", "2023-11-21", None),
    ("Mentor training 3", "training", "2023-11-23", None),
    ("Pairs published", "matching", "2023-11-30", None),
    ("Mentoring", "mentoring", "2023-12-01", "2024-04-30"),
    ("Checkpoint: which pairs are active", "checkpoint", "2024-03-01", "2024-03-15"),
    ("Mid-term survey", "survey", "2024-03-01", "2024-03-22"),
    ("Mid-term training for mentors", "training", "2024-03-12", None),
    ("Meta-mentoring sessions", "training", "2024-03-19", "2024-03-21"),
    ("Final survey", "survey", "2024-05-06", "2024-05-31"),
    ("Final training for mentors", "training", "2024-05-14", None),
    ("Closure ceremony", "closure", "2024-06-14", None),
    ("Certificates for mentors", "closure", "2024-06-14", "2024-06-30"),
]


@dataclass(frozen=True)
class DemoLogin:
    role: str
    name: str
    email: str


# Letters that Unicode does not decompose into a base letter and an accent.
UNDECOMPOSED = str.maketrans(
    {"ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ø": "o", "ß": "ss"}
)


def ascii_slug(text):
    plain = unicodedata.normalize("NFKD", text.translate(UNDECOMPOSED))
    plain = plain.encode("ascii", "ignore").decode()
    return "".join(ch if ch.isalnum() else "." for ch in plain.lower()).strip(".")


@transaction.atomic
def load_demo_edition():
    """Create or refresh the demo edition; returns the log-ins to print."""
    edition = _edition()
    _milestones(edition)
    load_demo_events(edition)
    load_demo_surveys(edition)
    password = DemoPassword()
    logins = [
        _coordinator(
            "international coordinator",
            "Karolina Nowicka",
            edition,
            RoleGrant.Role.INTERNATIONAL,
            password=password,
        ),
        _coordinator(
            "training partner",
            "Marek Zieliński",
            edition,
            RoleGrant.Role.TRAINING_PARTNER,
            password=password,
        ),
    ]
    rng = random.Random(SEED)
    members_by_country, associations = {}, {}
    for row in ASSOCIATIONS:
        association = _association(row)
        EditionAssociation.objects.get_or_create(
            edition=edition, association=association
        )
        logins.append(
            _coordinator(
                f"national coordinator {association.country}",
                row[5],
                edition,
                RoleGrant.Role.NATIONAL,
                association,
                password=password,
            )
        )
        members = _members(association, row, rng)
        if association.country == "PL":
            logins.append(_member_login(members[0], password))
        members_by_country[association.country] = members
        associations[association.country] = association
    planned = load_demo_applications(edition, members_by_country, associations)
    logins += _applicant_logins(planned, password)
    return edition, logins


def _applicant_logins(applications, password):
    """An accepted Polish mentor and mentee, to walk the participants' side.

    The demo's day is in the matching week, so neither has a pair until the
    international coordinator publishes a run.
    """
    logins = []
    for role in ("mentor", "mentee"):
        application = next(
            a
            for a in applications
            if a.role == role
            and a.association.country == "PL"
            and a.decision == Application.Decision.ACCEPTED
        )
        password.apply(application.person)
        logins.append(
            DemoLogin(
                f"{role} (PL, accepted)",
                application.person.full_name,
                application.person.email,
            )
        )
    return logins


def _edition():
    edition, _ = Edition.objects.update_or_create(
        slug="2023-24",
        defaults={
            "name": "2023/24",
            "starts_on": dt.date(2023, 9, 1),
            "ends_on": dt.date(2024, 6, 30),
        },
    )
    return edition


def _milestones(edition):
    for name, kind, starts, ends in MILESTONES:
        Milestone.objects.update_or_create(
            edition=edition,
            name=name,
            defaults={
                "kind": kind,
                "starts_on": dt.date.fromisoformat(starts),
                "ends_on": dt.date.fromisoformat(ends) if ends else None,
            },
        )


def _association(row):
    country, name, languages, *_ = row
    association, _ = Association.objects.update_or_create(
        country=country,
        defaults={
            "name": name,
            "languages": languages,
            "membership_rule": (
                "Alumni who paid this year's membership fee and are in the register."
            ),
            "legacy_encoding": "cp1250"
            if country in {"PL", "CZ", "SK", "HR", "HU"}
            else "",
        },
    )
    return association


class DemoPassword:
    """One hash of the demo password, shared by every demo log-in.

    Hashing is slow on purpose; sharing one hash keeps loading the demo quick and
    lets a second run see at a glance that nothing needs to change.
    """

    def __init__(self):
        self.encoded = None

    def apply(self, person):
        if self.encoded is None:
            if person.check_password(DEMO_PASSWORD):
                self.encoded = person.password
            else:
                self.encoded = make_password(DEMO_PASSWORD)
        if person.password != self.encoded:
            person.password = self.encoded
            person.save(update_fields=["password"])
        EmailAddress.objects.update_or_create(
            user=person,
            email=person.email,
            defaults={"verified": True, "primary": True},
        )


def _coordinator(label, name, edition, role, association=None, *, password):
    email = f"{LOGIN_NAMES.get(name) or ascii_slug(name)}@tandem.example"
    zone = ZONES.get(association.country if association else "PL")
    person, _ = Person.objects.update_or_create(
        email=email, defaults={"full_name": name, "time_zone": zone}
    )
    password.apply(person)
    RoleGrant.objects.get_or_create(
        person=person, edition=edition, role=role, association=association
    )
    return DemoLogin(label, name, email)


def _members(association, row, rng):
    country, _, languages, locales, number_pattern, _ = row
    fakers = [Faker(locale) for locale in locales]
    for index, faker in enumerate(fakers):
        faker.seed_instance(SEED + index + 100 * ASSOCIATIONS.index(row))
    people = []
    for index in range(MEMBERS_PER_ASSOCIATION):
        faker = fakers[index % len(fakers)]
        name = (
            FEATURED_MEMBERS.get(country)
            if index == 0 and country in FEATURED_MEMBERS
            else f"{faker.first_name()} {faker.last_name()}"
        )
        people.append(
            _member(association, index, name, faker, languages, rng, number_pattern)
        )
    return people


def _member(association, index, name, faker, languages, rng, number_pattern):
    domain = f"{association.country.lower()}.members.example"
    email = f"{ascii_slug(name) or 'member'}.{index:02d}@{domain}"
    extra = rng.sample(SECOND_LANGUAGES, rng.randint(0, 1))
    spoken = [languages[0], "English", *extra]
    person, _ = Person.objects.update_or_create(
        email=email,
        defaults={
            "full_name": name,
            "time_zone": ZONES[association.country],
            "languages": sorted(set(spoken)),
            "employer": faker.company(),
            "industry": rng.choice(INDUSTRIES),
            "function": rng.choice(FUNCTIONS),
        },
    )
    state = rng.choices(
        [
            Membership.State.VERIFIED,
            Membership.State.UNVERIFIED,
            Membership.State.REJECTED,
        ],
        weights=[80, 15, 5],
    )[0]
    Membership.objects.update_or_create(
        person=person,
        association=association,
        defaults={
            "member_number": number_pattern.format(100 + index * 7),
            "state": state,
        },
    )
    return person


def _member_login(person, password):
    password.apply(person)
    return DemoLogin("member (PL)", person.full_name, person.email)
