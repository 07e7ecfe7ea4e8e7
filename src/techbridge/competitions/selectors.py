"""Reads for competition pages; list pages use a constant number of queries."""

from django.db.models import Count, Prefetch, Q, QuerySet

from techbridge.accounts.models import User
from techbridge.competitions import rules
from techbridge.competitions.enums import Decision, EntryStatus, JudgeStatus
from techbridge.competitions.models import (
    Assignment,
    AssignmentRun,
    Competition,
    Entry,
    Judge,
    Round,
)


def competitions_visible(*, user: User) -> QuerySet[Competition]:
    competitions = Competition.objects.all()
    if not rules.can_manage_competitions(user):
        competitions = competitions.filter(is_published=True)
    return competitions.prefetch_related("tracks")


def entries_of(*, user: User) -> QuerySet[Entry]:
    return (
        Entry.objects.filter(applicant=user)
        .select_related("competition", "track")
        .order_by("-created_at")
    )


def entry_of(*, user: User, competition: Competition) -> Entry | None:
    if not user.is_authenticated:
        return None
    return (
        Entry.objects.filter(competition=competition, applicant=user)
        .exclude(status=EntryStatus.WITHDRAWN)
        .first()
    )


def judge_of(*, user: User, competition: Competition) -> Judge | None:
    if not user.is_authenticated:
        return None
    return Judge.objects.filter(
        competition=competition, user=user, status=JudgeStatus.ACTIVE
    ).first()


def assignments_of(*, user: User) -> QuerySet[Assignment]:
    """A judge's entries to score, across calls. Only what the list shows is loaded."""
    return (
        Assignment.objects.filter(
            judge__user=user,
            judge__status=JudgeStatus.ACTIVE,
            entry__status=EntryStatus.SUBMITTED,
        )
        .select_related("round__competition", "entry__track")
        .order_by("round__scoring_deadline", "entry_id")
    )


def assignment_for_judge(*, user: User, pk: int) -> Assignment | None:
    return (
        Assignment.objects.filter(pk=pk, judge__user=user, entry__status=EntryStatus.SUBMITTED)
        .select_related(
            "judge", "round__competition", "entry__track", "entry__organisation", "entry__applicant"
        )
        .prefetch_related("entry__team", "entry__attachments")
        .first()
    )


def competition_entries(*, competition: Competition) -> QuerySet[Entry]:
    return (
        Entry.objects.filter(competition=competition)
        .select_related("track", "organisation", "applicant")
        .annotate(team_size=Count("team", distinct=True))
        .order_by("status", "pk")
    )


def competition_judges(*, competition: Competition) -> QuerySet[Judge]:
    return (
        Judge.objects.filter(competition=competition)
        .select_related("organisation", "user")
        .annotate(
            load=Count("assignments", distinct=True),
            scored=Count(
                "assignments", filter=Q(assignments__scored_at__isnull=False), distinct=True
            ),
        )
    )


def round_assignments(*, round_: Round) -> QuerySet[Assignment]:
    return (
        Assignment.objects.filter(round=round_)
        .select_related("entry", "judge")
        .order_by("entry_id", "judge__name")
    )


def round_last_run(*, round_: Round) -> AssignmentRun | None:
    return round_.assignment_runs.first()


def competition_rounds(*, competition: Competition) -> QuerySet[Round]:
    return competition.rounds.annotate(
        entry_count=Count("round_entries", distinct=True),
        assignment_count=Count("assignments", distinct=True),
        scored_count=Count(
            "assignments", filter=Q(assignments__scored_at__isnull=False), distinct=True
        ),
    ).prefetch_related(Prefetch("criteria"))


def participants(*, competition: Competition) -> QuerySet[Entry]:
    return (
        Entry.objects.filter(
            competition=competition, status=EntryStatus.SUBMITTED, decision=Decision.SELECTED
        )
        .select_related("applicant", "organisation", "track")
        .order_by("country", "applicant__full_name")
    )


def published_rounds(*, competition: Competition) -> QuerySet[Round]:
    return competition.rounds.filter(results_published_at__isnull=False).order_by("-level", "pk")


def published_results(*, round_: Round):
    return (
        round_.round_entries.filter(rank__isnull=False, entry__status=EntryStatus.SUBMITTED)
        .select_related("entry__track", "entry__organisation")
        .order_by("entry__track__position", "rank", "entry_id")
    )
