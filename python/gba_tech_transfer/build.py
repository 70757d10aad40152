"""Build the warehouse with `dbt build` into a temporary file and publish it atomically.

The published file (default warehouse/gba_tech_transfer.duckdb) is replaced by an atomic rename only after
every model and test succeeded; a failing or interrupted build leaves the previous file intact. A reader
holding the old file open keeps reading the old inode and is never blocked.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb

from . import PROJECT_DIR
from .validate import RawFileError, check_raw


def dbt_build(database: Path, target: str, raw: list[str] | None, extra: list[str]) -> int:
    """Run `dbt build` against `database`; return dbt's exit code."""
    env = dict(os.environ, GBA_DUCKDB_PATH=str(database), DBT_PROFILES_DIR=str(PROJECT_DIR / "profiles"))
    cmd = [str(Path(sys.executable).parent / "dbt"), "build", "--target", target]
    if raw:
        cmd += ["--vars", json.dumps({"raw_path": raw})]
    cmd += extra
    return subprocess.call(cmd, cwd=PROJECT_DIR, env=env)


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
        print(f"{figure_id:<5} {'yes' if holds else 'NO':<5} {_num(actual):>12} {comparator:<3} "
              f"{_num(expected):>10}  {description}")


def _num(value) -> str:
    if value is None:
        return "NULL"
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.3f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warehouse", default="warehouse/gba_tech_transfer.duckdb",
                        help="published DuckDB file (default: %(default)s)")
    parser.add_argument("--raw", default="", help="your own export: a CSV/Parquet file or glob")
    parser.add_argument("--target", default="dev", help="dbt profile target (default: %(default)s)")
    parser.add_argument("dbt_args", nargs="*", help="extra arguments passed to dbt build")
    args = parser.parse_args(argv)

    published = (PROJECT_DIR / args.warehouse).resolve()
    published.parent.mkdir(parents=True, exist_ok=True)
    staging = published.with_name(f".{published.stem}.building-{os.getpid()}.duckdb")
    raw = None
    if args.raw:
        try:
            checked = check_raw(args.raw, PROJECT_DIR / ".scratch" / "raw-utf8")
        except RawFileError as error:
            print(f"Raw export refused: {error}\n{published} was left as it was.", file=sys.stderr)
            return 2
        for f in checked:
            note = "" if f.encoding == "utf-8" else f" (read as {f.encoding}, loaded from UTF-8 copy {f.path})"
            print(f"Raw export: {f.original}{note}")
        raw = [str(f.path.resolve()) for f in checked]
    try:
        code = dbt_build(staging, args.target, raw, args.dbt_args)
        if code != 0:
            print(f"\ndbt build failed (exit {code}); {published} was left as it was.", file=sys.stderr)
            return code
        checkpoint(staging)
        os.replace(staging, published)
    finally:
        for leftover in (staging, staging.with_name(staging.name + ".wal")):
            leftover.unlink(missing_ok=True)
    print(f"\nPublished {published}")
    print_figures(published)
    return 0


if __name__ == "__main__":
    sys.exit(main())
