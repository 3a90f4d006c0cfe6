"""The permission table: one module here per app, each with its CASES.

A case lists the expected status for the roles in ROLES, in that order. 404 means
the object is outside the person's scope (its existence is not revealed), 403 that
it is in scope but the action is not theirs, "login" that an anonymous visitor is
sent to sign in. A module may also define ``extend_world(world)`` to add the
objects its cases need; the ``world`` fixture calls every such function.
"""

import importlib
import pkgutil
from dataclasses import dataclass, field

ROLES = [
    "anonymous",
    "nobody",
    "member_a",
    "member_b",
    "mentee_a",
    "mentor_b",
    "training_partner",
    "national_a",
    "national_b",
    "international",
    "international_other",
]


@dataclass
class Case:
    url_name: str
    args: object
    expect: str
    method: str = "get"
    data: dict = field(default_factory=dict)

    def statuses(self):
        return dict(zip(ROLES, self.expect.split(), strict=True))

    def __str__(self):
        return self.url_name


def modules():
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        yield importlib.import_module(f"{__name__}.{info.name}")


def all_cases():
    return [case for module in modules() for case in getattr(module, "CASES", [])]


def extend_world(world):
    for module in modules():
        extender = getattr(module, "extend_world", None)
        if extender is not None:
            extender(world)
