"""One dbt build of an export on DuckDB, PostgreSQL, Spark local or a Spark cluster, and its marts as Parquet.

`build()` runs `dbt build` (or `dbt run`) with the engine's target on a throwaway database, server or cluster
(pg_server.py, spark_cluster.py) that lives for the build, and optionally snapshots every mart to
run_dir/marts/<name>.parquet; `make test-<engine>` (parity.py) and the benchmark (bench_engines.py) call it.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .. import PROJECT_DIR, sql_literal

ENGINES = ("duckdb", "postgres", "spark", "spark-cluster")
TARGETS = {"duckdb": "ci", "postgres": "postgres", "spark": "spark", "spark-cluster": "spark_cluster"}
# The dbt project to build (this one; GBA_DBT_PROJECT_DIR points elsewhere, e.g. a copy under test).
DBT_PROJECT_DIR = Path(os.environ.get("GBA_DBT_PROJECT_DIR", PROJECT_DIR)).resolve()
MART_FOLDERS = ("marts", "semantic")


@contextlib.contextmanager
def engine_environment(
    engine: str, work_dir: Path, pg_settings: dict[str, str] | None = None
) -> Iterator[dict[str, str]]:
    """The environment variables a dbt run on `engine` needs; a server or directory that lives for the block."""
    if engine == "duckdb":
        database = work_dir / "duckdb" / "warehouse.duckdb"
        database.parent.mkdir(parents=True, exist_ok=True)
        for stale in (database, database.with_name(database.name + ".wal")):
            stale.unlink(missing_ok=True)
        yield {"GBA_DUCKDB_PATH": str(database)}
    elif engine == "postgres":
        from .pg_server import temporary_server

        with temporary_server(pg_settings) as server:
            yield server.env()
    elif engine == "spark":
        spark_dir = Path(tempfile.mkdtemp(prefix="gba-spark-"))
        try:
            yield {"GBA_SPARK_DIR": str(spark_dir)}
        finally:
            shutil.rmtree(spark_dir, ignore_errors=True)
    elif engine == "spark-cluster":
        from .spark_cluster import temporary_cluster

        with temporary_cluster(progress=lambda text: print(text, flush=True)) as cluster:
            yield cluster.env()
    else:
        raise ValueError(f"unknown engine {engine!r}; one of {', '.join(ENGINES)}")


def dbt_command(
    engine: str, args: list[str], env: dict[str, str], run_dir: Path, quiet: bool = False
) -> tuple[int, float]:
    """Run dbt on `engine` with its own target and log paths under `run_dir`; return (exit code, seconds).

    quiet: dbt's console output goes to run_dir/dbt.out instead of stdout.
    """
    cmd = [
        str(Path(sys.executable).parent / "dbt"),
        *args,
        "--target",
        TARGETS[engine],
        "--target-path",
        str(run_dir / "target"),
        "--log-path",
        str(run_dir / "logs"),
    ]
    full_env = {**os.environ, "DBT_PROFILES_DIR": str(DBT_PROJECT_DIR / "profiles"), **env}
    started = time.monotonic()
    with (run_dir / "dbt.out").open("a") if quiet else contextlib.nullcontext() as out:
        code = subprocess.call(cmd, cwd=DBT_PROJECT_DIR, env=full_env, stdout=out, stderr=out)
    return code, time.monotonic() - started


def land_loads(engine: str, loads: list[str], env: dict[str, str], run_dir: Path, quiet: bool = False) -> int:
    """Land each export (a file or glob, checked as make build checks it) as one load, in order, with the
    engine's own reader (macros/landing/land.sql), all in one `dbt run-operation land_loads` (a Spark session
    starts once, not once per load); dbt's exit code."""
    from ..pipeline.land import load_files
    from ..pipeline.validate import check_raw

    if not loads:
        return 0
    args = {"loads": []}
    for number, raw in enumerate(loads, 1):
        # Decoded and converted copies under run_dir: a PostgreSQL server reads them itself, as its own user.
        checked = check_raw(raw, run_dir / "converted" / str(number))
        args["loads"].append({"files": load_files(checked), "loaded_at": f"2025-11-{number:02d} 00:00:00"})
    code, _ = dbt_command(
        engine, ["run-operation", "land_loads", "--args", json.dumps(args, ensure_ascii=False)], env, run_dir, quiet
    )
    return code


