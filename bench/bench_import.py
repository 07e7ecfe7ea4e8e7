"""Bulk import throughput: N technology rows from CSV (and XLSX), validated and committed.

    .venv/bin/python bench/bench_import.py [--rows 10000] [--format csv|xlsx]

Uses a throw-away SQLite database (or TECHBRIDGE_DATABASE_URL). Prints parse, validate+write
time and rows per second for the whole all-or-nothing import.
"""

import argparse
import csv
import io
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

SECTORS = ["agri.processing", "energy.solar", "env.water", "fish.mariculture", "health.vaccines"]


def _rows(count: int) -> list[dict]:
    return [
        {
            "external_id": f"BENCH-{n:06d}",
            "language": "en",
            "title": f"Solar dryer variant {n}",
            "summary": f"Dries {n % 50 + 1} tonnes of produce per week with sunlight.",
            "description": "Polycarbonate tunnel with photovoltaic fans and a humidity controller.",
            "sectors": f"{SECTORS[n % 5]}; {SECTORS[(n + 1) % 5]}",
            "sdgs": f"{n % 17 + 1}; 7",
            "trl": str(n % 9 + 1),
            "ip_status": "patent_granted",
            "patent_numbers": f"CN2024{n:08d}.X",
            "transfer_modes": "licence_non_exclusive; technical_service",
            "countries_developed": "CN",
            "countries_deployed": "CN; KH; LA",
            "visibility": "public",
        }
        for n in range(count)
    ]


def _file(rows: list[dict], fmt: str) -> bytes:
    header = list(rows[0])
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=header)
        writer.writeheader()
        writer.writerows(rows)
        return buffer.getvalue().encode()
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(header)
    for row in rows:
        sheet.append([row[column] for column in header])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
    args = parser.parse_args()
    os.environ.setdefault("TECHBRIDGE_DATA_DIR", tempfile.mkdtemp(prefix="techbridge-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "techbridge.config.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from techbridge.accounts.models import User
    from techbridge.catalog.importing import import_parse, import_run
    from techbridge.catalog.models import Technology
    from techbridge.organisations.models import Membership, Organisation

    call_command("migrate", verbosity=0)
    user = User.objects.create_user(
        "bench@example.org", "x", full_name="Bench", email_verified_at=timezone.now()
    )
    organisation = Organisation.objects.create(
        slug="bench", name="Bench", language="en", kind="enterprise", country="CN"
    )
    Membership.objects.create(organisation=organisation, user=user, role="admin")
    content = _file(_rows(args.rows), args.format)
    started = time.perf_counter()
    rows = import_parse(content=content, filename=f"bench.{args.format}", model=Technology)
    parsed = time.perf_counter()
    report = import_run(user=user, organisation=organisation, model=Technology, rows=rows)
    done = time.perf_counter()
    assert report.ok and report.created == args.rows, report.errors[:3]
    print(f"database: {connection.vendor}; file: {args.format}, {len(content) / 1e6:.1f} MB")
    print(
        f"rows: {args.rows}; parse {parsed - started:.2f}s; validate+write {done - parsed:.2f}s; "
        f"total {done - started:.2f}s; {args.rows / (done - started):.0f} rows/s"
    )


if __name__ == "__main__":
    main()
