"""Write the bundled synthetic CNIPA transfer export (seeds/raw/raw_transfer_records.csv).

    python -m gba_tech_transfer.synthetic [--out PATH] [--scale N]
        [--format csv|parquet|headers|legal-status|history|xlsx]

csv and parquet are the contract's 16 columns (docs/architecture.md#the-raw-export-contract); headers,
legal-status, history and xlsx render the same planned records in the other export shapes the warehouse reads
(export_shapes.py, docs/bring-your-own.md).

Deterministic: a fixed seed, the reference seeds as the only input, byte-identical output on every run.
The base mix is planned, checked and rendered once; --scale N re-emits it N times with fresh record ids and
fresh application numbers (recomputed check characters), streaming to the output.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from .. import PROJECT_DIR, contract
from . import targets as T
from .calibration import check_plan
from .export_shapes import WRITERS
from .others import out_of_scope, rejected
from .plan import Plan, Planner
from .reference import Reference, load
from .render import Row, render_plan

DEFAULT_OUT = PROJECT_DIR / "seeds" / "raw" / "raw_transfer_records.csv"


@dataclass
class Generated:
    ref: Reference
    plan: Plan
    rows: list[Row]
    figures: dict


def build(seed_dir: Path | None = None) -> Generated:
    """Plan, self-check and render the base mix (one copy)."""
    ref = load(seed_dir)
    planner = Planner(ref, T.SEED)
    in_scope = planner.in_scope()
    records = in_scope + out_of_scope(planner, in_scope) + rejected(planner)
    plan = Plan(records, planner.pools, planner.ranking, planner.shares)
    figures = check_plan(plan, ref)
    rows = render_plan(plan, ref, planner.rng)
    return Generated(ref, plan, rows, figures)


def record_id(n: int) -> str:
    return f"R{n:08d}"


def _copies(scale: int, progress: bool):
    if progress and scale > 1:
        from tqdm import tqdm

        return tqdm(range(scale), desc="copies", unit="copy", file=sys.stderr)
    return range(scale)


def _csv_tails(rows: list[Row]) -> list[str]:
    """Columns 3-16 of every row, CSV-encoded once (the csv module's minimal quoting)."""
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(row.fields[2:] for row in rows)
    assert not any("\n" in f or "\r" in f for row in rows for f in row.fields), "no line breaks inside fields"
    tails = buf.getvalue().split("\n")[:-1]
    assert len(tails) == len(rows)
    return tails


def write_csv(rows: list[Row], out: Path, scale: int = 1, progress: bool = True) -> int:
    """Stream `scale` copies; only record_id and application_no change from copy to copy."""
    n = len(rows)
    tails = _csv_tails(rows)
    apps = [row.app for row in rows]
    with out.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerow(contract.COLUMNS)
        for k in _copies(scale, progress):
            offset = k * n + 1
            numbers = [a.text(k) for a in apps]
            assert not any(c in x for x in numbers for c in ',"'), "application numbers never need quoting"
            handle.write("".join(f"R{offset + i:08d},{numbers[i]},{tails[i]}\n" for i in range(n)))
    return n * scale


def write_parquet(rows: list[Row], out: Path, scale: int = 1, progress: bool = True) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    n = len(rows)
    schema = pa.schema([(c, pa.string()) for c in contract.COLUMNS])
    tail_arrays = [pa.array([row.fields[j] for row in rows], pa.string()) for j in range(2, len(contract.COLUMNS))]
    with pq.ParquetWriter(out, schema) as writer:
        for k in _copies(scale, progress):
            ids = pa.array([record_id(k * n + 1 + i) for i in range(n)], pa.string())
            nums = pa.array([row.app.text(k) for row in rows], pa.string())
            writer.write_table(pa.Table.from_arrays([ids, nums, *tail_arrays], schema=schema))
    return n * scale


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m gba_tech_transfer.synthetic", description=__doc__.splitlines()[0])
    ap.add_argument(
        "--out", type=Path, help=f"output file (default: the bundled {DEFAULT_OUT.relative_to(PROJECT_DIR)})"
    )
    ap.add_argument("--scale", type=int, default=1, help=f"copies of the mix, 1..{T.MAX_SCALE} (default 1)")
    ap.add_argument(
        "--format",
        choices=("csv", "parquet", *WRITERS),
        default="csv",
        help="csv/parquet: the contract's columns; headers, legal-status, history, xlsx: the other shapes",
    )
    ap.add_argument("--seeds", type=Path, help="reference seed folder (default seeds/reference)")
    ap.add_argument("--figures", action="store_true", help="print the plan's recomputed figures as JSON")
    args = ap.parse_args(argv)
    if not 1 <= args.scale <= T.MAX_SCALE:
        ap.error(f"--scale must be between 1 and {T.MAX_SCALE}")
    if args.out is None and (args.scale > 1 or args.format != "csv"):
        ap.error(
            "--out is required with --scale > 1 or a --format other than csv (the default path is the bundled seed)"
        )
    out = args.out or DEFAULT_OUT
    out.parent.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    gen = build(args.seeds)
    t1 = time.perf_counter()
    writer = {"csv": write_csv, "parquet": write_parquet}.get(args.format)
    n = writer(gen.rows, out, args.scale) if writer else WRITERS[args.format](gen.rows, out, args.scale)
    t2 = time.perf_counter()
    print(f"wrote {n} rows to {out} (plan+check+render {t1 - t0:.1f}s, write {t2 - t1:.1f}s)", file=sys.stderr)
    if args.figures:
        print(json.dumps(gen.figures, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
