"""Latency of the busiest pages and endpoints with many organisations, on the configured DB.

    .venv/bin/python bench/bench_pages.py [--organisations 10000] [--requests 50]

Builds a throw-away SQLite database (or uses TECHBRIDGE_DATABASE_URL), fills it with
synthetic organisations and members, then times requests through Django's full stack
(middleware, templates, ORM) with the test client. Prints p50/p95 per URL.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--organisations", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=50)
    args = parser.parse_args()

    data_dir = tempfile.mkdtemp(prefix="techbridge-bench-")
    os.environ.setdefault("TECHBRIDGE_DATA_DIR", data_dir)
    os.environ.setdefault("TECHBRIDGE_DEBUG", "false")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "techbridge.config.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from techbridge.accounts.models import User
    from techbridge.core.countries import FEATURED
    from techbridge.organisations.models import Membership, Organisation

    call_command("migrate", verbosity=0)
    call_command("compile_catalogues", verbosity=0)
    started = time.perf_counter()
    kinds = ["university", "research_institute", "enterprise", "intermediary", "government"]
    organisations = [
        Organisation(
            slug=f"org-{n}",
            name=f"Organisation {n}",
            language="en",
            kind=kinds[n % len(kinds)],
            country=FEATURED[n % len(FEATURED)],
            description="Synthetic organisation for the benchmark.",
        )
        for n in range(args.organisations)
    ]
    Organisation.objects.bulk_create(organisations, batch_size=2000)
    users = User.objects.bulk_create(
        [
            User(email=f"u{n}@bench.example.org", full_name=f"User {n}", password="!")
            for n in range(args.organisations)
        ],
        batch_size=2000,
    )
    Membership.objects.bulk_create(
        [
            Membership(organisation=o, user=u, role="admin")
            for o, u in zip(Organisation.objects.order_by("pk"), users, strict=True)
        ],
        batch_size=2000,
    )
    print(
        f"database: {connection.vendor}; {args.organisations} organisations and members "
        f"created in {time.perf_counter() - started:.1f}s"
    )

    client = Client(HTTP_ACCEPT_LANGUAGE="th")
    urls = [
        "/",
        "/organisations/",
        "/organisations/?country=KH&page=3",
        "/organisations/?q=Organisation%2077",
        "/organisations/org-42/",
        "/api/organisations?country=VN&page=2",
    ]
    print(f"{'url':<42} {'p50 ms':>8} {'p95 ms':>8}")
    for url in urls:
        client.get(url)  # warm caches and template loading
        timings = []
        for _n in range(args.requests):
            t0 = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - t0) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        timings.sort()
        p95 = timings[min(len(timings) - 1, int(0.95 * len(timings)))]
        print(f"{url:<42} {statistics.median(timings):>8.1f} {p95:>8.1f}")


if __name__ == "__main__":
    main()
