"""Data tests that guard a rule fail when the rule is broken, naming what broke it.

The test build's warehouse (bi_support.built) is copied, broken on purpose, and dbt runs the one data test on
the copy with its failures stored:
- tests/generic/not_null_columns.sql: NULLs written into two of fct_transfers' listed columns; each column is
  named with its count of NULL rows;
- tests/generic/relationships_columns.sql: cities dim_cities does not hold written into three of
  fct_transfers' four city columns; each column is named with each value;
- tests/generic/accepted_values_columns.sql: values not accepted written into two of fct_transfers' listed
  columns; each column is named with each value and its count of rows;
- tests/assert_no_individual_names_in_marts.sql: an individual's name written into two marts' text columns
  and one mart dropped; each leaked value is named with its mart and column, and the missing mart too.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb

from bi_support import ROOT, WAREHOUSE_NAME, built


def _dbt_test(warehouse: Path, work: Path, test_name: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, DBT_PROFILES_DIR=str(ROOT / "profiles"), GBA_DUCKDB_PATH=str(warehouse))
    return subprocess.run(
        [
            str(Path(sys.executable).parent / "dbt"),
            "test",
            "--target",
            "ci",
            "--select",
            test_name,
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


def _copy_of_build(tmp_path: Path) -> Path:
    warehouse = tmp_path / WAREHOUSE_NAME  # the same file name: DuckDB names the catalog after it
    shutil.copy2(built().warehouse, warehouse)
    return warehouse


def _stored_failures(warehouse: Path, test_name: str) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        (schema, table), *_ = con.execute(
            "select schema_name, table_name from duckdb_tables() where table_name = ?", [test_name]
        ).fetchall()
        return con.execute(f'select * from "{schema}"."{table}" order by all').fetchall()


def _failures_once_broken(tmp_path: Path, test_name: str, *updates: str) -> list[tuple]:
    """The data test passes on a copy of the build and fails once `updates` have run on it: its stored failures."""
    warehouse = _copy_of_build(tmp_path)
    passed = _dbt_test(warehouse, tmp_path, test_name)
    assert passed.returncode == 0, passed.stdout[-3000:]
    with duckdb.connect(str(warehouse)) as con:
        for update in updates:
            con.execute(update)
    failed = _dbt_test(warehouse, tmp_path, test_name)
    assert failed.returncode == 1, failed.stdout[-3000:]
    return _stored_failures(warehouse, test_name)


def _fct_rows(order: str, limit: int, offset: int = 0) -> str:
    return f"record_id in (select record_id from marts.fct_transfers order by {order} limit {limit} offset {offset})"


def test_not_null_columns_names_each_column_holding_a_null(tmp_path):
    failures = _failures_once_broken(
        tmp_path,
        "not_null_columns_fct_transfers",
        f"update marts.fct_transfers set flow_kind = null where {_fct_rows('record_id', 7)}",
        f"update marts.fct_transfers set effective_year = null where {_fct_rows('record_id desc', 3)}",
    )
    assert failures == [("effective_year", 3), ("flow_kind", 7)]


def test_relationships_columns_names_each_column_and_value_the_parent_lacks(tmp_path):
    failures = _failures_once_broken(
        tmp_path,
        "relationships_columns_fct_transfers_dim_cities",
        f"update marts.fct_transfers set source_city = 'Atlantis' where {_fct_rows('record_id', 5)}",
        f"update marts.fct_transfers set destination_city_bucket = 'Lemuria' where {_fct_rows('record_id desc', 2)}",
        f"update marts.fct_transfers set destination_city = 'Atlantis' where {_fct_rows('record_id', 1, offset=10)}",
    )
    assert failures == [
        ("destination_city", "Atlantis"),
        ("destination_city_bucket", "Lemuria"),
        ("source_city", "Atlantis"),
    ]


def test_accepted_values_columns_names_each_column_and_value_not_accepted(tmp_path):
    failures = _failures_once_broken(
        tmp_path,
        "accepted_values_columns_fct_transfers",
        f"update marts.fct_transfers set patent_type = 'gadget' where {_fct_rows('record_id', 3)}",
        f"update marts.fct_transfers set flow_kind = 'teleport' where {_fct_rows('record_id desc', 2)}",
    )
    assert failures == [("flow_kind", "teleport", 2), ("patent_type", "gadget", 3)]


def test_no_individual_names_in_marts_names_each_leak(tmp_path):
    test_name = "assert_no_individual_names_in_marts"
    warehouse = _copy_of_build(tmp_path)
    with duckdb.connect(str(warehouse)) as con:
        (name,) = con.execute(
            "select min(party_name) from intermediate.int_parties_classified where party_type = 'individual'"
        ).fetchone()
        con.execute(
            "update marts.dim_enterprises set enterprise_name = ?"
            " where enterprise_key in (select enterprise_key from marts.dim_enterprises order by 1 limit 2)",
            [name],
        )
        con.execute(
            "update marts.city_summary set city = ? where city = (select min(city) from marts.city_summary)", [name]
        )
        con.execute("drop table marts.flow_distance")

    failed = _dbt_test(warehouse, tmp_path, test_name)
    assert failed.returncode == 1, failed.stdout[-3000:]
    assert _stored_failures(warehouse, test_name) == sorted(
        [
            ("city_summary", "city", name),
            ("dim_enterprises", "enterprise_name", name),
            ("dim_enterprises", "enterprise_name", name),
            ("flow_distance", "(table not found)", None),
        ]
    )
