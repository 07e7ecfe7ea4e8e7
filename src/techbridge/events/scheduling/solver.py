"""The optimiser: greedy baseline, heuristics, and CP-SAT where the model is small.

Stages, each keeping the best schedule so far (compared as evaluation.Score):
1. the greedy baseline: the floor, the result is never worse;
2. most-constrained-first construction, then ejection-chain repair;
3. a plateau walk that swaps left-out meetings in, to escape local optima;
4. only if the exact model has at most EXACT_MODEL_MAX_BOOLEANS booleans: CP-SAT
   maximises the count from that schedule, and can prove it optimal;
5. simulated annealing over Kempe chains closes idle gaps, count unchanged;
6. again only for small models: CP-SAT minimises gaps with the count fixed.
On larger models CP-SAT with 2 workers did not improve on the heuristics within the time
limit (docs/benchmarks.md, "Meeting scheduler"), so they get all of it.
"""

import random
import time
from dataclasses import dataclass

from techbridge.events.scheduling.bounds import schedulable_upper_bound
from techbridge.events.scheduling.budget import Budget, Phase, Progress, ProgressCallback
from techbridge.events.scheduling.construct import (
    constructive_slots,
    plateau_walk,
    repair_left_out,
)
from techbridge.events.scheduling.cpsat import (
    ExactOutcome,
    SolverSettings,
    boolean_count,
    maximise_count,
    minimise_gaps,
)
from techbridge.events.scheduling.evaluation import Score, build_result, score_of
from techbridge.events.scheduling.greedy import GREEDY_METHOD, greedy_slots
from techbridge.events.scheduling.instance import Instance, SlotState, build_instance
from techbridge.events.scheduling.local_search import GapSearch
from techbridge.events.scheduling.model import ScheduleResult, SchedulingProblem

DEFAULT_TIME_LIMIT_SECONDS = 8.0
EXACT_MODEL_MAX_BOOLEANS = 4_000
LOCAL_SEARCH_METHOD = "local-search"
CP_SAT_METHOD = "cp-sat"
# With max_search_steps, CP-SAT gets a deterministic-time budget worth as many steps; a
# local-search step takes roughly 20 microseconds.
STEPS_PER_DETERMINISTIC_SECOND = 50_000
# CP-SAT phases end by time (or deterministic time): no natural step cap.
CP_SAT_STEPS = 10**12
# Annealing steps per meeting before it stops by itself: small events finish early instead
# of idling until the deadline; large ones run out of time long before.
GAP_STEPS_PER_MEETING = 2_000
# Building a CP-SAT model in Python costs about this much per boolean (gap model included);
# a CP-SAT phase that could not even finish building in its time is skipped.
BUILD_SECONDS_PER_BOOLEAN = 30e-6
# Kept back from the time limit for numbering tables and building the result.
RESULT_MARGIN_SECONDS = 0.05


@dataclass
class _Best:
    slot_of: list[int]
    score: Score
    method: str
    proven_optimal: bool = False

    def offer(self, slot_of: list[int], score: Score, method: str) -> None:
        if score > self.score:
            self.slot_of, self.score, self.method = list(slot_of), score, method


def _close_gaps(
    instance: Instance, *, budget: Budget, best: _Best, rng: random.Random, share: float
) -> None:
    state = SlotState.from_slots(instance, best.slot_of)
    phase = budget.phase(
        name="closing idle gaps",
        share=share,
        natural_steps=GAP_STEPS_PER_MEETING * instance.meeting_count + 2_000,
    )
    GapSearch(state, rng=rng).run(phase=phase)
    budget.finish(phase)
    # Annealing keeps the count: whoever found that count gets the credit for the schedule.
    method = CP_SAT_METHOD if best.method == CP_SAT_METHOD else LOCAL_SEARCH_METHOD
    best.offer(state.slot_of, score_of(instance, state.slot_of), method)


def _cp_sat_settings(phase: Phase, *, num_workers: int, seed: int) -> SolverSettings:
    return SolverSettings(
        deadline=phase.deadline,
        num_workers=num_workers,
        seed=seed,
        deterministic_seconds=(
            phase.max_steps / STEPS_PER_DETERMINISTIC_SECOND if phase.counted else None
        ),
    )


def _no_time_to_build(instance: Instance, phase: Phase) -> bool:
    return not phase.counted and phase.seconds < BUILD_SECONDS_PER_BOOLEAN * boolean_count(instance)


def _steps_of(outcome: ExactOutcome | None) -> int:
    if outcome is None:
        return 0
    return int(outcome.deterministic_time * STEPS_PER_DETERMINISTIC_SECOND)


def _maximise_count_exactly(
    instance: Instance, *, budget: Budget, best: _Best, num_workers: int, seed: int
) -> bool:
    """CP-SAT from the heuristic's schedule; True when the count is proven optimal."""
    phase = budget.phase(
        name="maximising the count with CP-SAT", share=0.3, natural_steps=CP_SAT_STEPS
    )
    if _no_time_to_build(instance, phase):
        return False
    outcome = maximise_count(
        instance,
        start=best.slot_of,
        settings=_cp_sat_settings(phase, num_workers=num_workers, seed=seed),
    )
    phase.steps = _steps_of(outcome)
    budget.finish(phase)
    if outcome is None:
        return False
    score = score_of(instance, outcome.slot_of)
    if (score.scheduled, score.mutual) > (best.score.scheduled, best.score.mutual):
        best.slot_of, best.score, best.method = outcome.slot_of, score, CP_SAT_METHOD
    return outcome.proven_optimal


