from django.core.management.base import BaseCommand

from tandem.demo.edition import DEMO_PASSWORD, load_demo_edition


class Command(BaseCommand):
    help = "Load (or refresh) the seeded 2023/24 demo edition and print its log-ins."

    def handle(self, *args, **options):
        edition, logins = load_demo_edition()
        self.stdout.write(f"Demo edition {edition.name} is ready.")
        self.stdout.write(f"Demo log-ins (password for all: {DEMO_PASSWORD}):")
        width = max(len(login.role) for login in logins)
        for login in logins:
            self.stdout.write(
                f"  {login.role:<{width}}  {login.email:<40} {login.name}"
            )
