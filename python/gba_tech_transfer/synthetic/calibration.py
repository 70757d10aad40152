"""Self-check of the plan: recompute every calibration target from the planned in-scope transfers.

Run at the end of every generation and by the tests; raises `PlanCheckError` listing each target missed.
"""

from __future__ import annotations

from collections import Counter
from typing import NamedTuple

from . import targets as T
from .ipc import Taxonomy
from .plan import Plan, Record
from .reference import GBA_CITIES, OUTSIDE, Reference
from .stats import entropy, spearman


class PlanCheckError(AssertionError):
    pass


def _rank(values: dict[str, int], city: str) -> int:
    return 1 + sum(1 for c, v in values.items() if c != city and v > values[city])


def is_invention(rec: Record) -> bool:
    return rec.patent.digit in (1, 8)


def is_pct(rec: Record) -> bool:
    return rec.patent.digit in (8, 9) or bool(rec.patent.pct_no)


class Transfer(NamedTuple):
    """What the figures need of one in-scope transfer (from the plan, or read back from an export)."""

    src_city: str | None
    dst_city: str | None
    dst_name: str
    industry: int | None
    invention: bool
    pct: bool
    codes: tuple[str, ...]  # distinct normalised IPC codes (main first)


def compute_figures(transfers: list[Transfer], ref: Reference) -> dict:
    """SPEC §1 figures (and what they rest on) from in-scope transfers, the way the marts define them."""
    out = Counter(t.src_city for t in transfers)
    inn = Counter(t.dst_city for t in transfers)
    ents: dict[str, set] = {}
    for t in transfers:
        ents.setdefault(t.dst_city, set()).add(t.dst_name)
    n_ents = {c: len(v) for c, v in ents.items()}
    out11 = {c: out[c] for c in GBA_CITIES}
    in11 = {c: inn[c] for c in GBA_CITIES}
    ent11 = {c: n_ents.get(c, 0) for c in GBA_CITIES}
    mean_out, mean_in, mean_ent = (sum(d.values()) / 11 for d in (out11, in11, ent11))
    activity = {c: sum(1 for t in transfers if c in (t.src_city, t.dst_city)) for c in GBA_CITIES}
    names = {int(x["industry_id"]): x["industry"] for x in ref.industries}
    ids = {v: k for k, v in names.items()}
    by_ind: dict[int | None, list[Transfer]] = {}
    for t in transfers:
        by_ind.setdefault(t.industry, []).append(t)
    counts = {i: len(v) for i, v in by_ind.items() if i is not None}
    ranked = sorted(counts, key=lambda i: -counts[i])
    rank = {i: k + 1 for k, i in enumerate(ranked)}
    inv = {i: sum(t.invention for t in v) / len(v) for i, v in by_ind.items() if i is not None}
    bio = ids["生物医药"]
    bio_city = {}
    for c in GBA_CITIES:
        rs = [t for t in by_ind.get(bio, []) if c in (t.src_city, t.dst_city)]
        bio_city[c] = sum(t.invention for t in rs) / len(rs) if rs else 0.0
    pct = {c: sum(1 for t in by_ind.get(bio, []) if c in (t.src_city, t.dst_city) and t.pct) for c in ("广州", "深圳")}
    order = sorted(counts)

    def ent(i: int) -> float:
        return entropy(Counter(code[:4] for t in by_ind.get(i, []) for code in t.codes))

    return {
        "PF01": len(transfers),
        "PF02": out["广州"],
        "PF03": _rank(out11, "广州"),
        "PF04": out["广州"] / mean_out,
        "PF05": n_ents.get("深圳", 0),
        "PF06": _rank(ent11, "深圳"),
        "PF07": n_ents.get("深圳", 0) / mean_ent,
        "PF08": [c for c in ("珠海", "东莞", "佛山", "惠州", "中山") if in11[c] > mean_in],
        "PF09": {c: activity[c] for c in ("香港", "澳门")},
        "PF10": len(counts),
        "unmapped": len(by_ind.get(None, [])),
        "PF11": {"transfers": counts.get(bio), "rank": rank.get(bio)},
        "PF12": {"transfers": counts.get(ids["半导体与集成电路"]), "rank": rank.get(ids["半导体与集成电路"])},
        "PF13": {n: rank.get(ids[n]) for n in ("软件与信息服务", "智能制造", "前沿新材料")},
        "PF14": sum(1 for i in ranked[:10] if ref.is_hard_tech(i)),
        "PF15": sum(1 for v in bio_city.values() if v > 0.9),
        "PF16": pct,
        "PF17": round(spearman([counts[i] for i in order], [inv[i] for i in order]), 4),
        "PF18": {
            "invention_share": {n: round(inv.get(ids[n], 0), 4) for n in ("软件与信息服务", "前沿新材料")},
            "entropy": {n: round(ent(ids[n]), 4) for n in ("生物医药", "软件与信息服务", "前沿新材料")},
        },
        "transfers_out": dict(sorted(out.items(), key=lambda kv: str(kv[0]))),
        "transfers_in": dict(sorted(inn.items(), key=lambda kv: str(kv[0]))),
        "enterprises": dict(sorted(n_ents.items(), key=lambda kv: str(kv[0]))),
        "bio_invention_share_by_city": {c: round(v, 4) for c, v in bio_city.items()},
        "industries": {
            names[i]: {"transfers": counts[i], "rank": rank[i], "invention_share": round(inv[i], 4)} for i in ranked
        },
        "industry_counts_distinct": len(set(counts.values())) == len(counts),
        "industry_min": min(counts.values()) if counts else 0,
    }


