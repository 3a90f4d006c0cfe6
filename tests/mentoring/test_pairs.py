import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from tandem.core.models import AuditEntry
from tandem.mentoring.domain import pairs as actions
from tandem.mentoring.models import Pair, PairEvent
from tests import factories
from tests.mentoring.helpers import activate, make_application, publish


@pytest.fixture
def people(world):
    a, b = world.association_a, world.association_b
    return {
        "mentor": (factories.make_member(a, "Piotr Kowal"), a),
        "mentee": (factories.make_member(a, "Ewa Lis"), a),
        "mentor_b": (factories.make_member(b, "Anna Kiss"), b),
        "mentee_b": (factories.make_member(b, "Béla Tóth"), b),
    }


def proposal(edition, mentor, mentee, pair_type="local", language="Polish"):
    return (
        make_application(mentor[0], edition, mentor[1], "mentor").pk,
        make_application(mentee[0], edition, mentee[1], "mentee").pk,
        pair_type,
        language,
    )


def test_create_pairs_publishes_each_proposal_once(
    world, people, settings, django_capture_on_commit_callbacks
):
    settings.TANDEM_TODAY = "2023-11-30"
    edition, actor = world.edition, world.people["international"]
    proposals = [
        proposal(edition, people["mentor"], people["mentee"]),
        proposal(edition, people["mentor_b"], people["mentee_b"], "local", "Hungarian"),
    ]

    with django_capture_on_commit_callbacks(execute=True):
        first = actions.create_pairs(edition, proposals, actor=actor, source="run 7")
    again = actions.create_pairs(edition, proposals, actor=actor, source="run 7")

    assert [(p.state, p.language, p.created_from) for p in first] == [
        ("waiting", "Polish", "run 7"),
        ("waiting", "Hungarian", "run 7"),
    ]
    assert again == []
    assert Pair.objects.filter(created_from="run 7").count() == 2
    assert first[0].began_on == dt.date(2023, 11, 30)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        person.email for person, _ in people.values()
    )
    assert (
        AuditEntry.objects.filter(
            action="pair.created", object_id__in=[p.pk for p in first]
        ).count()
        == 2
    )


def test_create_pairs_refuses_all_when_one_proposal_is_wrong(world, people):
    edition, actor = world.edition, world.people["international"]
    good = proposal(edition, people["mentor"], people["mentee"])
    rejected = make_application(
        *people["mentee_b"][:1],
        edition,
        world.association_b,
        "mentee",
        decision="rejected",
    )
    swapped = (good[1], rejected.pk, "sideways", "")

    with pytest.raises(ValidationError) as error:
        actions.create_pairs(edition, [good, swapped], actor=actor, source="run 8")

    assert error.value.messages == [
        f"Proposal 2: application {good[1]} is not a mentor's.",
        f"Proposal 2: the mentee application {rejected.pk} is not accepted.",
        "Proposal 2: the pair type 'sideways' is neither local nor international.",
        "Proposal 2: the pair needs a language.",
    ]
    assert not Pair.objects.filter(created_from="run 8").exists()


def test_a_mentor_gets_no_more_mentees_than_capacity(world, people):
    edition, actor = world.edition, world.people["international"]
    mentor = make_application(
        *people["mentor"][:1], edition, world.association_a, "mentor", capacity=1
    )
    mentees = [
        make_application(people[k][0], edition, people[k][1], "mentee").pk
        for k in ("mentee", "mentee_b")
    ]

    with pytest.raises(ValidationError) as error:
        actions.create_pairs(
            edition,
            [(mentor.pk, m, "local", "Polish") for m in mentees],
            actor=actor,
            source="run 9",
        )

    assert error.value.messages == [
        f"Mentor application {mentor.pk} would have more mentees than its "
        "capacity of 1."
    ]
    assert Pair.objects.filter(created_from="run 9").count() == 0


def test_the_pair_is_active_once_both_accepted_and_keeps_both_times(
    world, people, settings
):
    pair = publish(
        world.edition,
        people["mentor"],
        people["mentee"],
        actor=world.people["international"],
    )
    settings.TANDEM_TODAY = "2023-12-02"

    after_mentor = actions.accept_contract(pair, actor=people["mentor"][0])
    settings.TANDEM_TODAY = "2023-12-04"
    after_both = actions.accept_contract(pair, actor=people["mentee"][0])

    assert after_mentor.state == "waiting"
    assert after_both.state == "active"
    assert after_both.mentor_accepted_at.date() == dt.date(2023, 12, 2)
    assert after_both.mentee_accepted_at.date() == dt.date(2023, 12, 4)
    assert after_both.activated_on == dt.date(2023, 12, 4)
    assert after_both.activity == "active"
    assert list(pair.events.values_list("kind", flat=True)) == [
        "created",
        "accepted",
        "accepted",
        "activated",
    ]


def test_someone_outside_the_pair_cannot_accept(world, people):
    pair = publish(
        world.edition,
        people["mentor"],
        people["mentee"],
        actor=world.people["international"],
    )

    with pytest.raises(ValidationError) as error:
        actions.accept_contract(pair, actor=world.people["national_a"])

    assert error.value.messages == [
        "Only the mentor and the mentee accept their contract."
    ]


def test_states_follow_their_order_and_ending_keeps_the_reason(world, people):
    actor = world.people["national_a"]
    pair = activate(
        publish(world.edition, people["mentor"], people["mentee"], actor=actor)
    )

    paused = actions.pause_pair(pair, actor=actor, reason="Parental leave")
    resumed = actions.resume_pair(paused, actor=actor)
    with pytest.raises(ValidationError) as no_reason:
        actions.end_pair_early(resumed, "  ", actor=actor)
    ended = actions.end_pair_early(resumed, "Moved abroad", actor=actor)
    with pytest.raises(ValidationError) as too_late:
        actions.complete_pair(ended, actor=actor)

    assert (paused.state, resumed.state, ended.state) == (
        "paused",
        "active",
        "ended_early",
    )
    assert ended.ended_reason == "Moved abroad"
    assert no_reason.value.messages == ["Say why the pair ends early."]
    assert too_late.value.messages == [
        "A pair that is ended early cannot become completed."
    ]
    assert list(pair.events.values_list("kind", "detail"))[-3:] == [
        ("paused", "Parental leave"),
        ("resumed", ""),
        ("ended_early", "Moved abroad"),
    ]


def test_rematch_ends_the_pair_and_links_the_new_one(world, people):
    actor = world.people["international"]
    pair = activate(
        publish(world.edition, people["mentor"], people["mentee"], actor=actor)
    )
    new_mentor = make_application(
        *people["mentor_b"][:1], world.edition, world.association_b, "mentor"
    )

    new = actions.rematch(pair, actor=actor, reason="No chemistry", mentor=new_mentor)

    pair.refresh_from_db()
    assert (pair.state, pair.replaced_by_id, pair.ended_reason) == (
        "ended_early",
        new.pk,
        "No chemistry",
    )
    assert (new.mentee_id, new.mentor_id, new.pair_type, new.state) == (
        pair.mentee_id,
        new_mentor.pk,
        "international",
        "waiting",
    )
    assert new.created_from == f"rematch of pair {pair.pk}"
    assert pair.events.last().kind == PairEvent.Kind.REMATCHED
