"""The network marts recomputed independently, in Python, from fct_transfers (and its dimensions).

institution_summary: the ranking's top 10 (rank by transfers out) and every column of one institution;
region_flows: its totals by region pair and kind of flow, recomputed from each transfer's city and province
(not from fct_transfers' own region columns), and every in-scope transfer counted once; flow_distance: the
continuous median and 90th percentile (numpy's default, linear); fct_transfers.distance_km: the haversine
between the two prefectures' coordinates in ref_divisions.
"""

from __future__ import annotations

import collections
import math
import statistics

import duckdb
import numpy as np
import opencc
import pytest

from bi_support import built

GBA_SARS = {"香港", "澳门"}
OUTSIDE = "大湾区外"


def _rows(sql: str) -> list[dict]:
    with duckdb.connect(str(built().warehouse), read_only=True) as con:
        cursor = con.execute(sql)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, r)) for r in cursor.fetchall()]


@pytest.fixture(scope="module")
def transfers() -> list[dict]:
    return _rows("select * from marts.fct_transfers")


@pytest.fixture(scope="module")
def institutions() -> dict[str, dict]:
    return {r["institution_key"]: r for r in _rows("select * from marts.institution_summary")}


def _competition_ranks(counts: dict[str, int], keys) -> dict[str, int]:
    """SQL rank() by count descending: 1 + the number of keys with a larger count."""
    values = [counts[k] for k in keys]
    return {k: 1 + sum(v > counts[k] for v in values) for k in keys}


