import pytest

from tandem.applications.domain import importing
from tandem.programs.models import RoleGrant
from tests import factories
from tests.tabular.conftest import CORPUS, LEGACY

COUNTRIES = {
    "PL": ("Alumni Poland", ["Polish"], "cp1250"),
    "HU": ("Alumni Hungary", ["Hungarian"], ""),
    "SK": ("Alumni Slovakia", ["Slovak"], "cp1250"),
    "CZ": ("Alumni Czechia", ["Czech"], "cp1250"),
    "SE": ("Alumni Sweden", ["Swedish"], ""),
    "AE": ("Alumni UAE", ["Arabic"], ""),
    "BE": ("Alumni Belgium", ["French", "Dutch"], ""),
    "HR": ("Alumni Croatia", ["Croatian"], ""),
    "RU": ("Alumni Russia", ["Russian"], ""),
}


@pytest.fixture
def corpus_edition(db):
    """The corpus' 2023/24 edition with its nine associations and coordinators."""
    edition = factories.make_edition()
    associations = {}
    for code, (name, languages, encoding) in COUNTRIES.items():
        association = factories.make_association(
            code, name, languages=languages, legacy_encoding=encoding
        )
        factories.join(edition, association)
        associations[code] = association
    international = factories.make_person("Karolina Nowicka")
    factories.grant(international, edition, RoleGrant.Role.INTERNATIONAL)
    return edition, associations, international


def import_corpus_file(edition, relative, *, actor, scope=None, decisions=None):
    path = CORPUS / relative
    table = importing.read_upload(
        path.read_bytes(), path.name, legacy_encoding=LEGACY.get(path.name, "")
    )
    preview = importing.preview_import(
        edition, table, importing.mapping_for(table, scope), scope=scope
    )
    result = importing.commit_import(
        edition, preview, actor=actor, scope=scope, decisions=decisions
    )
    return preview, result
