"""Benchmark the build from the bundled mix to ×100, against DuckDB's own scan floor.

    python -m gba_tech_transfer.engines.bench [--scales 1,10,100] [--format csv|parquet|legal-status|…[,…]] [--keep]
                                      [--regenerate] [--engines postgres,spark,spark-cluster|none]
    make bench [BENCH_ARGS='--scales 1,10']

--format takes several formats, comma-separated (e.g. `--format csv,legal-status --scales 10`): each is built
at every scale, and the export shapes of docs/bring-your-own.md are compared with the contract CSV (goal: a
x10 build of the legal-status shape within 1.5x the CSV's).

For every scale N it generates (or reuses) the export `warehouse/bench/data/raw_xN.<format>` with the
generator's `--scale N`, then builds it exactly as `make build RAW=<that file>` does (`python -m
gba_tech_transfer.build`: validation, `dbt build` with every model and data test, checkpoint, atomic
publish, Parquet export) into a scratch warehouse under `warehouse/bench/scratch/`, and measures:

- wall seconds of the whole build, split into validation (before dbt starts), dbt, and publishing;
- peak resident memory of the whole process tree (build/publish.py, dbt and its DuckDB), sampled from /proc every
  0.1 s and summed over the tree, and the largest single process from wait4's ru_maxrss;
- CPU seconds (user + system) of the tree: on a machine shared with other work this is steadier than wall;
- the floor: DuckDB's time to scan the same files once, `select count(*)` over `read_csv` with the build's
  own options (best of three, warm cache). For Parquet a count(*) is answered from the file's metadata, so
  the Parquet floor is no scan and the build/floor ratio is not meaningful: CSV is the default.

It prints the table, checks the goals of issue 6, lists the slowest models and tests of the largest scale
from dbt's run_results.json. Then the side-by-side rows of issue 7: the x1 and x10 CSV exports built by the
same `dbt build` (seeds, models, data tests) on DuckDB, PostgreSQL, Spark local and a Spark cluster
(bench_engines.py; about 20 minutes; `--engines none` skips them). Everything is written as JSON to
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

# Goals of issue 6 (2-core machine).
GOAL_BUNDLED_S = 30.0
GOAL_X100_S = 120.0
GOAL_X100_RSS_GIB = 4.0
GOAL_GROWTH = 12.0
GOAL_FLOOR_FACTOR = 5.0
GOAL_POSTGRES_RATIO = 5.0  # issue 7: DuckDB at least 5x faster than PostgreSQL at x10

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

    @property
    def ratio(self) -> float | None:
        if self.wall_s is None or not self.floor_s or self.format != "csv":
            return None
        return self.wall_s / self.floor_s


# --- exports --------------------------------------------------------------------------------------------


def export_path(scale: int, fmt: str) -> Path:
    suffix = fmt if fmt in ("csv", "parquet", "xlsx") else f"{fmt}.csv"  # the other shapes are CSV files
    return DATA_DIR / f"raw_x{scale}.{suffix}"


def ensure_export(scale: int, fmt: str, regenerate: bool) -> Path:
    """The export at this scale, generated once (written to a temporary name, renamed when complete)."""
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
    """`python -m gba_tech_transfer.build --raw <export>` into a scratch warehouse, measured."""
    SCRATCH_DIR.mkdir(parents=True, exist_ok=True)
    warehouse = SCRATCH_DIR / f"x{run.scale}.duckdb"
    target = WORK_DIR / f"target_x{run.scale}"
    logs = WORK_DIR / f"logs_x{run.scale}"
    shutil.rmtree(target, ignore_errors=True)
    log_file = BENCH_DIR / "logs" / f"build_x{run.scale}.log"
    log_file.parent.mkdir(parents=True, exist_ok=True)
    cmd = [
        sys.executable,
        "-u",
        "-m",
        "gba_tech_transfer.build",
        "--warehouse",
        str(warehouse),
        "--raw",
        str(PROJECT_DIR / run.export),
        "--",
        "--target-path",
        str(target),
        "--log-path",
        str(logs),
    ]
    env = dict(os.environ, PYTHONUNBUFFERED="1", DBT_PROFILES_DIR=str(PROJECT_DIR / "profiles"))
    env.pop("GBA_DUCKDB_PATH", None)
    run.load_before = [round(x, 2) for x in os.getloadavg()]
    say(f"x{run.scale}: building {run.raw_rows:,} rows (load average {run.load_before[0]:.2f}); log {rel(log_file)}")

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
                if "Running with dbt=" in text:
                    # The first dbt run lands the export; the one after it builds.
                    marks.setdefault("land_start" if "landed" not in marks else "dbt_start", now)
                elif text.startswith("Landed load "):
                    marks["landed"] = now
                    say(f"  x{run.scale} {now:6.1f}s  landed in raw")
                elif text.startswith(("Finished running", "Done. PASS")):
                    marks["dbt_end"] = now
                    if text.startswith("Done."):
                        run.dbt_summary = text
                elif text.startswith("Published "):
                    marks.setdefault("published", now)
                if " OK created " in text:
                    counts["model"] += 1
                    name = re.sub(r"\s*(\.{2,}|\[).*$", "", text.split(" OK created ", 1)[1])
                    say(f"  x{run.scale} {now:6.1f}s  built {name.replace('sql ', '')}")
                elif re.search(r" (PASS|WARN) ", text) and " of " in text:
                    counts["test"] += 1
                    if now - last_report > 5:
                        say(f"  x{run.scale} {now:6.1f}s  {counts['test']} tests passed")
                        last_report = now
                elif re.search(r"\b(ERROR|FAIL)\b|refused|failed", text):
                    say(f"  x{run.scale} {now:6.1f}s  {text}")

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
    if "land_start" in marks:
        run.validate_s = round(marks["land_start"], 2)
        if "landed" in marks:
            run.land_s = round(marks["landed"] - marks["land_start"], 2)
    if "dbt_start" in marks:
        if "dbt_end" in marks:
            run.dbt_s = round(marks["dbt_end"] - marks["dbt_start"], 2)
            run.publish_s = round(end - marks["dbt_end"], 2)
    _read_run_results(run, target / "run_results.json")
    status_text = "ok" if run.exit_code == 0 else f"FAILED (exit {run.exit_code}; see {rel(log_file)})"
    say(
        f"x{run.scale}: {status_text} in {run.wall_s:.1f} s, peak RSS {run.peak_rss_gib:.2f} GiB, CPU {run.cpu_s:.0f} s"
    )
    if warehouse.exists():
        run.warehouse_mb = round(warehouse.stat().st_size / 2**20, 1)
    if not keep:
        for leftover in SCRATCH_DIR.glob(f"x{run.scale}.duckdb*"):
            leftover.unlink(missing_ok=True)
        shutil.rmtree(SCRATCH_DIR / "parquet", ignore_errors=True)  # build/publish.py's Parquet export of the marts


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
        f"{'scale':>6} {'fmt':<7} {'raw rows':>10} {'wall s':>7} {'valid.':>6} {'land':>6} {'dbt':>6} {'publ.':>6} "
        f"{'peak RSS':>9} {'CPU s':>6} {'file MB':>8} {'floor s':>7} {'build/floor':>11} {'growth':>7} {'load':>5}"
    )
    lines = [head, "-" * len(head)]
    previous = None
    for run in runs:
        growth = None
        if previous and previous.wall_s and run.wall_s:
            growth = run.wall_s / previous.wall_s
        lines.append(
            f"{'x' + str(run.scale):>6} {run.format:<7} {run.raw_rows:>10,} {_f(run.wall_s, '7.1f'):>7} "
            f"{_f(run.validate_s, '6.1f'):>6} {_f(run.land_s, '6.1f'):>6} {_f(run.dbt_s, '6.1f'):>6} "
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


def fixed_cost(runs: dict[int, Run]) -> float | None:
    """dbt's fixed start-up: the intercept of the line through the x1 and x10 builds (time at 0 rows)."""
    a, b = runs.get(1), runs.get(10)
    if not (a and b and a.wall_s and b.wall_s):
        return None
    slope = (b.wall_s - a.wall_s) / (b.raw_rows - a.raw_rows)
    return max(0.0, a.wall_s - slope * a.raw_rows)


