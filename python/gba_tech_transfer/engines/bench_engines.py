"""Benchmark rows for DuckDB, PostgreSQL, Spark local and a Spark cluster on the same input (`make bench` calls
engine_rows()).

    python -m gba_tech_transfer.engines.bench_engines [--scales 1 10]
        [--engines duckdb postgres spark spark-cluster] [--json FILE]

For each scale N the generator writes the bundled mix N times over as one CSV (`python -m
gba_tech_transfer.synthetic --scale N`; ×1 is the bundled export itself); each engine lands that CSV as the
warehouse's one load with its own reader, then runs the same `dbt build` as `make test-<engine>`: seeds, models
and data tests (unit tests left out, on DuckDB too), on a fresh database: a scratch DuckDB file, a throwaway
PostgreSQL 15 server on loopback (durable defaults: fsync on; shared_buffers 1GB, work_mem 64MB), Spark local[*] with a
throwaway warehouse, or a throwaway Spark standalone cluster (two one-core workers, 1200m executors) through its
Thrift server (spark_cluster.py). A row gives the wall time of the landing (one `dbt run-operation`) and of the
whole `dbt build`, the time dbt spent in models and in tests (run_results.json), the ratio of the two together to
DuckDB's at the same scale, and, apart, the server's or cluster's start-up (not in the ratio: a cluster is started
once and serves many builds). Each engine's marts are then compared with DuckDB's at the same scale, row for row
(parity.compare_marts, as `make test-<engine>` does; its report in the run directory's parity.log): a faster
engine that builds other marts has not built the warehouse.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from .. import PROJECT_DIR
from .parity import compare_marts
from .runner import build, snapshot

# PostgreSQL as one would run it for real: durable (fsync, synchronous commit), memory sized for the host.
BENCH_PG_SETTINGS = {
    "shared_buffers": "1GB",
    "work_mem": "64MB",
    "maintenance_work_mem": "256MB",
    "max_wal_size": "4GB",
}
WORK_DIR = PROJECT_DIR / ".scratch" / "bench_engines"


@dataclass
class EngineRow:
    engine: str
    scale: int
    raw_rows: int
    build_seconds: float
    model_seconds: float
    test_seconds: float
    ratio_to_duckdb: float | None  # landing and build, over DuckDB's
    passed: bool
    startup_seconds: float = 0.0
    landing_seconds: float = 0.0
    marts_equal: bool | None = None  # every mart equal to DuckDB's; None on DuckDB, or when not compared

    @property
    def total_seconds(self) -> float:
        """Landing and dbt build: what a user waits for, the server or cluster already running."""
        return self.landing_seconds + self.build_seconds

    @property
    def ok(self) -> bool:
        """The build passed and its marts did not differ from DuckDB's (uncompared marts are not a failure)."""
        return self.passed and self.marts_equal is not False


def write_export(scale: int, work_dir: Path) -> tuple[Path, int]:
    out = work_dir / f"export_x{scale}.csv"
    if not out.exists():
        subprocess.run(
            [sys.executable, "-m", "gba_tech_transfer.synthetic", "--scale", str(scale), "--out", str(out)],
            check=True,
            cwd=PROJECT_DIR,
        )
    with out.open("rb") as handle:
        rows = sum(1 for _ in handle) - 1  # no line breaks inside the generator's fields
    return out, rows


def _node_seconds(run_dir: Path) -> tuple[float, float]:
    results = json.loads((run_dir / "target" / "run_results.json").read_text())["results"]
    models = sum(r["execution_time"] for r in results if r["unique_id"].startswith(("model.", "seed.")))
    tests = sum(r["execution_time"] for r in results if r["unique_id"].startswith("test."))
    return models, tests


def _snapshot_or_say(engine: str, errors: dict[str, str]):
    """runner.build's `then`: the marts snapshotted on the same server or cluster; a snapshot that fails leaves the
    row's marts uncompared (its reason in `errors`) instead of losing the build's figures."""

    def then(env: dict[str, str], run_dir: Path) -> int:
        errors.pop(engine, None)
        try:
            snapshot(engine, env, run_dir)
        except Exception as error:  # any client's error: reported, never fatal to the benchmark
            shutil.rmtree(run_dir / "marts", ignore_errors=True)
            errors[engine] = f"{type(error).__name__}: {str(error)[:300]}"
        return 0

    return then


