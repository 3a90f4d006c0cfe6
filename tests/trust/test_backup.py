"""Backup and restore give back exactly what was there."""

import hashlib

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection

from tandem.core import audit
from tandem.people.models import Person
from tandem.programs.models import Milestone
from tests import factories


def fingerprint():
    """Row count and a digest of every row's values, for every table."""
    result = {}
    for model in apps.get_models(include_auto_created=True):
        if not model._meta.managed:
            continue
        rows = model._base_manager.order_by("pk").values_list()
        digest = hashlib.sha256(repr(list(rows)).encode()).hexdigest()
        result[model._meta.db_table] = (rows.count(), digest)
    return result


@pytest.mark.django_db(transaction=True)
def test_a_round_trip_gives_back_every_row(tmp_path, world):
    audit.record("login.succeeded", world.people["international"], actor=None)
    people = Person.objects.count()
    before = fingerprint()
    path = tmp_path / "tandem.backup"

    call_command("backup", str(path))
    Milestone.objects.all().delete()
    factories.make_person("Someone Added Later")
    changed = fingerprint()
    call_command("restore", str(path), "--yes")
    after = fingerprint()

    assert changed != before
    assert after == before
    assert before["people_person"][0] == Person.objects.count() == people
    assert path.stat().st_size > 0


@pytest.mark.django_db(transaction=True)
def test_the_audit_guard_survives_a_restore(tmp_path, world):
    from django.db import DatabaseError

    if connection.vendor != "postgresql":
        pytest.skip("SQLite's guard refuses rewrites only (flush needs DELETE)")
    path = tmp_path / "tandem.backup"
    call_command("backup", str(path))
    call_command("restore", str(path), "--yes")

    with pytest.raises(DatabaseError), connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditentry")


@pytest.mark.django_db
def test_restore_asks_first_and_refuses_a_missing_file(tmp_path, monkeypatch):
    from django.core.management import CommandError

    monkeypatch.setattr("builtins.input", lambda prompt: "n")
    with pytest.raises(CommandError, match="Nothing restored"):
        call_command("restore", str(tmp_path / "missing"))
    with pytest.raises(FileNotFoundError):
        call_command("restore", str(tmp_path / "missing"), "--yes")
