"""Benchmark the build from the bundled mix to ×100, against DuckDB's own scan floor.

    python -m gba_tech_transfer.engines.bench [--scales 1,10,100] [--format csv|parquet|legal-status|…[,…]] [--keep]
                                      [--regenerate] [--engines postgres,spark,spark-cluster|none]
                                      [--repeat N] [--no-fixed]
    make bench [BENCH_ARGS='--scales 1,10']

--format takes several formats, comma-separated (e.g. `--format csv,legal-status --scales 10`): each is built
at every scale, and the export shapes of docs/bring-your-own.md are compared with the contract CSV (goal: a
x10 build of the legal-status shape within 1.5x the CSV's).

For every scale N it generates (or reuses) the export `warehouse/bench/data/raw_xN.<format>` with the
generator's `--scale N`, then builds it exactly as `make build RAW=<that file>` does (`python -m
gba_tech_transfer.pipeline`: validation, `dbt build` with every model and data test, checkpoint, atomic
publish, Parquet export) into a scratch warehouse under `warehouse/bench/scratch/`, and measures:

- wall seconds of the whole build, split into validation (before dbt starts), dbt, and publishing;
- peak resident memory of the whole process tree (pipeline/publish.py, dbt and its DuckDB), sampled from /proc every
  0.1 s and summed over the tree, and the largest single process from wait4's ru_maxrss;
- CPU seconds (user + system) of the tree: on a machine shared with other work this is steadier than wall;
- the floor: DuckDB's time to scan the same files once, `select count(*)` over `read_csv` with the build's
  own options (best of three, warm cache). For Parquet a count(*) is answered from the file's metadata, so
  the Parquet floor is no scan and the build/floor ratio is not meaningful: CSV is the default.

Before the scales it builds the bundled seed (`make build`'s load) and a one-record export (x0: the fixed
cost), each measured the same way. It prints the table, checks the goals (docs/benchmark.md, "Goals"), lists
the slowest models and tests of the largest scale from dbt's run_results.json. Then the side-by-side rows of
issue 7: the x1 and x10 CSV exports built by the same `dbt build` (seeds, models, data tests) on DuckDB,
PostgreSQL, Spark local and a Spark cluster (bench_engines.py; about 20 minutes; `--engines none` skips them),
and their goals. Everything is written as JSON to
warehouse/bench/bench-<UTC time>.json (and warehouse/bench/latest.json) so runs can be compared, and the
measured part of docs/benchmark.md is rewritten from it (bench_doc.py). Not part of `make test`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shlex
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .. import PROJECT_DIR, contract, make_var, sql_literal
from .bench_doc import write_doc

BENCH_DIR = PROJECT_DIR / "warehouse" / "bench"
DATA_DIR = BENCH_DIR / "data"
SCRATCH_DIR = BENCH_DIR / "scratch"
WORK_DIR = PROJECT_DIR / ".scratch" / "bench"  # dbt target/log paths of the benchmark builds
SEED = PROJECT_DIR / "seeds" / "raw" / "raw_transfer_records.csv"  # the bundled export, `make build`'s load

# Goals on this 2-core machine (docs/benchmark.md, "Goals").
GOAL_BUNDLED_S = 8.0  # `make build` of the bundled export (the seed) on a warm .venv
GOAL_X100_S = 60.0
GOAL_X100_RSS_GIB = 3.0
GOAL_FLOOR_FACTOR = 30.0  # the data-dependent part of x100 (wall minus the fixed cost) over the scan floor
GOAL_SPARK_LOCAL_X10_S = 150.0
GOAL_SPARK_CLUSTER_X10_S = 600.0  # builds and passes every test
GOAL_POSTGRES_RATIO = 5.0  # DuckDB at least 5x faster than PostgreSQL at x10, in the same run
GOAL_SPARK_RATIO = 7.0  # and at least 7x faster than Spark local

_PROGRESS_BAR = re.compile(r"\d+%\s*▕")
_DBT_LINE = re.compile(r"^(\d\d:\d\d:\d\d)\s+(.*)$")
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


@dataclass
class Run:
    scale: int
    format: str
    export: str
    export_mb: float
    raw_rows: int
    floor_s: float | None = None
    wall_s: float | None = None
    validate_s: float | None = None  # the loader's file checks (and decoding), before anything lands
    parse_s: float | None = None  # dbt's start and parse of the project (once per command: dbt_session.py)
    land_s: float | None = None  # landing the export in raw (dbt run-operation land_load)
    dbt_s: float | None = None
    publish_s: float | None = None
    peak_rss_gib: float | None = None
    max_process_rss_gib: float | None = None
    cpu_s: float | None = None
    exit_code: int | None = None
    warehouse_mb: float | None = None  # the published DuckDB file
    load_before: list[float] = field(default_factory=list)
    load_during: float | None = None  # mean 1-minute load average while it ran (2 = both cores busy)
    dbt_summary: str = ""
    slowest: list[dict] = field(default_factory=list)
    totals_by_type: dict = field(default_factory=dict)
    repeat_walls: list[float] = field(default_factory=list)  # every build of --repeat; this run is the median's
    repeat_cpus: list[float] = field(default_factory=list)

    @property
    def label(self) -> str:
        """x1, x100, …; the bundled seed's build is `seed`, the one-record build `x0`."""
        return "seed" if self.format == "seed" else f"x{self.scale}"

    @property
    def ratio(self) -> float | None:
        if self.wall_s is None or not self.floor_s or self.format != "csv" or self.scale == 0:
            return None
        return self.wall_s / self.floor_s


