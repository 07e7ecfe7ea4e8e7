"""Staff insights dashboard on a large platform: 100,000 listings and 50,000 deals.

    .venv/bin/python bench/bench_dashboard.py [--listings 100000] [--deals 50000]
        [--requests 10] [--database sqlite|postgres]

Builds a throw-away database (SQLite in a temporary folder; PostgreSQL 16 from the
`pgserver` package of the test requirements, or TECHBRIDGE_BENCH_DATABASE_URL naming an EMPTY
database), migrates it, fills it with bulk inserts (listings with sectors and SDGs over two
years, deals with their steps, daily view and search counters, recommendation marks,
meetings), then times the dashboard pages through Django's full stack with the test client
as a signed-in staff member: one warm-up, then --requests timed requests per URL; prints
p50 / p95. While timing it holds /tmp/techbridge-bench.lock (waiting while someone else does).
"""

import argparse
import datetime
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
LOCK = Path("/tmp/techbridge-bench.lock")
COUNTRIES = ("CN", "TH", "VN", "ID", "MY", "PH", "SG", "KH", "LA", "MM", "BN", "TL")
STAGES = [  # (stage, share of deals, steps reached)
    ("interest", 0.30, ["interest"]),
    ("introduced", 0.15, ["interest", "introduced"]),
    ("meeting_held", 0.12, ["interest", "introduced", "meeting_held"]),
    ("negotiating", 0.08, ["interest", "introduced", "meeting_held", "negotiating"]),
    ("agreement_signed", 0.06, ["interest", "introduced", "negotiating", "agreement_signed"]),
    (
        "transferred",
        0.04,
        ["interest", "introduced", "meeting_held", "agreement_signed", "transferred"],
    ),
    ("declined", 0.15, ["interest"]),
    ("closed", 0.10, ["interest", "introduced"]),
]
REASONS = ["too_early", "benefit_unclear", "not_market_fit", "price_terms", "no_response"]


def _database(kind: str, keep: str):
    """Sets TECHBRIDGE_DATABASE_URL before Django starts; returns what to clean up."""
    data_dir = keep or tempfile.mkdtemp(prefix="techbridge-bench-dashboard-")
    os.makedirs(data_dir, exist_ok=True)
    os.environ["TECHBRIDGE_DATA_DIR"] = data_dir
    if kind == "sqlite":
        os.environ["TECHBRIDGE_DATABASE_URL"] = f"sqlite:///{data_dir}/bench.sqlite3"
        return data_dir, None
    url = os.environ.get("TECHBRIDGE_BENCH_DATABASE_URL", "")
    server = None
    if not url:
        try:
            import pgserver
        except ImportError as error:
            raise SystemExit("needs pgserver (test requirements) or a database URL") from error
        server = pgserver.get_server(os.path.join(data_dir, "pg"), cleanup_mode="stop")
        url = server.get_uri()
    os.environ["TECHBRIDGE_DATABASE_URL"] = url
    return data_dir, server


def _wait_for_lock() -> None:
    while LOCK.exists():
        print("waiting: another benchmark holds", LOCK, flush=True)
        time.sleep(30)


