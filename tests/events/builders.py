"""Accepted participants and events, built the way the applications app leaves them."""

import datetime as dt
import itertools
from zoneinfo import ZoneInfo

from tandem.applications.models import Application
from tandem.events.models import Event
from tests import factories

_numbers = itertools.count(1)


def accept(person, edition, association, role):
    """Accept the person's application, reusing one another table already made."""
    application, _ = Application.objects.update_or_create(
        person=person,
        edition=edition,
        role=role,
        defaults={
            "association": association,
            "state": Application.State.SUBMITTED,
            "decision": Application.Decision.ACCEPTED,
            "source": Application.Source.FORM,
        },
    )
    return application


def make_participant(edition, association, role, name=None, email=None, **fields):
    """A verified member of the association accepted in the edition."""
    name = name or f"Participant {next(_numbers)}"
    person = factories.make_member(association, name, email=email, **fields)
    accept(person, edition, association, role)
    return person


def at(text, zone="Europe/Warsaw"):
    """An aware datetime from 'YYYY-MM-DD HH:MM' read in ``zone``."""
    return dt.datetime.fromisoformat(text).replace(tzinfo=ZoneInfo(zone))


def make_event(edition, title="Mentor training 1", **fields):
    values = {
        "kind": Event.Kind.MANDATORY_TRAINING,
        "audience": Event.Audience.MENTORS,
        "mandatory": True,
        "starts_at": at("2023-11-14 18:00"),
        "ends_at": at("2023-11-14 20:00"),
        "time_zone": "Europe/Warsaw",
        "online_url": "https://meet.example.org/training",
    }
    values.update(fields)
    return Event.objects.create(edition=edition, title=title, **values)
