"""Plain functions that make valid objects; each test states what it changes."""

import datetime as dt
import itertools

from tandem.people.models import Membership, Person
from tandem.programs.models import (
    Association,
    Edition,
    EditionAssociation,
    JoinRequest,
    Milestone,
    RoleGrant,
)

PASSWORD = "a-long-test-password-1"
_numbers = itertools.count(1)


def make_person(name="Zoë Šimić", email=None, **fields):
    email = email or f"person{next(_numbers)}@example.org"
    return Person.objects.create_user(email, PASSWORD, full_name=name, **fields)


def make_association(country="PL", name=None, **fields):
    fields.setdefault("languages", ["Polish"])
    fields.setdefault("membership_rule", "Paid this year's fee.")
    return Association.objects.create(
        country=country, name=name or f"Alumni {country}", **fields
    )


def make_edition(name="2023/24", starts=dt.date(2023, 9, 1), ends=dt.date(2024, 6, 30)):
    slug = name.replace("/", "-")
    return Edition.objects.create(name=name, slug=slug, starts_on=starts, ends_on=ends)


def join(edition, association):
    EditionAssociation.objects.create(edition=edition, association=association)


def make_milestone(edition, name="Mentoring", kind="mentoring", starts=None, ends=None):
    return Milestone.objects.create(
        edition=edition,
        name=name,
        kind=kind,
        starts_on=starts or edition.starts_on,
        ends_on=ends,
    )


def grant(person, edition, role, association=None):
    return RoleGrant.objects.create(
        person=person, edition=edition, role=role, association=association
    )


def make_member(association, name="Łukasz Wójcik", state="verified", **fields):
    person = make_person(name, **fields)
    Membership.objects.create(
        person=person, association=association, state=state, member_number="0916"
    )
    return person


def make_join_request(edition, **fields):
    values = {
        "association_name": "AIESEC Alumni Portugal",
        "country": "PT",
        "languages": ["Portuguese"],
        "membership_rule": "Alumni who paid the fee.",
        "board_member_name": "João Silva",
        "board_member_email": "joao@example.pt",
        "coordinator_name": "Inês Gonçalves",
        "coordinator_email": "ines@example.pt",
    }
    values.update(fields)
    return JoinRequest.objects.create(edition=edition, **values)
