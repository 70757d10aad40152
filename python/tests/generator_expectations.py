"""The intended make-up of the bundled export, from the generator's own plan and rendering labels (a test oracle).

    python python/tests/generator_expectations.py [--out PATH]

Row outcomes (in_scope, duplicate, out_of_scope by reason, rejected by reason, as in the contract), the
finer out-of-scope kinds, and how often each rendering variant and trap was written. The tests compare
these with what an independent reading of the CSV finds.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from gba_tech_transfer.synthetic.render import Row


def outcomes(rows: list[Row]) -> dict:
    c = Counter((r.kind, r.reason) for r in rows)
    return {
        "rows": len(rows),
        "in_scope": c[("in_scope", None)],
        "duplicate": c[("duplicate", None)],
        "out_of_scope": dict(sorted((reason, n) for (k, reason), n in c.items() if k == "out_of_scope")),
        "rejected": dict(sorted((reason, n) for (k, reason), n in c.items() if k == "rejected")),
    }


def variants(rows: list[Row]) -> dict:
    v: Counter = Counter()
    for r in rows:
        f, app = r.fields, r.app
        if not app.malformed:
            v[f"application_no_{app.form}"] += 1
            v["application_no_old_format"] += app.fmt == "old"
            v["application_no_fullwidth"] += app.fullwidth
            v["application_no_lower_x"] += app.lower_x and app.text(0).endswith("x")
        v[f"patent_type_{f[3] or 'empty'}"] += 1
        v[f"publication_no_{f[2][-1] if f[2] else 'empty'}"] += 1
        v[f"date_style_{r.dates[2]}"] += 1
        v[f"legal_event_{f[9]}"] += 1
        v["ipc_wide"] += "   " in f[7]
        v["ipc_space"] += f[7].count(" ") == 1
        v["ipc_nospace"] += bool(f[7]) and " " not in f[7]
        v["ipc_empty"] += not f[7]
        v["pct_application_no"] += bool(f[15])
        v["fullwidth_semicolon"] += "；" in f[11] or "；" in f[13]
        v["grant_date_empty"] += not f[6]
        for t in r.tags:
            v[t] += 1
    return dict(sorted(v.items()))


def traps(rows: list[Row]) -> dict:
    """Trap rows among the rows that are in scope (kept originals)."""
    t: Counter = Counter()
    for r in rows:
        if r.kind != "in_scope":
            continue
        rec = r.record
        t["sysu_source"] += rec.src.inst_id == "SYSU"
        t["sysu_source_empty_address"] += rec.src.inst_id == "SYSU" and rec.assignors[0] is rec.src and not r.fields[12]
        t["scsio_source"] += rec.src.inst_id == "SCSIO"
        t["unregistered_institution"] += "unregistered" in rec.src.tags
        t["university_named_enterprise"] += "university" in rec.dst.tags
        t["asset_company_assignor"] += "asset_company_assignor" in rec.tags
        t["institution_not_first"] += "institution_not_first" in rec.tags
        t["enterprise_not_first"] += "enterprise_not_first" in rec.tags
        for kind in ("traditional", "english", "former_name", "abbreviation"):
            t[f"institution_alias_{kind}"] += f"alias_{kind}" in r.tags
        t["dongguan_shatian_address"] += "沙田镇" in r.fields[14] or "沙田镇" in r.fields[12]
        t["hong_kong_sha_tin_address"] += any(
            ("沙田" in a and "沙田镇" not in a) or "Sha Tin" in a for a in (r.fields[12], r.fields[14])
        )
        for d in ("南山区", "白云区", "龙华区"):
            t[f"outside_{d}"] += f"outside_{d}" in rec.dst.tags
    return dict(sorted(t.items()))


def compute(gen) -> dict:
    rows = gen.rows
    return {
        "outcomes": outcomes(rows),
        "out_of_scope_kinds": dict(sorted(Counter(r.record.subkind for r in rows if r.kind == "out_of_scope").items())),
        "duplicates": {
            "exact": sum("dup_exact" in r.tags for r in rows if r.kind == "duplicate"),
            "near": sum("dup_exact" not in r.tags for r in rows if r.kind == "duplicate"),
            "of_in_scope": sum(r.dup_of.kind == "in_scope" for r in rows if r.kind == "duplicate"),
            "of_out_of_scope": sum(r.dup_of.kind == "out_of_scope" for r in rows if r.kind == "duplicate"),
        },
        "variants": variants(rows),
        "traps": traps(rows),
        "figures": gen.figures,
    }


def main(argv: list[str] | None = None) -> int:
    from gba_tech_transfer.synthetic.generate import build

    ap = argparse.ArgumentParser(
        prog="python python/tests/generator_expectations.py", description=__doc__.splitlines()[0]
    )
    ap.add_argument("--out", type=Path, help="write the JSON here (default: stdout)")
    args = ap.parse_args(argv)
    text = json.dumps(compute(build()), ensure_ascii=False, indent=1) + "\n"
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
