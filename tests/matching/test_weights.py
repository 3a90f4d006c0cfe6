import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

from matchengine import Weights, part_formulas
from tandem.core.models import AuditEntry
from tandem.matching.domain import runs
from tandem.matching.domain.weights import set_weights, weights_for
from tandem.matching.models import MatchingWeights, MatchRun
from tandem.programs.models import RoleGrant
from tests import factories
from tests.matching.helpers import mentee, mentor
from tests.trust.test_conflicts import hidden

DEFAULTS = Weights().as_dict()


@pytest.fixture
def trio(db):
    """One mentee and two mentors who trade industry against time zone.

    Zoë (banking, Warsaw) and Adam (banking, New York: 6 hours apart, time-zone part
    0.25) share the industry; Ewa (retail, Warsaw) shares the time zone. With the
    default weights Adam scores 0.475 and Ewa 0.4; without the industry Adam's
    0.325 / 0.85 falls below Ewa's 0.4 / 0.85.
    """
    edition = factories.make_edition()
    pl = factories.make_association("PL", "Alumni Poland")
    factories.join(edition, pl)
    coordinator = factories.make_person("Karolina Nowicka")
    factories.grant(coordinator, edition, RoleGrant.Role.INTERNATIONAL)
    national = factories.make_person("Agata Wiśniewska")
    factories.grant(national, edition, RoleGrant.Role.NATIONAL, pl)
    mentor(edition, pl, "Adam Mazur", time_zone="America/New_York")
    mentor(edition, pl, "Ewa Lis", industry="Retail", time_zone="Europe/Warsaw")
    mentee(edition, pl, "Zoë Nowak", time_zone="Europe/Warsaw")
    return {"edition": edition, "actor": coordinator, "national": national}


def mentor_of_zoe(run):
    (proposal,) = run.proposals.select_related("mentor__person", "mentee__person")
    assert proposal.mentee.person.full_name == "Zoë Nowak"
    return proposal.mentor.person.full_name


def test_an_edition_without_stored_weights_uses_the_engines_defaults(trio):
    assert weights_for(trio["edition"]) == DEFAULTS


def test_set_weights_stores_the_values_with_one_audit_row(trio):
    edition, actor = trio["edition"], trio["actor"]

    row = set_weights(edition, {**DEFAULTS, "industry": 0, "text": "0.5"}, actor=actor)

    assert MatchingWeights.objects.get(edition=edition).values == {
        **DEFAULTS,
        "industry": 0.0,
        "text": 0.5,
    }
    assert weights_for(edition)["text"] == 0.5
    entry = AuditEntry.objects.get(action="matching.weights_changed")
    assert (entry.actor, entry.edition, entry.object_id) == (
        actor,
        edition,
        str(row.pk),
    )


def test_setting_weights_again_changes_the_one_row_of_the_edition(trio):
    edition, actor = trio["edition"], trio["actor"]
    set_weights(edition, {**DEFAULTS, "industry": 0}, actor=actor)

    set_weights(edition, {**DEFAULTS, "industry": 1}, actor=actor)

    assert MatchingWeights.objects.filter(edition=edition).count() == 1
    assert weights_for(edition)["industry"] == 1.0
    assert AuditEntry.objects.filter(action="matching.weights_changed").count() == 2


@pytest.mark.parametrize(
    ("bad", "key", "message"),
    [
        (
            {"industry": -0.1},
            "industry",
            "The weight of industry must be between 0 and 1, not -0.1.",
        ),
        (
            {"time_zone": 1.5},
            "time_zone",
            "The weight of time zone must be between 0 and 1, not 1.5.",
        ),
        (
            {"text": "lots"},
            "text",
            "The weight of goals and expertise must be a number, not 'lots'.",
        ),
        ({"seniority": ""}, "seniority", "Give the weight of seniority."),
        ({"colour": 0.5}, "__all__", "Unknown score part: colour."),
        (
            dict.fromkeys(DEFAULTS, 0),
            "__all__",
            "All weights are zero (goals and expertise, industry, function, "
            "seniority, pair type, time zone, availability); give at least one "
            "part a weight above 0.",
        ),
    ],
)
def test_bad_weights_are_refused_naming_the_part_and_nothing_is_saved(
    trio, bad, key, message
):
    with pytest.raises(ValidationError) as refused:
        set_weights(trio["edition"], {**DEFAULTS, **bad}, actor=trio["actor"])

    assert refused.value.message_dict == {key: [message]}
    assert MatchingWeights.objects.count() == 0
    assert AuditEntry.objects.filter(action="matching.weights_changed").count() == 0


