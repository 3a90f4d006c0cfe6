"""Survey invitations, reminders and pair pulse checks; cron runs it once a day."""

import datetime as dt

from django.core.management.base import BaseCommand

from tandem.programs.models import Edition
from tandem.surveys.domain.daily import run_daily


class Command(BaseCommand):
    help = "Invite to open surveys, remind those who have not answered, create pulses."

    def add_arguments(self, parser):
        parser.add_argument("--edition", help="Slug of one edition; all by default.")
        parser.add_argument(
            "--date", type=dt.date.fromisoformat, help="Act as if today were DATE."
        )

    def handle(self, *args, edition=None, date=None, **options):
        editions = Edition.objects.filter(slug=edition) if edition else None
        report = run_daily(today=date, editions=editions)
        self.stdout.write(
            f"{report.emails} survey e-mails sent, "
            f"{report.pulse_checks} pulse checks created."
        )
