"""Anonymise the people of editions that ended longer ago than the retention period."""

import datetime as dt

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from tandem.privacy.domain.retention import anonymise_expired


class Command(BaseCommand):
    help = (
        "Erase the personal data of people whose every edition ended more than "
        "TANDEM_RETENTION_DAYS days ago. Safe to run twice."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Count only; change nothing."
        )
        parser.add_argument("--date", help="Act as if today were YYYY-MM-DD.")
        parser.add_argument(
            "--days",
            type=int,
            help=f"Retention in days (default {settings.TANDEM_RETENTION_DAYS}).",
        )

    def handle(self, *args, dry_run, date, days, **options):
        try:
            today = dt.date.fromisoformat(date) if date else None
        except ValueError as exc:
            raise CommandError(f"--date {date!r} is not YYYY-MM-DD.") from exc
        if days is not None and days < 1:
            raise CommandError("--days must be at least 1.")
        report = anonymise_expired(today=today, days=days, dry_run=dry_run)
        if dry_run:
            self.stdout.write(
                f"Dry run: {report.due} people of editions that ended before "
                f"{report.cutoff} would be anonymised; nothing changed."
            )
        else:
            self.stdout.write(
                f"Anonymised {report.anonymised} people of editions that ended "
                f"before {report.cutoff}."
            )
