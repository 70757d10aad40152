"""A warehouse is the set of its loads (docs/architecture.md#landing), checked through the make targets a user
runs: `make build`, `make add`, `make withdraw`, `make restore`, `make rebuild`, `make loads`.

The files: the engines' test export (a sample of the bundled mix and trap rows, engines/parity.py) split in
three loads of two shapes: load 1 and 3 in the contract's columns, load 2 under database headers. Some
transfers of load 1 are registered as `专利权转移` (without 的), a form today's rules read as not a transfer.

- Replay equals rebuild: the files are deleted; a copy of the project reads `专利权转移` as a transfer too (a
  parsing rule changed); `make rebuild` of the warehouse in that copy gives exactly the marts of a fresh
  warehouse with the same three files landed under the changed rule, and not the marts it had before.
- Withdraw and restore: withdrawing load 2 gives the marts of loads 1 and 3 alone; restoring it gives the
  original marts back.
- Idempotent: landing a file already in an active load changes nothing, says so, and leaves the file as it was.
- Nothing lost: a SIGKILL in the middle of a load, and a full disk (a small tmpfs) during a rebuild, leave the
  published file byte-identical, and after the next command no temporary file is left.
"""

from __future__ import annotations

import csv
import hashlib
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import duckdb
import pytest

from byo_support import ROOT, leftovers
from gba_tech_transfer import contract
from gba_tech_transfer.engines.parity import write_test_export
from gba_tech_transfer.synthetic.export_shapes import HEADERS

OLD_FORM, NEW_FORM = "专利权的转移", "专利权转移"
RULE_FILE = Path("macros") / "landing" / "shapes.sql"  # transfer_events(): the forms read as a transfer
BUNDLED = ROOT / "seeds" / "raw" / "raw_transfer_records.csv"


def make(project: Path, target: str, **variables: str) -> subprocess.CompletedProcess:
    """`make <target> VAR=…` in `project`, as a user runs it (-o: never reinstall the venv from a test)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GBA_", "DBT_"))}
    env["PYTHONPATH"] = str(project / "python")  # the project's own package, also in a copy of it
    cmd = ["make", "-C", str(project), "-o", ".venv/.installed", target, *(f"{k}={v}" for k, v in variables.items())]
    return subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=900)


def ok(result: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-3000:]
    return result


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def marts(warehouse: Path, without: set[str] = frozenset()) -> dict[str, list[tuple]]:
    """Every mart's rows, sorted, doubles rounded to 12 decimals; the columns in `without` left out."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        tables = [
            t
            for (t,) in con.execute(
                "select table_name from information_schema.tables where table_schema = 'marts' "
                "and table_type = 'BASE TABLE' order by table_name"
            ).fetchall()
        ]
        out = {}
        for table in tables:
            columns = [
                f'round("{c}", 12)' if t == "DOUBLE" else f'"{c}"'
                for c, t in con.execute(
                    "select column_name, data_type from information_schema.columns where table_schema = 'marts' "
                    "and table_name = ? order by ordinal_position",
                    [table],
                ).fetchall()
                if c not in without
            ]
            rows = con.execute(f"select {', '.join(columns)} from marts.{table}").fetchall()
            out[table] = sorted(rows, key=lambda row: tuple((v is not None, str(v)) for v in row))
    return out


def differing(a: dict, b: dict) -> list[str]:
    return sorted(name for name in a.keys() | b.keys() if a.get(name) != b.get(name))


def write_files(directory: Path) -> list[Path]:
    """The three loads' files (deterministic: written again, they are the same bytes)."""
    directory.mkdir(parents=True, exist_ok=True)
    export = write_test_export(directory / "sample.csv")
    assert export > 2000
    with (directory / "sample.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    (directory / "sample.csv").unlink()
    parts = [rows[i::3] for i in range(3)]
    for number, row in enumerate(parts[0]):
        if row["legal_event"] == OLD_FORM and number % 4 == 0:
            row["legal_event"] = NEW_FORM
    assert sum(row["legal_event"] == NEW_FORM for row in parts[0]) > 50
    files = [directory / "load-1.csv", directory / "load-2-headers.csv", directory / "load-3.csv"]
    for path, part in ((files[0], parts[0]), (files[2], parts[2])):
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(contract.COLUMNS), lineterminator="\n")
            writer.writeheader()
            writer.writerows(part)
    with files[1].open("w", encoding="utf-8", newline="") as handle:  # database headers, no id column
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(HEADERS)
        writer.writerows([row[c] for c in contract.COLUMNS[1:]] for row in parts[1])
    return files


