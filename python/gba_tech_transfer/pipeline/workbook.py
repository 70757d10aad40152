"""An Excel workbook (.xlsx/.xlsm) of any raw-export shape, turned into a UTF-8 CSV that the build reads.

Only cells become text here; headers and rows are checked afterwards like any CSV (validate.py), and
renaming and parsing are the staging models' work. Values come through exactly:

- a number stored as a number keeps every digit: 2019101234567 (an application number typed into Excel)
  is written `2019101234567`, never `2.019101234567e12` or `2019101234567.0`;
- a date cell is written as an ISO date (`2019-03-05`; with its time when it has one), never as Excel's
  serial number (43529) or a float;
- text is written as stored.

Reader: python-calamine (Rust's calamine) by default. Measured with `python -m gba_tech_transfer.pipeline.workbook
--time <file>` on the bundled mix in the database-header shape (`generate --format xlsx`: 51,405 rows x 15
columns, 8.0 MB) on the shared 2-core machine under load ~10: calamine 7.9 s, openpyxl (read-only mode)
41.6 s. The CSVs agree except for cells holding only a space, which calamine gives as empty and openpyxl as
' ' (staging folds both to empty, so the build is the same). openpyxl stays the generator's writer.
python/tests/test_export_shape_refusals.py checks both readers on numbers and dates.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import sys
import time
from pathlib import Path

from .shapes import LABELS, load_aliases, sniff

SUFFIXES = (".xlsx", ".xlsm")


class WorkbookError(ValueError):
    """A workbook that cannot be read or whose sheet cannot be chosen; the message names the sheets."""


def is_workbook(path: Path) -> bool:
    return path.suffix.lower() in SUFFIXES


def cell_text(value) -> str:
    """One cell as the text a CSV export would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        # Excel stores every number as a double: a whole one is an integer typed in (an application
        # number, a year); repr() is the shortest text that reads back as the same double.
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time(0) else value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value)
    return str(value)


def _sheets_calamine(path: Path):
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    return book.sheet_names, lambda name: book.get_sheet_by_name(name).iter_rows()


def _sheets_openpyxl(path: Path):
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    return book.sheetnames, lambda name: book[name].iter_rows(values_only=True)


READERS = {"calamine": _sheets_calamine, "openpyxl": _sheets_openpyxl}


def _rows(rows):
    """Rows as text, each as wide as the header: blank rows skipped; a row's empty trailing cells are padded or cut
    to the header's width (a spreadsheet stores a row only as far as its last filled cell, and its used range may
    reach past the table); a row with a value past the header keeps it, for validation to refuse by line."""
    width = None
    for row in rows:
        cells = [cell_text(v) for v in row]
        if not any(cells):
            continue
        if width is None:
            while cells and cells[-1] == "":
                cells.pop()
            width = len(cells)
        elif not any(cells[width:]):
            cells = cells[:width] + [""] * (width - len(cells))
        yield cells


def choose_sheet(path: Path, names: list[str], rows_of, sheet: str | None) -> str:
    """RAW_SHEET when given; a workbook's only sheet; else the one sheet whose header is a known shape."""
    if sheet:
        if sheet not in names:
            raise WorkbookError(
                f"{path}: no sheet named '{sheet}' (RAW_SHEET); its sheets: " + ", ".join(f"'{n}'" for n in names)
            )
        return sheet
    if len(names) == 1:
        return names[0]
    aliases = load_aliases()
    shapes = {name: sniff(next(_rows(rows_of(name)), []), aliases) for name in names}
    known = [name for name, shape in shapes.items() if shape]
    if len(known) == 1:
        return known[0]
    listed = ", ".join(f"'{n}' ({LABELS[shapes[n]] if shapes[n] else 'no known header'})" for n in names)
    what = "no sheet has" if not known else f"{len(known)} sheets have"
    raise WorkbookError(
        f"{path}: {len(names)} sheets and {what} the header of a known export shape: {listed}; "
        f"name the one to read with RAW_SHEET=<sheet>"
    )


def convert(path: Path, out: Path, sheet: str | None = None, reader: str = "calamine") -> str:
    """Write the chosen sheet of `path` to the CSV `out`; return the sheet's name."""
    try:
        names, rows_of = READERS[reader](path)
    except WorkbookError:
        raise
    except Exception as error:  # the readers raise their own types for a damaged or encrypted file
        raise WorkbookError(f"{path}: not a readable Excel workbook ({type(error).__name__}: {error})") from error
    chosen = choose_sheet(path, list(names), rows_of, sheet)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(_rows(rows_of(chosen)))
    return chosen


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Convert a workbook's sheet to CSV, or time both readers.")
    parser.add_argument("workbook", type=Path)
    parser.add_argument("--out", type=Path, help="CSV to write (default: beside the workbook)")
    parser.add_argument("--sheet")
    parser.add_argument("--time", action="store_true", help="convert with calamine and openpyxl, print both times")
    args = parser.parse_args(argv)
    out = args.out or args.workbook.with_suffix(".csv")
    readers = list(READERS) if args.time else ["calamine"]
    outputs = []
    for reader in readers:
        target = out.with_name(f"{out.stem}.{reader}{out.suffix}") if args.time else out
        start = time.perf_counter()
        sheet = convert(args.workbook, target, args.sheet, reader)
        print(f"{reader:<9} {time.perf_counter() - start:6.2f} s  sheet '{sheet}' -> {target}")
        outputs.append(target.read_bytes())
    if args.time:
        print("same CSV bytes" if len(set(outputs)) == 1 else "the readers DIFFER")
    return 0


if __name__ == "__main__":
    sys.exit(main())
