"""The published warehouse's commands: build, add, rebuild, withdraw, restore, loads (docs/architecture.md#landing).

A warehouse is the set of its loads, kept as they came in schema raw; everything else is rebuilt from them by
`dbt build`. Every command that changes the warehouse works on a temporary file beside the published one (a
new file for `build`, a copy of it for the others): it lands there, builds and tests there, and only when all
of that passed is the temporary file renamed over the published one (atomic). A command that fails, is killed
or runs out of disk leaves the published file byte-identical; the next command removes what a killed one left.
A reader holding the old file open keeps reading the old inode and is never blocked.

    build      a new warehouse whose one load is RAW (the bundled seed without RAW); refused when the published
               warehouse holds other loads, unless REPLACE=1
    add        RAW as one more load of the published warehouse (INCREMENTAL=1 with build says the same)
    rebuild    the published warehouse rebuilt from its own raw tables (after upgrading the project)
    withdraw   load LOAD made inactive (its rows stay in raw), then rebuilt; restore makes it active again
    loads      the manifest: every load with its files, shape, rows, time, and whether it is active
"""

from __future__ import annotations

import argparse
import fcntl
import hashlib
import os
import re
import shutil
import signal
import sys
from pathlib import Path

import duckdb

from .. import DEFAULT_WAREHOUSE, PROJECT_DIR, make_var
from . import dbt_session
from .dbt_session import DbtFailed, DbtSession
from .land import land, run_operation
from .validate import RawFileError, check_raw

BUNDLED = "raw_transfer_records"  # the landing table of the bundled seed's load
COMMANDS = ("build", "add", "rebuild", "withdraw", "restore", "loads")


def dbt_env(database: Path) -> dict[str, str]:
    return {"GBA_DUCKDB_PATH": str(database), "DBT_PROFILES_DIR": str(PROJECT_DIR / "profiles")}


def dbt_build(dbt: DbtSession, extra: list[str]) -> int:
    """`dbt build` in the session; dbt's exit code."""
    # Unit tests check the models' logic on fixed rows, not the data: `make test` runs them; a build of the
    # warehouse runs models and data tests only (dbt's advice for production builds).
    return dbt.invoke(["build", "--exclude-resource-type", "unit_test"], extra)


def _catalog_safe(name: str) -> str:
    """`name` itself when SQL can quote it as dbt-duckdb does; else letters, digits and `_` only, plus a digest of
    the original so that two warehouses in one folder never share a temporary file."""
    if not re.search(r"['\"]", name):
        return name
    digest = hashlib.sha1(name.encode()).hexdigest()[:8]
    return f"{re.sub(r'[^0-9A-Za-z_]', '_', name)}_{digest}"


def checkpoint(database: Path) -> None:
    """Fold any write-ahead log into the file so the rename moves one self-contained file."""
    with duckdb.connect(str(database)) as con:
        con.execute("checkpoint")


def report_freshness(dbt: DbtSession) -> None:
    """`dbt source freshness`: how long since the latest load (the source's threshold); a warning at most."""
    for result in dbt.freshness():
        if hasattr(result, "age") and str(result.status) != "pass":  # a source's result, not a hook's
            print(f"Source freshness {result.status}: the latest load is {(result.age or 0) / 86400:.0f} days old")


def read_loads(database: Path) -> list[tuple]:
    """The manifest of `database`, one row per load: (load_id, is_active, loaded_at, files, shapes, rows,
    landing tables); [] for a warehouse built before loads were kept."""
    with duckdb.connect(str(database), read_only=True) as con:
        has_manifest = con.execute(
            "select count(*) from information_schema.tables where table_schema = 'raw' and table_name = 'load_manifest'"
        ).fetchone()[0]
        if not has_manifest:
            return []
        has_seed = con.execute(
            f"select count(*) from information_schema.tables where table_schema = 'raw' and table_name = '{BUNDLED}'"
        ).fetchone()[0]
        seed_rows = f"(select count(*) from raw.{BUNDLED})" if has_seed else "null"
        return con.execute(
            f"""
            select
                load_id,
                bool_and(is_active),
                min(loaded_at),
                string_agg(file_name || coalesce(' [' || sheet || ']', ''), ', ' order by file_name),
                string_agg(distinct shape, ', '),
                sum(case when landing_table = '{BUNDLED}' then {seed_rows} else row_count end),
                string_agg(distinct landing_table, ', ')
            from raw.load_manifest
            group by load_id
            order by load_id
            """
        ).fetchall()


