"""Demo technologies, needs and calls, written for this project (core/demo/*.json)."""

import datetime
import json
import random
from decimal import Decimal
from importlib import resources

from django.db import transaction
from django.utils import timezone

from techbridge.catalog.enums import Status
from techbridge.catalog.models import ListingEvent, Need, Technology, TechnologyTransferMode
from techbridge.catalog.validation import listing_clean
from techbridge.curation.models import Call, Criterion, ReviewAssignment, Submission
from techbridge.matching.services import listings_index_enqueue
from techbridge.matching.tasks import refresh_label_vectors
from techbridge.organisations.enums import MemberRole
from techbridge.organisations.models import Organisation

TECHNOLOGY_FILES = ("technologies_cn.json", "technologies_asean.json")
NEED_FILES = ("needs.json",)


def _rows(name: str) -> list[dict]:
    folder = resources.files("techbridge.core.demo")
    if not folder.joinpath(name).is_file():
        return []
    return json.loads(folder.joinpath(name).read_text("utf-8"))


def _admin_of(organisation):
    membership = (
        organisation.memberships.filter(role=MemberRole.ADMIN).select_related("user").first()
    )
    return membership.user if membership else None


def _dates(status: str, rng: random.Random) -> dict:
    now = timezone.now()
    today = timezone.localdate()
    published = now - datetime.timedelta(days=rng.randint(5, 330))
    if status == Status.PUBLISHED:
        # A few expire soon, so the renewal reminders and dashboards have something to show.
        days = rng.choice([12, 25, 40] + [rng.randint(60, 400) for _n in range(9)])
        return {
            "published_at": published,
            "valid_until": today + datetime.timedelta(days=days),
            "submitted_at": published - datetime.timedelta(days=3),
        }
    if status == Status.EXPIRED:
        return {
            "published_at": published - datetime.timedelta(days=365),
            "valid_until": today - datetime.timedelta(days=rng.randint(1, 60)),
            "submitted_at": published - datetime.timedelta(days=368),
        }
    if status in {Status.SUBMITTED, Status.UNDER_REVIEW, Status.CHANGES_REQUESTED, Status.REJECTED}:
        return {"submitted_at": now - datetime.timedelta(days=rng.randint(1, 30))}
    return {}


REASONS = {
    Status.CHANGES_REQUESTED: "Please add the installed capacity and the price range.",
    Status.REJECTED: "This describes a consulting service, not a technology.",
    Status.WITHDRAWN: "No longer offered.",
}


def _load(model, rows: list[dict], organisations: dict, rng: random.Random) -> int:
    loaded = 0
    for row in rows:
        organisation = organisations.get(row["organisation"])
        if (
            organisation is None
            or model.objects.filter(
                organisation=organisation, external_id=row["external_id"]
            ).exists()
        ):
            continue
        data = {key: value for key, value in row.items() if key not in {"organisation", "status"}}
        values, relations = listing_clean(model=model, data=data)
        status = row.get("status", Status.PUBLISHED)
        listing = model.objects.create(
            organisation=organisation,
            created_by=_admin_of(organisation),
            status=status,
            status_reason=REASONS.get(status, ""),
            **values,
            **_dates(status, rng),
        )
        listing.sectors.set(relations.get("sectors", []))
        listing.sdgs.set(relations.get("sdgs", []))
        if model is Technology:
            TechnologyTransferMode.objects.bulk_create(
                TechnologyTransferMode(technology=listing, mode=mode)
                for mode in sorted(set(relations.get("transfer_modes", [])))
            )
        target = {"technology": listing} if model is Technology else {"need": listing}
        ListingEvent.objects.create(
            action="imported", to_status=status, actor=listing.created_by, **target
        )
        loaded += 1
    return loaded


def _criteria(call: Call) -> None:
    for position, (name, zh, weight) in enumerate(
        [
            ("Advanced and proven", "先进性与成熟度", Decimal("0.3")),
            ("Applicable in ASEAN conditions", "在东盟的适用性", Decimal("0.3")),
            ("Contribution to sustainability", "对可持续发展的贡献", Decimal("0.25")),
            ("Readiness to transfer", "转移准备程度", Decimal("0.15")),
        ]
    ):
        Criterion.objects.create(
            call=call,
            name=name,
            name_translations={"zh-hans": zh},
            weight=weight,
            max_score=5,
            position=position,
        )


