"""Property-based: the SQL parsing of application numbers, dates and IPC codes against a Python reference.

The staging model is compiled once by dbt (`dbt compile --select stg_cnipa__transfer_records`), the landed
records it reads replaced by a read of a CSV in a temporary directory (byo_support.compile_staging()). Its SQL
then reads that CSV with `read_csv` and uses nothing else, so
each hypothesis example (a batch of generated values, valid and invalid) is written to the CSV and the
compiled model runs on it in an in-memory DuckDB: one query per batch, every row compared with the small
reference below, written from docs/architecture.md (not from the SQL); its check character is the
generator's (synthetic/application_numbers.py, held to the SQL macro by test_check_character.py).
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from byo_support import job
from gba_tech_transfer import contract
from gba_tech_transfer.synthetic.application_numbers import check_character

SETTINGS = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# --- the reference (docs/architecture.md, "Parsing") ----------------------------------------------------

_FOLD = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {0x3000: 0x20, 0x00A0: 0x20}
_WHITESPACE = re.compile(r"[ \t\n\r\f]+")  # the whitespace the contract collapses (RE2's \s)


def fold(text: str | None) -> str:
    """Full-width ASCII -> ASCII, U+3000 / U+00A0 -> space, whitespace runs -> one space, trimmed."""
    return _WHITESPACE.sub(" ", (text or "").translate(_FOLD)).strip(" ")


def ref_application_no(raw: str | None) -> dict:
    cleaned = re.sub(r"^(CN|ZL)+", "", fold(raw).upper().replace(" ", "").replace(".", ""))
    if not re.fullmatch(r"[0-9]{12}[0-9X]|[0-9]{8}[0-9X]", cleaned):
        return {"application_no": None, "is_check_character_valid": None, "type_digit": None}
    body, check = cleaned[:-1], cleaned[-1]
    return {
        "application_no": f"{body}.{check}",
        "is_check_character_valid": check_character(body) == check,
        "type_digit": int(body[4] if len(body) == 12 else body[2]),
    }


_DATE_FORMS = (
    r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})",
    r"([0-9]{4})([0-9]{2})([0-9]{2})",
    r"([0-9]{4})/([0-9]{1,2})/([0-9]{1,2})",
    r"([0-9]{4})\.([0-9]{1,2})\.([0-9]{1,2})",
    r"([0-9]{4})年([0-9]{1,2})月([0-9]{1,2})日",
)
_IPC_EDITION = re.compile(r"\([0-9]{4}\.[0-9]{1,2}\)")  # '(2006.01)' after a code


def ref_date(raw: str | None) -> dt.date | None:
    text = fold(raw)
    for form in _DATE_FORMS:
        m = re.fullmatch(form, text)
        if m:
            try:
                return dt.date(*(int(g) for g in m.groups()))
            except ValueError:
                return None
    return None


def ref_has_bad_date(application: str | None, grant: str | None, effective: str | None) -> bool:
    """docs/architecture.md, "Rejects": the effective date is required; another date is bad only when present and
    unreadable."""
    return ref_date(effective) is None or any(fold(d) != "" and ref_date(d) is None for d in (application, grant))


def ref_ipc(main: str | None, every: str | None) -> dict:
    code = _IPC_EDITION.sub("", fold(main).upper().replace(" ", "")) or None
    listed = [code] + [c for c in _IPC_EDITION.sub("", fold(every).upper().replace(" ", "")).split(";") if c]
    codes = []
    for c in listed:
        if c is not None and c not in codes:
            codes.append(c)
    return {"ipc_main": code, "ipc_main_subclass": code[:4] if code else None, "ipc_codes": codes}


def ref_patent_type(type_digit: int | None, text: str | None) -> str:
    by_digit = {1: "invention", 8: "invention", 2: "utility_model", 9: "utility_model", 3: "design"}
    if type_digit in by_digit:
        return by_digit[type_digit]
    t = fold(text).lower()
    if t in ("发明", "发明专利", "invention"):
        return "invention"
    if t in ("实用新型", "实用新型专利", "utility model", "utility_model"):
        return "utility_model"
    if t in ("外观设计", "外观设计专利", "design"):
        return "design"
    return "unknown"


# --- the SQL: the compiled staging model over a CSV ----------------------------------------------------


def _write(path: Path, rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=contract.COLUMNS, quoting=csv.QUOTE_ALL)
        writer.writeheader()
        for i, row in enumerate(rows):
            writer.writerow({c: "" for c in contract.COLUMNS} | row | {"record_id": f"P{i:05d}"})


@pytest.fixture(scope="module")
def staging():
    sql, data = job("compile-staging")
    assert str(data) in sql, "the compiled model does not read the generated CSV"
    con = duckdb.connect()

    def run(rows: list[dict], columns: list[str]) -> list[dict]:
        _write(data, rows)
        result = con.execute(f"select record_id, {', '.join(columns)} from ({sql}) order by record_id").fetchall()
        return [dict(zip(columns, r[1:])) for r in result]

    yield run
    con.close()


def _mismatches(inputs: list, got: list[dict], expected: list[dict]) -> list:
    return [(i, e, g) for i, g, e in zip(inputs, got, expected) if g != e][:5]


# --- generators ----------------------------------------------------------------------------------------

SPACES = st.sampled_from([" ", "  ", "\t", "\u3000", "\u00a0", "\n", " \u3000 "])


def _fullwidth(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


@st.composite
def decorated(draw, text: str) -> str:
    """The same value as exports mangle it: full-width, padded, spaces inside (folding removes them)."""
    if draw(st.booleans()):
        text = (
            _fullwidth(text)
            if draw(st.booleans())
            else "".join(_fullwidth(c) if draw(st.booleans()) else c for c in text)
        )
    if draw(st.integers(0, 3)) == 0:
        text = draw(SPACES) + text
    if draw(st.integers(0, 3)) == 0:
        text = text + draw(SPACES)
    return text


@st.composite
def application_numbers(draw) -> str:
    kind = draw(st.sampled_from(["valid", "valid", "valid", "bad_check", "bad_length", "noise"]))
    if kind == "noise":
        return draw(st.text(alphabet="0123456789XxCNZLcnzl. -/ＣＮ０１Ｘ\u3000;", max_size=18))
    length = draw(st.sampled_from([12, 8])) if kind != "bad_length" else draw(st.sampled_from([7, 9, 10, 11, 13]))
    body = draw(st.text(alphabet="0123456789", min_size=length, max_size=length))
    check = check_character(body) if kind != "bad_length" else draw(st.sampled_from("0123456789X"))
    if kind == "bad_check":
        check = draw(st.sampled_from([c for c in "0123456789X" if c != check]))
    if check == "X" and draw(st.booleans()):
        check = "x"
    dot = "." if draw(st.booleans()) else ""
    if draw(st.booleans()) and len(body) > 4:  # a space inside the number, as some exports print it
        cut = draw(st.integers(1, len(body) - 1))
        body = body[:cut] + " " + body[cut:]
    prefix = draw(st.sampled_from(["", "", "CN", "ZL", "ZL ", "cn", "zl", "CNZL", "CN ZL"]))
    return draw(decorated(prefix + body + dot + check))


@st.composite
def dates(draw) -> str:
    kind = draw(st.sampled_from(["valid", "valid", "valid", "impossible", "odd_year", "bad_form", "noise", "empty"]))
    if kind == "empty":
        return draw(st.sampled_from(["", " ", "\u3000"]))
    if kind == "noise":
        return draw(st.text(alphabet="0123456789-/年月日. 　", max_size=14))
    if kind == "valid":
        d = draw(st.dates(dt.date(1900, 1, 1), dt.date(2099, 12, 31)))
        y, m, dd = d.year, d.month, d.day
    elif kind == "odd_year":
        year = st.one_of(st.sampled_from([0, 1, 999, 1000, 9999]), st.integers(0, 9999))  # no year 0000
        y, m, dd = draw(year), draw(st.integers(1, 12)), draw(st.integers(1, 28))
    else:
        y, m, dd = draw(st.integers(1900, 2099)), draw(st.integers(0, 13)), draw(st.integers(0, 32))
    pad = draw(st.booleans())
    mm, ds = (f"{m:02d}", f"{dd:02d}") if pad else (str(m), str(dd))
    form = draw(
        st.sampled_from(
            ["iso", "compact", "slash", "chinese", "dots", "dmy"]
            if kind == "bad_form"
            else ["iso", "compact", "slash", "chinese", "dots"]
        )
    )
    text = {
        "iso": f"{y:04d}-{mm}-{ds}",
        "compact": f"{y:04d}{m:02d}{dd:02d}",
        "slash": f"{y:04d}/{mm}/{ds}",
        "chinese": f"{y:04d}年{mm}月{ds}日",
        "dots": f"{y:04d}.{mm}.{ds}",
        "dmy": f"{ds}/{mm}/{y:04d}",
    }[form]
    return draw(decorated(text))


@st.composite
def ipc_codes(draw) -> str:
    if draw(st.integers(0, 5)) == 0:
        return draw(st.text(alphabet="ABCGHabgh0123456789/ 　；;", max_size=16))
    section = draw(st.sampled_from("ABCDEFGH"))
    subclass = f"{section}{draw(st.integers(1, 99)):02d}{draw(st.sampled_from('BFJKLNPQ'))}"
    gap = draw(st.sampled_from(["", " ", "   ", "  "]))
    code = f"{subclass}{gap}{draw(st.integers(1, 999))}/{draw(st.integers(0, 9999)):02d}"
    if draw(st.integers(0, 3)) == 0:  # an edition suffix, as some exports print it
        code += draw(st.sampled_from([" (2006.01)", "(2019.01)", " (2006.1)"]))
    if draw(st.booleans()):
        code = code.lower()
    return draw(decorated(code))


@st.composite
def ipc_lists(draw, main: str) -> str:
    codes = draw(st.lists(st.one_of(ipc_codes(), st.just(main), st.just("")), max_size=4))
    return draw(st.sampled_from([";", "；", "; ", " ; "])).join(codes)


PATENT_TYPES = st.sampled_from(
    [
        "",
        "发明",
        "发明专利",
        " 发明 ",
        "实用新型",
        "实用新型专利",
        "外观设计",
        "invention",
        "Invention",
        "design",
        "utility model",
        "外观",
        "其他",
    ]
)

# --- properties ----------------------------------------------------------------------------------------


@SETTINGS
@given(st.lists(st.tuples(application_numbers(), PATENT_TYPES), min_size=1, max_size=80))
def test_application_numbers_and_patent_types_parse_as_the_contract_says(staging, batch):
    got = staging(
        [{"application_no": a, "patent_type": t} for a, t in batch],
        ["application_no", "is_check_character_valid", "type_digit", "patent_type"],
    )
    expected = []
    for number, text in batch:
        e = ref_application_no(number)
        expected.append(e | {"patent_type": ref_patent_type(e["type_digit"], text)})
    assert not _mismatches(batch, got, expected), _mismatches(batch, got, expected)


@SETTINGS
@given(st.lists(st.tuples(dates(), dates(), dates()), min_size=1, max_size=80))
def test_dates_parse_as_the_contract_says(staging, batch):
    got = staging(
        [{"application_date": a, "grant_date": g, "effective_date": e} for a, g, e in batch],
        ["application_date", "grant_date", "effective_date", "has_bad_date"],
    )
    expected = [
        {
            "application_date": ref_date(a),
            "grant_date": ref_date(g),
            "effective_date": ref_date(e),
            "has_bad_date": ref_has_bad_date(a, g, e),
        }
        for a, g, e in batch
    ]
    assert not _mismatches(batch, got, expected), _mismatches(batch, got, expected)


@st.composite
def ipc_pairs(draw) -> tuple[str, str]:
    main = draw(st.one_of(ipc_codes(), st.just("")))
    return main, draw(ipc_lists(main))


@SETTINGS
@given(st.lists(ipc_pairs(), min_size=1, max_size=80))
def test_ipc_codes_normalise_as_the_contract_says(staging, batch):
    got = staging([{"ipc_main": m, "ipc_all": a} for m, a in batch], ["ipc_main", "ipc_main_subclass", "ipc_codes"])
    expected = [ref_ipc(m, a) for m, a in batch]
    assert not _mismatches(batch, got, expected), _mismatches(batch, got, expected)


def test_the_reference_agrees_with_the_contract_examples():
    """The reference itself, on the examples of docs/architecture.md."""
    for valid in (
        "201911044411.X",
        "201710736136.2",
        "200910086409.9",
        "201480074503.1",
        "202321160956.9",
        "97101765.4",
        "95115608.X",
        "CN201911044411.X",
        "ZL 201911044411.X",
        "201911044411x",
    ):
        assert ref_application_no(valid)["is_check_character_valid"] is True, valid
    assert ref_application_no("201911044411.1")["is_check_character_valid"] is False
    assert ref_application_no("2019110444111")["application_no"] == "201911044411.1"
    assert ref_application_no("20191104441")["application_no"] is None
    for text in (
        "2019-03-05",
        "2019-3-5",
        "20190305",
        "2019/3/5",
        "2019.03.05",
        "2019年03月05日",
        "2019年3月5日",
        "２０１９-０３-０５",
    ):
        assert ref_date(text) == dt.date(2019, 3, 5), text
    assert ref_date("2019-02-30") is None and ref_date("05/03/2019") is None
    assert ref_ipc("A61K   31/4745", "a61k 31/4745; C12N15/10")["ipc_codes"] == ["A61K31/4745", "C12N15/10"]
    assert ref_ipc("Ａ６１Ｋ 31/4745 (2006.01)", "a61k 31/4745(2006.01)")["ipc_codes"] == ["A61K31/4745"]
