"""The same dbt project on PostgreSQL and Spark, checked against DuckDB (`make test-postgres`, `make test-spark`,
`make test-spark-cluster`).

    python -m gba_tech_transfer.engines test postgres|spark|spark-cluster [--every 20] [--run-dir DIR]

1. writes the loads: the test export, a deterministic sample of the bundled export (every `--every`-th
   patent, all of its records, so duplicates stay together) plus TRAP_ROWS, hand-made rows aimed at where
   engines differ (full-width text, whitespace, quotes and backslashes, impossible dates, leap days, rare Han
   characters, CSV line breaks, 8-digit numbers, ...); samples of the bundled mix in the four other shapes
   (database headers, legal-status events, a patent list with its history in one cell, an Excel workbook);
   and some of the test export's records sent again, corrected (the later load replaces them);
2. on DuckDB (target ci, a scratch file) and on the engine (a temporary PostgreSQL server on loopback, Spark
   local in a temporary warehouse/metastore directory, or a temporary Spark standalone cluster reached through
   its Thrift server: spark_cluster.py), lands each as one load with the engine's own reader
   (macros/landing/land.sql), then runs `dbt build` (runner.py): the published-figure tests do not fail (the
   warehouse is not the bundled export's) and every other data test must pass; dbt unit tests run on DuckDB
   only (their fixtures are DuckDB literals);
3. snapshots every mart (models/marts, models/semantic) of both builds to Parquet;
4. runs python/tests/test_engine_parity.py on the two snapshots: every mart equal row for row;
5. on spark-cluster, the cluster's stop-on-signal tests (python/tests/test_spark_cluster.py; make's target).

Prints each build's wall time. The run directory (default .scratch/engines/<engine>) keeps the export, the
snapshots, dbt's target and logs; the temporary server or Spark directory is always removed.
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
import subprocess
import sys
import time
import unicodedata
import zlib
from pathlib import Path

from .. import PROJECT_DIR, contract
from ..synthetic.application_numbers import application_no, check_character
from .runner import build

SPARK_ENGINES = ("spark", "spark-cluster")
BUNDLED_EXPORT = PROJECT_DIR / "seeds" / "raw" / "raw_transfer_records.csv"


# --- the test export -------------------------------------------------------------------------------------


def fullwidth(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


_BASE = {
    "publication_no": "",
    "patent_type": "发明",
    "title": "一种测试装置",
    "application_date": "2019-03-05",
    "grant_date": "",
    "ipc_main": "A61K 31/4745",
    "ipc_all": "",
    "legal_event": "专利权的转移",
    "effective_date": "2023-06-01",
    "assignors": "中山大学",
    "assignor_address": "广州市海珠区新港西路135号",
    "assignees": "深圳市测试科技有限公司",
    "assignee_address": "深圳市南山区科技园",
    "pct_application_no": "",
}


def _trap(record_id: str, body: str, **values: str) -> dict[str, str]:
    return {"record_id": record_id, **_BASE, "application_no": application_no(body), **values}


# Hand-made rows aimed at the places where engines differ; each line says what it tries.
TRAP_ROWS: list[dict[str, str]] = [
    # quotes, apostrophes, backslashes and a comma inside CSV fields
    _trap(
        "T001",
        "202110000013",
        title='一种"引号"与\\反斜杠\\d的装置, 及其方法',
        assignees="O'Brien Biotech (Shenzhen) Co., Ltd.",
    ),
    # full-width prefix and digits, lower-case check character x
    _trap("T002", "201910000017", application_no=fullwidth("CN201910000017.") + "x"),
    # old 8-digit number with check X; ZL ZL double prefix with spaces
    _trap("T003", "89100002", application_no="ZLZL 89100002.X", patent_type="发明专利"),
    # dates in every form, a leap day
    _trap("T004", "202010000019", application_date="2020-2-29", grant_date="2021/1/5", effective_date="2023年6月1日"),
    _trap("T005", "202010000027", application_date="2000年02月29日", effective_date="20230601"),
    # impossible dates: 30 February, 29 February 1900, month 13, year 0000 (all bad_date)
    _trap("T006", "201910000025", application_date="2019-02-30"),
    _trap("T007", "201910000033", application_date="1900-02-29"),
    _trap("T008", "201910000041", grant_date="2019-13-01"),
    _trap("T009", "201910000059", effective_date="00000601"),
    _trap("T010", "201910000067", effective_date="2023-6-31"),
    # whitespace: ideographic spaces, tabs, no-break spaces, runs of spaces, full-width semicolon
    _trap(
        "T011",
        "201910000075",
        assignors="\u3000中山大学\u3000；\t华南理工大学 ",
        assignees="深圳市\u00a0测试  科技有限公司 ; 张三",
    ),
    # nothing but separators: empty party
    _trap("T012", "201910000083", assignors=" ; ;", assignees="深圳市测试科技有限公司"),
    # LIKE wildcards and a quote in names; an individual (2-4 Han characters) among the assignees
    _trap(
        "T013",
        "201910000091",
        assignees="李四;100%_Tech (Guangzhou) Co.,Ltd;王五六",
        assignee_address="510000 广东省广州市天河区",
    ),
    # rare Han characters (CJK extension B) as an individual's name; emoji in the title
    _trap("T014", "201910000105", assignees="\U00020000\U00020001;珠海市测试有限公司", title="一种🚀装置"),
    # Hong Kong by English name; 沙田 without a Dongguan suffix; upper-case English address
    _trap(
        "T015",
        "201910000113",
        assignors="The University of Hong Kong",
        assignor_address="POKFULAM ROAD, HONG KONG",
        assignees="沙田测试有限公司",
        assignee_address="香港新界沙田科学园",
    ),
    # Macao in traditional characters; a postcode prefix (5284 中山 beats 528 佛山)
    _trap(
        "T016",
        "201910000121",
        assignors="澳門大學",
        assignor_address="澳門氹仔大學大馬路",
        assignees="中山市测试有限公司",
        assignee_address="528403 中山市东区",
    ),
    # duplicates: the same transfer written three ways (prefix, full-width, separators)
    _trap("T017", "201910000139"),
    _trap(
        "T018",
        "201910000139",
        application_no=fullwidth("ZL201910000139") + "." + check_character("201910000139"),
        assignors="中山大学 ",
        assignees=" 深圳市测试科技有限公司",
    ),
    _trap("T019", "201910000139", effective_date="2023/6/1"),
    # IPC codes: lower case, spaces, repeats, an empty item
    _trap("T020", "201910000147", ipc_main="a61k  31/4745", ipc_all="c07d 471/04;;A61K31/4745; a61p 35/00"),
    # not a transfer; after the cutoff
    _trap("T021", "201910000155", legal_event="专利实施许可合同备案的生效"),
    _trap("T022", "201910000163", effective_date="2025-11-01"),
    # a line break inside a quoted field
    _trap("T023", "201910000171", title="一种装置\n及其制备方法"),
    # a title of spaces only; an empty publication number in quotes
    _trap("T024", "201910000189", title="   ", publication_no=""),
    # wrong check character; malformed number
    _trap(
        "T025",
        "201910000197",
        application_no="201910000197.0" if check_character("201910000197") != "0" else "201910000197.1",
    ),
    _trap("T026", "201910000200", application_no="2019100002"),
    # PCT: national-phase type digit 8, and a PCT application number
    _trap("T027", "201980012345", ipc_main="H01L 21/02"),
    _trap("T028", "201910000218", pct_application_no="PCT/CN2019/123456", ipc_main="G06F 3/01"),
    # design filed on 2021-06-01 (15-year term) and the day before (10 years); utility model by text only
    _trap("T029", "202130000011", patent_type="外观设计", application_date="2021-06-01", ipc_main="A61K 9/00"),
    _trap("T030", "202130000029", patent_type="外观设计", application_date="2021-05-31", ipc_main="A61K 9/00"),
    _trap("T031", "201950000011", patent_type="实用新型"),
    # an enterprise first among the assignors: the primary transferor is the first institution
    _trap("T032", "201910000234", assignors="广州测试集团有限公司;华南理工大学;中山大学"),
    # a hospital as transferor; an English company form in lower case
    _trap("T033", "201910000242", assignors="中山大学附属第一医院", assignees="shenzhen lower co. ltd"),
    # a non-GBA pair (outside_gba) and an address naming a non-GBA city with a GBA district name
    _trap(
        "T034",
        "201910000250",
        assignors="浙江大学",
        assignor_address="杭州市西湖区余杭塘路866号",
        assignees="贵州测试有限公司",
        assignee_address="贵阳市白云区",
    ),
    # a leap-day application with a 20-year term (remaining term across 29 February)
    _trap("T035", "202010000035", application_date="2020-02-29", effective_date="2024-02-29"),
    # dates with dots, a leap day; an impossible one (bad_date)
    _trap("T036", "202010000043", application_date="2020.2.29", grant_date="2021.01.05", effective_date="2023.06.01"),
    _trap("T037", "202010000051", effective_date="2023.2.30"),
    # IPC codes full-width, lower-case and with edition suffixes, in ipc_main and ipc_all
    _trap(
        "T038",
        "201910000297",
        ipc_main=fullwidth("A61K 31/4745 (2006.01)"),
        ipc_all="a61k 31/4745 (2006.01);C07D 471/04(2006.01); a61p 35/00 (2006.1)",
    ),
    # unmapped: a design patent without IPC whose text says invention (the number wins); an IPC mapping to none
    _trap("T039", "202130000037", patent_type="发明", ipc_main="", ipc_all=""),
    _trap("T040", "201910000301", ipc_main="Z99Z 1/00", ipc_all="Z99Z 1/00"),
    # duplicates: all-digit ids compare as numbers (9 before 10, also past 18 digits), mixed ids as text
    _trap("10", "201910000263"),
    _trap("9", "201910000263"),
    _trap("A9", "201910000271"),
    _trap("100", "201910000271"),
    _trap("1000000000000000000000", "201910000289"),
    _trap("999999999999999999999", "201910000289"),
]


def sample_rows(every: int) -> list[dict[str, str]]:
    """Every `every`-th patent of the bundled export (by a stable hash of its digits), all its records."""
    with BUNDLED_EXPORT.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    if every <= 1:
        return rows

    def patent_key(row: dict[str, str]) -> str:
        digits = "".join(c for c in unicodedata.normalize("NFKC", row["application_no"] or "") if c.isdigit())
        return digits[:12]

    return [row for row in rows if zlib.crc32(patent_key(row).encode()) % every == 0]


def write_test_export(path: Path, every: int = 20, traps: bool = True) -> int:
    rows = sample_rows(every) + (TRAP_ROWS if traps else [])
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(contract.COLUMNS), lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({column: row.get(column, "") for column in contract.COLUMNS})
    return len(rows)


# --- the other shapes, and a record sent again -------------------------------------------------------------

SHAPES = ("headers", "legal-status", "history", "xlsx")
# The other shapes sample 5 times more sparsely than the test export: they are there to exercise each engine's
# reading of the shape (every form of the generator is in ~500 records); the traps are in the test export.
SHAPE_SPARSITY = 5
RESENT = 25  # records of the test export sent again, corrected, in a later load
CORRECTED = "更正版"  # appended to their title (Han characters: width folding leaves them as they are)


def write_shape_exports(out_dir: Path, every: int) -> list[Path]:
    """The bundled mix's records in the four other export shapes (the generator's writers), each a sample of
    its own of the patents (every `every * SHAPE_SPARSITY`-th, a different offset per shape), so each load adds
    records."""
    from ..synthetic.export_shapes import WRITERS
    from ..synthetic.generate import build as generate

    rows = generate().rows
    patents = list(dict.fromkeys(row.app for row in rows))
    paths = []
    for offset, shape in enumerate(SHAPES, 1):
        chosen = set(patents[offset :: every * SHAPE_SPARSITY])
        path = out_dir / ("shape.xlsx" if shape == "xlsx" else f"shape.{shape}.csv")
        path.parent.mkdir(parents=True, exist_ok=True)
        WRITERS[shape]([row for row in rows if row.app in chosen], path)
        paths.append(path)
    return paths


def write_resent(export: Path, out: Path) -> set[str]:
    """RESENT records of the test export sent again with the same record_id, a corrected title and assignee
    address: the later load's version replaces the earlier (docs/architecture.md#landing)."""
    with export.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    resent = [
        dict(row, title=f"{row['title'] or ''}{CORRECTED}", assignee_address="珠海市香洲区唐家湾镇")
        for row in rows[:: max(1, len(rows) // RESENT)][:RESENT]
    ]
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(contract.COLUMNS), lineterminator="\n")
        writer.writeheader()
        writer.writerows(resent)
    return {row["record_id"] for row in resent}


def test_engine(engine: str, every: int, run_dir: Path) -> int:
    if engine in SPARK_ENGINES and not (shutil.which("java") or os.environ.get("JAVA_HOME")):
        print(
            f"make test-{engine}: Spark needs a Java runtime (17): apt-get install openjdk-17-jre-headless",
            file=sys.stderr,
        )
        return 2
    export = run_dir / "export" / "test_export.csv"
    n_rows = write_test_export(export, every)
    shapes = write_shape_exports(run_dir / "export", every)
    resent = write_resent(export, run_dir / "export" / "resent.csv")
    loads = [export, *shapes, run_dir / "export" / "resent.csv"]
    print(
        f"Test export: {export} ({n_rows} rows: every {every}th patent of the bundled export + "
        f"{len(TRAP_ROWS)} trap rows); then, each its own load, samples of the bundled mix as "
        f"{', '.join(SHAPES)}, and {len(resent)} of the first load's records sent again, corrected",
        flush=True,
    )
    results = []
    for name in ("duckdb", engine):
        print(f"\n=== {len(loads)} loads landed, then dbt build on {name} ===", flush=True)
        result = build(name, [str(p) for p in loads], run_dir / name, snapshot_marts=True)
        results.append(result)
        print(
            f"=== {name}: dbt build {'passed' if result.code == 0 else 'FAILED'} in {result.seconds:.1f} s ===",
            flush=True,
        )
        if result.code != 0:
            return result.code
    print("\n=== comparison: every mart on " + engine + " equals DuckDB's, row for row ===", flush=True)
    started = time.monotonic()
    code = compare_marts(run_dir / "duckdb" / "marts", run_dir / engine / "marts", engine)
    print(
        f"\nSame {len(loads)} loads, dbt build wall time: "
        + ", ".join(f"{r.engine} {r.seconds:.1f} s" for r in results)
        + f"; comparison {time.monotonic() - started:.1f} s: {'equal' if code == 0 else 'DIFFERENT'}",
        flush=True,
    )
    return code


def compare_marts(reference: Path, candidate: Path, engine: str, log: Path | None = None) -> int:
    """python/tests/test_engine_parity.py on two snapshots of the marts (runner.snapshot): DuckDB's in `reference`,
    the engine's in `candidate`; pytest's exit code (0: every mart equal, row for row). Its report goes to `log`
    when given, else to the terminal."""
    env = {
        **os.environ,
        "GBA_PARITY_REFERENCE": str(reference),
        "GBA_PARITY_CANDIDATE": str(candidate),
        "GBA_PARITY_ENGINE": engine,
    }
    command = [
        str(Path(sys.executable).parent / "pytest"),
        "-q",
        "-p",
        "no:cacheprovider",
        str(PROJECT_DIR / "python" / "tests" / "test_engine_parity.py"),
    ]
    if log is None:
        return subprocess.call(command, cwd=PROJECT_DIR, env=env)
    with log.open("w") as out:
        return subprocess.call(command, cwd=PROJECT_DIR, env=env, stdout=out, stderr=subprocess.STDOUT)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m gba_tech_transfer.engines", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    test = sub.add_parser("test", help="build the test export on DuckDB and ENGINE, compare every mart")
    test.add_argument("engine", choices=("postgres", "spark", "spark-cluster"))
    test.add_argument("--every", type=int, default=20, help="sample every Nth patent of the bundled export (20)")
    test.add_argument("--run-dir", type=Path, help="default .scratch/engines/<engine>")
    export = sub.add_parser("export", help="write the test export only")
    export.add_argument("out", type=Path)
    export.add_argument("--every", type=int, default=20)
    args = parser.parse_args(argv)
    if args.command == "export":
        print(write_test_export(args.out, args.every), "rows")
        return 0
    run_dir = (args.run_dir or PROJECT_DIR / ".scratch" / "engines" / args.engine).resolve()
    return test_engine(args.engine, args.every, run_dir)


if __name__ == "__main__":
    sys.exit(main())
