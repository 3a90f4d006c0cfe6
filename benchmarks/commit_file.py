"""Import one big file into a fresh database: preview, then commit; print times.

TANDEM_VAR_DIR=/tmp/tandem-bench /usr/bin/time -v \
    python benchmarks/commit_file.py var/big.csv

The database is the one settings name (SQLite in TANDEM_VAR_DIR unless
DATABASE_URL says otherwise); it is migrated and given the five associations the
generator writes. Run it on a scratch database: the commit really writes.
"""

import os
import sys
import time
from pathlib import Path

import django

# Run as a script from the repository root, where `tandem` is not on sys.path.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tandem.settings")
django.setup()

from django.core.management import call_command  # noqa: E402 (after setup)

from tandem.applications.domain import importing  # noqa: E402
from tandem.people.models import Person  # noqa: E402
from tandem.programs.models import (  # noqa: E402
    Association,
    Edition,
    EditionAssociation,
)

ASSOCIATIONS = {
    "PL": "AIESEC Alumni Poland",
    "HU": "AIESEC Alumni Hungary",
    "CZ": "AIESEC Alumni Czechia",
    "HR": "AIESEC Alumni Croatia",
    "SE": "AIESEC Alumni Sweden",
}


def scratch_edition():
    call_command("migrate", verbosity=0)
    edition, _ = Edition.objects.get_or_create(
        slug="bench",
        defaults={"name": "Bench", "starts_on": "2023-09-01", "ends_on": "2024-06-30"},
    )
    for country, name in ASSOCIATIONS.items():
        association, _ = Association.objects.get_or_create(
            country=country, defaults={"name": name, "languages": ["English"]}
        )
        EditionAssociation.objects.get_or_create(
            edition=edition, association=association
        )
    actor, _ = Person.objects.get_or_create(
        email="bench@tandem.example", defaults={"full_name": "Bench"}
    )
    return edition, actor


def main() -> None:
    path = Path(sys.argv[1])
    edition, actor = scratch_edition()

    started = time.perf_counter()
    table = importing.read_upload(path.read_bytes(), path.name)
    preview = importing.preview_import(
        edition, table, importing.mapping_for(table), scope=None
    )
    previewed = time.perf_counter()
    # The generator reuses a few names, so most groups are namesakes: keep them.
    decisions = {
        str(index): (
            importing.MERGE
            if group.reason.startswith("same e-mail")
            else importing.KEEP
        )
        for index, group in enumerate(preview.duplicate_groups)
    }
    result = importing.commit_import(edition, preview, actor=actor, decisions=decisions)
    committed = time.perf_counter()

    print(f"{len(preview.rows)} rows, {len(preview.errors)} errors")
    print(f"preview {previewed - started:.1f} s, commit {committed - previewed:.1f} s")
    print(f"created {result.created}, updated {result.updated}")


if __name__ == "__main__":
    main()
