import pytest

from tandem.core.models import AuditEntry
from tandem.matching.domain import runs
from tandem.matching.domain.cohort import load_cohort
from tandem.matching.models import MatchRun, Pin, Veto
from tests import factories
from tests.matching.helpers import mentee, mentor


def pairs_of(run):
    return sorted(
        (p.mentor.person.full_name, p.mentee.person.full_name)
        for p in run.proposals.select_related("mentor__person", "mentee__person")
    )


def test_a_run_pairs_the_best_fits_and_keeps_its_figures(cohort):
    run = runs.start_run(cohort["edition"], actor=cohort["actor"])

    assert pairs_of(run) == [
        ("Adam Mazur", "Zoë Nowak"),
        ("Bence Tóth", "Dóra Kiss"),
        ("Ewa Lis", "Jan Kowal"),
    ]
    assert run.figures["matched"] == 3
    assert run.figures["mentees"] == 3
    assert run.figures["proven_optimal"] is True
    assert run.figures["fill"]["HU"]["mentees_matched"] == 1
    assert AuditEntry.objects.filter(action="matching.run").count() == 1


def test_two_runs_on_the_same_data_give_the_same_pairs(cohort):
    first = runs.start_run(cohort["edition"], actor=cohort["actor"])
    second = runs.start_run(cohort["edition"], actor=cohort["actor"])

    assert first.result_hash == second.result_hash
    assert pairs_of(first) == pairs_of(second)


def test_unverified_or_undecided_applicants_are_left_out(cohort):
    edition, pl = cohort["edition"], cohort["pl"]
    person = factories.make_member(pl, "Olga Unverified", state="unverified")
    mentee(edition, pl, "Olga Unverified", person=person)
    mentee(edition, pl, "Piotr Waiting", decision="waitlisted")

    run = runs.start_run(edition, actor=cohort["actor"])

    assert run.figures["mentees"] == 3


def test_one_person_applying_twice_is_never_paired_with_themself(cohort):
    edition, pl = cohort["edition"], cohort["pl"]
    both = factories.make_member(pl, "Iga Dwoista")
    twin = mentor(edition, pl, "Iga Dwoista", person=both, capacity=3)
    self_mentee = mentee(edition, pl, "Iga Dwoista", person=both, employer="Elsewhere")
    alias = factories.make_member(pl, "Iga Alias", email="i.g.a+tandem@gmail.com")
    both.email = "iga@gmail.com"
    both.save()
    alias_mentee = mentee(edition, pl, "Iga Alias", person=alias, employer="Other")

    keys = load_cohort(edition).same_person
    run = runs.start_run(edition, actor=cohort["actor"])

    assert keys[str(twin.pk)] == keys[str(self_mentee.pk)] == keys[str(alias_mentee.pk)]
    assert (twin.pk, self_mentee.pk) not in run.proposals.values_list(
        "mentor_id", "mentee_id"
    )
    assert (twin.pk, alias_mentee.pk) not in run.proposals.values_list(
        "mentor_id", "mentee_id"
    )


def test_pin_solves_again_into_a_new_run_and_stays_for_later_runs(cohort):
    first = runs.start_run(cohort["edition"], actor=cohort["actor"])
    _adam, ewa, _ = cohort["mentors"]
    zoe, _jan, _ = cohort["mentees"]

    second = runs.pin(first, ewa.pk, zoe.pk, actor=cohort["actor"], reason="asked")
    third = runs.start_run(cohort["edition"], actor=cohort["actor"])

    assert second.parent == first
    assert ("Ewa Lis", "Zoë Nowak") in pairs_of(second)
    assert ("Adam Mazur", "Jan Kowal") in pairs_of(second)
    assert second.proposals.get(mentor=ewa).pinned is True
    assert pairs_of(third) == pairs_of(second)
    assert Pin.objects.get().reason == "asked"


def test_a_run_is_rebuilt_from_the_database_when_its_session_is_gone(cohort):
    from tandem.matching.domain import sessions

    first = runs.start_run(cohort["edition"], actor=cohort["actor"])
    sessions.forget_all()
    adam, _ewa, _ = cohort["mentors"]
    zoe, _, _ = cohort["mentees"]

    second = runs.veto(first, adam.pk, zoe.pk, actor=cohort["actor"])

    assert ("Adam Mazur", "Zoë Nowak") not in pairs_of(second)
    assert Veto.objects.filter(mentor=adam, mentee=zoe).count() == 1


