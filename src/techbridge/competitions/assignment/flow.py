"""Optimal judge assignment as a min-cost flow (OR-Tools SimpleMinCostFlow).

Network: source → entry (capacity: judges still needed after locks) → judge (capacity 1, cost
−affinity × AFFINITY_SCALE; conflicted, excluded and locked pairs have no arc) → sink. Each
judge has two arcs to the sink:

* a "minimum" arc with capacity min_load − locked load and cost −BIG, and
* a "rest" arc with the remaining capacity up to max_load and cost 0.

Minimum loads, why this is exact: BIG exceeds the largest possible difference in affinity cost
between two flows (required reviews × AFFINITY_SCALE), so one more unit through the minimum
arcs is worth more than any affinity. The optimal flow therefore first maximises the number of
reviews counted toward minimums and only then affinity. If any assignment meets all minimums,
the optimum does, and among those it has the highest affinity; if the optimum leaves a minimum
unmet, no assignment meets it, and AssignmentInfeasible names the judges concerned.

Affinities are rounded to multiples of 1 / AFFINITY_SCALE for the solver (integer costs);
the result is optimal for the rounded values, so within required reviews × 0.5e-6 of the true
optimum. `total_affinity` is reported from the unrounded values.

Large problems: with `candidates_per_entry=N` only each entry's N best judges and each judge's
N best entries get arcs. The pruned optimum is then checked against the full graph: node
potentials (shortest distances in the residual network, Bellman-Ford) give every pruned-out
pair a reduced cost; if none is negative, the potentials prove there is no improving cycle in
the full graph, so the pruned solution is optimal for it. Negative pairs are added and the flow
solved again (a few rounds at most); if the pruned graph cannot carry all reviews or the rounds
run out, the full graph is solved instead.
"""

from dataclasses import dataclass
from time import perf_counter

import numpy as np
from ortools.graph.python import min_cost_flow

from .model import Assignment, AssignmentInfeasible, AssignmentProblem
from .prepare import PreparedProblem, describe_ids, prepare_problem

AFFINITY_SCALE = 1_000_000
DEFAULT_CANDIDATES_PER_ENTRY = 60
MAX_PRICING_ROUNDS = 5


@dataclass(frozen=True)
class _FlowOutcome:
    feasible: bool
    node_count: int
    tails: np.ndarray
    heads: np.ndarray
    capacities: np.ndarray
    costs: np.ndarray
    flows: np.ndarray
    pair_rows: np.ndarray  # entry index of each entry → judge arc
    pair_columns: np.ndarray
    solve_seconds: float

    @property
    def pair_flows(self) -> np.ndarray:
        # Arc order: source → entry arcs first, then the entry → judge arcs.
        entry_count = int(np.count_nonzero(self.tails == 0))
        return self.flows[entry_count : entry_count + len(self.pair_rows)]


def assign_judges(
    *,
    problem: AssignmentProblem,
    candidates_per_entry: int | None = DEFAULT_CANDIDATES_PER_ENTRY,
) -> Assignment:
    """Assigns `judges_per_entry` judges to every entry maximising total affinity.

    `candidates_per_entry=None` always builds the full bipartite graph; a number prunes the graph
    as described in the module docstring (the result is still optimal). Raises
    AssignmentInfeasible with the offending ids when no assignment satisfies the constraints.
    """
    if candidates_per_entry is not None and candidates_per_entry < 1:
        raise ValueError(f"candidates_per_entry must be at least 1, got {candidates_per_entry}")
    started = perf_counter()
    prepared = prepare_problem(problem)
    costs = -np.rint(prepared.affinity * AFFINITY_SCALE).astype(np.int64)
    # Everything that is not the solver or the optimality check counts as building.
    solve_seconds = 0.0
    judge_count = len(prepared.judge_ids)
    outcome = None
    method = ""
    if candidates_per_entry is not None and candidates_per_entry < judge_count:
        arc_mask = _candidate_mask(prepared, limit=candidates_per_entry)
        for pricing_round in range(1, MAX_PRICING_ROUNDS + 1):
            attempt = _solve_network(prepared, costs=costs, arc_mask=arc_mask)
            solve_seconds += attempt.solve_seconds
            if not attempt.feasible:
                method = (
                    f"min-cost flow, full graph (the top-{candidates_per_entry} candidate "
                    "graph could not carry every review)"
                )
                break
            certify_started = perf_counter()
            improving = _improving_pairs(attempt, prepared=prepared, costs=costs, mask=arc_mask)
            solve_seconds += perf_counter() - certify_started
            if improving is not None and not improving.any():
                outcome = attempt
                method = (
                    f"min-cost flow, top-{candidates_per_entry} candidates per entry and judge, "
                    f"{pricing_round} pricing round(s), certified optimal on the full graph"
                )
                break
            if improving is None:
                method = "min-cost flow, full graph (no optimality certificate for the pruned one)"
                break
            arc_mask = arc_mask | improving
        else:
            method = (
                f"min-cost flow, full graph (pruned graph not certified after "
                f"{MAX_PRICING_ROUNDS} pricing rounds)"
            )
    if outcome is None:
        method = method or "min-cost flow, full graph"
        outcome = _solve_network(prepared, costs=costs, arc_mask=prepared.eligible)
        solve_seconds += outcome.solve_seconds
        if not outcome.feasible:
            _raise_short_entries(prepared)
    return _assignment(
        prepared, outcome=outcome, method=method, started=started, solve_seconds=solve_seconds
    )


