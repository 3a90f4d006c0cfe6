"""A small accepted cohort of verified members for matching tests."""

from tests import factories
from tests.mentoring.helpers import make_application

BANKING = {"industry": "Banking", "function": "Finance"}


def mentor(edition, association, name, **fields):
    person = fields.pop("person", None) or factories.make_member(association, name)
    fields = {"years_experience": 20, "employer": f"{name} Ltd", **BANKING, **fields}
    return make_application(person, edition, association, "mentor", **fields)


def mentee(edition, association, name, **fields):
    person = fields.pop("person", None) or factories.make_member(association, name)
    fields = {"years_experience": 3, "employer": f"{name} plc", **BANKING, **fields}
    return make_application(person, edition, association, "mentee", **fields)
