"""Fast heuristics that place as many meetings as possible: a most-constrained-first
construction, then ejection chains that make room for the meetings still left out."""

import heapq
import random
from collections.abc import Callable

from techbridge.events.scheduling.budget import Phase
from techbridge.events.scheduling.instance import UNPLACED, Instance, SlotState, slots_in


def _gap_cost(busy_mask: int, slot: int) -> int:
    """How many idle slots a new meeting at `slot` adds to (or removes from) one person."""
    if not busy_mask:
        return 0
    first, last = (busy_mask & -busy_mask).bit_length() - 1, busy_mask.bit_length() - 1
    if first <= slot <= last:
        return -1
    return (first - slot - 1) if slot < first else (slot - last - 1)


def constructive_slots(instance: Instance, *, rng: random.Random) -> SlotState:
    """Places the meeting with the fewest open slots next (ties: tighter people, mutual), in
    the open slot that adds the fewest idle gaps for its two people.

    Placing the hardest meeting first is what keeps popular people, whose requests
    outnumber their free slots, from being crowded out by easy meetings.
    """
    state = SlotState(instance)
    # How many of their free slots a person's meetings would fill: high means tight.
    tightness = [
        len(meetings) / max(1, instance.available_mask[p].bit_count())
        for p, meetings in enumerate(instance.meetings_of)
    ]
    tie_break = [rng.random() for _ in range(instance.meeting_count)]

    def open_count(meeting: int) -> int:
        return state.open_slots_mask(meeting).bit_count()

    def priority(meeting: int, open_count: int) -> tuple:
        a, b = instance.person_a[meeting], instance.person_b[meeting]
        pressure = max(tightness[a], tightness[b])
        return (open_count, -pressure, not instance.mutual[meeting], tie_break[meeting])

    known_open = {}
    heap = []
    for meeting in instance.movable:
        count = open_count(meeting)
        known_open[meeting] = count
        heap.append((priority(meeting, count), meeting))
    heapq.heapify(heap)

    meetings_by_slot: list[list[int]] = [[] for _ in range(instance.slot_count)]
    for meeting in instance.movable:
        for slot in instance.candidate_slots(meeting):
            meetings_by_slot[slot].append(meeting)

    def refresh(meeting: int) -> None:
        if meeting in known_open:
            count = open_count(meeting)
            if count != known_open[meeting]:
                known_open[meeting] = count
                heapq.heappush(heap, (priority(meeting, count), meeting))

    while heap:
        key, meeting = heapq.heappop(heap)
        if meeting not in known_open or key[0] != known_open[meeting]:
            continue
        del known_open[meeting]
        slots = slots_in(state.open_slots_mask(meeting))
        if not slots:
            continue
        a, b = instance.person_a[meeting], instance.person_b[meeting]
        slot = min(
            slots,
            key=lambda s: (_gap_cost(state.busy_mask[a], s) + _gap_cost(state.busy_mask[b], s), s),
        )
        state.place(meeting, slot)
        touched = set(instance.meetings_of[a]) | set(instance.meetings_of[b])
        if state.load[slot] >= instance.capacity[slot]:
            touched.update(meetings_by_slot[slot])
        for other in touched:
            refresh(other)
    return state


