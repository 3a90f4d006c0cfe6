"""Stale pages of a match run, a pair and the contract: refused, naming who changed."""

import pytest
from django.urls import reverse

from tandem.matching.domain import runs, sessions
from tandem.matching.models import MatchRun
from tandem.mentoring.domain import pairs as pair_actions
from tandem.mentoring.domain.contract import contract_for, save_contract
from tandem.mentoring.models import Pair
from tandem.programs.models import RoleGrant
from tests import factories
from tests.matching.helpers import mentee, mentor
from tests.mentoring.helpers import activate, publish
from tests.trust.test_conflicts import at, hidden, messages_of


@pytest.fixture(autouse=True)
def _fresh_sessions():
    sessions.forget_all()
    yield
    sessions.forget_all()


@pytest.fixture
def board(db):
    edition = factories.make_edition()
    pl = factories.make_association("PL", "Alumni Poland")
    factories.join(edition, pl)
    karolina, anna = (
        factories.make_person(name) for name in ("Karolina Nowicka", "Anna Kowalska")
    )
    for person in (karolina, anna):
        factories.grant(person, edition, RoleGrant.Role.INTERNATIONAL)
    english = {"other_languages": ["English"]}
    return {
        "edition": edition,
        "pl": pl,
        "karolina": karolina,
        "anna": anna,
        "mentors": [
            mentor(edition, pl, "Adam Mazur", **english),
            mentor(edition, pl, "Ewa Lis", industry="Retail", **english),
        ],
        "mentees": [
            mentee(edition, pl, "Zoë Nowak", **english),
            mentee(edition, pl, "Jan Kowal", industry="Retail", **english),
        ],
    }


def test_a_pin_on_a_stale_board_names_who_changed_the_run(client, board):
    edition = board["edition"]
    run = runs.start_run(edition, actor=board["karolina"])
    ewa, zoe = board["mentors"][1], board["mentees"][0]
    client.force_login(board["karolina"])
    seen = hidden(client.get(reverse("matching:board", args=[edition.slug])), "seen")
    anna_run = runs.veto(run, ewa.pk, zoe.pk, actor=board["anna"])

    response = client.post(
        reverse("matching:change", args=[edition.slug, run.pk]),
        {"action": "pin", "mentor": ewa.pk, "mentee": zoe.pk, "seen": seen},
        follow=True,
    )

    assert messages_of(response) == [
        f"Anna Kowalska changed this run at {at(anna_run.created_at)}; reload to "
        f"see their change. The changed board is run {anna_run.pk}."
    ]
    assert list(MatchRun.objects.order_by("pk").values_list("pk", flat=True)) == [
        run.pk,
        anna_run.pk,
    ]


def test_a_pin_on_a_fresh_board_makes_a_new_run(client, board):
    edition = board["edition"]
    run = runs.start_run(edition, actor=board["karolina"])
    ewa, zoe = board["mentors"][1], board["mentees"][0]
    client.force_login(board["karolina"])
    seen = hidden(client.get(reverse("matching:board", args=[edition.slug])), "seen")

    client.post(
        reverse("matching:change", args=[edition.slug, run.pk]),
        {"action": "pin", "mentor": ewa.pk, "mentee": zoe.pk, "seen": seen},
    )

    new = MatchRun.objects.get(parent=run)
    assert (new.change, new.pins) == (f"pin {ewa.pk}–{zoe.pk}", [[ewa.pk, zoe.pk]])


def test_publishing_a_run_someone_changed_since_publishes_nothing(client, board):
    edition = board["edition"]
    run = runs.start_run(edition, actor=board["karolina"])
    ewa, zoe = board["mentors"][1], board["mentees"][0]
    client.force_login(board["karolina"])
    seen = hidden(client.get(reverse("matching:board", args=[edition.slug])), "seen")
    anna_run = runs.pin(run, ewa.pk, zoe.pk, actor=board["anna"])

    response = client.post(
        reverse("matching:publish", args=[edition.slug, run.pk]),
        {"seen": seen},
        follow=True,
    )

    assert messages_of(response) == [
        f"Anna Kowalska changed this run at {at(anna_run.created_at)}; reload to "
        f"see their change. The changed board is run {anna_run.pk}."
    ]
    assert Pair.objects.count() == 0
    assert MatchRun.objects.get(pk=run.pk).state == "done"


@pytest.fixture
def pair(board):
    (adam, _), (zoe, _) = board["mentors"], board["mentees"]
    pair = publish(
        board["edition"],
        (adam.person, board["pl"]),
        (zoe.person, board["pl"]),
        actor=board["karolina"],
    )
    return activate(pair)


def test_ending_a_pair_from_a_stale_page_names_who_paused_it(client, board, pair):
    url = reverse("mentoring:pair", args=[board["edition"].slug, pair.pk])
    client.force_login(board["karolina"])
    seen = hidden(client.get(url), "seen")
    pair_actions.pause_pair(pair, actor=board["anna"], reason="Exams")

    response = client.post(
        reverse("mentoring:state", args=[board["edition"].slug, pair.pk]),
        {"action": "end", "reason": "Moved away", "seen": seen},
        follow=True,
    )

    paused = pair.events.get(kind="paused")
    assert messages_of(response) == [
        f"Anna Kowalska changed this pair at {at(paused.at)}; "
        "reload to see their change."
    ]
    pair.refresh_from_db()
    assert (pair.state, pair.ended_reason) == ("paused", "")


def test_ending_a_pair_from_a_fresh_page_ends_it(client, board, pair):
    pair_actions.pause_pair(pair, actor=board["anna"], reason="Exams")
    url = reverse("mentoring:pair", args=[board["edition"].slug, pair.pk])
    client.force_login(board["karolina"])
    seen = hidden(client.get(url), "seen")

    response = client.post(
        reverse("mentoring:state", args=[board["edition"].slug, pair.pk]),
        {"action": "end", "reason": "Moved away", "seen": seen},
        follow=True,
    )

    assert messages_of(response) == ["The pair's state is changed."]
    pair.refresh_from_db()
    assert (pair.state, pair.ended_reason) == ("ended_early", "Moved away")


def test_a_contract_saved_from_a_stale_page_keeps_the_other_text(client, board):
    edition = board["edition"]
    url = reverse("mentoring:contract", args=[edition.slug])
    client.force_login(board["karolina"])
    seen = hidden(client.get(url), "seen")
    save_contract(edition, actor=board["anna"], title="Contract", body="Anna's text")

    response = client.post(
        url, {"title": "Contract", "body": "Karolina's text", "seen": seen}
    )

    contract = contract_for(edition)
    assert response.context["form"].non_field_errors() == [
        f"Anna Kowalska changed this contract at {at(contract.updated_at)}; "
        "reload to see their change."
    ]
    assert contract.body == "Anna's text"


def test_a_contract_saved_from_a_fresh_page_is_saved(client, board):
    edition = board["edition"]
    save_contract(edition, actor=board["anna"], title="Contract", body="Anna's text")
    url = reverse("mentoring:contract", args=[edition.slug])
    client.force_login(board["karolina"])
    seen = hidden(client.get(url), "seen")

    response = client.post(
        url, {"title": "Contract", "body": "Karolina's text", "seen": seen}, follow=True
    )

    assert messages_of(response) == ["The contract is saved."]
    assert contract_for(edition).body == "Karolina's text"
