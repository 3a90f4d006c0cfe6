import datetime as dt
from dataclasses import dataclass, field

import pytest

from tandem.programs.models import RoleGrant
from tests import factories, permissions


@dataclass
class World:
    """Two editions, two associations, and one person for each role in the first.

    The people of association B carry a unique marker in their names, so tests can
    assert that it never appears where it must not.
    """

    edition: object
    other_edition: object
    association_a: object
    association_b: object
    people: dict
    milestone: object
    other_milestone: object
    join_request: object
    other_join_request: object
    extra: dict = field(default_factory=dict)


MARKER = "Zzmarker"


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Real hashing is slow on purpose; tests create hundreds of accounts.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db):
    edition = factories.make_edition()
    other = factories.make_edition("2024/25", *_dates(2024))
    a = factories.make_association("PL", "Alumni Poland")
    b = factories.make_association("HU", "Alumni Hungary", languages=["Hungarian"])
    for association in (a, b):
        factories.join(edition, association)
    factories.join(other, a)
    people = {
        "member_a": factories.make_member(a, "Łukasz Wójcik"),
        "member_b": factories.make_member(b, f"Őrs {MARKER}"),
        "mentee_a": factories.make_member(a, "Zoë Nowak"),
        "mentor_b": factories.make_member(b, f"Bence {MARKER}"),
        "training_partner": factories.make_person("Marek Zieliński"),
        "national_a": factories.make_person("Agata Wiśniewska"),
        "national_b": factories.make_person(f"Ildikó {MARKER}"),
        "international": factories.make_person("Karolina Nowicka"),
        "international_other": factories.make_person("Jan Novák"),
        "nobody": factories.make_person("Zoë Peeters"),
    }
    factories.grant(
        people["training_partner"], edition, RoleGrant.Role.TRAINING_PARTNER
    )
    factories.grant(people["national_a"], edition, RoleGrant.Role.NATIONAL, a)
    factories.grant(people["national_b"], edition, RoleGrant.Role.NATIONAL, b)
    factories.grant(people["international"], edition, RoleGrant.Role.INTERNATIONAL)
    factories.grant(people["international_other"], other, RoleGrant.Role.INTERNATIONAL)
    built = World(
        edition=edition,
        other_edition=other,
        association_a=a,
        association_b=b,
        people=people,
        milestone=factories.make_milestone(edition),
        other_milestone=factories.make_milestone(other),
        join_request=factories.make_join_request(edition),
        other_join_request=factories.make_join_request(other, country="ES"),
    )
    permissions.extend_world(built)
    return built


def _dates(year):
    return dt.date(year, 9, 1), dt.date(year + 1, 6, 30)


@pytest.fixture
def open_window(world, settings):
    """The world's edition on a day inside its application window."""
    settings.TANDEM_TODAY = "2023-10-20"
    factories.make_milestone(
        world.edition,
        "Applications open",
        "applications",
        dt.date(2023, 10, 9),
        dt.date(2023, 11, 12),
    )
    return world