def _candidate_mask(prepared: PreparedProblem, *, limit: int) -> np.ndarray:
    entry_count, judge_count = prepared.affinity.shape
    score = np.where(prepared.eligible, prepared.affinity, -np.inf)
    mask = np.zeros_like(prepared.eligible)
    rows = np.arange(entry_count)[:, None]
    mask[rows, np.argpartition(-score, limit - 1, axis=1)[:, :limit]] = True
    # Each judge's best entries too, so judges with minimum loads keep enough arcs.
    if limit < entry_count:
        best_entries = np.argpartition(-score, limit - 1, axis=0)[:limit, :]
        mask[best_entries, np.arange(judge_count)[None, :]] = True
    else:
        mask[:] = True
    return mask & prepared.eligible


def _solve_network(
    prepared: PreparedProblem, *, costs: np.ndarray, arc_mask: np.ndarray
) -> _FlowOutcome:
    entry_count, judge_count = arc_mask.shape
    source, sink = 0, entry_count + judge_count + 1
    entry_nodes = np.arange(1, entry_count + 1, dtype=np.int32)
    judge_nodes = np.arange(entry_count + 1, entry_count + judge_count + 1, dtype=np.int32)
    pair_rows, pair_columns = np.nonzero(arc_mask)
    required = prepared.required_reviews
    has_minimum = prepared.remaining_min > 0
    bonus = required * AFFINITY_SCALE + 1

    tails = np.concatenate(
        [
            np.full(entry_count, source, dtype=np.int32),
            entry_nodes[pair_rows],
            judge_nodes[has_minimum],
            judge_nodes,
        ]
    )
    heads = np.concatenate(
        [
            entry_nodes,
            judge_nodes[pair_columns],
            np.full(int(has_minimum.sum()) + judge_count, sink, dtype=np.int32),
        ]
    )
    capacities = np.concatenate(
        [
            prepared.need,
            np.ones(len(pair_rows), dtype=np.int64),
            prepared.remaining_min[has_minimum],
            prepared.remaining_max - prepared.remaining_min,
        ]
    ).astype(np.int64)
    arc_costs = np.concatenate(
        [
            np.zeros(entry_count, dtype=np.int64),
            costs[pair_rows, pair_columns],
            np.full(int(has_minimum.sum()), -bonus, dtype=np.int64),
            np.zeros(judge_count, dtype=np.int64),
        ]
    )
    solver = min_cost_flow.SimpleMinCostFlow()
    arcs = solver.add_arcs_with_capacity_and_unit_cost(tails, heads, capacities, arc_costs)
    solver.set_nodes_supplies(
        np.array([source, sink], dtype=np.int32), np.array([required, -required], dtype=np.int64)
    )
    built = perf_counter()
    status = solver.solve()
    feasible = status == min_cost_flow.SimpleMinCostFlow.OPTIMAL
    if not feasible and status != min_cost_flow.SimpleMinCostFlow.INFEASIBLE:
        raise RuntimeError(f"min-cost flow solver failed with status {status}")
    flows = solver.flows(arcs) if feasible else np.zeros(len(tails), dtype=np.int64)
    return _FlowOutcome(
        feasible=feasible,
        node_count=sink + 1,
        tails=tails,
        heads=heads,
        capacities=capacities,
        costs=arc_costs,
        flows=np.asarray(flows, dtype=np.int64),
        pair_rows=pair_rows,
        pair_columns=pair_columns,
        solve_seconds=perf_counter() - built,
    )


def _improving_pairs(
    outcome: _FlowOutcome, *, prepared: PreparedProblem, costs: np.ndarray, mask: np.ndarray
) -> np.ndarray | None:
    """Pairs outside `mask` with negative reduced cost, or None without valid potentials."""
    potentials = _residual_potentials(outcome)
    if potentials is None:
        return None
    entry_count, judge_count = mask.shape
    entry_potential = potentials[1 : entry_count + 1]
    judge_potential = potentials[entry_count + 1 : entry_count + judge_count + 1]
    reduced = costs + entry_potential[:, None] - judge_potential[None, :]
    return prepared.eligible & ~mask & (reduced < 0)