def _acquire_lock() -> None:
    while True:
        _wait_for_lock()
        try:
            os.close(os.open(LOCK, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
            return
        except FileExistsError:
            continue


def _month(rng: random.Random, start: datetime.datetime) -> datetime.datetime:
    return start + datetime.timedelta(minutes=rng.randrange(0, 730 * 24 * 60))


def fill(*, listings: int, deals: int) -> dict:
    from django.contrib.auth.hashers import make_password

    from techbridge.accounts.models import User
    from techbridge.catalog.models import Need, SDGGoal, Sector, Technology
    from techbridge.deals.models import Deal, DealStep
    from techbridge.events.models import Event, Meeting, MeetingRequest, Registration
    from techbridge.events.models_brokerage import BrokerageProfile
    from techbridge.insights.models import ListingViewDay, SearchDay
    from techbridge.matching.models import RecommendationFeedback
    from techbridge.organisations.models import Organisation

    rng = random.Random(7)
    start = datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)
    batch = 5000
    organisations = Organisation.objects.bulk_create(
        [
            Organisation(
                slug=f"org-{n}",
                name=f"Organisation {n}",
                language="en",
                kind="enterprise",
                country=COUNTRIES[n % len(COUNTRIES)],
            )
            for n in range(2000)
        ],
        batch_size=batch,
    )
    leaves = list(Sector.objects.filter(parent__isnull=False).values_list("pk", flat=True))
    goals = list(SDGGoal.objects.values_list("pk", flat=True))
    n_tech = listings * 3 // 5

    def common(n):
        published = rng.random() < 0.9
        when = _month(rng, start)
        return {
            "organisation": organisations[n % len(organisations)],
            "title": f"Listing {n}",
            "language": "en",
            "status": "published" if published else "draft",
            "visibility": rng.choice(["public", "public", "anonymised", "members"]),
            "created_at": when,
            "published_at": when if published else None,
        }

    technologies = Technology.objects.bulk_create(
        [
            Technology(
                **common(n),
                summary="Synthetic technology.",
                description="Synthetic technology for the dashboard benchmark.",
                trl=1 + n % 9,
                ip_status="none",
                countries_developed=["CN"],
            )
            for n in range(n_tech)
        ],
        batch_size=batch,
    )
    needs = Need.objects.bulk_create(
        [
            Need(**common(n), problem="Synthetic need.", country=COUNTRIES[n % len(COUNTRIES)])
            for n in range(n_tech, listings)
        ],
        batch_size=batch,
    )
    for model, rows, name in ((Technology, technologies, "technology"), (Need, needs, "need")):
        through_sectors, through_goals = [], []
        for listing in rows:
            for sector in rng.sample(leaves, 2 if rng.random() < 0.3 else 1):
                through_sectors.append(
                    model.sectors.through(**{f"{name}_id": listing.pk, "sector_id": sector})
                )
            for goal in rng.sample(goals, 2 if rng.random() < 0.3 else 1):
                through_goals.append(
                    model.sdgs.through(**{f"{name}_id": listing.pk, "sdggoal_id": goal})
                )
        model.sectors.through.objects.bulk_create(through_sectors, batch_size=batch)
        model.sdgs.through.objects.bulk_create(through_goals, batch_size=batch)

    published_tech = [t for t in technologies if t.published_at]
    published_needs = [n for n in needs if n.published_at]
    deal_rows, plans = [], []
    weights = [share for _stage, share, _steps in STAGES]
    for _n in range(deals):
        stage, _share, steps = rng.choices(STAGES, weights=weights)[0]
        created = _month(rng, start)
        target_tech = rng.random() < 0.7
        listing = rng.choice(published_tech if target_tech else published_needs)
        interested = organisations[rng.randrange(len(organisations))]
        revealed = created + datetime.timedelta(days=3) if "introduced" in steps else None
        deal_rows.append(
            Deal(
                technology=listing if target_tech else None,
                need=None if target_tech else listing,
                target_kind="technology" if target_tech else "need",
                interested_organisation=interested,
                listing_organisation=listing.organisation,
                stage=stage,
                stage_changed_at=created + datetime.timedelta(days=10 * len(steps)),
                revealed_at=revealed,
                reason=rng.choice(REASONS) if stage in ("declined", "closed") else "",
                agreement_type="licence_non_exclusive" if "agreement_signed" in steps else "",
                value_range=rng.choice(["10k_50k", "over_1m", "unknown"])
                if "agreement_signed" in steps
                else "",
                created_at=created,
            )
        )
        plans.append(steps)
    created_deals = Deal.objects.bulk_create(deal_rows, batch_size=batch)
    DealStep.objects.bulk_create(
        [
            DealStep(deal=deal, stage=stage, at=deal.created_at + datetime.timedelta(days=10 * i))
            for deal, steps in zip(created_deals, plans, strict=True)
            for i, stage in enumerate(steps)
        ],
        batch_size=batch,
    )
    views = {}
    for _n in range(listings):
        listing = rng.choice(published_tech)
        day = _month(rng, start).date()
        views[(listing.pk, day)] = views.get((listing.pk, day), 0) + rng.randint(1, 20)
    ListingViewDay.objects.bulk_create(
        [ListingViewDay(technology_id=pk, day=day, n=n) for (pk, day), n in views.items()],
        batch_size=batch,
    )
    SearchDay.objects.bulk_create(
        [
            SearchDay(
                day=start.date() + datetime.timedelta(days=d), language=lang, n=rng.randint(1, 300)
            )
            for d in range(730)
            for lang in ("zh-hans", "en", "id", "ms", "th", "vi", "my", "km", "lo", "fil")
        ],
        batch_size=batch,
    )
    password = make_password("bench")
    users = User.objects.bulk_create(
        [
            User(email=f"u{n}@bench.example.org", full_name=f"User {n}", password=password)
            for n in range(400)
        ],
        batch_size=batch,
    )
    RecommendationFeedback.objects.bulk_create(
        [
            RecommendationFeedback(
                user=users[n % len(users)],
                source_kind="technology",
                source_id=published_tech[n].pk,
                target_kind="need",
                target_id=published_needs[n % len(published_needs)].pk,
                relevant=n % 3 != 0,
                created_at=_month(rng, start),
            )
            for n in range(min(20_000, len(published_tech)))
        ],
        batch_size=batch,
    )
    event = Event.objects.create(
        slug="bench-matchmaking",
        title="Matchmaking",
        language="en",
        kind="matchmaking",
        time_zone="Asia/Shanghai",
        starts_at=start,
        ends_at=start + datetime.timedelta(days=2),
        is_published=True,
    )
    registrations = Registration.objects.bulk_create(
        [
            Registration(
                event=event,
                user=u,
                participant_type="provider",
                attendance="in_person",
                status="approved",
            )
            for u in users
        ]
    )
    BrokerageProfile.objects.bulk_create(
        [
            BrokerageProfile(registration=r, organisation=organisations[i])
            for i, r in enumerate(registrations)
        ]
    )
    pairs = [(a, b) for a in range(0, 400, 2) for b in range(1, 400, 20)][:2000]
    requests = MeetingRequest.objects.bulk_create(
        [
            MeetingRequest(
                event=event,
                requester=registrations[a],
                receiver=registrations[b],
                status="accepted",
            )
            for a, b in pairs
        ]
    )
    Meeting.objects.bulk_create(
        [
            Meeting(
                event=event,
                request=request,
                person_a=request.requester,
                person_b=request.receiver,
                check_in=rng.choice(["held", "held", "no_show", "unknown"]),
                checked_in_at=_month(rng, start),
            )
            for request in requests
        ]
    )
    staff = User.objects.create(
        email="staff@bench.example.org", full_name="Staff", password=password, is_staff=True
    )
    return {"staff": staff, "deals": len(created_deals), "listings": len(technologies) + len(needs)}


def _existing() -> dict:
    from techbridge.accounts.models import User
    from techbridge.catalog.models import Need, Technology
    from techbridge.deals.models import Deal

    return {
        "staff": User.objects.get(email="staff@bench.example.org"),
        "deals": Deal.objects.count(),
        "listings": Technology.objects.count() + Need.objects.count(),
    }


def _slowest_queries(client, url: str) -> None:
    from django.db import connection

    timings = []

    def timed(execute, sql, params, many, context):
        t0 = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            timings.append(((time.perf_counter() - t0) * 1000, sql))

    client.get(url)
    with connection.execute_wrapper(timed):
        t0 = time.perf_counter()
        client.get(url)
        total = (time.perf_counter() - t0) * 1000
    print(f"{len(timings)} queries, {sum(t for t, _s in timings):.0f} of {total:.0f} ms")
    for ms, sql in sorted(timings, reverse=True)[:12]:
        print(f"{ms:8.1f} ms  {sql[:300]}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--listings", type=int, default=100_000)
    parser.add_argument("--deals", type=int, default=50_000)
    parser.add_argument("--requests", type=int, default=10)
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument(
        "--keep",
        default="",
        help="SQLite only: keep the filled database in this folder and reuse it",
    )
    parser.add_argument("--queries", action="store_true", help="print the slowest queries")
    args = parser.parse_args()

    _wait_for_lock()
    reuse = bool(args.keep) and Path(args.keep, "bench.sqlite3").exists()
    data_dir, server = _database(args.database, args.keep)
    os.environ.setdefault("TECHBRIDGE_DEBUG", "false")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "techbridge.config.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    try:
        call_command("migrate", verbosity=0)
        call_command("compile_catalogues", verbosity=0)
        started = time.perf_counter()
        if reuse:
            made = _existing()
        else:
            made = fill(listings=args.listings, deals=args.deals)
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")  # planner statistics, as a serving database has them
        print(
            f"database: {connection.vendor}; {made['listings']:,} listings, {made['deals']:,} "
            f"deals filled in {time.perf_counter() - started:.1f}s"
        )
        client = Client(HTTP_ACCEPT_LANGUAGE="en")
        client.force_login(made["staff"])
        urls = [
            "/insights/all/",
            "/insights/all/?date_from=2025-07-01&date_to=2026-06-30&sector=energy",
            "/insights/country/TH/",
        ]
        if args.queries:
            _slowest_queries(client, urls[0])
        _acquire_lock()
        try:
            print(f"{'url':<72} {'p50 ms':>8} {'p95 ms':>8}")
            for url in urls:
                assert client.get(url).status_code == 200  # warm-up
                timings = []
                for _n in range(args.requests):
                    t0 = time.perf_counter()
                    response = client.get(url)
                    timings.append((time.perf_counter() - t0) * 1000)
                    assert response.status_code == 200, (url, response.status_code)
                timings.sort()
                p95 = timings[min(len(timings) - 1, int(0.95 * len(timings)))]
                print(f"{url:<72} {statistics.median(timings):>8.1f} {p95:>8.1f}", flush=True)
        finally:
            LOCK.unlink(missing_ok=True)
    finally:
        connection.close()
        if server is not None:
            server.cleanup()
        if not args.keep:
            shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
