from django.core.management.base import BaseCommand
from django.utils import timezone

from techbridge.catalog.tasks import catalogue_daily_schedule


class Command(BaseCommand):
    help = "Queue the daily catalogue run (expiry, renewal reminders); it then re-queues itself."

    def handle(self, *args, **options) -> None:
        queued = catalogue_daily_schedule(after=timezone.now())
        self.stdout.write("daily run queued" if queued else "daily run already queued")