def print_loads(database: Path) -> None:
    loads = read_loads(database)
    if not loads:
        print(f"{database}: no load manifest (a warehouse built before loads were kept: make build rebuilds it)")
        return
    print(f"Loads of {database} (raw.load_manifest):")
    print(f"{'load':>4}  {'active':<6}  {'landed at (UTC)':<19}  {'rows':>10}  {'shape':<12}  files")
    for load_id, active, loaded_at, files, shapes, rows, _ in loads:
        print(
            f"{load_id:>4}  {'yes' if active else 'no':<6}  {str(loaded_at)[:19]:<19}  "
            f"{rows if rows is not None else '?':>10}  {shapes:<12}  {files}"
        )


def print_figures(database: Path) -> None:
    with duckdb.connect(str(database), read_only=True) as con:
        tables = {r[0] for r in con.execute("select table_name from information_schema.tables").fetchall()}
        if "published_figure_checks" not in tables:
            return
        rows = con.execute(
            "select figure_id, description, comparator, expected, actual, holds "
            "from marts.published_figure_checks order by figure_id"
        ).fetchall()
    print(f"\nPublished figures ({database}):")
    print(f"{'id':<5} {'holds':<5} {'actual':>12} {'cmp':<3} {'expected':>10}  description")
    for figure_id, description, comparator, expected, actual, holds in rows:
        print(
            f"{figure_id:<5} {'yes' if holds else 'NO':<5} {_num(actual):>12} {comparator:<3} "
            f"{_num(expected):>10}  {description}"
        )


def print_reconciliation(database: Path) -> None:
    """Where every landed row went (marts.raw_reconciliation, over all loads), one line per outcome and reason."""
    with duckdb.connect(str(database), read_only=True) as con:
        rows = con.execute(
            "select outcome, reason, records from marts.raw_reconciliation where load_id is null order by display_order"
        ).fetchall()
    print("\nLanded records of all active loads (marts.raw_reconciliation; per record: marts.record_outcomes):")
    for outcome, reason, count in rows:
        print(f"  {outcome:<13} {reason or '':<25} {count:>10}")


def _num(value) -> str:
    if value is None:
        return "NULL"
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.3f}"


def _flag(name: str) -> bool:
    return make_var(name).strip().lower() in ("1", "yes", "true")


def _parse(argv: list[str] | None) -> argparse.Namespace:
    argv = list(sys.argv[1:] if argv is None else argv)
    # The command comes first when given (build when not), so that dbt's own arguments can follow `--`.
    command = argv.pop(0) if argv and argv[0] in COMMANDS else "build"
    parser = argparse.ArgumentParser(
        prog=f"python -m gba_tech_transfer.pipeline [{'|'.join(COMMANDS)}]", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "--warehouse",
        default=make_var("WAREHOUSE", DEFAULT_WAREHOUSE),
        help="published DuckDB file (default: make's WAREHOUSE, else %(default)s)",
    )
    parser.add_argument("--raw", default=make_var("RAW"), help="an export: a file or glob (default: make's RAW)")
    parser.add_argument("--load", default=make_var("LOAD"), help="withdraw/restore: the load id (make's LOAD)")
    parser.add_argument("--target", default="dev", help="dbt profile target (default: %(default)s)")
    parser.add_argument(
        "--incremental",
        action="store_true",
        default=_flag("INCREMENTAL"),
        help="with build: add RAW to the published warehouse (the same as the add command)",
    )
    parser.add_argument(
        "--replace",
        action="store_true",
        default=_flag("REPLACE"),
        help="with build: replace a published warehouse that holds other loads",
    )
    parser.add_argument(
        "--sheet",
        default=make_var("RAW_SHEET") or None,
        help="an Excel workbook's sheet to read (RAW_SHEET; default: its only sheet, or the one "
        "sheet whose header is a known export shape)",
    )
    parser.add_argument(
        "--converted-dir",
        default=make_var("RAW_CONVERTED_DIR") or None,
        type=Path,
        help="keep the UTF-8 CSV made of a workbook, a GBK/BOM file or a compressed one in this folder "
        "(RAW_CONVERTED_DIR); default: a temporary folder removed after the command",
    )
    parser.add_argument("dbt_args", nargs="*", help="extra arguments passed to dbt build")
    args = parser.parse_args(argv)
    args.command = command
    if args.command == "build" and args.incremental:
        args.command = "add"
    return args


