"""Who an event is for, and who a viewer may see on its roster."""

from tandem.applications.models import Application
from tandem.events.models import AUDIENCE_ROLES, Event
from tandem.people.models import Person
from tandem.programs.models import RoleGrant
from tandem.programs.roles import roles_for


def accepted(edition):
    return Application.objects.filter(
        edition=edition,
        state=Application.State.SUBMITTED,
        decision=Application.Decision.ACCEPTED,
    )


def participant_roles(person, edition):
    """The roles (mentor, mentee) the person was accepted in, computed once."""
    if not getattr(person, "is_authenticated", False) or edition is None:
        return frozenset()
    cache = person.__dict__.setdefault("_tandem_participant_roles", {})
    if edition.pk not in cache:
        cache[edition.pk] = frozenset(
            accepted(edition).filter(person=person).values_list("role", flat=True)
        )
    return cache[edition.pk]


def is_for(event, person):
    """Whether the event's audience includes the person."""
    if event.roles:
        return bool(participant_roles(person, event.edition) & set(event.roles))
    return roles_for(person, event.edition).coordinator


def audience(event, viewer):
    """The people on the event's roster that ``viewer`` may see, by name.

    The international coordinator and the training partner see everyone the event
    is for; a national coordinator only its associations' people. Each row is
    (person id, name, association code).
    """
    roles = roles_for(viewer, event.edition)
    everyone = roles.international or roles.training_partner
    if event.roles:
        rows = accepted(event.edition).filter(role__in=event.roles)
        if not everyone:
            rows = rows.filter(association__in=roles.national_of)
        values = rows.values_list(
            "person_id", "person__full_name", "association__country"
        )
    else:
        rows = RoleGrant.objects.filter(
            edition=event.edition,
            role__in=[RoleGrant.Role.INTERNATIONAL, RoleGrant.Role.NATIONAL],
        )
        if not everyone:
            rows = rows.filter(association__in=roles.national_of)
        values = rows.values_list(
            "person_id", "person__full_name", "association__country"
        )
    unique = {pk: (pk, name, country or "") for pk, name, country in values}
    return sorted(unique.values(), key=lambda row: (row[1].casefold(), row[0]))


def audience_people(event, viewer):
    """The roster's people as Person objects, for matching an attendance file."""
    ids = [pk for pk, _, _ in audience(event, viewer)]
    return Person.objects.filter(pk__in=ids).only("pk", "full_name", "email")


def audiences_of(person, edition):
    """The audiences whose events are for the person in the edition."""
    roles = participant_roles(person, edition)
    audiences = {
        audience
        for audience, audience_roles in AUDIENCE_ROLES.items()
        if roles & set(audience_roles)
    }
    if roles_for(person, edition).coordinator:
        audiences.add(Event.Audience.COORDINATORS)
    return audiences


def events_for(person, edition):
    return edition.events.filter(audience__in=audiences_of(person, edition))


def missing_mandatory(person, edition):
    """Mandatory events for the person that have no attendance of theirs."""
    return (
        events_for(person, edition)
        .filter(mandatory=True)
        .exclude(attendances__person=person)
    )
