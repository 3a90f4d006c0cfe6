"""Anonymising the people of long-closed editions.

A person is due when every edition they applied to or held a role in ended more
than ``TANDEM_RETENTION_DAYS`` days ago (counted from the edition's end date),
and they hold no role grant in a newer edition. Each is erased by the same
function a person's own request uses, one transaction each, so a run that stops
half-way leaves everyone either untouched or fully erased, and a second run
finds nobody left to do.
"""

import datetime as dt
import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q

from tandem.core import clock
from tandem.privacy.domain.erasure import erase_person

logger = logging.getLogger(__name__)


@dataclass
class RetentionReport:
    cutoff: dt.date
    due: int = 0
    anonymised: int = 0


def cutoff_for(today=None, days=None):
    """Editions that ended before this day are past the retention period."""
    days = settings.TANDEM_RETENTION_DAYS if days is None else days
    return (today or clock.today()) - dt.timedelta(days=days)


def due_people(cutoff):
    recent = Q(applications__edition__ends_on__gte=cutoff) | Q(
        role_grants__edition__ends_on__gte=cutoff
    )
    people = get_user_model().objects.filter(
        erased_at__isnull=True, is_staff=False, is_superuser=False
    )
    with_editions = people.filter(
        Q(applications__isnull=False) | Q(role_grants__isnull=False)
    )
    return (
        people.filter(pk__in=with_editions.values("pk"))
        .exclude(pk__in=people.filter(recent).values("pk"))
        .order_by("pk")
    )


def anonymise_expired(*, today=None, days=None, dry_run=False):
    """Erase everyone past the retention period; a dry run only counts them."""
    report = RetentionReport(cutoff=cutoff_for(today, days))
    due = list(due_people(report.cutoff).values_list("pk", flat=True))
    report.due = len(due)
    if dry_run:
        return report
    for person in get_user_model().objects.filter(pk__in=due).order_by("pk"):
        erase_person(person, actor=None, action="retention.anonymised")
        report.anonymised += 1
    logger.info(
        "retention.run cutoff=%s anonymised=%s", report.cutoff, report.anonymised
    )
    return report
