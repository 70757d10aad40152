"""Read an export the way the contract says the models do, row by row, and recompute the figures.

    python -m gba_tech_transfer.audit [PATH]

Every row gets one outcome (in_scope, duplicate, out_of_scope, rejected) and a reason; the in-scope
transfers give the SPEC §1 figures. Used by the tests to check the bundled export end to end; also a
reference reading to compare the SQL models with.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from . import targets as T
from .checks import Transfer, compute_figures, verify_figures
from .reference import GBA_CITIES, Reference, load
from .rules import fold_width, normalise_ipc, parse_app_no, parse_date, split_parties

TRANSFER_EVENTS = ("专利权的转移", "专利申请权的转移", "专利申请权、专利权的转移")


@dataclass
class Audit:
    outcomes: dict[str, tuple[str, str | None]] = field(default_factory=dict)   # record_id -> (outcome, reason)
    transfers: list[Transfer] = field(default_factory=list)

    def counts(self) -> dict:
        c = Counter(self.outcomes.values())
        out: dict = {"rows": len(self.outcomes), "in_scope": c[("in_scope", None)]}
        out["duplicate"] = sum(v for (o, _), v in c.items() if o == "duplicate")
        for kind in ("out_of_scope", "rejected"):
            out[kind] = dict(sorted((r, v) for (o, r), v in c.items() if o == kind))
        return out


def _event_kind(text: str) -> str:
    t = fold_width(text)
    if t in TRANSFER_EVENTS:
        return "transfer"
    for word, kind in (("许可", "licence"), ("质押", "pledge"), ("变更", "change")):
        if word in t:
            return kind
    return "other"


def audit_rows(rows: list[dict], ref: Reference) -> Audit:
    a = Audit()
    readable = []
    for row in rows:
        rid = row["record_id"]
        app = parse_app_no(row["application_no"])
        if app.problem:
            a.outcomes[rid] = ("rejected", app.problem)
            continue
        app_date, eff = parse_date(row["application_date"]), parse_date(row["effective_date"])
        bad_grant = fold_width(row["grant_date"]) != "" and parse_date(row["grant_date"]) is None
        if app_date is None or eff is None or bad_grant:
            a.outcomes[rid] = ("rejected", "bad_date")
            continue
        assignors, assignees = split_parties(row["assignors"]), split_parties(row["assignees"])
        if not assignors or not assignees:
            a.outcomes[rid] = ("rejected", "empty_party")
            continue
        readable.append((rid, (app.normalised, eff, ";".join(assignors), ";".join(assignees)), row, app, eff,
                         assignors, assignees))
    kept: dict[tuple, str] = {}
    for rid, key, *_ in sorted(readable, key=lambda x: x[0]):
        if key in kept:
            a.outcomes[rid] = ("duplicate", None)
        else:
            kept[key] = rid
    for rid, key, row, app, eff, assignors, assignees in readable:
        if rid in a.outcomes:
            continue
        reason, transfer = _scope(row, app, eff, assignors, assignees, ref)
        a.outcomes[rid] = ("in_scope", None) if reason is None else ("out_of_scope", reason)
        if transfer:
            a.transfers.append(transfer)
    return a


def _primary(names: list[str], kind: str, ref: Reference) -> tuple[int, str, str | None] | None:
    for i, name in enumerate(names):
        k, inst = ref.classifier.classify(name)
        if k == kind:
            return i, name, inst
    return None


def _scope(row, app, eff, assignors, assignees, ref: Reference):
    if _event_kind(row["legal_event"]) != "transfer":
        return "not_a_transfer", None
    if eff > T.CUTOFF:
        return "after_cutoff", None
    src = _primary(assignors, "research_institution", ref)
    if src is None:
        return "no_research_transferor", None
    dst = _primary(assignees, "enterprise", ref)
    if dst is None:
        return "no_enterprise_transferee", None
    res = ref.resolver
    src_city = res.resolve(src[1], src[2], row["assignor_address"], src[0] == 0)
    dst_city = res.resolve(dst[1], None, row["assignee_address"], dst[0] == 0)
    if src_city not in GBA_CITIES and dst_city not in GBA_CITIES:
        return "outside_gba", None
    main = normalise_ipc(row["ipc_main"])
    codes = [main] + [normalise_ipc(c) for c in fold_width(row["ipc_all"]).split(";")]
    pct = app.type_digit in (8, 9) or bool(fold_width(row["pct_application_no"]))
    return None, Transfer(src_city, dst_city, dst[1], ref.mapper.industry(main), app.type_digit in (1, 8), pct,
                          tuple(dict.fromkeys(c for c in codes if c)))


def read_csv(path: Path) -> list[dict]:
    with Path(path).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def main(argv: list[str] | None = None) -> int:
    from .generate import DEFAULT_OUT
    ap = argparse.ArgumentParser(prog="python -m gba_tech_transfer.audit", description=__doc__.splitlines()[0])
    ap.add_argument("path", nargs="?", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args(argv)
    ref = load()
    a = audit_rows(read_csv(args.path), ref)
    figures = compute_figures(a.transfers, ref)
    print(json.dumps({"counts": a.counts(), "figures": figures, "fails": verify_figures(figures)},
                     ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
