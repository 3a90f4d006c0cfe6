"""The platform's own pages: the audit trail and the health check."""

from tandem.core import audit
from tests.permissions import Case


def extend_world(world):
    """Audit rows in both editions; the other edition's names a marked person."""
    people = world.people
    world.extra["audit_here"] = audit.record(
        "role.granted",
        world.milestone,
        actor=people["international"],
        edition=world.edition,
    )
    world.extra["audit_elsewhere"] = audit.record(
        "role.granted",
        world.other_milestone,
        actor=people["national_b"],
        association=world.association_b,
        edition=world.other_edition,
    )


CASES = [
    Case(
        "core:audit",
        lambda w: [w.edition.slug],
        "login 404 403 403 403 403 403 403 403 200 404",
    ),
    Case(
        "core:audit",
        lambda w: [w.other_edition.slug],
        "login 404 403 404 403 404 404 404 404 404 200",
    ),
    Case("core:healthz", lambda w: [], "200 200 200 200 200 200 200 200 200 200 200"),
]
