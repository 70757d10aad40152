"""The bundled synthetic export: reproducible, on contract, messy in every documented way, scalable.

Variant, trap and outcome counts are taken FROM THE CSV with this file's own regexes and parsers, not from
the generator's labels; the generator's expectations are only compared with them.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from gba_tech_transfer import contract
from gba_tech_transfer.synthetic.application_numbers import check_character

ROOT = Path(__file__).resolve().parents[2]
RAW = ROOT / "seeds" / "raw" / "raw_transfer_records.csv"
REF = ROOT / "seeds" / "reference"
CUTOFF = dt.date(2025, 10, 31)
GBA_FULL = ("广州市", "深圳市", "珠海市", "佛山市", "惠州市", "东莞市", "中山市", "江门市", "肇庆市")
TRANSFERS = ("专利权的转移", "专利申请权的转移", "专利申请权、专利权的转移")
MIN = 20

sys.path.insert(0, str(ROOT / "python"))


# --- independent parsing helpers (deliberately not imported from the package; the check character is the
# generator's one copy of the rule, held to the SQL macro by test_check_character.py) -------------------

_HALF = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {0x3000: " "}


def fold(text: str) -> str:
    return " ".join(text.translate(_HALF).split())


def clean_no(raw: str) -> str:
    return re.sub(r"^(CN|ZL)+", "", re.sub(r"[\s.]", "", fold(raw).upper()))


def app_key(raw: str) -> str | None:
    c = clean_no(raw)
    return c if re.fullmatch(r"\d{12}[\dX]|\d{8}[\dX]", c) and check_character(c[:-1]) == c[-1] else None


def to_date(raw: str) -> dt.date | None:
    t = fold(raw)
    for pat in (
        r"(\d{4})-(\d{1,2})-(\d{1,2})",
        r"(\d{4})(\d{2})(\d{2})",
        r"(\d{4})/(\d{1,2})/(\d{1,2})",
        r"(\d{4})年(\d{1,2})月(\d{1,2})日",
    ):
        m = re.fullmatch(pat, t)
        if m:
            try:
                return dt.date(*map(int, m.groups()))
            except ValueError:
                return None
    return None


def parties(raw: str) -> list[str]:
    return [p.strip() for p in fold(raw).split(";") if p.strip()]


COMPANY = re.compile(r"有限公司|有限责任公司|集团|公司|厂|co\.|ltd|limited|inc\.|corp\.", re.I)
RESEARCH = re.compile(
    r"大学|大學|学院|學院|研究院|研究所|研究中心|实验室|實驗室|医院|醫院|"
    r"university|institute|college|academy|laboratory|hospital",
    re.I,
)
PERSON = re.compile(r"[\u4e00-\u9fff]{2,4}")


def read_ref(name: str) -> list[dict]:
    with (REF / f"{name}.csv").open(encoding="utf-8", newline="") as h:
        return list(csv.DictReader(h))


# --- fixtures ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def raw_bytes() -> bytes:
    return RAW.read_bytes()


@pytest.fixture(scope="module")
def rows(raw_bytes) -> list[dict]:
    return list(csv.DictReader(raw_bytes.decode("utf-8").splitlines()))


@pytest.fixture(scope="module")
def generated():
    from gba_tech_transfer.synthetic.generate import build

    return build()


@pytest.fixture(scope="module")
def aliases() -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for r in read_ref("ref_institution_aliases"):
        out.setdefault(r["alias_kind"], set()).add(r["alias"].lower())
    return out


# --- (1) reproducible -----------------------------------------------------------------------------------


def test_regenerating_gives_a_byte_identical_file(tmp_path, raw_bytes):
    out = tmp_path / "raw.csv"
    env = dict(os.environ, PYTHONPATH=str(ROOT / "python"), PYTHONHASHSEED="12345")
    subprocess.run(
        [sys.executable, "-m", "gba_tech_transfer.synthetic", "--out", str(out)],
        check=True,
        env=env,
        capture_output=True,
    )
    assert out.read_bytes() == raw_bytes


# --- (2) the 16-column contract -------------------------------------------------------------------------


def test_file_matches_the_raw_contract(raw_bytes):
    assert not raw_bytes.startswith(b"\xef\xbb\xbf"), "no byte-order mark"
    assert b"\r\n" not in raw_bytes, "LF line endings"
    text = raw_bytes.decode("utf-8")
    records = list(csv.reader(text.splitlines()))
    assert tuple(records[0]) == contract.COLUMNS
    assert all(len(r) == 16 for r in records[1:])
    ids = [r[0] for r in records[1:]]
    assert all(re.fullmatch(r"R\d{8}", i) for i in ids)
    assert ids == sorted(ids) and len(set(ids)) == len(ids)


# --- (3) every variant, trap and kind at least 20 times, counted from the CSV --------------------------


def _count(rows, pred) -> int:
    return sum(1 for r in rows if pred(r))


def test_rendering_variants_each_appear(rows):
    a = "application_no"
    checks = {
        "app plain": lambda r: re.fullmatch(r"\d{12}\.[\dX]", r[a]),
        "app CN": lambda r: re.fullmatch(r"CN\d{12}\.[\dXx]", r[a]),
        "app ZL": lambda r: re.fullmatch(r"ZL\d{12}\.[\dXx]", r[a]),
        "app ZL space": lambda r: re.fullmatch(r"ZL \d{12}\.[\dXx]", r[a]),
        "app dot dropped": lambda r: re.fullmatch(r"\d{12}[\dXx]", r[a]),
        "app lower-case x": lambda r: re.fullmatch(r"(CN|ZL ?)?\d{12}\.?x", r[a]),
        "app old 8+1": lambda r: re.fullmatch(r"(CN|ZL ?)?\d{8}\.?[\dXx]", r[a]),
        "pub B": lambda r: re.fullmatch(r"CN\d{9}B", r["publication_no"]),
        "pub U": lambda r: re.fullmatch(r"CN\d{9}U", r["publication_no"]),
        "pub empty": lambda r: r["publication_no"] == "",
        "date iso": lambda r: re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["effective_date"]),
        "date compact": lambda r: re.fullmatch(r"\d{8}", r["effective_date"]),
        "date slash": lambda r: re.fullmatch(r"\d{4}/\d{1,2}/\d{1,2}", r["effective_date"]),
        "date cjk": lambda r: re.fullmatch(r"\d{4}年\d{2}月\d{2}日", r["effective_date"]),
        "grant empty": lambda r: r["grant_date"] == "" and r["patent_type"] in ("发明", "发明专利"),
        "ipc one space": lambda r: re.fullmatch(r"[A-H]\d\d[A-Z] \d+/\d+", r["ipc_main"]),
        "ipc no space": lambda r: re.fullmatch(r"[A-H]\d\d[A-Z]\d+/\d+", r["ipc_main"]),
        "ipc wide": lambda r: re.fullmatch(r"[A-H]\d\d[A-Z] {3}\d+/\d+", r["ipc_main"]),
        "ipc_all several": lambda r: r["ipc_all"].count(";") >= 2,
        "pct": lambda r: re.fullmatch(r"PCT/CN\d{4}/\d{6}", r["pct_application_no"]),
        "fullwidth brackets": lambda r: "（" in r["assignors"] + r["assignees"],
        "fullwidth semicolon": lambda r: "；" in r["assignors"] + r["assignees"],
        "padding": lambda r: any(
            p != p.strip() or "\u3000" in p
            for p in re.split(r"[;；]", r["assignors"] + ";" + r["assignees"])
            if p.strip()
        ),
        "addr postcode": lambda r: re.match(r"\d{6} 广东省", r["assignee_address"]),
        "addr city": lambda r: r["assignee_address"].startswith(GBA_FULL),
        "addr district only": lambda r: (
            re.match(r"[\u4e00-\u9fff]{2,5}(区|县|镇|街道)", r["assignee_address"])
            and "市" not in r["assignee_address"][:4]
        ),
        "addr empty": lambda r: r["assignor_address"] == "",
        "addr 香港薄扶林道": lambda r: r["assignor_address"] == "香港薄扶林道",
        "addr Pokfulam": lambda r: r["assignor_address"] == "Pokfulam, Hong Kong",
        "addr HK English": lambda r: r["assignee_address"].endswith("Hong Kong"),
        "addr Macau": lambda r: "澳门" in r["assignee_address"] or "Macau" in r["assignee_address"],
        "enterprise English": lambda r: re.search(r"Co\., Ltd\.|Limited", r["assignees"]),
    }
    for value in ("发明", "发明专利", "实用新型", "外观设计", "invention", ""):
        checks[f"patent_type {value!r}"] = lambda r, v=value: r["patent_type"] == v
    for event in (
        *TRANSFERS,
        "专利实施许可合同备案的生效",
        "专利权质押合同登记的生效",
        "专利权人的姓名或者名称、地址的变更",
    ):
        checks[f"event {event}"] = lambda r, e=event: r["legal_event"] == e
    counts = {k: _count(rows, f) for k, f in checks.items()}
    assert all(v >= MIN for v in counts.values()), {k: v for k, v in counts.items() if v < MIN}


def test_type_text_contradicts_the_number_in_a_few_rows(rows):
    """Real exports sometimes say another type than the number; the number decides (the truth test checks the
    built is_invention against the plan)."""
    digit_of = {}
    for r in rows:
        c = clean_no(r["application_no"])
        if re.fullmatch(r"\d{12}[\dX]|\d{8}[\dX]", c):
            digit_of[r["record_id"]] = c[4] if len(c) == 13 else c[2]
    text = {"发明": "18", "发明专利": "18", "invention": "18", "实用新型": "29", "外观设计": "3"}
    contradicting = [
        r["record_id"]
        for r in rows
        if r["patent_type"] in text
        and r["record_id"] in digit_of
        and digit_of[r["record_id"]] not in text[r["patent_type"]]
    ]
    assert MIN <= len(contradicting) <= 0.05 * len(rows)


def test_the_new_forms_of_spec_2_and_3_each_appear(rows):
    """The forms of docs/architecture.md (the raw export contract, city of a party, the bundled dataset), counted
    from the CSV itself."""
    street = r"(香港|澳门|北京|上海|中山|沙田|九龙|广州|深圳)[一二三四五0-9]?[东西南北中]?(路|街|道|大道|大街|巷)"
    outside_prefix = tuple(
        r["division_name"]
        for r in read_ref("ref_divisions")
        if r["division_level"] == "province" and r["division_name"] != "广东省"
    )
    outside_cities = tuple(
        r["division_name"]
        for r in read_ref("ref_divisions")
        if r["division_level"] == "prefecture" and r["city"] == "大湾区外"
    )
    gba_short = ("广州", "深圳", "珠海", "佛山", "惠州", "东莞", "中山", "江门", "肇庆")
    transfers = [r for r in rows if r["legal_event"] in TRANSFERS]
    checks = {
        "date 2019-3-5": lambda r: (
            re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", r["effective_date"])
            and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["effective_date"])
        ),
        "date 2019.03.05": lambda r: re.fullmatch(r"\d{4}\.\d{2}\.\d{2}", r["effective_date"]),
        "ipc lower-case": lambda r: re.fullmatch(r"[a-h]\d\d[a-z] \d+/\d+", r["ipc_main"]),
        "ipc full-width": lambda r: re.match(r"[Ａ-Ｚ][０-９]", r["ipc_main"]),
        "ipc edition": lambda r: r["ipc_main"].endswith("(2006.01)"),
        "design patent, no IPC": lambda r: r["patent_type"] == "外观设计" and not r["ipc_main"],
        "mainland street named after a place": lambda r: (
            re.search(street, r["assignee_address"])
            and r["assignee_address"].startswith(("广东省",) + tuple(c + "市" for c in gba_short))
        ),
        "outside address on a GBA-named street": lambda r: any(
            a.startswith(outside_prefix + outside_cities)
            and re.search(r"(香港|澳门|沙田|中山|广州|深圳)[一二三四五0-9]?[东西南北中]?(路|街|道)", a)
            for a in (r["assignor_address"], r["assignee_address"])
        ),
        "address: city without 市": lambda r: (
            r["assignee_address"].startswith(gba_short)
            and not r["assignee_address"].startswith(tuple(c + "市" for c in gba_short))
        ),
        "address: traditional": lambda r: "廣東省" in r["assignee_address"] + r["assignor_address"],
        "address: English with Hong Kong Garden": lambda r: r["assignee_address"].startswith("Hong Kong Garden"),
        "address: leading postcode only": lambda r: re.fullmatch(r"\d{6} \D+\d+号", r["assignee_address"]),
        "address: abroad": lambda r: re.search(
            r"日本国|Germany|Switzerland|USA|United States|Singapore|Italy", r["assignee_address"]
        ),
        "name: city without 市": lambda r: any(
            p.startswith(gba_short) and not p.startswith(tuple(c + "市" for c in gba_short)) and COMPANY.search(p)
            for p in parties(r["assignees"])
        ),
        "name: city in brackets": lambda r: re.search(r"[(（](" + "|".join(gba_short) + r")[)）]", r["assignees"]),
        "name: partnership": lambda r: (
            "合伙企业(有限合伙)" in r["assignees"] or "合伙企业（有限合伙）" in r["assignees"]
        ),
        "name: branch": lambda r: "分公司" in r["assignees"],
        "name: English bracketed city": lambda r: re.search(
            r"\((Shenzhen|Guangzhou|Zhuhai|Foshan|Huizhou|Dongguan|"
            r"Zhongshan|Jiangmen|Zhaoqing)\) Co\., Ltd\.",
            r["assignees"],
        ),
        "name: foreign form": lambda r: re.search(
            r"株式会社|GmbH|\bAG\b|Corporation|Inc\.|S\.p\.A\.|Pte\. Ltd\.", r["assignees"]
        ),
    }
    counts = {k: _count(transfers, f) for k, f in checks.items()}
    assert all(v >= MIN for v in counts.values()), {k: v for k, v in counts.items() if v < MIN}


def test_institution_name_variants_each_appear(rows, aliases):
    names = Counter(p.lower() for r in rows for p in parties(r["assignors"]))
    for kind in ("traditional", "english", "former_name", "abbreviation"):
        n = sum(c for name, c in names.items() if name in aliases[kind])
        assert n >= MIN, (kind, n)


def test_traps_each_appear(rows):
    outside_institutions = {r["institution_name"] for r in read_ref("ref_institutions") if r["city"] == "大湾区外"}

    def first(r, col):
        p = parties(r[col])
        return p[0] if p else ""

    transfer = [r for r in rows if r["legal_event"] in TRANSFERS]
    checks = {
        "中山大学 source, empty address": lambda r: first(r, "assignors") == "中山大学" and not r["assignor_address"],
        "中山大学 source": lambda r: first(r, "assignors") in ("中山大学", "中山大學", "Sun Yat-sen University"),
        "enterprise named 大学 as transferee": lambda r: any(
            "大学" in p and COMPANY.search(p) for p in parties(r["assignees"])
        ),
        "asset company as assignor": lambda r: (
            "大学" in first(r, "assignors") and COMPANY.search(first(r, "assignors"))
        ),
        "南海海洋研究所": lambda r: "中国科学院南海海洋研究所" in r["assignors"],
        "Hong Kong 沙田": lambda r: re.search(
            r"香港.*沙田(?!镇)|Sha Tin", r["assignor_address"] + r["assignee_address"]
        ),
        "Dongguan 东莞市沙田镇": lambda r: "东莞市沙田镇" in r["assignee_address"],
        "Dongguan 沙田镇 district-only": lambda r: r["assignee_address"].startswith("沙田镇"),
        "鹤岗市南山区": lambda r: "鹤岗市南山区" in r["assignee_address"],
        "贵阳市白云区": lambda r: "贵阳市白云区" in r["assignee_address"],
        "海口市龙华区": lambda r: "海口市龙华区" in r["assignee_address"],
        "institution not first among assignors": lambda r: (
            len(parties(r["assignors"])) > 1
            and (COMPANY.search(parties(r["assignors"])[0]) or PERSON.fullmatch(parties(r["assignors"])[0]))
            and any(RESEARCH.search(p) and not COMPANY.search(p) for p in parties(r["assignors"])[1:])
        ),
        "enterprise not first among assignees": lambda r: (
            len(parties(r["assignees"])) > 1
            and not COMPANY.search(parties(r["assignees"])[0])
            and re.match(r"..市", parties(r["assignees"])[1])
        ),
        "unregistered research institution": lambda r: (
            re.search(r"人民医院|研究所$|研究院$", first(r, "assignors"))
            and first(r, "assignors") not in ("中国科学院南海海洋研究所",)
            and not first(r, "assignors").startswith("中国科学院")
            and r["assignor_address"] != ""
        ),
        "outside source into the GBA": lambda r: first(r, "assignors") in outside_institutions,
    }
    counts = {k: _count(transfer, f) for k, f in checks.items()}
    assert all(v >= MIN for v in counts.values()), {k: v for k, v in counts.items() if v < MIN}


def test_out_of_scope_and_unreadable_kinds_each_appear(rows):
    outside_institutions = {r["institution_name"] for r in read_ref("ref_institutions") if r["city"] == "大湾区外"}
    gba = ("香港", "澳门", "Hong Kong", "Macau", "广东省", *GBA_FULL)

    ok = {
        r["record_id"]: bool(
            app_key(r["application_no"])
            and to_date(r["application_date"])
            and to_date(r["effective_date"])
            and (not r["grant_date"] or to_date(r["grant_date"]))
            and parties(r["assignors"])
            and parties(r["assignees"])
        )
        for r in rows
    }

    def readable(r):
        return ok[r["record_id"]]

    def is_transfer(r):
        return r["legal_event"] in TRANSFERS and readable(r) and to_date(r["effective_date"]) <= CUTOFF

    def people(names):
        return all(PERSON.fullmatch(n) for n in names)

    checks = {
        "licence": lambda r: r["legal_event"] == "专利实施许可合同备案的生效",
        "pledge": lambda r: r["legal_event"] == "专利权质押合同登记的生效",
        "rename": lambda r: r["legal_event"] == "专利权人的姓名或者名称、地址的变更",
        "after cutoff": lambda r: (
            r["legal_event"] in TRANSFERS and readable(r) and to_date(r["effective_date"]) > CUTOFF
        ),
        "enterprise -> enterprise": lambda r: (
            is_transfer(r)
            and all(COMPANY.search(p) for p in parties(r["assignors"]))
            and all(COMPANY.search(p) for p in parties(r["assignees"]))
        ),
        "individual -> enterprise": lambda r: (
            is_transfer(r)
            and people(parties(r["assignors"]))
            and any(COMPANY.search(p) for p in parties(r["assignees"]))
        ),
        "institution -> institution": lambda r: (
            is_transfer(r)
            and all(RESEARCH.search(p) and not COMPANY.search(p) for p in parties(r["assignors"]))
            and all(RESEARCH.search(p) and not COMPANY.search(p) for p in parties(r["assignees"]))
        ),
        "institution -> individual": lambda r: (
            is_transfer(r) and RESEARCH.search(parties(r["assignors"])[0]) and people(parties(r["assignees"]))
        ),
        "both outside the GBA": lambda r: (
            is_transfer(r)
            and parties(r["assignors"])[0] in outside_institutions
            and r["assignee_address"] != ""
            and not any(g in r["assignee_address"] for g in gba)
        ),
        "malformed application number": lambda r: (
            not re.fullmatch(r"\d{12}[\dX]|\d{8}[\dX]", clean_no(r["application_no"]))
        ),
        "bad check character": lambda r: (
            re.fullmatch(r"\d{12}[\dX]|\d{8}[\dX]", clean_no(r["application_no"]))
            and app_key(r["application_no"]) is None
        ),
        "impossible date": lambda r: (
            app_key(r["application_no"])
            and any(r[c] and to_date(r[c]) is None for c in ("application_date", "grant_date", "effective_date"))
        ),
        "empty assignors": lambda r: not parties(r["assignors"]),
        "empty assignees": lambda r: not parties(r["assignees"]),
    }
    counts = {k: _count(rows, f) for k, f in checks.items()}
    assert all(v >= MIN for v in counts.values()), {k: v for k, v in counts.items() if v < MIN}


def test_duplicates_come_after_their_original(rows):
    seen: dict[tuple, str] = {}
    exact = near = 0
    full: dict[tuple, dict] = {}
    for r in rows:
        k = app_key(r["application_no"])
        d = to_date(r["effective_date"])
        if not (k and d and parties(r["assignors"]) and parties(r["assignees"])):
            continue
        key = (k, d, ";".join(parties(r["assignors"])), ";".join(parties(r["assignees"])))
        if key in seen:
            assert r["record_id"] > seen[key]
            same = all(r[c] == full[key][c] for c in contract.COLUMNS[1:])
            exact += same
            near += not same
        else:
            seen[key] = r["record_id"]
            full[key] = r
    assert exact >= MIN and near >= MIN
    assert 0.02 <= (exact + near) / len(rows) <= 0.04


# --- outcomes: the contract's reading of the file agrees with what was intended -------------------------


def test_the_built_marts_find_the_truth_the_generator_chose(generated):
    """Every record as the generator meant it (who, where, what) against what the warehouse read from the text:
    outcome and reason of every raw row; source city, destination city, industry and invention flag of every
    in-scope transfer. Nothing here applies a warehouse rule: the truth is the plan's."""
    import duckdb

    from bi_support import built

    industry_name = {int(r["industry_id"]): r["industry"] for r in generated.ref.industries}
    truth_outcomes, truth_transfers = {}, {}
    for i, row in enumerate(generated.rows):
        record_id = f"R{i + 1:08d}"
        truth_outcomes[record_id] = (row.kind, "duplicate" if row.kind == "duplicate" else row.reason)
        if row.kind == "in_scope":
            rec = row.record
            industry = rec.patent.industry
            truth_transfers[record_id] = (
                rec.src.city,
                rec.dst.city,
                industry_name[industry] if industry is not None else None,
                rec.patent.digit in (1, 8),
            )
    with duckdb.connect(str(built().warehouse), read_only=True) as con:
        outcomes = {
            r[0]: (r[1], r[2])
            for r in con.execute("select record_id, outcome, reason from marts.record_outcomes").fetchall()
        }
        transfers = {
            r[0]: tuple(r[1:])
            for r in con.execute(
                "select record_id, coalesce(source_city, '大湾区外'), coalesce(destination_city, '大湾区外'), "
                "industry, is_invention from marts.fct_transfers"
            ).fetchall()
        }
    assert len(outcomes) == len(truth_outcomes)
    wrong = [(k, truth_outcomes[k], outcomes.get(k)) for k in truth_outcomes if outcomes.get(k) != truth_outcomes[k]]
    assert not wrong, f"{len(wrong)} outcomes differ from the plan (record, planned, built): {wrong[:20]}"
    assert transfers.keys() == truth_transfers.keys()
    fields = ("source_city", "destination_city", "industry", "is_invention")
    for n, field in enumerate(fields):
        wrong = [
            (k, truth_transfers[k][n], transfers[k][n])
            for k in truth_transfers
            if transfers[k][n] != truth_transfers[k][n]
        ]
        examples = [(k, planned, got, generated.rows[int(k[1:]) - 1].fields[11:15]) for k, planned, got in wrong[:8]]
        assert not wrong, (
            f"{field}: {len(wrong)} transfers differ from the plan (record, planned, built, parties): {examples}"
        )


