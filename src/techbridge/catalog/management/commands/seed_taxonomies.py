from django.core.management.base import BaseCommand

from techbridge.catalog.models import SDGGoal, SDGTarget, Sector
from techbridge.catalog.taxonomy import taxonomy_seed


class Command(BaseCommand):
    help = "Create or update sectors, SDGs and SDG targets from catalog/data/*.json."

    def handle(self, *args, **options) -> None:
        counts = taxonomy_seed(Sector, SDGGoal, SDGTarget)
        self.stdout.write(", ".join(f"{n} {name}" for name, n in counts.items()))
