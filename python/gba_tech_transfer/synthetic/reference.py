"""Reference seeds (seeds/reference/*.csv), loaded once: the single source of institutions, places and IPC.

The generator reads them as facts (which units a city has, which names an institution goes by, which IPC
prefixes make up an industry); it never applies the warehouse's rules to them.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from .. import PROJECT_DIR

SEED_DIR = PROJECT_DIR / "seeds" / "reference"
GBA_CITIES = ("广州", "深圳", "珠海", "佛山", "惠州", "东莞", "中山", "江门", "肇庆", "香港", "澳门")
OUTSIDE = "大湾区外"


def _read(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _true(value: str) -> bool:
    return value.strip().lower() in ("true", "t", "1", "yes")


@dataclass
class Reference:
    cities: list[dict]
    divisions: list[dict]
    gazetteer: list[dict]
    institutions: list[dict]
    aliases: list[dict]
    industries: list[dict]
    concordance: list[dict]
    # derived
    city_full: dict[str, str] = field(default_factory=dict)
    city_en: dict[str, str] = field(default_factory=dict)
    institution_city: dict[str, str] = field(default_factory=dict)
    usable_aliases: dict[str, dict[str, list[str]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        gba = tuple(r["city"] for r in sorted(self.cities, key=lambda r: int(r["display_order"])) if _true(r["is_gba"]))
        if set(gba) != set(GBA_CITIES) or OUTSIDE not in {r["city"] for r in self.cities}:
            raise ValueError(f"ref_cities does not hold the 11 GBA cities and {OUTSIDE}: {gba}")
        self.city_full = {r["city"]: r["city_full_name"] for r in self.cities}
        self.city_en = {r["city"]: r["city_en"] for r in self.cities}
        self.institution_city = {r["institution_id"]: r["city"] for r in self.institutions}
        # The names an institution goes by, by kind; an alias two institutions share names neither of them.
        owners: dict[str, set[str]] = {}
        for r in self.aliases:
            owners.setdefault(r["alias"].strip().lower(), set()).add(r["institution_id"])
        for r in self.aliases:
            if len(owners[r["alias"].strip().lower()]) == 1:
                self.usable_aliases.setdefault(r["institution_id"], {}).setdefault(r["alias_kind"], []).append(
                    r["alias"]
                )

    # --- lookups the planner needs --------------------------------------------------------------------
    def places(self, city: str, kinds: tuple[str, ...], script: str = "simplified") -> list[str]:
        """Hand-kept place names (ref_gazetteer) of `city` of the given kinds."""
        return [
            r["place_name"]
            for r in self.gazetteer
            if r["city"] == city and r["place_kind"] in kinds and r["script"] == script
        ]

    def counties(self, city: str | None = None) -> list[dict]:
        """County-level units of the division table (of `city`, a GBA city or 大湾区外, when given)."""
        return [r for r in self.divisions if r["division_level"] == "county" and (city is None or r["city"] == city)]

    def postcodes(self, city: str) -> list[str]:
        return [r["place_name"] for r in self.gazetteer if r["city"] == city and r["place_kind"] == "postcode"]

    def industry_by_name(self) -> dict[str, dict]:
        return {r["industry"]: r for r in self.industries}

    def prefixes_of(self, industry_id: int) -> list[str]:
        return [r["ipc_prefix"] for r in self.concordance if int(r["industry_id"]) == industry_id]

    def is_hard_tech(self, industry_id: int) -> bool:
        return any(_true(r["is_hard_tech"]) for r in self.industries if int(r["industry_id"]) == industry_id)


def load(seed_dir: Path | None = None) -> Reference:
    d = Path(seed_dir) if seed_dir else SEED_DIR
    names = (
        "ref_cities",
        "ref_divisions",
        "ref_gazetteer",
        "ref_institutions",
        "ref_institution_aliases",
        "ref_industries",
        "ref_ipc_concordance",
    )
    missing = [n for n in names if not (d / f"{n}.csv").exists()]
    if missing:
        raise FileNotFoundError(f"reference seeds missing in {d}: {', '.join(missing)}")
    return Reference(*(_read(d / f"{n}.csv") for n in names))
