from django.core.management.base import BaseCommand

from tandem.core import outbox


class Command(BaseCommand):
    help = "Send queued e-mail that is due (retries included). Safe to run from cron."

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=outbox.BATCH)

    def handle(self, *args, limit, **options):
        outcome = outbox.deliver_queued(limit=limit)
        self.stdout.write(
            f"sent {outcome.sent}, to retry {outcome.retrying}, failed {outcome.failed}"
        )