class ChainRepair:
    """Inserts a left-out meeting by moving the meetings in its way along a chain, like an
    augmenting path: the blocker of the chosen slot moves to one of its own slots, whose
    blocker moves on, and so on. Every change is journaled, so a failed chain is undone.
    """

    def __init__(self, state: SlotState, *, rng: random.Random) -> None:
        self.state = state
        self.instance = state.instance
        self.rng = rng
        self.journal: list[tuple[int, int]] = []
        self.members: list[set[int]] = [set() for _ in range(self.instance.slot_count)]
        for meeting, slot in enumerate(state.slot_of):
            if slot != UNPLACED:
                self.members[slot].add(meeting)
        self.fixed = [slot != UNPLACED for slot in self.instance.fixed_slot]
        self._may_drop = lambda meeting: False
        # Only meetings moved out of the way may be left out, never the one being placed.
        self._root_depth = 0
        self.dropped: int | None = None

    def _place(self, meeting: int, slot: int) -> None:
        self.state.place(meeting, slot)
        self.members[slot].add(meeting)
        self.journal.append((meeting, UNPLACED))

    def _remove(self, meeting: int) -> None:
        slot = self.state.remove(meeting)
        self.members[slot].discard(meeting)
        self.journal.append((meeting, slot))

    def _rollback(self, checkpoint: int) -> None:
        while len(self.journal) > checkpoint:
            meeting, previous_slot = self.journal.pop()
            if previous_slot == UNPLACED:
                slot = self.state.remove(meeting)
                self.members[slot].discard(meeting)
            else:
                self.state.place(meeting, previous_slot)
                self.members[previous_slot].add(meeting)

    def _insert(self, meeting: int, depth: int, visited: set[int], drops: list[int]) -> bool:
        state, instance = self.state, self.instance
        open_now = state.open_slots_mask(meeting)
        if open_now:
            a, b = instance.person_a[meeting], instance.person_b[meeting]
            busy_a, busy_b = state.busy_mask[a], state.busy_mask[b]
            # The open slot that fits best into both people's days; the annealing polishes.
            self._place(
                meeting,
                min(
                    slots_in(open_now),
                    key=lambda s: _gap_cost(busy_a, s) + _gap_cost(busy_b, s) + self.rng.random(),
                ),
            )
            return True
        slots = instance.candidate_slots(meeting)
        self.rng.shuffle(slots)
        if drops[0] > 0 and depth < self._root_depth and self._may_drop(meeting):
            drops[0] -= 1
            self.dropped = meeting
            return True
        if depth == 0:
            return False
        a, b = instance.person_a[meeting], instance.person_b[meeting]
        for slot in slots:
            blockers = {state.busy[a][slot], state.busy[b][slot]} - {UNPLACED}
            if not blockers:
                blockers = self._capacity_blocker(slot, visited)
            if not blockers or len(blockers) > depth:
                continue
            if any(self.fixed[x] or x in visited for x in blockers):
                continue
            checkpoint = len(self.journal)
            visited.update(blockers)
            for blocker in blockers:
                self._remove(blocker)
            self._place(meeting, slot)
            if all(self._insert(x, depth - 1, visited, drops) for x in sorted(blockers)):
                return True
            self._rollback(checkpoint)
        return False

    def _capacity_blocker(self, slot: int, visited: set[int]) -> set[int]:
        """A full slot: pick one meeting there that can step straight into another slot."""
        state = self.state
        if state.load[slot] < self.instance.capacity[slot]:
            return set()
        for candidate in self.members[slot]:
            if self.fixed[candidate] or candidate in visited:
                continue
            if state.open_slots_mask(candidate):
                return {candidate}
        return set()

    def insert(self, meeting: int, *, depth: int, allow_drop: bool = False) -> bool:
        """Places the meeting, moving others along a chain; with allow_drop a mutual meeting
        may leave one one-sided meeting out instead (same count, one more mutual)."""
        checkpoint = len(self.journal)
        root_is_mutual = self.instance.mutual[meeting]
        self._may_drop = lambda other: root_is_mutual and not self.instance.mutual[other]
        self._root_depth = depth
        drops = [1 if allow_drop else 0]
        if self._insert(meeting, depth, {meeting}, drops):
            self.journal.clear()
            return True
        self._rollback(checkpoint)
        return False

    def swap_in(
        self, meeting: int, *, depth: int, is_protected: Callable[[int], bool]
    ) -> int | None:
        """Places the meeting by leaving another one out, of no higher priority and not
        protected; returns the one left out. A sideways step that lets the search leave
        a local optimum (count and mutual count stay the same or improve)."""
        checkpoint = len(self.journal)
        root_is_mutual = self.instance.mutual[meeting]
        self._may_drop = lambda other: (
            not is_protected(other) and (root_is_mutual or not self.instance.mutual[other])
        )
        self._root_depth = depth
        self.dropped = None
        if self._insert(meeting, depth, {meeting}, [1]) and self.dropped is not None:
            self.journal.clear()
            return self.dropped
        self._rollback(checkpoint)
        return None


def _left_out(state: SlotState) -> list[int]:
    instance = state.instance
    return [
        m for m in instance.movable if state.slot_of[m] == UNPLACED and instance.candidate_mask[m]
    ]


def repair_left_out(
    state: SlotState, *, rng: random.Random, phase: Phase, max_depth: int = 4
) -> None:
    """Tries every left-out meeting again with deeper and deeper chains until no chain helps
    or the phase ends; mutual meetings go first, and may push out a one-sided meeting."""
    instance = state.instance
    repair = ChainRepair(state, rng=rng)
    for depth in range(1, max_depth + 1):
        improved = True
        while improved:
            improved = False
            left_out = _left_out(state)
            rng.shuffle(left_out)
            left_out.sort(key=lambda m: not instance.mutual[m])
            for meeting in left_out:
                if not phase.step():
                    return
                if state.slot_of[meeting] != UNPLACED:
                    continue
                if repair.insert(meeting, depth=depth) or repair.insert(
                    meeting, depth=depth, allow_drop=True
                ):
                    improved = True


def plateau_walk(
    state: SlotState, *, rng: random.Random, phase: Phase, count_bound: int, tenure: int = 20
) -> None:
    """Random walk over schedules with the same count: a left-out meeting swaps in for
    another, which becomes the next one to place; whenever a chain can place the current
    one without leaving anything out, the count goes up. Recently placed meetings are
    protected for a while so the walk does not simply undo its last steps. Stops early
    once the count reaches the upper bound."""
    repair = ChainRepair(state, rng=rng)
    protected_until: dict[int, int] = {}
    scheduled = sum(1 for slot in state.slot_of if slot != UNPLACED)
    hole: int | None = None
    while scheduled < count_bound and phase.step():
        if hole is None or state.slot_of[hole] != UNPLACED:
            left_out = _left_out(state)
            if not left_out:
                return
            hole = rng.choice(left_out)
        if repair.insert(hole, depth=2):
            scheduled += 1
            hole = None
            continue
        dropped = repair.swap_in(
            hole,
            depth=1,
            is_protected=lambda m: protected_until.get(m, -1) > phase.steps,
        )
        if dropped is None:
            hole = None
            continue
        protected_until[hole] = phase.steps + tenure
        hole = dropped