def land_all(project: Path, warehouse: Path, files: list[Path]) -> None:
    ok(make(project, "build", RAW=str(files[0]), WAREHOUSE=str(warehouse)))
    for path in files[1:]:
        ok(make(project, "add", RAW=str(path), WAREHOUSE=str(warehouse)))


def project_copy(directory: Path) -> Path:
    """The project without its build output, sharing the venv, with NEW_FORM read as a transfer too."""
    copy = directory / "project"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(".git", ".venv", ".scratch", "target", "logs", "warehouse", "__pycache__"),
    )
    (copy / ".venv").symlink_to(ROOT / ".venv")
    rule = copy / RULE_FILE
    text = rule.read_text(encoding="utf-8")
    assert f"'{OLD_FORM}', " in text
    rule.write_text(text.replace(f"'{OLD_FORM}', ", f"'{OLD_FORM}', '{NEW_FORM}', ", 1), encoding="utf-8")
    return copy


@pytest.fixture(scope="module")
def landed(tmp_path_factory):
    """A warehouse of the three loads, and its marts."""
    tmp = tmp_path_factory.mktemp("loads")
    files = write_files(tmp / "files")
    warehouse = tmp / "published" / "w.duckdb"
    land_all(ROOT, warehouse, files)
    return tmp, files, warehouse, marts(warehouse)


def test_make_loads_lists_three_loads_of_two_shapes(landed):
    _, files, warehouse, _ = landed
    listing = ok(make(ROOT, "loads", WAREHOUSE=str(warehouse))).stdout
    lines = [line.split() for line in listing.splitlines() if line.strip()[:1].isdigit()]
    assert [(line[0], line[1], line[5]) for line in lines] == [
        ("1", "yes", "contract"),
        ("2", "yes", "headers"),
        ("3", "yes", "contract"),
    ], listing
    assert all(str(path) in listing for path in files)


def test_every_landed_row_carries_its_row_in_the_file(landed):
    """_row_number is the row's place in its file (data rows from 1), in every load: load 3's rows are numbered
    from 1 again though the table already holds load 1's (macros/landing/land.sql numbers them from rowids)."""
    _, files, warehouse, _ = landed
    with duckdb.connect(str(warehouse), read_only=True) as con:
        contract_rows = con.execute(
            "select _load_id, _row_number, record_id from raw.contract_rows order by _load_id, _row_number"
        ).fetchall()
        header_rows = con.execute(
            "select _row_number, cells[1] from raw.export_rows where _load_id = 2 order by _row_number"
        ).fetchall()
    expected = []
    for load_id, path in ((1, files[0]), (3, files[2])):
        with path.open(encoding="utf-8", newline="") as handle:
            rows = csv.DictReader(handle)
            expected += [(load_id, n, row["record_id"] or None) for n, row in enumerate(rows, start=1)]
    assert contract_rows == expected
    with files[1].open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))[1:]
    assert header_rows == [(n, row[0] or None) for n, row in enumerate(rows, start=1)]


def test_landing_the_same_file_again_changes_nothing(landed):
    _, files, warehouse, before = landed
    published = digest(warehouse)
    result = ok(make(ROOT, "add", RAW=str(files[2]), WAREHOUSE=str(warehouse)))
    assert "is in load 3; not landed again" in result.stdout
    assert "nothing landed" in result.stdout
    assert "Published" not in result.stdout
    assert digest(warehouse) == published and marts(warehouse) == before
    assert leftovers(warehouse) == []


def test_withdraw_gives_the_other_loads_alone_and_restore_gives_everything_back(landed):
    tmp, files, warehouse, before = landed
    ok(make(ROOT, "withdraw", LOAD="2", WAREHOUSE=str(warehouse)))
    withdrawn = marts(warehouse, without={"load_id"})
    alone = tmp / "alone" / "w.duckdb"
    land_all(ROOT, alone, [files[0], files[2]])
    # Load ids differ (load 3 there is load 2 here): compared without them.
    assert differing(withdrawn, marts(alone, without={"load_id"})) == []
    with duckdb.connect(str(warehouse), read_only=True) as con:  # its rows stayed in raw
        assert con.execute("select count(*) from raw.export_rows where _load_id = 2").fetchone()[0] > 500
    ok(make(ROOT, "restore", LOAD="2", WAREHOUSE=str(warehouse)))
    assert differing(marts(warehouse), before) == []


