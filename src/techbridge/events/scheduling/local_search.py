"""Idle-gap reduction by simulated annealing over Kempe-chain moves; the set of scheduled
meetings never changes here, so the count reached before is kept.

A Kempe chain for slots s and t starts at one meeting and follows shared people: when a
meeting moves from s to t, whoever of its people already meets someone in t must have that
meeting move to s, and so on. Swapping the whole chain keeps every person at one meeting
per slot, so it reaches rearrangements that single moves cannot.
"""

import math
import random

from techbridge.events.scheduling.budget import Phase
from techbridge.events.scheduling.instance import UNPLACED, SlotState, slots_in

# Longer chains rarely fit everyone's availability and cost time to build.
MAX_CHAIN = 24


class GapSearch:
    def __init__(self, state: SlotState, *, rng: random.Random) -> None:
        self.state = state
        self.instance = state.instance
        self.rng = rng
        self.fixed = [slot != UNPLACED for slot in self.instance.fixed_slot]
        self.targeted_share = 0.5

    def gap_floor(self) -> int:
        """No arrangement of the same meetings has fewer gaps: each person's meetings need
        at least as many slots they can meet in, and the tightest window holding that many
        still contains the slots in between they cannot use."""
        state, instance = self.state, self.instance
        usable = [0] * instance.person_count
        for m, slot in enumerate(state.slot_of):
            if slot == UNPLACED:
                continue
            mask = 1 << slot if self.fixed[m] else instance.candidate_mask[m]
            usable[instance.person_a[m]] |= mask
            usable[instance.person_b[m]] |= mask
        floor = 0
        for person, mask in enumerate(usable):
            count = state.busy_mask[person].bit_count()
            if count < 2:
                continue
            slots = slots_in(mask)
            floor += min(
                slots[i + count - 1] - slots[i] + 1 - count for i in range(len(slots) - count + 1)
            )
        return floor

    def total_gaps(self) -> int:
        return sum(self.state.idle_gaps(p) for p in range(self.instance.person_count))

    def _chain(self, meeting: int, target: int) -> list[int] | None:
        """Meetings of the chain that moves `meeting` to `target`, or None if it cannot.

        The hottest loop of the optimiser, hence the local names."""
        slot_of, busy, fixed = self.state.slot_of, self.state.busy, self.fixed
        candidate_mask = self.instance.candidate_mask
        person_a, person_b = self.instance.person_a, self.instance.person_b
        origin = slot_of[meeting]
        target_bit, origin_bit = 1 << target, 1 << origin
        chain = [meeting]
        leaving = 0
        for current in chain:  # grows while iterating: a breadth-first walk
            if slot_of[current] == origin:
                there, there_bit = target, target_bit
                leaving += 1
            else:
                there, there_bit = origin, origin_bit
            if fixed[current] or not candidate_mask[current] & there_bit:
                return None
            for other in (busy[person_a[current]][there], busy[person_b[current]][there]):
                if other != UNPLACED and other not in chain:
                    if len(chain) >= MAX_CHAIN:
                        return None
                    chain.append(other)
        arriving = len(chain) - leaving
        load, capacity = self.state.load, self.instance.capacity
        if load[target] + leaving - arriving > capacity[target]:
            return None
        if load[origin] + arriving - leaving > capacity[origin]:
            return None
        return chain

    def _random_move(self, meeting: int) -> tuple[int, int] | None:
        origin = self.state.slot_of[meeting]
        target = self.rng.choice(self.instance.candidate_slot_lists[meeting])
        return None if target == origin else (meeting, target)

    def _targeted_move(self, person: int) -> tuple[int, int] | None:
        """The person's first or last meeting, moved into a hole of their day."""
        state = self.state
        mask = state.busy_mask[person]
        if not mask or not state.idle_gaps(person):
            return None
        first, last = (mask & -mask).bit_length() - 1, mask.bit_length() - 1
        holes = ~mask & ((1 << (last + 1)) - (1 << first))
        end = first if self.rng.random() < 0.5 else last
        meeting = state.busy[person][end]
        holes &= self.instance.candidate_mask[meeting]
        if not holes:
            return None
        return meeting, _random_bit(holes, self.rng)

    def _delta(self, chain: list[int], both_slots: int) -> int:
        """Change in idle gaps if the chain swapped, without swapping it: each moved meeting
        flips both slots in its people's busy masks (twice, i.e. not at all, for someone
        with meetings on both sides of the chain)."""
        instance, busy_mask = self.instance, self.state.busy_mask
        flips: dict[int, int] = {}
        for m in chain:
            for person in (instance.person_a[m], instance.person_b[m]):
                flips[person] = flips.get(person, 0) ^ both_slots
        delta = 0
        for person, flip in flips.items():
            if flip:
                before = busy_mask[person]
                delta += _gaps_of_mask(before ^ flip) - _gaps_of_mask(before)
        return delta

    def _swap(self, chain: list[int], origin: int, target: int) -> None:
        state = self.state
        previous = [state.remove(m) for m in chain]
        for m, slot in zip(chain, previous, strict=True):
            state.place(m, target if slot == origin else origin)

    def run(self, *, phase: Phase, start_temperature: float = 0.6) -> None:
        """Anneals from start_temperature towards zero over the phase; keeps the best."""
        state, instance, rng = self.state, self.instance, self.rng
        placed = [m for m in instance.movable if state.slot_of[m] != UNPLACED]
        if not placed:
            return
        current = self.total_gaps()
        best, best_slots = current, list(state.slot_of)
        floor = self.gap_floor()
        temperature = start_temperature
        while current > floor and phase.step():
            if phase.steps % 256 == 0:
                temperature = start_temperature * (1 - phase.used_share())
            if rng.random() < self.targeted_share:
                move = self._targeted_move(rng.randrange(instance.person_count))
            else:
                move = self._random_move(rng.choice(placed))
            if move is None:
                continue
            meeting, target = move
            origin = state.slot_of[meeting]
            chain = self._chain(meeting, target)
            if chain is None:
                continue
            delta = self._delta(chain, (1 << origin) | (1 << target))
            if delta <= 0 or (temperature > 1e-3 and rng.random() < math.exp(-delta / temperature)):
                self._swap(chain, origin, target)
                current += delta
                if current < best:
                    best, best_slots = current, list(state.slot_of)
        if current > best:
            for m in instance.movable:
                if state.slot_of[m] != UNPLACED:
                    state.remove(m)
            for m in instance.movable:
                if best_slots[m] != UNPLACED:
                    state.place(m, best_slots[m])


def _gaps_of_mask(mask: int) -> int:
    if not mask:
        return 0
    return mask.bit_length() - (mask & -mask).bit_length() + 1 - mask.bit_count()


def _random_bit(mask: int, rng: random.Random) -> int:
    bits = [slot for slot in range(mask.bit_length()) if mask >> slot & 1]
    return rng.choice(bits)
