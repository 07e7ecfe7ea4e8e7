"""The problem checked and turned into integer indexes, and the slot-level working state.

Everything downstream (greedy, local search, CP-SAT, bounds) works on `Instance`: people,
meetings and slots are plain ints, availability is a bit mask per person, so the hot loops
stay cheap in pure Python.
"""

from dataclasses import dataclass

from techbridge.events.scheduling.model import (
    Meeting,
    Placement,
    SchedulingMode,
    SchedulingProblem,
)

UNPLACED = -1


@dataclass(frozen=True, kw_only=True)
class Instance:
    problem: SchedulingProblem
    person_count: int
    slot_count: int
    capacity: tuple[int, ...]
    person_a: tuple[int, ...]
    person_b: tuple[int, ...]
    mutual: tuple[bool, ...]
    # Bit s is set when the person can attend slot s.
    available_mask: tuple[int, ...]
    # Slots where both people can attend and the slot has tables at all.
    candidate_mask: tuple[int, ...]
    candidate_slot_lists: tuple[tuple[int, ...], ...]
    # Slot and table of meetings that must not move; UNPLACED for the others.
    fixed_slot: tuple[int, ...]
    fixed_table: tuple[int, ...]
    movable: tuple[int, ...]
    meetings_of: tuple[tuple[int, ...], ...]

    @property
    def meeting_count(self) -> int:
        return len(self.person_a)

    def candidate_slots(self, meeting: int) -> list[int]:
        return list(self.candidate_slot_lists[meeting])


def slots_in(mask: int) -> list[int]:
    slots = []
    while mask:
        low = mask & -mask
        slots.append(low.bit_length() - 1)
        mask ^= low
    return slots


def _fixed_placement(meeting: Meeting, mode: SchedulingMode) -> Placement | None:
    if (
        mode is SchedulingMode.ONLY_UNSCHEDULED
        and meeting.locked is not None
        and meeting.current is not None
        and meeting.locked != meeting.current
    ):
        raise ValueError(
            f"Meeting {meeting.id!r} is locked at {meeting.locked} but currently placed "
            f"at {meeting.current}; move it to its lock or unlock it first."
        )
    if meeting.locked is not None:
        return meeting.locked
    if mode is SchedulingMode.ONLY_UNSCHEDULED:
        return meeting.current
    return None


def build_instance(problem: SchedulingProblem) -> Instance:
    """Checks the problem and indexes it; raises ValueError naming what is wrong."""
    mode = SchedulingMode(problem.mode)
    person_index = {person: index for index, person in enumerate(problem.people)}
    if len(person_index) != len(problem.people):
        raise ValueError("The list of people contains duplicates.")
    slot_count = problem.slot_count
    if any(tables < 0 for tables in problem.tables_per_slot):
        raise ValueError("A slot cannot have a negative number of tables.")
    full_mask = (1 << slot_count) - 1
    available = [full_mask] * len(problem.people)
    for person, slot in problem.unavailable:
        if person not in person_index:
            raise ValueError(f"Unavailability names unknown person {person!r}.")
        if not 0 <= slot < slot_count:
            raise ValueError(f"Unavailability of {person!r} names slot {slot}, outside the day.")
        available[person_index[person]] &= ~(1 << slot)
    slots_with_tables = sum(
        1 << slot for slot, tables in enumerate(problem.tables_per_slot) if tables > 0
    )

    seen_ids: set = set()
    person_a, person_b, mutual, candidate = [], [], [], []
    fixed_slot, fixed_table = [], []
    meetings_of: list[list[int]] = [[] for _ in problem.people]
    for index, meeting in enumerate(problem.meetings):
        if meeting.id in seen_ids:
            raise ValueError(f"Meeting id {meeting.id!r} appears twice.")
        seen_ids.add(meeting.id)
        for person in (meeting.person_a, meeting.person_b):
            if person not in person_index:
                raise ValueError(f"Meeting {meeting.id!r} names unknown person {person!r}.")
        a, b = person_index[meeting.person_a], person_index[meeting.person_b]
        if a == b:
            raise ValueError(f"Meeting {meeting.id!r} pairs {meeting.person_a!r} with itself.")
        person_a.append(a)
        person_b.append(b)
        mutual.append(meeting.mutual)
        candidate.append(available[a] & available[b] & slots_with_tables)
        meetings_of[a].append(index)
        meetings_of[b].append(index)
        placement = _fixed_placement(meeting, mode)
        fixed_slot.append(UNPLACED if placement is None else placement.slot)
        fixed_table.append(UNPLACED if placement is None else placement.table)

    _check_fixed_placements(problem, person_a, person_b, available, fixed_slot, fixed_table)
    return Instance(
        problem=problem,
        person_count=len(problem.people),
        slot_count=slot_count,
        capacity=tuple(problem.tables_per_slot),
        person_a=tuple(person_a),
        person_b=tuple(person_b),
        mutual=tuple(mutual),
        available_mask=tuple(available),
        candidate_mask=tuple(candidate),
        candidate_slot_lists=tuple(tuple(slots_in(mask)) for mask in candidate),
        fixed_slot=tuple(fixed_slot),
        fixed_table=tuple(fixed_table),
        movable=tuple(m for m, slot in enumerate(fixed_slot) if slot == UNPLACED),
        meetings_of=tuple(tuple(meetings) for meetings in meetings_of),
    )


