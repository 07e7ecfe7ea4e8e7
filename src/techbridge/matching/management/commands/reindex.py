import sys
import time

from django.core.management.base import BaseCommand

from techbridge.catalog.models import Need, Technology
from techbridge.matching.services import index_catch_up, label_vectors_refresh, listings_index


class Command(BaseCommand):
    help = "Index listings for search: everything (default) or only what is missing or stale."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--missing", action="store_true", help="only missing or stale listings")
        parser.add_argument(
            "--skip-labels",
            action="store_true",
            help="do not embed sector and SDG descriptions (the worker does it when needed)",
        )

    def _bar(self, done: int, total: int, started: float) -> None:
        width = 30
        filled = int(width * done / total) if total else width
        rate = done / max(time.perf_counter() - started, 1e-6)
        sys.stderr.write(
            f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} ({rate:.1f}/s)"
        )
        sys.stderr.flush()

    def handle(self, *args, missing: bool, skip_labels: bool, **options) -> None:
        started = time.perf_counter()
        if missing:
            done = index_catch_up(progress=lambda n: sys.stderr.write(f"\rindexed {n}"))
        else:
            total = Technology.objects.count() + Need.objects.count()
            done = 0
            for kind, model in (("technology", Technology), ("need", Need)):
                pks = list(model.objects.order_by("pk").values_list("pk", flat=True))
                for start in range(0, len(pks), 50):
                    done += listings_index(kind=kind, pks=pks[start : start + 50])
                    self._bar(done, total, started)
        sys.stderr.write("\n")
        self.stdout.write(f"indexed {done} listings in {time.perf_counter() - started:.1f}s")
        if skip_labels:
            return
        labels = label_vectors_refresh()
        self.stdout.write(f"embedded {labels} new sector and SDG descriptions for suggestions")
