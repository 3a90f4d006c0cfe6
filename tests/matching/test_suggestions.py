"""'Avoid this pair' becomes a veto; a declined suggestion changes nothing."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tandem.core.models import AuditEntry
from tandem.matching.domain import runs, suggestions
from tandem.matching.models import MatchRun, Pin, Source, Suggestion, Veto


def _proposed(run):
    return {(p.mentor_id, p.mentee_id) for p in run.proposals.all()}


def _file(cohort, kind, mentor, mentee, reason):
    return suggestions.file_suggestion(
        cohort["edition"],
        actor=cohort["national"],
        mentor=mentor,
        mentee=mentee,
        kind=kind,
        reason=reason,
    )


def test_an_accepted_avoid_suggestion_vetoes_the_pair_in_a_new_run(client, cohort):
    run = runs.start_run(cohort["edition"], actor=cohort["actor"])
    mentor_id, mentee_id = next(
        (m, e)
        for m, e in sorted(_proposed(run))
        if m in {a.pk for a in cohort["mentors"][:2]}
    )
    slug = cohort["edition"].slug
    client.force_login(cohort["national"])
    client.post(
        reverse("matching:suggest", args=[slug]),
        {
            "kind": "avoid",
            "mentor": mentor_id,
            "mentee": mentee_id,
            "reason": "They work together",
        },
    )
    suggestion = Suggestion.objects.get(edition=cohort["edition"])
    client.force_login(cohort["actor"])

    response = client.post(
        reverse("matching:decide", args=[slug, suggestion.pk]), {"accept": "yes"}
    )

    new = MatchRun.objects.get(parent=run)
    suggestion.refresh_from_db()
    assert response["Location"] == reverse("matching:run", args=[slug, new.pk])
    assert (suggestion.kind, suggestion.state) == ("avoid", "accepted")
    assert suggestion.decided_by == cohort["actor"]
    assert new.vetoes == [[mentor_id, mentee_id]]
    assert (mentor_id, mentee_id) in _proposed(run)
    assert (mentor_id, mentee_id) not in _proposed(new)
    veto = Veto.objects.get(edition=cohort["edition"])
    assert (veto.mentor_id, veto.mentee_id, veto.reason, veto.source) == (
        mentor_id,
        mentee_id,
        "They work together",
        Source.SUGGESTION,
    )
    assert list(
        AuditEntry.objects.filter(action="matching.suggestion_accepted").values_list(
            "object_id", flat=True
        )
    ) == [str(suggestion.pk)]


def test_an_avoid_accepted_before_any_run_holds_for_the_first_run(cohort):
    adam, zoe = cohort["mentors"][0], cohort["mentees"][0]
    suggestion = _file(cohort, "avoid", adam, zoe, "Married")

    new = suggestions.decide_suggestion(suggestion, actor=cohort["actor"], accept=True)
    run = runs.start_run(cohort["edition"], actor=cohort["actor"])

    assert new is None
    assert run.vetoes == [[adam.pk, zoe.pk]]
    assert (adam.pk, zoe.pk) not in _proposed(run)
    assert Pin.objects.filter(edition=cohort["edition"]).count() == 0


def test_an_accepted_avoid_replaces_an_earlier_pin_of_the_same_pair(cohort):
    ewa, jan = cohort["mentors"][1], cohort["mentees"][1]
    pair = _file(cohort, "pair", ewa, jan, "Same city")
    suggestions.decide_suggestion(pair, actor=cohort["actor"], accept=True)
    avoid = _file(cohort, "avoid", ewa, jan, "Fell out")

    suggestions.decide_suggestion(avoid, actor=cohort["actor"], accept=True)

    assert Pin.objects.filter(edition=cohort["edition"]).count() == 0
    assert list(
        Veto.objects.filter(edition=cohort["edition"]).values_list(
            "mentor_id", "mentee_id", "reason"
        )
    ) == [(ewa.pk, jan.pk, "Fell out")]


def test_a_declined_suggestion_keeps_its_answer_and_changes_no_run(cohort):
    run = runs.start_run(cohort["edition"], actor=cohort["actor"])
    adam, jan = cohort["mentors"][0], cohort["mentees"][1]
    suggestion = _file(cohort, "avoid", adam, jan, "Rivals at work")

    new = suggestions.decide_suggestion(
        suggestion,
        actor=cohort["actor"],
        accept=False,
        run=run,
        answer="Different companies now",
    )

    suggestion.refresh_from_db()
    assert new is None
    assert (suggestion.state, suggestion.answer) == (
        "declined",
        "Different companies now",
    )
    assert MatchRun.objects.filter(edition=cohort["edition"]).count() == 1
    assert Veto.objects.filter(edition=cohort["edition"]).count() == 0
    assert Pin.objects.filter(edition=cohort["edition"]).count() == 0
    assert list(
        AuditEntry.objects.filter(action="matching.suggestion_declined").values_list(
            "object_id", "actor"
        )
    ) == [(str(suggestion.pk), cohort["actor"].pk)]


def test_a_declined_suggestion_is_not_decided_again(cohort):
    adam, zoe = cohort["mentors"][0], cohort["mentees"][0]
    suggestion = _file(cohort, "pair", adam, zoe, "Same city")
    suggestions.decide_suggestion(suggestion, actor=cohort["actor"], accept=False)

    with pytest.raises(ValidationError) as again:
        suggestions.decide_suggestion(suggestion, actor=cohort["actor"], accept=True)

    assert again.value.messages == ["This suggestion is already declined."]
    assert Pin.objects.filter(edition=cohort["edition"]).count() == 0


def test_the_board_shows_a_declined_suggestion_with_its_state(client, cohort):
    runs.start_run(cohort["edition"], actor=cohort["actor"])
    adam, zoe = cohort["mentors"][0], cohort["mentees"][0]
    suggestion = _file(cohort, "avoid", adam, zoe, "Cousins")
    slug = cohort["edition"].slug
    client.force_login(cohort["actor"])

    response = client.post(
        reverse("matching:decide", args=[slug, suggestion.pk]),
        {"accept": "no"},
        follow=True,
    )

    html = response.content.decode()
    assert [str(m) for m in response.context["messages"]] == [
        "Suggestion avoid this pair: done."
    ]
    assert (
        "<td>avoid this pair: Adam Mazur and Zoë Nowak</td>\n"
        "        <td>Cousins</td>\n"
        "        <td>declined</td>"
    ) in html
    assert MatchRun.objects.filter(edition=cohort["edition"]).count() == 1