def verify_figures(f: dict) -> list[str]:
    """The calibration targets (SPEC §1 plus the calibration aims); returns what fails."""
    fails = []

    def need(ok: bool, what: str) -> None:
        if not ok:
            fails.append(what)

    need(f["PF01"] == T.TOTAL_IN_SCOPE, f"PF01 {f['PF01']}")
    need(f["transfers_out"] == dict(sorted(T.TRANSFERS_OUT.items())), f"transfers out {f['transfers_out']}")
    need(f["transfers_in"] == dict(sorted(T.TRANSFERS_IN.items())), f"transfers in {f['transfers_in']}")
    need(f["enterprises"] == dict(sorted(T.ENTERPRISES.items())), f"enterprises {f['enterprises']}")
    need(f["PF02"] == 20938 and f["PF03"] == 1 and f["PF04"] > 5, "PF02-PF04")
    need(f["PF05"] == 784 and f["PF06"] == 1 and f["PF07"] > 3, "PF05-PF07")
    need(len(f["PF08"]) == 5, f"PF08 {f['PF08']}")
    need(min(f["PF09"].values()) > 0, "PF09")
    need(
        f["PF10"] == 28
        and f["unmapped"] == sum(T.UNMAPPED_IN_SCOPE.values())
        and f["industry_min"] >= 100
        and f["industry_counts_distinct"],
        "PF10: 28 industries and the planned unmapped, each >= 100, no ties",
    )
    need(f["PF11"] == {"transfers": 8846, "rank": 1}, f"PF11 {f['PF11']}")
    need(f["PF12"] == {"transfers": 3241, "rank": 2}, f"PF12 {f['PF12']}")
    need(all(v is not None and v <= 5 for v in f["PF13"].values()), f"PF13 {f['PF13']}")
    need(f["PF14"] >= 8, f"PF14 {f['PF14']}")
    need(f["PF15"] >= 7, f"PF15 {f['bio_invention_share_by_city']}")
    need(min(f["PF16"].values()) >= 1200, f"PF16 (aim >= 1200) {f['PF16']}")
    need(f["PF17"] >= 0.5, f"PF17 {f['PF17']}")
    sh, en = f["PF18"]["invention_share"], f["PF18"]["entropy"]
    need(min(sh.values()) > 0.6, f"PF18 invention share {sh}")
    need(en["软件与信息服务"] > en["生物医药"] and en["前沿新材料"] > en["生物医药"], f"PF18 entropy {en}")
    return fails


