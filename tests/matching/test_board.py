from django.core import mail
from django.urls import reverse

from tandem.matching.domain import runs
from tandem.matching.domain.publishing import publish_run
from tandem.matching.models import MatchRun, Suggestion
from tandem.mentoring.models import Pair


def test_board_shows_groups_score_bars_reasons_and_figures(client, cohort):
    run = runs.start_run(cohort["edition"], actor=cohort["actor"])
    client.force_login(cohort["actor"])

    response = client.get(reverse("matching:board", args=[cohort["edition"].slug]))

    html = response.content.decode()
    assert response.context["run"] == run
    assert [a.country for a, _ in response.context["groups"]] == ["HU", "PL"]
    assert html.count('class="scorebar"') == 3
    assert "local pair in Polish" in html
    assert "proven optimal" in html
    assert "style=" not in html


def test_a_pin_through_htmx_answers_the_new_board_with_the_score_change(client, cohort):
    run = runs.start_run(cohort["edition"], actor=cohort["actor"])
    ewa, zoe = cohort["mentors"][1], cohort["mentees"][0]
    client.force_login(cohort["actor"])

    response = client.post(
        reverse("matching:change", args=[cohort["edition"].slug, run.pk]),
        {"action": "pin", "mentor": ewa.pk, "mentee": zoe.pk},
        headers={"HX-Request": "true"},
    )

    new = MatchRun.objects.get(parent=run)
    html = response.content.decode()
    assert response["HX-Push-Url"] == reverse(
        "matching:run", args=[cohort["edition"].slug, new.pk]
    )
    assert html.strip().startswith('<div class="board">')
    assert f"Since run {run.pk}: total score -" in html
    assert "matched +0" in html


def test_a_refused_pin_shows_the_rule_and_people_not_a_traceback(client, cohort):
    run = runs.start_run(cohort["edition"], actor=cohort["actor"])
    adam, dora = cohort["mentors"][0], cohort["mentees"][2]
    client.force_login(cohort["actor"])

    response = client.post(
        reverse("matching:change", args=[cohort["edition"].slug, run.pk]),
        {"action": "pin", "mentor": adam.pk, "mentee": dora.pk},
        headers={"HX-Request": "true"},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Refused by the rule &#x27;no shared language&#x27;" in html
    assert "Dóra Kiss (mentee, HU)" in html
    assert MatchRun.objects.count() == 1


def test_publishing_twice_creates_the_pairs_once_and_introduces_each_pair(
    client, cohort
):
    run = runs.start_run(cohort["edition"], actor=cohort["actor"])
    client.force_login(cohort["actor"])
    url = reverse("matching:publish", args=[cohort["edition"].slug, run.pk])

    with_callbacks = client.post(url)
    client.post(url)

    assert with_callbacks.status_code == 302
    assert Pair.objects.count() == 3
    run.refresh_from_db()
    assert run.state == MatchRun.State.PUBLISHED


def test_the_introduction_names_both_people_languages_contact_and_contract(
    cohort, django_capture_on_commit_callbacks
):
    run = runs.start_run(cohort["edition"], actor=cohort["actor"])

    with django_capture_on_commit_callbacks(execute=True):
        publish_run(run, actor=cohort["actor"], base_url="https://tandem.example/")
    with django_capture_on_commit_callbacks(execute=True):
        again = publish_run(run, actor=cohort["actor"])

    bence, dora = cohort["mentors"][2].person, cohort["mentees"][2].person
    (to_dora,) = [m for m in mail.outbox if m.to == [dora.email]]
    assert again == []
    assert len(mail.outbox) == 6
    assert to_dora.subject == "Your Tandem 2023/24 pair: Bence Tóth and Dóra Kiss"
    assert f"Mentor: Bence Tóth (Alumni Hungary), {bence.email}" in to_dora.body
    assert f"Mentee: Dóra Kiss (Alumni Hungary), {dora.email}" in to_dora.body
    assert "You are a local pair and work in Hungarian." in to_dora.body
    assert "https://tandem.example/e/2023-24/mentoring/mine/" in to_dora.body


def test_national_coordinator_files_and_the_international_accepts_as_a_pin(
    client, cohort
):
    run = runs.start_run(cohort["edition"], actor=cohort["actor"])
    ewa, zoe = cohort["mentors"][1], cohort["mentees"][0]
    slug = cohort["edition"].slug
    client.force_login(cohort["national"])

    board = client.get(reverse("matching:board", args=[slug]))
    client.post(
        reverse("matching:suggest", args=[slug]),
        {"kind": "pair", "mentor": ewa.pk, "mentee": zoe.pk, "reason": "Same city"},
    )
    suggestion = Suggestion.objects.get()
    client.force_login(cohort["actor"])
    client.post(
        reverse("matching:decide", args=[slug, suggestion.pk]), {"accept": "yes"}
    )

    assert [a.country for a, _ in board.context["groups"]] == ["PL"]
    assert "Bence" not in board.content.decode()
    suggestion.refresh_from_db()
    assert suggestion.state == Suggestion.State.ACCEPTED
    new = MatchRun.objects.get(parent=run)
    assert new.pins == [[ewa.pk, zoe.pk]]
