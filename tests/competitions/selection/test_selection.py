import itertools
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import techbridge
from techbridge.competitions.selection import (
    Applicant,
    CountryQuota,
    SelectionInfeasible,
    select_applicants,
)


def test_select_applicants_country_minimum_displaces_higher_score():
    applicants = [
        Applicant(id="a1", country="VN", score=9.0),
        Applicant(id="a2", country="VN", score=8.0),
        Applicant(id="a3", country="LA", score=3.5),
    ]
    selection = select_applicants(
        applicants=applicants, capacity=2, country_quotas={"LA": CountryQuota(minimum=1)}
    )
    assert selection.selected == ("a1", "a3")
    assert selection.total_score == 12.5
    assert selection.count_by_country == {"VN": 1, "LA": 1}


def test_select_applicants_country_maximum_caps_one_country():
    applicants = [Applicant(id=f"vn{n}", country="VN", score=10.0 - n) for n in range(4)]
    applicants.append(Applicant(id="kh0", country="KH", score=1.0))
    selection = select_applicants(
        applicants=applicants, capacity=4, country_quotas={"VN": CountryQuota(maximum=2)}
    )
    assert selection.selected == ("vn0", "vn1", "kh0")
    assert selection.total_score == 20.0


def test_select_applicants_track_limit_is_respected():
    applicants = [
        Applicant(id="a", country="TH", score=5.0, track="agri"),
        Applicant(id="b", country="TH", score=4.0, track="agri"),
        Applicant(id="c", country="TH", score=1.0, track="health"),
    ]
    selection = select_applicants(applicants=applicants, capacity=2, track_limits={"agri": 1})
    assert selection.selected == ("a", "c")


def test_select_applicants_equal_scores_go_to_lower_id():
    applicants = [Applicant(id=name, country="MM", score=7.0) for name in ("d", "b", "c", "a")]
    selection = select_applicants(applicants=applicants, capacity=2)
    assert selection.selected == ("a", "b")


def test_select_applicants_negative_scores_are_left_out_unless_a_minimum_needs_them():
    applicants = [
        Applicant(id=1, country="ID", score=0.5),
        Applicant(id=2, country="PH", score=-0.2),
        Applicant(id=3, country="PH", score=-0.7),
    ]
    assert select_applicants(applicants=applicants, capacity=3).selected == (1,)
    with_minimum = select_applicants(
        applicants=applicants, capacity=3, country_quotas={"PH": CountryQuota(minimum=1)}
    )
    assert with_minimum.selected == (1, 2)
    assert with_minimum.total_score == pytest.approx(0.3, abs=1e-12)


def test_select_applicants_too_few_applicants_for_minimum_names_country():
    applicants = [Applicant(id="a", country="KH", score=1.0)]
    with pytest.raises(SelectionInfeasible) as caught:
        select_applicants(
            applicants=applicants, capacity=5, country_quotas={"KH": CountryQuota(minimum=2)}
        )
    assert str(caught.value) == "country 'KH' needs at least 2 selected but has only 1 applicant(s)"


def test_select_applicants_minimums_above_capacity_name_countries():
    applicants = [Applicant(id=n, country=country, score=1.0) for n, country in enumerate("AABB")]
    quotas = {"A": CountryQuota(minimum=2), "B": CountryQuota(minimum=1)}
    with pytest.raises(SelectionInfeasible) as caught:
        select_applicants(applicants=applicants, capacity=2, country_quotas=quotas)
    assert str(caught.value) == (
        "country minimums add up to 3, above the capacity of 2: 'A' (2), 'B' (1)"
    )


def test_select_applicants_minimum_blocked_by_track_limit_names_country():
    applicants = [
        Applicant(id="a", country="LA", score=1.0, track="energy"),
        Applicant(id="b", country="LA", score=1.0, track="energy"),
        Applicant(id="c", country="VN", score=1.0, track="water"),
    ]
    with pytest.raises(SelectionInfeasible) as caught:
        select_applicants(
            applicants=applicants,
            capacity=3,
            country_quotas={"LA": CountryQuota(minimum=2)},
            track_limits={"energy": 1},
        )
    assert str(caught.value) == (
        "country minimums cannot all be met within the track limits and capacity: "
        "'LA' (at most 1 of 2)"
    )


