"""Factories for mentoring tests: accepted applications and published pairs."""

import datetime as dt

from django.test import override_settings

from tandem.applications.models import Application
from tandem.mentoring.domain.pairs import accept_contract, create_pairs


def make_application(person, edition, association, role, **fields):
    """An accepted application; an existing one of the same person is reused."""
    fields.setdefault("capacity", 1 if role == "mentor" else None)
    fields.setdefault("decision", Application.Decision.ACCEPTED)
    application, _ = Application.objects.update_or_create(
        person=person,
        edition=edition,
        role=role,
        defaults={
            "association": association,
            "state": Application.State.SUBMITTED,
            "source": Application.Source.FORM,
            "native_language": fields.pop("native_language", "Polish"),
            **fields,
        },
    )
    return application


def publish(edition, mentor, mentee, *, actor, on=dt.date(2023, 12, 1), **kwargs):
    """A pair of two people; mentor and mentee are (person, association) tuples."""
    mentor_app = make_application(*mentor[:1], edition, mentor[1], "mentor")
    mentee_app = make_application(*mentee[:1], edition, mentee[1], "mentee")
    pair_type = "local" if mentor[1] == mentee[1] else "international"
    with override_settings(TANDEM_TODAY=on.isoformat()):
        (pair,) = create_pairs(
            edition,
            [
                (
                    mentor_app.pk,
                    mentee_app.pk,
                    pair_type,
                    kwargs.get("language", "English"),
                )
            ],
            actor=actor,
            source="test",
        )
    return pair


def activate(pair, on=dt.date(2023, 12, 1)):
    with override_settings(TANDEM_TODAY=on.isoformat()):
        pair = accept_contract(pair, actor=pair.mentor.person)
        return accept_contract(pair, actor=pair.mentee.person)
