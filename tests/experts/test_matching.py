import numpy as np
import pytest
from django.urls import reverse

from techbridge.experts.ranking import Candidate, dense_order, rank, sectors_shared
from techbridge.experts.selectors import experts_for_text
from techbridge.experts.services import expert_embed
from tests.factories import ExpertFactory, NeedFactory

KHMER_NEED = (
    "បង្គានៅក្នុងស្រះរបស់យើងងាប់ដោយសារជំងឺ។ យើងត្រូវការអ្នកជំនាញផ្នែកវារីវប្បកម្ម ដើម្បីគ្រប់គ្រងគុណភាពទឹក និងការពារជំងឺបង្គា។"
)
CHINESE_AQUACULTURE = "对虾和海水鱼类养殖专家：池塘水质管理、病害防治与健康养殖技术。"


def _unit(values) -> np.ndarray:
    vector = np.asarray(values, dtype=np.float32)
    return vector / np.linalg.norm(vector)


def test_ranking_blends_cosine_sectors_and_keywords():
    query = _unit([1, 0, 0])
    candidates = [
        Candidate(1, frozenset({"fish.mariculture"}), ("shrimp",), _unit([0.8, 0.6, 0])),
        Candidate(2, frozenset({"energy.solar"}), (), _unit([0.82, 0.57, 0])),  # nothing shared
        Candidate(3, frozenset({"fish"}), (), None),  # parent sector, no vector yet
        Candidate(4, frozenset(), (), _unit([1, 0.1, 0])),  # close text alone
    ]
    ranked = rank(
        query_vector=query,
        text="Shrimp ponds",
        sectors={"fish.mariculture"},
        candidates=candidates,
        limit=5,
    )
    assert [row.key for row in ranked] == [4, 1, 3]
    assert ranked[1].shared_sectors == ["fish.mariculture"]
    assert ranked[1].matched_keywords == ["shrimp"]
    assert ranked[2].shared_sectors == ["fish.mariculture"]
    assert sectors_shared({"fish"}, frozenset({"fish.processing"})) == ["fish"]
    assert rank(query_vector=None, text="", sectors=set(), candidates=candidates, limit=5) == []


def test_dense_order_puts_text_hits_first_then_close_meanings():
    query = _unit([1, 0])
    vectors = {1: _unit([0.2, 1]), 2: _unit([1, 0.05]), 3: _unit([1, 0.2]), 4: _unit([0, 1])}
    assert dense_order(
        query_vector=query, vectors=vectors, lexical={1}, floor=0.5, margin=0.05
    ) == [
        1,
        2,
        3,
    ]


@pytest.fixture
def registry(db, worker):
    experts = {
        "chinese": ExpertFactory(
            name="王海",
            language="zh-hans",
            expertise=CHINESE_AQUACULTURE,
            keywords=["对虾", "水质"],
            sectors=["fish.mariculture"],
        ),
        "solar": ExpertFactory(
            name="Solar Sam",
            expertise="Photovoltaic mini-grids and battery storage for villages.",
            keywords=["mini-grid"],
            sectors=["energy.solar"],
        ),
        "fish_processing": ExpertFactory(
            name="Dried Fish Dara",
            expertise="Smoke-free drying and salting of fish for small processors.",
            keywords=["fish drying"],
            sectors=["fish.processing"],
        ),
        "unverified": ExpertFactory(
            name="Unverified Uy",
            expertise=CHINESE_AQUACULTURE,
            sectors=["fish.mariculture"],
            is_verified=False,
        ),
        "unavailable": ExpertFactory(
            name="Busy Bo",
            expertise=CHINESE_AQUACULTURE,
            sectors=["fish.mariculture"],
            availability="unavailable",
        ),
        "members_only": ExpertFactory(
            name="Members Mei",
            language="zh-hans",
            expertise=CHINESE_AQUACULTURE,
            sectors=["fish.mariculture"],
            visibility="members",
        ),
    }
    for expert in experts.values():
        expert_embed(pk=expert.pk)
    return experts


def test_experts_for_text_ranks_verified_available_experts(registry):
    found = experts_for_text(text=KHMER_NEED, sectors=["fish.mariculture"], limit=5)
    names = [row.expert.name for row in found]
    assert names[0] in {"王海", "Members Mei"}
    assert {"王海", "Members Mei"} <= set(names)
    assert "Unverified Uy" not in names and "Busy Bo" not in names
    assert "Solar Sam" not in names  # nothing shared, text not close
    top = found[0]
    assert top.shared_sectors[0][0] == "fish.mariculture"
    assert len(experts_for_text(text=KHMER_NEED, sectors=["fish.mariculture"], limit=1)) == 1


def test_experts_for_text_matches_keywords_in_any_script(registry):
    found = experts_for_text(text="我们的对虾池塘需要帮助", sectors=[], limit=5)
    assert found[0].expert.name == "王海" and found[0].matched_keywords == ["对虾"]


def test_need_page_shows_experts_who_could_help_to_the_reader(client_for, registry, people):
    need = NeedFactory(
        language="km", title="ជំងឺបង្គា", problem=KHMER_NEED, sectors=["fish.mariculture"]
    )
    url = reverse("catalog:need", args=[need.pk])
    anonymous = client_for(None).get(url).content.decode()
    assert "Experts who could help" in anonymous
    assert "王海" in anonymous and "Members Mei" not in anonymous
    assert "shared sectors" in anonymous
    assert "Unverified Uy" not in anonymous and "Busy Bo" not in anonymous
    member = client_for(people["member"]).get(url).content.decode()
    assert "Members Mei" in member
    assert member.count('class="card listing-card expert-card"') <= 5
    assert f"?need={need.pk}" in member


def test_a_technology_page_has_no_expert_section(client, registry):
    from tests.factories import TechnologyFactory

    technology = TechnologyFactory(sectors=["fish.mariculture"])
    assert (
        "Experts who could help"
        not in client.get(reverse("catalog:technology", args=[technology.pk])).content.decode()
    )
