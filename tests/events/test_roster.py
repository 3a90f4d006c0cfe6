from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tandem.applications.models import Application
from tandem.core.models import AuditEntry
from tandem.events.domain.recording import record_roster
from tandem.events.models import Attendance
from tandem.people.models import Person
from tests.conftest import MARKER
from tests.events.builders import make_participant


def roster_url(world, event):
    return reverse("events:roster", args=[world.edition.slug, event.pk])


def recorded(event):
    return dict(
        Attendance.objects.filter(event=event).values_list(
            "person__full_name", "minutes"
        )
    )


def test_ticking_records_the_whole_event_and_unticking_removes(world):
    event = world.extra["mentor_event"]
    partner = world.people["training_partner"]
    ewa = make_participant(world.edition, world.association_a, "mentor", "Ewa Lis")

    first = record_roster(event, [ewa.pk], actor=partner)
    second = record_roster(event, [str(world.people["mentor_b"].pk)], actor=partner)

    assert (first.added, first.removed) == (1, 0)
    assert (second.added, second.removed) == (1, 1)
    assert recorded(event) == {f"Bence {MARKER}": 120}
    assert AuditEntry.objects.filter(action="event.roster_saved").count() == 2


def test_a_ticked_person_keeps_the_minutes_an_import_gave_them(world):
    event = world.extra["mentor_event"]
    mentor = world.people["mentor_b"]
    Attendance.objects.create(
        event=event,
        person=mentor,
        minutes=97,
        source="import",
        recorded_at=event.starts_at,
    )

    change = record_roster(event, [mentor.pk], actor=world.people["international"])

    assert (change.added, change.removed) == (0, 0)
    assert recorded(event) == {f"Bence {MARKER}": 97}
    assert not AuditEntry.objects.filter(action="event.roster_saved").exists()


def test_a_national_coordinator_ticks_only_its_own_people(world):
    event = world.extra["mentor_event"]
    ewa = make_participant(world.edition, world.association_a, "mentor", "Ewa Lis")
    other = world.people["mentor_b"]
    Attendance.objects.create(
        event=event,
        person=other,
        minutes=120,
        source="roster",
        recorded_at=event.starts_at,
    )

    # The form claims someone of association B and leaves B's attendee unticked.
    record_roster(event, [ewa.pk, other.pk], actor=world.people["national_a"])
    record_roster(event, [ewa.pk], actor=world.people["national_a"])

    assert recorded(event) == {"Ewa Lis": 120, f"Bence {MARKER}": 120}


def test_people_outside_the_audience_are_never_recorded(world):
    event = world.extra["mentor_event"]

    record_roster(
        event, [world.people["mentee_a"].pk], actor=world.people["training_partner"]
    )

    assert recorded(event) == {}


def test_the_training_partner_sees_names_and_nothing_else(client, world):
    event = world.extra["mentor_event"]
    mentor = world.people["mentor_b"]
    client.force_login(world.people["training_partner"])

    page = client.get(roster_url(world, event)).content.decode()

    assert f"Bence {MARKER}" in page
    assert mentor.email not in page
    assert world.association_b.name not in page
    assert '<th scope="col">Association</th>' not in page


def test_a_national_coordinator_sees_only_its_associations_people(client, world):
    event = world.extra["mentor_event"]
    make_participant(world.edition, world.association_a, "mentor", "Ewa Lis")
    client.force_login(world.people["national_a"])

    page = client.get(roster_url(world, event)).content.decode()

    assert "Ewa Lis" in page
    assert MARKER not in page


def test_the_roster_form_saves_every_tick_at_once(client, world):
    event = world.extra["mentor_event"]
    people = [
        make_participant(world.edition, world.association_a, "mentor") for _ in range(3)
    ]
    client.force_login(world.people["training_partner"])

    response = client.post(
        roster_url(world, event), {"present": [p.pk for p in people[:2]]}, follow=True
    )

    assert set(recorded(event)) == {people[0].full_name, people[1].full_name}
    assert [str(m) for m in response.context["messages"]] == [
        "Roster saved: 2 added, 0 removed."
    ]


def roster_queries(client, world, event, size):
    """Queries of the roster page once ``size`` people are on it, all present."""
    on_roster = Application.objects.filter(
        edition=world.edition, role="mentor", decision="accepted"
    ).count()
    for _ in range(size - on_roster):
        person = make_participant(world.edition, world.association_a, "mentor")
        Attendance.objects.create(
            event=event,
            person=person,
            minutes=120,
            source="roster",
            recorded_at=event.starts_at,
        )
    client.force_login(world.people["training_partner"])
    with CaptureQueriesContext(connection) as queries:
        response = client.get(roster_url(world, event))
    assert response.status_code == 200
    assert len(response.context["rows"]) == size
    return len(queries)


def test_the_roster_page_costs_the_same_queries_for_10_and_500_people(client, world):
    event = world.extra["mentor_event"]
    few = roster_queries(client, world, event, 10)

    many = roster_queries(client, world, event, 500)

    assert few == many


def test_saving_500_ticks_reads_as_little_as_saving_10(world):
    """Only the INSERT statements grow, in the batches the database allows."""
    reads = []
    for size, event in (
        (10, world.extra["mentor_event"]),
        (500, world.extra["mentee_event"]),
    ):
        role = "mentor" if event.audience == "mentors" else "mentee"
        ids = [
            make_participant(world.edition, world.association_a, role).pk
            for _ in range(size)
        ]
        # A fresh object each time: roles are cached on the person object.
        partner = Person.objects.get(pk=world.people["training_partner"].pk)
        with CaptureQueriesContext(connection) as queries:
            change = record_roster(event, ids, actor=partner)
        assert change.added == size
        reads.append([q["sql"][:6] for q in queries if "INSERT" not in q["sql"]])

    assert reads[0] == reads[1]