def build_args(engine: str, tests: bool = True, unit_tests: bool = True) -> list[str]:
    args = ["build"] if tests else ["run"]
    if (engine != "duckdb" or not unit_tests) and tests:
        # Unit-test fixtures are DuckDB literals (lists as '[a, b]'): the rules they pin are held to DuckDB's
        # results on the other engines by the comparison instead.
        args += ["--exclude-resource-type", "unit_test"]
    return args


def mart_names(run_dir: Path) -> list[str]:
    manifest = json.loads((run_dir / "target" / "manifest.json").read_text())
    return sorted(
        node["name"]
        for node in manifest["nodes"].values()
        if node["resource_type"] == "model"
        and node["package_name"] == "gba_tech_transfer"
        and node["fqn"][1] in MART_FOLDERS
        and node["config"].get("materialized") != "ephemeral"
    )


def mart_schema(run_dir: Path, name: str) -> str:
    manifest = json.loads((run_dir / "target" / "manifest.json").read_text())
    for node in manifest["nodes"].values():
        if node["resource_type"] == "model" and node["name"] == name:
            return node["schema"]
    raise KeyError(name)


def snapshot(engine: str, env: dict[str, str], run_dir: Path) -> Path:
    """Write every mart of the build in `run_dir` to run_dir/marts/<name>.parquet."""
    import duckdb

    out = run_dir / "marts"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    names = mart_names(run_dir)
    if engine == "duckdb":
        with duckdb.connect(env["GBA_DUCKDB_PATH"], read_only=True) as con:
            for name in names:
                target = sql_literal(out / (name + ".parquet"))
                con.execute(f"copy (select * from {mart_schema(run_dir, name)}.{name}) to {target} (format parquet)")
    elif engine == "postgres":
        _snapshot_postgres(env, run_dir, names, out)
    elif engine == "spark":
        _snapshot_spark(env, run_dir, names, out)
    elif engine == "spark-cluster":
        snapshot_thrift(env, [(mart_schema(run_dir, name), name) for name in names], out)
    return out


# Thrift's column types (PyHive's description) -> Arrow types (the marts' contract types).
def _thrift_arrow_types():
    import pyarrow as pa

    return {
        "BOOLEAN_TYPE": pa.bool_(),
        "TINYINT_TYPE": pa.int8(),
        "SMALLINT_TYPE": pa.int16(),
        "INT_TYPE": pa.int32(),
        "BIGINT_TYPE": pa.int64(),
        "FLOAT_TYPE": pa.float32(),
        "DOUBLE_TYPE": pa.float64(),
        "STRING_TYPE": pa.string(),
        "VARCHAR_TYPE": pa.string(),
        "CHAR_TYPE": pa.string(),
        "DATE_TYPE": pa.date32(),
        # Thrift sends a list as its JSON text (staging's lists; no mart has one): compared as that text.
        "ARRAY_TYPE": pa.string(),
    }


def snapshot_thrift(env: dict[str, str], relations: list[tuple[str, str]], out: Path) -> None:
    """Read each relation through the Thrift server, as a BI client on the cluster would: the types are the
    ones Thrift reports (a date arrives as 'YYYY-MM-DD' text and is parsed here), never guessed from values."""
    import datetime as dt

    import pyarrow as pa
    import pyarrow.parquet as pq
    from pyhive import hive

    arrow_types = _thrift_arrow_types()
    with contextlib.closing(
        hive.connect(
            host=env["GBA_SPARK_THRIFT_HOST"],
            port=int(env["GBA_SPARK_THRIFT_PORT"]),
            username=env["GBA_SPARK_THRIFT_USER"],
        )
    ) as con:
        cursor = con.cursor()
        cursor.arraysize = 10000
        for schema, name in relations:
            cursor.execute(f"select * from {schema}.{name}")
            columns = [d[0].rsplit(".", 1)[-1] for d in cursor.description]
            types = [arrow_types.get(d[1]) for d in cursor.description]
            unknown = [f"{c} {d[1]}" for c, t, d in zip(columns, types, cursor.description) if t is None]
            if unknown:
                raise TypeError(f"{name}: no Arrow type for Thrift column(s) {unknown}")
            rows = cursor.fetchall()
            arrays = {}
            for i, (column, arrow_type) in enumerate(zip(columns, types)):
                values = [row[i] for row in rows]
                if arrow_type == pa.date32():
                    values = [None if v is None else dt.date.fromisoformat(v) for v in values]
                arrays[column] = pa.array(values, type=arrow_type)
            pq.write_table(pa.table(arrays) if arrays else pa.table({}), out / f"{name}.parquet")


