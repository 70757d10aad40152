"""Parties of the synthetic export: institutions (from the registry seed), fictional enterprises and people.

Each party's city is chosen here and is the truth its records carry. Its addresses are written the way real
exports write them, from the whole national division table (ref_divisions) and the hand-kept places
(ref_gazetteer): with and without province, 市 or city, in traditional Chinese (OpenCC), in English, with a
postcode, and on streets named after other places (香港路, 中山一路, 北京道 …). Nothing here asks the
warehouse's rules how a text will be read: the only restraint is meaning. An address or a name says where a
party is only through what it holds, so a party whose name holds no city is listed first with an address
(the export's address columns describe the first party only), a county name that several units share is
written with its city or province when the party is not in the GBA unit of that name, and a brand never
spells a city (安康科技 would name 安康).
"""

from __future__ import annotations

import random
import zlib
from collections import Counter
from dataclasses import dataclass, field

import opencc

from . import names as N
from .reference import GBA_CITIES, OUTSIDE, Reference

MAINLAND = GBA_CITIES[:9]
LEFT_OUT = ("海域", "雄安新区")  # division-table rows where nobody lives
STREET_WORDS = ("路", "路", "路", "街", "道", "大道", "大街", "巷")
NUMBERS = ("", "", "", "", "一", "二", "三", "四", "五", "1", "2")
DIRECTIONS = ("", "", "", "", "东", "西", "南", "北", "中")
# Streets of Hong Kong and Macau, in Chinese and English: many are named after mainland places.
HK_STREETS = (
    ("弥敦道", "Nathan Road"),
    ("上海街", "Shanghai Street"),
    ("北京道", "Peking Road"),
    ("广东道", "Canton Road"),
    ("南京街", "Nanking Street"),
    ("德辅道中", "Des Voeux Road Central"),
    ("科学园路", "Science Park Road"),
    ("大学道", "University Road"),
    ("达之路", "Tat Chee Avenue"),
    ("青山公路", "Castle Peak Road"),
    ("汕头街", "Swatow Street"),
)
MO_STREETS = (
    ("北京街", "Rua de Pequim"),
    ("广州街", "Rua de Cantão"),
    ("大学大马路", "Avenida da Universidade"),
    ("伟龙马路", "Avenida Wai Long"),
    ("友谊大马路", "Avenida da Amizade"),
)
FOREIGN = (
    ("株式会社", "日本国东京都港区芝浦{n}丁目"),
    ("株式会社", "日本国大阪府大阪市北区梅田{n}丁目"),
    (" GmbH", "{n} Leopoldstrasse, Munich, Germany"),
    (" AG", "Werkstrasse {n}, Basel, Switzerland"),
    (" Corporation", "{n} Innovation Drive, San Jose, California, USA"),
    (" Inc.", "{n} Market Street, San Francisco, CA, United States"),
    (" Pte. Ltd.", "{n} Science Park Drive, Singapore"),
    (" S.p.A.", "Via Roma {n}, Milano, Italy"),
)


@dataclass
class Party:
    pid: str
    kind: str  # 'institution' | 'enterprise' | 'individual'
    name: str  # canonical (half-width) name
    city: str  # the party's city (short name or 大湾区外): the truth
    inst_id: str | None = None
    addresses: dict[str, str] = field(default_factory=dict)  # address form -> text, all of this city
    empty_ok: bool = False  # its name or registry says its city, so the address may be left empty
    always_first: bool = False  # only its address says its city: listed first on its side, address written
    tags: tuple[str, ...] = ()

    def __hash__(self) -> int:
        return hash(self.pid)


def stable(text: str) -> int:
    return zlib.crc32(text.encode("utf-8"))


def without_shi(name: str) -> str:
    return name[:-1] if name.endswith("市") and len(name) >= 3 else name


