import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tandem.core.models import AuditEntry
from tandem.events.domain.scheduling import change_event, schedule_event
from tandem.events.models import Event
from tests.events.builders import at

FIELDS = {
    "title": "Mid-term training",
    "kind": "mid_term_training",
    "audience": "mentors",
    "mandatory": False,
    "starts_at": at("2024-03-12 18:00"),
    "ends_at": at("2024-03-12 20:00"),
    "time_zone": "Europe/Warsaw",
    "online_url": "https://meet.example.org/mid-term",
    "place": "",
    "capacity": 120,
    "description": "",
}


def test_an_event_is_stored_in_utc_with_its_zone(world):
    event = schedule_event(world.edition, actor=world.people["international"], **FIELDS)

    stored = Event.objects.get(pk=event.pk)
    assert stored.starts_at == dt.datetime(2024, 3, 12, 17, 0, tzinfo=dt.UTC)
    assert (stored.time_zone, stored.sequence, stored.duration_minutes) == (
        "Europe/Warsaw",
        0,
        120,
    )
    assert AuditEntry.objects.get(object_id=str(event.pk)).action == "event.scheduled"


def test_an_event_that_ends_before_it_starts_is_refused_naming_the_end(world):
    fields = {**FIELDS, "ends_at": at("2024-03-12 17:00")}

    with pytest.raises(ValidationError) as refused:
        schedule_event(world.edition, actor=world.people["international"], **fields)

    assert refused.value.message_dict == {
        "ends_at": ["The event must end after it starts."]
    }
    assert Event.objects.filter(title="Mid-term training").count() == 0
    assert not AuditEntry.objects.filter(action="event.scheduled").exists()


def test_moving_an_event_raises_its_sequence_and_a_refused_move_saves_nothing(world):
    actor = world.people["training_partner"]
    event = schedule_event(world.edition, actor=actor, **FIELDS)

    moved = change_event(
        event,
        actor=actor,
        starts_at=at("2024-03-13 18:00"),
        ends_at=at("2024-03-13 20:00"),
    )
    described = change_event(moved, actor=actor, description="Bring a case.")
    with pytest.raises(ValidationError):
        change_event(described, actor=actor, ends_at=at("2024-03-13 09:00"))

    stored = Event.objects.get(pk=event.pk)
    assert (stored.sequence, stored.description) == (1, "Bring a case.")
    assert stored.ends_at == at("2024-03-13 20:00")
    assert list(
        AuditEntry.objects.filter(object_id=str(event.pk))
        .order_by("id")
        .values_list("action", flat=True)
    ) == ["event.scheduled", "event.moved", "event.changed"]


def form_data(**changes):
    data = {
        "title": "Mid-term training",
        "kind": "mid_term_training",
        "audience": "mentors",
        "starts": "2024-03-12T18:00",
        "ends": "2024-03-12T20:00",
        "time_zone": "Asia/Dubai",
        "online_url": "https://meet.example.org/mid-term",
    }
    data.update(changes)
    return data


def test_the_form_reads_times_in_the_events_zone(client, world):
    client.force_login(world.people["training_partner"])

    response = client.post(
        reverse("events:create", args=[world.edition.slug]), form_data()
    )

    event = Event.objects.get(title="Mid-term training")
    assert response.url == reverse("events:detail", args=[world.edition.slug, event.pk])
    assert event.starts_at == dt.datetime(2024, 3, 12, 14, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"ends": "2024-03-12T17:00"}, "ends", "The event must end after it starts."),
        (
            {
                "starts": "2024-03-31T02:30",
                "ends": "2024-03-31T04:00",
                "time_zone": "Europe/Warsaw",
            },
            "starts",
            "31 Mar 2024 02:30 does not exist in Europe/Warsaw: the clocks go "
            "forward at that hour.",
        ),
        ({"online_url": ""}, "place", "Give an online link or a place, or both."),
        (
            {"starts": "0001-01-01T00:10", "ends": "0001-01-01T00:20"},
            "starts",
            "1 Jan 0001 00:10 cannot be read in Asia/Dubai.",
        ),
        (
            {"starts": "2030-01-08T18:00", "ends": "2030-01-08T20:00"},
            "starts",
            "8 Jan 2030 is after the edition ends (30 Jun 2024).",
        ),
        (
            {"starts": "2023-08-31T18:00", "ends": "2023-08-31T20:00"},
            "starts",
            "31 Aug 2023 is before the edition starts (1 Sep 2023).",
        ),
        (
            {"starts": "2024-06-30T18:00", "ends": "2024-07-01T02:00"},
            "ends",
            "1 Jul 2024 is after the edition ends (30 Jun 2024).",
        ),
    ],
)
def test_the_form_refuses_bad_times_beside_the_field(
    client, world, changes, field, message
):
    client.force_login(world.people["international"])

    response = client.post(
        reverse("events:create", args=[world.edition.slug]), form_data(**changes)
    )

    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert not Event.objects.filter(title="Mid-term training").exists()
