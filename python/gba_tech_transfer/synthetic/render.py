"""Render planned records as raw export rows, with the mess of real exports (docs/architecture.md: the raw
export contract, parsing, city of a party, the bundled dataset).

Each row keeps its application number as a structured `AppSpec`, so that copies for --scale get fresh
numbers (and check characters) without re-rendering anything else.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from itertools import accumulate
from typing import NamedTuple

from . import targets as T
from .application_numbers import check_character
from .parties import Party
from .plan import Plan, Record
from .reference import Reference

APP_FORMS = ("plain", "cn", "zl", "zl_space", "nodot")
APP_FORM_CUM = tuple(accumulate((0.54, 0.15, 0.12, 0.05, 0.14)))
DATE_STYLES = ("iso", "compact", "slash", "cjk", "iso_short", "dotted")
DATE_STYLE_CUM = tuple(accumulate((0.50, 0.14, 0.13, 0.13, 0.05, 0.05)))
IPC_STYLES = ("space", "nospace", "wide", "lower", "fullwidth", "edition")
IPC_STYLE_CUM = tuple(accumulate((0.45, 0.3, 0.1, 0.05, 0.05, 0.05)))
# patent_type text that contradicts the number (the number decides): a share of rows per digit
P_CONTRADICTING_TYPE = 0.02
INVENTION_TYPES, INVENTION_TYPE_CUM = ("发明", "发明专利", "invention", ""), tuple(accumulate((0.45, 0.25, 0.08, 0.22)))
SEPARATORS, SEPARATOR_CUM = (";", "；", "; "), tuple(accumulate((0.7, 0.2, 0.1)))
ADDRESS_FORM_WEIGHTS = {
    "full": 0.25,
    "city": 0.3,
    "no_shi": 0.1,
    "district": 0.12,
    "tc": 0.06,
    "en": 0.05,
    "postcode": 0.03,
    "province": 0.3,
    "zh": 0.5,
    "abroad": 1.0,
}
ADDRESS_FORM_WEIGHTS_SAR = {"zh": 0.5, "tc": 0.15, "en": 0.35}
P_EMPTY_ADDRESS = 0.2
FULLWIDTH = str.maketrans({chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)})


# unreadable application numbers, built from the real body so that every copy garbles a fresh number
MALFORMED = {
    "too_short": lambda body, check, year: f"{body[:-2]}.{check}",
    "too_long": lambda body, check, year: f"{body}0.{check}",
    "letter_o": lambda body, check, year: f"{body[:6]}O{body[7:]}.{check}",
    "pct_number": lambda body, check, year: f"PCT/CN{year}/{body[-6:]}",
    "dashes": lambda body, check, year: f"{body[:4]}-{body[4:]}-{check}",
    "text_prefix": lambda body, check, year: f"申请号{body}",
}


class AppSpec(NamedTuple):
    fmt: str  # 'new' (12-digit body) | 'old' (8-digit body)
    year: str
    digit: int
    base: int
    block: int
    form: str  # APP_FORMS
    lower_x: bool
    bad_delta: int  # 0, or how far the written check character is off
    malformed: str  # non-empty: how the number is garbled (MALFORMED key)
    fullwidth: bool

    def body(self, copy: int) -> str:
        block = (self.block + copy) % 100
        if self.fmt == "new":
            return f"{self.year}{self.digit}{block:02d}{self.base:05d}"
        return f"{self.year}{self.digit}{block:02d}{self.base:03d}"

    def text(self, copy: int = 0) -> str:
        body = self.body(copy)
        if self.malformed:
            return MALFORMED[self.malformed](body, check_character(body), self.year)
        check = check_character(body)
        if self.bad_delta:
            v = (10 if check == "X" else int(check)) + self.bad_delta
            check = "X" if v % 11 == 10 else str(v % 11)
        if self.lower_x:
            check = check.lower()
        if self.form == "cn":
            out = f"CN{body}.{check}"
        elif self.form == "zl":
            out = f"ZL{body}.{check}"
        elif self.form == "zl_space":
            out = f"ZL {body}.{check}"
        elif self.form == "nodot":
            out = f"{body}{check}"
        else:
            out = f"{body}.{check}"
        return out.translate(FULLWIDTH) if self.fullwidth else out


@dataclass
class Row:
    fields: list[str]  # the 16 columns; record_id and application_no filled at write time
    app: AppSpec
    kind: str  # in_scope | out_of_scope | rejected | duplicate
    reason: str | None
    record: Record
    names: tuple[list[str], list[str]]  # rendered assignor / assignee names
    seps: tuple[str, str]
    dates: tuple[str, str, str]  # date style per column (application, grant, effective)
    tags: list[str] = field(default_factory=list)
    dup_of: Row | None = None


def fmt_date(d: dt.date | None, style: str) -> str:
    if d is None:
        return ""
    if style == "compact":
        return f"{d.year:04d}{d.month:02d}{d.day:02d}"
    if style == "slash":
        return f"{d.year}/{d.month}/{d.day}"
    if style == "cjk":
        return f"{d.year}年{d.month:02d}月{d.day:02d}日"
    if style == "cjk_short":
        return f"{d.year}年{d.month}月{d.day}日"
    if style == "iso_short":
        return f"{d.year}-{d.month}-{d.day}"
    if style == "dotted":
        return f"{d.year}.{d.month:02d}.{d.day:02d}"
    return d.isoformat()


def fmt_ipc(code: str, style: str) -> str:
    if not code:
        return ""
    head, tail = code[:4], code[4:]
    if style == "lower":
        return f"{head} {tail}".lower()
    if style == "fullwidth":
        return f"{head} {tail}".translate(FULLWIDTH)
    if style == "edition":
        return f"{head} {tail} (2006.01)"
    return {"space": f"{head} {tail}", "nospace": code, "wide": f"{head}   {tail}"}[style]


class Renderer:
    def __init__(self, ref: Reference, rng: random.Random):
        self.ref, self.rng = ref, rng

    # --- names and addresses --------------------------------------------------------------------------
    def name(self, p: Party, tags: list[str]) -> str:
        rng = self.rng
        text = p.name
        if p.kind == "institution" and p.inst_id and not p.pid.endswith(":former"):
            kinds = self.ref.usable_aliases.get(p.inst_id, {})
            sar = p.city in ("香港", "澳门")
            weights = {
                "official": 0.6 if sar else 0.8,
                "traditional": 0.2 if sar else 0.05,
                "english": 0.15 if sar else 0.05,
                "former_name": 0.045,
                "abbreviation": 0.055,
            }
            avail = [k for k in weights if kinds.get(k)]
            kind = rng.choices(avail, [weights[k] for k in avail])[0]
            if kind != "official":
                text = rng.choice(kinds[kind])
                tags.append(f"alias_{kind}")
        if "(" in text and rng.random() < 0.5:
            text = text.replace("(", "（").replace(")", "）")
            tags.append("fullwidth_bracket")
        x = rng.random()
        if x < 0.02:
            text = " " + text + "  "
            tags.append("padding")
        elif x < 0.03:
            text = "\u3000" + text
            tags.append("padding")
        return text

    def address(self, p: Party, tags: list[str], side: str) -> str:
        rng = self.rng
        forms = list(p.addresses)
        if not forms or (p.empty_ok and not p.always_first and rng.random() < P_EMPTY_ADDRESS):
            tags.append(f"empty_address_{side}")
            return ""
        weights = ADDRESS_FORM_WEIGHTS_SAR if p.city in ("香港", "澳门") else ADDRESS_FORM_WEIGHTS
        form = rng.choices(forms, [weights[f] for f in forms])[0]
        tags.append(f"address_{form}")
        return p.addresses[form]

    def separator(self) -> str:
        return self.rng.choices(SEPARATORS, cum_weights=SEPARATOR_CUM)[0]

    # --- one record -----------------------------------------------------------------------------------
    def row(self, rec: Record) -> Row:
        rng = self.rng
        pat = rec.patent
        tags: list[str] = list(rec.tags)
        fmt, year, digit, base, block = pat.number
        app = AppSpec(
            fmt,
            year,
            digit,
            base,
            block,
            rng.choices(APP_FORMS, cum_weights=APP_FORM_CUM)[0],
            rng.random() < 0.5,
            0,
            "",
            False,
        )
        pub = "" if rng.random() < 0.08 else pat.pub_no
        if digit in (1, 8):
            ptype = rng.choices(INVENTION_TYPES, cum_weights=INVENTION_TYPE_CUM)[0]
        elif digit in (2, 9):
            ptype = rng.choices(("实用新型", ""), (0.75, 0.25))[0]
        else:
            ptype = rng.choices(("外观设计", ""), (0.8, 0.2))[0]
        if rng.random() < P_CONTRADICTING_TYPE:  # the exporter's text says another type; the number decides
            ptype = rng.choice([t for t in ("发明", "实用新型", "外观设计") if t != ptype])
            tags.append("patent_type_contradicts_number")
        style = rng.choices(DATE_STYLES, cum_weights=DATE_STYLE_CUM)[0]
        if style == "cjk" and rng.random() < 0.3:
            style = "cjk_short"
        ipc_style = rng.choices(IPC_STYLES, cum_weights=IPC_STYLE_CUM)[0]
        ipc_sep = ";" if rng.random() < 0.9 else "; "
        names_a = [self.name(p, tags) for p in rec.assignors]
        names_b = [self.name(p, tags) for p in rec.assignees]
        seps = (self.separator(), self.separator())
        fields = [
            "",
            "",
            pub,
            ptype,
            pat.title,
            fmt_date(pat.app_date, style),
            fmt_date(pat.grant_date, style),
            fmt_ipc(pat.ipc_main, ipc_style),
            ipc_sep.join(fmt_ipc(c, ipc_style) for c in pat.ipc_all),
            rec.event,
            fmt_date(rec.eff_date, style),
            seps[0].join(names_a),
            self.address(rec.assignors[0], tags, "assignor"),
            seps[1].join(names_b),
            self.address(rec.assignees[0], tags, "assignee"),
            pat.pct_no,
        ]
        row = Row(fields, app, rec.kind, rec.reason, rec, (names_a, names_b), seps, (style, style, style), tags)
        if rec.kind == "rejected":
            self.corrupt(row)
        return row

    def corrupt(self, row: Row) -> None:
        rng, f, reason = self.rng, row.fields, row.reason
        if reason == "malformed_application_no":
            row.app = row.app._replace(malformed=rng.choice(tuple(MALFORMED)))
        elif reason == "bad_check_digit":
            row.app = row.app._replace(bad_delta=rng.randint(1, 10), lower_x=False)
        elif reason == "bad_date":
            d = row.record.eff_date
            y = d.year
            bad = rng.choice((f"{y}-02-30", f"{y}1345", f"{y}/13/5", f"{y}年02月30日", f"{y}-04-31", f"{y}0231"))
            target = rng.choices((10, 5, 6), (0.5, 0.35, 0.15))[0]
            if target == 6 and not f[6]:
                target = 10
            f[target] = bad
            row.tags.append(f"bad_date_col{target}")
        elif reason == "empty_party":
            col = rng.choice((11, 13))
            f[col] = rng.choice(("", "", " ", ";", "；"))
            row.tags.append("empty_assignors" if col == 11 else "empty_assignees")

    # --- duplicates -----------------------------------------------------------------------------------
    def duplicate(self, orig: Row) -> Row:
        rng = self.rng
        dup = Row(
            list(orig.fields), orig.app, "duplicate", None, orig.record, orig.names, orig.seps, orig.dates, [], orig
        )
        if rng.random() < T.EXACT_DUPLICATE_SHARE:
            dup.tags.append("dup_exact")
            return dup
        changes = rng.sample(("ws", "fullwidth", "prefix", "date"), rng.choice((1, 1, 2)))
        names_a, names_b = list(orig.names[0]), list(orig.names[1])
        seps = list(orig.seps)
        if "ws" in changes:
            names_a = [self._pad(n) for n in names_a]
            names_b = [self._pad(n) for n in names_b]
        if "fullwidth" in changes:
            names_a = [n.replace("(", "（").replace(")", "）") for n in names_a]
            names_b = [n.replace("(", "（").replace(")", "）") for n in names_b]
            seps = ["；", "；"]
            if rng.random() < 0.3:
                dup.app = dup.app._replace(fullwidth=True)
        if "prefix" in changes:
            forms = [f for f in APP_FORMS if f != orig.app.form]
            dup.app = dup.app._replace(form=rng.choice(forms))
        if "date" in changes:
            style = rng.choice([s for s in (*DATE_STYLES, "cjk_short") if s != orig.dates[2]])
            pat = orig.record.patent
            dup.fields[5] = fmt_date(pat.app_date, style)
            dup.fields[6] = fmt_date(pat.grant_date, style)
            dup.fields[10] = fmt_date(orig.record.eff_date, style)
            dup.dates = (style, style, style)
        dup.fields[11] = seps[0].join(names_a)
        dup.fields[13] = seps[1].join(names_b)
        dup.tags += [f"dup_{c}" for c in changes]
        return dup

    def _pad(self, name: str) -> str:
        if " " in name.strip() and self.rng.random() < 0.5:
            return name.replace(" ", "  ")  # English names: doubled inner spaces fold back
        return self.rng.choice((" ", "  ", "\u3000")) + name + self.rng.choice(("", " ", "  "))


def render_plan(plan: Plan, ref: Reference, rng: random.Random) -> list[Row]:
    """All rows of one copy, in record_id order (a duplicate always after its original)."""
    r = Renderer(ref, rng)
    originals = [r.row(rec) for rec in plan.records]
    keyed = [(rng.random(), i, row) for i, row in enumerate(originals)]
    in_scope = [k for k in keyed if k[2].kind == "in_scope"]
    out_scope = [k for k in keyed if k[2].kind == "out_of_scope"]
    dups = []
    for pool, n in ((in_scope, T.DUPLICATES["in_scope"]), (out_scope, T.DUPLICATES["out_of_scope"])):
        for key, _, row in rng.sample(pool, n):
            dups.append((key + (1.0 - key) * rng.uniform(0.001, 1.0), len(keyed) + len(dups), r.duplicate(row)))
    ordered = sorted(keyed + dups, key=lambda k: (k[0], k[1]))
    return [row for _, _, row in ordered]
