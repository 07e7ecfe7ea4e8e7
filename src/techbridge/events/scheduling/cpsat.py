"""The exact model in CP-SAT, for instances small enough to prove optimality.

Tables are interchangeable, so the model only decides meeting -> slot (one boolean per
meeting and slot its two people share) with a per-slot capacity; table numbers follow.
Two solves, lexicographic: first the most meetings (mutual ones break ties), then, with
that fixed, the fewest idle gaps. Each starts from (is hinted with) the best schedule known
so far, so it can only return something at least as good.

On the benchmarks (1,300 and 8,000 meetings; 13,000 and 120,000 booleans) CP-SAT on 2
workers does not improve on a greedy hint in 8 s, and its bound does not get below the
table capacity, so the solver only calls this below a size limit (see solver.py).
"""

import time
from dataclasses import dataclass

from ortools.sat.python import cp_model

from techbridge.events.scheduling.instance import UNPLACED, Instance


@dataclass(frozen=True, kw_only=True)
class ExactOutcome:
    slot_of: list[int]
    proven_optimal: bool
    deterministic_time: float
    # CP-SAT's bound on its objective (for the count solve: weight * meetings + mutual ones).
    objective_bound: float = 0.0


@dataclass(frozen=True, kw_only=True)
class SolverSettings:
    # perf_counter() time by which the solve must be over (the model build included).
    deadline: float
    num_workers: int
    seed: int
    # When set, stop on CP-SAT's deterministic clock instead (workers interleaved), so the
    # answer is the same on every run; the deadline then only guards against a slow machine.
    deterministic_seconds: float | None = None


class _SlotModel:
    def __init__(self, instance: Instance, hint: list[int]) -> None:
        self.instance = instance
        self.model = cp_model.CpModel()
        self.choice: dict[tuple[int, int], cp_model.IntVar] = {}
        fixed_busy = [0] * instance.person_count
        fixed_load = [0] * instance.slot_count
        for m, slot in enumerate(instance.fixed_slot):
            if slot != UNPLACED:
                fixed_busy[instance.person_a[m]] |= 1 << slot
                fixed_busy[instance.person_b[m]] |= 1 << slot
                fixed_load[slot] += 1
        self.fixed_busy = fixed_busy
        by_person_slot: dict[tuple[int, int], list] = {}
        by_slot: dict[int, list] = {}
        for m in instance.movable:
            a, b = instance.person_a[m], instance.person_b[m]
            options = []
            for slot in instance.candidate_slot_lists[m]:
                if (fixed_busy[a] | fixed_busy[b]) >> slot & 1:
                    continue
                if fixed_load[slot] >= instance.capacity[slot]:
                    continue
                var = self.model.new_bool_var(f"m{m}_s{slot}")
                self.model.add_hint(var, hint[m] == slot)
                self.choice[m, slot] = var
                options.append(var)
                by_person_slot.setdefault((a, slot), []).append(var)
                by_person_slot.setdefault((b, slot), []).append(var)
                by_slot.setdefault(slot, []).append(var)
            if len(options) > 1:
                self.model.add_at_most_one(options)
        for options in by_person_slot.values():
            if len(options) > 1:
                self.model.add_at_most_one(options)
        for slot, options in by_slot.items():
            room = instance.capacity[slot] - fixed_load[slot]
            if len(options) > room:
                self.model.add(sum(options) <= room)
        self.by_person_slot = by_person_slot
        self.day_bounds: dict[int, tuple[list, list]] = {}
        self.scheduled = sum(self.choice.values())
        self.mutual_choices = [var for (m, _), var in self.choice.items() if instance.mutual[m]]
        self.mutual = sum(self.mutual_choices)

    def idle_gaps(self) -> cp_model.LinearExpr:
        """Sum over people of the empty slots inside their day.

        Per person and slot two monotone booleans: `started` (a meeting at or before this
        slot) and `open` (a meeting at or after it). A slot is inside the day when both
        hold, i.e. started + open - 1 = 1; every meeting forces both at its slot. This
        proves optimal gaps far faster than first/last integers with big-M constraints,
        whose LP bound is useless.
        """
        instance, model = self.instance, self.model
        slots = instance.slot_count
        total = []
        for person in range(instance.person_count):
            options = [self.by_person_slot.get((person, slot), []) for slot in range(slots)]
            if not any(options):
                continue  # nothing the solver decides changes this person's gaps
            fixed = self.fixed_busy[person]
            started = [model.new_bool_var(f"started{person}_{s}") for s in range(slots)]
            still_open = [model.new_bool_var(f"open{person}_{s}") for s in range(slots)]
            self.day_bounds[person] = (started, still_open)
            for slot in range(slots):
                model.add_bool_or([started[slot], still_open[slot]])
                if slot:
                    model.add_implication(started[slot - 1], started[slot])
                    model.add_implication(still_open[slot], still_open[slot - 1])
                if fixed >> slot & 1:
                    model.add(started[slot] == 1)
                    model.add(still_open[slot] == 1)
                for var in options[slot]:
                    model.add_implication(var, started[slot])
                    model.add_implication(var, still_open[slot])
            busy = fixed.bit_count() + sum(var for slot_options in options for var in slot_options)
            total.append(sum(started) + sum(still_open) - slots - busy)
        return sum(total)

    def hint(self, slot_of: list[int]) -> None:
        """A complete hint (day bounds included): CP-SAT then starts from it for sure."""
        instance, model = self.instance, self.model
        model.clear_hints()
        for (m, slot), var in self.choice.items():
            model.add_hint(var, slot_of[m] == slot)
        busy = [0] * instance.person_count
        for m, slot in enumerate(slot_of):
            if slot != UNPLACED:
                busy[instance.person_a[m]] |= 1 << slot
                busy[instance.person_b[m]] |= 1 << slot
        for person, (started, still_open) in self.day_bounds.items():
            mask = busy[person]
            if mask:
                first, last = (mask & -mask).bit_length() - 1, mask.bit_length() - 1
            else:  # an empty day: never started, open throughout
                first, last = instance.slot_count, instance.slot_count - 1
            for slot in range(instance.slot_count):
                model.add_hint(started[slot], slot >= first)
                model.add_hint(still_open[slot], slot <= last)

    def read(self, solver: cp_model.CpSolver, base: list[int]) -> list[int]:
        slot_of = list(base)
        for m in self.instance.movable:
            slot_of[m] = UNPLACED
        for (m, slot), var in self.choice.items():
            if solver.boolean_value(var):
                slot_of[m] = slot
        return slot_of