def _calls(staff, reviewers: list, rng: random.Random) -> None:
    if Call.objects.exists():
        return
    now = timezone.now()
    call = Call.objects.create(
        slug="sustainability-technologies-2026",
        title="1,000 advanced and applicable technologies for sustainability 2026",
        title_translations={"zh-hans": "2026年面向可持续发展的1000项先进适用技术"},
        description=(
            "The centre selects advanced, applicable technologies that Chinese and ASEAN "
            "providers are ready to transfer for sustainable development. Selected "
            "technologies are promoted at the forum and in matchmaking meetings."
        ),
        description_translations={
            "zh-hans": (
                "中心遴选中国和东盟技术供给方愿意转移的先进适用技术，"
                "入选技术将在论坛和对接会上推介。"
            )
        },
        language="en",
        deadline=now + datetime.timedelta(days=45),
        target_count=1000,
        state=Call.State.OPEN,
        created_by=staff,
    )
    _criteria(call)
    technologies = list(
        Technology.objects.filter(
            status__in=[Status.PUBLISHED, Status.SUBMITTED, Status.UNDER_REVIEW]
        ).order_by("pk")[:40]
    )
    criteria = list(call.criteria.all())
    for index, technology in enumerate(technologies):
        submission = Submission.objects.create(
            call=call, technology=technology, submitted_by=technology.created_by
        )
        if index % 4 == 0:
            continue  # waiting for reviewers
        for reviewer in reviewers[: 1 + index % 2]:
            scores = {str(c.pk): rng.randint(2, 5) for c in criteria} if index % 4 != 1 else {}
            ReviewAssignment.objects.create(
                submission=submission,
                reviewer=reviewer,
                assigned_by=staff,
                scores=scores,
                reviewed_at=now if scores else None,
            )
        if index % 4 == 3:
            submission.decision = rng.choice(
                [Submission.Decision.SELECTED, Submission.Decision.NOT_SELECTED]
            )
            submission.decided_by = staff
            submission.decided_at = now
            submission.save()
    past = Call.objects.create(
        slug="clean-energy-technologies-2025",
        title="Clean energy technologies for ASEAN 2025",
        title_translations={"zh-hans": "2025年面向东盟的清洁能源技术"},
        description="Technologies selected in 2025 for rural electrification and clean cooking.",
        language="en",
        deadline=now - datetime.timedelta(days=200),
        target_count=100,
        state=Call.State.PUBLISHED,
        created_by=staff,
        published_at=now - datetime.timedelta(days=150),
    )
    _criteria(past)
    for technology in Technology.objects.filter(
        status=Status.PUBLISHED, sectors__code__startswith="energy"
    )[:25]:
        Submission.objects.get_or_create(
            call=past,
            technology=technology,
            defaults={
                "submitted_by": technology.created_by,
                "decision": Submission.Decision.SELECTED,
                "decided_by": staff,
                "decided_at": now - datetime.timedelta(days=150),
            },
        )


@transaction.atomic
def catalogue_load(*, staff, reviewers: list) -> dict[str, int]:
    rng = random.Random(2026)  # noqa: S311 - the same demo every time, not security
    organisations = {o.slug: o for o in Organisation.objects.all()}
    technologies = sum(
        _load(Technology, _rows(name), organisations, rng) for name in TECHNOLOGY_FILES
    )
    needs = sum(_load(Need, _rows(name), organisations, rng) for name in NEED_FILES)
    _calls(staff, reviewers, rng)
    if technologies or needs:
        # The worker builds the search index in the background (a few minutes on a laptop).
        for kind, model in (("technology", Technology), ("need", Need)):
            listings_index_enqueue(kind=kind, pks=list(model.objects.values_list("pk", flat=True)))
        refresh_label_vectors.enqueue()  # sector and SDG suggestions in the listing form
    return {"technologies": technologies, "needs": needs}