def check_plan(plan: Plan, ref: Reference) -> dict:
    """Return the recomputed figures; raise PlanCheckError if any target is missed."""
    fails: list[str] = []

    def need(ok: bool, what: str) -> None:
        if not ok:
            fails.append(what)

    recs = [r for r in plan.records if r.kind == "in_scope"]
    need(len(recs) == T.TOTAL_IN_SCOPE, f"in-scope transfers {len(recs)} != {T.TOTAL_IN_SCOPE}")

    # the primary parties are the first institution among the assignors and the first enterprise among the
    # assignees, by what each party is (its kind), and a party's city is written somewhere it can be read
    for r in recs:
        first_inst = next((p for p in r.assignors if p.kind == "institution"), None)
        first_ent = next((p for p in r.assignees if p.kind == "enterprise"), None)
        if first_inst is not r.src or first_ent is not r.dst:
            fails.append(f"primary parties not as planned: {r.src.name} / {r.dst.name}")
            break
        for party, listed in ((r.src, r.assignors), (r.dst, r.assignees)):
            if party.always_first and (listed[0] is not party or not party.addresses):
                fails.append(f"{party.name}: only its address says its city, yet it is not listed first with one")
                break

    transfers = [
        Transfer(
            r.src.city,
            r.dst.city,
            r.dst.name,
            r.patent.industry,
            is_invention(r),
            is_pct(r),
            tuple(dict.fromkeys(r.patent.ipc_all)),
        )
        for r in recs
    ]
    figures = compute_figures(transfers, ref)
    fails += verify_figures(figures)
    for city, pool in plan.pools.items():
        received = {r.dst.name for r in recs if r.dst.city == city}
        need(all(p.name in received for p in pool), f"an enterprise of {city} receives nothing")
    taxonomy = Taxonomy(ref.concordance)
    for r in recs:
        if r.patent.ipc_main and taxonomy.industry(r.patent.ipc_main) != r.patent.industry:
            fails.append(f"main IPC {r.patent.ipc_main} is not in industry {r.patent.industry}")
            break

    # dates
    old = 0
    for r in recs:
        p = r.patent
        if not (T.FIRST_EFFECTIVE <= r.eff_date <= T.CUTOFF and p.app_date < r.eff_date):
            fails.append(f"dates out of range: {p.app_date} {r.eff_date}")
            break
        if p.grant_date and p.grant_date < p.app_date:
            fails.append("grant before application")
            break
        old += (T.CUTOFF - p.app_date).days > 3652
    figures["applications_older_than_10y"] = old
    need(old >= 20, "applications > 10 years before the cutoff")

    # traps among in-scope transfers
    traps = trap_counts(recs)
    figures["traps"] = traps
    for k, v in traps.items():
        need(v >= 20, f"trap {k}: {v} < 20")
    if fails:
        raise PlanCheckError("plan misses its targets:\n  " + "\n  ".join(fails))
    return figures


def trap_counts(recs: list[Record]) -> dict[str, int]:
    def count(pred) -> int:
        return sum(1 for r in recs if pred(r))

    return {
        "sysu_source": count(lambda r: r.src.inst_id == "SYSU"),
        "scsio_source": count(lambda r: r.src.inst_id == "SCSIO"),
        "unregistered_institution": count(lambda r: "unregistered" in r.src.tags),
        "university_named_enterprise": count(lambda r: "university" in r.dst.tags),
        "asset_company_assignor": count(lambda r: "asset_company_assignor" in r.tags),
        "institution_not_first": count(lambda r: "institution_not_first" in r.tags),
        "enterprise_not_first": count(lambda r: "enterprise_not_first" in r.tags),
        "dongguan_shatian": count(lambda r: "local_沙田镇" in r.dst.tags),
        "hong_kong_sha_tin": count(
            lambda r: any(p.city == "香港" and "沙田" in "".join(p.addresses.values()) for p in (r.src, r.dst))
        ),
        "outside_nanshan": count(lambda r: "outside_南山区" in r.dst.tags),
        "outside_baiyun": count(lambda r: "outside_白云区" in r.dst.tags),
        "outside_longhua": count(lambda r: "outside_龙华区" in r.dst.tags),
        "outside_destination": count(lambda r: r.dst.city == OUTSIDE),
    }
