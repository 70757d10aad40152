"""The export shapes' refusals (docs/bring-your-own.md) and the workbook conversion's exactness.

Each refusal names the file and the header (or sheet) at fault. Most are checked through validate.check_raw
(what `make build` runs before dbt); one goes through the whole build to show the warehouse is left as it was.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook

from byo_support import handmade_rows
from gba_tech_transfer.pipeline.validate import RawFileError, check_raw
from gba_tech_transfer.pipeline.workbook import READERS, convert
from test_raw_input import _refused, previous  # noqa: F401  (the fixture, for the end-to-end refusal)

HEADERS = {
    "application_no": "申请号",
    "publication_no": "公开（公告）号",
    "patent_type": "专利类型",
    "title": "发明名称",
    "application_date": "申请日",
    "grant_date": "授权公告日",
    "ipc_main": "IPC主分类号",
    "ipc_all": "IPC分类号",
    "legal_event": "法律状态",
    "effective_date": "登记生效日",
    "assignors": "转让人",
    "assignor_address": "转让人地址",
    "assignees": "受让人",
    "assignee_address": "受让人地址",
    "pct_application_no": "PCT申请号",
}


def _write(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        w = csv.writer(handle)
        w.writerow(header)
        w.writerows(rows)
    return path


def _headers_file(path: Path, header_for: dict[str, str] = HEADERS, extra: dict[str, str] | None = None) -> Path:
    rows = handmade_rows()
    columns = list(header_for)
    header = [header_for[c] for c in columns] + list(extra or {})
    return _write(path, header, [[r[c] for c in columns] + list((extra or {}).values()) for r in rows])


def _message(tmp_path: Path, raw: Path, sheet: str | None = None) -> str:
    with pytest.raises(RawFileError) as refused:
        check_raw(str(raw), tmp_path / "converted", sheet)
    return str(refused.value)


def test_headers_shape_is_accepted(tmp_path):
    checked = check_raw(str(_headers_file(tmp_path / "h.csv")), tmp_path / "converted")
    assert checked[0].shape.name == "headers" and checked[0].shape.mapping["publication_no"] == "公开（公告）号"


def test_unknown_header_is_named(tmp_path):
    f = _headers_file(tmp_path / "h.csv", extra={"备注": "x"})
    assert _message(tmp_path, f) == (
        f"{f}: unknown column(s) '备注' (column 16): no row of seeds/reference/ref_raw_header_aliases.csv names it; "
        f"add one mapping it to a column (or to 'ignored')"
    )


def test_two_headers_for_one_column_are_named(tmp_path):
    f = _headers_file(tmp_path / "h.csv", extra={"让与人": "x"})
    assert _message(tmp_path, f).startswith(f"{f}: '转让人' and '让与人' both map to assignors;")


def test_missing_required_column_is_named(tmp_path):
    f = _headers_file(tmp_path / "h.csv", {c: h for c, h in HEADERS.items() if c != "assignees"})
    assert _message(tmp_path, f).startswith(
        f"{f}: database headers, mapped to the contract's columns: no column for assignees (a header such as 受让人"
    )


def test_event_shape_with_a_party_column_is_refused(tmp_path):
    f = _write(
        tmp_path / "e.csv",
        ["申请号", "法律状态公告日", "法律状态", "描述信息", "转让人"],
        [["201910000013.1", "2021-01-05", "授权", "授权", "x"]],
    )
    assert "'转让人' (assignors) are read from the description text in this shape" in _message(tmp_path, f)


def _book(path: Path, sheets: dict[str, list[list]]) -> Path:
    book = Workbook(write_only=True)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


EVENTS = [["申请号", "法律状态公告日", "法律状态", "描述信息"], ["201910000013.1", "2021-01-05", "授权", "授权"]]


def test_workbook_with_two_data_sheets_is_refused_listing_them(tmp_path):
    f = _book(tmp_path / "b.xlsx", {"2024": EVENTS, "2025": EVENTS, "说明": [["notes"]]})
    assert _message(tmp_path, f) == (
        f"{f}: 3 sheets and 2 sheets have the header of a known export shape: '2024' (legal-status events, one row "
        f"per event, parties in the description), '2025' (legal-status events, one row per event, parties in the "
        f"description), '说明' (no known header); name the one to read with RAW_SHEET=<sheet>"
    )
    assert check_raw(str(f), tmp_path / "converted", "2025")[0].sheet == "2025"


def test_workbook_without_a_data_sheet_is_refused(tmp_path):
    f = _book(tmp_path / "b.xlsx", {"a": [["x"]], "b": [["y"]]})
    assert "2 sheets and no sheet has the header of a known export shape: 'a' (no known header)" in _message(
        tmp_path, f
    )


def test_raw_sheet_that_does_not_exist(tmp_path):
    f = _book(tmp_path / "b.xlsx", {"data": EVENTS})
    assert _message(tmp_path, f, "数据") == f"{f}: no sheet named '数据' (RAW_SHEET); its sheets: 'data'"


def test_workbook_picks_the_one_sheet_with_a_known_header(tmp_path):
    f = _book(tmp_path / "b.xlsx", {"说明": [["SYNTHETIC"]], "data": EVENTS})
    checked = check_raw(str(f), tmp_path / "converted")
    assert (checked[0].sheet, checked[0].shape.name, checked[0].encoding) == ("data", "legal_events", "xlsx")


@pytest.mark.parametrize("reader", sorted(READERS))
def test_workbook_numbers_and_dates_come_through_exactly(tmp_path, reader):
    f = _book(
        tmp_path / "b.xlsx",
        {
            "data": [
                ["申请号", "法律状态公告日", "法律状态", "描述信息"],
                [2019101234567, dt.date(2021, 1, 5), "授权", 31.5],
                [97101765, dt.datetime(2021, 1, 5, 13, 30), "授权", 0.1],
            ]
        },
    )
    out = tmp_path / f"{reader}.csv"
    assert convert(f, out, reader=reader) == "data"
    assert out.read_text(encoding="utf-8").splitlines()[1:] == [
        "2019101234567,2021-01-05,授权,31.5",
        "97101765,2021-01-05 13:30:00,授权,0.1",
    ]


@pytest.mark.parametrize("reader", sorted(READERS))
def test_workbook_rows_with_empty_trailing_cells_keep_the_header_width(tmp_path, reader):
    """A spreadsheet row ends at its last filled cell: an empty description or address must not shorten it."""
    f = _book(
        tmp_path / "b.xlsx",
        {
            "data": [
                ["申请号", "法律状态公告日", "法律状态", "描述信息"],
                ["201910123456.X", dt.date(2021, 1, 5), "授权"],
                ["201910123456.X", dt.date(2021, 2, 5), "专利权的转移", "登记生效日:20210201"],
            ]
        },
    )
    out = tmp_path / f"{reader}.csv"
    convert(f, out, reader=reader)
    assert [len(r) for r in csv.reader(out.read_text(encoding="utf-8").splitlines())] == [4, 4, 4]


def test_unknown_header_refused_before_dbt_and_warehouse_kept(previous, tmp_path):  # noqa: F811
    f = _headers_file(tmp_path / "h.csv", extra={"备注": "x"})
    assert _refused(previous, tmp_path, str(f)).startswith(f"{f}: unknown column(s) '备注' (column 16)")