# --- exports --------------------------------------------------------------------------------------------


def export_path(scale: int, fmt: str) -> Path:
    suffix = fmt if fmt in ("csv", "parquet", "xlsx") else f"{fmt}.csv"  # the other shapes are CSV files
    return DATA_DIR / f"raw_x{scale}.{suffix}"


def one_record_export(regenerate: bool) -> Path:
    """The first record of the x1 export, with its header: the fixed cost's build (a header alone is refused as no
    export). Written with the csv module, so a record whose quoted text spans lines stays whole."""
    import csv

    out = export_path(0, "csv")
    if out.exists() and not regenerate:
        return out
    source = ensure_export(1, "csv", regenerate)
    with source.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header, first = next(reader), next(reader)
    with out.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows([header, first])
    return out


def ensure_export(scale: int, fmt: str, regenerate: bool) -> Path:
    """The export at this scale, generated once (written to a temporary name, renamed when complete)."""
    if scale == 0:
        return one_record_export(regenerate)
    out = export_path(scale, fmt)
    if out.exists() and not regenerate:
        say(f"x{scale}: reusing {rel(out)} ({out.stat().st_size / 2**20:.0f} MB)")
        return out
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".partial")
    say(f"x{scale}: generating {rel(out)} (python -m gba_tech_transfer.synthetic --scale {scale})")
    t0 = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "gba_tech_transfer.synthetic",
            "--scale",
            str(scale),
            "--out",
            str(partial),
            "--format",
            fmt,
        ],
        cwd=PROJECT_DIR,
        check=True,
    )
    os.replace(partial, out)
    say(f"x{scale}: generated in {time.perf_counter() - t0:.0f} s")
    return out


def reader_sql(path: Path, fmt: str) -> str:
    quoted = sql_literal(path)
    if fmt == "parquet":
        return f"read_parquet([{quoted}], union_by_name = true)"
    return f"read_csv([{quoted}], {contract.READ_CSV_OPTIONS})"


def scan_floor(path: Path, fmt: str) -> tuple[int, float]:
    """Rows, and the best of three timings of one count(*) over the file (DuckDB, default threads)."""
    import duckdb

    best = None
    with duckdb.connect() as con:
        con.execute("set enable_progress_bar = false")
        for _ in range(3):
            t0 = time.perf_counter()
            rows = con.execute(f"select count(*) from {reader_sql(path, fmt)}").fetchone()[0]
            elapsed = time.perf_counter() - t0
            best = elapsed if best is None else min(best, elapsed)
    return rows, best


