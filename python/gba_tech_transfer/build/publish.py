"""Build the warehouse with `dbt build` into a temporary file and publish it atomically.

The published file (default warehouse/gba_tech_transfer.duckdb) is replaced by an atomic rename only after
every model and test succeeded; a failing or interrupted build leaves the previous file intact. A reader
holding the old file open keeps reading the old inode and is never blocked.
"""

from __future__ import annotations

import argparse
import fcntl
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import duckdb

from .. import DEFAULT_WAREHOUSE, PROJECT_DIR, make_var
from .validate import RawFileError, check_raw


def dbt_build(
    database: Path,
    target: str,
    raw: list[str] | None,
    extra: list[str],
    append: bool = False,
    shape: dict | None = None,
) -> int:
    """Run `dbt build` against `database`; return dbt's exit code. append: add the raw export to the records
    `database` already holds (var append_drop) instead of building from it alone. shape: var raw_shape, the
    export's shape and header mapping when it is not the contract's (shapes.Shape.dbt_var())."""
    env = dict(os.environ, GBA_DUCKDB_PATH=str(database), DBT_PROFILES_DIR=str(PROJECT_DIR / "profiles"))
    # Unit tests check the models' logic on fixed rows, not the data: `make test` runs them; a build of the
    # warehouse runs models and data tests only (dbt's advice for production builds).
    cmd = [
        str(Path(sys.executable).parent / "dbt"),
        "build",
        "--target",
        target,
        "--exclude-resource-type",
        "unit_test",
    ]
    if raw:
        # raw_validated: validate.py has read every record_id already; the on-run-start hook need not again.
        dbt_vars = {"raw_path": raw, "raw_validated": True} | ({"append_drop": True} if append else {})
        dbt_vars |= {"raw_shape": shape} if shape else {}
        cmd += ["--vars", json.dumps(dbt_vars)]
    cmd += extra
    return subprocess.call(cmd, cwd=PROJECT_DIR, env=env)


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
    """Your own export: where every raw row went (marts.raw_reconciliation), one line per outcome and reason."""
    with duckdb.connect(str(database), read_only=True) as con:
        rows = con.execute(
            "select outcome, reason, record_count from marts.raw_reconciliation order by display_order"
        ).fetchall()
    print("\nRaw records (marts.raw_reconciliation; per record: marts.record_outcomes):")
    for outcome, reason, count in rows:
        print(f"  {outcome:<13} {reason or '':<25} {count:>10}")
    print("Published figures are the bundled dataset's: on your own export they are reported, not enforced.")


def _num(value) -> str:
    if value is None:
        return "NULL"
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.3f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m gba_tech_transfer.build", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--warehouse",
        default=make_var("WAREHOUSE", DEFAULT_WAREHOUSE),
        help="published DuckDB file (default: make's WAREHOUSE, else %(default)s)",
    )
    parser.add_argument(
        "--raw", default=make_var("RAW"), help="your own export: a CSV/Parquet file or glob (default: make's RAW)"
    )
    parser.add_argument("--target", default="dev", help="dbt profile target (default: %(default)s)")
    parser.add_argument(
        "--incremental",
        action="store_true",
        default=make_var("INCREMENTAL").strip().lower() in ("1", "yes", "true"),
        help="monthly drop: add --raw's records to those of the published warehouse (a copy of it "
        "is built on) instead of building from --raw alone",
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
        help="keep the UTF-8 CSV made of a workbook or a GBK/BOM file in this folder "
        "(RAW_CONVERTED_DIR; e.g. one a cluster reads); default: a temporary folder "
        "removed after the build",
    )
    parser.add_argument("dbt_args", nargs="*", help="extra arguments passed to dbt build")
    args = parser.parse_args(argv)

    published = (PROJECT_DIR / args.warehouse).resolve()
    published.parent.mkdir(parents=True, exist_ok=True)
    # One temporary name per warehouse (builds of it take turns on the lock): dbt then sees the same profile
    # from build to build and can reuse its partial parse (a new path each time forced a full re-parse).
    # DuckDB names the database (catalog) after the file (.w.building.duckdb → w) and dbt's artifacts carry that
    # name (MetricFlow queries it), so the file dbt builds is named after the published one. dbt-duckdb writes
    # the name into SQL unescaped, though: a name with a quote builds under a neutral catalog name instead.
    staging = published.with_name(f".{_catalog_safe(published.stem)}.building.duckdb")
    if args.incremental and not args.raw:
        print(
            "INCREMENTAL=1 adds a new export to the published warehouse: give it as RAW=<file or glob>.",
            file=sys.stderr,
        )
        return 2
    if args.incremental and not published.is_file():
        print(
            f"INCREMENTAL=1: {published} does not exist yet; build it in full first (make build RAW=...).",
            file=sys.stderr,
        )
        return 2
    lock = open(published.with_name(f".{published.stem}.build.lock"), "w")
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        print(f"Waiting for another build of {published} to finish …", file=sys.stderr)
        fcntl.flock(lock, fcntl.LOCK_EX)
    for leftover in (staging, staging.with_name(staging.name + ".wal")):
        leftover.unlink(missing_ok=True)  # left by a build that was killed outright
    converted = published.with_name(f".{published.stem}.raw-utf8-{os.getpid()}")  # this build's UTF-8 copies
    keep_converted = args.converted_dir is not None
    if keep_converted:
        converted = args.converted_dir.resolve()
    # A `kill` (SIGTERM) unwinds like Ctrl-C: dbt is stopped and the temporary files removed below.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    raw, extra, shape = None, list(args.dbt_args), None
    try:
        if args.raw:
            try:
                checked = check_raw(args.raw, converted, args.sheet)
            except RawFileError as error:
                print(f"Raw export refused: {error}\n{published} was left as it was.", file=sys.stderr)
                return 2
            first = checked[0].shape
            # The build's first line names the shape, so a user sees at once how the file was read.
            print(f"Raw export shape: {first.name} ({first.label})")
            if first.name != "contract":
                shape = first.dbt_var()
                print("  columns: " + ", ".join(f"{header} -> {column}" for column, header in first.columns))
            for f in checked:
                if f.encoding == "xlsx":
                    note = f" (sheet '{f.sheet}', converted to CSV {f.path})"
                elif f.encoding != "utf-8":
                    note = f" (read as {f.encoding}, loaded from UTF-8 copy {f.path})"
                else:
                    note = ""
                print(f"Raw export: {f.original}{note}")
            raw = [str(f.path.resolve()) for f in checked]
        if args.incremental:
            shutil.copyfile(published, staging)  # the published file stays untouched until the rename
            print(f"Incremental: adding to the records of {published}")
        code = dbt_build(staging, args.target, raw, extra, append=args.incremental, shape=shape)
        if code != 0:
            print(f"\ndbt build failed (exit {code}); {published} was left as it was.", file=sys.stderr)
            return code
        checkpoint(staging)
        os.replace(staging, published)
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
    if raw:
        print_reconciliation(published)
    return 0


if __name__ == "__main__":
    sys.exit(main())
