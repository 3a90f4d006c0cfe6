import pytest

from tandem.matching.domain import sessions
from tandem.programs.models import RoleGrant
from tests import factories
from tests.matching.helpers import mentee, mentor


@pytest.fixture(autouse=True)
def _fresh_sessions():
    # Sessions are per process; a test must not reuse another test's run ids.
    sessions.forget_all()
    yield
    sessions.forget_all()


@pytest.fixture
def cohort(db):
    """PL: two mentors and two mentees speaking English too; HU: one of each, only
    Hungarian, so they can pair only with each other."""
    edition = factories.make_edition()
    pl = factories.make_association("PL", "Alumni Poland")
    hu = factories.make_association("HU", "Alumni Hungary", languages=["Hungarian"])
    for association in (pl, hu):
        factories.join(edition, association)
    coordinator = factories.make_person("Karolina Nowicka")
    factories.grant(coordinator, edition, RoleGrant.Role.INTERNATIONAL)
    national = factories.make_person("Agata Wiśniewska")
    factories.grant(national, edition, RoleGrant.Role.NATIONAL, pl)
    english = {"other_languages": ["English"]}
    return {
        "edition": edition,
        "pl": pl,
        "hu": hu,
        "actor": coordinator,
        "national": national,
        "mentors": [
            mentor(edition, pl, "Adam Mazur", **english),
            mentor(edition, pl, "Ewa Lis", industry="Retail", **english),
            mentor(edition, hu, "Bence Tóth", native_language="Hungarian"),
        ],
        "mentees": [
            mentee(edition, pl, "Zoë Nowak", **english),
            mentee(edition, pl, "Jan Kowal", industry="Retail", **english),
            mentee(edition, hu, "Dóra Kiss", native_language="Hungarian"),
        ],
    }
