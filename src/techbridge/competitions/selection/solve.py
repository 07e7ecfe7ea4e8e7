"""Exact selection of applicants under per-country (and per-track) quotas with CP-SAT.

Model: one boolean per applicant; at most `capacity` chosen; each country with a quota between
its minimum and maximum; each limited track at most its limit. Countries without a quota and
tracks without a limit are unconstrained.

Scores are floats, CP-SAT needs integers: each score is multiplied by 10**score_decimals and
rounded to the nearest integer (Python's round, halves to even). The selection is exactly
optimal for the rounded scores; two selections whose true totals differ by less than
n × 0.5 × 10**-score_decimals may be ranked either way. `total_score` is the sum of the
unrounded scores.

Ties are broken by id in a second solve: with the best rounded total fixed, it maximises the
sum of (n − position) over chosen applicants, position being the rank of the id in ascending
order. Between two equal-scoring applicants the lower id therefore always wins, and an
applicant adding zero score is still chosen when there is room. Both solves use one worker and
a fixed seed, so any tie left after that rule is resolved identically on every run.
"""

import math
from collections import Counter
from collections.abc import Hashable, Mapping, Sequence
from time import perf_counter

from ortools.sat.python import cp_model

from .model import Applicant, CountryQuota, Selection, SelectionInfeasible

# Keeps every objective coefficient × applicant count well inside CP-SAT's int64 range.
_MAX_SCALED_TOTAL = 2**53


def select_applicants(
    *,
    applicants: Sequence[Applicant],
    capacity: int,
    country_quotas: Mapping[str, CountryQuota] | None = None,
    track_limits: Mapping[Hashable, int] | None = None,
    score_decimals: int = 6,
    time_limit_seconds: float = 60.0,
) -> Selection:
    """Chooses at most `capacity` applicants with the highest total score within the quotas.

    Raises SelectionInfeasible naming the countries whose minimums cannot be met.
    """
    started = perf_counter()
    quotas = dict(country_quotas or {})
    limits = dict(track_limits or {})
    _check_inputs(applicants=applicants, capacity=capacity, quotas=quotas, limits=limits)
    scaled = [_scaled(applicant, score_decimals) for applicant in applicants]
    if sum(abs(value) for value in scaled) >= _MAX_SCALED_TOTAL:
        raise ValueError(f"scores too large for {score_decimals} decimals; pass fewer decimals")

    model, chosen, _shortfalls = _model(
        applicants=applicants, capacity=capacity, quotas=quotas, limits=limits
    )
    score_total = cp_model.LinearExpr.weighted_sum(chosen, scaled)
    model.maximize(score_total)
    status, solver = _solve(model, time_limit_seconds=time_limit_seconds)
    if status == cp_model.INFEASIBLE:
        _raise_quota_shortfall(
            applicants=applicants, capacity=capacity, quotas=quotas, limits=limits
        )
    if status != cp_model.OPTIMAL:
        raise RuntimeError(
            f"CP-SAT stopped without an optimal selection ({solver.status_name(status)})"
        )

    best = round(solver.objective_value)
    model.add(score_total == best)
    for variable in chosen:
        model.add_hint(variable, solver.boolean_value(variable))
    positions = {applicant.id: position for position, applicant in enumerate(_by_id(applicants))}
    model.maximize(
        cp_model.LinearExpr.weighted_sum(
            chosen, [len(applicants) - positions[applicant.id] for applicant in applicants]
        )
    )
    status, solver = _solve(model, time_limit_seconds=time_limit_seconds)
    if status != cp_model.OPTIMAL:
        raise RuntimeError(f"CP-SAT tie-break solve ended with {solver.status_name(status)}")

    picked = [
        applicant
        for applicant, variable in zip(applicants, chosen, strict=True)
        if solver.boolean_value(variable)
    ]
    picked.sort(key=lambda applicant: (-applicant.score, applicant.id))
    return Selection(
        selected=tuple(applicant.id for applicant in picked),
        total_score=math.fsum(applicant.score for applicant in picked),
        count_by_country=dict(Counter(applicant.country for applicant in picked)),
        solve_seconds=perf_counter() - started,
        method=f"CP-SAT, scores rounded to {score_decimals} decimals, ties to the lower id",
    )