# --- one build ------------------------------------------------------------------------------------------


def tree_rss_bytes(root: int) -> int:
    """Resident memory of `root` and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    page = os.sysconf("SC_PAGE_SIZE")
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as handle:
                stat = handle.read().decode(errors="replace")
        except OSError:
            continue
        fields = stat[stat.rfind(")") + 2 :].split()
        pid, ppid = int(entry.name), int(fields[1])
        children.setdefault(ppid, []).append(pid)
        rss[pid] = int(fields[21]) * page
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total


def build(run: Run, keep: bool) -> None:
    """`python -m gba_tech_transfer.pipeline --raw <export>` into a scratch warehouse, measured."""
    SCRATCH_DIR.mkdir(parents=True, exist_ok=True)
    warehouse = SCRATCH_DIR / f"{run.label}.duckdb"
    target = WORK_DIR / f"target_{run.label}"
    logs = WORK_DIR / f"logs_{run.label}"
    shutil.rmtree(target, ignore_errors=True)
    # The scratch warehouse is the benchmark's own: one kept by an earlier --keep would make this build refuse
    # (a build does not drop another export's load without REPLACE), so it is removed first.
    remove_scratch(run.label)
    log_file = BENCH_DIR / "logs" / f"build_{run.label}.log"
    log_file.parent.mkdir(parents=True, exist_ok=True)
    cmd = [
        sys.executable,
        "-u",
        "-m",
        "gba_tech_transfer.pipeline",
        "--warehouse",
        str(warehouse),
        # The seed's build is `make build` without RAW: the bundled export, landed as a dbt seed.
        *([] if run.format == "seed" else ["--raw", str(PROJECT_DIR / run.export)]),
        "--",
        "--target-path",
        str(target),
        "--log-path",
        str(logs),
    ]
    env = dict(os.environ, PYTHONUNBUFFERED="1", DBT_PROFILES_DIR=str(PROJECT_DIR / "profiles"))
    env.pop("GBA_DUCKDB_PATH", None)
    run.load_before = [round(x, 2) for x in os.getloadavg()]
    say(f"{run.label}: building {run.raw_rows:,} rows (load average {run.load_before[0]:.2f}); log {rel(log_file)}")

    marks: dict[str, float] = {}
    peak = [0]
    loads: list[float] = []
    done = threading.Event()
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=PROJECT_DIR, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)

    def sample() -> None:
        ticks = 0
        while not done.is_set():
            peak[0] = max(peak[0], tree_rss_bytes(proc.pid))
            if ticks % 50 == 0:
                loads.append(os.getloadavg()[0])
            ticks += 1
            done.wait(0.1)

    def read() -> None:
        counts = {"model": 0, "test": 0}
        last_report = 0.0
        with log_file.open("w", encoding="utf-8") as log:
            for raw_line in proc.stdout:
                line = raw_line.decode("utf-8", errors="replace").rstrip("\n")
                now = time.perf_counter() - t0
                if _PROGRESS_BAR.search(line):
                    continue  # DuckDB's progress bar (validation of a big file)
                log.write(f"{now:8.2f} {line}\n")
                text = _DBT_LINE.sub(r"\2", _ANSI.sub("", line))
                # One dbt session per command (pipeline/dbt_session.py): dbt starts and parses once, then the command
                # says "Landing …" and "Building …" before each step.
                if "Running with dbt=" in text:
                    marks.setdefault("parse_start", now)
                elif text.startswith("Landing "):
                    marks["land_start"] = now
                elif text.startswith("Landed load "):
                    marks["landed"] = now
                    say(f"  {run.label} {now:6.1f}s  landed in raw")
                elif text.startswith("Building every model"):
                    marks["dbt_start"] = now
                elif text.startswith(("Finished running", "Done. PASS")):
                    marks["dbt_end"] = now
                    if text.startswith("Done."):
                        run.dbt_summary = text
                elif text.startswith("Published "):
                    marks.setdefault("published", now)
                if " OK created " in text:
                    counts["model"] += 1
                    name = re.sub(r"\s*(\.{2,}|\[).*$", "", text.split(" OK created ", 1)[1])
                    say(f"  {run.label} {now:6.1f}s  built {name.replace('sql ', '')}")
                elif re.search(r" (PASS|WARN) ", text) and " of " in text:
                    counts["test"] += 1
                    if now - last_report > 5:
                        say(f"  {run.label} {now:6.1f}s  {counts['test']} tests passed")
                        last_report = now
                elif re.search(r"\b(ERROR|FAIL)\b|refused|failed", text):
                    say(f"  {run.label} {now:6.1f}s  {text}")

    threads = [threading.Thread(target=sample, daemon=True), threading.Thread(target=read, daemon=True)]
    for thread in threads:
        thread.start()
    _, status, usage = os.wait4(proc.pid, 0)
    end = time.perf_counter() - t0
    done.set()
    proc.returncode = os.waitstatus_to_exitcode(status)
    for thread in threads:
        thread.join()

    run.exit_code = proc.returncode
    run.wall_s = round(end, 2)
    run.cpu_s = round(usage.ru_utime + usage.ru_stime, 1)
    run.peak_rss_gib = round(peak[0] / 2**30, 2)
    run.max_process_rss_gib = round(usage.ru_maxrss * 1024 / 2**30, 2)  # ru_maxrss is in KiB on Linux
    run.load_during = round(sum(loads) / len(loads), 2) if loads else None
    if "parse_start" in marks:
        run.validate_s = round(marks["parse_start"], 2)
        parsed = marks.get("land_start", marks.get("dbt_start"))  # the seed's build lands nothing first
        if parsed is not None:
            run.parse_s = round(parsed - marks["parse_start"], 2)
    if "land_start" in marks and "landed" in marks:
        run.land_s = round(marks["landed"] - marks["land_start"], 2)
    if "dbt_start" in marks:
        if "dbt_end" in marks:
            run.dbt_s = round(marks["dbt_end"] - marks["dbt_start"], 2)
            run.publish_s = round(end - marks["dbt_end"], 2)
    _read_run_results(run, target / "run_results.json")
    status_text = "ok" if run.exit_code == 0 else f"FAILED (exit {run.exit_code}; see {rel(log_file)})"
    say(f"{run.label}: {status_text} in {run.wall_s:.1f} s, peak RSS {run.peak_rss_gib:.2f} GiB, CPU {run.cpu_s:.0f} s")
    if warehouse.exists():
        run.warehouse_mb = round(warehouse.stat().st_size / 2**20, 1)
    if not keep:
        remove_scratch(run.label)
        shutil.rmtree(SCRATCH_DIR / "parquet", ignore_errors=True)  # pipeline/publish.py's Parquet export of the marts


def remove_scratch(label: str) -> None:
    """The scratch warehouse of one build (x1, seed, …) and its write-ahead log."""
    for leftover in SCRATCH_DIR.glob(f"{label}.duckdb*"):
        leftover.unlink(missing_ok=True)


def _read_run_results(run: Run, path: Path) -> None:
    if not path.exists():
        return
    results = json.loads(path.read_text())["results"]
    totals: dict[str, dict] = {}
    for result in results:
        kind = result["unique_id"].split(".")[0]
        entry = totals.setdefault(kind, {"n": 0, "seconds": 0.0})
        entry["n"] += 1
        entry["seconds"] = round(entry["seconds"] + result["execution_time"], 2)
    run.totals_by_type = totals
    ranked = sorted(results, key=lambda r: -r["execution_time"])
    run.slowest = [
        {
            "kind": r["unique_id"].split(".")[0],
            "name": r["unique_id"].split(".")[2],
            "seconds": round(r["execution_time"], 2),
            "status": r["status"],
        }
        for r in ranked[:40]
    ]


# --- report ---------------------------------------------------------------------------------------------


def say(message: str) -> None:
    print(message, flush=True)


def rel(path: Path) -> str:
    try:
        return str(Path(path).resolve().relative_to(PROJECT_DIR))
    except ValueError:
        return str(path)


def _f(value, fmt: str, none: str = "—") -> str:
    return none if value is None else format(value, fmt)


def table(runs: list[Run]) -> list[str]:
    by_scale = {r.scale: r for r in runs}
    head = (
        f"{'scale':>6} {'fmt':<7} {'raw rows':>10} {'wall s':>7} {'valid.':>6} {'parse':>6} {'land':>6} {'dbt':>6} "
        f"{'publ.':>6} "
        f"{'peak RSS':>9} {'CPU s':>6} {'file MB':>8} {'floor s':>7} {'build/floor':>11} {'growth':>7} {'load':>5}"
    )
    lines = [head, "-" * len(head)]
    previous = None
    for run in runs:
        growth = None
        if previous and previous.wall_s and run.wall_s and previous.format == run.format and previous.scale:
            growth = run.wall_s / previous.wall_s
        lines.append(
            f"{run.label:>6} {run.format:<7} {run.raw_rows:>10,} {_f(run.wall_s, '7.1f'):>7} "
            f"{_f(run.validate_s, '6.1f'):>6} {_f(run.parse_s, '6.1f'):>6} {_f(run.land_s, '6.1f'):>6} "
            f"{_f(run.dbt_s, '6.1f'):>6} "
            f"{_f(run.publish_s, '6.1f'):>6} {_f(run.peak_rss_gib, '6.2f') + ' GiB':>9} {_f(run.cpu_s, '6.0f'):>6} "
            f"{_f(run.warehouse_mb, '8.0f'):>8} {_f(run.floor_s, '7.2f'):>7} "
            f"{_f(run.ratio, '10.1f') + 'x' if run.ratio else '—':>11} "
            f"{_f(growth, '6.1f') + 'x' if growth else '':>7} {_f(run.load_during, '5.1f'):>5}"
        )
        previous = run
    lines.append(
        "growth: wall time over the previous scale's (x10/x1, x100/x10); load: mean 1-minute load average "
        f"during the build ({os.cpu_count()} CPUs: above {os.cpu_count()} other work was competing)"
    )
    if 10 in by_scale and 100 in by_scale and by_scale[10].wall_s and by_scale[100].wall_s:
        lines.append(f"growth x100/x10: {by_scale[100].wall_s / by_scale[10].wall_s:.1f}x")
    return lines


def fixed_cost(runs: list[Run]) -> float | None:
    """The build's fixed cost, measured: the wall time of the one-record export's build (x0), every model and test
    run on no data to speak of."""
    return next((r.wall_s for r in runs if r.scale == 0 and r.format == "csv" and r.exit_code == 0), None)


def goals(runs: list[Run]) -> list[tuple[str, bool | None, str]]:
    """The DuckDB goals (docs/benchmark.md, "Goals"), from the runs of the first format, the seed's and x0's."""
    out: list[tuple[str, bool | None, str]] = []
    seed = next((r for r in runs if r.format == "seed" and r.wall_s), None)
    x100 = next((r for r in runs if r.scale == 100 and r.format != "seed" and r.wall_s), None)

    def repeats(run: Run) -> str:
        walls = run.repeat_walls
        return f" (median of {len(walls)}: {', '.join(f'{w:.1f}' for w in walls)})" if len(walls) > 1 else ""

    if seed:
        out.append(
            (
                f"bundled make build <= {GOAL_BUNDLED_S:.0f} s",
                seed.wall_s <= GOAL_BUNDLED_S,
                f"{seed.wall_s:.1f} s, CPU {seed.cpu_s:.0f} s{repeats(seed)}",
            )
        )
    if x100:
        out.append(
            (
                f"x100 <= {GOAL_X100_S:.0f} s",
                x100.wall_s <= GOAL_X100_S,
                f"{x100.wall_s:.1f} s, CPU {x100.cpu_s:.0f} s{repeats(x100)}",
            )
        )
        out.append(
            (
                f"x100 peak <= {GOAL_X100_RSS_GIB:.1f} GiB",
                x100.peak_rss_gib <= GOAL_X100_RSS_GIB,
                f"{x100.peak_rss_gib:.2f} GiB (tree), largest process {x100.max_process_rss_gib:.2f} GiB",
            )
        )
    fixed = fixed_cost(runs)
    if x100 and x100.floor_s and x100.format == "csv":
        if fixed is None:
            out.append((f"x100 data-dependent part <= {GOAL_FLOOR_FACTOR:.0f}x floor", None, "no x0 build"))
        else:
            factor = (x100.wall_s - fixed) / x100.floor_s
            out.append(
                (
                    f"x100 data-dependent part <= {GOAL_FLOOR_FACTOR:.0f}x floor",
                    factor <= GOAL_FLOOR_FACTOR,
                    f"({x100.wall_s:.1f} s - fixed {fixed:.1f} s) / floor {x100.floor_s:.2f} s = {factor:.0f}x "
                    "(fixed: the one-record export's build, x0)",
                )
            )
    return out


def engine_goals(rows: list) -> list[tuple[str, bool | None, str]]:
    """The engines' goals at x10, from the side-by-side rows of one run (bench_engines.EngineRow)."""
    at = {r.engine: r for r in rows if r.scale == 10}
    out: list[tuple[str, bool | None, str]] = []
    local, cluster = at.get("spark"), at.get("spark-cluster")
    for row, label, goal in (
        (local, f"Spark local x10 <= {GOAL_SPARK_LOCAL_X10_S:.0f} s", GOAL_SPARK_LOCAL_X10_S),
        (cluster, f"Spark cluster x10 passes <= {GOAL_SPARK_CLUSTER_X10_S / 60:.0f} min", GOAL_SPARK_CLUSTER_X10_S),
    ):
        if row:
            # Landing and build (the cluster's start-up apart), every test passed and every mart equal to DuckDB's.
            detail = (
                f"{row.total_seconds:.1f} s (landing {row.landing_seconds:.1f} s, dbt build {row.build_seconds:.1f} s)"
            )
            if not row.passed:
                detail += ", build FAILED"
            elif row.marts_equal is None:
                detail += ", marts not compared"
            elif not row.marts_equal:
                detail += ", marts DIFFER from DuckDB's"
            out.append((label, row.passed and bool(row.marts_equal) and row.total_seconds <= goal, detail))
    for engine, name, goal in (
        ("postgres", "PostgreSQL", GOAL_POSTGRES_RATIO),
        ("spark", "Spark local", GOAL_SPARK_RATIO),
    ):
        row = at.get(engine)
        if row and row.ratio_to_duckdb is not None:
            out.append(
                (
                    f"DuckDB >= {goal:.0f}x faster than {name} at x10",
                    row.ratio_to_duckdb >= goal,
                    f"{row.ratio_to_duckdb:.1f}x",
                )
            )
    return out