class AddressBook:
    """Address texts per city, in the forms real exports use."""

    def __init__(self, ref: Reference, rng: random.Random):
        self.ref, self.rng = ref, rng
        self.s2t = opencc.OpenCC("s2t").convert
        counties = [
            r for r in ref.counties() if not any(x in r["division_name"] + r["prefecture_name"] for x in LEFT_OUT)
        ]
        # How many units bear each county-level name (the hand-kept towns and historical units count too).
        self.bearers = Counter(r["division_name"] for r in ref.counties())
        self.bearers.update(
            g["place_name"] for g in ref.gazetteer if g["place_kind"] in ("town", "subdistrict", "historical")
        )
        self.local = {c: [r["division_name"] for r in counties if r["city"] == c] for c in MAINLAND}
        for c in ("东莞", "中山"):  # no county level: towns and subdistricts
            self.local[c] = ref.places(c, ("town", "subdistrict"))
        self.zones = {c: ref.places(c, ("functional_zone",)) for c in MAINLAND}
        self.outside_units = [r for r in counties if r["city"] == OUTSIDE and r["prefecture_name"]]
        prefectures = [
            r["division_name"]
            for r in ref.divisions
            if r["division_level"] == "prefecture" and not any(x in r["division_name"] for x in LEFT_OUT)
        ]
        # Streets are named after places anywhere (other prefectures), and very often after the GBA's own
        # names, Hong Kong's and Macau's (中山路, 香港路, 澳门路, 沙田路 run through towns all over China).
        self.street_places = [without_shi(p) for p in prefectures if p.endswith("市")]
        self.famous_street_places = (
            "香港",
            "澳门",
            "九龙",
            "沙田",
            "中山",
            "广州",
            "深圳",
            "珠海",
            "天河",
            "长安",
            "新界",
            "南海",
            "北京",
            "上海",
            "南京",
            "湛江",
        )
        self.hk_places = ref.places("香港", ("hk_place",)) + [r["division_name"] for r in ref.counties("香港")]
        self.hk_places_en = ref.places("香港", ("hk_place",), "english")
        self.mo_places = ref.places("澳门", ("macau_place",)) + [r["division_name"] for r in ref.counties("澳门")]
        self.postcode_prefixes = {r["place_name"]: r["city"] for r in ref.gazetteer if r["place_kind"] == "postcode"}

    def _n(self) -> int:
        return self.rng.randint(1, 999)

    def street(self) -> str:
        rng = self.rng
        x = rng.random()
        if x < 0.65:
            places = self.famous_street_places if x < 0.35 else self.street_places
            name = f"{rng.choice(places)}{rng.choice(NUMBERS)}{rng.choice(DIRECTIONS)}{rng.choice(STREET_WORDS)}"
        else:
            name = rng.choice(N.STREETS)
        return f"{name}{self._n()}号"

    def postcode(self, city: str) -> str | None:
        """A postcode of `city`: under one of its prefixes and under no longer prefix of another city."""
        prefixes = [p for p, c in self.postcode_prefixes.items() if c == city]
        for _ in range(50):
            if not prefixes:
                return None
            p = self.rng.choice(prefixes)
            code = p + "".join(str(self.rng.randint(0, 9)) for _ in range(6 - len(p)))
            owner = max((q for q in self.postcode_prefixes if code.startswith(q)), key=len)
            if self.postcode_prefixes[owner] == city:
                return code
        return None

    def mainland(self, city: str, local: str | None = None) -> dict[str, str]:
        rng = self.rng
        full = self.ref.city_full[city]
        unit = local or (
            rng.choice(self.zones[city]) if self.zones[city] and rng.random() < 0.08 else rng.choice(self.local[city])
        )
        street = self.street()
        tail = f"{unit}{street}"
        pc = self.postcode(city)
        forms = {
            "full": f"{pc} 广东省{full}{tail}" if pc else f"广东省{full}{tail}",
            "city": f"{full}{tail}",
            "no_shi": f"{city}{tail}",
            "district": tail,
            "tc": self.s2t(f"广东省{full}{tail}"),
            "en": self._english(city),
        }
        if pc:
            forms["postcode"] = f"{pc} {street}"
        return forms

    def _english(self, city: str) -> str:
        rng = self.rng
        en = self.ref.city_en[city]
        road = f"{self._n()} {rng.choice(('Keji', 'Xinghua', 'Binhai', 'Gaoxin', 'Chuangye'))} Road"
        country = rng.choice(("China", "P.R. China", "PRC", "People's Republic of China"))
        if rng.random() < 0.3:  # a building named after another place
            return f"Hong Kong Garden, {road}, {en}, Guangdong, {country}"
        return f"Room {rng.randint(101, 2999)}, {road}, {en} City, Guangdong Province, {country}"

    def hong_kong(self, style: str = "district") -> dict[str, str]:
        rng, n = self.rng, self.rng.randint(1, 99)
        zh, en = rng.choice(HK_STREETS)
        if style == "shatin":
            return {"zh": f"香港新界沙田{zh}{n}号", "en": f"{n} {en}, Sha Tin, New Territories, Hong Kong"}
        if style == "pokfulam":
            return {"zh": "香港薄扶林道", "en": "Pokfulam, Hong Kong", "tc": f"香港薄扶林道{n}號"}
        place = rng.choice(self.hk_places)
        forms = {
            "zh": f"香港{place}{zh}{n}号",
            "tc": self.s2t(f"香港{place}{zh}{n}号"),
            "en": f"{n} {en}, {rng.choice(self.hk_places_en).title()}, Hong Kong",
        }
        if rng.random() < 0.3:  # Kowloon addresses often leave 香港 out: 九龙油麻地上海街438号
            forms["zh"] = f"九龙{rng.choice(('油麻地', '尖沙咀', '旺角', '红磡'))}{zh}{n}号"
        return forms

    def macau(self) -> dict[str, str]:
        rng, n = self.rng, self.rng.randint(1, 99)
        zh, en = rng.choice(MO_STREETS)
        place = rng.choice(("氹仔", "新口岸", rng.choice(self.mo_places)))
        return {"zh": f"澳门{place}{zh}{n}号", "tc": self.s2t(f"澳门{place}{zh}{n}号"), "en": f"{en} {n}, Taipa, Macau"}

    def outside(self, unit: dict | None = None, prefecture: str | None = None) -> dict[str, str]:
        """An address anywhere in China outside the GBA, from the division table."""
        rng = self.rng
        if unit is None:
            pool = [u for u in self.outside_units if not prefecture or u["prefecture_name"] == prefecture]
            unit = rng.choice(pool or self.outside_units)
        name, pref, prov = unit["division_name"], unit["prefecture_name"], unit["province_name"]
        tail = f"{name}{self.street()}"
        forms = {"province": f"{prov}{pref}{tail}" if prov != pref else f"{pref}{tail}", "city": f"{pref}{tail}"}
        if pref.endswith("市"):
            forms["no_shi"] = f"{without_shi(pref)}{tail}"
        if self.bearers[name] == 1:  # a name only one unit bears says where it is on its own
            forms["district"] = tail
        forms["tc"] = self.s2t(forms["city"])
        return forms

    def for_city(self, city: str) -> dict[str, str]:
        if city == "香港":
            return self.hong_kong()
        if city == "澳门":
            return self.macau()
        if city == OUTSIDE:
            return self.outside()
        return self.mainland(city)


