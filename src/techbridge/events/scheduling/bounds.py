"""Upper bounds on how many meetings any schedule can hold.

Each bound relaxes the problem differently; the smallest one is reported. They let the
organiser see whether an unscheduled meeting is the solver's fault or the instance's.
"""

from ortools.graph.python import max_flow

from techbridge.events.scheduling.instance import Instance


def feasible_meeting_count(instance: Instance) -> int:
    """Meetings whose two people share at least one slot with tables."""
    return sum(1 for mask in instance.candidate_mask if mask)


def slot_capacity_bound(instance: Instance) -> int:
    """Per slot: no more meetings than tables, than pairs of people who could meet there,
    and than meetings that could happen there."""
    total = 0
    for slot in range(instance.slot_count):
        bit = 1 << slot
        meetings_here = 0
        people_here: set[int] = set()
        for m, mask in enumerate(instance.candidate_mask):
            if mask & bit:
                meetings_here += 1
                people_here.add(instance.person_a[m])
                people_here.add(instance.person_b[m])
        total += min(instance.capacity[slot], len(people_here) // 2, meetings_here)
    return total


def _largest_slot_matching(slot_masks: list[int]) -> int:
    """Most meetings of one person that fit in distinct slots: bipartite matching of
    meetings to the slots each could use (augmenting paths; a person has few meetings)."""
    meeting_in_slot: dict[int, int] = {}

    def augment(meeting: int, tried: set[int]) -> bool:
        mask = slot_masks[meeting]
        while mask:
            low = mask & -mask
            mask ^= low
            slot = low.bit_length() - 1
            if slot in tried:
                continue
            tried.add(slot)
            holder = meeting_in_slot.get(slot)
            if holder is None or augment(holder, tried):
                meeting_in_slot[slot] = meeting
                return True
        return False

    return sum(1 for meeting in range(len(slot_masks)) if augment(meeting, set()))


def person_limit(instance: Instance) -> list[int]:
    """Per person: how many of their meetings fit in distinct slots at all, e.g. three
    partners who can all only come in the same two slots give two, not three."""
    return [
        _largest_slot_matching([instance.candidate_mask[m] for m in meetings])
        for meetings in instance.meetings_of
    ]


def person_degree_bound(instance: Instance) -> int:
    """Each meeting uses two people's limits: half the sum of the limits."""
    return sum(person_limit(instance)) // 2


def fractional_b_matching_bound(instance: Instance) -> int:
    """The largest set of meetings in which every person stays within their limit, relaxed to
    fractions: a max flow on the bipartite double cover (each person once as a source side,
    once as a sink side; each meeting as an arc both ways) carries exactly twice that value.

    Tighter than half the sum of limits when popular people cap their many partners, e.g.
    a person with 10 free slots asked by 20 people who each have one request: 10, not 15.
    """
    limits = person_limit(instance)
    people = instance.person_count
    source, sink = 2 * people, 2 * people + 1
    flow = max_flow.SimpleMaxFlow()
    for person, limit in enumerate(limits):
        if limit:
            flow.add_arc_with_capacity(source, person, limit)
            flow.add_arc_with_capacity(people + person, sink, limit)
    for m, mask in enumerate(instance.candidate_mask):
        if mask:
            a, b = instance.person_a[m], instance.person_b[m]
            flow.add_arc_with_capacity(a, people + b, 1)
            flow.add_arc_with_capacity(b, people + a, 1)
    if flow.num_arcs() == 0:
        return 0
    if flow.solve(source, sink) != flow.OPTIMAL:
        return person_degree_bound(instance)
    return flow.optimal_flow() // 2


def schedulable_upper_bound(instance: Instance) -> int:
    return min(
        feasible_meeting_count(instance),
        slot_capacity_bound(instance),
        person_degree_bound(instance),
        fractional_b_matching_bound(instance),
    )
