"""Parties of the synthetic export: institutions (from the registry seed), fictional enterprises and people,
each with addresses that resolve, under the contract's rules, to the party's intended city.
"""

from __future__ import annotations

import random
import zlib
from dataclasses import dataclass, field

from . import names as N
from .reference import GBA_CITIES, OUTSIDE, Reference

MAINLAND = GBA_CITIES[:9]
LOCAL_KINDS = ("district", "county", "county_city", "town", "street", "functional_zone")


@dataclass
class Party:
    pid: str
    kind: str                  # 'institution' | 'enterprise' | 'individual'
    name: str                  # canonical (half-width) name
    city: str                  # intended city (short name or 大湾区外)
    inst_id: str | None = None
    addresses: dict[str, str] = field(default_factory=dict)   # address form -> text (all resolve to city)
    empty_ok: bool = False     # with no address, registry or name still gives the city
    always_first: bool = False  # its city is only readable from its address
    tags: tuple[str, ...] = ()

    def __hash__(self) -> int:
        return hash(self.pid)


def stable(text: str) -> int:
    return zlib.crc32(text.encode("utf-8"))


class AddressBook:
    """Builds address texts per city and keeps only those the gazetteer reads as that city."""

    def __init__(self, ref: Reference, rng: random.Random):
        self.ref, self.rng, self.res = ref, rng, ref.resolver
        self.streets = [s for s in N.STREETS if self.res.from_address(s) is None]
        self.local = {c: [p for p in ref.places(c, LOCAL_KINDS) if self.res.from_address(p + "1号") == c]
                      for c in MAINLAND}
        for c in MAINLAND:
            if not self.local[c]:
                raise ValueError(f"gazetteer has no usable district/town for {c}")
        self.outside_cities = [p for p in ref.places(OUTSIDE, ("city",)) if self.res.from_address(p) == OUTSIDE]
        self.hk_zh = [p for p in ref.places("香港", ("hk_district",)) if p.endswith("区")]
        self.hk_tc = [p for p in ref.places("香港", ("hk_district",), "traditional") if p.endswith("區")]
        self.hk_en = [p for p in ref.places("香港", ("hk_district",), "english") if " " in p and "district" not in p]

    def _number(self) -> str:
        return f"{self.rng.randint(1, 999)}号"

    def postcode(self, city: str) -> str | None:
        prefixes = sorted(self.ref.postcodes(city), key=len)
        for _ in range(50):
            if not prefixes:
                return None
            p = prefixes[0]
            code = p + "".join(str(self.rng.randint(0, 9)) for _ in range(6 - len(p)))
            if self.res.from_address(code + " ") == city:
                return code
        return None

    def _keep(self, city: str, forms: dict[str, str]) -> dict[str, str]:
        return {k: v for k, v in forms.items() if self.res.from_address(v) == city}

    def mainland(self, city: str, local: str | None = None) -> dict[str, str]:
        full = self.ref.city_full[city]
        for _ in range(20):
            d = local or self.rng.choice(self.local[city])
            tail = f"{d}{self.rng.choice(self.streets)}{self._number()}"
            pc = self.postcode(city)
            forms = self._keep(city, {
                "full": f"{pc} 广东省{full}{tail}" if pc else f"广东省{full}{tail}",
                "city": f"{full}{tail}",
                "district": tail,
            })
            if len(forms) == 3:
                return forms
        raise ValueError(f"cannot build an address for {city}")

    def hong_kong(self, style: str = "district") -> dict[str, str]:
        n = self.rng.randint(1, 99)
        i = self.rng.randrange(len(N.HK_STREETS))
        if style == "shatin":
            forms = {"zh": f"香港新界沙田{N.HK_STREETS[i]}{n}号",
                     "en": f"{n} {N.HK_STREETS_EN[i]}, Sha Tin, New Territories, Hong Kong"}
        elif style == "pokfulam":
            forms = {"zh": "香港薄扶林道", "en": "Pokfulam, Hong Kong", "tc": f"香港薄扶林道{n}號"}
        else:
            j = self.rng.randrange(len(self.hk_zh))
            forms = {"zh": f"香港{self.hk_zh[j]}{N.HK_STREETS[i]}{n}号",
                     "tc": f"香港{self.rng.choice(self.hk_tc)}{N.HK_STREETS[i]}{n}號",
                     "en": f"{n} {N.HK_STREETS_EN[i]}, {self.rng.choice(self.hk_en).title()}, Hong Kong"}
        forms = self._keep("香港", forms)
        assert forms, "no Hong Kong address resolves"
        return forms

    def macau(self) -> dict[str, str]:
        n = self.rng.randint(1, 99)
        forms = {"zh": f"澳门氹仔{self.rng.choice(N.MO_STREETS)}{n}号",
                 "tc": f"澳門氹仔{self.rng.choice(N.MO_STREETS)}{n}號",
                 "en": f"{self.rng.choice(N.MO_STREETS_EN)} {n}, Taipa, Macau"}
        forms = self._keep("澳门", forms)
        assert forms, "no Macau address resolves"
        return forms

    def outside(self, city_name: str | None = None, district: str = "", province: str = "") -> dict[str, str]:
        c = city_name or self.rng.choice(self.outside_cities)
        text = f"{province}{c}{district}{self.rng.choice(self.streets)}{self._number()}"
        forms = self._keep(OUTSIDE, {"full": text})
        if not forms:
            raise ValueError(f"outside address does not resolve outside the GBA: {text}")
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
        self._n = 0

    def _pid(self, prefix: str) -> str:
        self._n += 1
        return f"{prefix}{self._n:05d}"

    def _check(self, p: Party) -> Party:
        """Assert that the rules read this party as intended (type and, where it matters, city)."""
        kind, inst = self.ref.classifier.classify(p.name)
        expect = {"institution": "research_institution", "enterprise": "enterprise", "individual": "individual"}
        assert kind == expect[p.kind], (p.name, kind)
        if p.inst_id:
            assert inst == p.inst_id, (p.name, inst)
        for text in p.addresses.values():
            assert self.ref.resolver.from_address(text) == p.city, (p.name, text)
        if p.empty_ok:
            assert self.ref.resolver.resolve(p.name, p.inst_id, None, False) == p.city, p.name
        return p

    # --- institutions -------------------------------------------------------------------------------
    def institution(self, row: dict) -> Party:
        iid, name, city = row["institution_id"], row["institution_name"], row["city"]
        rng = random.Random(stable(iid))   # an institution's address does not depend on draw order
        saved, self.book.rng = self.book.rng, rng
        try:
            if city == "香港":
                # HKU sits in Pokfulam, CUHK in Sha Tin (and so, here, do a few others)
                style = {"HKU": "pokfulam", "CUHK": "shatin"}.get(iid) or (
                    "shatin" if stable(iid) % 4 == 0 else "district")
                addresses = self.book.hong_kong(style)
            elif city == "澳门":
                addresses = self.book.macau()
            elif city == OUTSIDE:
                addresses = self._outside_institution_address(name)
            else:
                addresses = self.book.mainland(city)
        finally:
            self.book.rng = saved
        return self._check(Party(iid, "institution", name, city, iid, addresses, empty_ok=True))

    def _outside_institution_address(self, name: str) -> dict[str, str]:
        for place in self.book.outside_cities:
            if place[:-1] in name:
                return self.book.outside(place)
        return {}

    def unregistered(self, name: str, city: str) -> Party:
        return self._check(Party(self._pid("U"), "institution", name, city, None, self.book.for_city(city),
                                 always_first=True, tags=("unregistered",)))

    # --- enterprises --------------------------------------------------------------------------------
    def _fresh(self, make) -> str:
        for _ in range(1000):
            name = make()
            if name not in self.used_names and name.lower() not in self.alias_names:
                self.used_names.add(name)
                return name
        raise RuntimeError("cannot find a fresh enterprise name")

    def enterprise(self, city: str, style: str, local: str | None = None, **kw) -> Party:
        rng = self.rng
        sector, sector_en = rng.choice(N.SECTORS)
        full = self.ref.city_full.get(city) or ""
        tags: tuple[str, ...] = (style,)
        if style == "city":        # 深圳市华信科技有限公司: the name alone gives the city
            name = self._fresh(lambda: f"{full}{N.brand(rng)}{rng.choice(N.SECTORS)[0]}{rng.choice(N.FORMS)}")
        elif style == "group":     # 广州市华信科技(集团)有限公司
            name = self._fresh(lambda: f"{full}{N.brand(rng)}{rng.choice(N.SECTORS)[0]}(集团)有限公司")
        elif style == "bracket":   # 华信科技(深圳)有限公司
            name = self._fresh(lambda: f"{N.brand(rng)}{rng.choice(N.SECTORS)[0]}({city})有限公司")
        elif style == "english":   # Shenzhen Huaxin Technology Co., Ltd.
            name = self._fresh(lambda: f"{self.ref.city_en[city]} {N.brand_en(N.brand(rng))} "
                                       f"{rng.choice(N.SECTORS)[1]} Co., Ltd.")
        elif style == "hk_zh":
            name = self._fresh(lambda: f"香港{N.brand(rng)}{rng.choice(N.SECTORS)[0]}有限公司")
        elif style == "hk_en":
            name = self._fresh(lambda: f"{N.brand_en(N.brand(rng))} {rng.choice(N.SECTORS)[1]} (Hong Kong) Limited")
        elif style == "mo_zh":
            name = self._fresh(lambda: f"澳门{N.brand(rng)}{rng.choice(N.SECTORS)[0]}有限公司")
        elif style == "mo_en":
            name = self._fresh(lambda: f"{N.brand_en(N.brand(rng))} {rng.choice(N.SECTORS)[1]} (Macau) Limited")
        elif style == "university":  # 华南理工大学资产经营有限公司 (an enterprise whose name holds 大学)
            name = self._fresh(lambda: f"{kw['university']}{rng.choice(N.ASSET_SUFFIXES)}")
        elif style == "outside":
            kw["place"] = place = kw.get("place") or rng.choice(self.book.outside_cities)
            name = self._fresh(lambda: f"{place}{N.brand(rng)}{rng.choice(N.SECTORS)[0]}{rng.choice(N.FORMS)}")
        else:
            raise ValueError(style)
        if city == "香港":
            addresses = self.book.hong_kong(kw.get("hk_style", "district"))
        elif city == "澳门":
            addresses = self.book.macau()
        elif city == OUTSIDE:
            addresses = self.book.outside(kw.get("place"), kw.get("district", ""), kw.get("province", ""))
            if kw.get("district"):
                tags += ("outside_" + kw["district"],)
        else:
            addresses = self.book.mainland(city, local)
            if local:
                tags += ("local_" + local,)
        name_city = self.ref.resolver.from_name(name)
        empty_ok = name_city == city and city != OUTSIDE
        if name_city not in (None, city):
            return self.enterprise(city, style, local, **kw)
        return self._check(Party(self._pid("E"), "enterprise", name, city, None, addresses, empty_ok=empty_ok,
                                 always_first=not empty_ok, tags=tags))

    # --- people and banks ---------------------------------------------------------------------------
    def individual(self, city: str | None = None) -> Party:
        name = self._fresh(lambda: N.person(self.rng))
        city = city or self.rng.choice(MAINLAND)
        return self._check(Party(self._pid("P"), "individual", name, city, None, self.book.for_city(city),
                                 always_first=True))

    def bank(self, city: str) -> Party:
        name = f"{self.rng.choice(N.BANKS)}{self.ref.city_full.get(city) or city}分行"
        return Party(f"B:{name}", "enterprise", name, city, None, self.book.for_city(city), always_first=True,
                     tags=("bank",))
