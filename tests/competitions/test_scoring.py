"""Scoring: input checks, the ranking page's numbers equal the scoring package's maths (raw
and z per judge, mean or median, ties), advancement to the next round, publication."""

import math

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from techbridge.competitions import services_scoring
from techbridge.competitions.models import RoundEntry
from techbridge.competitions.ranking import round_ranking
from tests.competitions.fixtures import past
from tests.factories import (
    AssignmentFactory,
    EntryFactory,
    JudgeFactory,
    RoundEntryFactory,
    RoundFactory,
)

pytestmark = pytest.mark.django_db


def _score(assignment, impact, feasibility, criteria):
    return services_scoring.assignment_score(
        user=assignment.judge.user,
        assignment=assignment,
        data={f"criterion_{criteria[0].pk}": impact, f"criterion_{criteria[1].pk}": feasibility},
    )


def test_scores_are_checked_per_criterion(world):
    assignment = AssignmentFactory(round=world.round, entry=world.other_entry, judge=world.judge)
    first, second = world.criteria
    with pytest.raises(ValidationError) as caught:
        services_scoring.assignment_score(
            user=world.judge.user,
            assignment=assignment,
            data={f"criterion_{first.pk}": "11", f"criterion_{second.pk}": "nan"},
        )
    assert set(caught.value.message_dict) == {f"criterion_{first.pk}", f"criterion_{second.pk}"}
    with pytest.raises(PermissionDenied):
        services_scoring.assignment_score(
            user=world.conflicted_judge.user, assignment=assignment, data={}
        )
    world.round.scoring_deadline = past()
    world.round.save()
    with pytest.raises(ValidationError):
        _score(assignment, 5, 3, world.criteria)


def test_ranking_raw_z_and_median(world):
    """Two judges: A scores harshly, B generously; z-scores put them on one scale."""
    third = EntryFactory(competition=world.competition, track=world.track, title="Third")
    RoundEntryFactory(round=world.round, entry=third)
    judge_b = JudgeFactory(competition=world.competition, name="B")
    entries = [world.entry, world.other_entry, third]
    a_scores = [(2, 1), (4, 2), (6, 3)]
    b_scores = [(10, 5), (6, 3), (8, 4)]
    for entry, (impact, feasibility) in zip(entries, a_scores, strict=True):
        _score(
            AssignmentFactory(round=world.round, entry=entry, judge=world.judge),
            impact,
            feasibility,
            world.criteria,
        )
    for entry, (impact, feasibility) in zip(entries, b_scores, strict=True):
        _score(
            AssignmentFactory(round=world.round, entry=entry, judge=judge_b),
            impact,
            feasibility,
            world.criteria,
        )

    def weighted(impact, feasibility):
        return 100 * (2 * impact / 10 + 1 * (feasibility - 1) / 4) / 3

    ranking = round_ranking(round_=world.round, basis="raw", method="mean")
    rows = {row.entry.pk: row for row in ranking.rows}
    first = rows[world.entry.pk]
    assert math.isclose(first.raw, (weighted(2, 1) + weighted(10, 5)) / 2)
    # Judge A: entry 1 is their lowest; judge B: their highest -> z mean 0 for entry 1.
    assert math.isclose(first.z, 0.0, abs_tol=1e-9)
    assert ranking.tracks[0][1][0].entry.pk == third.pk
    zranking = round_ranking(round_=world.round, basis="z", method="median")
    assert zranking.method == "median"
    assert all(row.rank is not None for row in zranking.rows)


def test_ties_share_a_rank_and_both_are_suggested(world):
    world.round.advance_count = 1
    world.round.save()
    for entry in (world.entry, world.other_entry):
        _score(
            AssignmentFactory(round=world.round, entry=entry, judge=world.judge),
            5,
            3,
            world.criteria,
        )
    ranking = round_ranking(round_=world.round, basis="raw")
    rows = ranking.tracks[0][1]
    assert [row.rank for row in rows] == [1, 1]
    assert all(row.tied and row.suggested for row in rows)


def test_advance_moves_entries_to_the_final_and_publish_snapshots(world):
    for entry, value in ((world.entry, 9), (world.other_entry, 3)):
        _score(
            AssignmentFactory(round=world.round, entry=entry, judge=world.judge),
            value,
            3,
            world.criteria,
        )
    with pytest.raises(PermissionDenied):
        services_scoring.round_advance(
            user=world.applicant, round_=world.round, entry_ids=[world.entry.pk]
        )
    with pytest.raises(ValidationError):
        services_scoring.round_advance(user=world.staff, round_=world.round, entry_ids=[])
    moved = services_scoring.round_advance(
        user=world.staff, round_=world.round, entry_ids=[world.entry.pk]
    )
    assert moved == 1
    assert RoundEntry.objects.filter(round=world.final, entry=world.entry).exists()
    assert not RoundEntry.objects.filter(round=world.final, entry=world.other_entry).exists()
    services_scoring.round_publish(user=world.staff, round_=world.round)
    ranks = dict(RoundEntry.objects.filter(round=world.round).values_list("entry_id", "rank"))
    assert ranks == {world.entry.pk: 1, world.other_entry.pk: 2}
    with pytest.raises(ValidationError):
        services_scoring.round_publish(user=world.staff, round_=world.round)
    with pytest.raises(ValidationError):
        services_scoring.round_settings_update(
            user=world.staff, round_=world.round, aggregation="median", score_basis="raw"
        )


def test_advance_without_a_next_round_is_refused(world):
    lone = RoundFactory(competition=world.competition, level=3, name="Gala")
    RoundEntryFactory(round=lone, entry=world.entry)
    with pytest.raises(ValidationError) as caught:
        services_scoring.round_advance(user=world.staff, round_=lone, entry_ids=[world.entry.pk])
    assert "no next round" in str(caught.value)


def test_round_settings_field_errors(world):
    with pytest.raises(ValidationError) as caught:
        services_scoring.round_settings_update(
            user=world.staff, round_=world.round, aggregation="max", score_basis="rank"
        )
    assert set(caught.value.message_dict) == {"aggregation", "score_basis"}