def test_unassign_vetoes_an_open_pair_and_unpins_a_pinned_one(cohort):
    first = runs.start_run(cohort["edition"], actor=cohort["actor"])
    adam, ewa, _ = cohort["mentors"]
    zoe, _jan, _ = cohort["mentees"]
    pinned = runs.pin(first, ewa.pk, zoe.pk, actor=cohort["actor"])

    unpinned = runs.unassign(pinned, ewa.pk, zoe.pk, actor=cohort["actor"])
    vetoed = runs.unassign(unpinned, adam.pk, zoe.pk, actor=cohort["actor"])

    assert unpinned.pins == []
    assert pairs_of(unpinned) == pairs_of(first)
    assert vetoed.vetoes == [[adam.pk, zoe.pk]]
    assert ("Adam Mazur", "Zoë Nowak") not in pairs_of(vetoed)


def test_swap_exchanges_two_mentees_and_compare_shows_the_change(cohort):
    first = runs.start_run(cohort["edition"], actor=cohort["actor"])
    adam, ewa, _ = cohort["mentors"]
    a = first.proposals.get(mentor=adam)
    b = first.proposals.get(mentor=ewa)

    second = runs.swap(first, a.pk, b.pk, actor=cohort["actor"])
    diff = runs.compare_runs(first, second)

    assert ("Adam Mazur", "Jan Kowal") in pairs_of(second)
    assert ("Ewa Lis", "Zoë Nowak") in pairs_of(second)
    assert len(diff["removed"]) == 2
    assert len(diff["added"]) == 2
    assert diff["kept"] == 1
    assert diff["score_change"] < 0
    assert diff["score_change"] == pytest.approx(
        second.figures["total_score"] - first.figures["total_score"]
    )


def test_a_pin_breaking_a_hard_rule_is_refused_naming_rule_and_people(cohort):
    first = runs.start_run(cohort["edition"], actor=cohort["actor"])
    adam = cohort["mentors"][0]
    dora = cohort["mentees"][2]

    with pytest.raises(runs.BoardError) as refused:
        runs.pin(first, adam.pk, dora.pk, actor=cohort["actor"])

    assert "no shared language" in refused.value.message
    assert "Adam Mazur (mentor, PL)" in refused.value.message
    assert "Dóra Kiss (mentee, HU)" in refused.value.message
    assert MatchRun.objects.count() == 1


def test_more_pins_than_capacity_is_refused(cohort):
    first = runs.start_run(cohort["edition"], actor=cohort["actor"])
    adam = cohort["mentors"][0]
    zoe, jan, _ = cohort["mentees"]
    second = runs.pin(first, adam.pk, zoe.pk, actor=cohort["actor"])

    with pytest.raises(runs.BoardError) as refused:
        runs.pin(second, adam.pk, jan.pk, actor=cohort["actor"])

    assert "capacity" in refused.value.message
    assert "Adam Mazur (mentor, PL)" in refused.value.message


def test_a_profile_without_a_language_is_refused_with_a_message(cohort):
    zoe = cohort["mentees"][0]
    zoe.native_language = ""
    zoe.save()

    with pytest.raises(runs.BoardError) as refused:
        runs.start_run(cohort["edition"], actor=cohort["actor"])

    assert refused.value.message.startswith("Refused by the rule 'language'")
    assert "Zoë Nowak (mentee, PL)" in refused.value.message


def test_more_mentees_than_places_warns_with_numbers_and_matches_what_it_can(cohort):
    edition, pl = cohort["edition"], cohort["pl"]
    for name in ("Kasia Extra", "Tomek Extra"):
        mentee(edition, pl, name, other_languages=["English"])

    run = runs.start_run(edition, actor=cohort["actor"])

    assert run.figures["matched"] == 3
    assert run.figures["warnings"] == [
        "5 mentees but only 3 mentor places: at most 3 can be matched and at "
        "least 2 stay unmatched"
    ]
    assert run.unmatched.count() == 2


def test_an_edition_without_mentors_and_mentees_is_refused_with_a_message(db):
    edition = factories.make_edition()

    with pytest.raises(runs.BoardError) as refused:
        runs.start_run(edition, actor=None)

    assert refused.value.message == (
        "Matching needs accepted, verified mentors and mentees; this edition has 0 "
        "accepted applicants, not of both roles."
    )
