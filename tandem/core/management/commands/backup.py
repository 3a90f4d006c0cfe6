from django.core.management.base import BaseCommand

from tandem.core import backup


class Command(BaseCommand):
    help = "Write a backup of the database to FILE (pg_dump custom format or SQLite)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--database", default="default")

    def handle(self, *args, file, database, **options):
        backup.backup(file, using=database)
        self.stdout.write(f"Backup written to {file}")
