from django.core.management.base import BaseCommand, CommandError

from tandem.core import backup


class Command(BaseCommand):
    help = "Replace the database's content with a backup made by 'backup FILE'."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--database", default="default")
        parser.add_argument(
            "--yes", action="store_true", help="Do not ask before replacing the data."
        )

    def handle(self, *args, file, database, yes, **options):
        if not yes and input(f"Replace all data with {file}? [y/N] ").lower() != "y":
            raise CommandError("Nothing restored.")
        backup.restore(file, using=database)
        self.stdout.write(f"Restored from {file}")
