"""B2B matchmaking meeting scheduler: plain Python plus OR-Tools, no Django."""

from techbridge.events.scheduling.greedy import schedule_greedily
from techbridge.events.scheduling.model import (
    Meeting,
    MeetingId,
    PersonId,
    Placement,
    ScheduleReport,
    ScheduleResult,
    SchedulingMode,
    SchedulingProblem,
)
from techbridge.events.scheduling.rooms import RoomsResult, schedule_in_rooms
from techbridge.events.scheduling.solver import schedule_meetings, upper_bound

__all__ = [
    "Meeting",
    "MeetingId",
    "PersonId",
    "Placement",
    "RoomsResult",
    "ScheduleReport",
    "ScheduleResult",
    "SchedulingMode",
    "SchedulingProblem",
    "schedule_greedily",
    "schedule_in_rooms",
    "schedule_meetings",
    "upper_bound",
]
