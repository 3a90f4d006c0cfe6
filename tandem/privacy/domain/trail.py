"""Audit rows for what a person does with their own data.

One row per edition the person applied to, carrying that application's
association, so each edition's international coordinator finds it in the
edition's trail; a person who never applied gets one row without an edition.
Rows hold the person's id and nothing they wrote.
"""

from tandem.applications.models import Application
from tandem.core import audit


def record_for_person(action, person, *, actor):
    applications = (
        Application.objects.filter(person=person)
        .select_related("edition", "association")
        .order_by("edition_id", "association_id", "pk")
    )
    places = {(a.edition_id, a.association_id): a for a in applications}
    if not places:
        audit.record(action, person, actor=actor)
    for application in places.values():
        audit.record(
            action,
            person,
            actor=actor,
            association=application.association,
            edition=application.edition,
        )
