"""Publishing a run: its proposals become pairs, and each pair gets an introduction."""

import logging

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from tandem.core import audit, clock
from tandem.core.mail import one_line
from tandem.matching.domain.runs import lock_unchanged
from tandem.matching.models import MatchRun
from tandem.mentoring.domain.pairs import create_pairs
from tandem.mentoring.models import Pair

logger = logging.getLogger(__name__)


@transaction.atomic
def publish_run(run, *, actor, base_url="", seen=None):
    """Create the run's pairs and introduce each pair by e-mail; returns new pairs.

    Publishing is idempotent: pairs that already exist are skipped by
    ``create_pairs``, so a second call creates and sends nothing. A proposal that
    can no longer be published (a mentee already paired by an earlier run) refuses
    the whole run with ValidationError. ``seen`` is the board's version the
    coordinator's page showed: a run someone changed since is not published
    (EditConflict, see ``runs.lock_unchanged``).
    """
    run = lock_unchanged(run, seen, actor=actor)
    proposals = [
        (p.mentor_id, p.mentee_id, p.pair_type, p.language.title())
        for p in run.proposals.all()
    ]
    if not proposals:
        raise ValidationError("This run has no proposals to publish.")
    created = create_pairs(
        run.edition,
        proposals,
        actor=actor,
        source=f"match run {run.pk}",
        announce=False,
    )
    if run.state != MatchRun.State.PUBLISHED:
        run.state = MatchRun.State.PUBLISHED
        run.published_at, run.published_by = clock.now(), actor
        run.save(update_fields=["state", "published_at", "published_by"])
        audit.record("matching.publish", run, actor=actor, edition=run.edition)
    ids = [pair.pk for pair in created]
    transaction.on_commit(lambda: introduce_pairs(ids, base_url))
    logger.info("matching.published run=%s created=%s", run.pk, len(ids))
    return created


def introduce_pairs(pair_ids, base_url=""):
    pairs = Pair.objects.filter(pk__in=pair_ids).select_related(
        "edition",
        "mentor__person",
        "mentee__person",
        "mentor__association",
        "mentee__association",
    )
    for pair in pairs:
        link = base_url.rstrip("/") + reverse(
            "mentoring:mine", args=[pair.edition.slug]
        )
        for person in (pair.mentor.person, pair.mentee.person):
            body = render_to_string(
                "matching/emails/introduction.txt",
                {"pair": pair, "person": person, "link": link},
            )
            send_mail(
                one_line(
                    f"Your Tandem {pair.edition.name} pair: "
                    f"{pair.mentor.person.full_name} and {pair.mentee.person.full_name}"
                ),
                body,
                None,
                [person.email],
            )
        logger.info("matching.introduced pair=%s", pair.pk)
