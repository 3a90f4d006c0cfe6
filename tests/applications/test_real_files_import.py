"""The real programmes' files through the Django import service, with a saved mapping.

A national coordinator of a fresh edition uploads each file; the mapping page opens
with the file's preset plus the coordinator's association, the coordinator saves it,
and the saved mapping is what previews and commits. Counts come from reading the
files: every data row is an application unless the preview lists it as skipped.
"""

import io

import openpyxl
import pytest

from tandem.applications.domain import importing
from tandem.applications.models import Application, ImportPreset
from tandem.people.models import Person
from tandem.programs.models import RoleGrant
from tests import factories
from tests.tabular.conftest import CORPUS

VT = "vt-me-grad-peer-mentoring-form-responses.xlsx"
VT_CAPACITY = "How many students would you like to mentor?"


@pytest.fixture
def sweden(db):
    """A fresh edition, its one association and that association's coordinator."""
    edition = factories.make_edition()
    association = factories.make_association("SE", "Alumni Sweden")
    factories.join(edition, association)
    coordinator = factories.make_person("Astrid Lindqvist")
    factories.grant(coordinator, edition, RoleGrant.Role.NATIONAL, association)
    return edition, association, coordinator


def _saved_mapping(table, association, coordinator, name, change=None):
    """What the mapping page does: open the mapping, edit it, save it, read it back."""
    mapping = importing.mapping_for(table, association)
    if change:
        change(mapping)
    importing.save_preset(association, name, mapping, actor=coordinator)
    assert ImportPreset.objects.filter(association=association, name=name).exists()
    return importing.mapping_for(table, association)


def _upload(name, data=None):
    path = CORPUS / "real" / name
    return importing.read_upload(data or path.read_bytes(), path.name)


def _import(world, name, data=None, *, change=None):
    edition, association, coordinator = world
    table = _upload(name, data)
    mapping = _saved_mapping(table, association, coordinator, f"{name} import", change)
    preview = importing.preview_import(edition, table, mapping, scope=association)
    result = importing.commit_import(
        edition, preview, actor=coordinator, scope=association
    )
    return mapping, preview, result


def _reimport_creates_nothing(world, name, count, data=None):
    """The saved mapping is found again and every row updates its application."""
    people = Person.objects.count()
    _, _, again = _import(world, name, data)
    assert (again.created, again.people_created) == (0, 0)
    assert again.updated == count
    assert Application.objects.count() == count
    assert Person.objects.count() == people


def _fixed_values(mapping):
    keys = ("association", "preference", "native_language", "consent")
    return {key: mapping.constants.get(key) for key in keys}


HONEST = {
    "association": "SE",
    "preference": "either",
    "native_language": "English",
    "consent": "yes",
}


def test_csl_mentees_sample_imports_all_fifty(sweden):
    name = "csl-mentor-match-sample-mentees.csv"

    mapping, preview, result = _import(sweden, name)

    assert _fixed_values(mapping) == HONEST
    assert (len(preview.rows), preview.skipped, preview.errors) == (50, [], [])
    assert (result.created, result.updated, result.skipped) == (50, 0, 0)
    first = Application.objects.get(person__email="mentee.00@gov.uk")
    assert (first.person.full_name, first.role, first.employer) == (
        "mentee 00",
        "mentee",
        "Department of Joy",
    )
    last = Application.objects.get(person__email="mentee.49@gov.uk")
    assert last.person.full_name == "mentee 49"
    assert last.native_language == "English"
    _reimport_creates_nothing(sweden, name, 50)


def test_csl_mentors_sample_imports_all_fifty(sweden):
    name = "csl-mentor-match-sample-mentors.csv"

    mapping, preview, result = _import(sweden, name)

    assert _fixed_values(mapping) == HONEST
    assert (len(preview.rows), preview.skipped, preview.errors) == (50, [], [])
    assert (result.created, result.updated, result.skipped) == (50, 0, 0)
    first = Application.objects.get(person__email="mentor.00@gov.uk")
    assert (first.person.full_name, first.role, first.employer) == (
        "mentor 00",
        "mentor",
        "Department of Fun",
    )
    assert first.extra_answers["grade"] == "SCS4"
    assert Application.objects.get(person__email="mentor.01@gov.uk").preference == (
        "either"
    )
    _reimport_creates_nothing(sweden, name, 50)


