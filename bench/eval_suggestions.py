"""Sector and SDG suggestions on the demo catalogue, leave-one-out: every published listing's
own text (title and teaser) is classified with the listing left out of the neighbours, and
scored against the labels its writers chose. Neighbours alone, descriptions alone, and the
blend the form uses.

    TECHBRIDGE_DATABASE_URL=sqlite:///var/eval-suggestions.sqlite3 \\
        .venv/bin/python bench/eval_suggestions.py [--limit N]

The database is created, filled with the demo data and indexed on first use (a few minutes).
"""

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "techbridge.config.settings")
os.environ.setdefault("TECHBRIDGE_MODE", "development")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=None, help="first N listings of each kind")
    args = parser.parse_args()
    if "TECHBRIDGE_DATABASE_URL" not in os.environ:
        sys.exit("set TECHBRIDGE_DATABASE_URL to a database for this evaluation (see the top)")
    import django

    django.setup()
    from django.core.management import call_command

    from techbridge.catalog.models import Need, Technology
    from techbridge.core.demo.loader import demo_load
    from techbridge.matching.models import IndexedDocument
    from techbridge.matching.services import index_catch_up, label_vectors_refresh
    from techbridge.matching.suggestions import listing_label_suggestions

    call_command("migrate", verbosity=0)
    if not Technology.objects.exists():
        demo_load()
    if IndexedDocument.objects.count() < Technology.objects.count() + Need.objects.count():
        started = time.perf_counter()
        index_catch_up()
        print(f"indexed the demo catalogue in {time.perf_counter() - started:.0f}s")
    label_vectors_refresh()
    print("| listings | source | n | sector hit@3 | sector recall@3 | SDG hit@3 | SDG recall@3 |")
    print("|---|---|---|---|---|---|---|")
    for model, teaser in ((Technology, "summary"), (Need, "problem")):
        listings = list(
            model.objects.filter(status="published").prefetch_related("sectors", "sdgs")
        )[: args.limit]
        for sources in ("neighbours", "descriptions", "both"):
            counts = {"n": 0, "sector_hit": 0, "sector_recall": 0.0, "sdg_n": 0}
            counts.update(sdg_hit=0, sdg_recall=0.0)
            for listing in listings:
                kind = "technology" if model is Technology else "need"
                text = f"{listing.title}. {getattr(listing, teaser)}"
                suggested = listing_label_suggestions(
                    text=text, exclude_doc=f"{kind}:{listing.pk}", sources=sources
                )
                sectors = {s.code for s in listing.sectors.all()}
                sdgs = {str(g.number) for g in listing.sdgs.all()}
                got_sectors = {s.code for s in suggested["sector"]}
                got_sdgs = {s.code for s in suggested["sdg"]}
                counts["n"] += 1
                counts["sector_hit"] += bool(sectors & got_sectors)
                counts["sector_recall"] += len(sectors & got_sectors) / len(sectors)
                if sdgs:
                    counts["sdg_n"] += 1
                    counts["sdg_hit"] += bool(sdgs & got_sdgs)
                    counts["sdg_recall"] += len(sdgs & got_sdgs) / len(sdgs)
            n, sdg_n = counts["n"], max(counts["sdg_n"], 1)
            print(
                f"| {model._meta.verbose_name_plural} | {sources} | {n} | "
                f"{counts['sector_hit'] / n:.3f} | {counts['sector_recall'] / n:.3f} | "
                f"{counts['sdg_hit'] / sdg_n:.3f} | {counts['sdg_recall'] / sdg_n:.3f} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
