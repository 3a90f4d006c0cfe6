"""Reassess pairs' activity and send reminders; cron runs it once a day."""

import datetime as dt

from django.core.management.base import BaseCommand

from tandem.mentoring.domain.reminders import run_daily
from tandem.programs.models import Edition


class Command(BaseCommand):
    help = "Reassess the activity of pairs and remind those that missed a window."

    def add_arguments(self, parser):
        parser.add_argument("--edition", help="Slug of one edition; all by default.")
        parser.add_argument(
            "--date", type=dt.date.fromisoformat, help="Act as if today were DATE."
        )

    def handle(self, *args, edition=None, date=None, **options):
        editions = Edition.objects.filter(slug=edition) if edition else None
        report = run_daily(today=date, editions=editions)
        self.stdout.write(
            f"{report.editions} editions, {report.reassessed} pairs changed activity, "
            f"{report.reminded} reminders sent, {report.cases} cases opened."
        )
