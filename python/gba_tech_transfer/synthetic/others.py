"""The records around the calibrated plan: out-of-scope events and parties, and unreadable rows.

Each kind has the count set in targets.OUT_OF_SCOPE / targets.REJECTED and is built so that the contract's
rules give it exactly its intended reason (first reason that applies, in the contract's order).
"""

from __future__ import annotations

import datetime as dt

from . import targets as T
from .parties import Party
from .plan import LICENCE, PLEDGE, RENAME, Patent, Planner, Record
from .reference import GBA_CITIES, OUTSIDE


def _random_patent(p: Planner, eff: dt.date, allow_design: bool = False) -> Patent:
    rng = p.rng
    iid = rng.choices(p.ranking, T.INDUSTRY_COUNTS)[0]
    x = rng.random()
    if allow_design and x < 0.12:
        return p.new_patent(None, 3, eff)
    digit = 1 if x < 0.68 else 2
    return p.new_patent(iid, digit, eff)


def _gba_institution(p: Planner) -> Party:
    city = p.rng.choices(GBA_CITIES, [T.TRANSFERS_OUT[c] for c in GBA_CITIES])[0]
    return p.rng.choice(p.institutions[city])


def _gba_enterprise(p: Planner) -> Party:
    city = p.rng.choices(GBA_CITIES, [T.TRANSFERS_IN[c] for c in GBA_CITIES])[0]
    return p.rng.choice(p.pools[city])


def _transfer(
    p: Planner,
    kind: str,
    reason: str,
    subkind: str,
    assignors: list[Party],
    assignees: list[Party],
    after_cutoff: bool = False,
    allow_design: bool = False,
) -> Record:
    eff = p.eff_date(after_cutoff)
    patent = _random_patent(p, eff, allow_design)
    return Record(
        kind, reason, patent, assignors, assignees, p.transfer_event(patent, eff, p.rng), eff, subkind=subkind
    )


def out_of_scope(p: Planner, in_scope: list[Record]) -> list[Record]:
    rng, f = p.rng, p.factory
    recs: list[Record] = []
    oos = "out_of_scope"
    reason = T.OUT_OF_SCOPE_REASON
    for _ in range(T.OUT_OF_SCOPE["licence"]):
        r = _transfer(p, oos, reason["licence"], "licence", [_gba_institution(p)], [_gba_enterprise(p)])
        r.event = LICENCE
        recs.append(r)
    for _ in range(T.OUT_OF_SCOPE["pledge"]):
        e = _gba_enterprise(p)
        r = _transfer(p, oos, reason["pledge"], "pledge", [e], [f.bank(e.city)])
        r.event = PLEDGE
        recs.append(r)
    former = [
        (inst, a)
        for inst in p.inst_by_id.values()
        for a in p.ref.usable_aliases.get(inst.pid, {}).get("former_name", [])
    ]
    for k in range(T.OUT_OF_SCOPE["rename"]):
        if k % 5 < 2 and former:
            inst, old = rng.choice(former)
            old_party = Party(inst.pid + ":former", "institution", old, inst.city, inst.inst_id, inst.addresses, True)
            r = _transfer(p, oos, reason["rename"], "rename", [old_party], [inst])
        else:
            e = _gba_enterprise(p)
            new_name = _renamed(e.name)
            renamed = Party(
                e.pid + ":renamed", "enterprise", new_name, e.city, None, e.addresses, e.empty_ok, e.always_first
            )
            r = _transfer(p, oos, reason["rename"], "rename", [e], [renamed])
        r.event = RENAME
        recs.append(r)
    for _ in range(T.OUT_OF_SCOPE["after_cutoff"]):
        recs.append(
            _transfer(
                p,
                oos,
                reason["after_cutoff"],
                "after_cutoff",
                [_gba_institution(p)],
                [_gba_enterprise(p)],
                after_cutoff=True,
            )
        )
    # enterprise -> enterprise: later transfers of in-scope patents, asset companies, plain
    sub = "enterprise_to_enterprise"
    candidates = [
        r for r in in_scope if all(x.kind != "institution" for x in r.assignees) and (T.CUTOFF - r.eff_date).days > 120
    ]
    for orig in rng.sample(candidates, T.RETRANSFERS):
        eff = orig.eff_date + dt.timedelta(days=rng.randrange(60, (T.CUTOFF - orig.eff_date).days))
        new = _gba_enterprise(p)
        r = Record(
            oos,
            reason[sub],
            orig.patent,
            list(orig.assignees),
            [new],
            p.transfer_event(orig.patent, eff, rng),
            eff,
            subkind=sub,
            tags=["retransfer"],
        )
        recs.append(r)
    assets = list(p.asset_companies.values())
    for k in range(T.OUT_OF_SCOPE[sub] - T.RETRANSFERS):
        a = assets[k % len(assets)] if k < T.ASSET_COMPANY_SOLE_ASSIGNOR else _gba_enterprise(p)
        r = _transfer(p, oos, reason[sub], sub, [a], [_gba_enterprise(p)], allow_design=True)
        if k < T.ASSET_COMPANY_SOLE_ASSIGNOR:
            r.tags.append("asset_company_assignor")
        recs.append(r)
    sub = "individual_to_enterprise"
    for _ in range(T.OUT_OF_SCOPE[sub]):
        people = [f.individual() for _ in range(rng.choice((1, 1, 1, 2, 3)))]
        recs.append(_transfer(p, oos, reason[sub], sub, people, [_gba_enterprise(p)], allow_design=True))
    sub = "institution_to_institution"
    for _ in range(T.OUT_OF_SCOPE[sub]):
        a = _gba_institution(p)
        b = rng.choice([x for x in p.inst_by_id.values() if x is not a])
        recs.append(_transfer(p, oos, reason[sub], sub, [a], [b]))
    sub = "institution_to_individual"
    for _ in range(T.OUT_OF_SCOPE[sub]):
        people = [f.individual() for _ in range(rng.choice((1, 1, 2)))]
        recs.append(_transfer(p, oos, reason[sub], sub, [_gba_institution(p)], people))
    sub = "outside_both"
    for _ in range(T.OUT_OF_SCOPE[sub]):
        recs.append(
            _transfer(p, oos, reason[sub], sub, [rng.choice(p.institutions[OUTSIDE])], [rng.choice(p.pools[OUTSIDE])])
        )
    return recs


def rejected(p: Planner) -> list[Record]:
    recs = []
    for reason, n in T.REJECTED.items():
        for _ in range(n):
            recs.append(_transfer(p, "rejected", reason, reason, [_gba_institution(p)], [_gba_enterprise(p)]))
    return recs


def _renamed(name: str) -> str:
    """A company's new name after a change of form (有限公司 -> 股份有限公司 -> 集团股份有限公司)."""
    if "股份有限公司" in name:
        return name.replace("股份有限公司", "集团股份有限公司")
    if "有限责任公司" in name:
        return name.replace("有限责任公司", "股份有限公司")
    if "Co., Ltd." in name:
        return name.replace("Co., Ltd.", "Holdings Co., Ltd.")
    if "Limited" in name:
        return name.replace("Limited", "Holdings Limited")
    return name.replace("有限公司", "股份有限公司")
