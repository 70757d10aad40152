"""The measured part of docs/benchmark.md, written from a benchmark's JSON: nothing in it is copied by hand.

    python -m gba_tech_transfer.engines.bench_doc [warehouse/bench/latest.json] [--doc docs/benchmark.md]

`make bench` calls write_doc() with the record it has just written to warehouse/bench/; run alone, this
module renders a record already there. Everything between the markers BEGIN and END of the page is
replaced: a stamp (commit, date, machine, load), the DuckDB table, the goals, the slowest models and tests of
the largest scale, and the engines side by side when they ran. The rest of the page (how to run it, what it
measures, why the models are shaped as they are) is prose and carries no measured figure.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .. import PROJECT_DIR

DOC = PROJECT_DIR / "docs" / "benchmark.md"
LATEST = PROJECT_DIR / "warehouse" / "bench" / "latest.json"
BEGIN = "<!-- BEGIN make bench: written by python/gba_tech_transfer/engines/bench_doc.py; do not edit -->"
END = "<!-- END make bench -->"
TOP = 8  # slowest models and tests listed


class MarkersMissing(ValueError):
    pass


def _load(record: dict) -> str:
    machine = record.get("machine", {})
    during = [r["load_during"] for r in record.get("runs", []) if r.get("load_during") is not None]
    parts = []
    if machine.get("load_before"):
        parts.append(f"1-minute load average {machine['load_before'][0]:.2f} before")
    if during:
        parts.append(f"{min(during):.1f}–{max(during):.1f} during the builds")
    if machine.get("load_after"):
        parts.append(f"{machine['load_after'][0]:.2f} after")
    cpus = machine.get("cpus")
    return ", ".join(parts) + (f" ({cpus} CPUs: above {cpus}, other work was competing)" if cpus else "")


def _stamp(record: dict) -> list[str]:
    git = record.get("git", {})
    machine = record.get("machine", {})
    versions = record.get("versions", {})
    commit = git.get("commit") or "unknown"
    if git.get("dirty"):
        commit += " with uncommitted changes"
    return [
        f"Run of {record.get('started_utc', 'unknown date')} (UTC) at commit `{commit}`, with "
        f"`{record.get('command', 'make bench')}`.",
        f"Machine: {machine.get('cpus', '?')} CPUs, {machine.get('platform', '?')}, Python "
        f"{machine.get('python', '?')}; " + ", ".join(f"{k} {v}" for k, v in versions.items() if v) + ".",
        f"Load: {_load(record)}.",
    ]


def _goals(record: dict) -> list[str]:
    goals = record.get("goals", [])
    if not goals:
        return []
    lines = ["| goal | result | detail |", "|---|---|---|"]
    for g in goals:
        met = "n/a" if g["met"] is None else ("met" if g["met"] else "**missed**")
        lines.append(f"| {g['goal']} | {met} | {g['detail']} |")
    return lines


def _slowest(record: dict) -> list[str]:
    runs = record.get("runs", [])
    if not runs or not runs[-1].get("slowest"):
        return []
    largest = runs[-1]
    lines = []
    for kind, label in (("model", "models"), ("test", "data tests")):
        ranked = [s for s in largest["slowest"] if s["kind"] == kind][:TOP]
        total = largest.get("totals_by_type", {}).get(kind, {})
        if not ranked:
            continue
        lines += [
            "",
            f"Slowest {label} at x{largest['scale']} ({total.get('n', 0)} {label}, "
            f"{total.get('seconds', 0):.0f} s summed over dbt's threads):",
            "",
            "| node | s |",
            "|---|---|",
        ]
        lines += [f"| `{s['name']}` | {s['seconds']:.2f} |" for s in ranked]
    return lines


def _engines(record: dict) -> list[str]:
    rows = record.get("engines") or []
    if not rows:
        return ["", "The engines side by side did not run (`--engines none`, or no scale x1 or x10)."]
    lines = [
        "",
        "Engines side by side (the same landing, then the same `dbt build`: seeds, models, data tests; × DuckDB is"
        " landing and build over DuckDB's; marts: every mart compared with DuckDB's, row for row):",
        "",
        "| engine | scale | raw rows | landing s | dbt build s | models s | tests s | × DuckDB | start-up s | passed |"
        " marts |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        ratio = "" if r.get("ratio_to_duckdb") is None else f"{r['ratio_to_duckdb']:.1f}"
        startup = f"{r['startup_seconds']:.1f}" if r.get("startup_seconds", 0) >= 0.5 else ""
        marts = {None: "", True: "equal", False: "**differ**"}[r.get("marts_equal")]
        lines.append(
            f"| {r['engine']} | x{r['scale']} | {r['raw_rows']:,} | {r.get('landing_seconds', 0):.1f} | "
            f"{r['build_seconds']:.1f} | {r['model_seconds']:.1f} | {r['test_seconds']:.1f} | {ratio} | {startup} | "
            f"{'yes' if r['passed'] else '**no**'} | {marts} |"
        )
    return lines


def render(record: dict) -> str:
    """The text between the markers for one benchmark record (bench.py's JSON)."""
    lines = [*_stamp(record), "", "```", *record.get("table", []), "```"]
    goals = _goals(record)
    if goals:
        lines += ["", *goals]
    lines += _slowest(record) + _engines(record)
    return "\n".join(lines)


def write_doc(record: dict, doc: Path = DOC) -> Path:
    """Replace what lies between the markers of `doc` with render(record); MarkersMissing when they are not
    there once each, in order (the page is never rewritten around them)."""
    text = doc.read_text(encoding="utf-8")
    if text.count(BEGIN) != 1 or text.count(END) != 1 or text.index(BEGIN) > text.index(END):
        raise MarkersMissing(f"{doc}: needs the lines {BEGIN!r} and {END!r}, once each, in that order")
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    doc.write_text(f"{head}{BEGIN}\n{render(record)}\n{END}{tail}", encoding="utf-8")
    return doc


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("record", nargs="?", type=Path, default=LATEST, help="a bench JSON (default: %(default)s)")
    parser.add_argument("--doc", type=Path, default=DOC, help="the page to write (default: %(default)s)")
    args = parser.parse_args(argv)
    write_doc(json.loads(args.record.read_text(encoding="utf-8")), args.doc)
    print(f"Wrote the measured part of {args.doc} from {args.record}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