def test_no_industry_weight_gives_the_mentee_the_mentor_in_her_time_zone(trio):
    edition, actor = trio["edition"], trio["actor"]
    before = runs.start_run(edition, actor=actor)

    set_weights(edition, {**DEFAULTS, "industry": 0}, actor=actor)
    after = runs.start_run(edition, actor=actor)

    assert mentor_of_zoe(before) == "Adam Mazur"
    assert before.figures["total_score"] == 0.475
    assert mentor_of_zoe(after) == "Ewa Lis"
    assert after.figures["total_score"] == round(0.4 / 0.85, 6)


def test_a_run_keeps_the_weights_it_used_after_the_edition_changes_them(trio):
    edition, actor = trio["edition"], trio["actor"]
    before = runs.start_run(edition, actor=actor)

    set_weights(edition, {**DEFAULTS, "industry": 0}, actor=actor)
    after = runs.start_run(edition, actor=actor)

    before.refresh_from_db()
    assert before.weights == DEFAULTS
    assert after.weights == {**DEFAULTS, "industry": 0.0}


def test_a_board_change_keeps_the_weights_of_the_run_it_changes(trio):
    edition, actor = trio["edition"], trio["actor"]
    set_weights(edition, {**DEFAULTS, "industry": 0}, actor=actor)
    run = runs.start_run(edition, actor=actor)
    set_weights(edition, DEFAULTS, actor=actor)
    proposal = run.proposals.get()

    child = runs.veto(run, proposal.mentor_id, proposal.mentee_id, actor=actor)

    assert child.weights == {**DEFAULTS, "industry": 0.0}
    assert mentor_of_zoe(child) == "Adam Mazur"


def test_the_board_starts_runs_with_the_editions_weights(client, trio):
    edition = trio["edition"]
    set_weights(edition, {**DEFAULTS, "industry": 0}, actor=trio["actor"])
    client.force_login(trio["actor"])

    client.post(reverse("matching:start", args=[edition.slug]), {"fairness": "none"})

    run = MatchRun.objects.get()
    assert run.weights["industry"] == 0.0
    assert mentor_of_zoe(run) == "Ewa Lis"


def test_the_weights_page_explains_each_part_with_the_engines_formula(client, trio):
    edition = trio["edition"]
    set_weights(edition, {**DEFAULTS, "seniority": 0.9}, actor=trio["actor"])
    client.force_login(trio["actor"])

    response = client.get(reverse("matching:weights", args=[edition.slug]))

    html = response.content.decode()
    form = response.context["form"]
    assert [field.name for field in form.visible_fields()] == list(DEFAULTS)
    assert form["seniority"].value() == 0.9
    assert form.fields["time_zone"].label == "time zone"
    assert form.fields["availability"].help_text == part_formulas()["availability"]
    assert part_formulas()["time_zone"] in html
    assert part_formulas()["industry"] in html


def test_saving_the_weights_page_stores_them_and_returns_to_the_board(client, trio):
    edition = trio["edition"]
    client.force_login(trio["actor"])

    response = client.post(
        reverse("matching:weights", args=[edition.slug]),
        {**DEFAULTS, "industry": "0", "function": "0.25"},
    )

    assert response.status_code == 302
    assert response.url == reverse("matching:board", args=[edition.slug])
    assert weights_for(edition) == {**DEFAULTS, "industry": 0.0, "function": 0.25}


@pytest.mark.parametrize(
    ("bad", "shown"),
    [
        (
            {"industry": "-0.2"},
            "industry: The weight of industry must be between 0 and 1, not -0.2.",
        ),
        (
            {"pair_type": "2"},
            "pair type: The weight of pair type must be between 0 and 1, not 2.0.",
        ),
        (dict.fromkeys(DEFAULTS, "0"), "All weights are zero (goals and expertise,"),
        ({"text": "much"}, "goals and expertise: Enter a number."),
    ],
)
def test_the_weights_page_refuses_bad_values_naming_the_part(client, trio, bad, shown):
    edition = trio["edition"]
    client.force_login(trio["actor"])

    response = client.post(
        reverse("matching:weights", args=[edition.slug]), {**DEFAULTS, **bad}
    )

    assert response.status_code == 200
    assert shown in response.content.decode()
    assert MatchingWeights.objects.count() == 0