def _modal_city(cities: list[str | None]) -> str:
    known = collections.Counter(c for c in cities if c is not None)
    if not known:
        return OUTSIDE
    return sorted(known.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


_T2S = opencc.OpenCC("t2s")
_KIND_WORDS = [
    ("higher_education", ["大学", "学院", "学校", "university", "college", "polytechnic"]),
    ("research_institute", ["研究院", "研究所", "研究中心", "实验室", "institute", "academy", "laboratory"]),
    ("hospital", ["医院", "hospital"]),
]


def _kind(dim: dict) -> str:
    if dim["is_registered"]:
        return dim["institution_kind"]
    name = _T2S.convert(dim["institution_name"]).lower()
    return next((kind for kind, words in _KIND_WORDS if any(w in name for w in words)), "other")


def test_ranking_top_10(transfers, institutions):
    counts = collections.Counter(t["source_institution_key"] for t in transfers)
    ranks = _competition_ranks(counts, counts)
    expected_top = sorted((k for k in counts if ranks[k] <= 10), key=lambda k: (ranks[k], k))
    got_top = sorted(
        (k for k, r in institutions.items() if r["transfers_out_rank"] <= 10),
        key=lambda k: (institutions[k]["transfers_out_rank"], k),
    )
    assert got_top == expected_top
    assert len(got_top) >= 10
    for key in expected_top:
        assert institutions[key]["transfers_out"] == counts[key]
        assert institutions[key]["transfers_out_rank"] == ranks[key]
    assert len(institutions) == len(counts)


def test_every_column_of_one_institution(transfers, institutions):
    dims = {r["institution_key"]: r for r in _rows("select * from marts.dim_institutions")}
    by_institution = collections.defaultdict(list)
    for t in transfers:
        by_institution[t["source_institution_key"]].append(t)
    key = next(k for k, r in institutions.items() if r["institution_name"] == "深圳大学")
    mine = by_institution[key]
    dim = dims[key]

    city_of = {k: _modal_city([t["source_city"] for t in rows]) for k, rows in by_institution.items()}
    kind_of = {k: _kind(dims[k]) for k in by_institution}
    counts = {k: len(rows) for k, rows in by_institution.items()}
    same_city = [k for k in counts if city_of[k] == city_of[key]]
    same_kind = [k for k in counts if kind_of[k] == kind_of[key]]

    n = len(mine)
    own = sum(
        t["source_prefecture_adcode"] is not None
        and t["source_prefecture_adcode"] == t["destination_prefecture_adcode"]
        for t in mine
    )
    other_gba = sum(
        not (
            t["source_prefecture_adcode"] is not None
            and t["source_prefecture_adcode"] == t["destination_prefecture_adcode"]
        )
        and t["destination_city_bucket"] != OUTSIDE
        for t in mine
    )
    industries = collections.Counter((t["industry_id"], t["industry"]) for t in mine if t["industry_id"] is not None)
    top_industry = sorted(industries.items(), key=lambda kv: (-kv[1], kv[0][0]))[0][0][1]

    record_ids = ", ".join(f"'{t['record_id']}'" for t in mine)
    codes = _rows(f"select ipc_codes from intermediate.int_transfer_records_scoped where record_id in ({record_ids})")
    subclasses = collections.Counter(c[:4] for r in codes for c in (r["ipc_codes"] or []) if len(c) >= 4)
    total = sum(subclasses.values())
    entropy = -sum(v / total * math.log(v / total) for v in subclasses.values())

    grant_days = [t["grant_to_transfer_days"] for t in mine if t["grant_to_transfer_days"] is not None]
    expected = {
        "institution_key": key,
        "institution_name": dim["institution_name"],
        "institution_id": dim["institution_id"],
        "is_registered": dim["is_registered"],
        "institution_kind": kind_of[key],
        "city": city_of[key],
        "transfers_out": n,
        "transfers_out_rank": _competition_ranks(counts, counts)[key],
        "city_transfers_out_rank": _competition_ranks(counts, same_city)[key],
        "kind_transfers_out_rank": _competition_ranks(counts, same_kind)[key],
        "enterprises": len({t["destination_enterprise_key"] for t in mine}),
        "cities": len({t["destination_prefecture_adcode"] for t in mine} - {None}),
        "provinces": len({t["destination_province"] for t in mine} - {None}),
        "own_city_share": own / n,
        "other_gba_city_share": other_gba / n,
        "outside_gba_share": (n - own - other_gba) / n,
        "top_industry": top_industry,
        "ipc_entropy": entropy,
        "invention_share": sum(t["is_invention"] for t in mine) / n,
        "pct_linked_share": sum(t["is_pct_linked"] for t in mine) / n,
        "high_value_share": sum(t["is_high_value"] for t in mine) / n,
        "median_grant_to_transfer_days": statistics.median([d for d in grant_days if d >= 0]),
        "transfers_before_grant": sum(d < 0 for d in grant_days),
        "first_transfer_date": min(t["effective_date"] for t in mine),
        "last_transfer_date": max(t["effective_date"] for t in mine),
    }
    got = institutions[key]
    assert list(got) == list(expected), "institution_summary's columns changed: recompute the new ones here"
    for column, value in expected.items():
        if isinstance(value, float):
            assert got[column] == pytest.approx(value, rel=1e-12), column
        else:
            assert got[column] == value, column


def _region(city: str | None, province: str | None) -> str:
    if city is not None and city != OUTSIDE:
        return city
    if province == "广东省":
        return "广东省（大湾区外）"
    return province or "未知"


def _is_mainland(city: str | None, province: str | None) -> bool:
    if city is None or city in GBA_SARS:
        return False
    if city != OUTSIDE:
        return True
    return province is not None and province not in ("台湾省", "香港特别行政区", "澳门特别行政区")


def _flow_kind(t: dict) -> str:
    s, d = t["source_city"], t["destination_city"]
    if s is None or d is None:
        return "unknown"
    if s == d and s != OUTSIDE:
        return "within_city"
    if (s in GBA_SARS and _is_mainland(d, t["destination_province"])) or (
        d in GBA_SARS and _is_mainland(s, t["source_province"])
    ):
        return "cross_border"
    if s != OUTSIDE and d != OUTSIDE:
        return "within_gba"
    if s != OUTSIDE:
        return "gba_to_outside"
    if d != OUTSIDE:
        return "outside_to_gba"
    return "unknown"


def test_region_flows_totals(transfers):
    expected = collections.Counter(
        (
            _region(t["source_city"], t["source_province"]),
            _region(t["destination_city"], t["destination_province"]),
            _flow_kind(t),
        )
        for t in transfers
    )
    got = collections.Counter()
    for r in _rows("select source_region, destination_region, flow_kind, transfers from marts.region_flows"):
        got[(r["source_region"], r["destination_region"], r["flow_kind"])] += r["transfers"]
    assert got == expected
    assert sum(got.values()) == len(transfers)


def test_flow_distance_percentiles(transfers):
    groups = collections.defaultdict(list)
    for t in transfers:
        groups[(t["industry"] or "unmapped", t["effective_year"], t["flow_kind"])].append(t["distance_km"])
    rows = _rows("select * from marts.flow_distance")
    assert len(rows) == len(groups)
    for r in rows:
        values = groups[(r["industry"], r["effective_year"], r["flow_kind"])]
        known = [v for v in values if v is not None]
        assert r["transfers"] == len(values)
        assert r["transfers_with_distance"] == len(known)
        if not known:
            assert r["median_distance_km"] is None and r["p90_distance_km"] is None
            continue
        assert r["median_distance_km"] == pytest.approx(float(np.percentile(known, 50)), rel=1e-9, abs=1e-9)
        assert r["p90_distance_km"] == pytest.approx(float(np.percentile(known, 90)), rel=1e-9, abs=1e-9)


def test_distance_is_the_haversine_between_prefectures(transfers):
    coordinates = {
        r["adcode"]: (r["latitude"], r["longitude"])
        for r in _rows("select adcode, latitude, longitude from seeds.ref_divisions where adcode = prefecture_adcode")
    }

    def haversine(a, b):
        (lat1, lon1), (lat2, lon2) = a, b
        h = (
            math.sin(math.radians(lat2 - lat1) / 2) ** 2
            + math.cos(math.radians(lat1)) * math.cos(math.radians(lat2)) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
        )
        return 2 * 6371.0088 * math.asin(math.sqrt(min(1.0, h)))

    for t in transfers:
        s = coordinates.get(t["source_prefecture_adcode"], (None, None))
        d = coordinates.get(t["destination_prefecture_adcode"], (None, None))
        if None in s or None in d:
            assert t["distance_km"] is None, t["record_id"]
        else:
            assert t["distance_km"] == pytest.approx(haversine(s, d), rel=1e-9, abs=1e-9), t["record_id"]
    guangzhou_shenzhen = haversine(coordinates["440100"], coordinates["440300"])
    assert 100 < guangzhou_shenzhen < 110
