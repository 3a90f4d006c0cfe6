"""An import that fails in the middle of its writes leaves nothing written."""

import pytest

from tandem.applications.domain import importing, membership
from tandem.applications.models import Application, PrivacyConsent
from tandem.people.models import Membership, Person
from tandem.programs.models import RoleGrant
from tests import factories
from tests.applications.conftest import COUNTRIES, import_corpus_file
from tests.tabular.conftest import CORPUS, LEGACY

FORM = "forms/google-forms_mentors_PL-HU-SK_2023.csv"


@pytest.fixture
def edition(db):
    """The corpus' edition, its associations and its international coordinator."""
    edition = factories.make_edition()
    associations = {}
    for code, (name, languages, encoding) in COUNTRIES.items():
        associations[code] = factories.make_association(
            code, name, languages=languages, legacy_encoding=encoding
        )
        factories.join(edition, associations[code])
    international = factories.make_person("Karolina Nowicka")
    factories.grant(international, edition, RoleGrant.Role.INTERNATIONAL)
    return edition, associations, international


class Crash(Exception):
    """Stands for the process dying: the transaction never reaches its commit."""


def crash_on_call(monkeypatch, owner, name, *, call=1):
    """Make ``owner.name`` raise Crash on its ``call``-th call, the earlier ones run."""
    real = getattr(owner, name)
    calls = []

    def crashing(*args, **kwargs):
        calls.append(1)
        if len(calls) == call:
            raise Crash(name)
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, crashing)
    return calls


def preview_of(world, relative):
    edition, _, _ = world
    path = CORPUS / relative
    table = importing.read_upload(
        path.read_bytes(), path.name, legacy_encoding=LEGACY.get(path.name, "")
    )
    return importing.preview_import(edition, table, importing.mapping_for(table))


def counts():
    return (
        Person.objects.count(),
        Application.objects.count(),
        Membership.objects.count(),
        PrivacyConsent.objects.count(),
    )


def test_an_application_import_failing_at_row_five_writes_nothing(edition, monkeypatch):
    _, _, international = edition
    preview = preview_of(edition, FORM)
    before = counts()
    calls = crash_on_call(monkeypatch, importing, "_fill", call=5)

    with pytest.raises(Crash):
        importing.commit_import(edition[0], preview, actor=international)

    assert len(calls) == 5
    assert counts() == before


def test_an_application_import_failing_after_its_people_and_applications_writes_nothing(
    edition, monkeypatch
):
    _, _, international = edition
    preview = preview_of(edition, FORM)
    before = counts()
    # Memberships are written after the people and applications are inserted.
    crash_on_call(monkeypatch, importing._Plan, "_write_memberships")

    with pytest.raises(Crash):
        importing.commit_import(edition[0], preview, actor=international)

    assert counts() == before


def test_a_reimport_failing_half_way_keeps_every_application_as_it_was(
    edition, monkeypatch
):
    edition_, _, international = edition
    import_corpus_file(edition_, FORM, actor=international)
    before = list(Application.objects.order_by("pk").values_list("pk", "updated_at"))
    crash_on_call(monkeypatch, importing._Plan, "_write_memberships")

    with pytest.raises(Crash):
        importing.commit_import(
            edition_, preview_of(edition, FORM), actor=international
        )

    after = list(Application.objects.order_by("pk").values_list("pk", "updated_at"))
    assert after == before


def test_a_member_list_failing_after_its_verifications_verifies_nobody(
    edition, monkeypatch
):
    edition_, associations, international = edition
    import_corpus_file(
        edition_, "forms/google-sheets_mentees_PL_locale-pl.csv", actor=international
    )
    association = associations["PL"]
    name = "PL_czlonkowie_2023-10-31_cp1250.csv"
    table = importing.read_upload(
        (CORPUS / "members" / name).read_bytes(), name, association=association
    )
    states = Membership.objects.filter(association=association)
    before = sorted(states.values_list("person_id", "state"))
    # The audit row is written after the memberships are updated.
    crash_on_call(monkeypatch, membership.audit, "record")

    with pytest.raises(Crash):
        membership.apply_member_list(edition_, association, table, actor=international)

    assert sorted(states.values_list("person_id", "state")) == before
    assert states.filter(state="verified").count() == 0
    monkeypatch.undo()
    membership.apply_member_list(edition_, association, table, actor=international)
    assert states.filter(state="verified").count() > 0
