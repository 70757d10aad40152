"""The calibrated plan: every record of the export as meaning (who, what patent, when), before any mess.

In-scope transfers are built to the targets in targets.py; others.py adds the out-of-scope and unreadable
records around them (generate.py puts the two together). render.py turns each record into raw text;
calibration.py verifies the in-scope part.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from itertools import accumulate

from . import names as N
from . import targets as T
from .ipc import IpcCoder
from .parties import MAINLAND, Party, PartyFactory
from .reference import GBA_CITIES, OUTSIDE, Reference
from .stats import spearman

TRANSFER_EVENTS = ("专利权的转移", "专利申请权的转移", "专利申请权、专利权的转移")
LICENCE, PLEDGE, RENAME = "专利实施许可合同备案的生效", "专利权质押合同登记的生效", "专利权人的姓名或者名称、地址的变更"
NEW_FORMAT_FROM = dt.date(2003, 10, 1)
YEARS, YEAR_CUM = tuple(T.YEAR_WEIGHTS), tuple(accumulate(T.YEAR_WEIGHTS.values()))
AGES_INVENTION = tuple(T.AGE_WEIGHTS), tuple(accumulate(T.AGE_WEIGHTS.values()))
AGES_UTILITY = (
    tuple(a for a in T.AGE_WEIGHTS if a <= 9),  # utility models: 10-year term
    tuple(accumulate(w for a, w in T.AGE_WEIGHTS.items() if a <= 9)),
)


@dataclass
class Patent:
    number: tuple  # (fmt 'new'|'old', year part, type digit, base serial, block)
    digit: int
    app_date: dt.date
    grant_date: dt.date | None
    industry: int | None
    ipc_main: str  # normalised ('' for designs)
    ipc_all: list[str]  # normalised, main first
    pct_no: str
    title: str
    pub_no: str


@dataclass
class Record:
    kind: str  # 'in_scope' | 'out_of_scope' | 'rejected'
    reason: str | None  # contract reason code (out of scope / rejected)
    patent: Patent
    assignors: list[Party]
    assignees: list[Party]
    event: str
    eff_date: dt.date
    src: Party | None = None  # intended primary transferor / transferee (in scope)
    dst: Party | None = None
    subkind: str = ""  # finer out-of-scope kind (targets.OUT_OF_SCOPE keys)
    tags: list[str] = field(default_factory=list)


@dataclass
class Plan:
    records: list[Record]
    pools: dict[str, list[Party]]  # enterprise pool per destination city
    industry_rank: list[int]  # industry ids by intended rank
    invention_share: dict[int, float]


def _days(years: float) -> dt.timedelta:
    return dt.timedelta(days=int(years * 365.25))


def _largest_remainder(total: int, weights: list[float], floor: int = 0) -> list[int]:
    base = [floor] * len(weights)
    rest = total - floor * len(weights)
    assert rest >= 0, (total, len(weights), floor)
    s = sum(weights)
    raw = [rest * w / s for w in weights]
    counts = [int(r) for r in raw]
    order = sorted(range(len(raw)), key=lambda i: -(raw[i] - counts[i]))
    for i in order[: rest - sum(counts)]:
        counts[i] += 1
    return [b + c for b, c in zip(base, counts)]


class NumberAllocator:
    """Application-number identities: unique base serial per (format, year, type), a block for copies."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used: dict[tuple, set[int]] = {}

    def new(self, app_date: dt.date, digit: int) -> tuple:
        if app_date < NEW_FORMAT_FROM:
            fmt, yp, cap = "old", f"{app_date.year % 100:02d}", 1000
        else:
            fmt, yp, cap = "new", str(app_date.year), 100000
        used = self.used.setdefault((fmt, yp, digit), set())
        while True:
            base = self.rng.randrange(cap)
            if base not in used:
                used.add(base)
                return (fmt, yp, digit, base, self.rng.randrange(15) if fmt == "new" else self.rng.randrange(100))