def _solve(model: cp_model.CpModel, settings: SolverSettings) -> tuple[cp_model.CpSolver, int]:
    solver = cp_model.CpSolver()
    parameters = solver.parameters
    parameters.num_workers = settings.num_workers
    parameters.random_seed = settings.seed
    # Presolve may otherwise drop the hinted schedule as "dominated" and start from scratch.
    parameters.keep_all_feasible_solutions_in_presolve = True
    parameters.max_time_in_seconds = max(0.01, settings.deadline - time.perf_counter())
    if settings.deterministic_seconds is not None:
        parameters.interleave_search = True
        parameters.max_deterministic_time = max(0.01, settings.deterministic_seconds)
    return solver, solver.solve(model)


def _counts(instance: Instance, slot_of: list[int]) -> tuple[int, int]:
    placed = [m for m in instance.movable if slot_of[m] != UNPLACED]
    return len(placed), sum(1 for m in placed if instance.mutual[m])


def boolean_count(instance: Instance) -> int:
    return sum(instance.candidate_mask[m].bit_count() for m in instance.movable)


def maximise_count(
    instance: Instance, *, start: list[int], settings: SolverSettings
) -> ExactOutcome | None:
    """Most meetings, then most mutual ones, from `start`; None if CP-SAT found nothing."""
    slot_model = _SlotModel(instance, start)
    if not slot_model.choice:
        return ExactOutcome(slot_of=list(start), proven_optimal=True, deterministic_time=0.0)
    slot_model.model.maximize(count_weight(instance) * slot_model.scheduled + slot_model.mutual)
    solver, status = _solve(slot_model.model, settings)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return ExactOutcome(
        slot_of=slot_model.read(solver, start),
        proven_optimal=status == cp_model.OPTIMAL,
        deterministic_time=solver.deterministic_time,
        objective_bound=solver.best_objective_bound,
    )


def count_weight(instance: Instance) -> int:
    """One more meeting outweighs all mutual ones together: count first, mutual second."""
    return sum(instance.mutual) + 1


def minimise_gaps(
    instance: Instance, *, start: list[int], settings: SolverSettings
) -> ExactOutcome | None:
    """Fewest idle gaps with as many meetings, and mutual ones, as `start` has."""
    slot_model = _SlotModel(instance, start)
    if not slot_model.choice:
        return ExactOutcome(slot_of=list(start), proven_optimal=True, deterministic_time=0.0)
    scheduled, mutual = _counts(instance, start)
    model = slot_model.model
    model.add(slot_model.scheduled == scheduled)
    if slot_model.mutual_choices:
        model.add(slot_model.mutual == mutual)
    model.minimize(slot_model.idle_gaps())
    slot_model.hint(start)
    solver, status = _solve(model, settings)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return ExactOutcome(
        slot_of=slot_model.read(solver, start),
        proven_optimal=status == cp_model.OPTIMAL,
        deterministic_time=solver.deterministic_time,
    )
