"""The bundled mix in the export shapes other than the contract (docs/bring-your-own.md), for
`python -m gba_tech_transfer.synthetic --format headers|legal-status|history|xlsx`.

Every shape renders the same planned records (render.Row, the contract's 16 fields) in its own terms:

- headers:      the contract's columns under Chinese database headers (公开（公告）号 with full-width brackets),
                no id column (the warehouse makes ids from the rows' content);
- legal-status: one row per legal event (申请号, 法律状态公告日, 法律状态, 描述信息); a transfer's parties,
                addresses, main IPC and 登记生效日 are written into the description as CNIPA writes them, with
                the separators, colon widths, key words (权利人 / 申请人) and part orders varying; some patents
                get non-transfer events too (授权), which the warehouse reports as not_a_transfer. A record
                whose application or grant date is unreadable in the contract carries that bad date as its
                登记生效日 here (the shape has no other date column), so it is rejected as bad_date in every
                shape; a description without 登记生效日 is announced on its effective date, so the dates agree;
- history:      one row per patent (the patent-level columns as rendered) with every event of it in one cell,
                `#`-separated blocks `法律状态公告日：…；法律状态：…；描述信息：…`;
- xlsx:         the headers shape as an Excel workbook: numbers typed as numbers (an application number
                without its dot), ISO dates as date cells, and a second sheet of notes the build must skip.

Deterministic: a fixed seed of its own, so the contract's bytes (and the plan) are untouched.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import re
from pathlib import Path

from .render import Row

SEED = 20251031
HEADERS = (
    "申请号",
    "公开（公告）号",
    "专利类型",
    "发明名称",
    "申请日",
    "授权公告日",
    "IPC主分类号",
    "IPC分类号",
    "法律状态",
    "登记生效日",
    "转让人",
    "转让人地址",
    "受让人",
    "受让人地址",
    "PCT申请号",
)
EVENT_HEADERS = ("申请号", "法律状态公告日", "法律状态", "描述信息")
HISTORY_HEADERS = (
    "申请号",
    "公开（公告）号",
    "专利类型",
    "发明名称",
    "申请日",
    "授权公告日",
    "IPC主分类号",
    "IPC分类号",
    "PCT申请号",
    "历史法律状态",
)
PATENT_FIELDS = (2, 3, 4, 5, 6, 7, 8, 15)  # render.Row.fields indices of the patent-level columns
TRANSFER_EVENTS = ("专利权的转移", "专利申请权的转移", "专利申请权、专利权的转移")
P_NO_REGISTRATION_DATE = 0.05
P_GRANT_EVENT = 0.25


def _description(row: Row, rng: random.Random) -> tuple[str, str]:
    """(announcement date, description) of one record's legal event."""
    f = row.fields
    eff = row.record.eff_date
    registration = f[10]
    if any(t.startswith("bad_date_col") and t != "bad_date_col10" for t in row.tags):
        registration = f[5] if "bad_date_col5" in row.tags else f[6]  # the unreadable date, where it can go
    if f[9] not in TRANSFER_EVENTS:
        return (eff + dt.timedelta(days=14)).isoformat(), f"{f[9]};让与人:{f[11]};受让人:{f[13]}"
    colon = ":" if rng.random() < 0.6 else "："
    sep = rng.choice((";", "；", " ", "\n"))
    who = "申请人" if "申请权" in f[9] and rng.random() < 0.7 else "权利人"
    matter = "申请人" if who == "申请人" else "专利权人"
    parties = [f"变更事项{colon}{matter}", f"变更前{who}{colon}{f[11]}", f"变更后{who}{colon}{f[13]}"]
    addresses = (
        [f"变更事项{colon}地址", f"变更前{who}{colon}{f[12]}", f"变更后{who}{colon}{f[14]}"] if f[12] or f[14] else []
    )
    if not addresses and rng.random() < 0.3:
        parties = parties[1:]  # 变更事项 may be left out when only the parties changed
    ipc = [f"IPC(主分类){colon}{f[7]}"] if f[7] else []
    announced = eff + dt.timedelta(days=rng.randint(7, 60))
    date = [f"登记生效日{colon}{registration}"]
    if rng.random() < P_NO_REGISTRATION_DATE and row.reason != "bad_date":  # a bad date must stay written
        date, announced = [], eff  # announced on the effective date (basis 'announcement')
    blocks = [ipc, parties, addresses, date]
    if rng.random() < 0.3:
        blocks = [date, parties, addresses, ipc]  # any order
    elif rng.random() < 0.15:
        blocks = [ipc, addresses, parties, date]  # the address block first
    text = sep.join(part for block in blocks for part in block)
    prefix = f[9] if rng.random() < 0.3 else ""  # CNIPA's text often starts with the event's name
    end = rng.choice(("", ";", "。", "；"))
    return announced.isoformat(), prefix + text + end


