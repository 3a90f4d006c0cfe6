import io

import pytest
from django.core.management import CommandError, call_command

from tandem.matching.models import MatchRun
from tandem.mentoring.models import Pair


def test_run_matching_shows_stages_and_figures_then_publishes(cohort):
    out = io.StringIO()

    call_command(
        "run_matching", edition=cohort["edition"].slug, publish=True, stdout=out
    )

    text = out.getvalue()
    run = MatchRun.objects.get()
    for stage in (
        "loading applications",
        "scoring and building candidates",
        "solving",
        "saving",
        "publishing",
    ):
        assert f"] {stage}…" in text
    assert f"Run {run.pk}: matched 3 of 3 mentees (3 places from 3 mentors)" in text
    assert "Optimality: proven optimal" in text
    assert "  HU: 1 of 1 mentees, 1 of 1 places" in text
    assert f"Published run {run.pk}: 3 new pairs." in text
    assert Pair.objects.count() == 3


def test_run_matching_refuses_an_unknown_edition_with_a_message(db):
    with pytest.raises(CommandError, match=r"No edition with that slug\."):
        call_command("run_matching", edition="nope", stdout=io.StringIO())
