"""Loads the demo organisations, people and platform roles. Safe to run again."""

import json
from functools import cache
from importlib import resources

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from techbridge.accounts.models import User
from techbridge.core.demo.alliance import alliance_demo_load
from techbridge.core.demo.brokerage import brokerage_demo_load
from techbridge.core.demo.catalogue import catalogue_load
from techbridge.core.demo.competitions import competitions_demo_load
from techbridge.core.demo.deals import deals_load
from techbridge.core.demo.experts import experts_demo_load
from techbridge.organisations.models import Membership, Organisation

DEMO_PASSWORD = "techbridge-demo"
STAFF_EMAIL = "staff@techbridge.example.org"
FOCAL_POINTS = {
    "TH": ("focal.th@techbridge.example.org", "Somchai Wongsawat", "th", "Asia/Bangkok"),
    "KH": ("focal.kh@techbridge.example.org", "Sokha Chan", "km", "Asia/Phnom_Penh"),
    "VN": ("focal.vn@techbridge.example.org", "Nguyễn Thu Hà", "vi", "Asia/Ho_Chi_Minh"),
}


@cache
def _demo_password_hash() -> str:
    # Argon2 takes ~0.1 s by design; every demo account shares one password, so hash it once.
    return make_password(DEMO_PASSWORD)


def _person(email: str, name: str, language: str, time_zone: str, **extra) -> User:
    user, created = User.objects.get_or_create(
        email=email,
        defaults={
            "full_name": name,
            "preferred_language": language,
            "time_zone": time_zone,
            "email_verified_at": timezone.now(),
            **extra,
        },
    )
    if created:
        user.password = _demo_password_hash()
        user.save(update_fields=["password"])
    return user


ORGANISATION_FILES = ("organisations.json", "organisations_more.json")


def demo_organisations() -> list[dict]:
    folder = resources.files("techbridge.core.demo")
    rows: list[dict] = []
    for name in ORGANISATION_FILES:
        if folder.joinpath(name).is_file():
            rows += json.loads(folder.joinpath(name).read_text("utf-8"))
    return rows


@transaction.atomic
def demo_load() -> dict[str, int]:
    staff = _person(
        STAFF_EMAIL, "Centre Secretariat", "en", "Asia/Shanghai", is_staff=True, is_superuser=True
    )
    focal_points = [
        _person(email, name, language, zone, focal_point_country=country)
        for country, (email, name, language, zone) in FOCAL_POINTS.items()
    ]
    for row in demo_organisations():
        organisation, _created = Organisation.objects.update_or_create(
            slug=row["slug"],
            defaults={
                "name": row["name"],
                "name_translations": row["name_translations"],
                "language": row["language"],
                "kind": row["kind"],
                "country": row["country"],
                "region": row["region"],
                "website": row["website"],
                "description": row["description"],
                "description_translations": row["description_translations"],
                "is_verified": True,
            },
        )
        for member in row["members"]:
            user = _person(member["email"], member["name"], member["language"], member["time_zone"])
            Membership.objects.get_or_create(
                organisation=organisation, user=user, defaults={"role": member["role"]}
            )
    listings = catalogue_load(staff=staff, reviewers=[staff, *focal_points[:1]])
    return {
        "organisations": Organisation.objects.count(),
        "people": User.objects.count(),
        **listings,
        "deals": deals_load(),
        "brokerage_meetings": brokerage_demo_load(staff=staff),
        "competition_entries": competitions_demo_load(staff=staff),
        "alliance_members": alliance_demo_load(staff=staff),
        "experts": experts_demo_load(staff=staff),
    }


def demo_logins() -> list[tuple[str, str]]:
    logins = [(STAFF_EMAIL, "centre staff (admin site too)")]
    logins += [
        (email, f"focal point for {country}") for country, (email, *_r) in FOCAL_POINTS.items()
    ]
    for row in demo_organisations()[:: max(1, len(demo_organisations()) // 6)][:6]:
        admin = row["members"][0]
        logins.append((admin["email"], f"admin of {row['slug']} ({row['country']})"))
    return logins