def _refusal(args: argparse.Namespace, published: Path) -> str | None:
    """Why the command cannot start, before anything is read or written; None when it can."""
    command = args.command
    if command == "add" and not args.raw:
        return "make add lands a new export in the published warehouse: give it as RAW=<file or glob>."
    if command in ("withdraw", "restore") and not re.fullmatch(r"\d+", args.load.strip()):
        return f"make {command} needs the load's id: LOAD=<id> (make loads lists them)."
    if command in ("add", "rebuild", "withdraw", "restore", "loads") and not published.is_file():
        return f"{published} does not exist yet; make build makes it."
    if command in ("add", "rebuild", "withdraw", "restore") and not read_loads(published):
        return f"{published} keeps no loads (it was built before loads were kept): make build RAW=<files> rebuilds it."
    if command == "build" and published.is_file() and not args.replace:
        others = [load for load in read_loads(published) if load[6] != BUNDLED]
        if others:
            listed = "; ".join(f"load {load[0]}: {load[3]}" for load in others)
            return (
                f"{published} holds loads that a new build would drop ({listed}). Add the new export to them "
                f"with make add RAW=…, or replace the warehouse with REPLACE=1."
            )
    return None


def _terminate(signum, frame) -> None:
    dbt_session.terminating_signal = signum  # dbt may swallow the SystemExit below (dbt_session._reraise_interrupt)
    sys.exit(128 + signum)


def main(argv: list[str] | None = None) -> int:
    args = _parse(argv)
    published = (PROJECT_DIR / args.warehouse).resolve()
    published.parent.mkdir(parents=True, exist_ok=True)
    refusal = _refusal(args, published)
    if refusal:
        print(refusal, file=sys.stderr)
        return 2
    if args.command == "loads":
        print_loads(published)
        return 0
    # One temporary name per warehouse (commands on it take turns on the lock): dbt then sees the same profile
    # from build to build and can reuse its partial parse (a new path each time forced a full re-parse).
    # DuckDB names the database (catalog) after the file (.w.building.duckdb → w) and dbt's artifacts carry that
    # name (MetricFlow queries it), so the file dbt builds is named after the published one. dbt-duckdb writes
    # the name into SQL unescaped, though: a name with a quote builds under a neutral catalog name instead.
    staging = published.with_name(f".{_catalog_safe(published.stem)}.building.duckdb")
    lock = open(published.with_name(f".{published.stem}.build.lock"), "w")
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        print(f"Waiting for another command on {published} to finish …", file=sys.stderr)
        fcntl.flock(lock, fcntl.LOCK_EX)
    # What a command killed outright (SIGKILL) left: its temporary file and its folder of decoded copies.
    for leftover in (staging, staging.with_name(staging.name + ".wal")):
        leftover.unlink(missing_ok=True)
    for leftover in published.parent.glob(f".{published.stem}.raw-utf8-*"):
        shutil.rmtree(leftover, ignore_errors=True)
    converted = published.with_name(f".{published.stem}.raw-utf8-{os.getpid()}")  # this command's decoded copies
    keep_converted = args.converted_dir is not None
    if keep_converted:
        converted = args.converted_dir.resolve()
    # A `kill` (SIGTERM) unwinds like Ctrl-C: dbt is stopped and the temporary files removed below.
    signal.signal(signal.SIGTERM, _terminate)
    try:
        code = _run(args, published, staging, converted)
        if code != 0:
            return code
    except Unchanged as unchanged:
        print(unchanged)
        return 0
    except DbtFailed as failed:
        print(f"\n{failed}; {published} was left as it was.", file=sys.stderr)
        return failed.code
    except OSError as error:  # a full disk, most often: nothing was renamed over the published file
        print(f"\n{error}; {published} was left as it was.", file=sys.stderr)
        return 1
    finally:
        for leftover in (staging, staging.with_name(staging.name + ".wal")):
            leftover.unlink(missing_ok=True)
        if not keep_converted:
            shutil.rmtree(converted, ignore_errors=True)
    print(f"\nPublished {published}")
    # Every mart also as Parquet beside the published file (warehouse/parquet/), swapped in whole.
    from .export import export_marts

    parquet_dir = published.parent / "parquet"
    try:
        exported = export_marts(published, parquet_dir)
    except Exception as error:  # the warehouse is published; only its Parquet copy is not refreshed
        print(f"Parquet export failed ({error}); {parquet_dir} was left as it was.", file=sys.stderr)
        return 3
    print(f"Exported {len(exported['tables'])} marts to {parquet_dir}")
    print_figures(published)
    if any(load[6] != BUNDLED for load in read_loads(published) if load[1]):
        print_reconciliation(published)
    return 0