class PartyFactory:
    def __init__(self, ref: Reference, rng: random.Random):
        self.ref, self.rng = ref, rng
        self.book = AddressBook(ref, rng)
        self.used_names: set[str] = set()
        self.alias_names = {a["alias"].lower() for a in ref.aliases}
        # A brand that spells a place would name that place: 金华科技 is a name from 金华.
        self.city_words = {
            without_shi(r["division_name"]) for r in ref.divisions if r["division_level"] in ("prefecture", "province")
        } | {"香港", "澳门"}
        self._n = 0

    def _pid(self, prefix: str) -> str:
        self._n += 1
        return f"{prefix}{self._n:05d}"

    def brand(self) -> str:
        while True:
            b = N.brand(self.rng)
            if b not in self.city_words:
                return b

    # --- institutions -------------------------------------------------------------------------------
    def institution(self, row: dict) -> Party:
        iid, name, city = row["institution_id"], row["institution_name"], row["city"]
        rng = random.Random(stable(iid))  # an institution's address does not depend on draw order
        saved, self.book.rng = self.book.rng, rng
        try:
            if city == "香港":
                # HKU sits in Pokfulam, CUHK in Sha Tin (and so, here, do a few others)
                style = {"HKU": "pokfulam", "CUHK": "shatin"}.get(iid) or (
                    "shatin" if stable(iid) % 4 == 0 else "district"
                )
                addresses = self.book.hong_kong(style)
            elif city == "澳门":
                addresses = self.book.macau()
            elif city == OUTSIDE:
                addresses = self._outside_institution_address(name, row.get("seat", ""))
            else:
                addresses = self.book.mainland(city)
        finally:
            self.book.rng = saved
        return Party(iid, "institution", name, city, iid, addresses, empty_ok=True)

    def _outside_institution_address(self, name: str, seat: str) -> dict[str, str]:
        """Where the name holds a prefecture's name (浙江大学 does not, 哈尔滨工业大学 does), an address at the
        institution's seat (ref_institutions.seat: 吉林大学 holds 吉林 but sits in 长春市)."""
        if not any(u["prefecture_name"] == seat for u in self.book.outside_units):
            return {}
        for r in self.ref.divisions:
            if r["division_level"] == "prefecture" and r["city"] == OUTSIDE and without_shi(r["division_name"]) in name:
                return self.book.outside(prefecture=seat)
        return {}

    def unregistered(self, name: str, city: str) -> Party:
        return Party(
            self._pid("U"),
            "institution",
            name,
            city,
            None,
            self.book.for_city(city),
            always_first=True,
            tags=("unregistered",),
        )

    # --- enterprises --------------------------------------------------------------------------------
    def _fresh(self, make) -> str:
        for _ in range(1000):
            name = make()
            if name not in self.used_names and name.lower() not in self.alias_names:
                self.used_names.add(name)
                return name
        raise RuntimeError("cannot find a fresh enterprise name")

    def enterprise(self, city: str, style: str, local: str | None = None, **kw) -> Party:
        """An enterprise of `city` whose registered name has the given form. `name_city` is the city its name
        holds (None when it holds none): the generator knows it because it wrote it."""
        rng = self.rng
        full = self.ref.city_full.get(city) or ""
        en = self.ref.city_en.get(city, "")
        sector = lambda: rng.choice(N.SECTORS)  # noqa: E731
        form = lambda: rng.choice(N.FORMS)  # noqa: E731
        tags: tuple[str, ...] = (style,)
        name_city = city
        if style == "city":  # 深圳市华信科技有限公司
            name = self._fresh(lambda: f"{full}{self.brand()}{sector()[0]}{form()}")
        elif style == "no_shi":  # 珠海华信电器股份有限公司
            name = self._fresh(lambda: f"{city}{self.brand()}{sector()[0]}{form()}")
        elif style == "group":  # 广州市华信科技(集团)有限公司
            name = self._fresh(lambda: f"{full}{self.brand()}{sector()[0]}(集团)有限公司")
        elif style == "bracket":  # 华信科技(深圳)有限公司
            name = self._fresh(lambda: f"{self.brand()}{sector()[0]}({city}){form()}")
        elif style == "partnership":  # 深圳市华信创业投资合伙企业(有限合伙)
            name = self._fresh(
                lambda: f"{full}{self.brand()}{rng.choice(('创业投资', '股权投资', '科技'))}合伙企业(有限合伙)"
            )
        elif style == "branch":  # 华信科技(深圳)有限公司广州分公司: the branch is where it is
            home = rng.choice([c for c in MAINLAND if c != city])
            name = self._fresh(lambda: f"{self.ref.city_full[home]}{self.brand()}{sector()[0]}有限公司{city}分公司")
        elif style == "english":  # Shenzhen Huaxin Technology Co., Ltd.
            name = self._fresh(lambda: f"{en} {N.brand_en(self.brand())} {sector()[1]} Co., Ltd.")
        elif style == "english_bracket":  # Huaxin Technology (Shenzhen) Co., Ltd.
            name = self._fresh(lambda: f"{N.brand_en(self.brand())} {sector()[1]} ({en}) Co., Ltd.")
        elif style == "hk_zh":
            name = self._fresh(lambda: f"香港{self.brand()}{sector()[0]}有限公司")
        elif style == "hk_bracket":
            name = self._fresh(lambda: f"{self.brand()}{sector()[0]}(香港)有限公司")
        elif style == "hk_en":
            name = self._fresh(lambda: f"{N.brand_en(self.brand())} {sector()[1]} (Hong Kong) Limited")
        elif style == "mo_zh":
            name = self._fresh(lambda: f"澳门{self.brand()}{sector()[0]}有限公司")
        elif style == "mo_en":
            name = self._fresh(lambda: f"{N.brand_en(self.brand())} {sector()[1]} (Macau) Limited")
        elif style == "university":  # 华南理工大学资产经营有限公司 (an enterprise whose name holds 大学)
            name = self._fresh(lambda: f"{kw['university']}{rng.choice(N.ASSET_SUFFIXES)}")
            name_city = None
        elif style == "plain":  # 华信科技有限公司: only its address says where it is
            name = self._fresh(lambda: f"{self.brand()}{sector()[0]}{form()}")
            name_city = None
        elif style == "foreign":  # 華信株式会社, Huaxin GmbH (outside the GBA: the address is abroad)
            suffix, address = rng.choice(FOREIGN)
            name = self._fresh(
                lambda: (
                    f"{self.brand()}{sector()[0]}{suffix}"
                    if not suffix.startswith(" ")
                    else f"{N.brand_en(self.brand())} {sector()[1]}{suffix}"
                )
            )
            kw["abroad"] = address.format(n=rng.randint(1, 30))
            name_city = None
        elif style == "outside":  # 杭州华信科技有限公司: a prefecture outside the GBA, with or without 市
            unit = kw.get("unit") or rng.choice(self.book.outside_units)
            kw["unit"] = unit
            pref = unit["prefecture_name"]
            lead = pref if not pref.endswith("市") or rng.random() < 0.6 else without_shi(pref)
            name = self._fresh(lambda: f"{lead}{self.brand()}{sector()[0]}{form()}")
        else:
            raise ValueError(style)
        if "abroad" in kw:
            addresses = {"abroad": kw["abroad"]}
        elif city == "香港":
            addresses = self.book.hong_kong(kw.get("hk_style", "district"))
        elif city == "澳门":
            addresses = self.book.macau()
        elif city == OUTSIDE:
            addresses = self.book.outside(unit=kw.get("unit"))
            if kw.get("trap"):
                tags += ("outside_" + kw["unit"]["division_name"],)
        else:
            addresses = self.book.mainland(city, local)
            if local:
                tags += ("local_" + local,)
        named = name_city is not None
        return Party(
            self._pid("E"), "enterprise", name, city, None, addresses, empty_ok=named, always_first=not named, tags=tags
        )

    # --- people and banks ---------------------------------------------------------------------------
    def individual(self, city: str | None = None) -> Party:
        name = self._fresh(lambda: N.person(self.rng))
        city = city or self.rng.choice(MAINLAND)
        return Party(self._pid("P"), "individual", name, city, None, self.book.for_city(city), always_first=True)

    def bank(self, city: str) -> Party:
        name = f"{self.rng.choice(N.BANKS)}{self.ref.city_full.get(city) or city}分行"
        return Party(
            f"B:{name}", "enterprise", name, city, None, self.book.for_city(city), always_first=True, tags=("bank",)
        )
