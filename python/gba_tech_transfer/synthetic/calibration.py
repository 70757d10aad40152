"""Self-check of the plan: recompute every calibration target from the planned in-scope transfers.

Run at the end of every generation and by the tests; raises `PlanCheckError` listing each target missed.
"""

from __future__ import annotations

from collections import Counter
from typing import NamedTuple

from ..published_figures import Condition, Measured, Metrics, conditions, evaluate
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
    """The figures (and what they rest on) from in-scope transfers, the way the marts define them, for the
    generator's report (`--figures`); verify_figures checks the seed's conditions on plan_metrics."""
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


def _ranked(values: dict[str, float], of_n: int | None = None) -> dict[str, Measured]:
    """Each subject's value with its SQL rank() (largest first, ties share a rank)."""
    n = len(values) if of_n is None else of_n
    return {k: Measured(v, 1 + sum(1 for w in values.values() if w > v), n) for k, v in values.items()}


def plan_metrics(transfers: list[Transfer], ref: Reference) -> Metrics:
    """The measures of figure_metrics that the seed's conditions read, computed the way the marts define them."""
    metrics: Metrics = {"in_scope_transfers": {"fct_transfers": Measured(len(transfers))}}
    out = Counter(t.src_city for t in transfers)
    inn = Counter(t.dst_city for t in transfers)
    ents: dict[str | None, set] = {}
    for t in transfers:
        ents.setdefault(t.dst_city, set()).add(t.dst_name)
    city_measures = {
        "transfers_out": {c: out[c] for c in GBA_CITIES},
        "transfers_in": {c: inn[c] for c in GBA_CITIES},
        "activity": {c: sum(1 for t in transfers if c in (t.src_city, t.dst_city)) for c in GBA_CITIES},
        "intake_enterprises": {c: len(ents.get(c, ())) for c in GBA_CITIES},
    }
    for name, values in city_measures.items():
        mean = sum(values.values()) / len(values)
        metrics[name] = {**_ranked(values), "11-city mean": Measured(mean)}
        metrics[f"{name}_to_mean_ratio"] = {
            c: Measured(v / mean if mean else None, None, len(values)) for c, v in values.items()
        }
    names = {int(x["industry_id"]): x["industry"] for x in ref.industries}
    by_ind: dict[int | None, list[Transfer]] = {}
    for t in transfers:
        by_ind.setdefault(t.industry, []).append(t)
    metrics["in_scope_transfers"]["industry_summary"] = Measured(sum(len(v) for v in by_ind.values()))
    counts = {names[i]: len(by_ind.get(i, ())) for i in names}
    industry = _ranked(counts)
    metrics["industry_transfers"] = industry
    metrics["hard_tech_industry_transfers"] = {names[i]: industry[names[i]] for i in names if ref.is_hard_tech(i)}
    share = {names[i]: (sum(t.invention for t in v) / len(v) if (v := by_ind.get(i)) else None) for i in names}
    metrics["industry_invention_share"] = {k: Measured(v, None, len(names)) for k, v in share.items()}
    metrics["industry_ipc_entropy"] = {
        names[i]: Measured(
            entropy(Counter(code[:4] for t in by_ind[i] for code in t.codes)) if by_ind.get(i) else None,
            None,
            len(names),
        )
        for i in names
    }
    for i, name in names.items():
        rows = by_ind.get(i, [])
        per_city = {c: [t for t in rows if c in (t.src_city, t.dst_city)] for c in GBA_CITIES}
        metrics[f"{name} transfers"] = {c: Measured(len(v), None, len(GBA_CITIES)) for c, v in per_city.items()}
        metrics[f"{name} invention_share"] = {
            c: Measured(sum(t.invention for t in v) / len(v) if v else None, None, len(GBA_CITIES))
            for c, v in per_city.items()
        }
        metrics[f"{name} pct_linked"] = {
            c: Measured(sum(t.pct for t in v), None, len(GBA_CITIES)) for c, v in per_city.items()
        }
    with_transfers = sorted(n for n, v in counts.items() if v > 0)
    rho = spearman([counts[n] for n in with_transfers], [share[n] for n in with_transfers])
    metrics["industry_transfers_invention_share_rho"] = {"industries": Measured(rho, None, len(with_transfers))}
    return metrics


def _aims() -> tuple[Condition, ...]:
    """The generator's aims beyond the published conditions: some seed conditions with a margin added."""
    aims = []
    for c in conditions():
        if c.at_least is not None and c.metric.endswith(" invention_share"):
            aims.append(c._replace(at_least=c.at_least + T.AIM_BIOMEDICINE_CITIES_EXTRA))
        elif c.metric.endswith(" pct_linked") and c.comparand_value is not None:
            aims.append(c._replace(comparand_value=c.comparand_value * T.AIM_PCT_MARGIN))
        elif c.metric == "industry_invention_share" and c.comparand_value is not None:
            aims.append(c._replace(comparand_value=c.comparand_value + T.AIM_INVENTION_SHARE_MARGIN))
    return tuple(aims)


def verify_figures(f: dict, metrics: Metrics) -> list[str]:
    """The calibration targets: every condition of the seed published_figures, the generator's aims beyond
    them, and the plan's own distribution; returns what fails."""
    fails = []

    def need(ok: bool, what: str) -> None:
        if not ok:
            fails.append(what)

    for figure_id, failing in evaluate(metrics).items():
        need(not failing, f"{figure_id} (seed published_figures): {failing}")
    for figure_id, failing in evaluate(metrics, _aims()).items():
        need(not failing, f"{figure_id} calibration aim: {failing}")
    need(f["transfers_out"] == dict(sorted(T.TRANSFERS_OUT.items())), f"transfers out {f['transfers_out']}")
    need(f["transfers_in"] == dict(sorted(T.TRANSFERS_IN.items())), f"transfers in {f['transfers_in']}")
    need(f["enterprises"] == dict(sorted(T.ENTERPRISES.items())), f"enterprises {f['enterprises']}")
    need(
        f["unmapped"] == sum(T.UNMAPPED_IN_SCOPE.values())
        and f["industry_min"] >= 100
        and f["industry_counts_distinct"],
        "industries: the planned unmapped, each industry >= 100, no ties",
    )
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
    fails += verify_figures(figures, plan_metrics(transfers, ref))
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