def _snapshot_spark(env: dict[str, str], run_dir: Path, names: list[str], out: Path) -> None:
    """Read the marts through the run's metastore (dbt's session has ended, so Derby is free again)."""
    import duckdb
    from pyspark.sql import SparkSession

    spark_dir = env["GBA_SPARK_DIR"]
    spark = (
        SparkSession.builder.master("local[*]")
        .appName("gba-snapshot")
        .config("spark.ui.enabled", "false")
        .config("spark.log.level", "ERROR")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.warehouse.dir", f"{spark_dir}/warehouse")
        .config(
            "spark.hadoop.javax.jdo.option.ConnectionURL",
            f"jdbc:derby:;databaseName={spark_dir}/metastore_db;create=true",
        )
        .config("spark.driver.extraJavaOptions", f"-Dderby.system.home={spark_dir} -Duser.timezone=UTC")
        .enableHiveSupport()
        .getOrCreate()
    )
    try:
        parts = Path(spark_dir) / "snapshot"
        for name in names:
            spark.table(f"{mart_schema(run_dir, name)}.{name}").coalesce(1).write.mode("overwrite").parquet(
                str(parts / name)
            )
        with duckdb.connect() as con:
            for name in names:
                source, target = sql_literal(parts / name / "*.parquet"), sql_literal(out / (name + ".parquet"))
                con.execute(f"copy (select * from read_parquet({source})) to {target} (format parquet)")
    finally:
        spark.stop()


def _snapshot_postgres(env: dict[str, str], run_dir: Path, names: list[str], out: Path) -> None:
    import psycopg2
    import pyarrow as pa
    import pyarrow.parquet as pq

    # PostgreSQL type oids -> Arrow types (the marts' contract types).
    arrow_types = {
        16: pa.bool_(),
        20: pa.int64(),
        23: pa.int32(),
        21: pa.int16(),
        25: pa.string(),
        1043: pa.string(),
        701: pa.float64(),
        1082: pa.date32(),
    }
    with (
        psycopg2.connect(
            host=env["GBA_PG_HOST"], port=env["GBA_PG_PORT"], user=env["GBA_PG_USER"], dbname=env["GBA_PG_DATABASE"]
        ) as con,
        con.cursor() as cur,
    ):
        for name in names:
            cur.execute(f"select * from {mart_schema(run_dir, name)}.{name}")
            columns = [d.name for d in cur.description]
            types = [arrow_types.get(d.type_code) for d in cur.description]
            unknown = [c for c, t in zip(columns, types) if t is None]
            if unknown:
                raise TypeError(f"{name}: no Arrow type for PostgreSQL column(s) {unknown}")
            rows = cur.fetchall()
            table = pa.table(
                {c: pa.array([r[i] for r in rows], type=t) for i, (c, t) in enumerate(zip(columns, types))}
            )
            pq.write_table(table, out / f"{name}.parquet")


@dataclass
class BuildResult:
    engine: str
    code: int
    seconds: float
    run_dir: Path
    setup_seconds: float = 0.0  # starting the server or cluster, before dbt
    landing_seconds: float = 0.0  # landing the loads (one dbt run-operation), before the build


def build(
    engine: str,
    loads: list[str],
    run_dir: Path,
    tests: bool = True,
    snapshot_marts: bool = False,
    pg_settings: dict[str, str] | None = None,
    quiet: bool = False,
    unit_tests: bool = True,
    then=None,
) -> BuildResult:
    """`loads` landed in order (none: the bundled seed), then dbt build (or run, tests=False) on `engine`;
    optionally snapshot the marts. The build's seconds count dbt build only; the landing's are apart.
    unit_tests=False leaves DuckDB's unit tests out too (the benchmark compares the same build everywhere).
    then(env, run_dir) -> exit code: more work on the same server or cluster after a successful build."""
    run_dir = run_dir.resolve()
    run_dir.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    with engine_environment(engine, run_dir, pg_settings) as env:
        setup_seconds = time.monotonic() - started
        code = land_loads(engine, loads, env, run_dir, quiet)
        landing_seconds = time.monotonic() - started - setup_seconds
        seconds = 0.0
        if code == 0:
            code, seconds = dbt_command(engine, build_args(engine, tests, unit_tests), env, run_dir, quiet)
        if code == 0 and snapshot_marts:
            snapshot(engine, env, run_dir)
        if code == 0 and then is not None:
            code = then(env, run_dir)
    return BuildResult(engine, code, seconds, run_dir, setup_seconds, landing_seconds)
