"""`make build RAW=…`: a user's own export, end to end, each test on files it writes itself.

Bad files are refused before any model builds, with a message naming the file and the problem, and the
previous warehouse stays as it was (same bytes, same figures). Good files in other shapes (GBK, BOM, Parquet,
several files) give exactly the marts of the plain UTF-8 CSV, and building twice gives identical marts.
"""

from __future__ import annotations

import csv
import hashlib
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import duckdb
import pytest

from byo_support import (
    BIN,
    HANDMADE,
    ROOT,
    build,
    build_env,
    figures,
    handmade_rows,
    input_path,
    leftovers,
    mart_tables,
    run_build,
    write_csv,
)
from gba_tech_transfer import contract

# --- the two readers agree -----------------------------------------------------------------------------


def test_dbt_and_validate_read_the_contract_alike(tmp_path):
    """The hook and every engine's macro (macros/raw_export/contract.sql) and make build's validation
    (contract.py) render the one definition in _cnipa__sources.yml: the same columns and read options."""
    inline = "{{ raw_export_columns() | join(',') }}|{{ raw_export_read_csv_options() }}"
    env = build_env(tmp_path) | {"GBA_DUCKDB_PATH": str(tmp_path / "compile.duckdb")}
    result = subprocess.run(
        [str(BIN / "dbt"), "--quiet", "compile", "--target", "ci", "--output", "json", "--inline", inline],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    columns, options = json.loads(result.stdout)["compiled"].split("|")
    assert tuple(columns.split(",")) == contract.COLUMNS
    assert options == contract.READ_CSV_OPTIONS


# --- file-level errors: refused before dbt, previous warehouse intact ----------------------------------


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def previous():
    """The warehouse a user already has (the hand-made export's), with its figures."""
    result = build("utf8")
    assert result.returncode == 0, result.stderr[-3000:]
    return result.warehouse, figures(result.warehouse)


def _refused(previous, tmp_path: Path, raw: str) -> str:
    """Run the build on `raw` over a copy of the previous warehouse; return the message the user saw."""
    source, before = previous
    warehouse = tmp_path / "warehouse" / "w.duckdb"
    warehouse.parent.mkdir()
    shutil.copy(source, warehouse)
    digest = _digest(warehouse)
    result = run_build(tmp_path / "run", raw, warehouse=warehouse, timeout=120, replace=True)
    assert result.returncode == 2, result.stdout[-2000:] + result.stderr[-2000:]
    assert "Running with dbt" not in result.stdout, "dbt started although the file is bad"
    assert f"{warehouse} was left as it was." in result.stderr
    assert _digest(warehouse) == digest
    assert figures(warehouse) == before  # still opens, previous figures
    assert leftovers(warehouse) == []  # no temporary file left over
    message = result.stderr.strip().splitlines()[0]
    assert message.startswith("Raw export refused: ")
    return message.removeprefix("Raw export refused: ")


def _rows() -> list[dict]:
    return handmade_rows()


def _drop(rows, column):
    return [{k: v for k, v in r.items() if k != column} for r in rows]


def test_missing_column(previous, tmp_path):
    columns = [c for c in contract.COLUMNS if c != "ipc_all"]
    f = write_csv(tmp_path / "export.csv", _drop(_rows(), "ipc_all"), columns=columns)
    assert _refused(previous, tmp_path, str(f)).startswith(f"{f}: missing column(s) ipc_all;")


def test_renamed_column(previous, tmp_path):
    columns = ["app_no" if c == "application_no" else c for c in contract.COLUMNS]
    rows = [{("app_no" if k == "application_no" else k): v for k, v in r.items()} for r in _rows()]
    f = write_csv(tmp_path / "export.csv", rows, columns=columns)
    assert _refused(previous, tmp_path, str(f)).startswith(
        f"{f}: renamed column(s): column 2 is 'app_no', expected 'application_no';"
    )


def test_extra_column(previous, tmp_path):
    rows = [dict(r, note="x") for r in _rows()]
    f = write_csv(tmp_path / "export.csv", rows, columns=[*contract.COLUMNS, "note"])
    assert _refused(previous, tmp_path, str(f)).startswith(f"{f}: unexpected column(s) note;")


def test_empty_file(previous, tmp_path):
    f = tmp_path / "export.csv"
    f.write_bytes(b"")
    assert _refused(previous, tmp_path, str(f)) == f"{f}: the file is empty (no header row, no data)"


def test_header_only(previous, tmp_path):
    f = write_csv(tmp_path / "export.csv", [])
    assert _refused(previous, tmp_path, str(f)) == f"{f}: header only, no data rows"


def _latin1_rows(text: str) -> list[dict]:
    return [
        dict(
            r, title=text, assignors="Université de Montréal" if "Montr" in text else text, assignees="Müller GmbH Co."
        )
        for r in _rows()
        if r["record_id"] in ("H10", "H51")
    ]


def test_latin1_file(previous, tmp_path):
    f = tmp_path / "export.csv"
    with f.open("w", encoding="latin-1", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=contract.COLUMNS)
        writer.writeheader()
        writer.writerows(
            [
                {k: v.encode("latin-1", "replace").decode("latin-1") for k, v in r.items()}
                for r in _latin1_rows("Appareil de Montréal")
            ]
        )
    message = _refused(previous, tmp_path, str(f))
    assert message.startswith(f"{f}: not valid UTF-8 (invalid byte at offset ")
    assert "and not GBK/GB18030 either; re-export it as UTF-8" in message


def test_latin1_file_that_would_decode_as_gbk_is_not_loaded_as_mojibake(previous, tmp_path):
    # 'é' + a letter is a valid GBK byte pair: read as GB18030, 'Montréal' would become 'Montr閍l'
    f = tmp_path / "export.csv"
    rows = [
        dict(r, title="Montréal", assignors="Zürich", assignees="Sociétés")
        for r in [{k: "x" for k in contract.COLUMNS} | {"record_id": "L1"}]
    ]
    with f.open("w", encoding="latin-1", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=contract.COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    f.read_bytes().decode("gb18030")  # the trap: this succeeds
    message = _refused(previous, tmp_path, str(f))
    assert message.startswith(f"{f}: not valid UTF-8 (invalid byte at offset ")
    assert "'Montr閍l'" in message and "probably Latin-1/Windows-1252 or Big5; re-export it as UTF-8" in message


def test_utf16_file(previous, tmp_path):
    f = write_csv(tmp_path / "export.csv", _rows(), encoding="utf-16")
    assert _refused(previous, tmp_path, str(f)) == f"{f}: encoded as UTF-16; export it as UTF-8 (or GBK/GB18030)"


def test_utf16_file_without_bom(previous, tmp_path):
    f = write_csv(tmp_path / "export.csv", _rows(), encoding="utf-16-le")
    assert "holds NUL bytes, as a UTF-16 file without a byte-order mark does" in _refused(previous, tmp_path, str(f))


def test_big5_file(previous, tmp_path):
    rows = [{k: v.encode("big5", "replace").decode("big5") for k, v in r.items()} for r in _rows()]
    f = write_csv(tmp_path / "export.csv", rows, encoding="big5")
    assert "probably Latin-1/Windows-1252 or Big5" in _refused(previous, tmp_path, str(f))


def test_glob_that_matches_nothing(previous, tmp_path):
    pattern = str(tmp_path / "exports" / "*.csv")
    assert _refused(previous, tmp_path, pattern) == f"RAW={pattern}: no file matches"


def test_duplicate_record_id(previous, tmp_path):
    rows = _rows()
    rows[5]["record_id"] = rows[2]["record_id"]  # H06 -> H03
    rows[9]["record_id"] = rows[2]["record_id"]  # H10 -> H03
    rows[8]["record_id"] = rows[7]["record_id"]  # H09 -> H08
    f = write_csv(tmp_path / "export.csv", rows)
    assert _refused(previous, tmp_path, str(f)).startswith(
        f"{f}: duplicate record_id: 'H03' (3 rows), 'H08' (2 rows); record_id must be unique per row"
    )


def test_duplicate_record_id_across_the_files_of_a_glob(previous, tmp_path):
    rows = _rows()
    write_csv(tmp_path / "exports" / "a.csv", rows[:20])
    write_csv(tmp_path / "exports" / "b.csv", rows[19:])  # H20 in both
    a, b = tmp_path / "exports" / "a.csv", tmp_path / "exports" / "b.csv"
    assert _refused(previous, tmp_path, str(tmp_path / "exports" / "*.csv")).startswith(
        f"{a}, {b}: duplicate record_id: '{rows[19]['record_id']}' (2 rows in {a} and {b})"
    )


def test_empty_record_id(previous, tmp_path):
    rows = _rows()
    rows[6]["record_id"] = ""
    f = write_csv(tmp_path / "export.csv", rows)
    assert _refused(previous, tmp_path, str(f)).startswith(f"{f}: record_id is empty on 1 row(s) (first: data row 7)")


def test_ragged_row(previous, tmp_path):
    f = write_csv(tmp_path / "export.csv", _rows())
    lines = f.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[4] = lines[4].replace("一种测试装置", "一种测试装置,及其方法", 1)  # an unquoted comma in a title
    f.write_text("".join(lines), encoding="utf-8")
    assert _refused(previous, tmp_path, str(f)) == (
        f"{f}: line 5 has 17 fields, expected 16 (an unquoted comma inside a value?)"
    )


@pytest.mark.parametrize(
    "change, fields",
    [
        (lambda line: line.rstrip("\n") + ",\n", 17),  # a stray trailing comma: DuckDB alone drops it
        (lambda line: line.rsplit(",", 1)[0] + "\n", 15),  # a field missing
    ],
)
def test_row_with_a_trailing_empty_field_or_a_missing_field(previous, tmp_path, change, fields):
    f = write_csv(tmp_path / "export.csv", _rows())
    lines = f.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[5] = change(lines[5])
    f.write_text("".join(lines), encoding="utf-8")
    assert _refused(previous, tmp_path, str(f)).startswith(f"{f}: line 6 has {fields} fields, expected 16")


def test_semicolon_separated(previous, tmp_path):
    f = tmp_path / "export.csv"
    with f.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=contract.COLUMNS, delimiter=";")
        writer.writeheader()
        writer.writerows(_rows())
    assert _refused(previous, tmp_path, str(f)) == (
        f"{f}: the header is one ';'-separated field; the export must be comma-separated"
    )


def test_excel_workbook(previous, tmp_path):
    f = tmp_path / "export.xlsx"
    with zipfile.ZipFile(f, "w") as book:
        book.writestr("xl/workbook.xml", "<workbook/>")
    # Workbooks are read now (docs/bring-your-own.md); a damaged one is refused, named.
    assert _refused(previous, tmp_path, str(f)).startswith(f"{f}: not a readable Excel workbook (")


def test_parquet_missing_column(previous, tmp_path):
    source = write_csv(tmp_path / "export.csv", _rows())
    f = tmp_path / "export.parquet"
    with duckdb.connect() as con:
        con.execute(
            f"copy (select * exclude (assignees) from read_csv('{source}', all_varchar = true)) "
            f"to '{f}' (format parquet)"
        )
    assert _refused(previous, tmp_path, str(f)).startswith(f"{f}: missing column(s) assignees;")


def test_csv_and_parquet_in_one_glob(previous, tmp_path):
    source = write_csv(tmp_path / "exports" / "a.csv", _rows())
    with duckdb.connect() as con:
        con.execute(f"copy (from read_csv('{source}', all_varchar = true)) to '{tmp_path / 'exports' / 'b.parquet'}'")
    pattern = str(tmp_path / "exports" / "*")
    assert "matches both Parquet and CSV files" in _refused(previous, tmp_path, pattern)


# --- the same rows in another shape give the same marts ------------------------------------------------


@pytest.fixture(scope="module")
def reference_marts():
    result = build("utf8")
    assert result.returncode == 0, result.stderr[-3000:]
    marts = mart_tables(result.warehouse, without=PROVENANCE)
    assert len(marts) >= 14 and marts["record_outcomes"]
    return marts


# Where a record came from (the file's name and its row): the same rows from another file differ only there.
PROVENANCE = {"file_name", "sheet", "row_number"}


@pytest.mark.parametrize(
    "key, note",
    [
        ("gbk", "(read as gb18030, landed from a UTF-8 copy)"),
        ("bom", "(read as utf-8-sig, landed from a UTF-8 copy)"),
        ("parquet", ""),
        ("glob", ""),
        ("again", ""),
    ],
)
def test_same_rows_give_the_same_marts(reference_marts, key, note):
    result = build(key)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert note in result.stdout
    marts = mart_tables(result.warehouse, without=PROVENANCE)
    assert marts.keys() == reference_marts.keys()
    different = [name for name in marts if marts[name] != reference_marts[name]]
    assert not different, f"{key}: marts differ from the UTF-8 CSV's: {different}"
    assert not list(result.warehouse.parent.glob(".*raw-utf8*")), "the UTF-8 copy was not removed"
    with duckdb.connect(str(result.warehouse), read_only=True) as con:  # the synthetic seed is not a load
        assert con.execute("select distinct landing_table from raw.load_manifest").fetchall() == [("contract_rows",)]


def test_glob_reads_every_file(reference_marts):
    pattern = input_path("glob")
    files = sorted(Path(pattern).parent.glob(Path(pattern).name))
    assert len(files) == 3
    stdout = build("glob").stdout
    assert all(f"Raw export: {f}" in stdout for f in files)
    assert len(reference_marts["record_outcomes"]) == len(HANDMADE)