def test_rebuild_under_a_changed_rule_equals_a_fresh_warehouse(landed):
    tmp, files, warehouse, before = landed
    for path in files:
        path.unlink()
    copy = project_copy(tmp)
    ok(make(copy, "rebuild", WAREHOUSE=str(warehouse)))
    rebuilt = marts(warehouse)
    assert differing(rebuilt, before), "the changed rule changed nothing: the test could not fail"
    fresh = tmp / "fresh" / "w.duckdb"
    land_all(copy, fresh, write_files(tmp / "files"))
    assert differing(rebuilt, marts(fresh)) == []
    with duckdb.connect(str(warehouse), read_only=True) as con:
        transfers = con.execute(
            "select count(*) from marts.record_outcomes where legal_event_kind = 'transfer' and load_id = 1"
        ).fetchone()[0]
    with duckdb.connect(str(fresh), read_only=True) as con:
        assert (
            transfers
            == con.execute(
                "select count(*) from marts.record_outcomes where legal_event_kind = 'transfer' and load_id = 1"
            ).fetchone()[0]
        )


def _sample_warehouse(tmp: Path) -> tuple[Path, list[Path]]:
    files = write_files(tmp / "files")
    warehouse = tmp / "published" / "w.duckdb"
    ok(make(ROOT, "build", RAW=str(files[0]), WAREHOUSE=str(warehouse)))
    return warehouse, files


def test_a_load_killed_midway_leaves_the_published_file(tmp_path):
    warehouse, files = _sample_warehouse(tmp_path)
    published = digest(warehouse)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GBA_", "DBT_"))}
    proc = subprocess.Popen(
        ["make", "-C", str(ROOT), "-o", ".venv/.installed", "add", f"RAW={BUNDLED}", f"WAREHOUSE={warehouse}"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # its own process group: make, Python and dbt are killed together
    )
    try:
        deadline = time.monotonic() + 300
        building = warehouse.with_name(".w.building.duckdb")
        while not building.exists():
            assert proc.poll() is None and time.monotonic() < deadline, proc.stdout.read()[-3000:]
            time.sleep(0.05)
        time.sleep(1.5)  # landing (or building) by now
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert digest(warehouse) == published
    assert any(name.startswith(".w.") and "lock" not in name for name in leftovers(warehouse)), (
        "the kill left nothing behind: it came too late to test the clean-up"
    )
    # The next command cleans up what the killed one left.
    ok(make(ROOT, "add", RAW=str(files[0]), WAREHOUSE=str(warehouse)))
    assert digest(warehouse) == published
    assert leftovers(warehouse) == []


@pytest.mark.skipif(os.geteuid() != 0, reason="mounting a small tmpfs needs root (CI runs as root)")
def test_a_full_disk_during_a_rebuild_leaves_the_published_file(tmp_path):
    warehouse, _ = _sample_warehouse(tmp_path / "build")
    disk = tmp_path / "disk"
    disk.mkdir()
    size = warehouse.stat().st_size
    # Room for the published file and its copy, not for the tables a rebuild writes into the copy.
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={2 * size + (4 << 20)}", "tmpfs", str(disk)], check=True)
    try:
        small = disk / "w.duckdb"
        shutil.copy(warehouse, small)
        published = digest(small)
        result = make(ROOT, "rebuild", WAREHOUSE=str(small))
        assert result.returncode != 0, "the rebuild fitted on the small disk: the test could not fail"
        assert f"{small} was left as it was" in result.stdout + result.stderr, result.stdout[-3000:]
        assert digest(small) == published
        with duckdb.connect(str(small), read_only=True) as con:  # still a warehouse a BI tool opens
            assert con.execute("select count(*) from marts.fct_transfers").fetchone()[0] > 0
        assert leftovers(small) == []
    finally:
        subprocess.run(["umount", str(disk)], check=False)
