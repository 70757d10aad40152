"""Every registered research institution, written as a transferor with no address, through the real build path.

The export is written from the registry itself (seeds/reference/ref_institutions.csv and its aliases): one
transfer per name form (every official and other name, every former name, and for Hong Kong and Macau every
English name), the institution as the only assignor with an empty address, to one enterprise with an address in
广州 (so every record is in scope when the institution is typed one). docs/architecture.md, "The
research-institution registry" and "City of a party".

1. Built as a user's export (`python -m gba_tech_transfer.pipeline --raw …`): each name must be typed a research
   institution, matched to its own institution and placed in its seat city by the registry.
2. The same file built with var use_institution_registry false (the registry lookup off): each name is typed
   by its words alone. At least 99 % of the universities' and vocational colleges' names must still be
   research institutions.

Each prints its result per kind (`pytest -s` shows it).
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path

import duckdb
import pytest

from byo_support import DEFAULTS, MARTS_ONLY, ROOT, WORK, run_build, write_csv
from gba_tech_transfer.synthetic.application_numbers import application_no

REF = ROOT / "seeds" / "reference"
ENTERPRISE = "广州市登记测试科技有限公司"
ENTERPRISE_ADDRESS = "广州市天河区五山路1号"
CURRENT = ("official", "other_name")
WORDS_ALONE_FLOOR = {"university": 0.99, "vocational_college": 0.99}


def _read(name: str) -> list[dict]:
    with (REF / f"{name}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _names() -> list[dict]:
    """One row per (institution, name form) to write: kind, id, seat city, name form."""
    institutions = {r["institution_id"]: r for r in _read("ref_institutions")}
    out = []
    for a in _read("ref_institution_aliases"):
        inst = institutions[a["institution_id"]]
        sar_english = a["alias_kind"] == "english" and inst["city"] in ("香港", "澳门")
        if a["alias_kind"] in CURRENT or a["alias_kind"] == "former_name" or sar_english:
            form = "current" if a["alias_kind"] in CURRENT else a["alias_kind"]
            out.append(
                {
                    "kind": inst["institution_kind"],
                    "form": form,
                    "institution_id": inst["institution_id"],
                    "city": inst["city"],
                    "name": a["alias"],
                }
            )
    return out


NAMES = _names()


def _record_id(i: int) -> str:
    return f"G{i + 1:06d}"


@pytest.fixture(scope="module")
def export() -> Path:
    rows = [
        {
            "record_id": _record_id(i),
            **DEFAULTS,
            "application_no": application_no(f"2019{i + 1:08d}"),
            "assignors": n["name"],
            "assignees": ENTERPRISE,
            "assignee_address": ENTERPRISE_ADDRESS,
        }
        for i, n in enumerate(NAMES)
    ]
    return write_csv(WORK / "registry" / "registry_names.csv", rows)


def _report(title: str, totals: Counter, good: Counter) -> str:
    lines = [title, f"{'kind':<34}{'names':>7}{'ok':>7}{'share':>9}"]
    for kind in sorted(totals):
        lines.append(f"{kind:<34}{totals[kind]:>7}{good[kind]:>7}{good[kind] / totals[kind]:>9.2%}")
    lines.append(f"{'all':<34}{sum(totals.values()):>7}{sum(good.values()):>7}")
    return "\n".join(lines)


def test_every_registry_name_is_typed_and_placed_in_its_seat(export):
    result = run_build(WORK / "registry" / "with-registry", str(export))
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    with duckdb.connect(str(result.warehouse), read_only=True) as con:
        got = {
            r[0]: r[1:]
            for r in con.execute(
                "select record_id, source_institution_id, source_city, source_city_basis from marts.fct_transfers"
            ).fetchall()
        }
    totals, good, wrong = Counter(), Counter(), []
    for i, n in enumerate(NAMES):
        key = f"{n['kind']} ({n['form']})"
        totals[key] += 1
        expected = (n["institution_id"], n["city"], "registry")
        if got.get(_record_id(i)) == expected:
            good[key] += 1
        else:
            wrong.append((n["name"], expected, got.get(_record_id(i))))
    print("\n" + _report("registry on: typed a research institution, its own, in its seat city", totals, good))
    assert not wrong, f"{len(wrong)} names not typed and placed as registered: {wrong[:20]}"


def test_words_alone_type_the_registry_names(export):
    # The same file landed and built as a user's export, with the registry lookup off (models only: the tests
    # hold the registry's own figures).
    dbt_vars = json.dumps({"use_institution_registry": False})
    result = run_build(WORK / "registry" / "words-alone", str(export), *MARTS_ONLY, "--vars", dbt_vars)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    with duckdb.connect(str(result.warehouse), read_only=True) as con:
        assert con.execute("select file_name from raw.load_manifest").fetchall() == [(str(export),)]
        typed = dict(
            con.execute("select party_name, party_type from intermediate.int_party_names_classified").fetchall()
        )
    totals, good, misses = Counter(), Counter(), Counter()
    by_kind_total, by_kind_good = Counter(), Counter()
    for n in NAMES:
        key = f"{n['kind']} ({n['form']})"
        folded = " ".join(n["name"].replace("（", "(").replace("）", ")").split())
        ok = typed.get(folded) == "research_institution"
        totals[key] += 1
        good[key] += ok
        by_kind_total[n["kind"]] += 1
        by_kind_good[n["kind"]] += ok
        if not ok:
            misses[(n["kind"], n["name"], typed.get(folded))] += 1
    print("\n" + _report("registry off: typed a research institution by its words alone", totals, good))
    print(_report("registry off, by kind", by_kind_total, by_kind_good))
    print("not typed by words: " + "; ".join(f"{k} {name} → {t}" for k, name, t in sorted(misses)))
    low = {
        kind: by_kind_good[kind] / by_kind_total[kind]
        for kind, floor in WORDS_ALONE_FLOOR.items()
        if by_kind_good[kind] / by_kind_total[kind] < floor
    }
    assert not low, f"below {WORDS_ALONE_FLOOR}: {low}"