def _check_inputs(
    *,
    applicants: Sequence[Applicant],
    capacity: int,
    quotas: Mapping[str, CountryQuota],
    limits: Mapping[Hashable, int],
) -> None:
    if capacity < 0:
        raise ValueError(f"capacity must not be negative, got {capacity}")
    ids = [applicant.id for applicant in applicants]
    duplicates = sorted({item for item, count in Counter(ids).items() if count > 1})
    if duplicates:
        raise ValueError(f"applicant ids appear more than once: {duplicates}")
    for applicant in applicants:
        if not math.isfinite(applicant.score):
            raise ValueError(f"score of applicant {applicant.id!r} is not finite")
    for track, limit in limits.items():
        if limit < 0:
            raise ValueError(f"limit of track {track!r} must not be negative, got {limit}")

    available = Counter(applicant.country for applicant in applicants)
    for country, quota in quotas.items():
        if quota.minimum > available[country]:
            raise SelectionInfeasible(
                f"country {country!r} needs at least {quota.minimum} selected but has only "
                f"{available[country]} applicant(s)"
            )
    minimums = {country: quota.minimum for country, quota in quotas.items() if quota.minimum}
    if sum(minimums.values()) > capacity:
        listed = ", ".join(f"{country!r} ({minimum})" for country, minimum in minimums.items())
        raise SelectionInfeasible(
            f"country minimums add up to {sum(minimums.values())}, above the capacity of "
            f"{capacity}: {listed}"
        )


def _model(
    *,
    applicants: Sequence[Applicant],
    capacity: int,
    quotas: Mapping[str, CountryQuota],
    limits: Mapping[Hashable, int],
    shortfall_allowed: bool = False,
) -> tuple[cp_model.CpModel, list[cp_model.IntVar], list[tuple[str, cp_model.IntVar]]]:
    model = cp_model.CpModel()
    chosen = [model.new_bool_var(f"chosen_{index}") for index in range(len(applicants))]
    model.add(cp_model.LinearExpr.sum(chosen) <= capacity)
    shortfalls = []
    for country, quota in quotas.items():
        members = [
            variable
            for applicant, variable in zip(applicants, chosen, strict=True)
            if applicant.country == country
        ]
        count = cp_model.LinearExpr.sum(members)
        if quota.maximum is not None:
            model.add(count <= quota.maximum)
        if quota.minimum and shortfall_allowed:
            shortfall = model.new_int_var(0, quota.minimum, f"shortfall_{country}")
            model.add(count + shortfall >= quota.minimum)
            shortfalls.append((country, shortfall))
        elif quota.minimum:
            model.add(count >= quota.minimum)
    for track, limit in limits.items():
        members = [
            variable
            for applicant, variable in zip(applicants, chosen, strict=True)
            if applicant.track == track
        ]
        model.add(cp_model.LinearExpr.sum(members) <= limit)
    if shortfall_allowed:
        model.minimize(cp_model.LinearExpr.sum([shortfall for _country, shortfall in shortfalls]))
    return model, chosen, shortfalls


def _raise_quota_shortfall(
    *,
    applicants: Sequence[Applicant],
    capacity: int,
    quotas: Mapping[str, CountryQuota],
    limits: Mapping[Hashable, int],
) -> None:
    # The simple counts passed, so the minimums clash with track limits or the capacity left
    # by other constraints; a model that may fall short shows which countries lose out.
    model, _chosen, shortfalls = _model(
        applicants=applicants,
        capacity=capacity,
        quotas=quotas,
        limits=limits,
        shortfall_allowed=True,
    )
    _status, solver = _solve(model, time_limit_seconds=30.0)
    short = [
        f"{country!r} (at most {quotas[country].minimum - solver.value(shortfall)} of "
        f"{quotas[country].minimum})"
        for country, shortfall in shortfalls
        if solver.value(shortfall) > 0
    ]
    raise SelectionInfeasible(
        "country minimums cannot all be met within the track limits and capacity: "
        + ", ".join(short)
    )


def _solve(model: cp_model.CpModel, *, time_limit_seconds: float) -> tuple[int, cp_model.CpSolver]:
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = 0
    solver.parameters.max_time_in_seconds = time_limit_seconds
    return solver.solve(model), solver


def _scaled(applicant: Applicant, decimals: int) -> int:
    return round(applicant.score * 10**decimals)


def _by_id(applicants: Sequence[Applicant]) -> list[Applicant]:
    return sorted(applicants, key=lambda applicant: applicant.id)