def test_the_board_shows_the_weights_used_and_links_the_weights_page(client, trio):
    edition = trio["edition"]
    set_weights(edition, {**DEFAULTS, "industry": 0}, actor=trio["actor"])
    runs.start_run(edition, actor=trio["actor"])
    client.force_login(trio["actor"])

    html = client.get(reverse("matching:board", args=[edition.slug])).content.decode()

    assert "Weights used: goals and expertise 0.35, industry 0.0, function 0.1" in html
    assert "Weights of the next run: goals and expertise 0.35, industry 0.0" in html
    assert reverse("matching:weights", args=[edition.slug]) in html


def test_a_national_coordinator_sees_the_weights_used_but_no_link(client, trio):
    edition = trio["edition"]
    runs.start_run(edition, actor=trio["actor"])
    client.force_login(trio["national"])

    html = client.get(reverse("matching:board", args=[edition.slug])).content.decode()

    assert "Weights used: goals and expertise 0.35, industry 0.15" in html
    assert reverse("matching:weights", args=[edition.slug]) not in html


def test_comparing_two_runs_shows_the_weights_each_used(client, trio):
    edition, actor = trio["edition"], trio["actor"]
    before = runs.start_run(edition, actor=actor)
    set_weights(edition, {**DEFAULTS, "industry": 0}, actor=actor)
    after = runs.start_run(edition, actor=actor)
    client.force_login(actor)

    response = client.get(
        reverse("matching:compare", args=[edition.slug, before.pk, after.pk])
    )

    rows = {
        row["name"]: (row["a"], row["b"]) for row in response.context["diff"]["weights"]
    }
    assert rows["industry"] == (0.15, 0.0)
    assert rows["text"] == (0.35, 0.35)
    assert response.content.decode().count('class="changed"') == 1


def test_run_matching_overrides_weights_for_one_run_only(trio):
    edition = trio["edition"]
    out = io.StringIO()

    call_command(
        "run_matching", "--edition", edition.slug, "--weights", "industry=0", stdout=out
    )

    run = MatchRun.objects.get()
    assert mentor_of_zoe(run) == "Ewa Lis"
    assert run.weights == {**DEFAULTS, "industry": 0.0}
    assert "Weights: text 0.35, industry 0.0, function 0.1" in out.getvalue()
    assert MatchingWeights.objects.count() == 0


def test_run_matching_uses_the_editions_weights(trio):
    edition = trio["edition"]
    set_weights(edition, {**DEFAULTS, "industry": 0}, actor=trio["actor"])

    call_command("run_matching", edition=edition.slug, stdout=io.StringIO())

    assert mentor_of_zoe(MatchRun.objects.get()) == "Ewa Lis"


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ("industry=2", "The weight of industry must be between 0 and 1, not 2."),
        ("colour=1", "Unknown score part: colour."),
        ("industry", "Write each weight as part=value, not 'industry'."),
    ],
)
def test_run_matching_refuses_bad_weights_naming_the_part(trio, given, message):
    with pytest.raises(CommandError) as refused:
        call_command(
            "run_matching",
            edition=trio["edition"].slug,
            weights=given,
            stdout=io.StringIO(),
        )

    assert str(refused.value) == message
    assert MatchRun.objects.count() == 0


def test_a_second_coordinator_saving_stale_weights_is_told_and_changes_nothing(
    client, trio
):
    edition = trio["edition"]
    second = factories.make_person("Őrs Bálint")
    factories.grant(second, edition, RoleGrant.Role.INTERNATIONAL)
    url = reverse("matching:weights", args=[edition.slug])
    client.force_login(trio["actor"])
    seen = hidden(client.get(url), "seen")
    set_weights(edition, {**DEFAULTS, "industry": 0.5}, actor=second)

    response = client.post(url, {**DEFAULTS, "industry": "0", "seen": seen})

    assert response.status_code == 200
    assert "Őrs Bálint changed the weights at " in response.content.decode()
    assert weights_for(edition)["industry"] == 0.5


def test_weights_saved_from_a_fresh_page_replace_the_stored_ones(client, trio):
    edition = trio["edition"]
    set_weights(edition, {**DEFAULTS, "industry": 0.5}, actor=trio["actor"])
    url = reverse("matching:weights", args=[edition.slug])
    client.force_login(trio["actor"])
    seen = hidden(client.get(url), "seen")

    response = client.post(url, {**DEFAULTS, "industry": "0.2", "seen": seen})

    assert response.status_code == 302
    assert weights_for(edition)["industry"] == 0.2