def goals(runs: list[Run]) -> list[tuple[str, bool | None, str]]:
    by = {r.scale: r for r in runs}
    out: list[tuple[str, bool | None, str]] = []

    def ok(flag) -> bool | None:
        return None if flag is None else bool(flag)

    x1, x10, x100 = by.get(1), by.get(10), by.get(100)
    if x1 and x1.wall_s:
        out.append(
            (
                f"bundled-size build <= {GOAL_BUNDLED_S:.0f} s",
                ok(x1.wall_s <= GOAL_BUNDLED_S),
                f"x1 {x1.wall_s:.1f} s (the bundled mix, read as a user's {x1.format} export)",
            )
        )
    if x100 and x100.wall_s:
        out.append((f"x100 <= {GOAL_X100_S:.0f} s", ok(x100.wall_s <= GOAL_X100_S), f"{x100.wall_s:.1f} s"))
        out.append(
            (
                f"x100 peak < {GOAL_X100_RSS_GIB:.0f} GiB",
                ok(x100.peak_rss_gib < GOAL_X100_RSS_GIB),
                f"{x100.peak_rss_gib:.2f} GiB (tree), largest process {x100.max_process_rss_gib:.2f} GiB",
            )
        )
    if x10 and x100 and x10.wall_s and x100.wall_s:
        growth = x100.wall_s / x10.wall_s
        out.append((f"growth x10->x100 <= {GOAL_GROWTH:.0f}x", ok(growth <= GOAL_GROWTH), f"{growth:.1f}x"))
    fixed = fixed_cost(by)
    if x100 and x100.wall_s and x100.floor_s and fixed is not None and x100.format == "csv":
        bound = GOAL_FLOOR_FACTOR * x100.floor_s + fixed
        out.append(
            (
                f"x100 <= {GOAL_FLOOR_FACTOR:.0f} x floor + fixed start-up",
                ok(x100.wall_s <= bound),
                f"{x100.wall_s:.1f} s vs {GOAL_FLOOR_FACTOR:.0f} x {x100.floor_s:.2f} s + {fixed:.1f} s = "
                f"{bound:.1f} s (fixed = intercept through x1 and x10; data-dependent part "
                f"{(x100.wall_s - fixed) / x100.floor_s:.0f}x the floor)",
            )
        )
    return out


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
    runs: list[Run] = []
    for fmt in formats:
        for scale in scales:
            export = ensure_export(scale, fmt, args.regenerate)
            reader = "read_parquet" if fmt == "parquet" else "read_csv"
            say(f"x{scale}: measuring the scan floor (count(*) over {reader})")
            rows, floor = scan_floor(export, fmt)
            run = Run(
                scale=scale,
                format=fmt,
                export=rel(export),
                export_mb=round(export.stat().st_size / 2**20, 1),
                raw_rows=rows,
                floor_s=round(floor, 3),
            )
            build(run, args.keep)
            runs.append(run)

    lines = table(runs)
    say("\n" + "\n".join(lines))
    # The scale goals are the first format's; the shapes are held against the contract CSV's build.
    checks = goals([r for r in runs if r.format == formats[0]]) + shape_goals(runs)
    say("\nGoals (issue 6):")
    for label, held, detail in checks:
        mark = "n/a " if held is None else ("MET " if held else "MISS")
        say(f"  {mark} {label:<38} {detail}")
    if any(r.exit_code for r in runs):
        say("\nA build FAILED: its figures above are not a benchmark.")
    largest = runs[-1] if runs else None
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
        "fixed_startup_s": fixed_cost({r.scale: r for r in runs}),
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
    return 1 if any(r.exit_code for r in runs) or not all(r.passed for r in engine_rows) else 0


GOAL_SHAPE_RATIO = 1.5


def shape_goals(runs: list[Run]) -> list[tuple[str, bool | None, str]]:
    """Each export shape's build within GOAL_SHAPE_RATIO x the contract CSV's of the same scale."""
    csv_runs = {r.scale: r for r in runs if r.format == "csv"}
    out = []
    for r in runs:
        base = csv_runs.get(r.scale)
        if r.format in ("csv", "parquet") or not base or not base.wall_s or not r.wall_s:
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
    ratio = next((r.ratio_to_duckdb for r in rows if r.engine == "postgres" and r.scale == 10), None)
    if ratio is not None:
        mark = "MET " if ratio >= GOAL_POSTGRES_RATIO else "MISS"
        say(f"  {mark} DuckDB >= {GOAL_POSTGRES_RATIO:.0f}x faster than PostgreSQL at x10: {ratio:.1f}x")
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
