"""Meeting scheduler on synthetic B2B matchmaking days: optimiser against the greedy baseline.

    .venv/bin/python bench/bench_scheduler.py [--time-limit 8] [--seed 7]
        [--only tiny|small|large] [--cp-sat-alone] [--exact-up-to BOOLEANS]

Instances are generated from the seed in plain Python: a fifth of all (person, slot) pairs
unavailable at random, about a third of the requests mutual, partners drawn with a heavy
tail (a few popular people receive many requests) but nobody accepts more meetings than
about three quarters of the slots, as organisers cap it in practice. Pure Python, no database.
--cp-sat-alone also hands each whole model to CP-SAT, for comparison.
"""

import argparse
import os
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from techbridge.events.scheduling import (  # noqa: E402
    Meeting,
    ScheduleReport,
    SchedulingProblem,
    schedule_greedily,
    schedule_meetings,
)
from techbridge.events.scheduling.cpsat import (  # noqa: E402
    SolverSettings,
    boolean_count,
    count_weight,
    maximise_count,
)
from techbridge.events.scheduling.greedy import greedy_slots  # noqa: E402
from techbridge.events.scheduling.instance import UNPLACED, build_instance  # noqa: E402

UNAVAILABLE_SHARE = 0.2
MUTUAL_SHARE = 1 / 3


@dataclass(frozen=True)
class InstanceSpec:
    name: str
    people: int
    requests: int
    slots: int
    tables: int
    # Organisers cap accepted meetings per person at about three quarters of the day.
    max_meetings_per_person: int


SPECS = {
    # Small enough for the exact CP-SAT model (about 600 booleans): shows that path.
    "tiny": InstanceSpec(
        "tiny", people=50, requests=120, slots=8, tables=15, max_meetings_per_person=6
    ),
    "small": InstanceSpec(
        "small", people=300, requests=1_300, slots=16, tables=150, max_meetings_per_person=12
    ),
    "large": InstanceSpec(
        "large", people=1_200, requests=8_000, slots=24, tables=400, max_meetings_per_person=18
    ),
}


def generate_problem(spec: InstanceSpec, *, seed: int) -> SchedulingProblem:
    rng = random.Random(seed)
    people = tuple(range(spec.people))
    # Heavy tail: weight 1/(rank+5), so the top few people attract several times the median.
    popularity = [1 / (rank + 5) for rank in range(spec.people)]
    rng.shuffle(popularity)
    pairs = [(person, slot) for person in people for slot in range(spec.slots)]
    unavailable = frozenset(rng.sample(pairs, round(UNAVAILABLE_SHARE * len(pairs))))
    degree = [0] * spec.people
    seen: set[tuple[int, int]] = set()
    meetings = []
    attempts = 0
    while len(meetings) < spec.requests:
        attempts += 1
        if attempts > 1_000 * spec.requests:
            raise ValueError(f"{spec.name}: the per-person cap leaves no room for the requests")
        requester = rng.randrange(spec.people)
        partner = rng.choices(people, weights=popularity)[0]
        pair = (min(requester, partner), max(requester, partner))
        if requester == partner or pair in seen:
            continue
        if max(degree[requester], degree[partner]) >= spec.max_meetings_per_person:
            continue
        seen.add(pair)
        degree[requester] += 1
        degree[partner] += 1
        meetings.append(
            Meeting(
                id=len(meetings),
                person_a=requester,
                person_b=partner,
                mutual=rng.random() < MUTUAL_SHARE,
            )
        )
    return SchedulingProblem(
        people=people,
        tables_per_slot=(spec.tables,) * spec.slots,
        meetings=tuple(meetings),
        unavailable=unavailable,
    )


def report_line(label: str, report: ScheduleReport) -> str:
    mutual_share = (
        report.mutual_scheduled_count / report.mutual_count if report.mutual_count else 1.0
    )
    return (
        f"  {label:<10} scheduled {report.scheduled_count:>5}/{report.meeting_count}"
        f" = {report.scheduled_share:7.2%}  mutual {mutual_share:7.2%}"
        f"  bound {report.upper_bound:>5} ({report.scheduled_count / report.upper_bound:7.2%})"
        f"  gaps {report.idle_gaps:>5} ({report.idle_gaps_per_person:.2f}/person)"
        f"  {report.solve_seconds:6.2f} s  [{report.method}"
        f"{', proven optimal' if report.proven_optimal else ''}]"
    )


def cp_sat_alone_line(problem: SchedulingProblem, *, seconds: float, seed: int) -> str:
    """The whole model in CP-SAT, count objective only, hinted with the greedy schedule:
    the "just hand it to the solver" alternative the heuristics are measured against."""
    instance = build_instance(problem)
    start = greedy_slots(instance)
    started = time.perf_counter()
    outcome = maximise_count(
        instance,
        start=start,
        settings=SolverSettings(deadline=started + seconds, num_workers=2, seed=seed),
    )
    elapsed = time.perf_counter() - started
    if outcome is None:
        return f"  {'cp-sat':<10} no solution in {elapsed:.2f} s"
    scheduled = sum(1 for slot in outcome.slot_of if slot != UNPLACED)
    own_bound = int(outcome.objective_bound // count_weight(instance))
    return (
        f"  {'cp-sat':<10} scheduled {scheduled:>5}/{instance.meeting_count}"
        f" = {scheduled / instance.meeting_count:7.2%}  its bound {own_bound:>5}"
        f"  ({boolean_count(instance)} booleans, count only, greedy hint, 2 workers)"
        f"  {elapsed:6.2f} s{'  proven optimal' if outcome.proven_optimal else ''}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--time-limit", type=float, default=8.0)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--only", choices=sorted(SPECS))
    parser.add_argument(
        "--cp-sat-alone",
        action="store_true",
        help="also hand the whole model to CP-SAT (count only, greedy hint) for comparison",
    )
    parser.add_argument(
        "--exact-up-to",
        type=int,
        default=None,
        help="run CP-SAT on models up to this many booleans (default: the solver's limit)",
    )
    args = parser.parse_args()

    print(f"cores: {os.cpu_count()}, time limit {args.time_limit} s, seed {args.seed}")
    for name, spec in SPECS.items():
        if args.only and name != args.only:
            continue
        problem = generate_problem(spec, seed=args.seed)
        print(
            f"{name}: {spec.people} people, {spec.requests} requests, {spec.slots} slots"
            f" x {spec.tables} tables"
        )
        greedy = schedule_greedily(problem=problem)
        print(report_line("greedy", greedy.report))
        started = time.perf_counter()
        options = {} if args.exact_up_to is None else {"exact_model_max_booleans": args.exact_up_to}
        optimised = schedule_meetings(
            problem=problem, time_limit_seconds=args.time_limit, seed=args.seed, **options
        )
        wall = time.perf_counter() - started
        print(report_line("optimiser", optimised.report) + f"  (wall {wall:.2f} s)")
        if args.cp_sat_alone:
            print(cp_sat_alone_line(problem, seconds=args.time_limit, seed=args.seed))


if __name__ == "__main__":
    main()
