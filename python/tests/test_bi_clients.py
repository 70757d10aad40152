"""BI-ready outputs, tried with real clients.

- SQLAlchemy through duckdb-engine, connecting the way Superset does (`duckdb:///<path>?access_mode=read_only`):
  schemas and tables listed by the inspector, the published-figure table read, writes refused.
- The DuckDB command-line client (PyPI duckdb-cli, the `duckdb` binary in the venv) with `-readonly`, also
  while a SQLAlchemy connection holds the file open, and on the Parquet files.
- The Parquet export (warehouse/parquet/): one file per mart, same rows and columns, swapped in whole.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess

import duckdb
import pytest
import sqlalchemy as sa

from bi_support import BIN, built
from gba_tech_transfer.build.export import MANIFEST, export_marts
from gba_tech_transfer.published_figures import target

FIGURES_SQL = "select figure_id, holds, actual, expected from marts.published_figure_checks order by figure_id"


@pytest.fixture(scope="module")
def warehouse():
    return built().warehouse


@pytest.fixture(scope="module")
def figures(warehouse) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(FIGURES_SQL).fetchall()


@pytest.fixture(scope="module")
def mart_tables(warehouse) -> list[str]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return [
            r[0]
            for r in con.execute(
                "select table_name from information_schema.tables where table_schema = 'marts' "
                "and table_type = 'BASE TABLE' order by 1"
            ).fetchall()
        ]


def superset_engine(warehouse) -> sa.Engine:
    """The SQLAlchemy URI a Superset database connection takes (four slashes for an absolute path)."""
    return sa.create_engine(f"duckdb:///{warehouse}?access_mode=read_only")


def duckdb_cli(*args: str) -> str:
    result = subprocess.run([str(BIN / "duckdb"), *args], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_published_figures_hold(figures):
    assert len(figures) == 18
    assert all(holds for _, holds, _, _ in figures)


def test_sqlalchemy_duckdb_engine_reads_the_published_file_read_only(warehouse, figures, mart_tables):
    engine = superset_engine(warehouse)
    try:
        inspector = sa.inspect(engine)
        # what Superset's schema picker lists: duckdb-engine names schemas <catalog>.<schema>
        assert "gba_tech_transfer.marts" in inspector.get_schema_names()
        assert set(mart_tables) <= set(inspector.get_table_names(schema="gba_tech_transfer.marts"))
        columns = {
            c["name"] for c in inspector.get_columns("published_figure_checks", schema="gba_tech_transfer.marts")
        }
        assert {"figure_id", "holds", "actual", "expected"} <= columns
        with engine.connect() as con:
            got = [tuple(r) for r in con.execute(sa.text(FIGURES_SQL))]
            with pytest.raises(sa.exc.DBAPIError, match="(?i)read.only"):
                con.execute(sa.text("create table marts.scratch (x integer)"))
    finally:
        engine.dispose()
    assert got == figures


def test_duckdb_cli_reads_the_published_figures(warehouse, figures):
    assert duckdb_cli("--version").startswith(f"v{duckdb.__version__}")
    out = duckdb_cli("-readonly", str(warehouse), "-csv", "-c", FIGURES_SQL)
    got = list(csv.DictReader(io.StringIO(out)))
    assert [(r["figure_id"], r["holds"] == "true", float(r["actual"]), float(r["expected"])) for r in got] == [
        (f, h, a, e) for f, h, a, e in figures
    ]


def test_readers_share_the_file(warehouse):
    """A BI tool holding the file open read-only does not lock out the CLI (or another reader)."""
    engine = superset_engine(warehouse)
    try:
        with engine.connect() as con:
            total = con.execute(sa.text("select count(*) from marts.fct_transfers")).scalar_one()
            out = duckdb_cli(
                "-readonly", str(warehouse), "-list", "-noheader", "-c", "select count(*) from marts.fct_transfers"
            )
    finally:
        engine.dispose()
    assert int(out.strip()) == total == target("in_scope_transfers", "fct_transfers")


def test_the_file_opens_in_duckdb_1_0_and_later(warehouse):
    """DuckDB 1.5 writes storage version 'v1.0.0+' by default: what the README promises BI drivers."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        tags = con.execute("select tags from duckdb_databases() where database_name = 'gba_tech_transfer'").fetchone()
    assert tags and tags[0].get("storage_version") == "v1.0.0+"


def test_every_mart_is_exported_to_parquet(warehouse, mart_tables):
    parquet = built().parquet
    assert sorted(p.stem for p in parquet.glob("*.parquet")) == mart_tables
    manifest = json.loads((parquet / MANIFEST).read_text(encoding="utf-8"))
    assert [t["table"] for t in manifest["tables"]] == mart_tables
    with duckdb.connect(str(warehouse), read_only=True) as con:
        for table in mart_tables:
            file = parquet / f"{table}.parquet"
            in_db = con.execute(f"describe marts.{table}").fetchall()
            in_file = con.execute(f"describe select * from read_parquet('{file}')").fetchall()
            assert [(c[0], c[1]) for c in in_file] == [(c[0], c[1]) for c in in_db], table
            rows = con.execute(f"select count(*) from marts.{table}").fetchone()[0]
            assert con.execute(f"select count(*) from read_parquet('{file}')").fetchone()[0] == rows, table
            assert next(t["rows"] for t in manifest["tables"] if t["table"] == table) == rows
            diff = con.execute(f"""select count(*) from (
                (select * from marts.{table} except all select * from read_parquet('{file}'))
                union all
                (select * from read_parquet('{file}') except all select * from marts.{table}))""").fetchone()[0]
            assert diff == 0, f"{table}: rows differ between the mart and its Parquet file"
    assert not list(parquet.parent.glob(".parquet.*")), "a temporary export directory was left behind"


def test_duckdb_cli_reads_the_parquet_export():
    parquet = built().parquet
    out = duckdb_cli(
        "-list",
        "-noheader",
        "-c",
        f"select actual from read_parquet('{parquet}/published_figure_checks.parquet') where figure_id = 'PF02'",
    )
    assert float(out.strip()) == target("transfers_out", "广州")


def test_export_replaces_the_whole_set(tmp_path, warehouse):
    out = tmp_path / "parquet"
    export_marts(warehouse, out)
    (out / "stale.parquet").write_bytes(b"left over from an older export")
    export_marts(warehouse, out)
    assert not (out / "stale.parquet").exists()
    assert (out / "fct_transfers.parquet").is_file()
    assert [p.name for p in tmp_path.iterdir()] == ["parquet"]


def test_a_failed_export_leaves_the_previous_set(tmp_path):
    out = tmp_path / "parquet"
    shutil.copytree(built().parquet, out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    empty = tmp_path / "empty.duckdb"
    duckdb.connect(str(empty)).close()
    with pytest.raises(RuntimeError, match="no tables in schema marts"):
        export_marts(empty, out)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.duckdb", "parquet"]