def _check_fixed_placements(
    problem: SchedulingProblem,
    person_a: list[int],
    person_b: list[int],
    available: list[int],
    fixed_slot: list[int],
    fixed_table: list[int],
) -> None:
    meetings, people = problem.meetings, problem.people
    person_in_slot: dict[tuple[int, int], int] = {}
    table_in_slot: dict[tuple[int, int], int] = {}
    for m, slot in enumerate(fixed_slot):
        if slot == UNPLACED:
            continue
        meeting_id, table = meetings[m].id, fixed_table[m]
        if not 0 <= slot < problem.slot_count:
            raise ValueError(f"Meeting {meeting_id!r} is fixed in slot {slot}, outside the day.")
        if not 0 <= table < problem.tables_per_slot[slot]:
            raise ValueError(
                f"Meeting {meeting_id!r} is fixed at table {table} of slot {slot}, which has "
                f"only {problem.tables_per_slot[slot]} tables."
            )
        for person in (person_a[m], person_b[m]):
            if not available[person] >> slot & 1:
                raise ValueError(
                    f"Meeting {meeting_id!r} is fixed in slot {slot}, where "
                    f"{people[person]!r} is unavailable."
                )
            other = person_in_slot.setdefault((person, slot), m)
            if other != m:
                raise ValueError(
                    f"Meetings {meetings[other].id!r} and {meeting_id!r} are both fixed in "
                    f"slot {slot} and both need {people[person]!r}."
                )
        other = table_in_slot.setdefault((slot, table), m)
        if other != m:
            raise ValueError(
                f"Meetings {meetings[other].id!r} and {meeting_id!r} are both fixed at table "
                f"{table} of slot {slot}."
            )


class SlotState:
    """Which meeting each person attends in each slot, and how full each slot is.

    Fixed meetings are placed on creation and never removed by the callers.
    """

    def __init__(self, instance: Instance) -> None:
        self.instance = instance
        self.slot_of = [UNPLACED] * instance.meeting_count
        self.busy = [[UNPLACED] * instance.slot_count for _ in range(instance.person_count)]
        self.load = [0] * instance.slot_count
        # Bit s set when the person has a meeting in slot s: first, last and count in O(1).
        self.busy_mask = [0] * instance.person_count
        # Bit s set while slot s still has a free table.
        self.open_mask = sum(1 << s for s, tables in enumerate(instance.capacity) if tables > 0)
        for m, slot in enumerate(instance.fixed_slot):
            if slot != UNPLACED:
                self.place(m, slot)

    @classmethod
    def from_slots(cls, instance: Instance, slot_of: list[int]) -> "SlotState":
        state = cls(instance)
        for m in instance.movable:
            if slot_of[m] != UNPLACED:
                state.place(m, slot_of[m])
        return state

    def copy_slots(self) -> list[int]:
        return list(self.slot_of)

    def open_slots_mask(self, meeting: int) -> int:
        """Slots where the meeting could go right now, without moving anything."""
        instance = self.instance
        return (
            instance.candidate_mask[meeting]
            & self.open_mask
            & ~self.busy_mask[instance.person_a[meeting]]
            & ~self.busy_mask[instance.person_b[meeting]]
        )

    def can_place(self, meeting: int, slot: int) -> bool:
        return self.open_slots_mask(meeting) >> slot & 1 == 1

    def place(self, meeting: int, slot: int) -> None:
        a, b = self.instance.person_a[meeting], self.instance.person_b[meeting]
        self.slot_of[meeting] = slot
        self.busy[a][slot] = meeting
        self.busy[b][slot] = meeting
        self.busy_mask[a] |= 1 << slot
        self.busy_mask[b] |= 1 << slot
        self.load[slot] += 1
        if self.load[slot] >= self.instance.capacity[slot]:
            self.open_mask &= ~(1 << slot)

    def remove(self, meeting: int) -> int:
        a, b = self.instance.person_a[meeting], self.instance.person_b[meeting]
        slot = self.slot_of[meeting]
        self.slot_of[meeting] = UNPLACED
        self.busy[a][slot] = UNPLACED
        self.busy[b][slot] = UNPLACED
        self.busy_mask[a] &= ~(1 << slot)
        self.busy_mask[b] &= ~(1 << slot)
        self.load[slot] -= 1
        self.open_mask |= 1 << slot
        return slot

    def idle_gaps(self, person: int) -> int:
        mask = self.busy_mask[person]
        if not mask:
            return 0
        first = (mask & -mask).bit_length() - 1
        return mask.bit_length() - first - mask.bit_count()
