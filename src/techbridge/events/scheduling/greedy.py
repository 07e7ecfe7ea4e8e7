"""The greedy baseline: meetings in priority order, each in its first feasible slot.

It is what an organiser would do by hand, so the optimiser must never do worse; it also
serves as the fallback when the optimiser finds nothing better in time.
"""

import time

from techbridge.events.scheduling.bounds import schedulable_upper_bound
from techbridge.events.scheduling.evaluation import build_result
from techbridge.events.scheduling.instance import Instance, SlotState, build_instance
from techbridge.events.scheduling.model import ScheduleResult, SchedulingProblem

GREEDY_METHOD = "greedy"


def greedy_order(instance: Instance) -> list[int]:
    """Mutual meetings first, then the rest, each group in the order given."""
    return sorted(instance.movable, key=lambda m: (not instance.mutual[m], m))


def greedy_slots(instance: Instance) -> list[int]:
    state = SlotState(instance)
    for meeting in greedy_order(instance):
        for slot in instance.candidate_slots(meeting):
            if state.can_place(meeting, slot):
                state.place(meeting, slot)
                break
    return state.copy_slots()


def schedule_greedily(*, problem: SchedulingProblem) -> ScheduleResult:
    """Places meetings in priority order at the first feasible slot and lowest free table."""
    started = time.perf_counter()
    instance = build_instance(problem)
    slot_of = greedy_slots(instance)
    elapsed = time.perf_counter() - started
    return build_result(
        instance=instance,
        slot_of=slot_of,
        method=GREEDY_METHOD,
        upper_bound=schedulable_upper_bound(instance),
        solve_seconds=elapsed,
    )
