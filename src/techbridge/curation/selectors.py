from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet

from techbridge.accounts.models import User
from techbridge.catalog.enums import Status
from techbridge.catalog.models import Technology
from techbridge.curation.models import Call, ReviewAssignment, Submission
from techbridge.curation.services import weighted_score


@dataclass(frozen=True)
class RankedSubmission:
    submission: Submission
    score: Decimal | None
    reviews_done: int
    reviews_assigned: int


def public_calls() -> QuerySet[Call]:
    return Call.objects.exclude(state=Call.State.DRAFT)


def call_ranking(*, call: Call) -> list[RankedSubmission]:
    criteria = list(call.criteria.all())
    submissions = (
        call.submissions.select_related("technology__organisation")
        .prefetch_related("assignments__reviewer")
        .exclude(decision=Submission.Decision.WITHDRAWN)
    )
    ranked = []
    for submission in submissions:
        assignments = list(submission.assignments.all())
        scores = [
            weighted_score(criteria=criteria, scores=a.scores) for a in assignments if a.reviewed_at
        ]
        scores = [s for s in scores if s is not None]
        mean = (sum(scores) / len(scores)).quantize(Decimal("0.1")) if scores else None
        ranked.append(RankedSubmission(submission, mean, len(scores), len(assignments)))
    return sorted(ranked, key=lambda r: (r.score is None, -(r.score or 0), r.submission.pk))


def call_collection(*, call: Call) -> QuerySet:
    """The published selection: selected technologies that are themselves published."""
    return (
        Technology.objects.filter(
            call_submissions__call=call,
            call_submissions__decision=Submission.Decision.SELECTED,
            status=Status.PUBLISHED,
        )
        .select_related("organisation")
        .prefetch_related("sectors", "sdgs", "transfer_modes")
        .order_by("title")
    )


def reviewer_assignments(*, user: User) -> QuerySet[ReviewAssignment]:
    return (
        ReviewAssignment.objects.filter(reviewer=user)
        .select_related("submission__call", "submission__technology")
        .order_by("reviewed_at", "-assigned_at")
    )
