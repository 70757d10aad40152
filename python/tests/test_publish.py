"""Atomic publish: the warehouse file BI tools read is replaced whole, only after a build and its tests pass.

A reader (a separate process, as a BI tool is) holds the published file open read-only while `make build`
runs: the build is not blocked, the reader sees only the previous figures while it stays connected, and
sees the new ones when it reconnects. A build that fails in dbt, or is killed midway, leaves the previous
file byte for byte as it was, and no temporary file behind.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from byo_support import (
    HANDMADE,
    PYTHON,
    ROOT,
    A,
    build,
    build_env,
    figures,
    handmade_rows,
    leftovers,
    run,
    run_build,
    write_csv,
)

READER = r"""
import json, sys, time, pathlib
import duckdb
path, ready, stop = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
QUERY = ("select (select actual from marts.published_figure_checks where figure_id = 'PF01'), "
         "(select count(*) from marts.record_outcomes)")
seen, errors, queries = set(), [], 0
con = duckdb.connect(path, read_only=True)
while not stop.exists():
    try:
        seen.add(con.execute(QUERY).fetchone())
    except Exception as error:
        errors.append(repr(error))
    queries += 1
    if queries == 1:
        ready.write_text("connected")
    time.sleep(0.02)
con.close()
with duckdb.connect(path, read_only=True) as again:
    after = again.execute(QUERY).fetchone()
print(json.dumps({"seen": sorted(seen), "errors": errors[:5], "queries": queries, "after": after}))
"""

EXTRA = [  # three more in-scope transfers: the new figures differ from the previous ones
    {**HANDMADE[0].raw(), "record_id": f"N0{i}", "application_no": A(f"20211000000{i}")} for i in range(1, 4)
]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def previous(tmp_path):
    """A copy of a published warehouse (the hand-made export's) in a directory of its own."""
    result = build("utf8")
    assert result.returncode == 0, result.stderr[-3000:]
    warehouse = tmp_path / "published" / "w.duckdb"
    warehouse.parent.mkdir()
    shutil.copy(result.warehouse, warehouse)
    return warehouse


def test_reader_holds_the_file_open_while_make_build_publishes(previous, tmp_path):
    old_pf01 = figures(previous)["PF01"]
    new_input = write_csv(tmp_path / "export.csv", handmade_rows() + EXTRA)
    ready, stop = tmp_path / "ready", tmp_path / "stop"
    reader = subprocess.Popen(
        [PYTHON, "-c", READER, str(previous), str(ready), str(stop)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not ready.exists():
            assert reader.poll() is None and time.monotonic() < deadline, reader.stderr.read()
            time.sleep(0.05)
        # `make build` as a user runs it (-o: never reinstall the venv from inside a test)
        made = run(
            ["make", "-o", ".venv/.installed", "build", f"RAW={new_input}", f"WAREHOUSE={previous}", "REPLACE=1"],
            tmp_path / "make",
            timeout=600,
        )
        assert made.returncode == 0, made.stdout[-3000:] + made.stderr[-3000:]
        assert f"Published {previous}" in made.stdout
        assert reader.poll() is None, "the reader did not stay connected through the build"
    finally:
        stop.write_text("stop")
        out, err = reader.communicate(timeout=60)
    assert reader.returncode == 0, err
    report = json.loads(out)
    assert report["errors"] == []
    assert report["queries"] > 20  # it kept reading during the build
    rows = len(HANDMADE)
    assert report["seen"] == [[old_pf01, rows]]  # only ever the previous warehouse
    assert report["after"] == [old_pf01 + len(EXTRA), rows + len(EXTRA)]  # reconnected: the new one
    assert figures(previous)["PF01"] == old_pf01 + len(EXTRA)
    assert leftovers(previous) == []


def test_a_failing_dbt_build_leaves_the_previous_warehouse(previous, tmp_path):
    digest, before = _digest(previous), figures(previous)
    raw = write_csv(tmp_path / "export.csv", handmade_rows() + EXTRA)
    # The file passes every check; the build then fails in dbt (a cutoff that is not a date breaks a model).
    # Published-figure tests cannot be the failure here: on a user's file they only warn.
    vars_ = json.dumps({"cutoff_date": "not-a-date"})
    result = run_build(tmp_path / "run", str(raw), "--vars", vars_, "--fail-fast", warehouse=previous, replace=True)
    assert result.returncode != 0
    assert 'Conversion Error: invalid date field format: "not-a-date"' in result.stdout
    assert f"dbt build failed (exit {result.returncode}); {previous} was left as it was." in result.stderr
    assert _digest(previous) == digest and figures(previous) == before
    assert leftovers(previous) == []


def test_an_interrupted_build_leaves_the_previous_warehouse(previous, tmp_path):
    digest, before = _digest(previous), figures(previous)
    raw = write_csv(tmp_path / "export.csv", handmade_rows() + EXTRA)
    env = build_env(tmp_path / "run")
    proc = subprocess.Popen(
        [PYTHON, "-m", "gba_tech_transfer.build", "--warehouse", str(previous), "--raw", str(raw), "--replace"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 300
        while not list(previous.parent.glob(".w.building*.duckdb")):  # dbt is writing the new warehouse
            assert proc.poll() is None and time.monotonic() < deadline, proc.stdout.read()[-2000:]
            time.sleep(0.1)
        time.sleep(2)
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 128 + signal.SIGTERM, out[-2000:] + err[-2000:]
    assert "Published" not in out
    assert _digest(previous) == digest and figures(previous) == before
    assert leftovers(previous) == []
