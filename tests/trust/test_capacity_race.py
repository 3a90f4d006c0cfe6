"""A mentor never gets more mentees than their capacity, however many publish."""

import time

import pytest
from django.core.exceptions import ValidationError

from tandem.core import clock
from tandem.matching.domain.publishing import publish_run
from tandem.matching.models import MatchRun, Proposal
from tandem.mentoring.domain import pairs as pair_actions
from tandem.mentoring.models import Pair
from tandem.programs.models import RoleGrant
from tests import factories
from tests.mentoring.helpers import make_application, publish
from tests.trust.race import postgresql_only, race

pytestmark = [postgresql_only, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def cohort():
    edition = factories.make_edition()
    association = factories.make_association("PL", "Alumni Poland")
    factories.join(edition, association)
    coordinators = [
        factories.make_person(name) for name in ("Anna Kowalska", "Jan Novák")
    ]
    for person in coordinators:
        factories.grant(person, edition, RoleGrant.Role.INTERNATIONAL)
    mentor = make_application(
        factories.make_member(association, "Łukasz Wójcik"),
        edition,
        association,
        "mentor",
        capacity=2,
    )
    mentees = [
        make_application(
            factories.make_member(association, name), edition, association, "mentee"
        )
        for name in ("Zoë Nowak", "Őrs Szabó", "Ivana Šimić")
    ]
    return edition, coordinators, mentor, mentees


@pytest.fixture
def slow_capacity_check(monkeypatch):
    """Hold each call a moment after it counted the mentor's pairs.

    Without the mentor lock every call would count before any has written, so
    the overlap is certain rather than lucky.
    """
    counted = pair_actions._capacity_problems

    def count_then_wait(*args):
        problems = counted(*args)
        time.sleep(0.3)
        return problems

    monkeypatch.setattr(pair_actions, "_capacity_problems", count_then_wait)


def make_run(edition, mentor, mentee):
    run = MatchRun.objects.create(
        edition=edition, created_at=clock.now(), result_hash=f"{mentee.pk}"
    )
    Proposal.objects.create(
        run=run,
        mentor=mentor,
        mentee=mentee,
        score=0.5,
        reason="",
        pair_type="local",
        language="polish",
    )
    return run


def test_three_runs_published_at_once_fill_the_mentor_to_capacity(
    cohort, slow_capacity_check
):
    edition, (anna, jan), mentor, mentees = cohort
    runs = [make_run(edition, mentor, mentee) for mentee in mentees]
    actors = [anna, jan, anna]

    outcomes = race(
        *(
            lambda run=run, actor=actor: publish_run(run, actor=actor)
            for run, actor in zip(runs, actors, strict=True)
        )
    )

    refused = [o for o in outcomes if isinstance(o, ValidationError)]
    assert len(refused) == 1
    assert refused[0].messages == [
        f"Mentor application {mentor.pk} would have more mentees than its "
        "capacity of 2."
    ]
    assert sum(len(o) for o in outcomes if isinstance(o, list)) == 2
    assert Pair.objects.filter(mentor=mentor).count() == 2
    assert MatchRun.objects.filter(state="published").count() == 2


def test_a_rematch_and_a_publication_at_once_keep_the_mentor_within_capacity(
    cohort, slow_capacity_check
):
    edition, (anna, jan), mentor, (first, second, _third) = cohort
    mentor.capacity = 1
    mentor.save(update_fields=["capacity"])
    other_mentor = make_application(
        factories.make_member(mentor.association, "Piotr Kowal"),
        edition,
        mentor.association,
        "mentor",
    )
    old = publish(
        edition,
        (other_mentor.person, mentor.association),
        (first.person, first.association),
        actor=anna,
    )
    run = make_run(edition, mentor, second)

    outcomes = race(
        lambda: pair_actions.rematch(old, actor=anna, reason="moved", mentor=mentor),
        lambda: publish_run(run, actor=jan),
    )

    rematched = outcomes[0]
    assert [isinstance(o, ValidationError) for o in outcomes].count(True) == 1
    assert Pair.objects.filter(mentor=mentor).count() == 1
    old.refresh_from_db()
    # A refused re-match leaves the old pair as it was: all or nothing.
    assert old.state == (
        "waiting" if isinstance(rematched, ValidationError) else "ended_early"
    )
