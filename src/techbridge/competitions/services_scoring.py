"""Writes for scoring, ranking settings, advancement and publication of results."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from techbridge.accounts.models import User
from techbridge.competitions import rules
from techbridge.competitions.enums import Aggregation, ScoreBasis
from techbridge.competitions.models import Assignment, Round, RoundEntry
from techbridge.competitions.ranking import round_ranking
from techbridge.competitions.services import next_rounds
from techbridge.competitions.validation import scores_clean


@transaction.atomic
def assignment_score(*, user: User, assignment: Assignment, data: dict) -> Assignment:
    if not rules.can_view_assignment(user, assignment):
        raise PermissionDenied
    if not rules.can_score(user, assignment):
        raise ValidationError(_("Scoring for this round is closed."))
    criteria = list(assignment.round.criteria.all())
    if not criteria:
        raise ValidationError(_("This round has no criteria yet."))
    scores = scores_clean(criteria=criteria, data=data)
    comment = (data.get("comment") or "").strip()
    if len(comment) > 4000:
        raise ValidationError(
            {"comment": [_("At most %(limit)s characters, please.") % {"limit": 4000}]}
        )
    assignment.scores = scores
    assignment.comment = comment
    assignment.scored_at = timezone.now()
    assignment.save(update_fields=["scores", "comment", "scored_at"])
    return assignment


def _require_staff(user: User) -> None:
    if not rules.can_manage_competitions(user):
        raise PermissionDenied


@transaction.atomic
def round_settings_update(
    *, user: User, round_: Round, aggregation: str, score_basis: str
) -> Round:
    _require_staff(user)
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    errors: dict[str, list[str]] = {}
    if aggregation not in Aggregation.values:
        errors["aggregation"] = [_("Choose from the list.")]
    if score_basis not in ScoreBasis.values:
        errors["score_basis"] = [_("Choose from the list.")]
    if round_.is_published:
        errors.setdefault("aggregation", []).append(
            _("Results are published; the ranking is fixed.")
        )
    if errors:
        raise ValidationError(errors)
    round_.aggregation = aggregation
    round_.score_basis = score_basis
    round_.save(update_fields=["aggregation", "score_basis"])
    return round_


def _snapshot(round_: Round) -> None:
    """Stores each entry's score and rank in the round, as the published page shows them."""
    ranking = round_ranking(round_=round_)
    by_entry = {row.entry.pk: row for row in ranking.rows}
    for round_entry in RoundEntry.objects.filter(round=round_):
        row = by_entry.get(round_entry.entry_id)
        round_entry.score = row.score if row else None
        round_entry.rank = row.rank if row else None
        round_entry.save(update_fields=["score", "rank"])


@transaction.atomic
def round_advance(*, user: User, round_: Round, entry_ids: list[int]) -> int:
    """Moves the chosen entries to the next level's rounds (for their country, else open)."""
    _require_staff(user)
    chosen = list(
        RoundEntry.objects.filter(round=round_, entry_id__in=entry_ids).select_related("entry")
    )
    if not chosen:
        raise ValidationError({"entries": [_("Choose at least one entry.")]})
    moved = 0
    missing = []
    for round_entry in chosen:
        targets = next_rounds(round_=round_, country=round_entry.entry.country)
        if not targets:
            missing.append(round_entry.entry.title)
            continue
        for target in targets:
            RoundEntry.objects.get_or_create(round=target, entry=round_entry.entry)
        if not round_entry.advanced:
            round_entry.advanced = True
            round_entry.save(update_fields=["advanced"])
            moved += 1
    if missing:
        raise ValidationError(
            {
                "entries": [
                    _("There is no next round for: %(titles)s") % {"titles": ", ".join(missing)}
                ]
            }
        )
    _snapshot(round_)
    return moved


@transaction.atomic
def round_publish(*, user: User, round_: Round) -> Round:
    _require_staff(user)
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    if round_.is_published:
        raise ValidationError(_("The results of this round are already published."))
    _snapshot(round_)
    round_.results_published_at = timezone.now()
    round_.save(update_fields=["results_published_at"])
    return round_


@transaction.atomic
def round_unpublish(*, user: User, round_: Round) -> Round:
    _require_staff(user)
    round_.results_published_at = None
    round_.save(update_fields=["results_published_at"])
    return round_
