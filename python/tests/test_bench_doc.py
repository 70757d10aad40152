"""docs/benchmark.md's measured part is written by `make bench` from its JSON (engines/bench_doc.py), never by hand.

No benchmark runs here: a small record is rendered into a copy of the page.
"""

from __future__ import annotations

import re
import shutil

import pytest

from gba_tech_transfer.engines.bench_doc import BEGIN, DOC, END, MarkersMissing, write_doc

RECORD = {
    "started_utc": "2031-01-02T03:04:05+00:00",
    "command": "make bench BENCH_ARGS='--scales 1 --engines none'",
    "machine": {"cpus": 2, "platform": "Linux-test", "python": "3.11.2", "load_before": [0.5], "load_after": [1.25]},
    "versions": {"duckdb": "1.5.6", "dbt-core": "1.11.16"},
    "git": {"commit": "abc1234", "dirty": False},
    "runs": [
        {
            "scale": 1,
            "load_during": 1.1,
            "slowest": [{"kind": "model", "name": "stg_cnipa__transfer_records", "seconds": 3.21, "status": "success"}],
            "totals_by_type": {"model": {"n": 38, "seconds": 20.0}},
        }
    ],
    "table": [" scale fmt   raw rows  wall s", "    x1 csv     51,405    20.4"],
    "goals": [{"goal": "bundled-size build <= 30 s", "met": True, "detail": "x1 20.4 s"}],
    "engines": [],
}


def _between(text: str) -> str:
    return text.split(BEGIN, 1)[1].split(END, 1)[0]


def test_the_page_has_the_markers_once():
    text = DOC.read_text(encoding="utf-8")
    assert text.count(BEGIN) == 1 and text.count(END) == 1 and text.index(BEGIN) < text.index(END)


def test_no_dated_figure_outside_the_markers():
    text = DOC.read_text(encoding="utf-8")
    outside = text.split(BEGIN, 1)[0] + text.split(END, 1)[1]
    assert not re.findall(r"\b20\d\d-\d\d-\d\d\b", outside), "a dated (hand-copied) run outside the markers"


def test_a_record_is_written_between_the_markers_stamped(tmp_path):
    doc = tmp_path / "benchmark.md"
    shutil.copyfile(DOC, doc)
    before = doc.read_text(encoding="utf-8")
    write_doc(RECORD, doc)
    after = doc.read_text(encoding="utf-8")
    written = _between(after)
    for needle in (
        "2031-01-02T03:04:05",
        "`abc1234`",
        "2 CPUs",
        "Linux-test",
        "0.50 before",
        "1.1–1.1 during",
        "1.25 after",
        "x1 csv     51,405    20.4",
        "bundled-size build <= 30 s",
        "stg_cnipa__transfer_records",
        "--engines none",
    ):
        assert needle in written, needle
    assert after.split(BEGIN)[0] == before.split(BEGIN)[0] and after.split(END)[1] == before.split(END)[1]
    write_doc(RECORD, doc)
    assert doc.read_text(encoding="utf-8") == after, "writing the same record twice changes nothing"


def test_a_page_without_markers_is_refused(tmp_path):
    doc = tmp_path / "benchmark.md"
    doc.write_text("# Benchmark\n", encoding="utf-8")
    with pytest.raises(MarkersMissing):
        write_doc(RECORD, doc)


def _engine_row(engine: str, landing: float, build: float, marts_equal: bool | None, passed: bool = True):
    from gba_tech_transfer.engines.bench_engines import EngineRow

    return EngineRow(engine, 10, 514050, build, build / 2, build / 2, 3.0, passed, 0.0, landing, marts_equal)


def test_an_engine_goal_needs_the_landing_the_build_and_equal_marts():
    from gba_tech_transfer.engines.bench import GOAL_SPARK_CLUSTER_X10_S, engine_goals

    def cluster_goal(row):
        [(label, met, detail)] = [g for g in engine_goals([row]) if g[0].startswith("Spark cluster")]
        return met, detail

    fast = GOAL_SPARK_CLUSTER_X10_S / 2
    assert cluster_goal(_engine_row("spark-cluster", 10.0, fast, True)) == (
        True,
        f"{fast + 10:.1f} s (landing 10.0 s, dbt build {fast:.1f} s)",
    )
    met, detail = cluster_goal(_engine_row("spark-cluster", 10.0, fast, False))
    assert not met and "marts DIFFER" in detail
    met, detail = cluster_goal(_engine_row("spark-cluster", 10.0, fast, None))
    assert not met and "not compared" in detail
    assert not cluster_goal(_engine_row("spark-cluster", 10.0, fast, True, passed=False))[0]
    # Within the goal by dbt build alone, beyond it with the landing.
    assert not cluster_goal(_engine_row("spark-cluster", 20.0, GOAL_SPARK_CLUSTER_X10_S - 10, True))[0]


def test_the_engine_table_shows_the_landing_and_the_comparison(tmp_path):
    from dataclasses import asdict

    doc = tmp_path / "benchmark.md"
    shutil.copyfile(DOC, doc)
    rows = [_engine_row("duckdb", 2.0, 30.0, None), _engine_row("spark", 25.0, 300.0, False)]
    write_doc(dict(RECORD, engines=[asdict(r) for r in rows]), doc)
    written = _between(doc.read_text(encoding="utf-8"))
    assert "| duckdb | x10 | 514,050 | 2.0 | 30.0 |" in written
    assert "| spark | x10 | 514,050 | 25.0 | 300.0 |" in written and "| yes | **differ** |" in written