def _extra_events(row: Row, rng: random.Random) -> list[tuple[str, str, str]]:
    grant = row.record.patent.grant_date
    if grant is not None and rng.random() < P_GRANT_EVENT:
        return [(grant.isoformat(), "授权", "授权")]
    return []


def event_rows(rows: list[Row]) -> list[tuple[int, str, str, str]]:
    """(row index, announcement date, event, description) per legal event, non-transfer events included."""
    rng = random.Random(SEED)
    out, seen = [], set()
    for i, row in enumerate(rows):
        announced, text = _description(row, rng)
        out.append((i, announced, row.fields[9], text))
        if row.app not in seen:
            seen.add(row.app)
            out += [(i, *e) for e in _extra_events(row, rng)]
    return out


def write_headers(rows: list[Row], out: Path, scale: int = 1) -> int:
    with out.open("w", encoding="utf-8", newline="") as handle:
        w = csv.writer(handle, lineterminator="\n")
        w.writerow(HEADERS)
        for k in range(scale):
            w.writerows([row.app.text(k), *row.fields[2:]] for row in rows)
    return len(rows) * scale


def write_legal_status(rows: list[Row], out: Path, scale: int = 1) -> int:
    events = event_rows(rows)
    with out.open("w", encoding="utf-8", newline="") as handle:
        w = csv.writer(handle, lineterminator="\n")
        w.writerow(EVENT_HEADERS)
        for k in range(scale):
            w.writerows((rows[i].app.text(k), announced, event, text) for i, announced, event, text in events)
    return len(events) * scale


def history_rows(rows: list[Row], copy: int = 0) -> list[list[str]]:
    """One row per patent as rendered (its patent-level columns), every event of it in one cell."""
    patents: dict[tuple, list[str]] = {}
    rng = random.Random(SEED + 1)
    for i, announced, event, text in event_rows(rows):
        row = rows[i]
        key = (row.app, *(row.fields[j] for j in PATENT_FIELDS))
        colon = ":" if rng.random() < 0.5 else "："
        block = f"法律状态公告日{colon}{announced}；法律状态{colon}{event}；描述信息{colon}{text}"
        assert "#" not in block, "a block never holds the block separator"
        patents.setdefault(key, []).append(block)
    return [[key[0].text(copy), *key[1:], "#".join(blocks)] for key, blocks in patents.items()]


def write_history(rows: list[Row], out: Path, scale: int = 1) -> int:
    n = 0
    with out.open("w", encoding="utf-8", newline="") as handle:
        w = csv.writer(handle, lineterminator="\n")
        w.writerow(HISTORY_HEADERS)
        for k in range(scale):
            patents = history_rows(rows, k)
            w.writerows(patents)
            n += len(patents)
    return n


_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


def _cell(value: str):
    """A value as a spreadsheet holds it: ISO dates as dates, plain numbers (an application number without
    its dot) as numbers; everything else text."""
    if _ISO.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value  # an impossible date (2019-02-30) stays text
    if value.isdigit() and len(value) <= 15 and not value.startswith("0"):
        return int(value)
    return value


def write_xlsx(rows: list[Row], out: Path, scale: int = 1) -> int:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    notes = book.create_sheet("说明")
    notes.append(["SYNTHETIC export of the gba_tech_transfer generator (database headers); data on sheet 转让记录"])
    sheet = book.create_sheet("转让记录")
    sheet.append(list(HEADERS))
    for k in range(scale):
        for row in rows:
            sheet.append([_cell(v) for v in (row.app.text(k), *row.fields[2:])])
    book.save(out)
    return len(rows) * scale


WRITERS = {"headers": write_headers, "legal-status": write_legal_status, "history": write_history, "xlsx": write_xlsx}
