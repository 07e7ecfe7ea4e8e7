from django.core.management.base import BaseCommand

from techbridge.core.demo.loader import DEMO_PASSWORD, demo_load, demo_logins


class Command(BaseCommand):
    help = "Load the demo organisations and people (idempotent)."

    def handle(self, *args, **options) -> None:
        counts = demo_load()
        self.stdout.write(
            f"demo data: {counts['organisations']} organisations, {counts['people']} people; "
            f"new this run: {counts['technologies']} technologies, {counts['needs']} needs"
        )
        self.stdout.write(f"demo logins (password for all: {DEMO_PASSWORD}):")
        for email, role in demo_logins():
            self.stdout.write(f"  {email:<48} {role}")
