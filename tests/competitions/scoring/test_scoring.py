import math
import re
import subprocess
import sys
from pathlib import Path

import pytest

import techbridge
from techbridge.competitions.scoring import (
    Criterion,
    JudgeScore,
    RankedEntry,
    aggregate_across_judges,
    rank_entries,
    weighted_criteria_score,
    zscores_by_judge,
)

TIGHT = 1e-12


def test_zscores_by_judge_use_population_deviation_per_judge():
    scores = [
        JudgeScore(round_id=1, judge_id="harsh", entry_id="a", value=6.0),
        JudgeScore(round_id=1, judge_id="harsh", entry_id="b", value=8.0),
        JudgeScore(round_id=1, judge_id="harsh", entry_id="c", value=10.0),
        JudgeScore(round_id=1, judge_id="kind", entry_id="a", value=9.0),
        JudgeScore(round_id=1, judge_id="kind", entry_id="b", value=10.0),
    ]
    normalised = zscores_by_judge(scores=scores)
    # harsh: mean 8, variance (4 + 0 + 4) / 3; kind: mean 9.5, deviation 0.5.
    deviation = math.sqrt(8 / 3)
    assert [item.z for item in normalised] == pytest.approx(
        [-2 / deviation, 0.0, 2 / deviation, -1.0, 1.0], abs=TIGHT
    )
    assert [item.raw for item in normalised] == [6.0, 8.0, 10.0, 9.0, 10.0]
    assert [item.entry_id for item in normalised] == ["a", "b", "c", "a", "b"]


def test_zscores_by_judge_single_or_identical_scores_give_zero():
    scores = [
        JudgeScore(round_id=1, judge_id="once", entry_id="a", value=7.0),
        JudgeScore(round_id=1, judge_id="flat", entry_id="a", value=0.1),
        JudgeScore(round_id=1, judge_id="flat", entry_id="b", value=0.1),
        JudgeScore(round_id=1, judge_id="flat", entry_id="c", value=0.1),
    ]
    assert [item.z for item in zscores_by_judge(scores=scores)] == [0.0, 0.0, 0.0, 0.0]


def test_zscores_by_judge_rounds_and_criteria_are_separate_groups():
    scores = [
        JudgeScore(round_id=1, judge_id="j", entry_id="a", value=1.0),
        JudgeScore(round_id=1, judge_id="j", entry_id="b", value=3.0),
        JudgeScore(round_id=2, judge_id="j", entry_id="a", value=50.0),
        JudgeScore(round_id=2, judge_id="j", entry_id="a", value=1.0, criterion="impact"),
        JudgeScore(round_id=2, judge_id="j", entry_id="b", value=5.0, criterion="impact"),
    ]
    assert [item.z for item in zscores_by_judge(scores=scores)] == pytest.approx(
        [-1.0, 1.0, 0.0, -1.0, 1.0], abs=TIGHT
    )


def test_zscores_by_judge_duplicate_score_is_rejected():
    score = JudgeScore(round_id=1, judge_id="j", entry_id="a", value=1.0)
    with pytest.raises(ValueError, match="judge 'j' scored entry 'a' twice in round 1"):
        zscores_by_judge(scores=[score, score])


def test_weighted_criteria_score_normalises_each_scale_before_weighting():
    criteria = {
        "impact": Criterion(weight=2.0, minimum=0.0, maximum=100.0),
        "feasibility": Criterion(weight=1.0, minimum=1.0, maximum=5.0),
    }
    value = weighted_criteria_score(scores={"impact": 75.0, "feasibility": 2.0}, criteria=criteria)
    assert value == pytest.approx((2 * 0.75 + 1 * 0.25) / 3, abs=TIGHT)


def test_weighted_criteria_score_missing_or_out_of_scale_is_rejected():
    criteria = {"impact": Criterion(weight=1.0), "team": Criterion(weight=1.0)}
    with pytest.raises(ValueError, match=r"criteria missing: \['team'\]; unknown: none"):
        weighted_criteria_score(scores={"impact": 5.0}, criteria=criteria)
    with pytest.raises(
        ValueError, match=re.escape("score 11.0 for 'team' is outside its scale 0.0..10.0")
    ):
        weighted_criteria_score(scores={"impact": 5.0, "team": 11.0}, criteria=criteria)


def test_aggregate_across_judges_mean_and_median():
    values = {"odd": [1.0, 2.0, 10.0], "even": [1.0, 2.0, 3.0, 10.0]}
    assert aggregate_across_judges(values_by_entry=values, method="mean") == pytest.approx(
        {"odd": 13 / 3, "even": 4.0}, abs=TIGHT
    )
    assert aggregate_across_judges(values_by_entry=values, method="median") == {
        "odd": 2.0,
        "even": 2.5,
    }


def test_rank_entries_ties_share_rank_and_skip_next():
    ranked = rank_entries(scores={"b": 0.9, "a": 0.9, "c": 0.8, "d": 0.95})
    assert ranked == {
        None: [
            RankedEntry(entry_id="d", track=None, score=0.95, rank=1),
            RankedEntry(entry_id="a", track=None, score=0.9, rank=2),
            RankedEntry(entry_id="b", track=None, score=0.9, rank=2),
            RankedEntry(entry_id="c", track=None, score=0.8, rank=4),
        ]
    }


def test_rank_entries_per_track():
    ranked = rank_entries(
        scores={"x": 3.0, "y": 5.0, "z": 3.0, "w": 1.0},
        track_by_entry={"x": "agri", "y": "health", "z": "agri", "w": "health"},
    )
    assert {
        track: [(row.entry_id, row.rank) for row in rows] for track, rows in ranked.items()
    } == {
        "agri": [("x", 1), ("z", 1)],
        "health": [("y", 1), ("w", 2)],
    }


def test_rank_entries_float_noise_ties_unless_exact_comparison_asked():
    scores = {"sum": 0.1 + 0.2, "literal": 0.3}
    assert [row.rank for row in rank_entries(scores=scores)[None]] == [1, 1]
    exact = rank_entries(scores=scores, decimals=None)[None]
    assert [(row.entry_id, row.rank) for row in exact] == [("sum", 1), ("literal", 2)]


def test_scoring_package_imports_without_django():
    source_root = Path(techbridge.__file__).resolve().parents[1]
    code = (
        "import sys; import techbridge.competitions.scoring; "
        "assert 'django' not in sys.modules, sorted(m for m in sys.modules if 'django' in m)"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code],
        env={"PYTHONPATH": str(source_root)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
