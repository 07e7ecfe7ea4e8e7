"""The `techbridge` command: evaluation and benchmark output through the real engine."""

import json
import os
import subprocess
import sys

import pytest

from techbridge.cli import main

QUERIES = [
    "solar dryer for cassava",
    "vaccine cold chain monitoring",
    "offshore fish cage for typhoons",
]
DOCS = [
    "太阳能木薯干燥机",
    "疫苗冷链温度监测系统",
    "抗台风深海养殖网箱",
]


def test_eval_retrieval_prints_scores_and_latency(tmp_path, capsys):
    (tmp_path / "q.txt").write_text("\n".join(QUERIES), "utf-8")
    (tmp_path / "d.txt").write_text("\n".join(DOCS), "utf-8")
    assert main(["eval", "retrieval", str(tmp_path / "q.txt"), str(tmp_path / "d.txt")]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["mode"] == "hybrid"
    assert result["n"] == 3
    assert result["acc@1"] == 1.0
    assert result["mrr"] == 1.0
    assert result["recall@10"] == 1.0
    assert result["latency_ms_p95"] >= result["latency_ms_p50"] > 0


def test_eval_retrieval_refuses_files_of_different_length(tmp_path):
    (tmp_path / "q.txt").write_text("one\ntwo", "utf-8")
    (tmp_path / "d.txt").write_text("one", "utf-8")
    with pytest.raises(SystemExit, match="2 queries but 1 documents"):
        main(["eval", "retrieval", str(tmp_path / "q.txt"), str(tmp_path / "d.txt")])


def test_eval_retrieval_refuses_text_that_is_not_utf8(tmp_path):
    (tmp_path / "q.txt").write_bytes("thé".encode("latin-1"))
    (tmp_path / "d.txt").write_text("tea", "utf-8")
    with pytest.raises(SystemExit, match="not UTF-8"):
        main(["eval", "retrieval", str(tmp_path / "q.txt"), str(tmp_path / "d.txt")])


def test_eval_classify_across_languages(tmp_path, capsys):
    train = [
        "energy\tSolar panels and batteries for village electricity",
        "energy\tA small hydropower turbine for mountain streams",
        "health\tA rapid test for dengue fever at rural clinics",
        "health\tVaccine refrigerators that run without mains power",
    ]
    test = [
        "energy\t太阳能光伏发电系统",
        "health\t登革热快速诊断试剂",
    ]
    (tmp_path / "train.tsv").write_text("\n".join(train), "utf-8")
    (tmp_path / "test.tsv").write_text("\n".join(test), "utf-8")
    assert main(["eval", "classify", str(tmp_path / "train.tsv"), str(tmp_path / "test.tsv")]) == 0
    result = json.loads(capsys.readouterr().out)
    assert (result["n"], result["accuracy"], result["macro_f1"]) == (2, 1.0, 1.0)
    assert result["latency_ms_p95"] >= result["latency_ms_p50"] > 0


def test_eval_classify_needs_labelled_lines(tmp_path):
    (tmp_path / "a.tsv").write_text("no tab here", "utf-8")
    with pytest.raises(SystemExit, match="LABEL<TAB>TEXT"):
        main(["eval", "classify", str(tmp_path / "a.tsv"), str(tmp_path / "a.tsv")])


def test_bench_search_reports_synthetic_scale_and_latency(capsys):
    assert main(["bench", "search", "--listings", "300", "--rounds", "1"]) == 0
    out = capsys.readouterr().out
    assert "SYNTHETIC vectors" in out
    for limit in (20, 300):
        assert f"hybrid search for {limit} results, query embedding included, after one " in out
    assert "untimed round: n=18 p50=" in out
    assert "indexing throughput" in out


def test_bench_search_on_postgres_uses_hnsw():
    env = {k: v for k, v in os.environ.items() if k != "TECHBRIDGE_TEST_DATABASE_URL"}
    command = [sys.executable, "-m", "techbridge.cli", "bench", "search", "--database", "postgres"]
    done = subprocess.run(
        [*command, "--listings", "300", "--rounds", "1"],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "PostgreSQL + pgvector, HNSW" in done.stdout
    assert "nearest-passage plan uses the HNSW index: yes" in done.stdout
    assert "shared buffers warmed by " in done.stdout
    for limit in (20, 300):
        assert f"hybrid search for {limit} results, query embedding" in done.stdout
    assert "untimed round: n=18 p50=" in done.stdout
