"""Demo competition and camp: the innovation competition with a Thailand round (blind,
scored and published, one entry advanced), a Viet Nam round (assigned, partly scored) and a
final; and an innovation camp with scored applications waiting for selection by quota.
Loaded once: nothing is added when the competition already exists."""

import datetime

from django.db import transaction
from django.utils import timezone

from techbridge.competitions.enums import EntryStatus, JudgeStatus
from techbridge.competitions.models import (
    AssignmentRun,
    Competition,
    CountryQuota,
    Criterion,
    Entry,
    EntryField,
    Judge,
    Round,
    RoundEntry,
    TeamMember,
    Track,
)
from techbridge.competitions.services_judging import assignment_run_execute
from techbridge.competitions.services_scoring import round_advance, round_publish
from techbridge.organisations.models import Membership

COMPETITION_SLUG = "china-asean-innovation-2026"
CAMP_SLUG = "innovation-camp-2026"

ENTRIES = [
    # country, track index, title, summary, sectors, keywords
    (
        "TH",
        2,
        "Solar cassava dryer",
        "A passive solar dryer that halves post-harvest losses.",
        ["energy"],
        ["solar", "drying", "cassava"],
    ),
    (
        "TH",
        1,
        "Dengue rapid test strip",
        "A paper test that reads dengue NS1 in ten minutes.",
        ["health"],
        ["diagnostics", "dengue"],
    ),
    (
        "TH",
        0,
        "Rice field drone mapping",
        "Low-cost drones map rice fields for fertiliser plans.",
        ["agri"],
        ["drones", "remote sensing"],
    ),
    (
        "VN",
        2,
        "Biogas kit for pig farms",
        "A modular digester sized for family pig farms.",
        ["energy"],
        ["biogas", "waste"],
    ),
    (
        "VN",
        0,
        "Mekong flood alerts",
        "SMS flood alerts from river sensors for delta villages.",
        ["environment"],
        ["sensors", "floods"],
    ),
    (
        "VN",
        1,
        "Telehealth for district clinics",
        "Video consultations between clinics and provincial hospitals.",
        ["health"],
        ["telemedicine"],
    ),
]
CAMP_COUNTRIES = ["TH", "TH", "TH", "VN", "VN", "LA", "KH", "MY"]


def _people(country: str, exclude: set[int]) -> list[Membership]:
    return list(
        Membership.objects.filter(organisation__country=country)
        .exclude(user_id__in=exclude)
        .select_related("user", "organisation")
        .order_by("pk")
    )


def _score_all(round_: Round, pattern: list[int], every: int = 1) -> None:
    criteria = list(round_.criteria.all())
    for index, assignment in enumerate(round_.assignments.order_by("entry_id", "judge_id")):
        if index % every:
            continue
        base = pattern[index % len(pattern)]
        assignment.scores = {
            str(c.pk): min(c.max_score, max(c.min_score, base - position))
            for position, c in enumerate(criteria)
        }
        assignment.scored_at = timezone.now()
        assignment.save(update_fields=["scores", "scored_at"])


def _assign(round_: Round, staff) -> None:
    run = AssignmentRun.objects.create(round=round_, requested_by=staff)
    assignment_run_execute(run_id=run.pk, use_embeddings=False)


def _judges(competition: Competition, countries: list[str], used: set[int]) -> list[Judge]:
    judges = []
    for country in countries:
        membership = next(iter(_people(country, used)), None)
        if membership is None:
            continue
        user = membership.user
        used.add(user.pk)
        judges.append(
            Judge.objects.create(
                competition=competition,
                user=user,
                email=user.email,
                name=user.full_name,
                language=user.preferred_language,
                country=country,
                organisation=membership.organisation,
                sectors=["energy", "health", "agri", "environment"][len(judges) % 4 :][:2],
                status=JudgeStatus.ACTIVE,
                answered_at=timezone.now(),
            )
        )
    return judges


def _entry(competition, membership, track, country, title, summary, sectors, keywords, now):
    return Entry.objects.create(
        competition=competition,
        track=track,
        applicant=membership.user,
        organisation=membership.organisation,
        title=title,
        summary=summary,
        language="en",
        country=country,
        founded_year=now.year - 3,
        stage="prototype",
        sectors=sectors,
        keywords=keywords,
        status=EntryStatus.SUBMITTED,
        submitted_at=now,
    )


def _criteria(round_: Round, rows) -> None:
    for position, (name, weight, low, high) in enumerate(rows):
        Criterion.objects.create(
            round=round_, name=name, weight=weight, min_score=low, max_score=high, position=position
        )