class Planner:
    def __init__(self, ref: Reference, seed: int = T.SEED):
        self.ref = ref
        self.rng = random.Random(seed)
        self.factory = PartyFactory(ref, self.rng)
        self.coder = IpcCoder(ref, self.rng)
        self.numbers = NumberAllocator(self.rng)
        self.industries = {int(r["industry_id"]): r for r in ref.industries}
        self.by_name = {r["industry"]: int(r["industry_id"]) for r in ref.industries}

    # --- parties --------------------------------------------------------------------------------------
    def _institutions(self) -> None:
        self.institutions: dict[str, list[Party]] = {c: [] for c in (*GBA_CITIES, OUTSIDE)}
        self.inst_by_id: dict[str, Party] = {}
        for row in self.ref.institutions:
            p = self.factory.institution(row)
            self.institutions[p.city].append(p)
            self.inst_by_id[p.pid] = p
        f = self.factory
        self.unregistered: dict[str, list[Party]] = {c: [] for c in GBA_CITIES}
        wanted = [
            ("广州", "广东省人民医院"),
            ("广州", f"广州市{f.brand()}生物技术研究所"),
            ("深圳", "深圳市人民医院"),
            ("深圳", f"深圳市{f.brand()}产业技术研究院"),
            ("佛山", f"佛山市{f.brand()}智能装备研究院"),
            ("东莞", f"东莞市{f.brand()}新材料研究院"),
        ]
        registered = {a["alias"] for a in self.ref.aliases}
        for city, name in wanted:
            if name not in registered:
                self.unregistered[city].append(f.unregistered(name, city))
        # university-named enterprises (asset / spin-off companies): enterprises by the company-form rule
        self.asset_companies: dict[str, Party] = {}
        per_city: dict[str, int] = {}
        for p in self.inst_by_id.values():
            if p.city in MAINLAND and p.name.endswith("大学") and per_city.get(p.city, 0) < 2:
                per_city[p.city] = per_city.get(p.city, 0) + 1
                self.asset_companies[p.pid] = f.enterprise(p.city, "university", university=p.name)

    # Name forms of the enterprises of a mainland GBA city, by share of its pool (docs/architecture.md, "The bundled
    # dataset": with and without 市, the city in brackets, English, partnerships, branches, and names that hold no
    # city at all).
    MAINLAND_STYLES = {
        "city": 0.52,
        "no_shi": 0.10,
        "bracket": 0.06,
        "english": 0.04,
        "english_bracket": 0.02,
        "group": 0.03,
        "partnership": 0.03,
        "branch": 0.03,
        "plain": 0.17,
    }
    SAR_STYLES = {
        "香港": {"hk_zh": 0.4, "hk_bracket": 0.15, "hk_en": 0.35, "plain": 0.1},
        "澳门": {"mo_zh": 0.6, "mo_en": 0.3, "plain": 0.1},
    }
    OUTSIDE_STYLES = {"outside": 0.6, "plain": 0.28, "foreign": 0.12}

    def _styled(self, city: str, styles: dict[str, float], size: int) -> list[Party]:
        counts = _largest_remainder(size, list(styles.values()))
        return [self.factory.enterprise(city, style) for style, n in zip(styles, counts) for _ in range(n)]

    def _pools(self) -> None:
        """Enterprise pools per destination city, sized to the distinct-enterprise targets."""
        f, rng = self.factory, self.rng
        self.pools: dict[str, list[Party]] = {}
        for city, size in T.ENTERPRISES.items():
            if city in self.SAR_STYLES:
                pool = self._styled(city, self.SAR_STYLES[city], size)
                for p in pool[::5]:
                    if city == "香港" and p.addresses.get("zh", "").startswith("香港"):
                        p.addresses = f.book.hong_kong("shatin")
                rng.shuffle(pool)
            elif city == OUTSIDE:
                # 南山区, 白云区, 龙华区 outside the GBA: the names a GBA unit also bears, always written with
                # their own city or province
                traps = [
                    u
                    for u in f.book.outside_units
                    if (u["prefecture_name"], u["division_name"])
                    in {("鹤岗市", "南山区"), ("贵阳市", "白云区"), ("海口市", "龙华区")}
                ]
                trap_firms = [f.enterprise(city, "outside", unit=u, trap=True) for _ in range(4) for u in traps]
                pool = self._styled(city, self.OUTSIDE_STYLES, size - len(trap_firms))
                rng.shuffle(pool)
                for k, p in enumerate(trap_firms):  # high in the ranking: each district >= 20 transfers
                    pool.insert(3 * k + 1, p)
            else:
                asset = [a for a in self.asset_companies.values() if a.city == city]
                n_shatian = 6 if city == "东莞" else 0
                shatian = [f.enterprise(city, "city", local="沙田镇") for _ in range(n_shatian)]
                pool = self._styled(city, self.MAINLAND_STYLES, size - len(asset) - n_shatian)
                rng.shuffle(pool)
                # asset companies and 沙田镇 firms sit high enough in the ranking to receive >= 20 transfers
                for k, a in enumerate(asset):
                    pool.insert(8 + 3 * k, a)
                for k, p in enumerate(shatian):
                    pool.insert(12 + 4 * k, p)
            assert len(pool) == size, (city, len(pool), size)
            self.pools[city] = pool

    # --- calibration --------------------------------------------------------------------------------
    def _industry_ranking(self) -> list[int]:
        fixed = [self.by_name[n] for n in T.FIXED_RANKS]
        others = [i for i in sorted(self.industries) if i not in fixed]
        hard = [i for i in others if self.ref.is_hard_tech(i)]
        soft = [i for i in others if not self.ref.is_hard_tech(i)]
        self.rng.shuffle(hard)
        self.rng.shuffle(soft)
        ranking = fixed + hard
        ranking.insert(T.NON_HARD_TECH_RANK - 1, soft.pop(0))
        ranking += soft
        assert len(ranking) == len(T.INDUSTRY_COUNTS) == 28
        return ranking

    def _invention_shares(self, ranking: list[int]) -> dict[int, float]:
        """Shares falling with rank, then swapped among ranks 6+ until Spearman's rho is near the target."""
        rng, n = self.rng, len(ranking)
        top, bottom = T.BIO_INVENTION_SHARE, T.SMALLEST_SHARE
        values = [top - (top - bottom) * r / (n - 1) + (rng.uniform(-0.01, 0.01) if r else 0) for r in range(n)]
        while spearman(list(range(n, 0, -1)), values) > T.SHARE_RHO_TARGET:
            i, j = sorted(rng.sample(range(5, n), 2))
            if j - i <= 8:
                values[i], values[j] = values[j], values[i]
        return dict(zip(ranking, values))

    def _pair_cities(self) -> list[tuple[str, str]]:
        """(source city, destination city) per in-scope transfer, matching both margins exactly."""
        rng = self.rng
        out = dict(T.TRANSFERS_OUT)
        inn = dict(T.TRANSFERS_IN)
        gba = list(GBA_CITIES)
        pairs: list[tuple[str, str]] = []

        def take(margin: dict, cities: list[str], weight=lambda c: 1.0) -> str:
            w = [margin[c] * weight(c) for c in cities]
            c = rng.choices(cities, w)[0]
            margin[c] -= 1
            return c

        for _ in range(inn[OUTSIDE]):
            pairs.append((take(out, gba), OUTSIDE))
        inn[OUTSIDE] = 0
        for _ in range(out[OUTSIDE]):
            pairs.append((OUTSIDE, take(inn, gba)))
        out[OUTSIDE] = 0
        sources = [c for c in gba for _ in range(out[c])]
        rng.shuffle(sources)
        for s in sources:
            pairs.append((s, take(inn, gba, lambda d, s=s: 3.0 if d == s else 1.0)))
        rng.shuffle(pairs)
        return pairs

    def _source_queue(self, city: str, n: int) -> list[Party]:
        members = self.institutions[city] + self.unregistered.get(city, [])
        weights = [1.0 / (i + 1) ** 0.9 for i in range(len(self.institutions[city]))]
        weights += [0.5 / 9**0.9] * len(self.unregistered.get(city, []))
        floor = min(10, n // len(members))
        counts = _largest_remainder(n, weights, floor)
        queue = [p for p, k in zip(members, counts) for _ in range(k)]
        self.rng.shuffle(queue)
        return queue

    def _destination_queue(self, city: str, n: int) -> list[Party]:
        pool = self.pools[city]
        counts = _largest_remainder(n, [1.0 / (i + 1) ** 0.75 for i in range(len(pool))], 1)
        queue = [p for p, k in zip(pool, counts) for _ in range(k)]
        self.rng.shuffle(queue)
        return queue

    # --- patents --------------------------------------------------------------------------------------
    def eff_date(self, after_cutoff: bool = False) -> dt.date:
        rng = self.rng
        if after_cutoff:
            start, end = T.CUTOFF + dt.timedelta(days=1), dt.date(2026, 6, 30)
        else:
            year = rng.choices(YEARS, cum_weights=YEAR_CUM)[0]
            start, end = dt.date(year, 1, 1), min(dt.date(year, 12, 31), T.CUTOFF)
        return start + dt.timedelta(days=rng.randrange((end - start).days + 1))

    def new_patent(
        self,
        industry: int | None,
        digit: int,
        eff: dt.date,
        pct: bool = False,
        app_date: dt.date | None = None,
        unmapped_ipc: bool = False,
    ) -> Patent:
        """A patent of `industry`; with industry None, a design (digit 3: no IPC) or, with unmapped_ipc, a main IPC
        that belongs to no industry."""
        rng = self.rng
        if app_date is None:
            ages, cum = AGES_UTILITY if digit in (2, 9) else AGES_INVENTION
            age = rng.choices(ages, cum_weights=cum)[0] - rng.random()
            app_date = eff - _days(max(age, 1.0))
        if digit in (1, 8):
            grant = app_date + _days(rng.uniform(1.0, 4.5))
            if grant > T.CUTOFF or rng.random() < 0.04:
                grant = None
        else:
            grant = app_date + _days(rng.uniform(0.3, 1.0))
        number = self.numbers.new(app_date, digit)
        if unmapped_ipc:
            ipc_main = self.coder.unmapped()
            ipc_all = [ipc_main]
        elif industry is None:
            ipc_main, ipc_all = "", []
        else:
            # H10 subclasses replaced H01L in IPC 2023: older applications carry H01L
            ipc_main = self.coder.main(industry, avoid="H10" if app_date.year < 2023 else None)
            ipc_all = [ipc_main] + self.coder.extras(industry, ipc_main)
        pct_no = ""
        if pct or digit in (8, 9):
            if digit in (1, 2) or rng.random() < 0.85:
                pct_no = f"PCT/CN{app_date.year - rng.choice((1, 2))}/{rng.randrange(10**6):06d}"
        fieldname = N.title_field(self.industries[industry]["industry_en"]) if industry else "mfg"
        title = N.title(rng, fieldname, digit)
        old = number[0] == "old"
        serial = rng.randrange(10**6 if old else 10**8)
        if digit in (1, 8):
            pub = f"CN1{serial:06d}C" if old and grant else f"CN1{serial:08d}{'B' if grant else 'A'}"
        elif digit in (2, 9):
            pub = f"CN2{serial:06d}Y" if old else f"CN2{serial:08d}U"
        else:
            pub = f"CN3{serial:08d}S"
        return Patent(number, digit, app_date, grant, industry, ipc_main, ipc_all, pct_no, title, pub)

    @staticmethod
    def transfer_event(p: Patent, eff: dt.date, rng: random.Random) -> str:
        if rng.random() < 0.15:
            return TRANSFER_EVENTS[2]
        return TRANSFER_EVENTS[0] if p.grant_date and p.grant_date <= eff else TRANSFER_EVENTS[1]

    # --- in-scope transfers ---------------------------------------------------------------------------
    def in_scope(self) -> list[Record]:
        """The parties, then the calibrated in-scope transfers (others.py adds the rest of the export)."""
        self._institutions()
        self._pools()
        return self._in_scope()

    def _in_scope(self) -> list[Record]:
        rng = self.rng
        pairs = self._pair_cities()
        src_q = {c: self._source_queue(c, n) for c, n in T.TRANSFERS_OUT.items()}
        dst_q = {c: self._destination_queue(c, n) for c, n in T.TRANSFERS_IN.items()}
        ranking = self._industry_ranking()
        self.ranking = ranking
        self.shares = self._invention_shares(ranking)
        industries: list = [iid for iid, n in zip(ranking, T.INDUSTRY_COUNTS) for _ in range(n)]
        industries += [kind for kind, n in T.UNMAPPED_IN_SCOPE.items() for _ in range(n)]
        assert len(industries) == len(pairs) == T.TOTAL_IN_SCOPE
        rng.shuffle(industries)
        rows = []
        for (s, d), iid in zip(pairs, industries):
            rows.append({"src": src_q[s].pop(), "dst": dst_q[d].pop(), "industry": iid})
        # type digits per industry: exact invention counts; biomedicine spread evenly over city pairs
        bio = self.by_name["生物医药"]
        by_industry: dict[int, list[dict]] = {}
        for r in rows:
            by_industry.setdefault(r["industry"], []).append(r)
        for iid, group in by_industry.items():
            share = {"design": 0.0, "unmapped_ipc": 0.5}.get(iid) if iid in T.UNMAPPED_IN_SCOPE else self.shares[iid]
            n_inv = round(share * len(group))
            n_non = len(group) - n_inv
            if iid == bio:
                group = sorted(group, key=lambda r: (r["src"].city, r["dst"].city, rng.random()))
                non = {int((k + 0.5) * len(group) / n_non) for k in range(n_non)}
                flags = [i not in non for i in range(len(group))]
            else:
                flags = [True] * n_inv + [False] * n_non
                rng.shuffle(flags)
            for r, inv in zip(group, flags):
                r["invention"] = inv
        gz_sz = {"广州", "深圳"}
        records = []
        for r in rows:
            src, dst, iid = r["src"], r["dst"], r["industry"]
            if r["invention"]:
                if iid == bio:
                    p_pct = T.PCT_BIO_GZ_SZ if {src.city, dst.city} & gz_sz else T.PCT_BIO_OTHER
                else:
                    p_pct = T.PCT_OTHER
                pct = rng.random() < p_pct
                digit = 8 if pct and rng.random() < 0.65 else 1
            else:
                pct = False
                digit = 9 if rng.random() < 0.03 else 2
            eff = self.eff_date()
            if iid == "design":
                patent = self.new_patent(None, 3, eff)
            elif iid == "unmapped_ipc":
                patent = self.new_patent(None, 1 if r["invention"] else 2, eff, unmapped_ipc=True)
            else:
                patent = self.new_patent(iid, digit, eff, pct=pct and digit == 1)
            rec = Record("in_scope", None, patent, [src], [dst], self.transfer_event(patent, eff, rng), eff, src, dst)
            self._shape_parties(rec)
            records.append(rec)
        # a few old (8-digit) application numbers: filed 2000-2003, transferred 2015-2021
        olds = [rec for rec in records if rec.patent.digit == 1 and rec.patent.industry and rec.eff_date.year <= 2021]
        for rec in rng.sample(olds, T.OLD_FORMAT_IN_SCOPE):
            earliest = max(dt.date(2000, 1, 1), rec.eff_date - _days(19))
            app = earliest + dt.timedelta(days=rng.randrange((NEW_FORMAT_FROM - earliest).days))
            rec.patent = self.new_patent(rec.patent.industry, 1, rec.eff_date, app_date=app)
            rec.event = self.transfer_event(rec.patent, rec.eff_date, rng)
        return records

    def _shape_parties(self, rec: Record) -> None:
        """Co-owners: sometimes before the primary party (the traps), sometimes after."""
        rng, f = self.rng, self.factory
        src, dst = rec.src, rec.dst
        x = rng.random()
        if src.inst_id and x < T.P_INSTITUTION_NOT_FIRST:
            y = rng.random()
            if src.pid in self.asset_companies and y < 0.5:
                co = self.asset_companies[src.pid]
                rec.tags.append("asset_company_assignor")
            elif y < 0.75:
                co = rng.choice(self.pools[rng.choice(MAINLAND)])
            else:
                co = f.individual()
            rec.assignors = [co, src]
            rec.tags.append("institution_not_first")
        elif x < T.P_INSTITUTION_NOT_FIRST + T.P_COOWNER_ASSIGNOR:
            y = rng.random()
            if y < 0.5 and src.city != OUTSIDE:
                others = [p for p in self.institutions[src.city] if p is not src] or [src]
                co = rng.choice(others)
            elif y < 0.75:
                co = rng.choice(self.pools[rng.choice(MAINLAND)])
            else:
                co = f.individual()
            if co is not src:
                rec.assignors = [src, co]
        x = rng.random()
        if dst.empty_ok and x < T.P_ENTERPRISE_NOT_FIRST:
            co = src if (src.inst_id and rng.random() < 0.4) else f.individual()
            rec.assignees = [co, dst]
            rec.tags.append("enterprise_not_first")
        elif x < T.P_ENTERPRISE_NOT_FIRST + T.P_COOWNER_ASSIGNEE:
            co = f.individual() if rng.random() < 0.5 else rng.choice(self.pools[dst.city])
            if co is not dst:
                rec.assignees = [dst, co]
