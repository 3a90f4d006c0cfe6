import os
from pathlib import Path

import pytest

from tandem.tabular.applications import Preview, prepare_applications
from tandem.tabular.mapping import find_preset
from tandem.tabular.reading import Table, read_table

CORPUS = Path(
    os.environ.get("TANDEM_CORPUS")
    or Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus"
).resolve()
LEGACY = {"excel_mentees_CZ-SK_cp1250.csv": "cp1250"}


def corpus_table(relative: str, **options) -> Table:
    path = CORPUS / relative
    options.setdefault("legacy_encoding", LEGACY.get(path.name))
    return read_table(path.read_bytes(), path.name, **options)


def preview_with_preset(relative: str) -> Preview:
    table = corpus_table(relative)
    return prepare_applications(table, find_preset(table))


@pytest.fixture(scope="session")
def form_applicants() -> list[dict]:
    """Every application in forms/, read by our own importer with saved presets."""
    applicants = []
    for path in sorted((CORPUS / "forms").iterdir()):
        preview = preview_with_preset(f"forms/{path.name}")
        assert preview.committable
        applicants += [{"ref": (path.name, r.row), **r.values} for r in preview.rows]
    return applicants
