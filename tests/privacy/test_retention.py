"""Retention: people of long-closed editions anonymised, with a dry run."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tandem.applications.models import Application
from tandem.core.models import AuditEntry
from tandem.people.models import Person
from tandem.privacy.domain.retention import anonymise_expired, cutoff_for
from tandem.programs.models import RoleGrant
from tests import factories
from tests.mentoring.helpers import make_application

# The world's editions end on 30 June 2024 and 30 June 2025; 730 days after the
# first is 30 June 2026.
AFTER_FIRST = dt.date(2026, 7, 1)


def people_of(edition):
    return set(
        Application.objects.filter(edition=edition).values_list("person", flat=True)
    ) | set(RoleGrant.objects.filter(edition=edition).values_list("person", flat=True))


def due_in_world(world):
    """Everyone of the first edition who is in nothing of the second."""
    return len(people_of(world.edition) - people_of(world.other_edition))


def names():
    return sorted(
        Person.objects.exclude(full_name="erased participant").values_list(
            "full_name", flat=True
        )
    )


def test_the_retention_period_comes_from_the_setting(settings):
    settings.TANDEM_RETENTION_DAYS = 10

    assert cutoff_for(dt.date(2026, 1, 11)) == dt.date(2026, 1, 1)


def test_the_default_keeps_people_two_years(settings):
    assert settings.TANDEM_RETENTION_DAYS == 730


def test_a_dry_run_counts_and_changes_nothing(world, capsys):
    before = names()
    due = due_in_world(world)

    call_command("anonymise_expired", "--dry-run", "--date", "2026-07-01")

    out = capsys.readouterr().out
    assert out == (
        f"Dry run: {due} people of editions that ended before 2024-07-01 would be "
        "anonymised; nothing changed.\n"
    )
    assert names() == before
    assert AuditEntry.objects.filter(action="retention.anonymised").count() == 0


def test_people_of_the_closed_edition_are_anonymised(world):
    people = world.people

    due = due_in_world(world)

    report = anonymise_expired(today=AFTER_FIRST)

    kept = set(names())
    assert report.anonymised == report.due == due
    assert due > 4
    # The other edition (ended 2025) keeps its coordinator; nobody without an
    # edition is touched; the first edition's people are all erased.
    assert people["international_other"].full_name in kept
    assert people["nobody"].full_name in kept
    for role in ("mentee_a", "mentor_b", "national_a", "international"):
        assert people[role].full_name not in kept
    assert (
        AuditEntry.objects.filter(action="retention.anonymised", actor=None).count()
        == AuditEntry.objects.filter(action="retention.anonymised").count()
    )


def test_a_grant_in_a_newer_edition_keeps_the_person(world):
    national = world.people["national_a"]
    factories.grant(
        national, world.other_edition, RoleGrant.Role.NATIONAL, world.association_a
    )

    anonymise_expired(today=AFTER_FIRST)

    assert Person.objects.get(pk=national.pk).full_name == "Agata Wiśniewska"


def test_an_application_to_a_newer_edition_keeps_the_person(world):
    mentee = world.people["mentee_a"]
    make_application(mentee, world.other_edition, world.association_a, "mentee")

    anonymise_expired(today=AFTER_FIRST)

    assert Person.objects.get(pk=mentee.pk).full_name == "Zoë Nowak"


def test_nobody_is_due_before_the_period_is_over(world):
    report = anonymise_expired(today=dt.date(2026, 6, 30))

    assert (report.due, report.anonymised) == (0, 0)


def test_running_twice_is_harmless(world, capsys):
    due = due_in_world(world)
    call_command("anonymise_expired", "--date", "2026-07-01")
    rows = AuditEntry.objects.count()

    call_command("anonymise_expired", "--date", "2026-07-01")

    assert capsys.readouterr().out.splitlines() == [
        f"Anonymised {due} people of editions that ended before 2024-07-01.",
        "Anonymised 0 people of editions that ended before 2024-07-01.",
    ]
    assert AuditEntry.objects.count() == rows


def test_a_bad_date_is_refused(db):
    with pytest.raises(CommandError, match="is not YYYY-MM-DD"):
        call_command("anonymise_expired", "--date", "1 July")