def engine_rows(
    scales=(1, 10),
    engines=("duckdb", "postgres", "spark", "spark-cluster"),
    exports: dict[int, Path] | None = None,
    work_dir: Path = WORK_DIR,
    progress: bool = True,
    compare: bool = True,
) -> list[EngineRow]:
    """Build each scale's export on each engine; one row per (engine, scale), DuckDB's first for the ratios and
    the comparison of the marts (compare=False skips it).

    exports: {scale: CSV path} to use instead of generating them (bench.py passes its own raw_xN.csv).
    """
    rows: list[EngineRow] = []
    snapshot_errors: dict[str, str] = {}
    engines = ["duckdb", *[e for e in engines if e != "duckdb"]]
    for scale in scales:
        if exports and scale in exports:
            export = Path(exports[scale]).resolve()
            with export.open("rb") as handle:
                raw_rows = sum(1 for _ in handle) - 1
        else:
            export, raw_rows = write_export(scale, work_dir)
        duckdb_seconds, reference = None, None
        for engine in engines:
            if progress:
                print(f"bench_engines: x{scale} ({raw_rows} rows) on {engine} ...", file=sys.stderr, flush=True)
            run_dir = work_dir / f"{engine}_x{scale}"
            result = build(
                engine,
                [str(export)],
                run_dir,
                pg_settings=BENCH_PG_SETTINGS if engine == "postgres" else None,
                quiet=True,
                unit_tests=False,
                then=_snapshot_or_say(engine, snapshot_errors) if compare else None,
            )
            if progress and result.code != 0:
                print(f"bench_engines: dbt build failed, see {run_dir / 'dbt.out'}", file=sys.stderr, flush=True)
            model_seconds, test_seconds = (
                _node_seconds(run_dir) if (run_dir / "target" / "run_results.json").exists() else (0.0, 0.0)
            )
            total = result.landing_seconds + result.seconds
            if engine == "duckdb":
                duckdb_seconds, reference = total, run_dir / "marts"
            marts_equal = None
            if progress and engine in snapshot_errors:
                print(
                    f"bench_engines: x{scale} marts on {engine} not compared: {snapshot_errors[engine]}",
                    file=sys.stderr,
                )
            compared = reference is not None and reference.is_dir() and (run_dir / "marts").is_dir()
            if compare and engine != "duckdb" and result.code == 0 and compared:
                log = run_dir / "parity.log"
                marts_equal = compare_marts(reference, run_dir / "marts", engine, log) == 0
                if progress:
                    print(
                        f"bench_engines: x{scale} marts on {engine} {'equal' if marts_equal else 'DIFFER'} to DuckDB's"
                        f" (see {log})",
                        file=sys.stderr,
                        flush=True,
                    )
            rows.append(
                EngineRow(
                    engine=engine,
                    scale=scale,
                    raw_rows=raw_rows,
                    build_seconds=round(result.seconds, 1),
                    model_seconds=round(model_seconds, 1),
                    test_seconds=round(test_seconds, 1),
                    ratio_to_duckdb=round(total / duckdb_seconds, 2) if duckdb_seconds else None,
                    passed=result.code == 0,
                    startup_seconds=round(result.setup_seconds, 1),
                    landing_seconds=round(result.landing_seconds, 1),
                    marts_equal=marts_equal,
                )
            )
    return rows


def format_rows(rows: list[EngineRow]) -> str:
    lines = [
        f"{'engine':<13} {'scale':>5} {'raw rows':>9} {'landing':>8} {'dbt build':>10} {'models':>8} {'tests':>8} "
        f"{'× DuckDB':>9} {'start-up':>9}  marts"
    ]
    for r in rows:
        ratio = "" if r.ratio_to_duckdb is None else f"{r.ratio_to_duckdb:.1f}"
        startup = f"{r.startup_seconds:.1f}s" if r.startup_seconds >= 0.5 else ""
        marts = {None: "", True: "= DuckDB's", False: "DIFFER"}[r.marts_equal]
        lines.append(
            f"{r.engine:<13} {'x' + str(r.scale):>5} {r.raw_rows:>9} {r.landing_seconds:>7.1f}s "
            f"{r.build_seconds:>9.1f}s {r.model_seconds:>7.1f}s {r.test_seconds:>7.1f}s {ratio:>9} {startup:>9}  "
            f"{marts}{'' if r.passed else '  FAILED'}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10])
    parser.add_argument(
        "--engines",
        nargs="+",
        default=["duckdb", "postgres", "spark", "spark-cluster"],
        choices=["duckdb", "postgres", "spark", "spark-cluster"],
    )
    parser.add_argument("--json", type=Path, help="also write the rows as JSON here")
    args = parser.parse_args(argv)
    started = time.monotonic()
    rows = engine_rows(tuple(args.scales), tuple(args.engines))
    print(format_rows(rows))
    print(f"(bench_engines: {time.monotonic() - started:.0f} s in all)")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps([asdict(r) for r in rows], indent=1))
    return 0 if all(r.ok for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
