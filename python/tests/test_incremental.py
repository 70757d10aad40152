"""Monthly drops: an incremental build over two drops gives the same warehouse as a full build over both.

The bundled export is split into two drops by record_id (every third record goes to drop 2, so copies of
one registration land in both drops, in either order of record_id: the kept record of a duplicate pair can
be in drop 2). Three builds, each the real `python -m gba_tech_transfer.build` path (validation, dbt build
with every data test and unit test, atomic publish):

    1. drop 1 in full                         -> warehouse A
    2. drop 2 with --incremental on top of A  -> warehouse A   (make build RAW=drop2.csv INCREMENTAL=1)
    3. drop 1 + drop 2 in full                -> warehouse B

and every table of schema marts (and the accumulated records and the hub) must be identical in A and B.
~3 builds of the bundled mix, about a minute on a quiet 2-core machine.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parents[2]
PYTHON = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv" / "bin" / "python").exists() else sys.executable
BUNDLED = ROOT / "seeds" / "raw" / "raw_transfer_records.csv"
# Besides the marts: the accumulated records and the hub every mart reads.
ALSO_COMPARED = ["staging.stg_cnipa__transfer_records", "intermediate.int_transfer_records_scoped"]


def split_drops(directory: Path) -> tuple[Path, Path]:
    """The bundled export as two CSV drops, line for line (no field of the export holds a line break)."""
    header, *lines = BUNDLED.read_text(encoding="utf-8").splitlines(keepends=True)
    first, second = [header], [header]
    for line in lines:
        record_number = int(line.split(",", 1)[0].lstrip("R"))
        (second if record_number % 3 == 0 else first).append(line)
    directory.mkdir(parents=True, exist_ok=True)
    drop1, drop2 = directory / "drop-1.csv", directory / "drop-2.csv"
    drop1.write_text("".join(first), encoding="utf-8")
    drop2.write_text("".join(second), encoding="utf-8")
    return drop1, drop2


def build(tmp: Path, name: str, warehouse: Path, raw: str, *flags: str) -> subprocess.CompletedProcess:
    target, logs = tmp / f"target-{name}", tmp / f"logs-{name}"
    cmd = [
        PYTHON,
        "-m",
        "gba_tech_transfer.build",
        "--warehouse",
        str(warehouse),
        "--raw",
        raw,
        *flags,
        "--",
        "--target-path",
        str(target),
        "--log-path",
        str(logs),
    ]
    env = dict(os.environ, DBT_PROFILES_DIR=str(ROOT / "profiles"))
    env.pop("GBA_DUCKDB_PATH", None)
    result = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, f"build {name} failed:\n{result.stdout[-4000:]}\n{result.stderr[-2000:]}"
    return result


def relation_rows(con: duckdb.DuckDBPyConnection, catalog: str, relation: str) -> list[tuple]:
    """Every row, doubles rounded to 9 decimals (a parallel sum may differ in its last bit), sorted."""
    columns = con.execute(
        "select column_name, data_type from information_schema.columns "
        "where table_catalog = ? and table_schema || '.' || table_name = ? order by ordinal_position",
        [catalog, relation],
    ).fetchall()
    assert columns, f"{catalog}.{relation} not found"
    select = ", ".join(
        f'round("{name}", 9)' if data_type in ("DOUBLE", "FLOAT") else f'"{name}"' for name, data_type in columns
    )
    rows = con.execute(f"select {select} from {catalog}.{relation}").fetchall()
    return sorted(rows, key=lambda row: tuple((value is not None, str(value)) for value in row))


@pytest.fixture(scope="module")
def warehouses(tmp_path_factory) -> tuple[Path, Path, str]:
    tmp = tmp_path_factory.mktemp("incremental")
    drop1, drop2 = split_drops(tmp / "drops")
    incremental, full = tmp / "incremental" / "w.duckdb", tmp / "full" / "w.duckdb"
    build(tmp, "drop-1", incremental, str(drop1))
    added = build(tmp, "drop-2", incremental, str(drop2), "--incremental")
    build(tmp, "full", full, str(tmp / "drops" / "drop-*.csv"))
    return incremental, full, added.stdout


def test_drop_two_was_added_not_rebuilt(warehouses):
    incremental, _, output = warehouses
    assert "Incremental: adding to the records of" in output
    with duckdb.connect(str(incremental), read_only=True) as con:
        raw_rows = con.execute("select count(*) from staging.stg_cnipa__transfer_records").fetchone()[0]
        duplicates_across_drops = con.execute(
            """
            select
                count(*) filter (where cast(ltrim(record_id, 'R') as integer) % 3 = 0
                                 and cast(ltrim(duplicate_of_record_id, 'R') as integer) % 3 != 0),
                count(*) filter (where cast(ltrim(record_id, 'R') as integer) % 3 != 0
                                 and cast(ltrim(duplicate_of_record_id, 'R') as integer) % 3 = 0)
            from marts.record_outcomes
            where outcome = 'duplicate'
            """
        ).fetchone()
    assert raw_rows == len(BUNDLED.read_text(encoding="utf-8").splitlines()) - 1
    # The split puts copies of a registration in both drops, both ways round: a drop-2 record that copies a
    # drop-1 record, and a drop-1 record whose kept copy (smaller record_id) only arrived with drop 2.
    assert duplicates_across_drops[0] > 0 and duplicates_across_drops[1] > 0, duplicates_across_drops


def test_incremental_equals_full_refresh(warehouses):
    incremental, full, _ = warehouses
    with duckdb.connect() as con:
        con.execute(f"attach '{incremental}' as incremental (read_only)")
        con.execute(f"attach '{full}' as full_refresh (read_only)")
        marts = [
            r[0]
            for r in con.execute(
                "select 'marts.' || table_name from information_schema.tables "
                "where table_catalog = 'full_refresh' and table_schema = 'marts' and table_type = 'BASE TABLE' "
                "order by table_name"
            ).fetchall()
        ]
        incremental_marts = [
            r[0]
            for r in con.execute(
                "select 'marts.' || table_name from information_schema.tables "
                "where table_catalog = 'incremental' and table_schema = 'marts' and table_type = 'BASE TABLE' "
                "order by table_name"
            ).fetchall()
        ]
        assert marts == incremental_marts
        assert "marts.fct_transfers" in marts and "marts.record_outcomes" in marts
        different = []
        for relation in marts + ALSO_COMPARED:
            a = relation_rows(con, "incremental", relation)
            b = relation_rows(con, "full_refresh", relation)
            if a != b:
                different.append(f"{relation}: {len(a)} rows incremental, {len(b)} rows full refresh")
        assert not different, "\n".join(different)