class Unchanged(Exception):
    """Nothing to do: the published warehouse stays as it is (the message says why)."""


def _run(args: argparse.Namespace, published: Path, staging: Path, converted: Path) -> int:
    """Land (build, add), switch a load (withdraw, restore), then build into `staging` and publish it."""
    left = f"{published} was left as it was."
    checked = []
    if args.raw:
        try:
            checked = check_raw(args.raw, converted, args.sheet)
        except RawFileError as error:
            print(f"Raw export refused: {error}\n{left}", file=sys.stderr)
            return 2
        first = checked[0].shape
        # The first lines name the shape, so a user sees at once how the file was read.
        print(f"Raw export shape: {first.name} ({first.label})")
        if first.name != "contract":
            print("  columns: " + ", ".join(f"{header} -> {column}" for column, header in first.columns))
        for f in checked:
            if f.encoding == "xlsx":
                note = f" (sheet '{f.sheet}', converted to CSV)"
            elif f.encoding not in ("utf-8", "parquet"):
                note = f" (read as {f.encoding}, landed from a UTF-8 copy)"
            else:
                note = ""
            print(f"Raw export: {f.original}{note}")
    if args.command != "build":
        shutil.copyfile(published, staging)  # the published file stays untouched until the rename
    dbt = DbtSession(args.target, dbt_env(staging))
    if checked:
        before = max((load[0] for load in read_loads(staging)), default=0) if staging.is_file() else 0
        print(f"Landing {len(checked)} file(s) …")
        code = land(dbt, checked)
        if code != 0:
            print(f"\nLanding failed (exit {code}); {left}", file=sys.stderr)
            return code
        if max((load[0] for load in read_loads(staging)), default=0) == before:
            raise Unchanged(f"Every file is already in an active load: nothing landed; {left}")
    if args.command in ("withdraw", "restore"):
        active = args.command == "restore"
        code = run_operation(dbt, "set_load_active", {"load_id": int(args.load), "is_active": active})
        if code != 0:
            print(f"\nmake {args.command} failed (exit {code}); {left}", file=sys.stderr)
            return code
    print("Building every model and data test …")
    code = dbt_build(dbt, list(args.dbt_args))
    if code != 0:
        print(f"\ndbt build failed (exit {code}); {left}", file=sys.stderr)
        return code
    report_freshness(dbt)
    checkpoint(staging)
    os.replace(staging, published)
    return 0
