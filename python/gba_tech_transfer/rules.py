"""The contract's reading rules (docs/architecture.md), in Python.

The generator uses them to check that every row it writes resolves, under exactly these rules, to what it
intends (an address to the intended city, a name to the intended party type, a main IPC to the intended
industry); `audit` uses them to read a whole export the way the SQL models do. Keep them in step with the
contract: change the rule there first.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

# --- folding -------------------------------------------------------------------------------------------

_FOLD = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FOLD[0x3000] = 0x20
_FOLD[0x00A0] = 0x20
_WS = re.compile(r"\s+")


def fold_width(text: str | None) -> str:
    """Full-width ASCII -> ASCII, U+3000 -> space, runs of whitespace -> one space, trimmed."""
    if text is None:
        return ""
    return _WS.sub(" ", text.translate(_FOLD)).strip()


# --- application numbers -------------------------------------------------------------------------------

_WEIGHTS = (2, 3, 4, 5, 6, 7, 8, 9)
_APP_SHAPE = re.compile(r"\d{12}[\dX]|\d{8}[\dX]")


def check_char(body: str) -> str:
    """CNIPA check character of an 8- or 12-digit body: weights 2..9 repeating, sum mod 11, 10 -> X."""
    total = sum(int(d) * _WEIGHTS[i % 8] for i, d in enumerate(body))
    rem = total % 11
    return "X" if rem == 10 else str(rem)


def clean_app_no(raw: str) -> str:
    """Upper-case, fold, drop spaces and dots, drop a leading CN/ZL (as staging does)."""
    text = re.sub(r"[\s.]", "", fold_width(raw).upper())
    return re.sub(r"^(CN|ZL)+", "", text)


@dataclass(frozen=True)
class AppNo:
    normalised: str | None      # body.check, or None when malformed
    problem: str | None         # None, 'malformed_application_no' or 'bad_check_digit'
    type_digit: int | None


def parse_app_no(raw: str) -> AppNo:
    cleaned = clean_app_no(raw)
    if not _APP_SHAPE.fullmatch(cleaned):
        return AppNo(None, "malformed_application_no", None)
    body, check = cleaned[:-1], cleaned[-1]
    digit = int(body[4] if len(body) == 12 else body[2])
    if check_char(body) != check:
        return AppNo(f"{body}.{check}", "bad_check_digit", digit)
    return AppNo(f"{body}.{check}", None, digit)


# --- dates ---------------------------------------------------------------------------------------------

_DATE_FORMS = (
    (re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})"), None),
    (re.compile(r"(\d{4})(\d{2})(\d{2})"), None),
    (re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})"), None),
    (re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日"), None),
)


def parse_date(raw: str | None) -> dt.date | None:
    """A date in one of the contract's forms, or None (empty, unparseable or impossible)."""
    text = fold_width(raw)
    for pattern, _ in _DATE_FORMS:
        m = pattern.fullmatch(text)
        if m:
            try:
                return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                return None
    return None


# --- party lists and types -----------------------------------------------------------------------------

def split_parties(raw: str | None) -> list[str]:
    """Fold, split on ';', trim each, drop empties."""
    return [p.strip() for p in fold_width(raw).split(";") if p.strip()]


_COMPANY_ZH = ("有限公司", "股份有限公司", "有限责任公司", "集团", "集團", "公司", "厂", "廠")
_COMPANY_EN = ("co.", "ltd", "limited", "inc.", "corp.")
_RESEARCH_ZH = ("大学", "大學", "学院", "學院", "研究院", "研究所", "研究中心", "实验室", "實驗室", "医院", "醫院")
_RESEARCH_EN = ("university", "institute", "college", "academy", "laboratory", "hospital")
_INDIVIDUAL = re.compile(r"[\u4e00-\u9fff]{2,4}")


def is_company_form(name: str) -> bool:
    low = name.lower()
    return any(t in name for t in _COMPANY_ZH) or any(t in low for t in _COMPANY_EN)