def _minimise_gaps_exactly(
    instance: Instance, *, budget: Budget, best: _Best, num_workers: int, seed: int
) -> bool:
    """CP-SAT with the count fixed; True when the gaps are proven minimal."""
    phase = budget.phase(
        name="minimising idle gaps with CP-SAT", share=1.0, natural_steps=CP_SAT_STEPS
    )
    if _no_time_to_build(instance, phase):
        return False
    outcome = minimise_gaps(
        instance,
        start=best.slot_of,
        settings=_cp_sat_settings(phase, num_workers=num_workers, seed=seed),
    )
    phase.steps = _steps_of(outcome)
    budget.finish(phase)
    if outcome is None:
        return False
    score = score_of(instance, outcome.slot_of)
    if score > best.score:
        best.slot_of, best.score, best.method = outcome.slot_of, score, CP_SAT_METHOD
    return outcome.proven_optimal and score >= best.score


def upper_bound(*, problem: SchedulingProblem) -> int:
    """No schedule of this problem can hold more meetings than this."""
    return schedulable_upper_bound(build_instance(problem))


def schedule_meetings(
    *,
    problem: SchedulingProblem,
    time_limit_seconds: float = DEFAULT_TIME_LIMIT_SECONDS,
    seed: int = 0,
    num_workers: int = 2,
    max_search_steps: int | None = None,
    exact_model_max_booleans: int = EXACT_MODEL_MAX_BOOLEANS,
    on_progress: ProgressCallback | None = None,
) -> ScheduleResult:
    """Schedules as many meetings as possible (ties: more mutual ones, then fewer idle gaps)
    within time_limit_seconds, never worse than schedule_greedily.

    Raises ValueError, naming the meetings, when fixed placements contradict each other
    or the availability. Runs are repeatable for a seed when max_search_steps is given:
    the search then stops after that many local-search steps (and CP-SAT on its
    deterministic clock) rather than by the wall clock, which stays as a safety net only;
    without it, how far the search gets depends on the machine. CP-SAT runs only when
    its model (one boolean per meeting and usable slot) has at most
    exact_model_max_booleans booleans.
    """
    started = time.perf_counter()
    progress = Progress(on_progress)
    progress.report(0.0, "checking the problem")
    instance = build_instance(problem)
    bound = schedulable_upper_bound(instance)
    baseline = greedy_slots(instance)
    best = _Best(slot_of=baseline, score=score_of(instance, baseline), method=GREEDY_METHOD)

    elapsed = time.perf_counter() - started
    budget = Budget(
        seconds=time_limit_seconds - elapsed - RESULT_MARGIN_SECONDS,
        max_steps=max_search_steps,
        progress=progress,
    )
    rng = random.Random(seed)  # noqa: S311 - search randomness, seeded for repeatability
    booleans = boolean_count(instance)
    # Both CP-SAT phases must have time to at least build their models.
    exact_fits = 0 < booleans <= exact_model_max_booleans and (
        budget.counted or 4 * BUILD_SECONDS_PER_BOOLEAN * booleans < budget.seconds_left()
    )

    state = constructive_slots(instance, rng=rng)
    phase = budget.phase(
        name="placing left-out meetings",
        share=0.1,
        natural_steps=20 * instance.meeting_count + 100,
    )
    repair_left_out(state, rng=rng, phase=phase)
    budget.finish(phase)
    phase = budget.phase(
        name="swapping meetings in",
        share=0.2 if exact_fits else 0.35,
        natural_steps=20 * instance.meeting_count + 200,
    )
    plateau_walk(state, rng=rng, phase=phase, count_bound=bound)
    budget.finish(phase)
    best.offer(state.slot_of, score_of(instance, state.slot_of), LOCAL_SEARCH_METHOD)

    if booleans == 0:
        # No meeting left to place can go anywhere: the fixed ones are the schedule.
        best.proven_optimal = True
    elif not exact_fits:
        _close_gaps(instance, budget=budget, best=best, rng=rng, share=1.0)
    else:
        # Count first (the annealing must not spend effort on a count about to change).
        count_proven = _maximise_count_exactly(
            instance, budget=budget, best=best, num_workers=num_workers, seed=seed
        )
        _close_gaps(instance, budget=budget, best=best, rng=rng, share=0.6)
        gaps_proven = _minimise_gaps_exactly(
            instance, budget=budget, best=best, num_workers=num_workers, seed=seed
        )
        best.proven_optimal = count_proven and gaps_proven

    result = build_result(
        instance=instance,
        slot_of=best.slot_of,
        method=best.method,
        upper_bound=bound,
        solve_seconds=time.perf_counter() - started,
        proven_optimal=best.proven_optimal,
    )
    progress.report(1.0, "done")
    return result