def test_country_quota_minimum_above_maximum_is_rejected():
    with pytest.raises(ValueError, match="quota minimum 3 is above maximum 1"):
        CountryQuota(minimum=3, maximum=1)


def test_select_applicants_duplicate_ids_are_rejected():
    applicants = [Applicant(id="a", country="KH", score=1.0)] * 2
    with pytest.raises(ValueError, match=r"applicant ids appear more than once: \['a'\]"):
        select_applicants(applicants=applicants, capacity=1)


# --- optimality against brute force over every subset -------------------------------------

COUNTRIES = ("KH", "LA", "VN")


@st.composite
def selection_cases(draw):
    count = draw(st.integers(0, 10))
    applicants = [
        Applicant(
            id=f"p{number:02d}",
            country=draw(st.sampled_from(COUNTRIES)),
            # Halves make ties common; negatives test that nobody is taken for nothing.
            score=draw(st.integers(-4, 20)) / 2,
            track=draw(st.sampled_from(("agri", "energy", None))),
        )
        for number in draw(st.permutations(range(count)))
    ]
    quotas = {}
    for country in draw(st.sets(st.sampled_from(COUNTRIES))):
        minimum = draw(st.integers(0, 3))
        maximum = draw(st.one_of(st.none(), st.integers(minimum, 5)))
        quotas[country] = CountryQuota(minimum=minimum, maximum=maximum)
    limits = draw(st.dictionaries(st.sampled_from(("agri", "energy")), st.integers(0, 4)))
    return applicants, draw(st.integers(0, count + 1)), quotas, limits


def _feasible(subset, capacity, quotas, limits) -> bool:
    countries = Counter(applicant.country for applicant in subset)
    tracks = Counter(applicant.track for applicant in subset)
    return (
        len(subset) <= capacity
        and all(
            quota.minimum <= countries[country]
            and (quota.maximum is None or countries[country] <= quota.maximum)
            for country, quota in quotas.items()
        )
        and all(tracks[track] <= limit for track, limit in limits.items())
    )


def _preference(subset, everyone) -> tuple[int, int]:
    # The documented order: rounded total first, then sum of (n − position by id).
    positions = {
        applicant.id: n for n, applicant in enumerate(sorted(everyone, key=lambda a: a.id))
    }
    total = sum(round(applicant.score * 10**6) for applicant in subset)
    return total, sum(len(everyone) - positions[applicant.id] for applicant in subset)


@settings(max_examples=80, deadline=None, database=None)
@given(case=selection_cases())
def test_select_applicants_matches_brute_force(case):
    applicants, capacity, quotas, limits = case
    feasible = [
        subset
        for size in range(len(applicants) + 1)
        for subset in itertools.combinations(applicants, size)
        if _feasible(subset, capacity, quotas, limits)
    ]
    if not feasible:
        with pytest.raises(SelectionInfeasible):
            select_applicants(
                applicants=applicants, capacity=capacity, country_quotas=quotas, track_limits=limits
            )
        return
    selection = select_applicants(
        applicants=applicants, capacity=capacity, country_quotas=quotas, track_limits=limits
    )
    by_id = {applicant.id: applicant for applicant in applicants}
    chosen = [by_id[applicant_id] for applicant_id in selection.selected]
    assert _feasible(chosen, capacity, quotas, limits)
    best = max(_preference(subset, applicants) for subset in feasible)
    assert _preference(chosen, applicants) == best
    assert selection.total_score == pytest.approx(best[0] / 10**6, abs=1e-9)
    winners = [subset for subset in feasible if _preference(subset, applicants) == best]
    if len(winners) == 1:
        assert set(selection.selected) == {applicant.id for applicant in winners[0]}


def test_selection_package_imports_without_django():
    source_root = Path(techbridge.__file__).resolve().parents[1]
    code = (
        "import sys; import techbridge.competitions.selection; "
        "assert 'django' not in sys.modules, sorted(m for m in sys.modules if 'django' in m)"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code],
        env={"PYTHONPATH": str(source_root)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