class PartyClassifier:
    """Party type per name, in the contract's order: company form, registered alias, keyword, individual."""

    def __init__(self, aliases: dict[str, str]):
        # alias (folded, lower-cased) -> institution_id
        self.aliases = {fold_width(a).lower(): i for a, i in aliases.items()}
        self._cache: dict[str, tuple[str, str | None]] = {}

    def classify(self, name: str) -> tuple[str, str | None]:
        """('enterprise' | 'research_institution' | 'individual' | 'other', institution_id or None)."""
        if name not in self._cache:
            self._cache[name] = self._classify(name)
        return self._cache[name]

    def _classify(self, name: str) -> tuple[str, str | None]:
        folded = fold_width(name)
        low = folded.lower()
        if is_company_form(folded):
            return "enterprise", None
        if low in self.aliases:
            return "research_institution", self.aliases[low]
        if any(t in folded for t in _RESEARCH_ZH) or any(t in low for t in _RESEARCH_EN):
            return "research_institution", None
        if _INDIVIDUAL.fullmatch(folded):
            return "individual", None
        return "other", None


# --- cities --------------------------------------------------------------------------------------------

_POSTCODE = re.compile(r"\d{6}")


class CityResolver:
    """City of a party: address (first-listed only), then registry, then a 市 city name in the name."""

    def __init__(self, gazetteer: list[dict], institution_city: dict[str, str]):
        self.postcodes: list[tuple[str, str]] = []
        self.places: list[tuple[int, str, str]] = []   # (priority, lower-cased name, city)
        self.city_names: list[tuple[str, str]] = []    # priority-1 names for the name rule
        for row in gazetteer:
            name, city, kind, prio = row["place_name"], row["city"], row["place_kind"], int(row["match_priority"])
            if kind == "postcode":
                self.postcodes.append((name, city))
            else:
                self.places.append((prio, fold_width(name).lower(), city))
                if prio == 1:
                    self.city_names.append((fold_width(name).lower(), city))
        self.institution_city = institution_city
        self._cache: dict[str, str | None] = {}
        self._by_first: dict[str, list[tuple[int, str, str]]] = {}
        for prio, name, city in self.places:
            self._by_first.setdefault(name[0], []).append((prio, name, city))

    def from_address(self, address: str | None) -> str | None:
        """Lowest match_priority, then leftmost position, then longest name; postcodes only at the start."""
        text = fold_width(address).lower()
        if not text:
            return None
        if text in self._cache:
            return self._cache[text]
        best: tuple[int, int, int, str] | None = None
        for pos, ch in enumerate(text):
            for prio, name, city in self._by_first.get(ch, ()):
                if text.startswith(name, pos):
                    key = (prio, pos, -len(name), city)
                    if best is None or key < best:
                        best = key
        m = _POSTCODE.match(text)
        if m:
            for code, city in self.postcodes:
                if m.group(0).startswith(code):
                    key = (2, 0, -len(code), city)
                    if best is None or key < best:
                        best = key
        result = best[3] if best else None
        self._cache[text] = result
        return result

    def from_name(self, name: str) -> str | None:
        text = fold_width(name).lower()
        best: tuple[int, int, str] | None = None
        for place, city in self.city_names:
            pos = text.find(place)
            if pos >= 0 and (best is None or (pos, -len(place)) < best[:2]):
                best = (pos, -len(place), city)
        return best[2] if best else None

    def resolve(self, name: str, institution_id: str | None, address: str | None, first: bool) -> str | None:
        if first:
            city = self.from_address(address)
            if city:
                return city
        if institution_id and institution_id in self.institution_city:
            return self.institution_city[institution_id]
        return self.from_name(name)


# --- industries ----------------------------------------------------------------------------------------

def normalise_ipc(code: str | None) -> str:
    return re.sub(r"\s", "", fold_width(code)).upper()


class IndustryMapper:
    """Industry of a main IPC: the longest concordance prefix it starts with (C12N15 needs C12N15/...)."""

    def __init__(self, concordance: list[dict]):
        self.prefixes = sorted(
            ((normalise_ipc(r["ipc_prefix"]), int(r["industry_id"])) for r in concordance),
            key=lambda p: -len(p[0]),
        )
        self._cache: dict[str, int | None] = {}
        self._by_head: dict[str, list[tuple[str, int]]] = {}   # prefixes by their first 3 characters
        for p, i in self.prefixes:
            self._by_head.setdefault(p[:3], []).append((p, i))

    @staticmethod
    def matches(prefix: str, code: str) -> bool:
        if not code.startswith(prefix):
            return False
        if len(prefix) > 4 and "/" not in prefix:
            return len(code) > len(prefix) and code[len(prefix)] == "/"
        return True

    def industry(self, code: str) -> int | None:
        code = normalise_ipc(code)
        if code not in self._cache:
            candidates = self._by_head.get(code[:3], ())
            self._cache[code] = next((i for p, i in candidates if self.matches(p, code)), None)
        return self._cache[code]