def test_lxai_mentor_applications_import_all_eighteen(sweden):
    name = "lxai-neurips2025-mentor-applications.csv"

    mapping, preview, result = _import(sweden, name)

    assert _fixed_values(mapping) == HONEST
    assert (len(preview.rows), preview.skipped, preview.errors) == (18, [], [])
    assert (result.created, result.updated, result.skipped) == (18, 0, 0)
    rosangela = Application.objects.get(person__full_name="Rosângela Barbosa da Cunha")
    assert rosangela.role == "mentor"
    assert rosangela.other_languages == ["English", "Spanish", "Portuguese"]
    tomas = Application.objects.get(person__full_name="Tomás Rojas")
    assert tomas.submitted_at.date().isoformat() == "2025-09-10"
    _reimport_creates_nothing(sweden, name, 18)


def test_ubc_coffee_chat_signups_import_all_forty(sweden):
    name = "ubc-cs-coffee-chat-qualtrics-signup-2019.csv"

    mapping, preview, result = _import(sweden, name)

    assert _fixed_values(mapping) == HONEST
    assert (len(preview.rows), preview.skipped, preview.errors) == (40, [], [])
    assert (result.created, result.updated, result.skipped) == (40, 0, 0)
    rodrigo = Application.objects.get(person__email="ronav2741@gmail.example")
    assert rodrigo.person.full_name == "Rodrigo Navas"
    assert rodrigo.submitted_at.isoformat() == "2019-09-05T14:03:23+00:00"
    henry = Application.objects.get(person__email="haoran.liu@alumni.ubc.example")
    assert (henry.person.full_name, henry.role) == ("Haoran (Henry) Liu", "mentee")
    _reimport_creates_nothing(sweden, name, 40)


def test_vt_workbook_is_refused_without_addresses_and_above_capacity(sweden):
    edition, association, coordinator = sweden
    table = _upload(VT)
    mapping = _saved_mapping(table, association, coordinator, "vt import")

    preview = importing.preview_import(edition, table, mapping, scope=association)

    assert _fixed_values(mapping) == HONEST
    assert (len(preview.rows), preview.skipped) == (33, [])
    assert [(e.row, e.column, e.value, e.message) for e in preview.errors] == [
        (None, "E-mail", "", "required: no column and no fixed value for this field"),
        (12, VT_CAPACITY, "5", "more than 3; capacity must be 1, 2 or 3"),
        (13, VT_CAPACITY, "4", "more than 3; capacity must be 1, 2 or 3"),
    ]
    with pytest.raises(importing.ImportRefused) as refused:
        importing.commit_import(edition, preview, actor=coordinator, scope=association)
    assert refused.value.messages == [
        "E-mail: required: no column and no fixed value for this field",
        f"row 12, {VT_CAPACITY}: more than 3; capacity must be 1, 2 or 3",
        f"row 13, {VT_CAPACITY}: more than 3; capacity must be 1, 2 or 3",
    ]
    assert Application.objects.count() == 0


def _vt_with_addresses():
    """The coordinator's copy: the row numbers in Email Address become addresses."""
    workbook = openpyxl.load_workbook(CORPUS / "real" / VT)
    sheet = workbook["Form Responses 1"]
    for row in range(2, sheet.max_row + 1):
        name = sheet.cell(row, 3).value
        sheet.cell(row, 2).value = f"{name.replace(' ', '.')}@vt.example"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _map_addresses_leave_capacity(mapping):
    """Map the filled-in addresses; capacity above 3 stays an answer, not a field."""
    mapping.columns[1] = "email"
    del mapping.columns[16]


def test_vt_workbook_imports_once_the_coordinator_adds_addresses(sweden):
    data = _vt_with_addresses()

    mapping, preview, result = _import(
        sweden, VT, data, change=_map_addresses_leave_capacity
    )

    assert _fixed_values(mapping) == HONEST
    assert (len(preview.rows), preview.skipped, preview.errors) == (33, [], [])
    assert (result.created, result.updated, result.skipped) == (33, 0, 0)
    assert Application.objects.filter(role="mentor").count() == 14
    mentor = Application.objects.get(person__email="mentor.11@vt.example")
    assert (mentor.person.full_name, mentor.role, mentor.capacity) == (
        "mentor 11",
        "mentor",
        None,
    )
    assert mentor.extra_answers[VT_CAPACITY] == "5"
    mentee = Application.objects.get(person__email="mentee.19@vt.example")
    assert (mentee.person.full_name, mentee.role) == ("mentee 19", "mentee")
    _reimport_creates_nothing(sweden, VT, 33, data=data)
