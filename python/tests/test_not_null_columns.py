"""tests/generic/not_null_columns.sql fails, naming each column that holds a NULL and how many rows do.

The test's own build (bi_support.built) is copied, NULLs are written into two of fct_transfers' listed
columns, and dbt runs that model's not_null_columns test on the copy with its failures stored.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb

from bi_support import ROOT, WAREHOUSE_NAME, built

TEST_NAME = "not_null_columns_fct_transfers"


def _dbt_test(warehouse: Path, work: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, DBT_PROFILES_DIR=str(ROOT / "profiles"), GBA_DUCKDB_PATH=str(warehouse))
    return subprocess.run(
        [
            str(Path(sys.executable).parent / "dbt"),
            "test",
            "--target",
            "ci",
            "--select",
            TEST_NAME,
            "--store-failures",
            "--target-path",
            str(work / "target"),
            "--log-path",
            str(work / "logs"),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_not_null_columns_names_each_column_holding_a_null(tmp_path):
    warehouse = tmp_path / WAREHOUSE_NAME  # the same file name: DuckDB names the catalog after it
    shutil.copy2(built().warehouse, warehouse)

    passed = _dbt_test(warehouse, tmp_path)
    assert passed.returncode == 0, passed.stdout[-3000:]

    with duckdb.connect(str(warehouse)) as con:
        con.execute(
            "update marts.fct_transfers set flow_kind = null"
            " where record_id in (select record_id from marts.fct_transfers order by record_id limit 7)"
        )
        con.execute(
            "update marts.fct_transfers set effective_year = null"
            " where record_id in (select record_id from marts.fct_transfers order by record_id desc limit 3)"
        )

    failed = _dbt_test(warehouse, tmp_path)
    assert failed.returncode == 1, failed.stdout[-3000:]
    with duckdb.connect(str(warehouse), read_only=True) as con:
        (schema, table), *_ = con.execute(
            "select schema_name, table_name from duckdb_tables() where table_name = ?", [TEST_NAME]
        ).fetchall()
        rows = con.execute(f'select column_name, null_rows from "{schema}"."{table}" order by 1').fetchall()
    assert rows == [("effective_year", 3), ("flow_kind", 7)]
