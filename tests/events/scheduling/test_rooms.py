"""Tables and online rooms: online meetings only in online rooms, one meeting per person per
slot across both kinds, availability kept, never above the bound."""

from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from techbridge.events.scheduling import (
    Meeting,
    Placement,
    SchedulingProblem,
    schedule_in_rooms,
)

TIME_LIMIT = 1.0


@st.composite
def rooms_problems(draw):
    people = tuple(range(draw(st.integers(2, 7))))
    slots = draw(st.integers(1, 4))
    meetings = {"tables": [], "online": []}
    for index in range(draw(st.integers(1, 14))):
        a, b = draw(st.lists(st.sampled_from(people), min_size=2, max_size=2, unique=True))
        kind = draw(st.sampled_from(["tables", "online"]))
        meetings[kind].append(Meeting(id=index, person_a=a, person_b=b, mutual=draw(st.booleans())))
    unavailable = draw(st.frozensets(st.tuples(st.sampled_from(people), st.integers(0, slots - 1))))
    return tuple(
        SchedulingProblem(
            people=people,
            tables_per_slot=tuple(draw(st.integers(0, 2)) for _ in range(slots)),
            meetings=tuple(meetings[kind]),
            unavailable=unavailable,
        )
        for kind in ("tables", "online")
    )


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rooms_problems())
def test_rooms_never_double_book_across_kinds(problems):
    tables, online = problems
    result = schedule_in_rooms(tables=tables, online=online, time_limit_seconds=TIME_LIMIT)
    assert set(result.tables) == {m.id for m in tables.meetings}
    assert set(result.online) == {m.id for m in online.meetings}
    seats: Counter = Counter()
    for problem, placed, kind in ((tables, result.tables, "t"), (online, result.online, "o")):
        for meeting in problem.meetings:
            placement = placed[meeting.id]
            if placement is None:
                continue
            assert placement.table < problem.tables_per_slot[placement.slot]
            seats[(kind, placement.slot, placement.table)] += 1
            for person in (meeting.person_a, meeting.person_b):
                assert (person, placement.slot) not in tables.unavailable
                seats[("person", person, placement.slot)] += 1
    assert max(seats.values(), default=1) == 1
    report = result.report
    assert report.scheduled_count == sum(
        1 for placed in (result.tables, result.online) for p in placed.values() if p
    )
    assert report.scheduled_count <= report.upper_bound
    assert report.meeting_count == len(tables.meetings) + len(online.meetings)


def test_locked_online_meeting_keeps_its_people_out_of_tables_in_that_slot():
    people = ("ana", "bao", "chen")
    online = SchedulingProblem(
        people=people,
        tables_per_slot=(1, 1),
        meetings=(
            Meeting(id="o", person_a="ana", person_b="bao", locked=Placement(slot=0, table=0)),
        ),
    )
    tables = SchedulingProblem(
        people=people,
        tables_per_slot=(1, 0),  # only slot 0 has a table
        meetings=(Meeting(id="t", person_a="ana", person_b="chen"),),
    )
    progress = []
    result = schedule_in_rooms(
        tables=tables,
        online=online,
        time_limit_seconds=TIME_LIMIT,
        on_progress=lambda fraction, stage: progress.append(fraction),
    )
    assert result.online == {"o": Placement(slot=0, table=0)}
    assert result.tables == {"t": None}  # ana is online in slot 0, the only slot with a table
    assert (result.report.scheduled_count, result.report.meeting_count) == (1, 2)
    assert progress == sorted(progress) and progress[0] >= 0 and progress[-1] <= 1
