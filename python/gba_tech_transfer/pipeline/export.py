"""Export every mart of a built warehouse to Parquet, for tools that cannot open a DuckDB file.

    python -m gba_tech_transfer.pipeline.export --warehouse warehouse/gba_tech_transfer.duckdb [--out warehouse/parquet]

One file per table of schema `marts` (`<out>/<table>.parquet`, zstd level 1), written by DuckDB's COPY from the
built file opened read-only, plus `_manifest.json` (tables, row counts, source file, time). The set is
written into a temporary sibling directory and swapped in whole: on Linux by an atomic exchange of the two
directories (renameat2 RENAME_EXCHANGE), elsewhere by two renames, so a reader sees the old set or the new
one, never a half-written mix. A failed export leaves the previous set as it was. `make build` runs it after
every successful publish (python/gba_tech_transfer/pipeline/publish.py).
"""

from __future__ import annotations

import argparse
import ctypes
import datetime as dt
import json
import os
import shutil
import sys
from pathlib import Path

import duckdb

from .. import sql_literal

MART_SCHEMA = "marts"
MANIFEST = "_manifest.json"
# zstd at level 1, not DuckDB's default 3: the 22 marts of x100 in 10.1 s (CPU 20 s) against 11.3-12.7 s (CPU
# 22-25 s), and no larger (303 MB against 315 MB).
PARQUET_OPTIONS = "format parquet, compression zstd, compression_level 1"


def mart_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The base tables of schema marts, by name."""
    rows = con.execute(
        "select table_name from information_schema.tables "
        "where table_schema = ? and table_type = 'BASE TABLE' order by table_name",
        [MART_SCHEMA],
    ).fetchall()
    return [name for (name,) in rows]


def export_marts(database: Path, out_dir: Path) -> dict:
    """Write every mart of `database` to `out_dir` as Parquet, swapped in whole; return the manifest."""
    database, out_dir = Path(database).resolve(), Path(out_dir).resolve()
    if not database.is_file():
        raise FileNotFoundError(f"no warehouse at {database}")
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    building = out_dir.with_name(f".{out_dir.name}.building-{os.getpid()}")
    shutil.rmtree(building, ignore_errors=True)
    building.mkdir()
    try:
        with duckdb.connect(str(database), read_only=True) as con:
            con.execute("set preserve_insertion_order = false")  # COPY writes in parallel (no table has an order)
            tables = mart_tables(con)
            if not tables:
                raise RuntimeError(f"{database} has no tables in schema {MART_SCHEMA}")
            counts = {}
            for table in tables:
                target = building / f"{table}.parquet"
                con.execute(f'copy {MART_SCHEMA}."{table}" to {sql_literal(target)} ({PARQUET_OPTIONS})')
                counts[table] = con.execute(f'select count(*) from {MART_SCHEMA}."{table}"').fetchone()[0]
        manifest = {
            "source": str(database),
            "schema": MART_SCHEMA,
            "exported_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "duckdb_version": duckdb.__version__,
            "tables": [{"table": t, "file": f"{t}.parquet", "rows": counts[t]} for t in tables],
        }
        (building / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n")
        _fsync_dir(building)
        _swap_in(building, out_dir)
    finally:
        shutil.rmtree(building, ignore_errors=True)
    return manifest


def _fsync_dir(directory: Path) -> None:
    for f in directory.iterdir():
        with open(f, "rb") as handle:
            os.fsync(handle.fileno())


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Atomically exchange two paths (Linux renameat2); False when the system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0


def _swap_in(new: Path, out_dir: Path) -> None:
    """Put directory `new` at `out_dir`; the previous set (if any) ends up at `new` and is removed by the caller."""
    if not out_dir.exists():
        os.rename(new, out_dir)
        return
    if _exchange(new, out_dir):
        return
    # Fallback: the directory is briefly absent (a reader sees no set), never half-written.
    old = out_dir.with_name(f".{out_dir.name}.old-{os.getpid()}")
    os.rename(out_dir, old)
    os.rename(new, out_dir)
    os.rename(old, new)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--warehouse", default="warehouse/gba_tech_transfer.duckdb", help="built DuckDB file (default: %(default)s)"
    )
    parser.add_argument("--out", default=None, help="output directory (default: parquet/ beside the warehouse)")
    args = parser.parse_args(argv)
    database = Path(args.warehouse).resolve()
    out_dir = Path(args.out).resolve() if args.out else database.parent / "parquet"
    manifest = export_marts(database, out_dir)
    print(f"Exported {len(manifest['tables'])} marts to {out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
