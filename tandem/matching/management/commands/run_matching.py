"""Run matching for one edition without the board, and optionally publish the run."""

import time

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from tandem.matching.domain import runs
from tandem.matching.domain.publishing import publish_run
from tandem.programs.models import Edition


class Command(BaseCommand):
    help = "Match an edition's accepted applicants and print the run's figures."

    def add_arguments(self, parser):
        parser.add_argument("--edition", required=True, help="Slug of the edition.")
        parser.add_argument(
            "--fairness",
            choices=["none", "max_min", "fair_share"],
            default="none",
            help="Objective: most matches and score, worst-off first, or fair share.",
        )
        parser.add_argument(
            "--weights",
            default="",
            metavar="PART=VALUE,...",
            help="Replace some of the edition's weights for this run only, "
            "e.g. industry=0,text=0.5; the edition's stored weights stay as they are.",
        )
        parser.add_argument(
            "--publish", action="store_true", help="Publish the run's pairs."
        )

    def handle(self, *args, edition, fairness, weights, publish, **options):
        edition = Edition.objects.filter(slug=edition).first()
        if edition is None:
            raise CommandError("No edition with that slug.")
        weights = _weights(weights)
        started = time.perf_counter()

        def progress(stage):
            elapsed = time.perf_counter() - started
            self.stdout.write(f"[{elapsed:6.2f} s] {stage}…")

        try:
            run = runs.start_run(
                edition,
                actor=None,
                weights=weights,
                options={"fairness": fairness},
                progress=progress,
            )
        except runs.BoardError as error:
            raise CommandError(error.message) from error
        self._figures(run)
        if publish:
            progress("publishing")
            try:
                created = publish_run(run, actor=None)
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from error
            self.stdout.write(f"Published run {run.pk}: {len(created)} new pairs.")

    def _figures(self, run):
        f = run.figures
        for warning in f["warnings"]:
            self.stdout.write(self.style.WARNING(f"Over-demand: {warning}."))
        proof = (
            "proven optimal" if f["proven_optimal"] else f"gap to LP bound {f['gap']}"
        )
        lines = [
            f"Run {run.pk}: matched {f['matched']} of {f['mentees']} mentees "
            f"({f['mentor_places']} places from {f['mentors']} mentors)",
            f"Total score {f['total_score']:.3f}, worst-off {_num(f['worst'])}, "
            f"10th percentile {_num(f['p10'])}, blocking pairs {f['blocking_pairs']}",
            f"Optimality: {proof}; solved in {f['seconds']:.3f} s",
            "Weights: " + ", ".join(f"{k} {v}" for k, v in run.weights.items()),
        ]
        lines += [
            f"  {country}: {row['mentees_matched']} of {row['mentees']} mentees, "
            f"{row['mentor_places_used']} of {row['mentor_places']} places"
            for country, row in f["fill"].items()
        ]
        self.stdout.write("\n".join(lines))


def _weights(text):
    """'industry=0,text=0.5' as {'industry': '0', 'text': '0.5'}; the run checks."""
    pairs = {}
    for item in filter(None, (part.strip() for part in text.split(","))):
        name, sign, value = item.partition("=")
        if not sign or not name.strip() or not value.strip():
            raise CommandError(f"Write each weight as part=value, not {item!r}.")
        pairs[name.strip()] = value.strip()
    return pairs


def _num(value):
    return "–" if value is None else f"{value:.3f}"