def test_expectation_traps_and_variants_reach_the_minimum(generated):
    from generator_expectations import compute

    e = compute(generated)
    assert min(e["traps"].values()) >= MIN, e["traps"]
    assert min(e["out_of_scope_kinds"].values()) >= MIN
    assert min(e["duplicates"].values()) >= MIN


# --- (4) scaling ----------------------------------------------------------------------------------------


def test_scale_two_gives_fresh_ids_and_numbers(generated, tmp_path, raw_bytes):
    from gba_tech_transfer.synthetic.generate import write_csv

    out = tmp_path / "x2.csv"
    write_csv(generated.rows, out, scale=2, progress=False)
    data = out.read_bytes()
    base_lines = raw_bytes.decode("utf-8").splitlines()
    lines = data.decode("utf-8").splitlines()
    n = len(base_lines) - 1
    assert len(lines) - 1 == 2 * n
    assert lines[: n + 1] == base_lines, "the first copy is the bundled file"
    recs = list(csv.DictReader(lines))
    assert len({r["record_id"] for r in recs}) == 2 * n
    copies = []
    for part in (recs[:n], recs[n:]):
        keys = {
            (app_key(r["application_no"]), to_date(r["effective_date"]))
            for r in part
            if app_key(r["application_no"]) and to_date(r["effective_date"])
        }
        copies.append(keys)
    assert len(copies[0]) == len(copies[1]) > 0.9 * n
    assert not copies[0] & copies[1]
    # same proportions: the kinds of row recur copy for copy
    assert Counter(r["legal_event"] for r in recs[:n]) == Counter(r["legal_event"] for r in recs[n:])