def _residual_potentials(outcome: _FlowOutcome) -> np.ndarray | None:
    # Distances from a virtual root joined to every node at cost 0: d(head) <= d(tail) + cost
    # on every residual arc, which makes every residual reduced cost non-negative.
    forward = outcome.flows < outcome.capacities
    backward = outcome.flows > 0
    tails = np.concatenate([outcome.tails[forward], outcome.heads[backward]])
    heads = np.concatenate([outcome.heads[forward], outcome.tails[backward]])
    costs = np.concatenate([outcome.costs[forward], -outcome.costs[backward]])
    order = np.argsort(heads, kind="stable")
    tails, heads, costs = tails[order], heads[order], costs[order]
    distance = np.zeros(outcome.node_count, dtype=np.int64)
    if len(heads) == 0:
        return distance
    head_nodes, starts = np.unique(heads, return_index=True)
    for _ in range(outcome.node_count + 1):
        relaxed = np.minimum.reduceat(distance[tails] + costs, starts)
        improved = relaxed < distance[head_nodes]
        if not improved.any():
            return distance
        distance[head_nodes[improved]] = relaxed[improved]
    return None  # a negative cycle: the flow was not optimal, so no certificate


def _raise_short_entries(prepared: PreparedProblem) -> None:
    # solve() only says "infeasible"; a maximum flow shows which entries stay short.
    entry_count, judge_count = prepared.eligible.shape
    solver = min_cost_flow.SimpleMinCostFlow()
    pair_rows, pair_columns = np.nonzero(prepared.eligible)
    sink = entry_count + judge_count + 1
    tails = np.concatenate(
        [np.zeros(entry_count), pair_rows + 1, np.arange(judge_count) + entry_count + 1]
    ).astype(np.int32)
    heads = np.concatenate(
        [np.arange(1, entry_count + 1), pair_columns + entry_count + 1, np.full(judge_count, sink)]
    ).astype(np.int32)
    capacities = np.concatenate(
        [prepared.need, np.ones(len(pair_rows), dtype=np.int64), prepared.remaining_max]
    ).astype(np.int64)
    arc_costs = np.zeros(len(tails), dtype=np.int64)
    arcs = solver.add_arcs_with_capacity_and_unit_cost(tails, heads, capacities, arc_costs)
    required = prepared.required_reviews
    solver.set_nodes_supplies(
        np.array([0, sink], dtype=np.int32), np.array([required, -required], dtype=np.int64)
    )
    solver.solve_max_flow_with_min_cost()
    placed = np.asarray(solver.flows(arcs[:entry_count]), dtype=np.int64)
    short = [prepared.entry_ids[row] for row in np.flatnonzero(placed < prepared.need)]
    raise AssignmentInfeasible(
        f"only {int(placed.sum())} of {required} reviews can be placed: entries "
        f"{describe_ids(short)} compete for too few eligible judges with free capacity "
        "(conflicts and maximum loads leave them short)"
    )


def _assignment(
    prepared: PreparedProblem,
    *,
    outcome: _FlowOutcome,
    method: str,
    started: float,
    solve_seconds: float,
) -> Assignment:
    used = outcome.pair_flows > 0
    assigned = prepared.locked.copy()
    assigned[outcome.pair_rows[used], outcome.pair_columns[used]] = True
    loads = assigned.sum(axis=0)
    judge_count = len(prepared.judge_ids)
    # The solver maximised minimum coverage first; any shortfall left is unavoidable.
    min_load = prepared.locked_load + prepared.remaining_min
    under = np.flatnonzero(loads < min_load)
    if len(under):
        detail = ", ".join(
            f"{prepared.judge_ids[column]!r} ({loads[column]} of {min_load[column]})"
            for column in under[:5]
        )
        raise AssignmentInfeasible(
            f"minimum loads cannot all be met; best possible leaves judges under their minimum: "
            f"{detail}{' and more' if len(under) > 5 else ''}"
        )
    judges_by_entry = {}
    for row, entry_id in enumerate(prepared.entry_ids):
        columns = np.flatnonzero(assigned[row])
        ranked = sorted(columns, key=lambda column: (-prepared.affinity[row, column], column))
        judges_by_entry[entry_id] = tuple(prepared.judge_ids[column] for column in ranked)
    return Assignment(
        judges_by_entry=judges_by_entry,
        load_by_judge={prepared.judge_ids[c]: int(loads[c]) for c in range(judge_count)},
        total_affinity=float(prepared.affinity[assigned].sum()),
        build_seconds=perf_counter() - started - solve_seconds,
        solve_seconds=solve_seconds,
        method=method,
        arc_count=len(outcome.tails),
    )