@transaction.atomic
def competitions_demo_load(*, staff) -> int:
    """Returns the number of entries and applications created (0 when already loaded)."""
    if Competition.objects.filter(slug=COMPETITION_SLUG).exists():
        return 0
    now = timezone.now()
    competition = Competition.objects.create(
        slug=COMPETITION_SLUG,
        title="China-ASEAN Innovation and Entrepreneurship Competition 2026",
        title_translations={"zh-hans": "2026 中国—东盟创新创业大赛"},
        description="Country rounds in Thailand and Viet Nam, then a final in Nanning.",
        language="en",
        time_zone="Asia/Shanghai",
        entry_deadline=now + datetime.timedelta(days=20),
        eligible_countries=["CN", "TH", "VN", "LA", "KH", "MY"],
        max_company_age_years=8,
        is_published=True,
    )
    tracks = [
        Track.objects.create(competition=competition, name=name, position=position)
        for position, name in enumerate(["Digital technology", "Health", "Clean energy"])
    ]
    EntryField.objects.create(
        competition=competition, label="Business model", kind="long_text", required=True
    )
    EntryField.objects.create(
        competition=competition, label="Pitch deck", kind="file", file_types=["pdf", "pptx"]
    )
    rubric = [("Innovation", 3, 0, 10), ("Market potential", 2, 0, 10), ("Team", 1, 1, 5)]
    country_rounds = {}
    for country, name in (("TH", "Thailand round"), ("VN", "Viet Nam round")):
        round_ = Round.objects.create(
            competition=competition,
            name=name,
            country=country,
            level=1,
            scoring_deadline=now + datetime.timedelta(days=40),
            judges_per_entry=2,
            max_load=6,
            same_country_conflict=True,
            blind=True,
            advance_count=1,
        )
        _criteria(round_, rubric[:2])
        country_rounds[country] = round_
    final = Round.objects.create(
        competition=competition,
        name="Final",
        level=2,
        scoring_deadline=now + datetime.timedelta(days=70),
        judges_per_entry=2,
        max_load=6,
        advance_count=3,
    )
    _criteria(final, rubric)
    used: set[int] = set()
    count = 0
    for country, track, title, summary, sectors, keywords in ENTRIES:
        membership = next(iter(_people(country, used)), None)
        if membership is None:
            continue
        used.add(membership.user_id)
        entry = _entry(
            competition, membership, tracks[track], country, title, summary, sectors, keywords, now
        )
        entry.answers = {str(competition.fields.get(kind="long_text").pk): "Sales to cooperatives."}
        entry.save(update_fields=["answers"])
        TeamMember.objects.create(entry=entry, name=membership.user.full_name, role="Founder")
        RoundEntry.objects.create(round=country_rounds[country], entry=entry)
        count += 1
    _judges(competition, ["CN", "MY", "SG", "ID"], used)
    for round_ in country_rounds.values():
        _assign(round_, staff)
    _score_all(country_rounds["TH"], [9, 7, 8, 5, 6, 4])
    _score_all(country_rounds["VN"], [6, 8, 7], every=2)
    thai = country_rounds["TH"]
    best = thai.round_entries.order_by("entry_id").first()
    if best is not None:
        round_advance(user=staff, round_=thai, entry_ids=[best.entry_id])
    round_publish(user=staff, round_=thai)
    return count + _camp(staff, used, now)


def _camp(staff, used: set[int], now) -> int:
    camp = Competition.objects.create(
        slug=CAMP_SLUG,
        kind="camp",
        title="Innovation and Entrepreneurship Camp 2026",
        description="Five days in Nanning for young founders: mentoring, site visits, pitching.",
        language="en",
        time_zone="Asia/Shanghai",
        entry_deadline=now + datetime.timedelta(days=10),
        capacity=4,
        is_published=True,
    )
    EntryField.objects.create(competition=camp, label="Why this camp?", kind="long_text")
    CountryQuota.objects.create(competition=camp, country="TH", maximum=2)
    CountryQuota.objects.create(competition=camp, country="LA", minimum=1)
    review = Round.objects.create(
        competition=camp,
        name="Review",
        scoring_deadline=now + datetime.timedelta(days=20),
        judges_per_entry=1,
        max_load=10,
        advance_count=4,
    )
    _criteria(review, [("Motivation", 1, 0, 10), ("Potential", 1, 0, 10)])
    count = 0
    for position, country in enumerate(CAMP_COUNTRIES):
        membership = next(iter(_people(country, used)), None)
        if membership is None:
            continue
        used.add(membership.user_id)
        entry = _entry(
            camp,
            membership,
            None,
            country,
            f"Application {position + 1}: {membership.user.full_name}",
            "A founder who wants to take a prototype to market.",
            [],
            [],
            now,
        )
        RoundEntry.objects.create(round=review, entry=entry)
        count += 1
    _judges(camp, ["CN", "SG"], used)
    _assign(review, staff)
    _score_all(review, [9, 6, 8, 7, 5, 4, 7, 3])
    return count