def print_goals(checks: list[tuple[str, bool | None, str]]) -> None:
    for label, held, detail in checks:
        mark = "n/a " if held is None else ("MET " if held else "MISS")
        say(f"  {mark} {label:<42} {detail}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m gba_tech_transfer.engines.bench", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--scales", default="1,10,100", help="comma-separated scales (default: %(default)s)")
    parser.add_argument(
        "--format",
        default="csv",
        help="export format(s), comma-separated: csv, parquet, headers, legal-status, history "
        "(default: %(default)s; a Parquet count(*) reads only metadata)",
    )
    parser.add_argument("--regenerate", action="store_true", help="regenerate the exports even if present")
    parser.add_argument("--keep", action="store_true", help="keep the scratch warehouses")
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="build each export this many times and report the median wall time's run (default: %(default)s)",
    )
    parser.add_argument(
        "--no-fixed",
        action="store_true",
        help="skip the builds of the bundled seed (make build) and of the one-record export (the fixed cost)",
    )
    parser.add_argument("--top", type=int, default=12, help="slowest models and tests to list (default 12)")
    parser.add_argument(
        "--engines",
        default="postgres,spark,spark-cluster",
        help="engines to build the x1 and x10 CSV exports on beside DuckDB, for the side-by-side rows "
        "(default: %(default)s; 'none' to skip them: about 15 minutes)",
    )
    # make bench BENCH_ARGS='…': split like a shell would, but only into words, never run (shlex executes nothing).
    command = "python -m gba_tech_transfer.engines.bench"
    if argv is None:  # no arguments on the command line: make's BENCH_ARGS, if any
        argv = sys.argv[1:] or shlex.split(make_var("BENCH_ARGS"))
        if not sys.argv[1:]:
            command = "make bench" + (f" BENCH_ARGS='{shlex.join(argv)}'" if argv else "")
    if not command.startswith("make"):
        command = " ".join([command, shlex.join(argv)]).strip()
    args = parser.parse_args(argv)
    scales = sorted({int(s) for s in args.scales.split(",") if s.strip()})
    formats = [f.strip() for f in args.format.split(",") if f.strip()]
    known = ("csv", "parquet", "headers", "legal-status", "history")
    if any(f not in known for f in formats):
        parser.error(f"--format: each of {', '.join(known)}")

    started = dt.datetime.now(dt.UTC)
    load_before = [round(x, 2) for x in os.getloadavg()]
    say(
        f"Benchmark: scales {', '.join('x' + str(s) for s in scales)}, {', '.join(formats)}; "
        f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}"
    )
    # First the fixed cost: `make build` of the bundled seed, and the same build as the exports' of one record.
    plan = [] if args.no_fixed else [("seed", 1), ("csv", 0)]
    plan += [(fmt, scale) for fmt in formats for scale in scales]
    runs: list[Run] = []
    for fmt, scale in plan:
        if fmt == "seed":
            export, rows, floor = SEED, sum(1 for _ in SEED.open("rb")) - 1, None
        else:
            export = ensure_export(scale, fmt, args.regenerate)
            reader = "read_parquet" if fmt == "parquet" else "read_csv"
            say(f"x{scale}: measuring the scan floor (count(*) over {reader})")
            rows, floor = scan_floor(export, fmt)
        repeats = []
        for _ in range(max(1, args.repeat)):
            run = Run(
                scale=scale,
                format=fmt,
                export=rel(export),
                export_mb=round(export.stat().st_size / 2**20, 1),
                raw_rows=rows,
                floor_s=None if floor is None else round(floor, 3),
            )
            build(run, args.keep)
            repeats.append(run)
        median = sorted(repeats, key=lambda r: r.wall_s or 0)[len(repeats) // 2]
        median.repeat_walls = [r.wall_s for r in repeats]
        median.repeat_cpus = [r.cpu_s for r in repeats]
        if any(r.exit_code for r in repeats):
            median.exit_code = next(r.exit_code for r in repeats if r.exit_code)
        runs.append(median)

    lines = table(runs)
    say("\n" + "\n".join(lines))
    # The scale goals are the first format's; the shapes are held against the contract CSV's build.
    checks = goals([r for r in runs if r.format in (formats[0], "seed")]) + shape_goals(runs)
    say("\nGoals (docs/benchmark.md):")
    print_goals(checks)
    if any(r.exit_code for r in runs):
        say("\nA build FAILED: its figures above are not a benchmark.")
    largest = max(runs, key=lambda r: r.scale) if runs else None
    if largest and largest.slowest:
        for kind, label in (("model", "models"), ("test", "data tests")):
            ranked = [s for s in largest.slowest if s["kind"] == kind][: args.top]
            total = largest.totals_by_type.get(kind, {})
            say(
                f"\nSlowest {label} at x{largest.scale} (dbt run_results.json; {total.get('n', 0)} {label}, "
                f"{total.get('seconds', 0):.0f} s summed over 2 threads):"
            )
            for s in ranked:
                say(f"  {s['seconds']:7.2f} s  {s['name']}")

    engine_rows = side_by_side(scales, args.engines)
    if engine_rows:
        say("\nGoals of the engines (docs/benchmark.md):")
        print_goals(engine_goals(engine_rows))
        checks += engine_goals(engine_rows)

    record = {
        "started_utc": started.isoformat(timespec="seconds"),
        "command": command,
        "machine": {
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "python": platform.python_version(),
            "load_before": load_before,
            "load_after": [round(x, 2) for x in os.getloadavg()],
        },
        "versions": _versions(),
        "git": _git(),
        "fixed_startup_s": fixed_cost(runs),
        "runs": [dict(asdict(r), build_over_floor=r.ratio) for r in runs],
        "goals": [{"goal": g, "met": m, "detail": d} for g, m, d in checks],
        "table": lines,
        "engines": [asdict(r) for r in engine_rows],
    }
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    out = BENCH_DIR / f"bench-{started.strftime('%Y%m%dT%H%M%SZ')}.json"
    out.write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n")
    shutil.copyfile(out, BENCH_DIR / "latest.json")
    say(f"\nWrote {rel(out)} (and {rel(BENCH_DIR / 'latest.json')})")
    say(f"Wrote the measured part of {rel(write_doc(record))} from it")
    return 1 if any(r.exit_code for r in runs) or not all(r.ok for r in engine_rows) else 0


GOAL_SHAPE_RATIO = 1.5


def shape_goals(runs: list[Run]) -> list[tuple[str, bool | None, str]]:
    """Each export shape's build within GOAL_SHAPE_RATIO x the contract CSV's of the same scale."""
    csv_runs = {r.scale: r for r in runs if r.format == "csv"}
    out = []
    for r in runs:
        base = csv_runs.get(r.scale)
        if r.format in ("csv", "parquet", "seed") or not base or not base.wall_s or not r.wall_s:
            continue
        ratio = r.wall_s / base.wall_s
        out.append(
            (
                f"x{r.scale} {r.format} <= {GOAL_SHAPE_RATIO}x csv",
                ratio <= GOAL_SHAPE_RATIO,
                f"{r.wall_s:.1f} s vs {base.wall_s:.1f} s: {ratio:.2f}x ({r.raw_rows:,} vs {base.raw_rows:,} rows)",
            )
        )
    return out


def side_by_side(scales: list[int], engines: str) -> list:
    """The same dbt build (seeds, models, data tests) of the x1 and x10 CSV exports on DuckDB and on each of
    `engines` (python/gba_tech_transfer/engines/bench_engines.py), printed with the ratio to DuckDB."""
    from .bench_engines import engine_rows, format_rows

    others = tuple(e for e in engines.split(",") if e.strip() and e.strip() != "none")
    engine_scales = tuple(s for s in scales if s in (1, 10))
    if not others or not engine_scales:
        return []
    say(f"\nSide by side (issue 7): x{', x'.join(map(str, engine_scales))} on DuckDB, {', '.join(others)}")
    rows = engine_rows(
        engine_scales, ("duckdb", *others), exports={s: ensure_export(s, "csv", False) for s in engine_scales}
    )
    say(format_rows(rows))
    return rows


def _versions() -> dict:
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for name in ("duckdb", "dbt-core", "dbt-duckdb"):
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = None
    return out


def _git() -> dict:
    def git(*args: str) -> str:
        try:
            return subprocess.run(
                ["git", *args], cwd=PROJECT_DIR, capture_output=True, text=True, timeout=10
            ).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return ""

    return {"commit": git("rev-parse", "--short", "HEAD"), "dirty": bool(git("status", "--porcelain"))}


if __name__ == "__main__":
    sys.exit(main())
